"""Markdown with optional YAML front matter (title, published, source, url, id).

The article text is everything after the closing ``---`` line, byte for byte: offsets point
into the body as written, Markdown syntax included.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from timeline.errors import InputError
from timeline.ingest.decode import published_date, utf8
from timeline.models import Article

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
KNOWN_KEYS = {"title", "published", "date", "source", "url", "id"}


def split_front_matter(origin: str, text: str) -> tuple[dict, str, int]:
    """(front matter mapping, body, line number where the body starts)."""
    opening = _OPEN.match(text)
    if not opening:
        return {}, text, 1
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        raise InputError(origin, "front matter opened with '---' is never closed", 1)
    raw = text[opening.end() : closing.start()]
    try:
        meta = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise InputError(origin, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)})", line) from exc
    if not isinstance(meta, dict):
        raise InputError(origin, "front matter must be a mapping of keys to values", 2)
    return meta, text[closing.end() :], text.count("\n", 0, closing.end()) + 1


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None) -> Iterator[Article | InputError]:
    origin = str(path)
    meta, body, body_line = split_front_matter(origin, utf8(origin, data))
    if not body.strip():
        raise InputError(origin, "empty article (no text after the front matter)", body_line)
    date = published_date(origin, meta.get("published", meta.get("date")), 1) or published
    heading = _HEADING.search(body)
    title = str(meta.get("title") or (heading.group(1) if heading else path.stem))
    url = meta.get("url")
    if url is not None and not isinstance(url, str):
        raise InputError(origin, f"url must be text, not {type(url).__name__}", 1)
    yield Article(
        id=str(meta.get("id") or path.stem),
        title=title,
        url=url,
        source=str(meta["source"]) if meta.get("source") else None,
        published=date,
        text=body,
        origin=origin,
    )
