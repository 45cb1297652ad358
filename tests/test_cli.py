"""The command-line contract: commands, outputs, exit codes and messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from timeline import cli, pipeline

FIXTURES = REPO / "fixtures"


def run(*argv: str) -> int:
    return cli.main(list(argv))


def test_help_explains_every_command(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        run("--help")
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "extract", "schema", "eval"):
        assert command in out


def test_console_script_runs_as_a_module() -> None:
    proc = subprocess.run([sys.executable, "-m", "timeline", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith("timeline ")


def test_build_writes_the_three_files_deterministically(tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert run("build", str(FIXTURES), "-o", str(first), "--format", "json,ics", "-q") == 0
    assert run("build", str(FIXTURES), "-o", str(second), "--format", "json,ics", "-q") == 0
    for name in ("timeline.json", "timeline.ics"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    data = json.loads((first / "timeline.json").read_text())
    assert data["schema_version"] == "2.0"
    assert {a["id"] for a in data["articles"]} == {p.stem for p in FIXTURES.glob("*.md")}
    assert {"published", "title", "url"} <= set(data["articles"][0])
    for ev in data["events"]:
        assert {"id", "title", "quote", "sources"} <= set(ev)
        assert {"value", "start", "end", "precision"} <= set(ev["when"])
        assert {"article", "start", "end", "url"} <= set(ev["sources"][0])
    starts = [e["when"]["start"] or "9999" for e in data["events"]]
    assert starts == sorted(starts, key=lambda s: s[:10])


def test_build_default_formats_include_html(tmp_path: Path) -> None:
    assert run("build", str(FIXTURES), "-o", str(tmp_path), "-q", "--plotlyjs", "cdn") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) >= ["timeline.html", "timeline.ics", "timeline.json"]


def test_bad_input_is_named_and_the_others_go_on(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(FIXTURES.glob("000_*.md")), src / "good.md")
    (src / "bad.md").write_bytes(b"---\npublished: 2025-01-01\n---\ncaf\xe9 on Monday")
    out = tmp_path / "out"
    assert run("build", str(src), "-o", str(out), "--format", "json") == 2
    err = capsys.readouterr().err
    assert "bad.md" in err and "UTF-8" in err
    data = json.loads((out / "timeline.json").read_text())
    assert [a["id"] for a in data["articles"]] == ["good"] and data["events"]


def test_missing_input_and_bad_options_exit_2(tmp_path: Path, capsys) -> None:
    assert run("build", str(tmp_path / "nope.md"), "-o", str(tmp_path)) == 2
    assert "nope.md" in capsys.readouterr().err
    for argv in (["build", "--format", "gif"], ["extract", "x.txt", "--published", "June 10"], ["frobnicate"]):
        with pytest.raises(SystemExit) as exc:
            run(*argv)
        assert exc.value.code == 2
    assert not (tmp_path / "timeline.json").exists()


def test_internal_error_in_one_article_is_reported_and_the_others_go_on(tmp_path: Path, capsys, monkeypatch) -> None:
    real = pipeline.process
    victim = sorted(FIXTURES.glob("*.md"))[0]

    def boom(article, *rest):  # rest: the named-period table pipeline.build passes on
        if article.origin == str(victim):
            raise RuntimeError("kaput")
        return real(article, *rest)

    monkeypatch.setattr(pipeline, "process", boom)
    assert run("build", str(FIXTURES), "-o", str(tmp_path), "--format", "json") == 2
    err = capsys.readouterr().err
    assert f"internal error in {victim}: RuntimeError: kaput" in err and "Traceback" not in err
    ids = [a["id"] for a in json.loads((tmp_path / "timeline.json").read_text())["articles"]]
    assert victim.stem not in ids and ids
    assert run("--debug", "build", str(FIXTURES), "-o", str(tmp_path), "--format", "json") == 2
    assert "Traceback" in capsys.readouterr().err  # --debug shows where, and the run still goes on


def test_internal_error_outside_one_article_exits_1_with_a_plain_message(tmp_path: Path, capsys, monkeypatch) -> None:
    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(pipeline, "group_stream", boom)  # the merge, after every article
    assert run("build", str(FIXTURES), "-o", str(tmp_path), "--format", "json") == 1
    assert "internal error: RuntimeError: kaput" in capsys.readouterr().err


def test_extract_jsonl_offsets_index_the_raw_text(tmp_path: Path, capsys) -> None:
    raw = "Dateline.\r\nThe cable, dated June 10, arrived.\r\n\r\nOn Tuesday\u00a0he spoke."
    f = tmp_path / "a.txt"
    f.write_bytes(raw.encode("utf-8"))
    assert run("extract", str(f), "--published", "2025-06-11") == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows, "no expressions found"
    for row in rows:
        assert raw[row["start"] : row["end"]] == row["text"]
        assert row["type"] in {"DATE", "TIME", "DURATION", "SET"}
        assert row["when"]["value"] == row["value"]
        assert "start" not in row["when"] or row["when"]["start"] != row["start"]
    by_text = {r["text"]: r for r in rows}
    assert by_text["June 10"]["value"] == "2025-06-10"
    assert by_text["Tuesday"]["when"]["start"] == "2025-06-10"


def test_extract_without_publication_date_warns_and_leaves_values_open(tmp_path: Path, capsys) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The cable, dated June 10, arrived on Tuesday.")
    assert run("extract", str(f)) == 0
    captured = capsys.readouterr()
    assert "warning" in captured.err and "a.txt" in captured.err
    values = {json.loads(line)["text"]: json.loads(line)["value"] for line in captured.out.splitlines()}
    assert values["June 10"] == "XXXX-06-10"


def test_extract_reads_standard_input_and_prints_a_table(tmp_path: Path, capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("It happened on 5 March 2024.".encode())))
    assert run("extract", "-", "--format", "table") == 0
    out = capsys.readouterr().out
    assert "5 March 2024" in out and "2024-03-05" in out


def test_schema_command_prints_the_published_schema(capsys) -> None:
    assert run("schema") == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema") and "events" in schema["properties"]


def test_min_confidence_leaves_out_weaker_events(tmp_path: Path) -> None:
    every, confident = tmp_path / "all", tmp_path / "confident"
    assert run("build", str(FIXTURES), "-o", str(every), "--format", "json", "-q") == 0
    assert run("build", str(FIXTURES), "-o", str(confident), "--format", "json", "-q", "--min-confidence", "0.4") == 0
    all_events = json.loads((every / "timeline.json").read_text())["events"]
    kept = json.loads((confident / "timeline.json").read_text())["events"]
    assert any(e["confidence"] < 0.4 for e in all_events)
    assert kept and all(e["confidence"] >= 0.4 for e in kept)
    assert len(kept) == sum(1 for e in all_events if e["confidence"] >= 0.4)
    with pytest.raises(SystemExit) as exc:
        run("build", "--min-confidence", "1.5")
    assert exc.value.code == 2


def test_build_ends_with_one_summary_line_even_when_quiet(tmp_path: Path, capsys) -> None:
    assert run("build", str(FIXTURES), "-o", str(tmp_path), "--format", "json", "-q", "--jobs", "1") == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    for part in ("2 article(s)", "event(s)", "warning(s)", " s, ", "articles/s", "timeline.json"):
        assert part in lines[0], part


def test_jobs_engine_and_scheduler_are_checked(tmp_path: Path, capsys) -> None:
    for argv in (["build", "--jobs", "0"], ["build", "--jobs", "two"], ["build", "--engine", "spark"]):
        with pytest.raises(SystemExit) as exc:
            run(*argv)
        assert exc.value.code == 2
    assert run("build", str(FIXTURES), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1") == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
