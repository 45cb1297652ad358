"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1): one item per event, for feed readers.

``date_published`` means when the *item* was published, so it is the source article's publication
date (RFC 3339, UTC); the event's own timing goes in the ``_timeline`` extension (formats.md §2.2).
Item ids are the ICS UIDs, so a reader and a calendar agree on identity. ``home_page_url`` and
``feed_url`` are left out: the exporter cannot know where the file will be served, and a wrong URL
is worse than none (readers then fall back to the file's own location).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from timeline.export import ExportOptions
from timeline.export.ics import event_uid
from timeline.export.json import dumps
from timeline.export.text import clean, describe, first_link, http_url, one_line, outlets, when_text
from timeline.models import ArticleInfo, DateOrTime, Event, Timeline

FILE = "timeline.feed.json"
MEDIA_TYPE = "application/feed+json"
VERSION = "https://jsonfeed.org/version/1.1"
# the project has no public home yet; same placeholder host as the schema $id (docs/schema.md)
EXTENSION_ABOUT = "https://news-timeline.invalid/docs/schema.md#timelinefeedjson-json-feed-11"


def rfc3339(value: DateOrTime | None) -> str | None:
    """An RFC 3339 timestamp in UTC ('...Z'); a date, or a time with no zone, counts as its day at 00:00 UTC."""
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    day = value.date() if isinstance(value, dt.datetime) else value
    return f"{day.isoformat()}T00:00:00Z"


def _iso(value: DateOrTime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _source(src: Any, info: ArticleInfo | None) -> dict[str, Any]:
    return {
        "article": src.article,
        "title": one_line(info.title) if info else None,
        "source": one_line(info.source) if info and info.source else None,
        "url": http_url(src.url) or http_url(info.url if info else None),  # links only, no javascript:
        "published": _iso(info.published) if info else None,
        "quote": clean(src.quote),
        "start": src.start,
        "end": src.end,
    }


def item(event: Event, articles: dict[str, ArticleInfo]) -> dict[str, Any]:
    when = event.when
    first = articles.get(event.sources[0].article)
    entry: dict[str, Any] = {
        "id": event_uid(event),
        "title": one_line(event.title),
        "summary": f"When: {when_text(when)}",
        "content_text": describe(event, articles),
        "url": first_link(event, articles),
        "date_published": rfc3339(first.published if first else None),
        "tags": list(dict.fromkeys(t for t in [one_line(event.kind)] + outlets(event, articles)
                                   + [one_line(a) for a in event.actors] if t)),
        "_timeline": {
            "about": EXTENSION_ABOUT,
            "uid": event_uid(event),
            "event_id": event.id,
            "start": _iso(when.start),
            "end": _iso(when.end),
            "precision": when.precision.value if when.precision else None,
            "value": when.value,
            "modifier": when.modifier.value if when.modifier else None,
            "date_text": event.date_text,
            "sources": [_source(s, articles.get(s.article)) for s in event.sources],
        },
    }
    # optional members are left out rather than null: JSON Feed gives null no meaning
    return {k: v for k, v in entry.items() if v not in (None, [])}


def feed(timeline: Timeline) -> dict[str, Any]:
    articles = {a.id: a for a in timeline.articles}
    return {
        "version": VERSION,
        "title": one_line(timeline.title) or "Timeline",
        "description": f"Events from {len(timeline.articles)} news article(s), built by news-timeline.",
        "items": [item(e, articles) for e in timeline.events],
    }


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    return {FILE: dumps(feed(timeline))}
