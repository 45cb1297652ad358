"""TimelineJS3 exporter: Knight Lab's storytelling timeline JSON (``timeline.timelinejs.json``).

Dates use TimelineJS's native partial dates (a year, a year and month, a day, hour and minute), so
a month stays a month. Choices, following formats.md section 2.1:

- Undated events are left out (TimelineJS would drop a slide without ``start_date`` silently); the
  title slide says how many. "Before X" events (no start) are placed at X with ``display_date``
  "before X", so they stay on the timeline without claiming a date the text did not give.
- ``headline`` and ``text`` are HTML-escaped (TimelineJS renders them as HTML). ``group`` and the
  slide ``display_date`` are written as HTML after entity decoding, so they get no ``<``, ``>`` or
  ``&`` at all (replaced by look-alikes); ``autolink`` is off on every slide.
- ``unique_id`` is the event id, ``group`` the lane (``ExportOptions.lanes``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from timeline.export import ExportOptions
from timeline.export._html_dates import MONTHISH, YEARISH, describe
from timeline.export._html_rows import Row, rows as build_rows
from timeline.export._html_text import attr, clean, plural, script_json, truncate
from timeline.models import Event, Modifier, Precision, Timeline, When

FILE = "timeline.timelinejs.json"
TITLE_ID = "timeline-title"
# Modifiers whose meaning the native date cannot carry: say it in display_date.
_SAY = {Modifier.APPROX, Modifier.BEFORE, Modifier.AFTER, Modifier.ON_OR_BEFORE, Modifier.ON_OR_AFTER,
        Modifier.START, Modifier.MID, Modifier.END}
_LOOKALIKE = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06"})


def plain(text: str) -> str:
    """For fields TimelineJS decodes and then writes as HTML: no '<', '>' or '&' can survive."""
    return clean(text).translate(_LOOKALIKE)


def date_object(x: dt.date | dt.datetime, precision: Precision | None) -> dict[str, Any]:
    """A TimelineJS date at the grain the text gave (month is 1-12; aware times in UTC)."""
    if isinstance(x, dt.datetime) and x.tzinfo is not None:
        x = x.astimezone(dt.timezone.utc)
    out: dict[str, Any] = {"year": x.year}
    if precision in YEARISH:
        return out
    out["month"] = x.month
    if precision in MONTHISH:
        return out
    out["day"] = x.day
    if isinstance(x, dt.datetime) and (precision is None or precision.rank >= Precision.PART_OF_DAY.rank):
        out["hour"] = x.hour
        if precision is None or precision.rank >= Precision.MINUTE.rank:
            out["minute"] = x.minute
        if precision == Precision.SECOND:
            out["second"] = x.second
    return out


def _dates(when: When) -> tuple[dict[str, Any], dict[str, Any] | None, str | None]:
    """start_date, end_date (None when it adds nothing) and the slide display_date (None: native)."""
    anchor = when.start if when.start is not None else when.end
    start = date_object(anchor, when.precision)
    end = date_object(when.end, when.precision) if when.start is not None and when.end is not None else None
    if end == start:
        end = None  # "March 2024" rather than "March 2024 - March 2024"
    open_ended = when.start is None or when.end is None
    aware = isinstance(anchor, dt.datetime) and anchor.tzinfo is not None
    display = plain(describe(when)) if open_ended or when.modifier in _SAY or aware else None
    return start, end, display


def _text(row: Row, event: Event) -> str:
    parts = [f"<p>\u201c{attr(truncate(row.quote, 600))}\u201d</p>"]
    written = f"; as written: \u201c{attr(row.date_text)}\u201d" if row.date_text else ""
    parts.append(f"<p>Date: {attr(row.date)} ({attr(row.precision)}){written}</p>")
    links = ", ".join(
        f'<a href="{attr(link.url)}" target="_blank" rel="noopener noreferrer">{attr(link.name)}</a>' if link.url
        else attr(link.name) for link in row.links
    )
    parts.append(f"<p>Source: {links}</p>")
    if event.actors:
        parts.append(f"<p>Actors: {attr(', '.join(clean(a) for a in event.actors))}</p>")
    return "".join(parts)


def document(timeline: Timeline, lanes: str = "source") -> dict[str, Any]:
    """The TimelineJS3 object (what ``new TL.Timeline(id, object)`` accepts)."""
    events = []
    skipped = 0
    for ev, row in zip(timeline.events, build_rows(timeline, lanes), strict=True):
        if not ev.when.resolved:
            skipped += 1
            continue
        start, end, display = _dates(ev.when)
        slide: dict[str, Any] = {"start_date": start}
        if end is not None:
            slide["end_date"] = end
        if display is not None:
            slide["display_date"] = display
        slide["text"] = {"headline": attr(row.title), "text": _text(row, ev)}
        slide.update({"group": plain(row.lane), "unique_id": ev.id, "autolink": False})
        events.append(slide)
    summary = f"{plural(len(events), 'dated event')} from {plural(len(timeline.articles), 'article')}."
    if skipped:
        summary += f" {plural(skipped, 'undated event')} not shown."
    title = {"text": {"headline": attr(clean(timeline.title) or "Timeline"), "text": f"<p>{attr(summary)}</p>"},
             "unique_id": TITLE_ID, "autolink": False}
    return {"title": title, "events": events, "scale": "human"}


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    # script_json: no raw '<' or '&', so the file can also be pasted inside a <script> element.
    text = script_json(document(timeline, options.lanes), indent=1)
    return {FILE: (text + "\n").encode("utf-8")}
