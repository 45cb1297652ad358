"""`timeline summarize`: the summary timeline as JSON lines, Markdown and HTML, from files of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import cli

ARTICLES = {
    "quake-1.md": ("2023-02-07", "Quake relief", ("A magnitude 7.8 earthquake struck the border region on Monday. "
                                                  "Rescue teams searched collapsed buildings through the night.")),
    "quake-2.md": ("2023-02-08", "Aid arrives", ("Aid convoys reached the border region on Wednesday, two days after "
                                                 "the earthquake of February 6. The United Nations appealed for funds "
                                                 "on Wednesday.")),
    "quake-3.md": ("2023-02-10", "Death toll", ("Officials said on Friday that the earthquake of February 6 had killed "
                                                "more than 20,000 people. Aid convoys reached the border region on "
                                                "February 8.")),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, (published, title, text) in ARTICLES.items():
        (tmp_path / name).write_text(f"---\ntitle: {title}\npublished: {published}\nsource: Wire\n---\n{text}\n", "utf-8")
    return tmp_path


def test_jsonl_one_line_per_date_in_order(folder: Path, capsys) -> None:
    assert cli.main(["summarize", str(folder), "--dates", "2", "--sentences", "2"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows) and len(rows) == 2
    assert rows[0]["date"] == "2023-02-06"  # the quake's day: named by all three articles
    assert all(set(r) == {"date", "sentences", "events"} and 1 <= len(r["sentences"]) <= 2 for r in rows)
    texts = " ".join(t for _, _, t in ARTICLES.values())
    assert all(s in texts for r in rows for s in r["sentences"])


def test_markdown_html_and_bounds(folder: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["summarize", str(folder), "--format", "markdown", "--since", "2023-02-07", "--title", "Quake"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Quake") and "## 6 February 2023" not in md and "## 8 February 2023" in md
    out = tmp_path / "summary.html"
    assert cli.main(["summarize", str(folder), "--format", "html", "--until", "2023-02-06", "-o", str(out)]) == 0
    page = out.read_text("utf-8")
    assert '<time datetime="2023-02-06">6 February 2023</time>' in page and "2023-02-08" not in page
    assert "<script" not in page and "default-src 'none'" in page


def test_bad_usage_exits_2(folder: Path, capsys) -> None:
    for argv in (["summarize", str(folder), "--dates", "0"], ["summarize", str(folder), "--format", "pdf"]):
        with pytest.raises(SystemExit) as exc:
            cli.main(argv)
        assert exc.value.code == 2
    assert cli.main(["summarize", str(folder / "missing.md")]) == 2
    assert "missing.md" in capsys.readouterr().err
