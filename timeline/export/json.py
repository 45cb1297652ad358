"""Canonical JSON: the Timeline model as is, with its JSON Schema written beside it.

This is the format for programs (formats.md §2.5): it keeps precision, ranges, every source and the
offsets. Keys follow the models' field order (deterministic, and schema_version comes first), text is
UTF-8 (ensure_ascii=False; JSON escapes control characters itself), indent 2, trailing newline. Nothing
is cleaned here: quotes must stay byte-for-byte the article text at their offsets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from timeline.export import ExportOptions
from timeline.models import Timeline, json_schema

FILE = "timeline.json"
SCHEMA_FILE = "timeline.schema.json"
MEDIA_TYPE = "application/json"


def dumps(data: Any) -> bytes:
    """The project's JSON bytes: deterministic, UTF-8, indent 2, one trailing newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def schema_bytes() -> bytes:
    """timeline.schema.json (also what ``timeline schema`` prints)."""
    return dumps(json_schema())


def timeline_chunks(timeline: Timeline) -> Iterator[bytes]:
    """timeline.json in pieces, one event at a time: the bytes of ``timeline.model_dump_json(indent=2)``
    and a newline (pydantic's serializer, 5 times faster than json.dumps(model_dump())), without
    holding the whole document. Each event is dumped alone and indented to its depth (JSON strings
    hold no raw line breaks, so every line break is the layout's)."""
    head = Timeline.model_construct(schema_version=timeline.schema_version, title=timeline.title,
                                    articles=timeline.articles, events=[]).model_dump_json(indent=2)
    empty = '"events": []\n}'
    assert head.endswith(empty)
    if not len(timeline.events):
        yield head.encode("utf-8") + b"\n"
        return
    yield (head[: -len(empty)] + '"events": [\n').encode("utf-8")
    sep = ""
    batch: list[str] = []
    for ev in timeline.events:
        batch.append(sep + _EVENT_INDENT + ev.model_dump_json(indent=2).replace("\n", "\n" + _EVENT_INDENT))
        sep = ",\n"
        if len(batch) >= 256:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    batch.append("\n  ]\n}\n")
    yield "".join(batch).encode("utf-8")


_EVENT_INDENT = " " * 4  # an event is an item of the "events" array of the top object: depth 2


def timeline_bytes(timeline: Timeline) -> bytes:
    """timeline.json (``timeline_chunks`` joined)."""
    return b"".join(timeline_chunks(timeline))


def chunks(timeline: Timeline, options: ExportOptions) -> dict[str, Iterable[bytes]]:
    return {FILE: timeline_chunks(timeline), SCHEMA_FILE: [schema_bytes()]}


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    return {name: b"".join(parts) for name, parts in chunks(timeline, options).items()}
