"""The fast ICS and JSON writers give the bytes of the library paths they replace, on every timeline.

``ics.render`` writes VEVENTs itself (icalendar's objects cost milliseconds per event) and must match
``ics.calendar(...).to_ical()``; ``json.render`` uses pydantic's serializer and must match
``json.dumps`` of ``model_dump``. Besides the shared test timelines, a random one stresses what the
writers must get right: TEXT escapes, folding at 75 octets next to multi-byte characters, backslashes
and carets, ``\\N``, control characters, times with zones, open and coarse dates, empty outlets.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from radicale_server import edge_timeline, many_timeline

from tests.conftest import REPO, make_hostile_timeline, make_sample_timeline
from timeline.export import ExportOptions, ics, shown
from timeline.export import json as json_export
from timeline.models import Article, Event, Modifier, Precision, Source, Timeline, When, event_sort_key

_PIECES = ["a", "Zürich", "naïve", "漢字", "😀", "\\", "^", "\\N", ";", ",", " ", "  ", "\n", "\r\n", "\t",
           "\x0b", "\x07", "—", "“", "é" * 40, "x" * 73, "\\" * 3, "http://x.example/?a=1,b=2;c"]


def _noisy(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(n)).strip() or "x"


def _random_timeline(seed: int, n: int = 150) -> Timeline:
    rng = random.Random(seed)
    utc = dt.UTC
    cet = dt.timezone(dt.timedelta(hours=1))
    windows = [
        When(value="2025-06-10", start=dt.date(2025, 6, 10), end=dt.date(2025, 6, 10), precision=Precision.DAY),
        When(value="2025-06", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30), precision=Precision.MONTH),
        When(value="2024", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), precision=Precision.YEAR),
        When(value="2025-06-09T14:30", type="TIME", start=dt.datetime(2025, 6, 9, 14, 30, tzinfo=cet),
             end=dt.datetime(2025, 6, 9, 14, 30, tzinfo=cet), precision=Precision.MINUTE),
        When(value="2025-06-09T09:05:07", type="TIME", start=dt.datetime(2025, 6, 9, 9, 5, 7, tzinfo=utc),
             end=dt.datetime(2025, 6, 9, 9, 5, 7, tzinfo=utc), precision=Precision.SECOND),
        When(value="2025-06-09T09:05", type="TIME", start=dt.datetime(2025, 6, 9, 9, 5),
             end=dt.datetime(2025, 6, 9, 9, 5), precision=Precision.MINUTE),
        When(value="PAST_REF", start=dt.date(2025, 5, 1), end=dt.date(2025, 6, 11), modifier=Modifier.APPROX),
        When(value="FUTURE_REF", start=dt.date(2025, 6, 12), modifier=Modifier.AFTER),
        When(value="2025-06-02", start=dt.date(2025, 6, 2), end=dt.date(2025, 6, 20), precision=Precision.DAY),
        When(value="P4Y", type="DURATION", start=dt.date(2017, 1, 20), end=dt.date(2021, 1, 20), precision=Precision.DAY),
        When(value="XXXX-06-10"),
    ]
    articles = []
    for i in range(8):
        text = _noisy(rng, 400)
        articles.append(Article(id=f"art{i}", title=_noisy(rng, 6), text=text, url=rng.choice([None, f"https://n.example/{i}"]),
                                source=rng.choice([None, "", _noisy(rng, 3)]),
                                published=rng.choice([None, dt.date(2025, 6, 11), dt.datetime(2025, 6, 11, 7, 30, tzinfo=cet)])))
    events = []
    for i in range(n):
        sources = []
        for art in rng.sample(articles, rng.randrange(1, 4)):
            start = rng.randrange(0, len(art.text) - 50)
            sources.append(Source.at(art, start, start + rng.randrange(1, 50)))
        events.append(Event(id=f"ev-{i}", title=_noisy(rng, 5)[:90], when=rng.choice(windows), quote=sources[0].quote,
                            sources=sources, actors=[], kind=rng.choice([None, "vote", _noisy(rng, 2)]),
                            date_text=rng.choice([None, _noisy(rng, 2)]), confidence=rng.choice([0.3, 0.5, 1.0])))
    events.sort(key=event_sort_key)
    return Timeline(title=_noisy(rng, 4), articles=[a.info() for a in articles], events=events)


def _timelines() -> list[Timeline]:
    golden = Timeline.model_validate_json((REPO / "exports" / "timeline.json").read_text("utf-8"))
    return [make_sample_timeline(), make_hostile_timeline(), edge_timeline(), many_timeline(), golden,
            *(_random_timeline(seed) for seed in range(4))]


@pytest.mark.parametrize("timeline", _timelines(), ids=lambda t: t.title[:20])
def test_fast_ics_writes_what_icalendar_writes(timeline: Timeline) -> None:
    for options in (ExportOptions(), ExportOptions(all_events=True)):  # render leaves out minor events unless asked
        assert ics.render(timeline, options)[ics.FILE] == ics.calendar(shown(timeline, options), options).to_ical()


@pytest.mark.parametrize("timeline", _timelines(), ids=lambda t: t.title[:20])
def test_fast_json_writes_what_json_dumps_writes(timeline: Timeline) -> None:
    fast = json_export.render(timeline, ExportOptions())[json_export.FILE]
    assert fast == json_export.dumps(timeline.model_dump(mode="json"))


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character() -> None:
    data = ics.render(_random_timeline(9), ExportOptions())[ics.FILE]
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # every physical line is whole UTF-8
    assert any(len(line) == 75 for line in lines) and any(line.startswith(b" ") for line in lines)
