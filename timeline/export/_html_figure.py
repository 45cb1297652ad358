"""The Plotly figure: one lane per source, points for precise moments, translucent spans for the rest.

Layout: a numeric y axis whose ticks carry the lane names, so that each lane can grow sub-rows and
overlapping events never hide each other. Points are one scatter trace per lane; spans are one
horizontal bar trace per lane (``base`` = start, length in ms), so hovering anywhere on a
year-long span shows its label. Not scatter fills with ``hoveron="fills"``: once a range slider
is on, plotly.js 4.1.1 shows no hover label for fills at all (checked in Chromium).
Every string that reaches plotly is escaped with ``pseudo()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import plotly.graph_objects as go

from timeline.export._html_rows import Row
from timeline.export._html_text import pseudo, truncate, wrap

PALETTE = ("#636EFA", "#EF553B", "#00CC96", "#AB63FA", "#FFA15A",
           "#19D3F3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52")
BAR_WIDTH = 0.64  # height of a span bar, in sub-rows
MAX_SUBROWS = 12  # per lane
# plotly.js computes NaN positions once padding passes year 9999 (range slider): draw up to here only.
PLOT_MAX = dt.datetime(9000, 1, 1)
POINT_TRACE = "points"  # trace.meta of marker traces (tests count these)
SPAN_TRACE = "span"


def iso(x: dt.datetime) -> str:
    """Plotly date string; not strftime, which does not zero-pad years before 1000 on glibc."""
    return f"{x.year:04d}-{x.month:02d}-{x.day:02d} {x.hour:02d}:{x.minute:02d}:{x.second:02d}"


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def hover_text(row: Row) -> str:
    """Title, the date as normalised and as written, the quote and the source link, all escaped."""
    lines = [f"<b>{pseudo(truncate(row.title, 90))}</b>", pseudo(f"{row.date} ({row.precision})")]
    lines.append(pseudo(f"as written: \u201c{truncate(row.date_text, 60)}\u201d") if row.date_text
                 else "as written: (no date phrase)")
    lines += [f"<i>{pseudo(line)}</i>" for line in wrap(truncate(row.quote, 240), 70)]
    for link in row.links[:3]:
        lines.append(pseudo(f"{truncate(link.name, 40)}: {truncate(link.url or 'no link', 80)}"))
    return "<br>".join(lines)


def _url(p: _Placed) -> str:
    """The first source's http(s) link, for the click handler ("" when there is none)."""
    return (p.row.links[0].url or "") if p.row.links else ""


@dataclass
class _Placed:
    row: Row
    y: float
    start: dt.datetime  # drawn extent (open ends already closed at the visible edge)
    end: dt.datetime


