"""Ingest: one reader per input kind -> Article.

``discover`` expands files and folders into input files; ``read`` turns one file into a stream of
Articles (a JSON lines file or a feed holds many). Problems come in the same stream as
``InputError`` values naming the file (and line or entry), so the caller reports them and goes on
with the other articles; ``articles`` does both for a list of inputs. No exception escapes
``read`` for one bad input: anything unexpected becomes an ``InternalError`` for that file (or
that line or entry).

Files may be gzip-compressed (``story.md.gz``, ``crawl.jsonl.gz``); ``-`` is standard input,
whose kind is recognised from its first bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from timeline.errors import InputError, InternalError
from timeline.ingest import feed, html, jsonl, markdown, plaintext
from timeline.ingest.files import (
    LIMITS,
    STDIN,
    Limits,
    is_gzip,
    lines,
    open_input,
    read_limited,
    stem,
)
from timeline.ingest.files import discover as _discover
from timeline.models import Article

__all__ = ["LIMITS", "READERS", "STDIN", "Limits", "articles", "discover", "read", "read_text"]

Published = dt.date | dt.datetime | None
Reader = Callable[[Path, bytes, Published, Limits], Iterator["Article | InputError"]]

# file suffix -> reader; the table is the list of supported inputs (each also as SUFFIX.gz)
READERS: dict[str, Reader] = {
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".txt": plaintext.read,
    ".text": plaintext.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".html": html.read,
    ".htm": html.read,
    ".rss": feed.read,
    ".atom": feed.read,
    ".xml": feed.read,  # only feeds: any other XML is reported as "not a feed"
}


def kind(path: Path) -> str:
    """The reading suffix of a file name: ``.md`` for story.md and story.md.gz."""
    name = Path(path.name[:-3]) if is_gzip(path) else path
    return name.suffix.lower()


def supported(path: Path) -> bool:
    return kind(path) in READERS


def discover(
    inputs: Iterable[str | Path], *, output: Path | None = None, output_names: Collection[str] = ()
) -> Iterator[Path | InputError]:
    """Input files in a stable order (files as given, folders walked, ``-`` for standard input),
    with the problems met (missing file, empty folder, FIFO) as InputError values in the stream.

    ``output``/``output_names``: the output folder and the names the exporters write, never read.
    """
    return _discover(inputs, supported, output=output, output_names=output_names)


def articles(
    inputs: Iterable[str | Path],
    published: Published = None,
    limits: Limits = LIMITS,
    *,
    output: Path | None = None,
    output_names: Collection[str] = (),
) -> Iterator[Article | InputError]:
    """Every article of every input, and every problem, in input order (one pass, streaming)."""
    for got in discover(inputs, output=output, output_names=output_names):
        if isinstance(got, InputError):
            yield got
        else:
            yield from read(got, published, limits)


def read(path: Path, published: Published = None, limits: Limits = LIMITS) -> Iterator[Article | InputError]:
    """Articles of one input file, or the errors that stopped them; ``published`` is the fallback date."""
    origin = str(path)
    try:
        if path == STDIN:
            yield from _stdin(published, limits)
            return
        reader = READERS.get(kind(path))
        if reader is None:
            supported_ = ", ".join(sorted(READERS))
            yield InputError(origin, f"unsupported file type {path.suffix or '(none)'!r} (supported: {supported_})")
            return
        with open_input(path) as fh:
            if reader is jsonl.read:  # streamed: one line at a time, whatever the file's size
                yield from jsonl.read_lines(origin, stem(path), lines(origin, fh, limits.max_article_size, is_gzip(path)),
                                            published, limits)
                return
            limit = limits.max_container_size if reader is feed.read else limits.max_article_size
            data = read_limited(origin, fh, limit, is_gzip(path), "feed" if reader is feed.read else "article")
        yield from reader(path, data, published, limits)
    except InputError as exc:
        yield exc
    except ValidationError as exc:
        yield invalid(origin, exc)
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a bug in a reader or a library: this file only
        yield InternalError.of(origin, exc)


def invalid(origin: str, exc: ValidationError, line: int | None = None) -> InputError:
    """A pydantic error about an article as an InputError (the first problem, briefly)."""
    first = exc.errors()[0]
    where = ".".join(map(str, first["loc"])) or "article"
    return InputError(origin, f"{where}: {first['msg'][:200]}", line)


def _stdin(published: Published, limits: Limits) -> Iterator[Article | InputError]:
    """Standard input: JSON lines are streamed; anything else is read whole and recognised by its start."""
    import gzip
    import sys

    fh = sys.stdin.buffer
    head = fh.peek(4096)[:4096] if hasattr(fh, "peek") else b""
    compressed = head[:2] == b"\x1f\x8b"
    stream = gzip.GzipFile(fileobj=fh) if compressed else fh
    if compressed:
        head = stream.peek(4096)[:4096]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        yield from jsonl.read_lines("<stdin>", "stdin", lines("<stdin>", stream, limits.max_article_size, False),
                                    published, limits)
        return
    data = read_limited("<stdin>", stream, limits.max_container_size, False, "standard input")
    path = Path("stdin" + _sniff(start, data))
    limit = limits.max_container_size if path.suffix == ".rss" else limits.max_article_size
    if len(data) > limit:
        yield InputError("<stdin>", f"article over the size limit of {limit:,} bytes (raise it with --max-article-size)")
        return
    for got in READERS[path.suffix](path, data, published, limits):  # name it <stdin>, not stdin.md
        if isinstance(got, Article):
            yield got.model_copy(update={"origin": (got.origin or "").replace(str(path), "<stdin>", 1)})
        else:
            got.origin = got.origin.replace(str(path), "<stdin>", 1)
            got.args = (str(got).replace(str(path), "<stdin>", 1),)
            yield got


def _sniff(start: bytes, data: bytes) -> str:
    """The suffix whose reader fits the bytes: front matter, feed, page or plain text."""
    if start.startswith(b"---"):
        return ".md"
    if start.startswith(b"<"):
        root = feed.root_element(data)
        return ".rss" if root in feed.FEED_ROOTS else ".html"
    return ".txt"


def read_text(text: str, *, id: str = "stdin", published: Published = None, title: str = "") -> Article:
    """An Article from a string (the Python API)."""
    return Article(id=id, title=title or id, text=text, published=published, origin=id)
