"""JSON lines: one article object per line ({"text", "published"|"date", "title", "url", "source", "id"})."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from timeline.errors import InputError
from timeline.ingest.decode import published_date, utf8
from timeline.models import Article


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None) -> Iterator[Article | InputError]:
    """Articles one per line. A bad line is reported with its number; it does not stop the others."""
    origin = str(path)
    text = utf8(origin, data)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        yield _article(origin, path.stem, lineno, line, published)


def _article(origin: str, stem: str, lineno: int, line: str, published: dt.date | dt.datetime | None) -> Article | InputError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"not JSON ({exc.msg} at column {exc.colno})", lineno)
    if not isinstance(record, dict):
        return InputError(origin, "each line must be a JSON object", lineno)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputError(origin, "record has no \"text\"", lineno)
    try:
        date = published_date(origin, record.get("published", record.get("date")), lineno) or published
        return Article(
            id=str(record.get("id") or f"{stem}-{lineno}"),
            title=str(record.get("title") or f"{stem} line {lineno}"),
            url=record.get("url"),
            source=record.get("source"),
            published=date,
            text=body,
            origin=f"{origin}:{lineno}",
        )
    except InputError as exc:
        return exc
    except ValidationError as exc:
        first = exc.errors()[0]
        return InputError(origin, f"{'.'.join(map(str, first['loc']))}: {first['msg']}", lineno)
