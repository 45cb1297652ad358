"""Short articles of eight kinds of news (tests/events/news.yaml, written for these tests) through the
real tagger and events stage: every expected event is found with its date, title subject and kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from timeline import temporal
from timeline.events import analyse
from timeline.models import Article, Event

NEWS = yaml.safe_load((Path(__file__).with_name("news.yaml")).read_text(encoding="utf-8"))["articles"]
KINDS = ("sports", "markets", "courts", "elections", "disasters", "science", "business", "culture")


def _day(x) -> dt.date | None:
    return x.date() if isinstance(x, dt.datetime) else x


def _span(value: str) -> tuple[dt.date, dt.date]:
    """'2025-03-03' -> that day; '2025-03' -> the month; '2021' -> the year."""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return d, d
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def test_every_kind_has_three_articles_or_more() -> None:
    for kind in KINDS:
        assert sum(a["kind"] == kind for a in NEWS) >= 3, kind


@pytest.fixture(scope="module", params=NEWS, ids=lambda a: a["id"])
def case(request):
    spec = request.param
    text = " ".join(spec["text"].split())
    article = Article(id=spec["id"], text=text, published=dt.date.fromisoformat(str(spec["published"])))
    lines, events = analyse(article, temporal.tag(article))
    return spec, article, lines, events


def _event_of(word: str, article: Article, lines, events: list[Event]) -> Event | None:
    """The event whose trigger is ``word``, or the event its trigger line belongs to."""
    for e in events:
        s = e.sources[0]
        if article.text[s.trigger_start:s.trigger_end] == word:
            return e
    by_id = {e.id: e for e in events}
    for x in lines:
        if x.text == word and x.event in by_id:
            return by_id[x.event]
    return None


def test_expected_events_dates_subjects_and_kinds(case) -> None:
    spec, article, lines, events = case
    problems = []
    for want in spec["events"]:
        kinds = {x.kind for x in lines if x.text == want["trigger"]}
        if "kind" in want and kinds != {want["kind"]}:
            problems.append(f"{want['trigger']}: kind {kinds}, expected {want['kind']}")
        if set(want) <= {"trigger", "kind"}:
            continue  # a trigger named for its kind only
        ev = _event_of(want["trigger"], article, lines, events)
        if ev is None:
            problems.append(f"{want['trigger']}: no event; events: {[e.title for e in events]}")
            continue
        if "date" in want:
            first, last = _span(want["date"])
            if (_day(ev.when.start), _day(ev.when.end)) != (first, last):
                problems.append(f"{want['trigger']}: dated {ev.when.value} ({ev.when.start}..{ev.when.end}), "
                                f"expected {first}..{last}")
        if "subject" in want and not ev.title.startswith(want["subject"]):
            problems.append(f"{want['trigger']}: title {ev.title!r} does not start with {want['subject']!r}")
    assert not problems, "\n".join(problems)


def test_titles_never_start_with_a_pronoun(case) -> None:
    _spec, _article, _lines, events = case
    pronouns = {"he", "she", "it", "they", "his", "her", "its", "their", "we", "i"}
    assert events
    for e in events:
        assert e.title.split()[0].lower().strip("’'s") not in pronouns, e.title
