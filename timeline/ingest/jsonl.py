"""JSON lines: one article object per line, read one line at a time (``.jsonl``, ``.ndjson``, also gzipped).

Field names, ours first and then those of crawlers (news-please / Common Crawl news, and the
common ``content``/``body`` of other pipelines), first present wins:

| Article field | keys |
|---|---|
| text | ``text``, ``maintext``, ``content``, ``body`` |
| published | ``published``, ``date``, ``date_publish``, ``datePublished``, ``published_at`` |
| title | ``title``, ``headline`` |
| url | ``url``, ``link`` (http(s) only) |
| source | ``source``, ``source_domain``, ``publisher``, ``site_name`` |
| id | ``id``, ``guid`` (else FILE-LINE) |

news-please writes dates as ``2025-06-11 09:30:00`` (no zone): read as written.

Lines are split on ``\\n`` only (U+2028 and other Unicode line breaks are characters inside a
JSON string, not line ends); a line longer than the article limit is reported and skipped
without being held in memory; nesting deeper than the limit is refused before parsing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from timeline.errors import InputError, InternalError, shown
from timeline.ingest.decode import BOM, http_url, published_date, text_field
from timeline.ingest.files import Limits
from timeline.models import Article

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body"),
    "published": ("published", "date", "date_publish", "datePublished", "published_at"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "source_domain", "publisher", "site_name"),
    "id": ("id", "guid"),
}
_BRACKETS = re.compile(rb"[\[\]{}]")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')  # a JSON string, escapes included (linear: no nested repeats)


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None, limits: Limits) -> Iterator[Article | InputError]:
    """Articles of JSON lines held in memory (the streaming path is ``read_lines``)."""
    chunks = data.split(b"\n")
    numbered = ((n, line + b"\n") for n, line in enumerate(chunks, 1) if line or n < len(chunks))
    return read_lines(str(path), path.stem, numbered, published, limits)


def read_lines(
    origin: str, stem: str, lines: Iterable[tuple[int, bytes | InputError]], published: dt.date | dt.datetime | None,
    limits: Limits,
) -> Iterator[Article | InputError]:
    """Articles one per line. A bad line is reported with its number; it does not stop the others."""
    for lineno, line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        if lineno == 1:
            line = line.removeprefix(BOM.encode())
        if not line.strip():
            continue
        try:
            yield _article(origin, stem, lineno, line, published, limits)
        except Exception as exc:  # noqa: BLE001 - a bug for this line only: the others go on
            yield InternalError.of(f"{origin}:{lineno}", exc)


def _article(origin: str, stem: str, lineno: int, line: bytes, published: dt.date | dt.datetime | None,
             limits: Limits) -> Article | InputError:
    depth = nesting(line)
    if depth > limits.max_depth:
        return InputError(origin, f"JSON nested {depth} levels deep (the limit is {limits.max_depth})", lineno)
    try:
        record = json.loads(line)
    except UnicodeDecodeError as exc:
        return InputError(origin, f"not UTF-8 text (invalid byte 0x{line[exc.start]:02x} at column {exc.start + 1})", lineno)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"not JSON ({exc.msg} at column {exc.colno})", lineno)
    except RecursionError:
        return InputError(origin, "JSON nested too deeply", lineno)
    if not isinstance(record, dict):
        return InputError(origin, "each line must be a JSON object", lineno)
    key, body = _first(record, "text")
    if body is not None and not isinstance(body, str):
        return InputError(origin, f"{key} must be text, not {shown(body)}", lineno)
    if not body or not body.strip():
        return InputError(origin, "record has no text (looked for " + ", ".join(f'"{k}"' for k in FIELDS["text"]) + ")",
                          lineno)
    try:
        fields = {name: text_field(origin, _first(record, name)[0] or name, _first(record, name)[1], lineno)
                  for name in ("title", "source", "id")}
        date = published_date(origin, _first(record, "published")[1], lineno) or published
        return Article(
            id=fields["id"] or f"{stem}-{lineno}",
            title=fields["title"] or f"{stem} line {lineno}",
            url=http_url(_first(record, "url")[1]),
            source=fields["source"],
            published=date,
            text=body.removeprefix(BOM),
            origin=f"{origin}:{lineno}",
        )
    except InputError as exc:
        return exc
    except ValidationError as exc:
        first = exc.errors()[0]
        return InputError(origin, f"{'.'.join(map(str, first['loc']))}: {first['msg'][:200]}", lineno)


def _first(record: dict, name: str) -> tuple[str | None, object]:
    """(key, value) of the first key for ``name`` present with a value."""
    for key in FIELDS[name]:
        value = record.get(key)
        if value is not None and value != "":
            return key, value
    return None, None


def nesting(line: bytes) -> int:
    """How deep the brackets of a JSON text nest, ignoring those inside strings (one linear scan).

    Checked before parsing: the parser itself would recurse once per level.
    """
    depth = deepest = 0
    if not _BRACKETS.search(line):
        return 0
    # strings cannot nest: drop them (escaped quotes first), then count the brackets left
    bare = _STRING.sub(b"", line)
    for m in _BRACKETS.finditer(bare):
        if m.group() in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest
