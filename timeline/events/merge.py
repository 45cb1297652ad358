"""Merge events from one or many articles into a Timeline.

Two events are the same happening when they have the same time window and say the same thing:
their titles share most content words (overlap coefficient), or they share an actor and a good
part of their words. The merged event keeps the earliest source's id, title and quote, and all
sources (so every quote is kept), in article order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from timeline.models import Article, ArticleInfo, Event, Timeline, When, event_sort_key

from . import lexicon

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


@cache
def _stop() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.load("titles")["dangling"]) | {"said", "says", "say", "stated", "states"}


def _content(event: Event) -> frozenset[str]:
    words = (w.lower().rstrip("’'s") for w in _WORD.findall(event.title))
    return frozenset(w for w in words if w and w not in _stop())


def _window(w: When) -> tuple:
    return (w.start, w.end, w.modifier)


def same_happening(a: Event, b: Event) -> bool:
    """Same time window and a similar title (or shared actors and a fair share of words)."""
    if _window(a.when) != _window(b.when):
        return False
    if {(s.article, s.start, s.end) for s in a.sources} & {(s.article, s.start, s.end) for s in b.sources}:
        return True
    wa, wb = _content(a), _content(b)
    if not wa or not wb:
        return False
    overlap = len(wa & wb) / min(len(wa), len(wb))
    shared_actor = bool({x.lower() for x in a.actors} & {x.lower() for x in b.actors})
    return overlap >= 0.8 or (shared_actor and overlap >= 0.5 and (a.kind == b.kind or a.kind is None or b.kind is None))


def _combine(first: Event, other: Event) -> Event:
    seen = {(s.article, s.start, s.end) for s in first.sources}
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


def merge_events(events: Sequence[Event], order: dict[str, int] | None = None) -> list[Event]:
    """Events with duplicates folded together, in time order (models.event_sort_key)."""
    order = order or {}

    def reading(e: Event) -> tuple:  # the first report in reading order leads
        s = e.sources[0]
        return (order.get(s.article, len(order)), s.article, s.start, e.id)

    merged: list[Event] = []
    # only events with the same time window can be one happening: compare within a window, not all
    # pairs (a build of many articles has thousands of events); _combine keeps the window
    by_window: dict[tuple, list[int]] = {}
    for ev in sorted(events, key=reading):
        slots = by_window.setdefault(_window(ev.when), [])
        for i in slots:
            if same_happening(merged[i], ev):
                merged[i] = _combine(merged[i], ev)
                break
        else:
            slots.append(len(merged))
            merged.append(ev)
    unique: dict[str, Event] = {}
    for ev in merged:
        unique.setdefault(ev.id, ev)
    return sorted(unique.values(), key=event_sort_key)


def merge(articles: Sequence[Article | ArticleInfo], events: Sequence[Event], title: str = "Timeline") -> Timeline:
    """The timeline of ``events`` reported in ``articles``."""
    infos: dict[str, ArticleInfo] = {}
    for a in articles:
        info = a.info() if isinstance(a, Article) else a
        infos.setdefault(info.id, info)
    order = {article_id: i for i, article_id in enumerate(infos)}
    return Timeline(title=title, articles=list(infos.values()), events=merge_events(events, order))


__all__ = ["merge", "merge_events", "same_happening"]
