"""PNG, SVG and PDF of the chart, drawn by kaleido in Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import importlib.util
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CHROMIUM, need

from timeline.errors import TimelineError
from timeline.export import ExportOptions, render
from timeline.export.image import WIDTH, static_figure
from timeline.models import Timeline


@pytest.fixture(scope="module")
def images(sample_timeline_module: Timeline) -> dict[str, bytes]:
    need(importlib.util.find_spec("kaleido") is not None, "kaleido is not installed (pip install 'news-timeline[images]')")
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}")
    out: dict[str, bytes] = {}
    for fmt in ("png", "svg", "pdf"):
        out.update(render(sample_timeline_module, fmt))
    return out


@pytest.fixture(scope="module")
def sample_timeline_module() -> Timeline:
    from conftest import make_sample_timeline

    return make_sample_timeline()


def test_png_has_the_chart_size(images: dict[str, bytes], sample_timeline_module: Timeline) -> None:
    png = images["timeline.png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    fig = static_figure(sample_timeline_module, ExportOptions())
    assert (width, height) == (2 * WIDTH, 2 * fig["layout"]["height"])  # drawn at scale 2
    assert len(png) > 30_000  # not a blank canvas


def test_svg_carries_the_labels_as_text(images: dict[str, bytes], sample_timeline_module: Timeline) -> None:
    root = ET.fromstring(images["timeline.svg"])
    assert root.get("width") == str(WIDTH)
    text = " ".join(t for node in root.iter() if node.tag.endswith("text") for t in node.itertext())
    assert "Sample timeline" in text  # the title
    labelled = [a["name"] for a in static_figure(sample_timeline_module, ExportOptions())["layout"]["annotations"]
                if a["name"] != "open"]
    titles = {e.id: e.title for e in sample_timeline_module.events}
    assert labelled and all(titles[i][:20] in text for i in labelled)
    assert "Reuters" in text and "AP" in text  # the lanes
    assert "whole span" not in text  # no buttons on paper


def test_pdf_is_a_pdf(images: dict[str, bytes]) -> None:
    pdf = images["timeline.pdf"]
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:] and 10_000 < len(pdf) < 1_000_000  # vector, not raster


def test_missing_browser_is_a_clear_error(sample_timeline_module: Timeline, monkeypatch) -> None:
    monkeypatch.setenv("TIMELINE_CHROMIUM", "/nonexistent/chromium")
    need(importlib.util.find_spec("kaleido") is not None, "kaleido is not installed")
    with pytest.raises(TimelineError, match="Chromium at /nonexistent/chromium"):
        render(sample_timeline_module, "png")


def test_no_dated_event_is_a_clear_error() -> None:
    with pytest.raises(TimelineError, match="no dated events"):
        static_figure(Timeline(title="empty"), ExportOptions())
