"""Exporters: Timeline -> files. One module per format; none knows how dates were found.

Every format module defines ``render(timeline, options) -> dict[str, bytes]`` mapping output file
names to their bytes (most formats write one file; ``json`` also writes its schema, ``html`` with
``plotlyjs="directory"`` also writes ``plotly.min.js``). ``write`` replaces them in a folder as one set:

1. each file of each requested format is written to a temporary file in the output folder
   (``.NAME.XXXXXXXX.tmp``): formats whose module also defines ``chunks(timeline, options) ->
   dict[str, Iterable[bytes]]`` (json, ics) stream into it one event at a time, the others are
   rendered in memory one format at a time;
2. then all are renamed into place together, with SIGINT/SIGTERM held back for those few renames.

A long build hands the exporters a Timeline whose ``events`` is a ``store.LazyEvents``: a sequence
that builds each event when it is read, so that a streaming format holds one event at a time;
``shown`` and ``showable`` select from it without building the events.

A failure or an interrupt before step 2 removes the temporary files and leaves the folder as it
was. A temporary file left by a killed run is removed by the next run into that folder. Files of
formats this run was not asked for are left alone. A requested format that cannot be written (an
ICS calendar with no dated event) is reported, and its file from an earlier run is removed, so
the folder never holds an old file beside new ones as if they were one set.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import secrets
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from timeline.errors import TimelineError, UsageError
from timeline.models import Timeline, When, event_sort_key
from timeline.store import LazyEvents, whens

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
# format name -> every file it may write (a test checks this against what ``render`` returns)
FILES: dict[str, tuple[str, ...]] = {
    "html": ("timeline.html", "plotly.min.js"),
    "ics": ("timeline.ics",),
    "json": ("timeline.json", "timeline.schema.json"),
    "timelinejs": ("timeline.timelinejs.json",),
    "jsonfeed": ("timeline.feed.json",),
    "jsonld": ("timeline.jsonld",),
    "markdown": ("timeline.md",),
    "png": ("timeline.png",),
    "svg": ("timeline.svg",),
    "pdf": ("timeline.pdf",),
}
OUTPUT_NAMES = frozenset(name for names in FILES.values() for name in names)  # never read back as input
# our temporaries: .NAME.XXXXXXXX.tmp, and .NAME.XXXXXXXX from versions that used tempfile.mkstemp
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?:[A-Za-z0-9_-]{8}\.tmp|[a-z0-9_]{8})$")


@dataclass(frozen=True)
class ExportOptions:
    """Options shared by the exporters (each reads the ones it needs)."""

    plotlyjs: Literal["inline", "directory", "cdn"] = "inline"  # html: where plotly.js comes from
    lanes: Literal["source", "article", "actor", "kind"] = "source"  # html, images: one lane per ...
    calendar_name: str | None = None  # ics: X-WR-CALNAME (default: the timeline title)
    all_events: bool = False  # html, ics: also the minor events (states, weak events), left out by default


def shown(timeline: Timeline, options: ExportOptions) -> Timeline:
    """The timeline a reader-facing format shows: without the minor events unless all are asked for.
    (timeline.json keeps every event, each flagged.)"""
    if options.all_events:
        return timeline
    if isinstance(timeline.events, LazyEvents):  # a long build's events: selected without building them
        kept = timeline.events.where(lambda g: not g.minor)
        return timeline if len(kept) == len(timeline.events) else timeline.model_copy(update={"events": kept})
    if not any(e.minor for e in timeline.events):
        return timeline
    return timeline.model_copy(update={"events": [e for e in timeline.events if not e.minor]})


def render(timeline: Timeline, fmt: str, options: ExportOptions | None = None) -> dict[str, bytes]:
    """The files of one format, as bytes (deterministic: same timeline, same bytes).

    Every format but ``json`` first gets the timeline with its out-of-range dates removed
    (``showable``): calendars and pages convert to UTC and add a day for exclusive ends.
    """
    return {name: b"".join(parts) for name, parts in chunks(timeline, fmt, options).items()}


def chunks(timeline: Timeline, fmt: str, options: ExportOptions | None = None) -> dict[str, Iterable[bytes]]:
    """The files of one format, each as pieces of bytes made as they are written: formats whose
    module has ``chunks`` (json, ics) never hold the whole file; the others ``render`` it at once.
    A format that cannot be written raises before the first piece of its first file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    name, _, variant = FORMATS[fmt].partition(":")  # one module may write several formats
    module = importlib.import_module(f"{__name__}.{name}")
    if fmt not in EXACT_FORMATS:
        timeline, _ = showable(timeline)
    options = options or ExportOptions()
    if hasattr(module, "chunks") and not variant:
        return module.chunks(timeline, options)
    files = module.render(timeline, options, variant) if variant else module.render(timeline, options)
    return {name: [data] for name, data in files.items()}


# --- dates the outputs can show ------------------------------------------------------------------
# Python dates run from year 1 to 9999. Outputs convert aware times to UTC and turn an inclusive
# last day into an exclusive end (ICS DTEND, the chart's bars), so a bound must stay one day inside
# that range in UTC. The JSON document is the model itself and keeps every valid date.
EXACT_FORMATS = {"json"}
FIRST_DAY, LAST_DAY = dt.date(1, 1, 2), dt.date(9999, 12, 30)


def in_output_range(x: dt.date | dt.datetime | None) -> bool:
    """True when ``x`` (in UTC, for an aware time) is within FIRST_DAY..LAST_DAY."""
    if x is None:
        return True
    if isinstance(x, dt.datetime):
        try:
            x = (x.astimezone(dt.UTC) if x.utcoffset() is not None else x).date()
        except OverflowError:
            return False
    return FIRST_DAY <= x <= LAST_DAY


