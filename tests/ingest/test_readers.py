"""Readers keep the text exactly as read and report bad input with the file, line and reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import REPO, SHARED
from timeline import ingest
from timeline.errors import InputError
from timeline.models import Article


def _read(path: Path, published=None) -> list:
    return list(ingest.read(path, published))


def test_fixtures_match_the_seed_articles_byte_for_byte() -> None:
    for md in sorted((REPO / "fixtures").glob("*.md")):
        [article] = _read(md)
        seed = SHARED / "seeds" / f"{md.stem}.txt"
        if seed.exists():
            assert article.text == seed.read_bytes().decode("utf-8")
        assert article.published is not None and article.source and article.title


def test_front_matter_fields(tmp_path: Path) -> None:
    f = tmp_path / "story.md"
    f.write_text("---\ntitle: A story\npublished: 2024-03-05\nsource: AP\nurl: https://x.example/s\n---\nBody text.\n")
    [a] = _read(f)
    assert (a.id, a.title, a.source, a.url, a.published, a.text) == (
        "story", "A story", "AP", "https://x.example/s", dt.date(2024, 3, 5), "Body text.\n")


def test_markdown_without_front_matter_uses_heading_and_fallback_date(tmp_path: Path) -> None:
    f = tmp_path / "n.md"
    f.write_text("# The heading\n\nOn Monday it rained.")
    [a] = _read(f, dt.date(2024, 1, 3))
    assert a.title == "The heading" and a.published == dt.date(2024, 1, 3) and a.text.startswith("# The heading")


def test_front_matter_date_wins_over_fallback(tmp_path: Path) -> None:
    f = tmp_path / "n.md"
    f.write_text("---\npublished: 2020-02-02T10:00:00Z\n---\ntext")
    [a] = _read(f, dt.date(2024, 1, 3))
    assert a.published == dt.datetime(2020, 2, 2, 10, tzinfo=dt.timezone.utc)


def test_plain_text_is_kept_exactly_including_crlf(tmp_path: Path) -> None:
    raw = "Line one\r\nOn Tuesday\u00a0it rained.\r\n\r\n  indented\n"
    f = tmp_path / "crlf.txt"
    f.write_bytes(raw.encode("utf-8"))
    [a] = _read(f)
    assert a.text == raw


def test_invalid_utf8_names_file_line_and_byte(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("first line\ncaf\u00e9".encode("latin-1"))
    [err] = _read(f)
    assert isinstance(err, InputError)
    assert str(f) in str(err) and err.line == 2 and "0xe9" in err.reason


def test_bad_yaml_and_unclosed_front_matter(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\ntext")
    [err] = _read(bad)
    assert isinstance(err, InputError) and "YAML" in err.reason and str(bad) in str(err)
    open_ = tmp_path / "open.md"
    open_.write_text("---\ntitle: x\ntext without a closing line")
    [err] = _read(open_)
    assert isinstance(err, InputError) and "never closed" in err.reason


def test_bad_publication_date_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "d.md"
    f.write_text("---\npublished: next week\n---\ntext")
    [err] = _read(f)
    assert isinstance(err, InputError) and "not an ISO date" in err.reason


def test_empty_article_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("  \n")
    [err] = _read(f)
    assert isinstance(err, InputError) and "empty" in err.reason


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "On Monday.", "published": "2024-01-03"}\n'
                 "not json\n"
                 '{"title": "no text"}\n'
                 '{"text": "Second good one."}\n')
    got = _read(f, dt.date(2024, 2, 2))
    kinds = [type(g).__name__ for g in got]
    assert kinds == ["Article", "InputError", "InputError", "Article"]
    assert got[1].line == 2 and got[2].line == 3
    assert got[0].published == dt.date(2024, 1, 3) and got[3].published == dt.date(2024, 2, 2)
    assert got[3].id == "feed-4"


def test_unsupported_and_missing_inputs(tmp_path: Path) -> None:
    f = tmp_path / "doc.pdf"
    f.write_bytes(b"%PDF")
    [err] = _read(f)
    assert isinstance(err, InputError) and "unsupported file type '.pdf'" in err.reason
    [missing] = ingest.discover([tmp_path / "nope"])  # problems come in the stream, like read's
    assert isinstance(missing, InputError) and "no such file" in missing.reason


def test_discover_walks_folders_in_sorted_order_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.md").write_text("x")
    (tmp_path / "notes.pdf").write_text("x")
    names = [p.relative_to(tmp_path).as_posix() for p in ingest.discover([tmp_path])]
    assert names == ["a.txt", "b.md", "sub/c.jsonl"]


def test_read_text_builds_an_article() -> None:
    a = ingest.read_text("Yesterday.", published=dt.date(2024, 5, 5))
    assert isinstance(a, Article) and a.text == "Yesterday." and a.published == dt.date(2024, 5, 5)
