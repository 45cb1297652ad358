"""HTML exporter: an offline Plotly timeline readable at a glance, plus a plain table of the same events.

``render`` returns ``{"timeline.html": ...}``; with ``plotlyjs="directory"`` also ``plotly.min.js``
(shared by every page in the folder), with ``"cdn"`` the page loads plotly.js from cdn.plot.ly
(pinned by an SRI hash) and does not work offline. The default inlines plotly.js (~4.8 MB) so that
one file works anywhere, e.g. attached to an e-mail. Output is byte-deterministic.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from plotly.offline import get_plotlyjs

from timeline.export import ExportOptions, shown
from timeline.export._html_figure import TRACES, drawable, figure, iso, trace_of
from timeline.export._html_layout import MANY
from timeline.export._html_page import PAGE_ROWS, controls, page
from timeline.export._html_records import pack, records
from timeline.export._html_rows import Row
from timeline.export._html_rows import rows as build_rows
from timeline.export._html_text import attr, clean, plural, script_json
from timeline.models import Timeline

FILE = "timeline.html"
DIV_ID = "timeline-chart"  # fixed: plotly would otherwise use a random uuid
CDN = "https://cdn.plot.ly"

CONFIG = {
    "showSendToCloud": False,  # plotly.js 4 shows a cloud-upload button by default
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,  # the page scrolls; zoom with the slider, the buttons or a drag
    "toImageButtonOptions": {"format": "png", "filename": "timeline", "scale": 2},
}
KEY_LIST = 40  # key events named in the chart's text alternative
HOVER_QUOTE = 240  # characters of the quote in a hover label
HOVER_QUOTE_MANY = 140  # ... beyond MANY events (the table has every quote in full)
JSONLD_EMBED = 500  # events in the page's JSON-LD at most


def jsonld_document() -> Callable[[Timeline], dict[str, Any]] | None:
    """``timeline.export.jsonld.document`` when that exporter exists (written separately), else None."""
    if importlib.util.find_spec("timeline.export.jsonld") is None:
        return None
    document = getattr(importlib.import_module("timeline.export.jsonld"), "document", None)
    return document if callable(document) else None


def _jsonld(timeline: Timeline) -> str | None:
    """The JSON-LD the page embeds for search engines: every event, or in a long timeline the
    JSONLD_EMBED most important ones (timeline.jsonld, --format jsonld, has them all)."""
    document = jsonld_document()
    if document is None:
        return None
    if len(timeline.events) > JSONLD_EMBED:
        rank = sorted(range(len(timeline.events)), key=lambda i: (not timeline.events[i].key,
                      -timeline.events[i].salience, -timeline.events[i].source_count, i))
        keep = sorted(rank[:JSONLD_EMBED])
        timeline = timeline.model_copy(update={"events": [timeline.events[i] for i in keep]})
    return script_json(document(timeline))


def _summary(rows: list[Row], drawn: int, articles: int, left_out: int) -> str:
    undated = sum(r.shape.kind == "undated" for r in rows)
    beyond = len(rows) - drawn - undated
    text = f"{plural(len(rows), 'event')} from {plural(articles, 'article')}"
    if undated:
        text += f"; {undated} without a date {'is' if undated == 1 else 'are'} listed in the table only"
    if beyond:
        text += f"; {beyond} after the year 9000 (beyond the chart) in the table only"
    if left_out:
        text += (f"; {plural(left_out, 'minor event')} (states and weak events) left out: "
                 "build with --all-events to show them")
    if drawn:
        text += ". Labelled diamonds are the key events; hover a marker or span for details, click it to open its source"
        if any(r.faint and drawable(r) for r in rows):
            text += ". Small faint dots are low-salience events and statements of fact"
    return text + "."


@cache
def _app() -> str:
    return resources.files("timeline.export").joinpath("data/timeline.js").read_text("utf-8")


def _plotly_tag(mode: str) -> str:
    if mode == "inline":
        return f'<script type="text/javascript">{get_plotlyjs()}</script>'
    if mode == "directory":
        return '<script charset="utf-8" src="plotly.min.js"></script>'
    return f"{_cdn_tag()}</script>"


@cache
def _cdn_tag() -> str:
    """plotly.io's CDN script tag for the plotly.js of the installed plotly, pinned by its SRI hash."""
    import plotly.graph_objects as go
    import plotly.io as pio

    snippet = pio.to_html(go.Figure(), include_plotlyjs="cdn", full_html=False)
    found = re.search(r'<script[^>]*src="https://cdn\.plot\.ly[^>]*>', snippet)
    if found is None:
        raise RuntimeError("plotly.io.to_html gave no CDN script tag")
    return found.group(0)


