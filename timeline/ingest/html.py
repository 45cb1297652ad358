"""HTML pages (.html, .htm): the main text of the page, extracted with trafilatura.

``Article.text`` is the *extracted plain text* (one block per line: paragraphs, headings, list
items), not the HTML source: every offset in the timeline refers to this text. Navigation,
footers, comments, scripts and styles are left out by trafilatura's boilerplate removal.

Metadata comes from the page itself: title (og:title / <title>), url (canonical / og:url, only
http(s)), source (og:site_name, else the url's host), and the publication date found by htmldate
in the page's markup (meta tags, JSON-LD, <time>, the canonical URL). htmldate is configured so
that it never consults the machine clock and never guesses from the body text; a page without a
date gets the caller's fallback (the CLI's --published).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from timeline.errors import InputError
from timeline.models import Article

# htmldate's defaults use the clock (max_date = today) and, with extensive search, take dates
# from free text, where an article's *reported* dates live ("in July 2024"), not its own.
# A fixed max_date keeps results the same whatever day it is.
DATE_PARAMS: dict[str, Any] = {
    "original_date": True,  # the publication date, not the last modification
    "extensive_search": False,  # markup and precise patterns only
    "min_date": "1995-01-01",
    "max_date": "2099-12-31",
}


def http_url(value: object) -> str | None:
    """The value if it is an absolute http(s) URL, else None (no relative or javascript: links)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None) -> Iterator[Article | InputError]:
    import trafilatura  # imported here: it takes ~0.3 s, and most runs read no HTML

    origin = str(path)
    if not data.strip():
        raise InputError(origin, "empty page (no HTML)")
    doc = trafilatura.bare_extraction(
        data,  # bytes: trafilatura detects the encoding (BOM, <meta charset>)
        with_metadata=True,
        include_comments=False,
        include_tables=False,  # tables in news pages are mostly layout, scores or listings
        include_images=False,
        include_links=False,
        favor_precision=True,  # leave out nav and teaser links rather than risk them as text
        deduplicate=False,  # its cache is shared across calls: output would depend on earlier pages
        date_extraction_params=dict(DATE_PARAMS),
    )
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise InputError(origin, "no main text found in the page (only navigation, scripts or markup)")
    url = http_url(doc.url)
    yield Article(
        id=path.stem,
        title=(doc.title or "").strip() or path.stem,
        url=url,
        source=(doc.sitename or "").strip() or (urlsplit(url).hostname if url else None),
        published=_page_date(doc.date) or published,
        text=text,
        origin=origin,
    )


def _page_date(value: str | None) -> dt.date | None:
    """htmldate's day (YYYY-MM-DD): it reports days, so a time of day is never invented."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
