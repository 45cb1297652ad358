"""Issue 12: each hostile or careless input is one clear InputError (or read correctly), never a crash."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from timeline import ingest
from timeline.errors import InputError, InternalError
from timeline.ingest import Limits
from timeline.ingest.jsonl import nesting
from timeline.models import Article


def _read(path: Path, published=None, limits: Limits = ingest.LIMITS) -> list:
    return list(ingest.read(path, published, limits))


def _one_error(path: Path, limits: Limits = ingest.LIMITS) -> InputError:
    [err] = _read(path, limits=limits)
    assert isinstance(err, InputError) and not isinstance(err, InternalError), err
    assert err.origin.startswith(str(path))
    return err


@pytest.mark.parametrize(("value", "why"), [
    ("2025-02-30", "day is out of range"), ("0000-01-01", "year 0"), ("2025-13-01", "month must be in 1..12"),
])
def test_impossible_unquoted_front_matter_dates_are_reported(tmp_path: Path, value: str, why: str) -> None:
    f = tmp_path / "d.md"
    f.write_text(f"---\ntitle: Shares slide\npublished: {value}\n---\nShares fell on Monday.\n")
    err = _one_error(f)
    assert value in err.reason and why in err.reason and err.line == 1


def test_front_matter_values_stay_as_written(tmp_path: Path) -> None:
    f = tmp_path / "s.md"
    f.write_text("---\ntitle: No\nid: 0012\nsource: 1984\npublished: 2025-06-11 09:30:00\nurl:\n---\nText on Monday.\n")
    [a] = _read(f)
    assert (a.title, a.id, a.source, a.url) == ("No", "0012", "1984", None)
    assert a.published == dt.datetime(2025, 6, 11, 9, 30)


@pytest.mark.parametrize("field", ["title: [a, b]", "source: {name: AP}", "id: [1]", "url: [https://x.example]"])
def test_lists_and_mappings_where_text_belongs_are_input_errors(tmp_path: Path, field: str) -> None:
    f = tmp_path / "t.md"
    f.write_text(f"---\n{field}\n---\nThe court sat on Monday.\n")
    err = _one_error(f)
    assert "must be text" in err.reason and "[" not in err.reason  # no Python repr in the message


def test_yaml_aliases_are_refused_before_they_expand(tmp_path: Path) -> None:
    lines = ["a: &a [x,x,x,x,x,x,x,x,x]"] + [f"{c}: &{c} [{','.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    f = tmp_path / "bomb.md"
    f.write_text("---\n" + "\n".join(lines) + "\ntitle: *i\n---\nThe vote was on Monday.\n")
    started = time.monotonic()
    err = _one_error(f)
    assert "aliases" in err.reason and time.monotonic() - started < 2


def test_deep_yaml_and_json_nesting_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "deep.md"
    f.write_text("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nText.\n")
    assert "nested more than 100" in _one_error(f).reason
    j = tmp_path / "deep.jsonl"
    j.write_text('{"text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + '}\n{"text": "The ferry sailed on Monday."}\n')
    err, good = _read(j)
    assert isinstance(err, InputError) and "nested 100001 levels deep" in err.reason and err.line == 1
    assert isinstance(good, Article) and good.id == "deep-2"


def test_nesting_ignores_brackets_inside_strings() -> None:
    assert nesting(b'{"text": "[[[[[[ \\" ]]]] {{{"}') == 1
    assert nesting(b'[[{"a": [1]}]]') == 4


def test_front_matter_with_lone_cr_line_ends_is_recognised(tmp_path: Path) -> None:
    f = tmp_path / "cr.md"
    f.write_bytes(b"---\rtitle: Tide tables\rpublished: 2025-03-01\r---\r# Ignored heading\rHigh tide came on Sunday.\r")
    [a] = _read(f)
    assert (a.title, a.published) == ("Tide tables", dt.date(2025, 3, 1))
    assert a.text == "# Ignored heading\rHigh tide came on Sunday.\r"
    g = tmp_path / "heading.md"
    g.write_bytes(b"# Storm warning\rThe storm hit on Sunday.\r")
    assert _read(g)[0].title == "Storm warning"


def test_byte_order_mark_is_removed_before_offsets(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffFestival opens\nThe festival opened on 2 August 2025.".encode())
    [a] = _read(f)
    assert a.title == "Festival opens" and a.text.startswith("Festival")
    m = tmp_path / "bom.md"
    m.write_bytes("\ufeff---\ntitle: Market\n---\nShares rose.".encode())
    assert _read(m)[0].title == "Market"


def test_jsonl_splits_on_newline_only(tmp_path: Path) -> None:
    f = tmp_path / "u.jsonl"
    text = "The launch slipped to 12 July.\u2028Engineers found a leak.\u2029And a crack\x85too."
    f.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n" + json.dumps({"text": "Second."}) + "\n")
    first, second = _read(f)
    assert first.text == text and second.id == "u-2"


def test_jsonl_text_fields_must_be_text(tmp_path: Path) -> None:
    f = tmp_path / "t.jsonl"
    f.write_text('{"text": ["a"]}\n{"text": "ok", "title": {"x": 1}}\n{"text": "ok", "title": 7}\n')
    a, b, c = _read(f)
    assert isinstance(a, InputError) and "text must be text, not a list" in a.reason
    assert isinstance(b, InputError) and "title must be text" in b.reason
    assert isinstance(c, Article) and c.title == "7"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "/relative", "ftp://x.example/f"])
def test_only_http_urls_are_kept(tmp_path: Path, url: str) -> None:
    md = tmp_path / "u.md"
    md.write_text(f"---\nurl: '{url}'\n---\nText.\n")
    jl = tmp_path / "u.jsonl"
    jl.write_text(json.dumps({"text": "Text.", "url": url}) + "\n")
    assert _read(md)[0].url is None and _read(jl)[0].url is None
    md.write_text("---\nurl: https://news.example/a\n---\nText.\n")
    assert _read(md)[0].url == "https://news.example/a"


def test_fifo_and_devices_never_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    started = time.monotonic()
    err = _one_error(fifo)
    assert "FIFO" in err.reason and "-" in err.reason
    [found] = ingest.discover([tmp_path])
    assert isinstance(found, InputError) and "FIFO" in found.reason
    assert time.monotonic() - started < 2


def test_device_named_like_an_article_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    err = _one_error(link)
    assert "device" in err.reason


def test_size_limits(tmp_path: Path) -> None:
    small = Limits(max_article_size=1000)
    f = tmp_path / "big.txt"
    f.write_text("Word " * 1000)
    assert "size limit" in _one_error(f, small).reason and "--max-article-size" in _one_error(f, small).reason
    j = tmp_path / "lines.jsonl"
    j.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "The match ended on Sunday."}) + "\n")
    err, ok = _read(j, limits=small)
    assert isinstance(err, InputError) and err.line == 1 and "size limit" in err.reason
    assert isinstance(ok, Article) and ok.id == "lines-2"
    feed = tmp_path / "f.rss"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
                    f"<item><guid>a</guid><description>{'long text ' * 200}</description></item>"
                    "<item><guid>b</guid><description>The storm hit on Monday.</description></item></channel></rss>")
    err, ok = _read(feed, limits=small)
    assert isinstance(err, InputError) and "entry 1" in err.reason and "size limit" in err.reason
    assert isinstance(ok, Article) and ok.id == "b"


def test_a_reader_bug_is_an_internal_error_for_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.ingest import plaintext

    def boom(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setitem(ingest.READERS, ".txt", boom)
    f = tmp_path / "a.txt"
    f.write_text("x")
    [err] = _read(f)
    assert isinstance(err, InternalError) and str(err).startswith(f"internal error in {f}: ZeroDivisionError: oops")
    assert "Traceback" in err.details and plaintext  # the traceback is kept for --debug


def test_symlinked_folders_are_followed_once(tmp_path: Path) -> None:
    top, other = tmp_path / "top", tmp_path / "other"
    top.mkdir()
    other.mkdir()
    (top / "a.md").write_text("A")
    (other / "b.md").write_text("B")
    (top / "link").symlink_to(other, target_is_directory=True)
    (top / "link2").symlink_to(other, target_is_directory=True)
    (top / "loop").symlink_to(top, target_is_directory=True)
    (top / "dangling.md").symlink_to(tmp_path / "missing.md")
    got = list(ingest.discover([top]))
    files = [p.relative_to(top).as_posix() for p in got if isinstance(p, Path)]
    assert files == ["a.md", "link/b.md"]
    [broken] = [g for g in got if isinstance(g, InputError)]
    assert "broken symbolic link" in broken.reason and "dangling.md" in broken.origin


def test_our_outputs_are_never_inputs(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("Story.")
    (tmp_path / "timeline.md").write_text("# Timeline")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "other.md").write_text("Not an input: in the output folder.")
    got = ingest.discover([tmp_path], output=tmp_path / "out", output_names={"timeline.md"})
    assert [p.name for p in got] == ["story.md"]
    explicit = ingest.discover([tmp_path / "timeline.md"], output=tmp_path / "out", output_names={"timeline.md"})
    assert [p.name for p in explicit] == ["timeline.md"]  # named outside the output folder: read
