"""Which days matter: date salience from mentions and publications, and the selection of L days.

A day is salient when many articles name it and many are published on it (the two signals of
date-wise timeline summarisation, Tran et al. 2013; Gholipour Ghalandari & Ifrim 2020): the
salience of day d is the number of articles that name d plus the number published on d.

Selection is greedy by salience with one correction for redundancy: news reports a happening on
its day and again the next day ("yesterday"), so a salient day lifts its neighbours with its echo;
date-wise systems fill 62% of their consecutive slots with adjacent days, journalists 45%. Once a
day is chosen, the days right next to it keep only ``1 - ECHO`` of their salience: still chosen
when they are salient on their own, not for the echo. ``ECHO`` is checked by leave-one-story-out
cross-validation (summarize/README.md).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

ECHO = 0.35
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DayEvidence:
    """What the articles say about one day."""

    named: int = 0  # articles that name the day
    published: int = 0  # articles published on it

    @property
    def salience(self) -> float:
        return float(self.named + self.published)


def evidence(named_by: Iterable[Iterable[dt.date]], published: Iterable[dt.date | None]) -> dict[dt.date, DayEvidence]:
    """Day -> evidence, from the set of days each article names and each article's publication day."""
    named = Counter(d for days in named_by for d in set(days))
    pub = Counter(d for d in published if d is not None)
    return {d: DayEvidence(named[d], pub[d]) for d in sorted(set(named) | set(pub))}


def select(scores: dict[dt.date, float], count: int, since: dt.date | None = None,
           until: dt.date | None = None, echo: float = ECHO) -> list[dt.date]:
    """Up to ``count`` days by salience, in date order; neighbours of a chosen day are discounted.

    A lazy heap: a day's score only drops when a neighbour is chosen, so each pick costs log n.
    Ties go to the earlier day, so the result is deterministic.
    """
    live = {d: s for d, s in scores.items() if s > 0 and (since is None or d >= since) and (until is None or d <= until)}
    heap = [(-s, d.toordinal(), d) for d, s in live.items()]
    heapq.heapify(heap)
    chosen: list[dt.date] = []
    while heap and len(chosen) < count:
        neg, _, day = heapq.heappop(heap)
        if day not in live:
            continue
        if -neg != live[day]:  # stale entry: the day was discounted after it was pushed
            heapq.heappush(heap, (-live[day], day.toordinal(), day))
            continue
        chosen.append(day)
        del live[day]
        for near in neighbours(day):
            if near in live:
                live[near] *= 1 - echo
                heapq.heappush(heap, (-live[near], near.toordinal(), near))
    return sorted(chosen)


def neighbours(day: dt.date) -> tuple[dt.date, ...]:
    """The days before and after ``day`` that exist (none before 1 January of year 1)."""
    return tuple(day + step for step in (-ONE_DAY, ONE_DAY)
                 if (step < dt.timedelta(0) and day > dt.date.min) or (step > dt.timedelta(0) and day < dt.date.max))


def default_count(scores: dict[dt.date, float], low: int = 3, high: int = 40) -> int:
    """A sensible number of key days when none is asked for: the knee of the salience curve.

    Sorted from the most salient down, salience falls steeply over the days a story is about and
    then flattens into background mentions; the knee (the point farthest from the straight line
    between the first and last values) is where it turns. Kept within [low, high].
    """
    values = sorted((s for s in scores.values() if s > 0), reverse=True)
    if len(values) <= low:
        return len(values)
    first, last, n = values[0], values[-1], len(values) - 1
    if first == last:
        return min(high, len(values))
    # distance from the chord, up to a constant factor: |(last-first)*i - n*(v-first)|
    knee = max(range(len(values)), key=lambda i: abs((last - first) * i - n * (values[i] - first)))
    return max(low, min(high, knee))  # the days before the elbow, where the flat tail begins
