"""export.write replaces the outputs as one set: rendered first, renamed together, cleaned up on failure."""

from __future__ import annotations

import datetime as dt
import os
import signal
from pathlib import Path

import pytest

from tests.conftest import make_sample_timeline
from timeline import export
from timeline.errors import TimelineError, UsageError
from timeline.export import FILES, ExportOptions, showable, write
from timeline.models import (
    Anchor,
    Article,
    Event,
    Precision,
    Source,
    Timeline,
    When,
    event_sort_key,
)

FORMATS = ["ics", "json", "markdown"]


def _old_set(out: Path) -> dict[str, bytes]:
    out.mkdir(exist_ok=True)
    old = {name: f"old {name}".encode() for fmt in FORMATS for name in FILES[fmt]}
    for name, data in old.items():
        (out / name).write_bytes(data)
    return old


def _listing(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_every_file_a_format_writes_is_in_the_table() -> None:
    tl = make_sample_timeline()
    for fmt in export.FORMATS:
        for plotlyjs in ("inline", "directory"):
            names = set(export.render(tl, fmt, ExportOptions(plotlyjs=plotlyjs)))
            assert names <= set(FILES[fmt]), fmt


def test_an_interrupt_while_rendering_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_set(tmp_path)
    real = export.chunks

    def chunks(timeline, fmt, options=None):
        if fmt == "markdown":  # the last format: the others are already in their temporary files
            raise KeyboardInterrupt
        return real(timeline, fmt, options)

    monkeypatch.setattr(export, "chunks", chunks)
    with pytest.raises(KeyboardInterrupt):
        write(make_sample_timeline(), tmp_path, FORMATS)
    assert _listing(tmp_path) == old  # no new file beside old ones, no temporary left


def test_a_failure_while_writing_temporaries_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_set(tmp_path)
    real = export._write_new
    calls = []

    def flaky(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(export, "_write_new", flaky)
    with pytest.raises(UsageError, match="No space left"):
        write(make_sample_timeline(), tmp_path, FORMATS)
    assert _listing(tmp_path) == old


def test_a_signal_during_the_renames_waits_until_the_set_is_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _old_set(tmp_path)
    real = os.replace
    sent = []

    def replace(src, dst):
        if not sent:
            sent.append(1)
            os.kill(os.getpid(), signal.SIGINT)
        real(src, dst)

    monkeypatch.setattr(export.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write(make_sample_timeline(), tmp_path, FORMATS)
    assert all(not data.startswith(b"old ") for data in _listing(tmp_path).values())  # every file is new


def test_a_format_that_fails_is_reported_and_its_old_file_removed(tmp_path: Path) -> None:
    old = _old_set(tmp_path)
    (tmp_path / "timeline.html").write_bytes(b"not asked for")
    undated = Timeline(title="t", articles=[], events=[])  # a calendar needs a dated event
    done = write(undated, tmp_path, FORMATS)
    assert set(done.failed) == {"ics"} and "dated" in done.failed["ics"]
    assert done.removed == [tmp_path / "timeline.ics"] and not (tmp_path / "timeline.ics").exists()
    assert (tmp_path / "timeline.json").read_bytes() != old["timeline.json"]
    assert (tmp_path / "timeline.html").read_bytes() == b"not asked for"  # formats not asked for: left alone
    with pytest.raises(TimelineError):
        write(undated, tmp_path / "strict", FORMATS, strict=True)
    assert list((tmp_path / "strict").iterdir()) == []


def test_stale_temporaries_are_removed_and_others_kept(tmp_path: Path) -> None:
    stale = [".timeline.html.k3j4h5g6", ".timeline.ics.AbCd_123.tmp", ".probe.abcdefgh.tmp"]
    keep = [".notes.k3j4h5g6", ".timeline.html.bak", "timeline.html.k3j4h5g6"]
    for name in stale + keep:
        (tmp_path / name).write_text("x")
    write(make_sample_timeline(), tmp_path, ["json"])
    names = {p.name for p in tmp_path.iterdir()}
    assert not names & set(stale) and set(keep) <= names


@pytest.mark.parametrize("where", ["file", "under-file"])
def test_unusable_output_folder_is_a_usage_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "f").write_text("x")
    target = tmp_path / "f" if where == "file" else tmp_path / "f" / "out"
    with pytest.raises(UsageError, match="output folder"):
        export.check_output(target)


def test_read_only_output_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path, data):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(export, "_write_new", refuse)
    with pytest.raises(UsageError, match="Read-only file system"):
        export.check_output(tmp_path)


def _edge_timeline() -> Timeline:
    text = "The vault opens on the last day. The treaty dates from the first hour."
    a = Article(id="edge", title="Edges", text=text, published=dt.date(2025, 1, 1), source="Wire",
                url="https://wire.example/edge")
    east = dt.timezone(dt.timedelta(hours=5))
    whens = [
        When(value="9999-12-31", start=dt.date(9999, 12, 31), end=dt.date(9999, 12, 31), precision=Precision.DAY),
        When(value="0001-01-01T00:30", type="TIME", start=dt.datetime(1, 1, 1, 0, 30, tzinfo=east),
             end=dt.datetime(1, 1, 1, 0, 30, tzinfo=east), precision=Precision.MINUTE, anchor=Anchor.EXPLICIT),
    ]
    events = []
    for i, (phrase, when) in enumerate(zip(["The vault opens", "The treaty dates"], whens, strict=True)):
        start = text.index(phrase)
        src = Source.at(a, start, start + len(phrase))
        events.append(Event(id=f"e{i}", title=phrase, when=when, quote=src.quote, sources=[src]))
    events.sort(key=event_sort_key)
    return Timeline(title="Edges", articles=[a.info()], events=events)


def test_dates_at_the_ends_of_the_calendar_never_crash_an_exporter(tmp_path: Path) -> None:
    tl = _edge_timeline()
    shown, warnings = showable(tl)
    assert len(warnings) == 2 and all(e.when.start is None for e in shown.events)
    assert [e.when.value for e in shown.events] == [e.when.value for e in tl.events] or len(shown.events) == 2
    undrawable = {"ics", "png", "svg", "pdf"}  # a calendar or a picture needs a dated event
    for fmt in export.FORMATS:
        if fmt in undrawable:
            with pytest.raises(TimelineError):  # nothing dated is left: reported, not a crash
                export.render(tl, fmt)
            continue
        assert export.render(tl, fmt), fmt
    done = write(tl, tmp_path, list(export.FORMATS), ExportOptions(plotlyjs="cdn"))
    assert set(done.failed) == undrawable and len(done.warnings) == 2
    assert Timeline.model_validate_json((tmp_path / "timeline.json").read_bytes()) == tl  # the JSON keeps them


def test_an_interrupt_halfway_through_a_streamed_file_changes_nothing(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_set(tmp_path)
    real = export.chunks

    def chunks(timeline, fmt, options=None):
        files = real(timeline, fmt, options)
        if fmt != "json":
            return files

        def cut(parts):
            yield next(iter(parts))  # the head of timeline.json is in its temporary file
            raise KeyboardInterrupt

        return {name: cut(parts) for name, parts in files.items()}

    monkeypatch.setattr(export, "chunks", chunks)
    with pytest.raises(KeyboardInterrupt):
        write(make_sample_timeline(), tmp_path, FORMATS)
    assert _listing(tmp_path) == old
