"""HTML pages (.html, .htm): the main text of the page, extracted with trafilatura.

``Article.text`` is the *extracted plain text* (one block per line: paragraphs, headings, list
items), not the HTML source: every offset in the timeline refers to this text. Navigation,
footers, comments, scripts and styles are left out by trafilatura's boilerplate removal.

Metadata comes from the page itself: title (og:title / <title>), url (canonical / og:url, only
http(s)), source (og:site_name, else the url's host), and the publication date found by htmldate
in the page's markup (meta tags, JSON-LD, <time>, the canonical URL). htmldate is configured so
that it never consults the machine clock and never guesses from the body text; a page without a
date gets the caller's fallback (the CLI's --published).

Bounded and checked:
- scripts (but JSON-LD), styles, comments and embedded SVG are removed before extraction, and a
  page with more than ``Limits.max_html_elements`` elements left is refused: the extractor's
  cost grows faster than linearly in them (a 30 MB page took minutes);
- trafilatura's choice is checked against the page's own blocks (``htmltext.blocks``): a
  paragraph the page repeats is kept as often as the page has it (trafilatura collapses
  consecutive repeats), and a page whose extracted text is nothing but link text (a navigation
  bar) is reported as having no main text.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from timeline.errors import InputError
from timeline.ingest.decode import http_url
from timeline.ingest.files import LIMITS, Limits, stem
from timeline.ingest.htmltext import Block, blocks
from timeline.models import Article

__all__ = ["DATE_PARAMS", "http_url", "read"]

# htmldate's defaults use the clock (max_date = today) and, with extensive search, take dates
# from free text, where an article's *reported* dates live ("in July 2024"), not its own.
# A fixed max_date keeps results the same whatever day it is.
DATE_PARAMS: dict[str, Any] = {
    "original_date": True,  # the publication date, not the last modification
    "extensive_search": False,  # markup and precise patterns only
    "min_date": "1995-01-01",
    "max_date": "2099-12-31",
}
# elements that are never text; scripts go too, except JSON-LD (it holds the publication date)
_NOT_TEXT = ("style", "noscript", "template", "svg", "math", "canvas", "object", "embed")


def read(path: Path, data: bytes, published: dt.date | dt.datetime | None, limits: Limits = LIMITS) -> Iterator[Article | InputError]:
    import trafilatura  # imported here: it takes ~0.3 s, and most runs read no HTML
    from trafilatura.utils import decode_file

    origin = str(path)
    if not data.strip():
        raise InputError(origin, "empty page (no HTML)")
    markup = decode_file(data)  # trafilatura's decoding: BOM, <meta charset>, else a guess
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise InputError(origin, "not an HTML page")
    elements = _strip(tree)
    if elements > limits.max_html_elements:
        raise InputError(origin, f"page too large to extract: {elements:,} HTML elements without scripts and styles "
                         f"(the limit is {limits.max_html_elements:,}, set by --max-article-size)")
    doc = trafilatura.bare_extraction(
        tree,
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
    text, linked = align(text.split("\n"), blocks(markup))
    if linked:
        raise InputError(origin, "no main text found in the page (its only text is links: navigation, not an article)")
    url = http_url(doc.url)
    yield Article(
        id=stem(path),
        title=(doc.title or "").strip() or stem(path),
        url=url,
        source=(doc.sitename or "").strip() or (urlsplit(url).hostname if url else None),
        published=_page_date(doc.date) or published,
        text=text,
        origin=origin,
    )


def _strip(tree: Any) -> int:
    """Remove what is never text, in place (linear); the number of elements left."""
    from lxml import etree

    for script in tree.xpath("//script[not(@type='application/ld+json')]"):
        script.drop_tree()  # keeps the text that follows it
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, *_NOT_TEXT, with_tail=False)
    return sum(1 for _ in tree.iter())


def align(lines: list[str], page: list[Block]) -> tuple[str, bool]:
    """The extracted lines with the page's repeats restored; and whether every line is link text.

    Each run of equal lines is found in the page's blocks, in order (bisect into the positions
    of each text); where the page repeats that block more often in a row, the run gets the page's
    count. Lines not found in the page (the extractor wrote them differently) stay as they are
    and count as text.
    """
    where: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(page):
        where[b.text].append(i)
    out: list[str] = []
    linked = True
    pos = i = 0
    while i < len(lines):
        line, run = lines[i], 1
        while i + run < len(lines) and lines[i + run] == line:
            run += 1
        i += run
        found = where.get(" ".join(line.split()), [])
        k = bisect.bisect_left(found, pos)
        if k == len(found):
            linked = False
            out.extend([line] * run)
            continue
        j = found[k]
        repeats = 1
        while j + repeats < len(page) and page[j + repeats].text == page[j].text:
            repeats += 1
        linked = linked and page[j].linked
        pos = j + repeats
        out.extend([line] * max(run, repeats))
    return "\n".join(out), linked


def _page_date(value: str | None) -> dt.date | None:
    """htmldate's day (YYYY-MM-DD): it reports days, so a time of day is never invented."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
