"""Where events go in the chart: the first view, the lanes and their sub-rows, and the labels.

- The first view is the stretch that holds most key events: the shortest stretch holding ``CORE`` of
  the key events' dates (a highest-density interval), padded. Background dates far from the story
  stay reachable through the range slider and the "whole span" button.
- Every event gets a sub-row of its lane where it overlaps nothing already placed; events that carry
  a label claim the label's width too, so a label never runs over a neighbour of its row. Placement
  goes in priority order (key, not faint, salience, sources): when a lane is full the labels of
  lower-priority events are dropped first; the hover keeps the full text.
- Widths are estimated for a nominal plot width (``PLOT_PX``), the width of the static images. In the
  page, a small script checks the labels again at the real width (and after every zoom) and hides,
  lowest priority first, any that would overlap.

Cost: each event is placed with a binary search per sub-row tried (at most ``MAX_SUBROWS``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from dataclasses import dataclass

from timeline.export._html_rows import Row
from timeline.export._html_text import truncate

PLOT_PX = 1100  # nominal width of the plot area in px (the static images use exactly this)
CHAR_PX = 6.3  # mean width of a character of the label font (11 px sans-serif)
LABEL_CHARS = 42  # labels are titles shortened to this many characters
MARKER_PX = 14  # room a point marker needs
GAP_PX = 8  # between a marker and its label
MAX_SUBROWS = 16  # per lane; beyond, events share rows and lose their labels
MAX_ROWS = 64  # in all: a taller chart is no longer read at a glance, and WebGL canvases past about
               # 5,000 px (twice the chart's height) fail in software rendering (Chromium's SwiftShader)
MIN_SUBROWS = 3  # per lane, however many lanes
MAX_LABELS = 150  # labels in one chart: the most important events
MAX_LABELS_MANY = 50  # ... when there are more than MANY events (each label costs the page a text measurement)
MANY = 2000
CORE = 0.8  # the first view holds this share of the key events' dates
MIN_VIEW = dt.timedelta(days=14)
PLOT_MAX = dt.datetime(9000, 1, 1)  # plotly.js computes NaN positions past year 9999 with padding


@dataclass(frozen=True)
class Label:
    row: int  # index into the rows
    text: str
    x: dt.datetime  # where the label is anchored
    left: bool  # drawn to the left of its anchor (near the right edge of the view)


@dataclass(frozen=True)
class Placement:
    y: list[int]  # sub-row of each row
    ticks: list[tuple[str, float]]  # lane name and the middle of its sub-rows
    separators: list[float]  # y between two lanes
    rows: int  # sub-rows in all
    labels: list[Label]  # in priority order


def secs(x: dt.datetime) -> float:
    return (x - dt.datetime.min).total_seconds()


def _shift(x: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    try:
        return min(x + delta, PLOT_MAX)
    except OverflowError:
        return PLOT_MAX if delta > dt.timedelta(0) else dt.datetime.min


def anchor(row: Row) -> dt.datetime | None:
    """The date an event is drawn from: a point's moment, a span's start (its end if open at the start)."""
    return row.shape.start if row.shape.start is not None else row.shape.end


def extent(rows: list[Row]) -> tuple[dt.datetime, dt.datetime]:
    """The whole span the chart can show (open intervals run to its edges)."""
    known = [min(x, PLOT_MAX) for r in rows for x in (r.shape.start, r.shape.end) if x is not None]
    lo, hi = min(known), max(known)
    pad = max((hi - lo) * 0.06, dt.timedelta(days=2))
    return _shift(lo, -2 * pad), _shift(hi, 2 * pad)


def first_view(rows: list[Row]) -> tuple[dt.datetime, dt.datetime]:
    """The shortest stretch holding CORE of the key events (of all non-faint events when none is
    key, of all events when all are faint), padded by 5% on each side and at least MIN_VIEW wide."""
    for pick in (lambda r: r.key, lambda r: not r.faint, lambda r: True):
        dates = sorted(min(a, PLOT_MAX) for r in rows if pick(r) and (a := anchor(r)) is not None)
        if dates:
            break
    k = max(1, math.ceil(CORE * len(dates)))
    i = min(range(len(dates) - k + 1), key=lambda j: (dates[j + k - 1] - dates[j], j))
    a, b = dates[i], dates[i + k - 1]
    pad = max((b - a) * 0.05, (MIN_VIEW - (b - a)) / 2, dt.timedelta(days=1))
    return _shift(a, -pad), _shift(b, pad)


class _SubRow:
    """Occupied pixel intervals of one sub-row, disjoint and sorted."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def free(self, a: float, b: float) -> bool:
        starts = self.starts
        i = bisect.bisect_left(starts, a)
        return (i == 0 or self.ends[i - 1] <= a) and (i == len(starts) or starts[i] >= b)

    def take(self, a: float, b: float) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def label_text(row: Row) -> str:
    return truncate(row.title, LABEL_CHARS)