def _caption(rows: list[Row], view: tuple[dt.datetime, dt.datetime], drawn: int) -> str:
    """The chart's text alternative: what it shows and the key events, with the table for the rest."""
    key = [r for r in rows if r.key and drawable(r)][:KEY_LIST]
    items = "".join(f"<li>{attr(r.date)}: {attr(r.title)}</li>" for r in key)
    text = (f"The chart draws {plural(drawn, 'event')} in lanes; it opens on {view[0]:%d %B %Y} to {view[1]:%d %B %Y}, "
            "the stretch with most key events.")
    if key:
        text += f" Key events:<ol>{items}</ol>"
    return text + " The table below lists every event, with its quote and sources."


def _members(rows: list[Row], fig: dict[str, Any]) -> list[list[int]]:
    """For each trace, the record (table row) of each of its items, in the trace's order."""
    by_trace: dict[str, list[int]] = {m: [] for m in TRACES}
    for i, r in enumerate(rows):
        if drawable(r):
            by_trace[trace_of(r)].append(i)
    return [by_trace[t["meta"]] for t in fig["data"]]


def _packed(modes: dict[str, Any]) -> dict[str, Any]:
    """The lane modes with their per-item colours as tables and indexes (``_html_records.pack``)."""
    return {m: {**v, "color": [pack(c) for c in v["color"]], "line": [pack(c) for c in v["line"]]}
            for m, v in modes.items()}


def _without_colours(fig: dict[str, Any]) -> dict[str, Any]:
    """The figure without per-item colours: the page's script sets them from the lane mode it opens in."""
    traces = []
    for t in fig["data"]:
        t = dict(t)
        for part in ("marker", "line"):
            if isinstance(t.get(part), dict):
                t[part] = {k: v for k, v in t[part].items() if k != "color"}
                if isinstance(t[part].get("line"), dict):
                    t[part]["line"] = {k: v for k, v in t[part]["line"].items() if k != "color"}
                if isinstance(t[part].get("pattern"), dict):
                    t[part]["pattern"] = {k: v for k, v in t[part]["pattern"].items() if k != "fgcolor"}
        traces.append(t)
    return {**fig, "data": traces}


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    visible = shown(timeline, options)
    rows = build_rows(visible, options.lanes)
    dated = [r for r in rows if drawable(r)]
    title = clean(timeline.title) or "Timeline"
    files: dict[str, bytes] = {}
    external = None  # where the CSP lets plotly.js come from
    scripts = ""
    webgl = False
    if dated:
        fig, modes, view = figure(dated, None, options.lanes)
        webgl = any(t["type"] == "scattergl" for t in fig["data"])
        config = {**CONFIG, "plotGlPixelRatio": 1} if webgl else CONFIG  # software WebGL draws 4x fewer pixels
        fig["layout"]["meta"] = {"view": [iso(view[0]), iso(view[1])]}
        data = {"figure": _without_colours(fig), "config": config, "modes": _packed(modes),
                "mode": options.lanes if options.lanes in modes else next(iter(modes)),
                "view": fig["layout"]["xaxis"]["range"], "whole": fig["layout"]["xaxis"]["rangeslider"]["range"],
                "pageRows": PAGE_ROWS, "quoteChars": HOVER_QUOTE if len(rows) <= MANY else HOVER_QUOTE_MANY,
                "members": _members(rows, fig), "events": records(rows)}
        chart = (controls(options.lanes, tuple(modes)) + f'\n<figure><div id="{DIV_ID}" class="chart" role="img" '
                 f'aria-label="{attr(title)}: timeline chart" aria-describedby="tl-alt"></div>'
                 f'<figcaption id="tl-alt">{_caption(rows, view, len(dated))}</figcaption></figure>')
        scripts = (_plotly_tag(options.plotlyjs) + "\n"
                   + f'<script type="application/json" id="tl-data">{script_json(data)}</script>\n'
                   + f"<script>{_app()}</script>\n")
        if options.plotlyjs == "directory":
            files["plotly.min.js"] = get_plotlyjs().encode("utf-8")
            external = "'self'"  # plotly.min.js beside the page (checked from file:// in Chromium)
        elif options.plotlyjs == "cdn":
            external = CDN
    else:
        chart = '<p class="empty">No dated events to draw.</p>'
    left_out = len(timeline.events) - len(visible.events)
    summary = _summary(rows, len(dated), len(timeline.articles), left_out)
    files[FILE] = page(title, summary, chart, rows, _jsonld(visible), external, scripts, webgl).encode("utf-8")
    return files
