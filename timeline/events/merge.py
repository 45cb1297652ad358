"""Merge events from one or many articles into a Timeline.

Two events are the same happening when they have the same time window and say the same thing:
their titles share most content words (overlap coefficient), or they share an actor and a good
part of their words. The merged event keeps the earliest source's id, title and quote, and all
sources (so every quote is kept), in article order.

Events are taken in reading order and each joins the first earlier group it matches (greedy, so
the result is deterministic). Comparing every event with every group would be quadratic; instead
each group is indexed by its time window and its content words, and an event is compared only with
the groups that can match it (see ``_Index``): the same merges as the all-pairs loop, in near-linear
time. ``tests/events/test_merge_blocking.py`` checks that against the all-pairs reference.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from functools import cache

from timeline.models import Article, ArticleInfo, Event, Timeline, When, event_sort_key

from . import lexicon

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
# overlap coefficient of content words: a match needs at least MIN_OVERLAP with a shared actor,
# STRONG_OVERLAP without one
MIN_OVERLAP, STRONG_OVERLAP = 0.5, 0.8


@cache
def _stop() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.load("titles")["dangling"]) | {"said", "says", "say", "stated", "states"}


def content_words(title: str) -> frozenset[str]:
    """The words of a title that say what happened (no function words, no reporting verbs)."""
    words = (w.lower().rstrip("’'s") for w in _WORD.findall(title))
    return frozenset(w for w in words if w and w not in _stop())


def _window(w: When) -> tuple:
    return (w.start, w.end, w.modifier)


def _span_keys(event: Event) -> set[tuple[str, int, int]]:
    return {(s.article, s.start, s.end) for s in event.sources}


def _words_match(wa: frozenset[str], wb: frozenset[str], shared_actor: bool, kinds_agree: bool) -> bool:
    if not wa or not wb:
        return False
    overlap = len(wa & wb) / min(len(wa), len(wb))
    return overlap >= STRONG_OVERLAP or (shared_actor and overlap >= MIN_OVERLAP and kinds_agree)


def same_happening(a: Event, b: Event) -> bool:
    """Same time window and a similar title (or shared actors and a fair share of words)."""
    if _window(a.when) != _window(b.when):
        return False
    if _span_keys(a) & _span_keys(b):
        return True
    shared_actor = bool({x.lower() for x in a.actors} & {x.lower() for x in b.actors})
    kinds_agree = a.kind == b.kind or a.kind is None or b.kind is None
    return _words_match(content_words(a.title), content_words(b.title), shared_actor, kinds_agree)


def combine(first: Event, other: Event) -> Event:
    """``first`` with what ``other`` adds: its new sources and actors, the higher confidence."""
    seen = _span_keys(first)
    sources = list(first.sources) + [s for s in other.sources if (s.article, s.start, s.end) not in seen]
    actors = list(first.actors) + [x for x in other.actors if x not in first.actors]
    return first.model_copy(update={
        "sources": sources,
        "source_count": len({s.article for s in sources}),
        "actors": actors,
        "confidence": max(first.confidence, other.confidence),
        "date_text": first.date_text or other.date_text,
        "kind": first.kind or other.kind,
    })


class _Group:
    """A happening being assembled: ``combine`` of its events, kept mutable so each join is cheap."""

    __slots__ = ("actor_keys", "actors", "confidence", "date_text", "first", "kind", "sources", "span_keys", "window", "words")

    def __init__(self, first: Event, words: frozenset[str]) -> None:
        self.first = first
        self.window = _window(first.when)
        self.words = words
        self.sources = list(first.sources)
        self.span_keys = _span_keys(first)
        self.actors = list(first.actors)
        self.actor_keys = {x.lower() for x in first.actors}
        self.confidence = first.confidence
        self.date_text = first.date_text
        self.kind = first.kind

    def matches(self, ev: Event, words: frozenset[str], span_keys: set) -> bool:
        """``same_happening(self.event(), ev)`` without building the merged event."""
        if self.window != _window(ev.when):
            return False
        if not self.span_keys.isdisjoint(span_keys):
            return True
        shared_actor = any(x.lower() in self.actor_keys for x in ev.actors)
        kinds_agree = self.kind == ev.kind or self.kind is None or ev.kind is None
        return _words_match(self.words, words, shared_actor, kinds_agree)

    def add(self, ev: Event) -> None:
        for s in ev.sources:
            key = (s.article, s.start, s.end)
            if key not in self.span_keys:
                self.span_keys.add(key)
                self.sources.append(s)
        known = set(self.actors)
        for x in ev.actors:
            if x not in known:
                known.add(x)
                self.actors.append(x)
                self.actor_keys.add(x.lower())
        self.confidence = max(self.confidence, ev.confidence)
        self.date_text = self.date_text or ev.date_text
        self.kind = self.kind or ev.kind

    def event(self) -> Event:
        if len(self.sources) == len(self.first.sources) and self.actors == self.first.actors and self.kind == self.first.kind \
                and self.date_text == self.first.date_text and self.confidence == self.first.confidence:
            return self.first
        return self.first.model_copy(update={
            "sources": self.sources,
            "source_count": len({s.article for s in self.sources}),
            "actors": self.actors,
            "confidence": self.confidence,
            "date_text": self.date_text,
            "kind": self.kind,
        })


def _needed(size: int) -> int:
    """The fewest shared words that reach MIN_OVERLAP when the smaller title has ``size`` words."""
    k = math.ceil(MIN_OVERLAP * size)
    while k > 0 and (k - 1) / size >= MIN_OVERLAP:
        k -= 1
    return max(k, 1)


class _Index:
    """Which groups an event can match, without looking at the others (prefix filtering).

    A match needs the same window and either a shared source span or at least ``_needed(m)`` shared
    content words, m being the smaller word count. With every title's words in one global order
    (rarest first), two titles that share that many words share one of the first ``m - needed + 1``
    words (the prefix) of the smaller one. So each group is filed under (window, word) for all its
    words and, separately, for its prefix words; an event looks up its own prefix in the first
    table (finds the groups at least as long as itself) and all its words in the second (the
    shorter groups). Rare words have short lists, and the frequent ones are looked up only in the
    prefix table, where few titles file them.
    """

    def __init__(self, rank: dict[str, int]) -> None:
        self.rank = rank
        self.all_words: dict[tuple[Hashable, str], list[int]] = {}
        self.prefix_words: dict[tuple[Hashable, str], list[int]] = {}
        self.spans: dict[tuple[Hashable, tuple], list[int]] = {}

    def _prefix(self, words: frozenset[str]) -> list[str]:
        ordered = sorted(words, key=lambda w: (self.rank[w], w))
        return ordered[: len(ordered) - _needed(len(ordered)) + 1]

    def add(self, gid: int, window: Hashable, words: frozenset[str], span_keys: Iterable[tuple]) -> None:
        for w in words:
            self.all_words.setdefault((window, w), []).append(gid)
        for w in self._prefix(words):
            self.prefix_words.setdefault((window, w), []).append(gid)
        self.add_spans(gid, window, span_keys)

    def add_spans(self, gid: int, window: Hashable, span_keys: Iterable[tuple]) -> None:
        for key in span_keys:
            self.spans.setdefault((window, key), []).append(gid)

    def candidates(self, window: Hashable, words: frozenset[str], span_keys: Iterable[tuple]) -> list[int]:
        found: set[int] = set()
        for key in span_keys:
            found.update(self.spans.get((window, key), ()))
        if words:
            for w in self._prefix(words):
                found.update(self.all_words.get((window, w), ()))
            for w in words:
                found.update(self.prefix_words.get((window, w), ()))
        return sorted(found)  # earlier groups first, as the all-pairs loop tries them


def merge_events(events: Sequence[Event], order: dict[str, int] | None = None) -> list[Event]:
    """Events with duplicates folded together, in time order (models.event_sort_key)."""
    order = order or {}

    def reading(e: Event) -> tuple:  # the first report in reading order leads
        s = e.sources[0]
        return (order.get(s.article, len(order)), s.article, s.start, e.id)

    ordered = sorted(events, key=reading)
    words = [content_words(e.title) for e in ordered]
    frequency = Counter(w for ws in words for w in ws)
    index = _Index({w: n for w, n in frequency.items()})
    groups: list[_Group] = []
    for ev, ws in zip(ordered, words):
        window, spans = _window(ev.when), _span_keys(ev)
        for gid in index.candidates(window, ws, spans):
            group = groups[gid]
            if group.matches(ev, ws, spans):
                new_spans = spans - group.span_keys
                group.add(ev)
                index.add_spans(gid, window, new_spans)
                break
        else:
            index.add(len(groups), window, ws, spans)
            groups.append(_Group(ev, ws))
    unique: dict[str, Event] = {}
    for group in groups:
        unique.setdefault(group.first.id, group.event())
    return sorted(unique.values(), key=event_sort_key)


def merge(articles: Sequence[Article | ArticleInfo], events: Sequence[Event], title: str = "Timeline") -> Timeline:
    """The timeline of ``events`` reported in ``articles``."""
    infos: dict[str, ArticleInfo] = {}
    for a in articles:
        info = a.info() if isinstance(a, Article) else a
        infos.setdefault(info.id, info)
    order = {article_id: i for i, article_id in enumerate(infos)}
    return Timeline(title=title, articles=list(infos.values()), events=merge_events(events, order))


__all__ = ["combine", "content_words", "merge", "merge_events", "same_happening"]
