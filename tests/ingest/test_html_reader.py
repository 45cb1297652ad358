"""HTML pages: the main text without boilerplate or scripts, and the page's own publication date."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
from pathlib import Path

import pytest

from timeline import cli, ingest
from timeline.errors import InputError
from timeline.models import Article

DATA = Path(__file__).parent / "data"


def _read(path: Path, published=None) -> list:
    return list(ingest.read(path, published))


def _page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> Path:
    f = tmp_path / name
    f.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>")
    return f


BODY = ("<article><h1>Ferry strike ends</h1><p>The ferry crews returned to work on Friday after a four-day "
        "strike over pay, the union said, and the first boats left the harbour at dawn.</p><p>Talks on a "
        "new contract will resume in July 2024, according to the operator, which lost two million euros.</p>"
        "</article>")


def test_news_page_keeps_the_article_and_drops_the_boilerplate() -> None:
    [a] = _read(DATA / "article.html", dt.date(2000, 1, 1))
    assert isinstance(a, Article)
    assert "The Harbour bridge reopened to traffic on Tuesday after eight months" in a.text
    assert "Engineers found corrosion in the main girders in July 2024" in a.text
    assert "the operator said on Wednesday." in a.text
    for boilerplate in ("Subscribe today", "Sport", "Most read", "Council approves", "Copyright", "Privacy policy",
                        "font-family"):
        assert boilerplate not in a.text
    assert "<p>" not in a.text and "&mdash;" not in a.text and "\u2014" in a.text
    # one paragraph per line: offsets and the pipeline's paragraph breaks refer to this text
    assert len(a.text.splitlines()) == 4 and a.text == a.text.strip()
    assert (a.id, a.title, a.url, a.source) == (
        "article", "Harbour bridge reopens after repairs", "https://courier.example/news/harbour-bridge-reopens",
        "The Riverside Courier")
    assert a.published == dt.date(2025, 3, 13)  # the page's own date wins over the fallback
    assert a.origin == str(DATA / "article.html")


def test_page_without_a_date_gets_the_fallback_not_a_date_from_its_text(tmp_path: Path) -> None:
    # "July 2024" in the body is a reported date, not the publication date
    f = _page(tmp_path, BODY, "<title>Ferry strike ends</title>")
    [a] = _read(f, dt.date(2024, 5, 3))
    assert a.published == dt.date(2024, 5, 3)
    [a] = _read(f)
    assert a.published is None and "returned to work on Friday" in a.text


def test_date_from_json_ld_and_time_element(tmp_path: Path) -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-10-02T06:00:00Z"}</script>'
    [a] = _read(_page(tmp_path, BODY, ld, "ld.html"), dt.date(2000, 1, 1))
    assert a.published == dt.date(2023, 10, 2)
    timed = BODY.replace("<h1>", '<time datetime="2022-08-30" pubdate>30 August 2022</time><h1>')
    [a] = _read(_page(tmp_path, timed, "", "time.html"), dt.date(2000, 1, 1))
    assert a.published == dt.date(2022, 8, 30)


def test_page_date_is_not_bounded_by_the_machine_clock(tmp_path: Path) -> None:
    # htmldate's default upper bound is "today"; a fixed bound keeps the result the same on every day
    head = '<meta property="article:published_time" content="2090-06-01T09:00:00Z">'
    [a] = _read(_page(tmp_path, BODY, head), dt.date(2000, 1, 1))
    assert a.published == dt.date(2090, 6, 1)


def test_page_with_no_main_text_is_an_error_naming_the_file() -> None:
    [err] = _read(DATA / "no_text.html")
    assert isinstance(err, InputError)
    assert err.origin == str(DATA / "no_text.html") and "no main text" in err.reason


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "empty.htm"
    f.write_bytes(b"  \n")
    [err] = _read(f)
    assert isinstance(err, InputError) and str(f) in str(err)


def test_hostile_page_gives_text_without_script_code() -> None:
    [a] = _read(DATA / "hostile.html")
    assert "Inspectors found hairline cracks in the spillway of the northern dam on Monday" in a.text
    assert "Residents downstream were told that there is no immediate danger." in a.text
    assert "The dam was last inspected in May 2021." in a.text
    for code in ("document.cookie", "fetch(", "alert", "INJECTED", "document.write", "navigator", "STYLE RULES",
                 "color: red", "NOSCRIPT", "javascript:", "onerror", "<", "@context"):
        assert code not in a.text
    assert a.published == dt.date(2024, 11, 8)
    assert a.url is None and a.source is None  # no canonical link, no site name


def test_only_absolute_http_links_become_the_url(tmp_path: Path) -> None:
    for href in ("/news/relative", "javascript:alert(1)", "ftp://files.example/x"):
        [a] = _read(_page(tmp_path, BODY, f'<link rel="canonical" href="{href}">'))
        assert a.url is None, href
    [a] = _read(_page(tmp_path, BODY, '<meta property="og:url" content="https://ferry.example/strike">'))
    assert a.url == "https://ferry.example/strike" and a.source == "ferry.example"


def test_declared_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "latin.html"
    html = ("<html><head><meta charset='windows-1252'><title>Caf\u00e9</title></head><body>"
            + BODY.replace("ferry crews", "caf\u00e9 owners") + "</body></html>")
    f.write_bytes(html.encode("cp1252"))
    [a] = _read(f)
    assert "The caf\u00e9 owners returned to work on Friday" in a.text


def test_same_page_same_article(tmp_path: Path) -> None:
    assert _read(DATA / "article.html") == _read(DATA / "article.html")


def test_reading_pages_and_feeds_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("network access while reading a file")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for name in ("article.html", "hostile.html", "news.rss", "bulletin.atom"):
        got = _read(DATA / name)
        assert got and all(isinstance(a, Article) for a in got), name


def test_build_from_a_page_and_a_feed_dates_events_from_their_text(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("article.html", "news.rss"):
        shutil.copy(DATA / name, src / name)
    # the feed's third entry has no date: the fallback keeps its events resolvable
    assert cli.main(["build", str(src), "-o", str(out), "--format", "json", "-q", "--published", "2025-04-01"]) == 0
    timeline = json.loads((out / "timeline.json").read_text())
    published = {a["id"]: a["published"] for a in timeline["articles"]}
    assert published["article"] == "2025-03-13"
    assert published["gazette-2025-0412"] == "2025-04-04T18:45:00-04:00"
    assert published["gazette.example-2025-04-marathon-route-1b59bfed"] == "2025-04-01"
    dated = {(e["sources"][0]["article"], e["date_text"]): e["when"]["value"] for e in timeline["events"]}
    # "on Tuesday" in a page dated Thursday 13 March 2025 is 11 March
    assert dated[("article", "Tuesday")] == "2025-03-11"
    assert dated[("article", "July 2024")] == "2024-07"
    # "on Thursday" in an entry published Friday 4 April 2025 (its own offset) is 3 April
    assert dated[("gazette-2025-0412", "Thursday")] == "2025-04-03"
    quotes = [e["quote"] for e in timeline["events"]]
    assert any("reopened to traffic on Tuesday" in q for q in quotes)
    assert not any("Subscribe" in q or "alert(" in q for q in quotes)
