"""The Plotly figure, as plain JSON-ready dicts (no graph_objects: 20,000 events build in a second).

Four traces, whatever the lanes: spans (horizontal bars; WebGL line segments when there are very
many), events (dots), key events (large outlined diamonds, labelled first) and low-salience events
(small faint dots, a legend entry that toggles them). The y axis is numeric, its ticks carry the
lane names, and each lane grows sub-rows (``_html_layout.place``) so nothing hides anything. The
page can switch lanes (outlet, actor, kind, article) without a rebuild: ``modes`` holds, for each
lane mode, the y values and colours of every trace and the axis, labels and height that go with them.

Every string that reaches plotly is escaped with ``pseudo()``. The figure carries no event texts: the
page's script adds the hover texts and links from the event records (``_html_records``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from timeline.export._html_layout import (
    PLOT_MAX,
    Placement,
    extent,
    first_view,
    place,
    priority_order,
)
from timeline.export._html_rows import SWITCHABLE, Row
from timeline.export._html_text import pseudo, truncate

PALETTE = ("#636EFA", "#EF553B", "#00CC96", "#AB63FA", "#FFA15A",
           "#19D3F3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52")
BAR_WIDTH = 0.62  # height of a span bar, in sub-rows
ROW_PX = 26  # height of a sub-row
MARGIN = {"l": 170, "r": 30, "t": 70, "b": 40}
# Many markers: WebGL (scattergl) draws them in one go, and the range slider, which redraws every SVG
# trace, leaves them out; SVG bars and dots cost about 0.5 ms each, twice (chart and slider).
GL_ABOVE = 400  # a trace with more markers than this draws with WebGL
SPAN_BARS_UP_TO = 400  # more spans than this: WebGL line segments instead of SVG bars
OPEN_ARROWS_UP_TO = 40  # "open" arrows for open-ended spans, when there are few
TRACES = ("span", "points", "key", "faint")  # trace.meta, in this order
GL_COLORS = {"span": "#8a96a8", "points": PALETTE[0], "faint": PALETTE[0]}  # WebGL traces: one colour each
NAMES = {"span": "spans (month, year, range)", "points": "events", "key": "key events",
         "faint": "low-salience events"}


def iso(x: dt.datetime) -> str:
    """Plotly date string; not strftime, which does not zero-pad years before 1000 on glibc."""
    return f"{x.year:04d}-{x.month:02d}-{x.day:02d} {x.hour:02d}:{x.minute:02d}:{x.second:02d}"


EPOCH = dt.datetime(1970, 1, 1)


def epoch_ms(x: dt.datetime) -> int:
    """A plotly date as a number: milliseconds since 1970 (negative before)."""
    return (x - EPOCH) // dt.timedelta(milliseconds=1)


def rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def drawable(row: Row) -> bool:
    """Dated and within plotly's reach; other rows are listed in the table only."""
    first = row.shape.start if row.shape.start is not None else row.shape.end
    return row.shape.kind != "undated" and first is not None and first < PLOT_MAX


def trace_of(row: Row) -> str:
    if row.shape.kind == "span":
        return "span"
    return "key" if row.key else "faint" if row.faint else "points"


def _ends(row: Row, whole: tuple[dt.datetime, dt.datetime]) -> tuple[dt.datetime, dt.datetime]:
    start = row.shape.start if row.shape.start is not None else whole[0]
    end = min(row.shape.end, PLOT_MAX) if row.shape.end is not None else whole[1]
    return start, end


