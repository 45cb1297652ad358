"""The pipeline on the seed fixtures against their gold files (fixtures/gold/*.json)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from timeline import ingest, pipeline
from timeline.models import Event, Mention, When

GOLD = sorted((REPO / "fixtures" / "gold").glob("*.json"))


def _article(gold: dict):
    [article] = list(ingest.read(REPO / "fixtures" / f"{gold['article']}.md"))
    assert str(article.published) == gold["published"]
    return article


@pytest.fixture(scope="module", params=GOLD, ids=lambda p: p.stem)
def case(request) -> tuple[dict, pipeline.ArticleResult]:
    gold = json.loads(Path(request.param).read_text())
    return gold, pipeline.process(_article(gold))


def _overlaps(m: Mention, start: int, end: int) -> bool:
    return m.start < end and start < m.end


def _day(x) -> dt.date | None:
    return x.date() if isinstance(x, dt.datetime) else x


def test_every_gold_expression_is_found_with_its_value(case) -> None:
    gold, result = case
    problems = []
    for g in gold["timexes"]:
        hits = [m for m in result.mentions if _overlaps(m, g["start"], g["end"])]
        if len(hits) != 1:
            problems.append(f"{g['text']!r}: {len(hits)} mentions overlap it: {[m.text for m in hits]}")
            continue
        w = hits[0].when
        if w.type != g["type"]:
            problems.append(f"{g['text']!r}: type {w.type}, expected {g['type']}")
        if "value" in g and w.value != g["value"]:
            problems.append(f"{g['text']!r}: value {w.value}, expected {g['value']}")
        for bound in ("start", "end"):
            want = g.get(f"{bound}_date")
            got = _day(getattr(w, bound))
            if want is not None and str(got) != want:
                problems.append(f"{g['text']!r}: {bound} {got}, expected {want}")
    assert not problems, "\n".join(problems)


def test_no_false_alarms_on_the_listed_phrases(case) -> None:
    gold, result = case
    bad = [(g["text"], m.text) for g in gold["not_temporal"] for m in result.mentions if _overlaps(m, g["start"], g["end"])]
    assert not bad, f"tagged although not temporal: {bad}"


def _matches(ev: Event, spec: dict, published: dt.date) -> bool:
    w = ev.when
    start, end = _day(w.start), _day(w.end)
    if "start" in spec and str(start) != spec["start"]:
        return False
    if "end" in spec and (str(end) if end else None) != spec["end"]:
        return False
    if "start_after" in spec and not (start and start > dt.date.fromisoformat(spec["start_after"])):
        return False
    if "end_on_or_before" in spec and not (end and end <= dt.date.fromisoformat(spec["end_on_or_before"])):
        return False
    return True


def test_key_events_found_once_with_their_dates(case) -> None:
    gold, result = case
    published = dt.date.fromisoformat(gold["published"])
    found: dict[str, Event] = {}
    problems = []
    for spec in gold["events"]:
        quoting = [e for e in result.events if any(spec["quote_contains"] in s.quote for s in e.sources)]
        hits = [e for e in quoting if _matches(e, spec, published)]
        if len(hits) != 1:
            problems.append(f"{spec['key']}: {len(hits)} events match; events quoting it: "
                            f"{[(e.title, e.when.value, str(e.when.start), str(e.when.end)) for e in quoting]}")
            continue
        found[spec["key"]] = hits[0]
    for spec in gold["events"]:
        other = spec.get("same_when_as")
        if other and spec["key"] in found and other in found:
            a, b = found[spec["key"]].when, found[other].when
            if (a.start, a.end) != (b.start, b.end):
                problems.append(f"{spec['key']} is dated {a.start}..{a.end}, {other} {b.start}..{b.end}: not the same day")
    assert not problems, "\n".join(problems)


def test_every_quote_is_the_exact_text_at_its_offsets(case) -> None:
    gold, result = case
    text = result.article.text
    assert result.events
    for ev in result.events:
        assert ev.quote == ev.sources[0].quote
        for s in ev.sources:
            assert text[s.start : s.end] == s.quote
        assert len(ev.title) <= 90


def test_dates_follow_the_publication_date_not_the_clock() -> None:
    """Moving the publication date one year back moves the relative dates with it."""
    gold = json.loads(GOLD[0].read_text())
    article = _article(gold)
    shifted = article.model_copy(update={"published": dt.date(2024, 6, 12)})  # also a Wednesday
    result = pipeline.process(shifted)
    tuesday = next(g for g in gold["timexes"] if g["text"] == "Tuesday")
    [m] = [m for m in result.mentions if _overlaps(m, tuesday["start"], tuesday["end"])]
    assert m.when.value == "2024-06-11"


def test_without_a_publication_date_relative_values_stay_unresolved() -> None:
    gold = json.loads(GOLD[0].read_text())
    article = _article(gold).model_copy(update={"published": None})
    result = pipeline.process(article)
    assert result.warnings, "a warning must say why relative expressions are unresolved"
    tuesday = next(g for g in gold["timexes"] if g["text"] == "Tuesday")
    [m] = [m for m in result.mentions if _overlaps(m, tuesday["start"], tuesday["end"])]
    assert m.when.start is None and m.when.end is None and "X" in m.when.value
    june = next(g for g in gold["timexes"] if g["text"] == "June 10")
    [m] = [m for m in result.mentions if _overlaps(m, june["start"], june["end"])]
    assert m.when.value == "XXXX-06-10" and isinstance(m.when, When)
