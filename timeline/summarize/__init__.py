"""Timeline summarisation: the key days of a story and the sentences that tell each of them.

    digest(article, mentions)                 -> Digest   per article, beside the tagger
    summarize(digests, dates=L, sentences=K,
              since=..., until=...)           -> [DaySummary] in date order
    day_scores(digests)                       -> {day: salience}
    key_events(timeline, dates=None)          -> Timeline with Event.key set on the key events

Date-wise, as the best non-neural methods on Timeline17 (Gholipour Ghalandari & Ifrim 2020): rank
days by how many articles name them and are published on them (``dates.py``), then summarise each
chosen day by its most central sentences (``sentences.py``). ``key_events`` applies the same day
ranking to the merged events (their sources' articles and publication days), so the events that
``timeline build`` highlights are those of the days the summary would pick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar

from timeline.models import ArticleInfo, Event, Timeline
from timeline.summarize.candidates import Candidate, Digest, digest, single_day
from timeline.summarize.dates import ECHO, DayEvidence, default_count, evidence, select
from timeline.summarize.sentences import Idf, candidates_by_day, central, cosine

E = TypeVar("E")

__all__ = ["ECHO", "Candidate", "DayEvidence", "DaySummary", "Digest", "day_scores", "default_count", "digest",
           "evidence", "key_events", "key_ids", "select", "single_day", "summarize"]


@dataclass(frozen=True)
class DaySummary:
    date: dt.date
    sentences: tuple[str, ...]
    salience: float
    events: tuple[str, ...] = ()  # ids of the timeline's events on this day, most salient first

    def to_dict(self) -> dict[str, object]:
        return {"date": self.date.isoformat(), "sentences": list(self.sentences), "events": list(self.events)}


def day_scores(digests: Sequence[Digest]) -> dict[dt.date, float]:
    ev = evidence((dg.days for dg in digests), (dg.published for dg in digests))
    return {d: e.salience for d, e in ev.items()}


def summarize(digests: Sequence[Digest], dates: int | None = None, sentences: int = 1,
              since: dt.date | None = None, until: dt.date | None = None, echo: float = ECHO) -> list[DaySummary]:
    """The summary timeline: ``dates`` days (default: the knee of the salience curve) with up to
    ``sentences`` sentences each, only days between ``since`` and ``until`` (inclusive); ``echo``
    is the share of salience a chosen day takes from its neighbours (``dates.select``)."""
    scores = {d: s for d, s in day_scores(digests).items()
              if (since is None or d >= since) and (until is None or d <= until)}
    pool = candidates_by_day(digests, set(scores))
    scores = {d: s for d, s in scores.items() if pool[d]}  # a day with no sentence to show is no summary
    idf = Idf(c.text for cands in pool.values() for c in cands)
    count = default_count(scores) if dates is None else dates
    return [DaySummary(d, tuple(central(pool[d], idf, sentences)), scores[d]) for d in select(scores, count, echo=echo)]


def key_events(timeline: Timeline, dates: int | None = None) -> Timeline:
    """The timeline with ``key`` set on the event that tells each key day best (``key_ids``)."""
    key = key_ids(timeline.articles, timeline.events, dates)
    if not key and not any(e.key for e in timeline.events):
        return timeline
    events = [e.model_copy(update={"key": e.id in key}) if e.key != (e.id in key) else e for e in timeline.events]
    return timeline.model_copy(update={"events": events})


def key_ids(articles: Iterable[ArticleInfo], events: Iterable[E], dates: int | None = None,
            quote: Callable[[E], str] = attrgetter("quote"),
            cited: Callable[[E], Iterable[str]] = lambda e: (s.article for s in e.sources)) -> set[str]:
    """The ids of the key events: for each key day, the event that tells it best (``_most_telling``).

    The days are ranked as ``summarize`` ranks them, from the events' evidence: the articles whose
    events fall on a day (an article naming the day) and the articles published on it. Minor events
    (states, weak events) are never key. ``events`` are Events or anything with their ``id``, ``when``,
    ``minor``, ``salience``, ``source_count`` and ``confidence``; ``cited(e)`` gives the ids of the
    articles an event cites, ``quote(e)`` its quote (asked only of the key days' events).
    """
    published = {a.id: (a.published.date() if isinstance(a.published, dt.datetime) else a.published)
                 for a in articles}
    on_day: dict[dt.date, list[E]] = {}
    named: dict[str, set[dt.date]] = {}
    for ev in events:
        day = single_day(ev.when)
        if day is None or ev.minor:
            continue
        on_day.setdefault(day, []).append(ev)
        for article in cited(ev):
            named.setdefault(article, set()).add(day)
    scores = {d: e.salience for d, e in evidence(named.values(), published.values()).items() if d in on_day}
    count = default_count(scores) if dates is None else dates
    chosen = select(scores, count)
    idf = Idf(quote(e) for d in chosen for e in on_day[d])
    return {_most_telling(on_day[d], idf, quote).id for d in chosen}


def _most_telling(events: list[E], idf: Idf, quote: Callable[[E], str]) -> E:
    """The event that tells its day best: salience plus how central its quote is among the day's
    reports (TF-IDF cosine to their centroid, as summary sentences are chosen), so that a boilerplate
    line dated that day loses to the happening every article describes."""
    vectors = [idf.vector(quote(e)) for e in events]
    centroid: dict[str, float] = {}
    for v in vectors:
        for t, x in v.items():
            centroid[t] = centroid.get(t, 0.0) + x
    norm = sum(x * x for x in centroid.values()) ** 0.5 or 1.0
    return max(zip(events, vectors, strict=True), key=lambda ev: (ev[0].salience + cosine(ev[1], centroid) / norm,
                                                     *_event_rank(ev[0])))[0]


def _event_rank(ev: Event | Any) -> tuple[float, int, float, str]:
    # most salient, most reported, most certain; the id last so that ties are deterministic
    return (ev.salience, ev.source_count, ev.confidence, ev.id)


def events_on(timeline: Timeline, summaries: Iterable[DaySummary]) -> list[DaySummary]:
    """Each day summary with the ids of the timeline's events on that day, most salient first."""
    by_day: dict[dt.date, list[Event]] = {}
    for ev in timeline.events:
        day = single_day(ev.when)
        if day is not None:
            by_day.setdefault(day, []).append(ev)
    return [DaySummary(s.date, s.sentences, s.salience,
                       tuple(e.id for e in sorted(by_day.get(s.date, []), key=_event_rank, reverse=True)))
            for s in summaries]
