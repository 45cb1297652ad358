"""RSS and Atom feeds (.rss, .atom, and .xml files whose root element is a feed): one Article per entry.

Each entry's ``Article.text`` is its content (content:encoded / Atom content, else the summary)
converted from HTML to plain text, one block per line, like the HTML reader's text: offsets refer
to that text, not to the feed's markup. The id is the entry's id/guid (else its link), made safe
and stable; the url is the entry link (http(s) only); the source is the feed title.

The publication date is the entry's ``published`` (else ``updated``) date as written, with its
own UTC offset kept: ``published.date()`` is then the newsroom's calendar day, the one "yesterday"
counts from. Dates are parsed here (RFC 822, ISO 8601) rather than taken from feedparser's
``*_parsed`` values, whose ISO handler fills missing fields from the clock and round-trips through
local time. An entry without a date gets the caller's fallback; an unreadable date is reported
for that entry only.

feedparser gets the bytes wrapped in a stream (a plain string may be taken as a URL or a file
name) and never resolves relative links inside content: nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import re
import xml.parsers.expat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from timeline.errors import InputError, InternalError, shown
from timeline.ingest.decode import http_url, in_range
from timeline.ingest.files import LIMITS, Limits, stem
from timeline.ingest.htmltext import html_to_text
from timeline.models import Article

FEED_ROOTS = {"rss", "feed", "RDF"}  # RSS 0.9x/2.0, Atom, RSS 1.0 (rdf:RDF)


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None, limits: Limits = LIMITS) -> Iterator[Article | InputError]:
    import feedparser  # imported here: most runs read no feed

    origin = str(path)
    if not data.strip():
        raise InputError(origin, "empty file (no feed)")
    root = root_element(data)
    if root is not None and root not in FEED_ROOTS:
        raise InputError(origin, f"not a feed: the root element is <{root}>, not <rss>, <feed> or <rdf:RDF>")
    if root is None and path.suffix.lower() == ".xml":
        raise InputError(origin, "not a feed: not well-formed XML with an <rss>, <feed> or <rdf:RDF> root")
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True, response_headers={})
    malformed = _reason(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    entries = parsed.get("entries") or []
    if malformed:  # the lenient parser leaves an empty entry where a broken one was cut off
        entries = [e for e in entries if any(e.get(k) for k in ("id", "link", "title", "summary", "content"))]
    if not entries:
        raise InputError(origin, f"malformed feed: {malformed}" if malformed else "the feed has no entries")
    feed_title = _plain(parsed.feed.get("title_detail")) or None
    for n, entry in enumerate(entries, 1):
        try:
            yield _article(path, n, entry, feed_title, published, limits)
        except ValidationError as exc:  # one bad entry is reported; the others go on
            first = exc.errors()[0]
            yield InputError(origin, f"entry {n}: {'.'.join(map(str, first['loc'])) or 'article'}: {first['msg']}")
        except InputError as exc:
            if malformed:  # the entry's problem may be the feed's: say so
                exc = InputError(exc.origin, f"{exc.reason} (the feed is malformed: {malformed})", exc.line)
            yield exc
        except Exception as exc:  # noqa: BLE001 - a bug for this entry only: the others go on
            yield InternalError.of(f"{origin} entry {n}", exc)


def root_element(data: bytes) -> str | None:
    """Local name of the document's root element, or None when the bytes are not XML.

    expat stops at the root's start tag; it loads no external DTD or entity and has no network.
    """
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    found: list[str] = []

    def start(name: str, attrs: object) -> None:
        found.append(name.rsplit(" ", 1)[-1])  # "{namespace} local" -> local
        raise _Found

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Found:
        pass
    except (xml.parsers.expat.ExpatError, ValueError):
        return None
    return found[0] if found else None


class _Found(Exception):
    """Stops the sniffing parser at the root element."""


def _reason(exc: object) -> str:
    """feedparser's bozo exception as a short reason, without its position: feedparser may have
    added an XML declaration or rewritten the DOCTYPE first, so its line numbers can be off."""
    text = re.sub(r"^<unknown>:\d+:\d+:\s*", "", str(exc or "unknown error").strip())
    return text[:200]


def _article(path: Path, n: int, entry: Any, feed_title: str | None, fallback: dt.date | dt.datetime | None,
             limits: Limits) -> Article:
    origin = f"{path} entry {n}"
    raw_id = (entry.get("id") or entry.get("link") or "").strip()
    content = _content(entry)
    if len(content["value"]) > limits.max_article_size:
        raise InputError(str(path), f"entry {n} ({raw_id[:60] or 'no id'}) is over the size limit of "
                         f"{limits.max_article_size:,} bytes per article (raise it with --max-article-size)")
    text = html_to_text(content["value"]) if content["html"] else _plain_lines(content["value"])
    if not text:
        raise InputError(str(path), f"entry {n} ({raw_id[:60] or 'no id'}) has no text (no content or summary)")
    raw_date = entry.get("published") or entry.get("updated")
    date = feed_date(raw_date) if raw_date else None
    if raw_date and date is None:
        raise InputError(str(path), f"entry {n} ({raw_id[:60] or 'no id'}): publication date {shown(raw_date)} is not a date")
    if date is not None and not in_range(date):
        raise InputError(str(path), f"entry {n} ({raw_id[:60] or 'no id'}): publication date {shown(raw_date)} is outside "
                         "the years 1 to 9999 once its UTC offset is applied")
    title = _plain(entry.get("title_detail")) or text.splitlines()[0][:90]
    return Article(
        id=safe_id(raw_id) if raw_id else f"{stem(path)}-{n}",
        title=title,
        url=http_url(entry.get("link")),
        source=feed_title,
        published=date or fallback,
        text=text,
        origin=origin,
    )


def _content(entry: Any) -> dict[str, Any]:
    """The fullest body of an entry: content (content:encoded, Atom content), else summary."""
    for detail in [*(entry.get("content") or []), entry.get("summary_detail")]:
        if detail and (detail.get("value") or "").strip():
            kind = (detail.get("type") or "text/html").lower()
            return {"value": detail["value"], "html": "html" in kind}
    return {"value": "", "html": False}


def _plain(detail: Any) -> str:
    """A title-like text construct as one line of plain text."""
    if not detail or not detail.get("value"):
        return ""
    value = detail["value"]
    text = html_to_text(value) if "html" in (detail.get("type") or "").lower() else value
    return " ".join(text.split())


def _plain_lines(value: str) -> str:
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


# --- ids -------------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)(?://)?", re.IGNORECASE)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_id(raw: str) -> str:
    """A short, file- and URL-safe id that is the same every run and distinct for distinct raw ids.

    The readable part drops the scheme ("https://", "tag:", "urn:") and odd characters; when that
    loses anything, a hash of the raw id keeps ids apart ("a/b" and "a?b" would otherwise meet).
    """
    slug = _UNSAFE.sub("-", _SCHEME.sub("", raw)).strip("-.")[:60].rstrip("-.")
    if slug == raw:
        return slug
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"entry-{digest}"


# --- dates -----------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def feed_date(raw: str) -> dt.date | dt.datetime | None:
    """An RFC 822 (RSS) or ISO 8601 / W3C-DTF (Atom) date as written, offset kept; None if neither."""
    text = raw.strip()
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    try:
        # RFC 822 "-0000" and a missing zone both mean "UTC, local zone unknown": keep it as UTC
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
