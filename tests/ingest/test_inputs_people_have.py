"""Issue 10 item 6: crawler JSON lines, gzip, standard input, nested folders, pages without a date."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from timeline import cli, ingest
from timeline.errors import InputError
from timeline.models import Article

# news-please writes one JSON object per article; these are texts of our own in its field names
NEWS_PLEASE = [
    {"title": "Late goal sends Rovers into the cup final", "maintext": "Rovers beat United 2-1 on Saturday with a "
     "goal in the 89th minute. The final will be played on 24 May 2025 at the national stadium.",
     "date_publish": "2025-04-13 21:05:00", "url": "https://sport.example/rovers-final", "source_domain": "sport.example",
     "language": "en", "authors": ["Kim Lee"], "date_modify": None, "image_url": None},
    {"title": "Index closes at a record", "maintext": "The index closed at a record high on Tuesday after the central "
     "bank held rates. Traders expect a cut in September.", "date_publish": "2025-07-09T16:40:00+02:00",
     "url": "https://markets.example/record", "source_domain": "markets.example", "description": "Shares rise"},
    {"title": "Court delays verdict in fraud trial", "maintext": "The judge postponed the verdict until 3 March 2025, "
     "citing new evidence filed last week.", "date_publish": "2025-02-20", "url": "http://courts.example/fraud",
     "source_domain": "courts.example"},
    {"title": "Probe reaches the outer planet", "maintext": "The probe entered orbit yesterday, nine years after its "
     "launch in 2016.", "date_publish": None, "url": "https://science.example/probe", "source_domain": "science.example"},
]


def _crawl(path: Path, records: list[dict]) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
    return path


@pytest.mark.parametrize("name", ["crawl.jsonl", "crawl.jsonl.gz", "crawl.ndjson.gz"])
def test_news_please_records(tmp_path: Path, name: str) -> None:
    got = list(ingest.read(_crawl(tmp_path / name, NEWS_PLEASE), dt.date(2025, 9, 1)))
    assert all(isinstance(a, Article) for a in got), got
    sport, markets, court, science = got
    assert (sport.title, sport.url, sport.source) == (NEWS_PLEASE[0]["title"], NEWS_PLEASE[0]["url"], "sport.example")
    assert sport.published == dt.datetime(2025, 4, 13, 21, 5) and sport.text == NEWS_PLEASE[0]["maintext"]
    assert markets.published == dt.datetime(2025, 7, 9, 16, 40, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert court.published == dt.date(2025, 2, 20) and court.url == "http://courts.example/fraud"
    assert science.published == dt.date(2025, 9, 1)  # no date: the fallback
    assert sport.id == "crawl-1" and sport.origin.endswith(f"{name}:1")


def test_news_please_folder_builds_a_timeline(tmp_path: Path) -> None:
    src = tmp_path / "crawl" / "2025" / "04"
    src.mkdir(parents=True)
    _crawl(src / "day.jsonl.gz", NEWS_PLEASE[:3])
    out = tmp_path / "out"
    assert cli.main(["build", str(tmp_path / "crawl"), "-o", str(out), "--format", "json", "-q"]) == 0
    data = json.loads((out / "timeline.json").read_text())
    assert [a["source"] for a in data["articles"]] == ["sport.example", "markets.example", "courts.example"]
    assert "2025-05-24" in {e["when"]["value"] for e in data["events"]}  # "on 24 May 2025" in the sports story


def test_truncated_gzip_keeps_the_lines_before_the_break(tmp_path: Path) -> None:
    f = _crawl(tmp_path / "cut.jsonl.gz", NEWS_PLEASE * 50)
    f.write_bytes(f.read_bytes()[:-40])
    got = list(ingest.read(f))
    assert isinstance(got[-1], InputError) and "decompress" in got[-1].reason
    assert sum(isinstance(a, Article) for a in got) >= 150


def test_gzipped_markdown(tmp_path: Path) -> None:
    f = tmp_path / "story.md.gz"
    f.write_bytes(gzip.compress(b"---\ntitle: Dam inspected\npublished: 2024-11-08\n---\nCracks were found on Monday.\n"))
    [a] = ingest.read(f)
    assert (a.id, a.title, a.published) == ("story", "Dam inspected", dt.date(2024, 11, 8))


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))


@pytest.mark.parametrize(("data", "kind"), [
    (b'{"maintext": "The ferry sailed on Monday.", "title": "Ferry"}\n{"text": "Second."}\n', "jsonl"),
    (b"---\ntitle: Ferry\npublished: 2025-01-02\n---\nThe ferry sailed on Monday.\n", "md"),
    ((b"<!DOCTYPE html><html><head><title>Ferry</title></head><body><article><p>The ferry crews returned to work on "
      b"Friday after a four-day strike over pay, the union said on Saturday morning.</p></article></body></html>"), "html"),
    ((b"<?xml version='1.0'?><rss version='2.0'><channel><title>Port</title><item><guid>f1</guid><title>Ferry</title>"
      b"<description>The ferry sailed on Monday.</description></item></channel></rss>"), "rss"),
    (b"Ferry sails\nThe ferry sailed on Monday.\n", "txt"),
])
def test_standard_input_is_recognised_by_its_content(monkeypatch: pytest.MonkeyPatch, data: bytes, kind: str) -> None:
    _stdin(monkeypatch, gzip.compress(data) if kind == "md" else data)  # gzip is recognised too
    got = list(ingest.read(ingest.STDIN, dt.date(2025, 1, 3)))
    assert got and all(isinstance(a, Article) for a in got), got
    assert "Ferry" in got[0].title or got[0].title == "Ferry sails"
    assert all((a.origin or "").startswith("<stdin>") for a in got)
    assert len(got) == (2 if kind == "jsonl" else 1)


def test_build_reads_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, "".join(json.dumps(r) + "\n" for r in NEWS_PLEASE).encode())
    assert cli.main(["build", "-", "-o", str(tmp_path), "--format", "json", "-q"]) == 0
    data = json.loads((tmp_path / "timeline.json").read_text())
    assert [a["id"] for a in data["articles"]] == ["stdin-1", "stdin-2", "stdin-3", "stdin-4"]


def _page(tmp_path: Path, name: str, head: str, body: str) -> Path:
    f = tmp_path / name
    f.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body><article>{body}</article>"
                 "</body></html>")
    return f


BODY = ("<h1>Heatwave closes schools</h1><p>Schools in the region closed on Wednesday as temperatures passed 40 "
        "degrees, the education office said, and will reopen after the weekend.</p><p>The last heatwave of this "
        "strength was recorded in August 2003, when harvests failed across the valley.</p>")


def test_page_without_a_date_in_its_markup(tmp_path: Path) -> None:
    f = _page(tmp_path, "heat.html", "<title>Heatwave closes schools</title>", BODY)
    [a] = ingest.read(f, dt.date(2025, 7, 3))
    assert a.published == dt.date(2025, 7, 3)  # the fallback, not "August 2003" from the story
    [a] = ingest.read(f)
    assert a.published is None and "closed on Wednesday" in a.text


def test_page_date_from_htmldate_where_meta_tags_have_none(tmp_path: Path) -> None:
    # no meta tag, no JSON-LD: htmldate finds the date in the canonical URL and in a <time> element
    f = _page(tmp_path, "url.html", '<link rel="canonical" href="https://valley.example/2025/07/02/heatwave">', BODY)
    assert next(ingest.read(f, dt.date(2000, 1, 1))).published == dt.date(2025, 7, 2)
    g = _page(tmp_path, "time.html", "", '<p class="byline">By A. Writer, <time datetime="2025-07-01">1 July</time>'
              "</p>" + BODY)
    assert next(ingest.read(g, dt.date(2000, 1, 1))).published == dt.date(2025, 7, 1)


def test_repeated_paragraphs_are_kept_and_navigation_only_pages_reported(tmp_path: Path) -> None:
    goal = "Goal for the home side, said the commentator, as the stadium erupted once more."
    rep = _page(tmp_path, "rep.html", "<title>Cup final</title>",
                "<h1>Fans sing</h1><p>The crowd sang the anthem before the final on Saturday, and the players joined "
                f"in.</p><p>{goal}</p><p>{goal}</p><p>{goal}</p><p>The match ended three goals to nil.</p>")
    [a] = ingest.read(rep)
    assert a.text.count(goal) == 3, a.text
    nav = tmp_path / "nav.html"
    nav.write_text("<html><head><title>Sport</title></head><body><nav><a href='/s'>Read more sport news and results "
                   "from the weekend here</a></nav></body></html>")
    [err] = ingest.read(nav)
    assert isinstance(err, InputError) and "only text is links" in err.reason


def test_a_huge_page_is_refused_quickly(tmp_path: Path) -> None:
    import time

    f = tmp_path / "huge.html"
    f.write_bytes(b"<html><body><article>" + b"<div><span>cell</span><a href='/x'>link</a></div>\n" * 60_000
                  + b"</article></body></html>")
    started = time.monotonic()
    [err] = ingest.read(f)
    assert isinstance(err, InputError) and "HTML elements" in err.reason
    assert time.monotonic() - started < 10
