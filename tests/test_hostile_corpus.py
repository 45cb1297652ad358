"""Issue 12: a folder of hostile inputs, built by `timeline build` in a real process.

Every case of the issue's "Why" is one file (or link) here; the folder also holds good articles.
The run must end with exit 2 (input problems), never 1; name each bad file and its reason;
export the good articles' events; and stay under 1 GB of memory and 60 s for the whole folder.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

MEMORY_LIMIT_MB = 1024
TIME_LIMIT_S = 60

GOOD = """---
title: Council approves harbour budget
published: 2025-06-11
source: Harbour Herald
url: https://herald.example/budget
---
The city council voted on June 10, 2025 to approve the harbour budget. The mayor will sign it on Friday.
"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>early</guid><title>Storm</title><pubDate>0001-01-01T00:30+05:00</pubDate>
<description>The storm hit the coast yesterday.</description></item>
<item><guid>late</guid><title>Flood</title><pubDate>9999-12-31T23:00-05:00</pubDate>
<description>The river flooded on Monday.</description></item>
<item><guid>fine</guid><title>Match</title><pubDate>Sat, 14 Jun 2025 18:00:00 +0000</pubDate>
<description>The home side won the cup final on 14 June 2025 before a record crowd.</description></item>
</channel></rss>
"""

# 417 bytes of front matter whose aliases would expand to 9^9 strings when the title is printed
ALIASES = "---\n" + "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
) + "title: *i\n---\nThe vote was held on Monday.\n"


def make_corpus(root: Path) -> dict[str, str]:
    """Write the hostile folder; returns {file name: a phrase its error message must contain}."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD)
    expect = {}

    def bad(name: str, data: str | bytes, reason: str) -> None:
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        expect[name] = reason

    bad("feb30.md", "---\ntitle: Market\npublished: 2025-02-30\n---\nShares fell on Monday.\n", "2025-02-30")
    bad("year0.md", "---\ntitle: Court\npublished: 0000-01-01\n---\nThe judge ruled on Monday.\n", "year 0")
    deep = '{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good_line = json.dumps({"maintext": "The election commission certified the results on 3 May 2025.",
                            "date_publish": "2025-05-04 09:00:00", "title": "Results certified",
                            "url": "javascript:alert(1)", "source_domain": "vote.example"})
    bad("deep.jsonl", deep + "\n" + good_line + "\n", "nested 100001 levels")
    bad("aliases.md", ALIASES, "aliases")
    assert len(ALIASES.split("---\n")[1]) < 420
    bad("wire.rss", FEED, "outside the years 1 to 9999")
    bad("types.md", "---\ntitle: [a, b]\npublished: 2025-01-02\n---\nThe museum opened on Sunday.\n", "title must be text")
    bad("big.html", b"<html><body><p>" + b"Word " * (6 * 2**20) + b"</p></body></html>", "size limit")
    bad("nav.html", "<html><head><title>Sport</title></head><body><nav><a href='/s'>Read more sport news and results "
        "from the weekend here</a></nav></body></html>", "only text is links")
    bad("last-day.md", "---\ntitle: Sentinel\npublished: 9999-12-31\n---\nThe registry said today that the record "
        "is closed.\n", "")
    expect.pop("last-day.md")  # not an input error: a warning, the event kept undated outside the JSON
    os.mkfifo(corpus / "pipe.md")
    expect["pipe.md"] = "FIFO"
    # a symlinked folder is read once; a link back to the top is no loop
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.md").write_text(GOOD.replace("harbour budget", "ferry contract").replace("June 10", "June 9"))
    (corpus / "linked").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "linked-again").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    # lone-CR front matter, a BOM, U+2028 inside a JSON string, gzip
    (corpus / "cr.md").write_bytes(b"---\rtitle: Tide tables\rpublished: 2025-03-01\r---\rHigh tide came on Sunday.\r")
    (corpus / "bom.txt").write_bytes("\ufeffFestival opens\nThe festival opened on 2 August 2025.\n".encode())
    with gzip.open(corpus / "crawl.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"maintext": "The launch slipped to 12 July 2025.\u2028Engineers found a leak.",
                             "date_publish": "2025-07-01", "title": "Launch slips"}, ensure_ascii=False) + "\n")
    return expect


