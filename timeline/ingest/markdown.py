"""Markdown with optional YAML front matter (title, published, source, url, id).

The article text is everything after the closing ``---`` line, byte for byte: offsets point
into the body as written, Markdown syntax included. Line ends may be LF, CRLF or a lone CR.

Front matter is read as plain strings (no YAML type guessing: ``published: 2025-02-30`` is a
string we check and report, ``title: No`` stays "No", ``id: 0012`` stays "0012"). Aliases
(``*name``) are refused, since a few hundred bytes of nested aliases expand to gigabytes, and
nesting is limited. Lists and mappings where text is expected are an input error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent

from timeline.errors import InputError
from timeline.ingest.decode import http_url, published_date, text_field, utf8
from timeline.ingest.files import LIMITS, Limits, stem
from timeline.models import Article

_EOL = r"(?:\r\n|\r|\n)"
_OPEN = re.compile(rf"\A---[ \t]*{_EOL}")
_CLOSE = re.compile(rf"(?<![^\r\n])(?:---|\.\.\.)[ \t]*(?:{_EOL}|\Z)")  # at a line start, LF, CRLF or CR
_LINE_BREAK = re.compile(_EOL)
_HEADING = re.compile(r"(?<![^\r\n])[ \t]{0,3}#{1,6}[ \t]+([^\r\n]+?)[ \t]*#*[ \t]*(?=[\r\n]|\Z)")


class _Loader(yaml.BaseLoader):
    """YAML that yields only strings, lists, mappings and nulls; no aliases; bounded nesting."""

    max_depth = LIMITS.max_depth
    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(AliasEvent):
            raise ComposerError(None, None, "aliases (*name) are not allowed in front matter", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise ComposerError(None, None, f"nested more than {self.max_depth} levels deep", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)


def load_yaml(raw: str, max_depth: int) -> object:
    loader = _Loader(raw)
    loader.max_depth = max_depth
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def split_front_matter(origin: str, text: str, limits: Limits = LIMITS) -> tuple[dict, str, int]:
    """(front matter mapping, body, line number where the body starts)."""
    opening = _OPEN.match(text)
    if not opening:
        return {}, text, 1
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        raise InputError(origin, "front matter opened with '---' is never closed", 1)
    raw = text[opening.end() : closing.start()]
    try:
        meta = load_yaml(raw, limits.max_depth) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise InputError(origin, f"front matter is not valid YAML ({getattr(exc, 'problem', None) or 'unreadable'})",
                         line) from None
    if not isinstance(meta, dict):
        raise InputError(origin, "front matter must be a mapping of keys to values", 2)
    return meta, text[closing.end() :], len(_LINE_BREAK.findall(text, 0, closing.end())) + 1


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None, limits: Limits = LIMITS) -> Iterator[Article | InputError]:
    origin = str(path)
    meta, body, body_line = split_front_matter(origin, utf8(origin, data), limits)
    if not body.strip():
        raise InputError(origin, "empty article (no text after the front matter)", body_line)
    date = published_date(origin, meta.get("published", meta.get("date")), 1) or published
    url = meta.get("url")
    if url is not None and not isinstance(url, str):
        raise InputError(origin, "url must be text, not a list or mapping", 1)
    heading = _HEADING.search(body)
    yield Article(
        id=text_field(origin, "id", meta.get("id"), 1) or stem(path),
        title=text_field(origin, "title", meta.get("title"), 1) or (heading.group(1) if heading else stem(path)),
        url=http_url(url),
        source=text_field(origin, "source", meta.get("source"), 1),
        published=date,
        text=body,
        origin=origin,
    )
