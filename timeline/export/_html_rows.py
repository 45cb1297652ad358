"""One display row per event: lane, shape and every text already cleaned (not yet escaped).

The chart and the table both read these rows, so they always show the same events the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.export._html_dates import Shape, describe, precision_label, shape
from timeline.export._html_text import clean, safe_url
from timeline.models import ArticleInfo, Event, Timeline

NO_ACTOR = "(no actor)"


@dataclass(frozen=True)
class Link:
    name: str  # outlet or article title
    url: str | None  # http(s) only


FAINT_BELOW = 0.4  # events.detect gives states 0.3; happenings get 0.5 and more


@dataclass(frozen=True)
class Row:
    event_id: str
    lane: str
    shape: Shape
    title: str
    date: str  # normalised, e.g. "2024-03"
    precision: str  # e.g. "month, approximate"
    date_text: str  # the date as written in the article ("" when unknown)
    quote: str
    links: tuple[Link, ...]
    confidence: float = 1.0

    @property
    def faint(self) -> bool:
        """Weak events (present-tense statements of fact dated at publication) recede in the chart."""
        return self.confidence < FAINT_BELOW


def article_name(info: ArticleInfo | None, article_id: str) -> str:
    return clean(info.title) if info and clean(info.title) else article_id


def outlet(info: ArticleInfo | None, article_id: str) -> str:
    """The outlet if known, else the article title (the 'source' lane)."""
    return clean(info.source) if info and clean(info.source) else article_name(info, article_id)


def _article_lanes(timeline: Timeline) -> dict[str, str]:
    """Article id -> lane name; articles sharing a title are told apart by their id."""
    names = {a.id: article_name(a, a.id) for a in timeline.articles}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {aid: (f"{name} ({aid})" if counts[name] > 1 else name) for aid, name in names.items()}


def rows(timeline: Timeline, lanes: str = "source") -> list[Row]:
    """Rows in timeline order. Lanes: 'source' (outlet), 'article', or 'actor' (first actor only,
    so that every event is drawn exactly once)."""
    infos = {a.id: a for a in timeline.articles}
    by_article = _article_lanes(timeline)
    out = []
    for ev in timeline.events:
        first = ev.sources[0].article
        if lanes == "article":
            lane = by_article.get(first, first)
        elif lanes == "actor":
            lane = next((clean(a) for a in ev.actors if clean(a)), NO_ACTOR)
        elif lanes == "source":
            lane = outlet(infos.get(first), first)
        else:
            raise ValueError(f"unknown lanes option {lanes!r} (choose source, article or actor)")
        out.append(_row(ev, lane, infos))
    return out


def _row(ev: Event, lane: str, infos: dict[str, ArticleInfo]) -> Row:
    links = []
    seen = set()
    for src in ev.sources:
        info = infos.get(src.article)
        url = safe_url(src.url or (info.url if info else None))
        key = (src.article, url)
        if key not in seen:  # one link per article, however many quotes it gave
            seen.add(key)
            links.append(Link(outlet(info, src.article), url))
    return Row(
        event_id=ev.id,
        lane=lane,
        shape=shape(ev.when),
        title=clean(ev.title),
        date=describe(ev.when),
        precision=precision_label(ev.when),
        date_text=clean(ev.date_text),
        quote=clean(ev.quote),
        links=tuple(links),
        confidence=ev.confidence,
    )
