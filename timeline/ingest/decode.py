"""Shared helpers for readers: strict UTF-8 decoding and publication-date parsing."""

from __future__ import annotations

import datetime as dt
import re

from timeline.errors import InputError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def utf8(origin: str, data: bytes) -> str:
    """The bytes as text, unchanged (no newline translation): offsets refer to exactly this string."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(origin, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from exc


def published_date(origin: str, value: object, line: int | None = None) -> dt.date | dt.datetime | None:
    """A publication date from front matter or a record: a date, an ISO date or an ISO datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if _ISO_DATE.match(text):
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    raise InputError(origin, f"publication date {value!r} is not an ISO date (YYYY-MM-DD) or datetime", line)


def parse_cli_date(value: str) -> dt.date | dt.datetime:
    """``--published`` values: ISO date or datetime; raises ValueError with a readable message."""
    try:
        parsed = published_date("--published", value)
    except InputError as exc:
        raise ValueError(exc.reason) from None
    assert parsed is not None
    return parsed