def _traces(rows: list[Row], members: dict[str, list[int]], whole: tuple[dt.datetime, dt.datetime]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for meta in TRACES:
        idx = members[meta]
        group = [rows[i] for i in idx]
        common = {"name": NAMES[meta], "meta": meta, "hoverinfo": "text",  # the page adds the hover texts
                  "legendgroup": meta, "showlegend": bool(group),
                  "unselected": {"marker": {"opacity": 0.12}}}
        if meta == "span" and len(group) <= SPAN_BARS_UP_TO:
            ends = [_ends(r, whole) for r in group]
            hatched = [r.shape.fuzzy or r.shape.open_start or r.shape.open_end for r in group]
            out.append({**common, "type": "bar", "orientation": "h", "width": BAR_WIDTH,
                        "base": [iso(s) for s, _ in ends],
                        "x": [(e - s) // dt.timedelta(milliseconds=1) for s, e in ends],
                        "marker": {"pattern": {"shape": ["/" if h else "" for h in hatched], "fgopacity": 0.5, "size": 8},
                                   "line": {"width": [3 if r.key else 1.2 for r in group]}}})
        elif meta == "span":  # very many: one WebGL polyline with a break between spans
            xs: list[int | None] = []
            for r in group:
                s, e = _ends(r, whole)
                xs += [epoch_ms(s), epoch_ms(e), None]
            out.append({**common, "type": "scattergl", "mode": "lines", "x": xs, "line": {"width": 6}})
        else:
            size = {"points": 11, "key": 16, "faint": 7}[meta]
            shape = "diamond" if meta == "key" else "circle"
            gl = len(group) > GL_ABOVE
            out.append({**common, "type": "scattergl" if gl else "scatter", "mode": "markers",
                        # many points: milliseconds since 1970, which plotly need not parse as dates
                        "x": [epoch_ms(r.shape.start) if gl else iso(r.shape.start) for r in group if r.shape.start is not None],
                        "marker": {"size": size, "opacity": 0.45 if meta == "faint" else 1.0,
                                   "line": {"width": 2 if meta == "key" else 1.5},
                                   "symbol": [f"{shape}-open" if r.shape.fuzzy else shape for r in group]}})
    return out


def _colors(rows: list[Row], members: dict[str, list[int]], lanes: dict[str, str], trace: dict[str, Any]) -> tuple[Any, Any]:
    """(fill, outline) colours of one trace's items for one lane mode."""
    meta = trace["meta"]
    if trace["type"] == "scattergl":  # one colour: plotly parses a WebGL trace's colours one point at a time
        return GL_COLORS[meta], GL_COLORS[meta]  # (0.35 s for 15,000); lines take no per-segment colour anyway
    idx = members[meta]
    lane = [lanes[rows[i].event_id] for i in idx]
    if trace["type"] == "bar":
        fill = [rgba(c, 0.28 if (rows[i].shape.fuzzy or rows[i].shape.open_start or rows[i].shape.open_end) else 0.5)
                for c, i in zip(lane, idx, strict=True)]
        return fill, lane
    outline = ["#1f2328" for _ in lane] if meta == "key" else lane
    return lane, outline


def _annotations(rows: list[Row], p: Placement, members_y: list[int], whole: tuple[dt.datetime, dt.datetime]) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    for label in p.labels:
        r = rows[label.row]
        text = pseudo(label.text)
        notes.append({"x": iso(label.x), "y": members_y[label.row], "xref": "x", "yref": "y", "showarrow": False,
                      "text": f"<b>{text}</b>" if r.key else text, "name": r.event_id,
                      "xanchor": "right" if label.left else "left", "yanchor": "middle",
                      "xshift": (-9 if label.left else 9) if r.shape.kind == "point" else (-3 if label.left else 3),
                      "font": {"size": 11, "color": "#1f2328"}, "bgcolor": "rgba(255,255,255,0.72)",
                      "borderpad": 1})  # no hovertext: it would catch the mouse over the marker below
    opened = [(i, r) for i, r in enumerate(rows) if r.shape.kind == "span" and (r.shape.open_start or r.shape.open_end)]
    if len(opened) <= OPEN_ARROWS_UP_TO:
        for i, r in opened:
            s, e = _ends(r, whole)
            for is_open, x, ax in ((r.shape.open_end, e, -46), (r.shape.open_start, s, 46)):
                if is_open:  # the interval goes on beyond the chart: say so instead of inventing an end
                    notes.append({"x": iso(x), "y": members_y[i], "text": "open", "showarrow": True, "arrowhead": 2,
                                  "arrowsize": 1.2, "ax": ax, "ay": 0, "font": {"size": 11}, "name": "open",
                                  "bgcolor": "rgba(255,255,255,0.7)"})
    return notes


def height(rows_count: int) -> int:
    return MARGIN["t"] + MARGIN["b"] + 60 + ROW_PX * max(rows_count, 5)


def figure(rows: list[Row], title: str | None, mode: str) -> tuple[dict[str, Any], dict[str, Any], tuple[dt.datetime, dt.datetime]]:
    """(figure, modes, first view) for the drawable rows (at least one); the figure is drawn in ``mode``.
    ``title`` goes on the chart (static images); the page has its own heading instead."""
    whole = extent(rows)
    view = first_view(rows)
    members: dict[str, list[int]] = {m: [] for m in TRACES}
    for i, r in enumerate(rows):
        members[trace_of(r)].append(i)
    traces = _traces(rows, members, whole)
    modes: dict[str, Any] = {}
    order = priority_order(rows)
    for m in dict.fromkeys((mode, *SWITCHABLE)):
        p = place(rows, m, view, whole, order)
        slot = {lane: k for k, (lane, _) in enumerate(p.ticks)}
        lanes = {r.event_id: PALETTE[slot[r.lane_in(m)] % len(PALETTE)] for r in rows}
        ys, fills, lines = [], [], []
        for t in traces:
            idx = members[t["meta"]]
            if t["type"] == "scattergl" and t["meta"] == "span":
                ys.append([y for i in idx for y in (p.y[i], p.y[i], None)])
            else:
                ys.append([p.y[i] for i in idx])
            fill, line = _colors(rows, members, lanes, t)
            fills.append(fill)
            lines.append(line)
        modes[m] = {
            "y": ys, "color": fills, "line": lines,
            "layout": {
                "height": height(p.rows), "annotations": _annotations(rows, p, p.y, whole),
                "yaxis.tickvals": [y for _, y in p.ticks],
                "yaxis.ticktext": [pseudo(truncate(lane, 24)) for lane, _ in p.ticks],
                "yaxis.range": [p.rows - 0.5, -0.6],
                "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
                            "line": {"color": "#d0d7de", "width": 1}} for y in p.separators],
            },
        }
    start = modes[mode]
    for t, y, fill, line in zip(traces, start["y"], start["color"], start["line"], strict=True):
        t["y"] = y
        t["marker" if not (t["type"] == "scattergl" and t["meta"] == "span") else "line"]["color"] = fill
        if "marker" in t and "line" in t["marker"]:
            t["marker"]["line"]["color"] = line
            if t["type"] == "bar":
                t["marker"]["pattern"]["fgcolor"] = line
    lay = start["layout"]
    layout = {
        **({"title": {"text": pseudo(title), "y": 0.985, "yanchor": "top", "x": 0.01, "xanchor": "left"}} if title else {}),
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12, "color": "#1f2328"},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest", "barmode": "overlay",
        "height": lay["height"], "margin": MARGIN, "hoverlabel": {"align": "left"},
        "annotations": lay["annotations"], "shapes": lay["shapes"],
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "right", "x": 1, "itemclick": "toggle"},
        "yaxis": {"tickvals": lay["yaxis.tickvals"], "ticktext": lay["yaxis.ticktext"], "range": lay["yaxis.range"],
                  "fixedrange": True, "zeroline": False, "showgrid": False, "automargin": False},
        "xaxis": {"type": "date", "range": [iso(view[0]), iso(view[1])], "gridcolor": "#eef1f5",
                  "linecolor": "#d0d7de", "autorange": False,
                  "rangeslider": {"visible": True, "thickness": 0.07, "range": [iso(whole[0]), iso(whole[1])],
                                  "autorange": False},
                  "rangeselector": {"buttons": [
                      {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
                      {"count": 6, "label": "6m", "step": "month", "stepmode": "backward"},
                      {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                      {"step": "all", "label": "whole span"}]}},
    }
    return {"data": traces, "layout": layout}, modes, view
