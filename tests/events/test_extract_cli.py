"""`timeline extract FILE --events`: one JSON line per event mention, offsets into the article text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TEXT = ("The Lakers beat the Celtics 112-104 on Monday. LeBron James scored 31 points. "
        "The team will play Denver on Friday.\n")


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, input=stdin,
                          check=False)


def test_jsonl_lines_have_offsets_class_kind_when_and_event(tmp_path: Path) -> None:
    path = tmp_path / "game.txt"
    path.write_text(TEXT, encoding="utf-8")
    got = _run("extract", str(path), "--events", "--published", "2025-03-04")
    assert got.returncode == 0, got.stderr
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    assert rows and all(set(r) == {"start", "end", "text", "class", "kind", "when", "event"} for r in rows)
    for r in rows:
        assert TEXT[r["start"]:r["end"]] == r["text"]
        assert r["class"] in {"OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"}
    beat = next(r for r in rows if r["text"] == "beat")
    assert beat["when"]["value"] == "2025-03-03" and beat["kind"] == "result" and beat["event"].startswith("ev-")
    play = next(r for r in rows if r["text"] == "play")
    assert play["when"]["start"] == "2025-03-07"


def test_table_format_and_standard_input() -> None:
    got = _run("extract", "-", "--events", "--published", "2025-03-04", "--format", "table", stdin=TEXT)
    assert got.returncode == 0, got.stderr
    assert "beat" in got.stdout and "class" in got.stdout


def test_without_a_publication_date_relative_times_stay_null(tmp_path: Path) -> None:
    path = tmp_path / "game.txt"
    path.write_text(TEXT, encoding="utf-8")
    got = _run("extract", str(path), "--events")
    assert got.returncode == 0
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    assert rows and all(r["when"] is None or "start" not in r["when"] for r in rows)
