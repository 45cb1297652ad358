"""RSS and Atom feeds: one article per entry, plain text from the entry's HTML, dates as written."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from timeline import ingest
from timeline.errors import InputError
from timeline.ingest.feed import feed_date, html_to_text, safe_id
from timeline.models import Article

DATA = Path(__file__).parent / "data"
EDT = dt.timezone(dt.timedelta(hours=-4))


def _read(path: Path, published=None) -> list:
    return list(ingest.read(path, published))


def _rss(tmp_path: Path, items: str, name: str = "feed.rss") -> Path:
    f = tmp_path / name
    f.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>T</title>{items}'
                 "</channel></rss>\n")
    return f


def test_rss_items_become_articles() -> None:
    got = _read(DATA / "news.rss", dt.date(2025, 4, 1))
    assert all(isinstance(a, Article) for a in got) and len(got) == 3
    first, second, third = got
    assert first.id == "gazette-2025-0412"  # the guid, already safe
    assert first.title == "Library extension opens to readers"
    assert first.url == "https://gazette.example/2025/04/library-extension"
    assert first.source == "Valley Gazette: Local news"
    assert first.origin == f"{DATA / 'news.rss'} entry 1"
    # the date as written, offset kept: its calendar day is the newsroom's
    assert first.published == dt.datetime(2025, 4, 4, 18, 45, tzinfo=EDT)
    assert first.published.date() == dt.date(2025, 4, 4)
    assert second.published == dt.datetime(2025, 4, 3, 7, 10, tzinfo=dt.timezone.utc)
    assert third.published == dt.date(2025, 4, 1)  # no date: the fallback


def test_html_content_becomes_plain_text_with_paragraph_lines() -> None:
    first, second, _ = _read(DATA / "news.rss")
    # content:encoded, not the one-line description
    assert first.text.splitlines() == [
        "The new wing of the town library opened to readers on Thursday, three years after the council approved "
        "the project.",
        "Librarians moved & catalogued forty thousand books during March.",
        "The old reading room will close for renovation next month.",
        "See the opening events",
    ]
    assert "alert" not in first.text and "<" not in first.text
    # an item with only a plain description keeps it
    assert second.text == ("A water main burst under Mill Street on Wednesday night, flooding six basements. "
                           "Repairs will take until Saturday.")


def test_atom_entries() -> None:
    first, second = _read(DATA / "bulletin.atom", dt.date(2000, 1, 1))
    assert first.source == "Harbour Authority Bulletin"
    assert first.url == "https://harbour.example/bulletin/17"
    # published wins over updated, and keeps its +02:00
    assert first.published == dt.datetime(2025, 5, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert first.text == "East channel\nDredging of the east channel began on Monday and will last until the end of June."
    assert first.id.startswith("harbour.example-2025-bulletin-17-")
    # a title given as HTML is plain text; a day-only updated date stays a day
    assert second.title == "Pilots & tugs: new rules"
    assert second.published == dt.date(2025, 5, 12)
    assert second.text.startswith("New pilotage rules took effect on 1 May.")


def test_xml_file_is_read_when_it_is_a_feed(tmp_path: Path) -> None:
    f = tmp_path / "gazette.xml"
    shutil.copy(DATA / "news.rss", f)
    got = _read(f)
    assert [a.title for a in got][:1] == ["Library extension opens to readers"] and len(got) == 3


def test_xml_that_is_not_a_feed_says_so() -> None:
    [err] = _read(DATA / "catalogue.xml")
    assert isinstance(err, InputError) and err.origin == str(DATA / "catalogue.xml")
    assert err.reason.startswith("not a feed") and "<catalogue>" in err.reason


def test_xml_that_is_not_xml_is_not_a_feed(tmp_path: Path) -> None:
    f = tmp_path / "notes.xml"
    f.write_text("just some notes, no markup")
    [err] = _read(f)
    assert isinstance(err, InputError) and err.reason.startswith("not a feed")


def test_html_saved_as_rss_is_not_a_feed(tmp_path: Path) -> None:
    f = tmp_path / "page.rss"
    f.write_text("<html><body><p>Hello</p></body></html>")
    [err] = _read(f)
    assert isinstance(err, InputError) and "not a feed" in err.reason and "<html>" in err.reason


def test_malformed_feed_names_the_file_and_feedparsers_reason() -> None:
    [err] = _read(DATA / "broken.rss")
    assert isinstance(err, InputError) and err.origin == str(DATA / "broken.rss")
    assert err.reason == "malformed feed: no element found"


def test_garbage_rss_and_empty_feed(tmp_path: Path) -> None:
    f = tmp_path / "g.rss"
    f.write_text("\x00not a feed at all {")
    [err] = _read(f)
    assert isinstance(err, InputError) and err.reason.startswith("malformed feed:")
    [err] = _read(_rss(tmp_path, ""))
    assert isinstance(err, InputError) and err.reason == "the feed has no entries"


def test_one_bad_entry_does_not_stop_the_others(tmp_path: Path) -> None:
    f = _rss(tmp_path, """
      <item><title>Good one</title><guid>a1</guid><description>The dam opened on Monday.</description></item>
      <item><title>No body</title><guid>a2</guid></item>
      <item><title>Bad date</title><guid>a3</guid><pubDate>the day after the storm</pubDate>
            <description>Text.</description></item>
      <item><title>Good two</title><guid>a4</guid><pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>
            <description>The bridge closed on Sunday.</description></item>""")
    got = _read(f)
    assert [type(g).__name__ for g in got] == ["Article", "InputError", "InputError", "Article"]
    assert got[1].origin == str(f) and "entry 2 (a2) has no text" in got[1].reason
    assert "entry 3 (a3)" in got[2].reason and "the day after the storm" in got[2].reason
    assert got[3].published == dt.datetime(2025, 6, 2, 10, tzinfo=dt.timezone.utc)


def test_entry_without_id_or_title(tmp_path: Path) -> None:
    [a] = _read(_rss(tmp_path, "<item><description>Only a body, told on Friday.</description></item>", "bare.rss"))
    assert a.id == "bare-1" and a.title == "Only a body, told on Friday." and a.url is None


def test_external_entities_are_not_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    f = tmp_path / "xxe.rss"
    f.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
                 '<rss version="2.0"><channel><title>X</title><item><guid>x</guid>'
                 "<description>Before &xxe; after.</description></item></channel></rss>")
    got = _read(f)
    assert not any(isinstance(a, Article) and "TOP-SECRET" in a.text for a in got)


def test_relative_links_stay_unresolved(tmp_path: Path) -> None:
    f = _rss(tmp_path, '<item><guid>r</guid><link>/local/story</link>'
                       '<description>&lt;p&gt;See &lt;a href="/x"&gt;the story&lt;/a&gt;.&lt;/p&gt;</description></item>')
    [a] = _read(f)
    assert a.url is None and a.text == "See the story."


def test_safe_ids_are_stable_distinct_and_safe() -> None:
    ids = [safe_id(r) for r in ("https://x.example/a/b", "https://x.example/a?b", "tag:x.example,2025:a/b", "a1")]
    assert len(set(ids)) == 4 and ids[3] == "a1"
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", i) and len(i) <= 69 for i in ids)
    assert safe_id("https://x.example/a/b") == ids[0]
    assert safe_id("https://x.example/" + "long/" * 50).startswith("x.example-long-long")
    assert safe_id("///") .startswith("entry-")


def test_feed_dates() -> None:
    assert feed_date("Tue, 11 Mar 2025 09:00:00 +0100") == dt.datetime(2025, 3, 11, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert feed_date("Tue, 11 Mar 2025 09:00:00 GMT").tzinfo == dt.timezone.utc
    assert feed_date("2025-03-11T09:00:00Z") == dt.datetime(2025, 3, 11, 9, tzinfo=dt.timezone.utc)
    assert feed_date("2025-03-11") == dt.date(2025, 3, 11)
    # partial or unreadable: never completed from the clock
    for raw in ("--03-11", "March", "2025-13-40", ""):
        assert feed_date(raw) is None, raw


def test_html_to_text() -> None:
    markup = ("<div><h2>Head</h2><p>One &amp; <b>two</b>\n   three.</p><script>var x = 1;</script>"
              "<style>p{}</style><ul><li>a</li><li>b<br/>c</li></ul><p></p>tail</div>")
    assert html_to_text(markup) == "Head\nOne & two three.\na\nb\nc\ntail"
    assert html_to_text("<pre>line 1\nline 2</pre>") == "line 1\nline 2"
    assert html_to_text("plain words") == "plain words"
