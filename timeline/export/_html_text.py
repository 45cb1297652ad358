"""Text safety for the HTML and TimelineJS exporters: all article text is untrusted.

Three sinks, three rules: real HTML (the table) gets ``html.escape``; plotly's pseudo-HTML (hover
labels, legend, ticks) only needs ``&`` and ``<`` neutralised, since it knows no other markup;
JSON inside a ``<script>`` element must not contain ``<`` (no ``</script>`` or ``<!--``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

# C0/C1 control characters except tab/newline/CR: invisible, and some break parsers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Control characters become spaces, runs of whitespace one space (display text only)."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", text or "")).strip()


def truncate(text: str, limit: int) -> str:
    """Cut at a word boundary near ``limit`` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:") + "\u2026"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap: plotly hover labels never wrap by themselves."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def pseudo(text: str) -> str:
    """Escape for plotly's pseudo-HTML: without ``<`` no tag can open; ``&`` keeps entities literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s) with a host, else None (drops javascript:, data:, ...)."""
    if not url:
        return None
    url = url.strip()
    if _CONTROL.search(url) or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


def script_json(data: Any, indent: int | None = None) -> str:
    """JSON that is safe inside a <script> element: ``<``, ``>`` and ``&`` as unicode escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
    return _script_safe(text)


def _script_safe(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_json_parts(data: Any, depth: int = 2) -> Iterator[str]:
    """``script_json(data)`` in pieces: the dicts and lists (or any other iterable, written as a list)
    down to ``depth`` levels are written item by item, so that a large document is never one string."""
    if depth <= 0 or not isinstance(data, dict | list | tuple | Iterator) or (
            isinstance(data, dict) and not all(isinstance(k, str) for k in data)):  # json turns other keys to text
        yield script_json(data)
    elif isinstance(data, dict):
        yield "{"
        for n, (key, value) in enumerate(data.items()):
            yield ("," if n else "") + script_json(key) + ":"
            yield from script_json_parts(value, depth - 1)
        yield "}"
    else:
        yield "["
        for n, value in enumerate(data):
            if n:
                yield ","
            yield from script_json_parts(value, depth - 1)
        yield "]"


def attr(text: str) -> str:
    """Escape for an HTML text node or quoted attribute."""
    return html.escape(text, quote=True)
