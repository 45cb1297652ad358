"""Shared helpers for readers: UTF-8 decoding, text fields, URLs and publication dates."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from timeline.errors import InputError, shown

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BOM = "\ufeff"


def utf8(origin: str, data: bytes) -> str:
    """The bytes as text, unchanged but for a leading byte order mark (no newline translation).

    The BOM is an encoding signature, not text: it is removed before any offset is counted, so
    offsets refer to the text after it (and a title never starts with an invisible character).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(origin, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from exc
    return text.removeprefix(BOM)


def text_field(origin: str, name: str, value: object, line: int | None = None) -> str | None:
    """A metadata field that must be text (title, source, id): None when missing or empty.

    Numbers are taken as written (``id: 42``); lists, mappings and anything else are an input
    error rather than a Python repr stored as the title.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(origin, f"{name} must be text, not {shown(value)}", line)
    text = str(value).strip()
    return text or None


def http_url(value: object) -> str | None:
    """The value if it is an absolute http(s) URL, else None (no relative, javascript: or data: links)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced [ in the host
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def in_range(value: dt.date | dt.datetime) -> bool:
    """True when the date, and for a datetime with a UTC offset its UTC time too, falls in years 1-9999.

    Outputs convert times to UTC (ICS, sorting); 0001-01-01T00:30+05:00 is year 0 in UTC.
    """
    if isinstance(value, dt.datetime) and value.utcoffset():
        try:
            value.astimezone(dt.UTC)
        except OverflowError:
            return False
    return True


def published_date(origin: str, value: object, line: int | None = None) -> dt.date | dt.datetime | None:
    """A publication date from front matter or a record: a date, an ISO date or an ISO datetime."""
    if value is None or value == "":
        return None
    parsed: dt.date | dt.datetime | None = None
    why = "is not an ISO date (YYYY-MM-DD) or datetime"
    if isinstance(value, dt.datetime | dt.date):
        parsed = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            if _ISO_DATE.match(text):
                parsed = dt.date.fromisoformat(text)
            else:
                parsed = dt.datetime.fromisoformat(text)  # 3.11 reads a trailing Z
        except ValueError as exc:
            if _ISO_DATE.match(text) or text[:4].isdigit() and text[4:5] == "-":  # looks like one: say what is wrong
                why = f"is not a valid date ({exc})"
    if parsed is None:
        raise InputError(origin, f"publication date {shown(value)} {why}", line)
    if not in_range(parsed):
        raise InputError(origin, f"publication date {shown(value)} is outside the years 1 to 9999 once its UTC offset "
                         "is applied", line)
    return parsed


def parse_cli_date(value: str) -> dt.date | dt.datetime:
    """``--published`` values: ISO date or datetime; raises ValueError with a readable message."""
    try:
        parsed = published_date("--published", value)
    except InputError as exc:
        raise ValueError(exc.reason) from None
    if parsed is None:
        raise ValueError("an empty date")
    return parsed