def build(*argv: str, cwd: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run `timeline build` in a fresh process; (result, seconds, peak memory in MB of that process)."""
    probe = ("import resource, subprocess, sys, time; t = time.monotonic(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=%d); "
             "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr); "
             "print('@@', p.returncode, time.monotonic() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)").replace("%d", str(TIME_LIMIT_S * 2))
    proc = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "timeline", *argv], cwd=cwd,
                          capture_output=True, text=True, timeout=TIME_LIMIT_S * 3, check=False)
    last = proc.stdout.rsplit("@@", 1)[-1].split()
    rc, seconds, mb = int(last[0]), float(last[1]), float(last[2])
    return subprocess.CompletedProcess(proc.args, rc, proc.stdout, proc.stderr), seconds, mb


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    expect = make_corpus(root)
    out = root / "out"
    started = time.monotonic()
    result, seconds, mb = build("build", "corpus", "-o", str(out), "--format", "html,ics,json,markdown",
                                "--plotlyjs", "cdn", cwd=root)
    return root, out, expect, result, seconds, mb, time.monotonic() - started


def test_hostile_folder_exits_2_naming_every_bad_file(run) -> None:
    _root, _out, expect, result, *_ = run
    assert result.returncode == 2, result.stderr[-3000:]
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("timeline: error:")]
    for name, reason in expect.items():
        mine = [e for e in errors if f"corpus/{name}" in e]
        assert mine and reason in mine[0], (name, reason, errors)


def test_hostile_folder_exports_the_good_articles(run) -> None:
    _root, out, *_ = run
    data = json.loads((out / "timeline.json").read_text())
    ids = sorted(a["id"] for a in data["articles"])
    # each good article once: the two links to one folder give one article, the loop none
    assert ids == ["bom", "cr", "crawl-1", "deep-2", "fine", "good", "last-day", "linked"], ids
    by_article = {}
    for ev in data["events"]:
        by_article.setdefault(ev["sources"][0]["article"], []).append(ev["when"]["value"])
    assert "2025-06-10" in by_article["good"]
    assert "2025-05-03" in by_article["deep-2"]  # the good line after the 100,000-deep one
    assert all(s.get("url") is None for ev in data["events"] for s in ev["sources"]
               if s["article"] == "deep-2")  # the javascript: link is not kept
    titles = {a["id"]: a["title"] for a in data["articles"]}
    assert titles["bom"] == "Festival opens" and titles["cr"] == "Tide tables"
    assert (out / "timeline.ics").read_text().count("BEGIN:VEVENT") >= 3
    assert "Council" in (out / "timeline.md").read_text() or "council" in (out / "timeline.md").read_text()


def test_hostile_folder_stays_within_memory_and_time(run) -> None:
    *_, seconds, mb, _wall = run
    assert seconds < TIME_LIMIT_S, f"{seconds:.1f} s"
    assert mb < MEMORY_LIMIT_MB, f"{mb:.0f} MB"


def test_building_into_the_input_folder_never_reads_our_outputs(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "good.md").write_text(GOOD)
    for _ in range(2):  # the output folder is the input folder
        result, *_ = build("build", "news", "-o", "news", "--format", "html,json,markdown", "--plotlyjs", "cdn",
                           cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert [a["id"] for a in json.loads((news / "timeline.json").read_text())["articles"]] == ["good"]
    for _ in range(2):  # the output folder inside the input folder
        result, *_ = build("build", "news", "-o", "news/out", "--format", "markdown", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "1 article(s)" in result.stderr
    result, *_ = build("build", *sorted(str(p.relative_to(tmp_path)) for p in news.iterdir() if p.is_file()),
                       "-o", "news", "--format", "json", cwd=tmp_path)  # a shell glob over the folder
    assert result.returncode == 0 and "1 article(s)" in result.stderr, result.stderr


def test_published_outside_the_calendar_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The storm hit the coast yesterday.")
    result, *_ = build("build", "a.txt", "-o", "out", "--published", "0001-01-01T00:30:00+05:00", cwd=tmp_path)
    assert result.returncode == 2 and "outside the years 1 to 9999" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["under-a-file", "existing-file", "read-only"])
def test_unusable_output_folder_is_exit_2_before_any_work(tmp_path: Path, case: str) -> None:
    (tmp_path / "a.txt").write_text("The storm hit the coast yesterday.")
    (tmp_path / "file").write_text("x")
    target = {"under-a-file": "file/out", "existing-file": "file", "read-only": "ro"}[case]
    if case == "read-only":
        if os.geteuid() == 0:  # root writes anywhere: a read-only folder needs a read-only mount
            ro = Path("/proc/sys")
            if not ro.is_dir():
                pytest.skip("no read-only folder to try")
            target = str(ro)
        else:
            (tmp_path / "ro").mkdir(mode=0o555)
    result, *_ = build("build", "a.txt", "-o", target, "--published", "2025-01-02", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "output folder" in result.stderr and "internal error" not in result.stderr
    assert "article(s)" not in result.stderr  # checked before any article was read
