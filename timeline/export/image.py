"""Static images of the chart for slides, print and e-mail: PNG, SVG and PDF.

The same figure as the HTML page (``_html_figure.figure``: lanes, labels, key events), drawn at the
nominal width its labels were laid out for, with the chart's title and without the range slider
and buttons (nothing to click on paper). Rendered by Plotly's ``kaleido`` in the system Chromium:
``kaleido`` drives a browser through ``choreographer``, which would otherwise look for Chrome on
the PATH (or offer to download one); here it is always handed ``/usr/bin/chromium`` (or
``$TIMELINE_CHROMIUM``) and MathJax is off, so nothing is downloaded or fetched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError
from timeline.export import ExportOptions, shown
from timeline.export._html_figure import MARGIN, drawable, figure
from timeline.export._html_layout import PLOT_PX
from timeline.export._html_rows import rows as build_rows
from timeline.export._html_text import clean
from timeline.models import Timeline

CHROMIUM = "/usr/bin/chromium"
FILES = {"png": "timeline.png", "svg": "timeline.svg", "pdf": "timeline.pdf"}
WIDTH = PLOT_PX + MARGIN["l"] + MARGIN["r"]  # the labels were placed for exactly this plot width
SCALE = {"png": 2, "svg": 1, "pdf": 1}  # PNG at twice the size: sharp on slides and high-density screens


def chromium() -> str:
    path = os.environ.get("TIMELINE_CHROMIUM", CHROMIUM)
    if not Path(path).is_file():
        raise TimelineError(f"static images need Chromium at {path} (apt-get install chromium, "
                            "or set TIMELINE_CHROMIUM); nothing is downloaded")
    return path


def static_figure(timeline: Timeline, options: ExportOptions) -> dict[str, Any]:
    """The chart as a plotly figure dict for print: title on, range slider and buttons off."""
    rows = [r for r in build_rows(shown(timeline, options), options.lanes) if drawable(r)]
    if not rows:
        raise TimelineError("no dated events to draw: no static image")
    fig, _, _ = figure(rows, clean(timeline.title) or "Timeline", options.lanes)
    layout = fig["layout"]
    layout["margin"] = {**MARGIN, "t": MARGIN["t"] + 30}
    layout["height"] += 30
    layout["xaxis"].pop("rangeselector", None)
    layout["xaxis"]["rangeslider"] = {"visible": False}
    return fig


def render(timeline: Timeline, options: ExportOptions, fmt: str) -> dict[str, bytes]:
    try:
        import kaleido
    except ImportError:
        raise TimelineError("static images need kaleido: pip install 'news-timeline[images]'") from None
    fig = static_figure(timeline, options)
    if fmt == "pdf":  # Chromium rasterises pattern fills into a PDF (10 MB for the fixtures): the
        for t in fig["data"]:  # lighter fill of approximate spans stays, the hatching goes (37 KB)
            if t["type"] == "bar":
                t["marker"]["pattern"]["shape"] = ["" for _ in t["marker"]["pattern"]["shape"]]
    opts = {"format": fmt, "width": WIDTH, "height": fig["layout"]["height"], "scale": SCALE[fmt]}
    try:
        data = kaleido.calc_fig_sync(fig, opts=opts, kopts={"path": chromium(), "mathjax": False})
    except TimelineError:
        raise
    except Exception as exc:  # noqa: BLE001 - kaleido reports a browser that will not start in many ways
        raise TimelineError(f"{fmt}: Chromium could not draw the chart ({type(exc).__name__}: {exc})") from None
    return {FILES[fmt]: data if isinstance(data, bytes) else str(data).encode("utf-8")}