def _shift(x: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """x + delta, clamped to what can be drawn (events in year 1 must not crash)."""
    try:
        return min(x + delta, PLOT_MAX)
    except OverflowError:
        return PLOT_MAX if delta > dt.timedelta(0) else dt.datetime.min


def drawable(row: Row) -> bool:
    """Dated and within plotly's reach; other rows are listed in the table only."""
    first = row.shape.start if row.shape.start is not None else row.shape.end
    return row.shape.kind != "undated" and first is not None and first < PLOT_MAX


def _secs(x: dt.datetime) -> float:
    return (x - dt.datetime.min).total_seconds()


def _place(rows: list[Row]) -> tuple[list[_Placed], list[tuple[str, float]], tuple[dt.datetime, dt.datetime]]:
    """Sub-rows per lane (greedy interval packing), lane tick positions and the x range."""
    known = [min(x, PLOT_MAX) for r in rows for x in (r.shape.start, r.shape.end) if x is not None]
    lo, hi = min(known), max(known)
    pad = max((hi - lo) * 0.06, dt.timedelta(days=2))
    left, right = _shift(lo, -2 * pad), _shift(hi, 2 * pad)  # open intervals end here, with an arrow
    min_width = (_secs(right) - _secs(left)) / 80  # room for a marker, so that neighbours do not cover it
    lanes: dict[str, list[float]] = {}  # lane -> per sub-row: where its last item ends (seconds)
    placed_rows: list[tuple[Row, int, dt.datetime, dt.datetime]] = []
    for r in rows:
        start = r.shape.start if r.shape.start is not None else left
        end = min(r.shape.end, PLOT_MAX) if r.shape.end is not None else right
        s, e = _secs(start), _secs(end)
        if r.shape.kind == "point":
            s, e = s - min_width / 2, s + min_width / 2
        e = max(e, s + min_width)
        subs = lanes.setdefault(r.lane, [])
        free = [i for i, last in enumerate(subs) if last <= s]
        if free:
            i = free[0]
        elif len(subs) < MAX_SUBROWS:
            subs.append(e)
            i = len(subs) - 1
        else:  # a crowded lane overlaps rather than growing without bound
            i = min(range(len(subs)), key=subs.__getitem__)
        subs[i] = max(subs[i], e)
        placed_rows.append((r, i, start, end))
    base: dict[str, int] = {}
    ticks = []
    y = 0
    for lane, subs in lanes.items():
        base[lane] = y
        ticks.append((lane, y + (len(subs) - 1) / 2))
        y += len(subs)
    placed = [_Placed(r, base[r.lane] + i, start, end) for r, i, start, end in placed_rows]
    return placed, ticks, (_shift(left, -pad), _shift(right, pad))


def figure(rows: list[Row], title: str) -> go.Figure:
    """The chart for the drawable rows (at least one)."""
    placed, ticks, (x0, x1) = _place(rows)
    color = {lane: PALETTE[i % len(PALETTE)] for i, (lane, _) in enumerate(ticks)}
    fig = go.Figure()
    has_points = {p.row.lane for p in placed if p.row.shape.kind == "point"}
    annotations = []
    for lane, _ in ticks:
        bars = [p for p in placed if p.row.lane == lane and p.row.shape.kind == "span"]
        if not bars:
            continue
        hatched = [p.row.shape.fuzzy or p.row.shape.open_start or p.row.shape.open_end for p in bars]
        fig.add_trace(go.Bar(
            orientation="h", base=[iso(p.start) for p in bars], y=[p.y for p in bars],
            x=[(p.end - p.start) // dt.timedelta(milliseconds=1) for p in bars], width=BAR_WIDTH,
            marker={"color": [_rgba(color[lane], 0.25 if h else 0.45) for h in hatched],
                    "line": {"color": color[lane], "width": 1.5},
                    "pattern": {"shape": ["/" if h else "" for h in hatched], "fgcolor": color[lane],
                                "fgopacity": 0.5, "size": 8}},
            hoverinfo="text", hovertext=[hover_text(p.row) for p in bars], customdata=[_url(p) for p in bars],
            name=pseudo(lane), legendgroup=pseudo(lane), showlegend=lane not in has_points, meta=SPAN_TRACE,
        ))
        for p in bars:
            for is_open, x, ax in ((p.row.shape.open_end, p.end, -46), (p.row.shape.open_start, p.start, 46)):
                if is_open:  # the interval goes on beyond the chart: say so instead of inventing an end
                    annotations.append({"x": iso(x), "y": p.y, "text": "open", "showarrow": True,
                                        "arrowhead": 2, "arrowsize": 1.2, "ax": ax, "ay": 0,
                                        "font": {"size": 11}, "arrowcolor": color[lane],
                                        "bgcolor": "rgba(255,255,255,0.7)"})
    for lane, _ in ticks:
        pts = [p for p in placed if p.row.lane == lane and p.row.shape.kind == "point"]
        strong = any(not p.row.faint for p in pts)
        # faint points get a trace of their own so the lane's legend entry shows a full-strength dot
        for faint, group in ((False, [p for p in pts if not p.row.faint]), (True, [p for p in pts if p.row.faint])):
            if not group:
                continue
            fig.add_trace(go.Scatter(
                x=[iso(p.start) for p in group], y=[p.y for p in group], mode="markers",
                marker={"size": 8 if faint else 13, "color": color[lane], "opacity": 0.45 if faint else 1.0,
                        "line": {"width": 2, "color": color[lane]},
                        "symbol": ["circle-open" if p.row.shape.fuzzy else "circle" for p in group]},
                hoverinfo="text", hovertext=[hover_text(p.row) for p in group],
                customdata=[_url(p) for p in group],
                name=pseudo(lane), legendgroup=pseudo(lane), showlegend=not (faint and strong), meta=POINT_TRACE,
            ))
    n_rows = max(int(p.y) for p in placed) + 1
    separators = [min(p.y for p in placed if p.row.lane == lane) - 0.5 for lane, _ in ticks[1:]]
    fig.update_layout(
        title={"text": pseudo(title), "y": 0.98, "yanchor": "top"}, template="plotly_white", hovermode="closest",
        barmode="overlay",  # bars of different lanes never share a row; no grouping offsets
        height=max(420, 250 + 46 * n_rows), margin={"l": 150, "r": 30, "t": 100, "b": 40},
        hoverlabel={"align": "left"}, annotations=annotations,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
        shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
                 "line": {"color": "#d0d7de", "width": 1}} for y in separators],
        yaxis={"tickvals": [y for _, y in ticks], "ticktext": [pseudo(truncate(lane, 22)) for lane, _ in ticks],
               "range": [n_rows - 0.4, -0.6], "fixedrange": True, "zeroline": False, "showgrid": False},
        xaxis={"type": "date", "range": [iso(x0), iso(x1)],
               "rangeslider": {"visible": True, "thickness": 0.08},
               "rangeselector": {"buttons": [
                   {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
                   {"count": 6, "label": "6m", "step": "month", "stepmode": "backward"},
                   {"count": 1, "label": "YTD", "step": "year", "stepmode": "todate"},
                   {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                   {"step": "all", "label": "all"}]}},
    )
    return fig
