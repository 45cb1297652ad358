"""One display row per event: lane, shape and every text already cleaned (not yet escaped).

The chart and the table both read these rows, so they always show the same events the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.export._html_dates import Shape, describe, precision_label, shape
from timeline.export._html_text import clean, safe_url
from timeline.models import ArticleInfo, Event, Timeline, When

NO_ACTOR = "(no actor)"


@dataclass(frozen=True, slots=True)  # one per event: no __dict__ each
class Link:
    name: str  # outlet or article title
    url: str | None  # http(s) only


FAINT_BELOW = 0.4  # events.detect gives states 0.3; happenings get 0.5 and more
LOW_SALIENCE = 0.3  # salience below this: a background event, drawn faint
LANE_MODES = ("source", "actor", "kind", "article")  # the lanes a page can be built with
SWITCHABLE = ("source", "actor", "kind")  # the lanes the page switches between (and the one it was built with)
NO_KIND = "(no kind)"


@dataclass(frozen=True, slots=True)  # one per event: no __dict__ each
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
    salience: float = 0.5
    key: bool = False
    source_count: int = 1
    actors: tuple[str, ...] = ()
    kind: str = ""
    trigger: tuple[int, int] | None = None  # the trigger word(s) within ``quote``
    lanes: tuple[tuple[str, str], ...] = ()  # (mode, lane) for every mode of LANE_MODES

    @property
    def faint(self) -> bool:
        """Weak events (present-tense statements of fact, low salience) recede in the chart; key ones never."""
        return not self.key and (self.confidence < FAINT_BELOW or self.salience < LOW_SALIENCE)

    def lane_in(self, mode: str) -> str:
        for m, lane in self.lanes:
            if m == mode:
                return lane
        return self.lane

    @property
    def priority(self) -> tuple[bool, bool, float, int, float]:
        """Who gets a label first when there is no room for all: key, not faint, salient, widely reported."""
        return (self.key, not self.faint, self.salience, self.source_count, self.confidence)


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
    """Rows in timeline order. Lanes: 'source' (outlet), 'article', 'actor' (first actor only, so that
    every event is drawn exactly once) or 'kind'; every row also knows its lane in the other modes."""
    if lanes not in LANE_MODES:
        raise ValueError(f"unknown lanes option {lanes!r} (choose {', '.join(LANE_MODES)})")
    infos = {a.id: a for a in timeline.articles}
    by_article = _article_lanes(timeline)
    shared = _Shared(infos)
    out = []
    for ev in timeline.events:
        first = ev.sources[0].article
        modes = (
            ("source", shared.outlet(first)),
            ("actor", next((clean(a) for a in ev.actors if clean(a)), NO_ACTOR)),
            ("kind", clean(ev.kind) or NO_KIND),
            ("article", by_article.get(first, first)),
        )
        out.append(_row(ev, dict(modes)[lanes], shared, shared.one(modes)))
    return out


class _Shared:
    """What many rows hold alike, made once and shared: each article's outlet name and links, each
    date's shape and labels, each combination of lanes (a long timeline's rows stay small)."""

    def __init__(self, infos: dict[str, ArticleInfo]) -> None:
        self.infos = infos
        self._outlets: dict[str, str] = {}
        self._links: dict[tuple[str, str | None], Link] = {}
        self._dates: dict[int, tuple[When, Shape, str, str]] = {}
        self._same: dict[tuple, tuple] = {}

    def outlet(self, article: str) -> str:
        name = self._outlets.get(article)
        if name is None:
            name = self._outlets[article] = outlet(self.infos.get(article), article)
        return name

    def link(self, article: str, url: str | None) -> Link:
        key = (article, url)
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = Link(self.outlet(article), url)
        return found

    def date(self, when: When) -> tuple[When, Shape, str, str]:
        """(when, shape, describe, precision_label) of ``when`` (by identity: a long build's events share
        their When objects; the When is kept with them, so that its id stays its own)."""
        found = self._dates.get(id(when))
        if found is None:
            found = self._dates[id(when)] = (when, shape(when), describe(when), precision_label(when))
        return found

    def one(self, value: tuple) -> tuple:
        return self._same.setdefault(value, value)


def _trigger(ev: Event) -> tuple[int, int] | None:
    src = ev.sources[0]
    if src.trigger_start is None or src.trigger_end is None:
        return None
    return src.trigger_start - src.start, src.trigger_end - src.start


def _row(ev: Event, lane: str, shared: _Shared, lanes: tuple[tuple[str, str], ...] = ()) -> Row:
    links = []
    seen = set()
    for src in ev.sources:
        info = shared.infos.get(src.article)
        url = safe_url(src.url or (info.url if info else None))
        key = (src.article, url)
        if key not in seen:  # one link per article, however many quotes it gave
            seen.add(key)
            links.append(shared.link(src.article, url))
    _, where, date, precision = shared.date(ev.when)
    return Row(
        event_id=ev.id,
        lane=lane,
        shape=where,
        title=clean(ev.title),
        date=date,
        precision=precision,
        date_text=clean(ev.date_text),
        quote=ev.quote,  # as written (cleaned for display where shown, after the trigger is cut out)
        links=tuple(links),
        confidence=ev.confidence,
        salience=ev.salience,
        key=ev.key,
        source_count=ev.source_count,
        actors=tuple(clean(a) for a in ev.actors if clean(a)),
        kind=clean(ev.kind),
        trigger=_trigger(ev),
        lanes=lanes,
    )
