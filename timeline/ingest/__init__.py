"""Ingest: one reader per input kind -> Article.

``discover`` expands files and folders into input files; ``read`` turns one file into a stream of
Articles (a JSON lines file holds many). Problems come in the same stream as ``InputError`` values
naming the file (and line), so the caller reports them and goes on with the other articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from timeline.errors import InputError
from timeline.ingest import feed, html, jsonl, markdown, plaintext
from timeline.models import Article

Reader = Callable[[Path, bytes, "dt.date | dt.datetime | None"], Iterator["Article | InputError"]]

# file suffix -> reader; the table is the list of supported inputs
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


def discover(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Input files in a stable order: files as given, folders walked (sorted) for known suffixes."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in READERS and not any(part.startswith(".") for part in child.parts[len(path.parts):]):
                    yield child
        elif path.exists():
            yield path
        else:
            raise InputError(str(path), "no such file or folder")


def read(path: Path, published: dt.date | dt.datetime | None = None) -> Iterator[Article | InputError]:
    """Articles of one input file, or the errors that stopped them; ``published`` is the fallback date."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r} (supported: {supported})")
        return
    try:
        yield from reader(path, path.read_bytes(), published)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
    except InputError as exc:
        yield exc
    except ValidationError as exc:
        first = exc.errors()[0]
        yield InputError(str(path), f"{'.'.join(map(str, first['loc'])) or 'article'}: {first['msg']}")


def read_text(text: str, *, id: str = "stdin", published: dt.date | dt.datetime | None = None, title: str = "") -> Article:
    """An Article from a string (standard input, the Python API)."""
    return Article(id=id, title=title or id, text=text, published=published, origin=id)