def showable(timeline: Timeline) -> tuple[Timeline, list[str]]:
    """The timeline with every date the outputs cannot show removed, and one warning for each.

    An event whose interval reaches outside the range is kept, undated (its TIMEX3 value and
    text stay); an article's publication date outside it is dropped.
    """
    lazy = isinstance(timeline.events, LazyEvents)
    if lazy and all(_showable_when(w) for w in {id(w): w for w in whens(timeline.events)}.values()) and all(
            in_output_range(a.published) for a in timeline.articles):
        return timeline, []  # the usual case, decided on the distinct dates alone
    warnings: list[str] = []
    events = []
    for ev in timeline.events:
        if _showable_when(ev.when):
            events.append(ev)
            continue
        warnings.append(f"event {ev.id} ({ev.title[:60]}): its date {ev.when.value} is outside "
                        f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} (UTC); kept undated except in the JSON")
        events.append(ev.model_copy(update={"when": When(value=ev.when.value, type=ev.when.type, anchor=ev.when.anchor)}))
    articles = []
    for a in timeline.articles:
        if in_output_range(a.published):
            articles.append(a)
        else:
            warnings.append(f"article {a.id}: its publication date {a.published} is outside {FIRST_DAY.isoformat()} "
                            f"to {LAST_DAY.isoformat()} (UTC); left out except in the JSON")
            articles.append(a.model_copy(update={"published": None}))
    if not warnings:
        return timeline, []
    events.sort(key=event_sort_key)
    return Timeline(title=timeline.title, articles=articles, events=events), warnings


def _showable_when(w: When) -> bool:
    return in_output_range(w.start) and in_output_range(w.end)


def _temp_name(name: str) -> str:
    return f".{name}.{secrets.token_urlsafe(6)[:8]}.tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file so that readers never see a half-written one (temp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / _temp_name(path.name)
    try:
        _write_new(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_new(path: Path, data: bytes | Iterable[bytes]) -> None:
    """A new file (never an existing one) holding ``data``, or its pieces written as they come."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
    with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            for part in data:
                fh.write(part)


def check_output(out_dir: Path | str) -> Path:
    """The output folder, created if missing and checked writable; stale temporary files removed.

    Raises UsageError (exit status 2) naming the folder when it cannot be used: a file is in
    the way, a parent is not a folder, or it is read-only. Call it before any work.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: the output folder is a file (choose another -o)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"{out}: cannot create the output folder: a file is in the way") from None
    except NotADirectoryError:
        raise UsageError(f"{out}: cannot create the output folder: a part of the path is a file") from None
    except OSError as exc:
        raise UsageError(f"{out}: cannot create the output folder: {exc.strerror or exc}") from None
    probe = out / _temp_name("probe")
    try:
        _write_new(probe, b"")
    except OSError as exc:
        raise UsageError(f"{out}: cannot write in the output folder: {exc.strerror or exc}") from None
    probe.unlink(missing_ok=True)
    for stale in out.iterdir():  # temporaries of a killed run: ours by their name
        m = _TEMP.match(stale.name)
        if m and (m.group("name") in OUTPUT_NAMES or m.group("name") == "probe") and stale.is_file():
            stale.unlink(missing_ok=True)
    return out


@dataclass
class Written:
    """What ``write`` did: files put in place, formats that failed (and why), old files removed."""

    paths: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    removed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # dates some formats could not show

    def __iter__(self) -> Iterator[Path]:  # ``list(write(...))`` is the paths written, as before
        return iter(self.paths)


def write(
    timeline: Timeline,
    out_dir: Path | str,
    formats: Iterable[str] = DEFAULT_FORMATS,
    options: ExportOptions | None = None,
    *,
    strict: bool = False,
) -> Written:
    """Write every format to temporary files, then replace the files in ``out_dir`` as one set (see
    the module doc).

    A format that fails is recorded in ``Written.failed`` and its old files are removed; with
    ``strict`` a failed format raises its error and nothing is written.
    """
    out = check_output(out_dir)
    formats = list(dict.fromkeys(formats))
    done = Written()
    if any(fmt not in EXACT_FORMATS for fmt in formats):
        done.warnings = showable(timeline)[1]
    temps: dict[str, Path] = {}  # every temporary file made so far: removed unless renamed into place
    try:
        for fmt in formats:
            made: list[str] = []
            try:
                for name, parts in chunks(timeline, fmt, options).items():
                    made.append(name)
                    temps[name] = out / _temp_name(name)
                    _write_new(temps[name], parts)
            except Exception as exc:
                _remove(temps.pop(name) for name in made)
                if strict or isinstance(exc, OSError):
                    raise
                if isinstance(exc, TimelineError):
                    done.failed[fmt] = str(exc)
                else:  # a bug in one exporter: the other formats are still written
                    done.failed[fmt] = f"internal error: {type(exc).__name__}: {str(exc)[:200]} (rerun with --debug)"
        with _signals_held():
            for name, tmp in temps.items():
                os.replace(tmp, out / name)
                done.paths.append(out / name)
            for fmt in done.failed:
                for name in FILES[fmt]:
                    old = out / name
                    if name not in temps and old.is_file():
                        old.unlink()
                        done.removed.append(old)
    except OSError as exc:
        raise UsageError(f"{out}: cannot write the outputs: {exc.strerror or exc}") from None
    finally:
        _remove(temps.values())
    return done


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the files are renamed, then deliver them.

    Only the main thread can install handlers; elsewhere the renames simply run.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda n, frame: caught.append(n)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in caught[:1]:
            signal.raise_signal(sig)
