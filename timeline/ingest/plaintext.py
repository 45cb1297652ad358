"""Plain text: the whole file is the article text, exactly as read (less a leading byte order mark)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from timeline.errors import InputError
from timeline.ingest.decode import utf8
from timeline.ingest.files import LIMITS, Limits, stem
from timeline.models import Article


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None, limits: Limits = LIMITS) -> Iterator[Article | InputError]:
    text = utf8(str(path), data)
    if not text.strip():
        raise InputError(str(path), "empty article (no text)")
    first = text.strip().splitlines()[0].strip()
    title = first if len(first) <= 120 else stem(path)
    yield Article(id=stem(path), title=title, text=text, published=published, origin=str(path))
