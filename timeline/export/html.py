"""HTML exporter: an offline Plotly timeline plus a plain table of the same events.

``render`` returns ``{"timeline.html": ...}``; with ``plotlyjs="directory"`` also ``plotly.min.js``
(shared by every page in the folder), with ``"cdn"`` the page loads plotly.js from cdn.plot.ly
(pinned by an SRI hash) and does not work offline. The default inlines plotly.js (~4.8 MB) so that
one file works anywhere, e.g. attached to an e-mail. Output is byte-deterministic.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

import plotly.io as pio
from plotly.offline import get_plotlyjs

from timeline.export import ExportOptions
from timeline.export._html_figure import drawable, figure
from timeline.export._html_page import page
from timeline.export._html_rows import Row, rows as build_rows
from timeline.export._html_text import clean, plural, script_json
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

# Click a marker or span to open its source; only http(s), checked again here though Python already filtered.
ON_CLICK = """document.getElementById('{plot_id}').on('plotly_click', function (d) {
  var u = d && d.points && d.points[0] && d.points[0].customdata;
  if (typeof u === 'string' && /^https?:\\/\\//i.test(u)) { window.open(u, '_blank', 'noopener'); }
});"""


def jsonld_document() -> Callable[[Timeline], dict[str, Any]] | None:
    """``timeline.export.jsonld.document`` when that exporter exists (written separately), else None."""
    if importlib.util.find_spec("timeline.export.jsonld") is None:
        return None
    document = getattr(importlib.import_module("timeline.export.jsonld"), "document", None)
    return document if callable(document) else None


def _jsonld(timeline: Timeline) -> str | None:
    document = jsonld_document()
    return script_json(document(timeline)) if document else None


def _summary(rows: list[Row], drawn: int, articles: int) -> str:
    undated = sum(r.shape.kind == "undated" for r in rows)
    beyond = len(rows) - drawn - undated
    text = f"{plural(len(rows), 'event')} from {plural(articles, 'article')}"
    if undated:
        text += f"; {undated} without a date {'is' if undated == 1 else 'are'} listed in the table only"
    if beyond:
        text += f"; {beyond} after the year 9000 (beyond the chart) in the table only"
    if drawn:
        text += ". Hover a marker or span for details; click it to open its source"
        if any(r.faint and drawable(r) for r in rows):
            text += ". Small faint dots are statements of fact, dated at publication"
    return text + "."


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    rows = build_rows(timeline, options.lanes)
    dated = [r for r in rows if drawable(r)]
    title = clean(timeline.title) or "Timeline"
    files: dict[str, bytes] = {}
    external = None  # where the CSP lets plotly.js come from
    if dated:
        mode = {"inline": True, "directory": "directory", "cdn": "cdn"}[options.plotlyjs]
        chart = pio.to_html(figure(dated, title), config=CONFIG, include_plotlyjs=mode, full_html=False,
                            div_id=DIV_ID, post_script=ON_CLICK, validate=True)
        if options.plotlyjs == "directory":
            files["plotly.min.js"] = get_plotlyjs().encode("utf-8")
            external = "'self'"  # plotly.min.js beside the page (checked from file:// in Chromium)
        elif options.plotlyjs == "cdn":
            external = CDN
    else:
        chart = '<p class="empty">No dated events to draw.</p>'
    summary = _summary(rows, len(dated), len(timeline.articles))
    files[FILE] = page(title, summary, chart, rows, _jsonld(timeline), external).encode("utf-8")
    return files
