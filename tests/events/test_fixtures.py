"""The seed fixtures through the real tagger: key events found once, with the expected dates.

Dates that only depend on the tagger's reading of one expression ("June 10", "Tuesday") are
checked against that mention's When, so these tests pin down the anchoring done here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import REPO
from timeline.events import extract_events
from timeline.events.merge import merge
from timeline.models import MAX_TITLE, Article, Event, Modifier, Timeline

temporal = pytest.importorskip("timeline.temporal")
SEEDS = REPO.parent / "shared" / "seeds"


def _load(name: str, published: dt.date) -> Article:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {path} not available")
    return Article(id=name.split("_")[0], text=path.read_text("utf-8"), published=published, source="seed")


@pytest.fixture(scope="module")
def arts() -> dict[str, Article]:
    loaded = [_load("000_8c0edfda1245d790.txt", dt.date(2025, 6, 11)), _load("003_b5e52a0a91beb0a6.txt", dt.date(2025, 12, 30))]
    return {a.id: a for a in loaded}


@pytest.fixture(scope="module")
def timeline(arts: dict[str, Article]) -> Timeline:
    events = [e for a in arts.values() for e in extract_events(a, temporal.tag(a))]
    return merge(list(arts.values()), events, "Seeds")


def _one(tl: Timeline, phrase: str) -> Event:
    hits = [e for e in tl.events if any(phrase in s.quote for s in e.sources)]
    assert len(hits) == 1, [(e.title, e.when.value) for e in hits]
    return hits[0]


def _tagged(art: Article, text: str):
    return next(m for m in temporal.tag(art) if m.text == text).when


def test_cable_and_statement_take_their_clause_dates(timeline: Timeline, arts: dict[str, Article]) -> None:
    assert _one(timeline, "dated June 10").when == _tagged(arts["000"], "June 10")
    assert _one(timeline, "stated on Tuesday").when == _tagged(arts["000"], "Tuesday")


def test_october_7_attack_takes_its_year_from_the_sentence(timeline: Timeline) -> None:
    ev = _one(timeline, "2023 Hamas attack")
    assert ev.when.start == ev.when.end == dt.date(2023, 10, 7)
    assert "October 7" in ev.quote


def test_upcoming_conference_is_open_ended_after_publication(timeline: Timeline) -> None:
    hits = [e for e in timeline.events if e.when.value == "FUTURE_REF" and any("upcoming" in s.quote for s in e.sources)]
    assert len(hits) == 1
    assert hits[0].when.start > dt.date(2025, 6, 11) and hits[0].when.end is None
    assert len(hits[0].sources) >= 2  # "an upcoming United Nations conference" and "the upcoming conference"


def test_first_term_and_return_to_office(timeline: Timeline) -> None:
    term = _one(timeline, "first term")
    assert (term.when.start, term.when.end) == (dt.date(2017, 1, 20), dt.date(2021, 1, 20))
    back = _one(timeline, "Upon returning to office")
    assert back.when.start == back.when.end == dt.date(2025, 1, 20)


def test_meeting_press_conference_and_preparations_share_one_day(timeline: Timeline) -> None:
    meeting = _one(timeline, "recent meeting")
    press = _one(timeline, "joint press conference following the meeting")
    prep = _one(timeline, "earlier in the day")
    assert meeting.when.end == dt.date(2025, 12, 30) and meeting.when.modifier == Modifier.APPROX
    assert press.when == meeting.when == prep.when
    assert len({meeting.id, press.id, prep.id}) == 3


def test_titles_and_quotes(timeline: Timeline, arts: dict[str, Article]) -> None:
    texts = {a.id: a.text for a in arts.values()}
    for e in timeline.events:
        assert 0 < len(e.title) <= MAX_TITLE
        assert not e.title.rstrip().endswith((",", ";", ":", "—", " on", " in", " dated"))
        for s in e.sources:
            assert texts[s.article][s.start : s.end] == s.quote