def priority_order(rows: list[Row]) -> list[int]:
    """Row indices, most important first (ties in time order)."""
    return sorted(range(len(rows)), key=lambda i: (tuple(-float(p) for p in rows[i].priority), i))


def place(rows: list[Row], mode: str, view: tuple[dt.datetime, dt.datetime],
          whole: tuple[dt.datetime, dt.datetime], order: list[int] | None = None) -> Placement:
    """Sub-rows and labels for the rows (all drawable) with lanes of ``mode``; ``order`` is
    ``priority_order(rows)`` when the caller has it already."""
    v0, v1 = secs(view[0]), secs(view[1])
    scale = PLOT_PX / max(v1 - v0, 1.0)

    def px(x: dt.datetime) -> float:
        return (secs(x) - v0) * scale

    left_edge, right_edge = px(whole[0]), px(whole[1])
    lane_of = [r.lane_in(mode) for r in rows]
    lanes: dict[str, list[_SubRow]] = {}
    for lane in lane_of:  # lanes in order of their first event
        lanes.setdefault(lane, [])
    cap = max(MIN_SUBROWS, min(MAX_SUBROWS, MAX_ROWS // max(len(lanes), 1)))
    most_labels = MAX_LABELS if len(rows) <= MANY else MAX_LABELS_MANY
    y = [0] * len(rows)
    labels: list[Label] = []
    for i in order if order is not None else priority_order(rows):
        r = rows[i]
        s = px(r.shape.start) if r.shape.start is not None else left_edge
        e = px(min(r.shape.end, PLOT_MAX)) if r.shape.end is not None else right_edge
        if r.shape.kind == "point":
            s, e = s - MARKER_PX / 2, s + MARKER_PX / 2
        e = max(e, s + MARKER_PX)
        claims = [(s, e, None)]
        at = max(s, 0.0) if r.shape.kind == "span" else s + MARKER_PX / 2
        if len(labels) < most_labels and not r.faint and 0 <= at <= PLOT_PX and e >= 0:  # drawn in the view
            width = len(label_text(r)) * CHAR_PX + 6
            left = at + GAP_PX + width > PLOT_PX  # no room on the right: the label goes left of its anchor
            a, b = (at - GAP_PX - width, at) if left else (at, at + GAP_PX + width)
            if a >= 0:
                claims.insert(0, (min(s, a), max(e, b), Label(i, label_text(r), _at(r, view[0]), left)))
        subs = lanes[lane_of[i]]
        for a, b, label in claims:  # noqa: B007 - the claim that found room is used after the loop
            spot = next((j for j, sub in enumerate(subs) if sub.free(a, b)), None)
            if spot is None and len(subs) < cap:
                subs.append(_SubRow())
                spot = len(subs) - 1
            if spot is not None:
                break
        if spot is None:  # a full lane: share the least filled sub-row, without a label; not recorded
            label = None  # as taken, so the sub-rows' intervals stay disjoint (labels may cross it)
            spot = min(range(len(subs)), key=lambda j: (len(subs[j].starts), j))
        else:
            subs[spot].take(a, b)
        y[i] = spot
        if label is not None:
            labels.append(label)
    base: dict[str, int] = {}
    ticks: list[tuple[str, float]] = []
    n = 0
    for lane, subs in lanes.items():
        base[lane] = n
        ticks.append((lane, n + (max(len(subs), 1) - 1) / 2))
        n += max(len(subs), 1)
    ys = [base[lane] + y[i] for i, lane in enumerate(lane_of)]
    separators = [base[lane] - 0.5 for lane, _ in ticks[1:]]
    return Placement(ys, ticks, separators, max(n, 1), labels)


def _at(row: Row, view_start: dt.datetime) -> dt.datetime:
    """A label's anchor: a point's moment; a span's start, or the view's left edge when it starts before."""
    if row.shape.kind == "point" or row.shape.start is None:
        return row.shape.start if row.shape.start is not None else view_start
    return max(row.shape.start, view_start)
