"""schema.org JSON-LD: an ItemList of Event items, each the subject of the NewsArticles that report it.

Dates are full ISO 8601 dates (2024-03-01, not 2024-03): whether validators accept reduced
precision is unverified (formats.md §2.3), so the precision is stated in each description instead.
startDate/endDate are the inclusive bounds of the span; a time with no zone is written without one
(ISO 8601 local time: the text did not say which zone). ``document()`` is what the HTML page embeds;
``script_text()`` makes it safe inside ``<script type="application/ld+json">``.
"""

from __future__ import annotations

import json
from typing import Any

from timeline.export import ExportOptions
from timeline.export.ics import event_uid
from timeline.export.json import dumps
from timeline.export.text import describe, first_link, http_url, one_line
from timeline.models import ArticleInfo, DateOrTime, Event, Timeline

FILE = "timeline.jsonld"
MEDIA_TYPE = "application/ld+json"


def _iso(value: DateOrTime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _article(info: ArticleInfo) -> dict[str, Any]:
    doc: dict[str, Any] = {"@type": "NewsArticle", "identifier": info.id}
    if one_line(info.title):
        doc["headline"] = one_line(info.title)
    if http_url(info.url):
        doc["url"] = http_url(info.url)
    if info.published is not None:
        doc["datePublished"] = _iso(info.published)
    if one_line(info.source):
        doc["publisher"] = {"@type": "Organization", "name": one_line(info.source)}
    return doc


def event(ev: Event, articles: dict[str, ArticleInfo]) -> dict[str, Any]:
    uid = event_uid(ev)
    doc: dict[str, Any] = {
        "@type": "Event",
        "@id": f"urn:uuid:{uid}",
        "identifier": uid,
        "name": one_line(ev.title),
        "description": describe(ev, articles),
    }
    if ev.when.start is not None:
        doc["startDate"] = _iso(ev.when.start)
    if ev.when.end is not None:
        doc["endDate"] = _iso(ev.when.end)
    if first_link(ev, articles):
        doc["url"] = first_link(ev, articles)
    cited = dict.fromkeys(s.article for s in ev.sources)
    doc["subjectOf"] = [_article(articles[a]) for a in cited if a in articles]
    return doc


def document(timeline: Timeline) -> dict[str, Any]:
    """The JSON-LD document of a timeline (for the .jsonld file and for embedding in the HTML page)."""
    articles = {a.id: a for a in timeline.articles}
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": one_line(timeline.title) or "Timeline",
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(timeline.events),
        "itemListElement": [
            {"@type": "ListItem", "position": i, "item": event(ev, articles)}
            for i, ev in enumerate(timeline.events, start=1)
        ],
    }


def script_text(doc: dict[str, Any]) -> str:
    """JSON for an inline ``<script type="application/ld+json">``: '<', '>' and '&' are escaped as
    \\u003c etc. so article text cannot close the script element; U+2028/2029 for old parsers."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    return {FILE: dumps(document(timeline))}
