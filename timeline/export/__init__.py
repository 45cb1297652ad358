"""Exporters: Timeline -> files. One module per format; none knows how dates were found.

Every format module defines ``render(timeline, options) -> dict[str, bytes]`` mapping output file
names to their bytes (most formats write one file; ``json`` also writes its schema, ``html`` with
``plotlyjs="directory"`` also writes ``plotly.min.js``). ``write`` puts them in a folder atomically.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from timeline.models import Timeline

# format name -> module in this package (each module's FILE names its main output file), or
# "module:variant" for a module that writes several formats
FORMATS: dict[str, str] = {
    "html": "html",
    "ics": "ics",
    "json": "json",
    "timelinejs": "timelinejs",
    "jsonfeed": "jsonfeed",
    "jsonld": "jsonld",
    "markdown": "markdown",
    "png": "image:png",  # static images of the chart (kaleido + the system Chromium)
    "svg": "image:svg",
    "pdf": "image:pdf",
}
DEFAULT_FORMATS = ("html", "ics", "json")


@dataclass(frozen=True)
class ExportOptions:
    """Options shared by the exporters (each reads the ones it needs)."""

    plotlyjs: Literal["inline", "directory", "cdn"] = "inline"  # html: where plotly.js comes from
    lanes: Literal["source", "article", "actor"] = "source"  # html: one lane per ...
    calendar_name: str | None = None  # ics: X-WR-CALNAME (default: the timeline title)
    all_events: bool = False  # html, ics: also the minor events (states, weak events), left out by default


def shown(timeline: Timeline, options: ExportOptions) -> Timeline:
    """The timeline a reader-facing format shows: without the minor events unless all are asked for.
    (timeline.json keeps every event, each flagged.)"""
    if options.all_events or not any(e.minor for e in timeline.events):
        return timeline
    return timeline.model_copy(update={"events": [e for e in timeline.events if not e.minor]})


def render(timeline: Timeline, fmt: str, options: ExportOptions | None = None) -> dict[str, bytes]:
    """The files of one format, as bytes (deterministic: same timeline, same bytes)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    name, _, variant = FORMATS[fmt].partition(":")  # one module may write several formats
    module = importlib.import_module(f"{__name__}.{name}")
    if variant:
        return module.render(timeline, options or ExportOptions(), variant)
    return module.render(timeline, options or ExportOptions())


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers never see a half-written one (temp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(
    timeline: Timeline, out_dir: Path, formats: Iterable[str] = DEFAULT_FORMATS, options: ExportOptions | None = None
) -> list[Path]:
    """Render every format first, then write all files atomically; returns the paths written."""
    files: dict[str, bytes] = {}
    for fmt in formats:
        files.update(render(timeline, fmt, options))
    written = []
    for name, data in files.items():
        path = Path(out_dir) / name
        write_atomic(path, data)
        written.append(path)
    return written
