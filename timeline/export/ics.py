"""ICS (RFC 5545) export with icalendar 7: one all-day or UTC-timed VEVENT per dated event.

Decisions (formats.md §1):
- Identity: the calendar UID and every event UID are uuid5 of a fixed namespace, so a re-export gives
  the same UIDs and a re-import updates instead of duplicating. Event UID = uuid5(NS, event.id).
- DTSTAMP and LAST-MODIFIED are the latest publication date among the timeline's articles (midnight
  UTC for a bare date), falling back to a fixed epoch: the output never depends on the wall clock, and
  the stamp moves forward when a newer article joins the timeline. SEQUENCE stays 0 (stateless).
- Dates: an exact day or day range is all-day (VALUE=DATE) with an exclusive DTEND; a range longer
  than MAX_BANNER_DAYS (a term of office) is a one-day marker with the span in words. Anything coarser
  or uncertain (month, year, season, approx, before/after, open-ended) is option B of §1.3: a one-day
  event on the first day of the span, a SUMMARY suffix saying what is unknown, and X-TIMELINE-*
  properties with the honest span. No calendar view can show "some day in June" truthfully.
- Times: only a time with a zone becomes a timed event (written in UTC, ...Z). News text rarely
  states the zone, and a floating time shifts by hours between clients, so a naive time becomes
  an all-day event on its date with the time in the SUMMARY ("14:30, time zone not stated").
- No ORGANIZER: we organise nothing, and a made-up organizer may make clients treat the file as an
  invitation. RFC 5546 wants one under METHOD:PUBLISH; libical's iTIP check reports only that.
- Undated events (no start) are left out, because a VEVENT needs a DTSTART; ``undated()`` lists them
  for the CLI, and the calendar says how many in X-TIMELINE-UNDATED and its description.

Speed: ``calendar()`` builds the icalendar objects (about 3 ms per event: 100,000 events would take
minutes). ``render()`` writes the calendar's own properties with icalendar and each VEVENT with the
small writer below, which produces the same bytes icalendar would (same property order, TEXT
escaping and line folding; ``tests/export/test_ics_fast.py`` compares the two on every timeline the
tests know), about 50 times faster.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from icalendar import Calendar, Event as VEvent

from timeline import __version__
from timeline.errors import TimelineError
from timeline.export import ExportOptions, shown
from timeline.export.text import clock, date_label, describe, first_link, one_line, outlets, uncertainty
from timeline.models import ArticleInfo, Event, Precision, Timeline, When
from timeline.store import whens

FILE = "timeline.ics"
MEDIA_TYPE = "text/calendar; charset=utf-8"
PRODID = f"-//news-timeline//timeline {'.'.join(__version__.split('.')[:2])}//EN"
# Fixed forever: changing it changes every UID ever exported.
# = uuid5(NAMESPACE_URL, "https://news-timeline.invalid/uid")
NAMESPACE = uuid.UUID("a7cabfdd-2193-5125-a5b5-721b1da306a2")
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # stamp when no article has a publication date
_UTC = dt.timezone.utc
# Longer known ranges would be a banner over every day for months or years (useless in calendar
# views, formats.md §1.3), so they become a one-day marker like a coarse date.
MAX_BANNER_DAYS = 31
_UNIT = {Precision.SECOND: dt.timedelta(seconds=1), Precision.HOUR: dt.timedelta(hours=1)}


class EmptyCalendarError(TimelineError):
    """The timeline has no dated event, and a calendar with no event is not a valid ICS file."""


def event_uid(event: Event) -> str:
    """The event's UID in every export (ICS UID, JSON Feed id, JSON-LD identifier): stable across runs."""
    return str(uuid.uuid5(NAMESPACE, f"event:{event.id}"))


def calendar_uid(name: str) -> str:
    """The calendar's UID follows its name: a renamed calendar is a different calendar."""
    return str(uuid.uuid5(NAMESPACE, f"calendar:{name}"))


def undated(timeline: Timeline) -> list[Event]:
    """The events an ICS file cannot hold (no start date), for the CLI to report."""
    return [e for e in timeline.events if e.when.start is None]


def stamp(timeline: Timeline) -> dt.datetime:
    """DTSTAMP/LAST-MODIFIED: the latest article publication (UTC, whole seconds), else EPOCH."""
    stamps = []
    for article in timeline.articles:
        p = article.published
        if isinstance(p, dt.datetime) and p.tzinfo is not None:
            stamps.append(p.astimezone(_UTC).replace(microsecond=0))
        elif p is not None:  # a date, or a time with no zone: its day at midnight UTC
            d = p.date() if isinstance(p, dt.datetime) else p
            stamps.append(dt.datetime(d.year, d.month, d.day, tzinfo=_UTC))
    return max(stamps, default=EPOCH)


@dataclass(frozen=True)
class Slot:
    """Where an event goes on a calendar: DTSTART, exclusive DTEND, and what the SUMMARY must add."""

    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    note: str | None = None


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


def slot(when: When) -> Slot | None:
    """The calendar slot for a When (None when it has no start): see the module docstring."""
    start, end = when.start, when.end
    if start is None:
        return None
    note = uncertainty(when)
    if note is not None or end is None:  # coarse or uncertain: option B, a one-day marker
        first = _day(start)
        return Slot(first, first + dt.timedelta(days=1), note)
    first, last = _day(start), _day(end)
    if (last - first).days + 1 > MAX_BANNER_DAYS:  # a term of office: a marker on its first day, span in words
        return Slot(first, first + dt.timedelta(days=1), date_label(when))
    finer_than_day = when.precision is None or when.precision.rank > Precision.DAY.rank
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and start.tzinfo is not None and finer_than_day:
        # an inclusive last instant at this grain -> exclusive end one grain later (never DTEND == DTSTART)
        unit = _UNIT.get(when.precision, dt.timedelta(minutes=1))
        return Slot(start.astimezone(_UTC), end.astimezone(_UTC) + unit)
    if isinstance(start, dt.datetime) and finer_than_day:  # a time with no zone: all-day, time in words
        note = f"{clock(when)}, time zone not stated" if first == last else f"{date_label(when)}, time zone not stated"
    return Slot(first, last + dt.timedelta(days=1), note)


def _vevent(event: Event, where: Slot, articles: Mapping[str, ArticleInfo], stamped: dt.datetime) -> VEvent:
    if where.end <= where.start:  # icalendar accepts DTEND == DTSTART silently (formats.md §1.3)
        raise ValueError(f"event {event.id}: empty calendar slot {where.start}..{where.end}")
    title = one_line(event.title)
    summary = f"{title} ({where.note})" if where.note else title
    categories = ([one_line(event.kind)] if event.kind and one_line(event.kind) else []) + outlets(event, articles)
    vevent = VEvent.new(
        uid=event_uid(event),
        stamp=stamped,
        last_modified=stamped,
        sequence=0,
        start=where.start,
        end=where.end,
        summary=summary,
        description=describe(event, articles),
        url=first_link(event, articles),
        categories=list(dict.fromkeys(categories)),
        transparency="TRANSPARENT",  # news does not make anyone busy
    )
    when = event.when
    vevent.add("X-TIMELINE-PRECISION", when.precision.value if when.precision else "unknown")
    vevent.add("X-TIMELINE-VALUE", when.value)
    if when.modifier is not None:
        vevent.add("X-TIMELINE-MODIFIER", when.modifier.value)
    vevent.add("X-TIMELINE-START", when.start.isoformat())
    if when.end is not None:
        vevent.add("X-TIMELINE-END", when.end.isoformat())
    return vevent


def _window_key(w: When) -> tuple:
    return (w.value, w.type, w.start, w.end, w.precision, w.modifier, w.anchor)  # cheaper to hash than the model


def _head(timeline: Timeline, options: ExportOptions | None) -> tuple[Calendar, dict[tuple, Slot | None]]:
    """The calendar with its own properties (no events yet), and the slot of each distinct window.

    Reads only the events' dates (``store.whens``: a long timeline's events need not be built for it).
    """
    options = options or ExportOptions()
    name = one_line(options.calendar_name) or one_line(timeline.title) or "Timeline"
    slots: dict[tuple, Slot | None] = {}  # many events share a window: work out each slot once
    dated = skipped = 0
    for w in whens(timeline.events):
        key = _window_key(w)
        if key not in slots:
            slots[key] = slot(w)
        if slots[key] is None:
            skipped += 1
        else:
            dated += 1
    if not dated:
        detail = f" ({skipped} undated event{'s' if skipped != 1 else ''} left out)" if skipped else ""
        raise EmptyCalendarError(
            f"cannot write {FILE}: timeline {name!r} has no dated events{detail}; a calendar needs at least one"
        )
    about = f"Built by news-timeline from {len(timeline.articles)} article(s): {dated} dated event(s)"
    if skipped:
        about += f"; {skipped} undated event(s) left out"
    cal = Calendar.new(prodid=PRODID, name=name, description=about + ".", method="PUBLISH", uid=calendar_uid(name))
    cal.add("X-TIMELINE-UNDATED", str(skipped))
    return cal, slots


def _frame(timeline: Timeline, options: ExportOptions | None) -> tuple[Calendar, list[tuple[Event, Slot]]]:
    """The calendar with its own properties (no events yet) and the dated events with their slots."""
    cal, slots = _head(timeline, options)
    dated = []
    for e in timeline.events:
        where = slots[_window_key(e.when)]
        if where is not None:
            dated.append((e, where))
    return cal, dated


def calendar(timeline: Timeline, options: ExportOptions | None = None) -> Calendar:
    """The icalendar Calendar (METHOD:PUBLISH) of a timeline's dated events."""
    cal, dated = _frame(timeline, options)
    articles = {a.id: a for a in timeline.articles}
    stamped = stamp(timeline)
    for event, where in dated:
        cal.add_component(_vevent(event, where, articles, stamped))
    cal.validate()
    return cal


# --- the fast writer: the bytes icalendar would write, without building its objects ------------

_SPECIAL = re.compile(r"[\\;,\r\n]")
_FOLD = 74  # icalendar folds before a line would reach 75 octets (continuations: a space, then up to 74)


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping, exactly as icalendar's (``\\N`` first becomes a line break there too)."""
    if not _SPECIAL.search(value):
        return value
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> bytes:
    """One content line as bytes, folded at octet boundaries that never split a character.

    Like icalendar, a chunk never ends in a backslash or caret (the start of an escape): that
    character moves to the next line.
    """
    data = line.encode("utf-8")
    if len(data) <= _FOLD:
        return data
    chunks = []
    start, n = 0, len(data)
    while n - start > _FOLD:
        cut = start + _FOLD
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 sequence: cut before it
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        chunks.append(data[start:cut])
        start = cut
    chunks.append(data[start:])
    return b"\r\n ".join(chunks)


@lru_cache(maxsize=8192)
def _ical_date(x: dt.date | dt.datetime) -> str:
    if isinstance(x, dt.datetime):
        return f":{x:%Y%m%dT%H%M%S}Z"  # slot() gives only UTC times
    return f";VALUE=DATE:{x:%Y%m%d}"


def _vevent_bytes(event: Event, where: Slot, articles: Mapping[str, ArticleInfo], stamped: str) -> bytes:
    """The VEVENT ``_vevent`` would build, as icalendar writes it (canonical order, then A-Z)."""
    if where.end <= where.start:
        raise ValueError(f"event {event.id}: empty calendar slot {where.start}..{where.end}")
    title = one_line(event.title)
    summary = f"{title} ({where.note})" if where.note else title
    categories = ([one_line(event.kind)] if event.kind and one_line(event.kind) else []) + outlets(event, articles)
    when = event.when
    url = first_link(event, articles)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(summary)}",
        f"DTSTART{_ical_date(where.start)}",
        f"DTEND{_ical_date(where.end)}",
        f"DTSTAMP:{stamped}",
        f"UID:{event_uid(event)}",
        "SEQUENCE:0",
        "CATEGORIES:" + ",".join(_text(c) for c in dict.fromkeys(categories)),
        f"DESCRIPTION:{_text(describe(event, articles))}",
        f"LAST-MODIFIED:{stamped}",
        "TRANSP:TRANSPARENT",
    ]
    if url:
        lines.append(f"URL:{url}")
    if when.end is not None:
        lines.append(f"X-TIMELINE-END:{_text(when.end.isoformat())}")
    if when.modifier is not None:
        lines.append(f"X-TIMELINE-MODIFIER:{_text(when.modifier.value)}")
    lines.append(f"X-TIMELINE-PRECISION:{when.precision.value if when.precision else 'unknown'}")
    lines.append(f"X-TIMELINE-START:{_text(when.start.isoformat())}")
    lines.append(f"X-TIMELINE-VALUE:{_text(when.value)}")
    lines.append("END:VEVENT")
    return b"\r\n".join(_fold(line) for line in lines) + b"\r\n"


def _calendar_chunks(timeline: Timeline, options: ExportOptions) -> Iterator[bytes]:
    cal, slots = _head(timeline, options)  # valid by construction: calendar() validates the same frame
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    yield head[: -len(end)]
    articles = {a.id: a for a in timeline.articles}
    stamped = f"{stamp(timeline):%Y%m%dT%H%M%S}Z"
    batch = []
    for event in timeline.events:
        where = slots[_window_key(event.when)]
        if where is not None:
            batch.append(_vevent_bytes(event, where, articles, stamped))
            if len(batch) >= 256:
                yield b"".join(batch)
                batch.clear()
    batch.append(end)
    yield b"".join(batch)


def chunks(timeline: Timeline, options: ExportOptions) -> dict[str, Iterable[bytes]]:
    """timeline.ics in pieces, one event at a time (the calendar's own properties first: they count
    the dated events, which needs only the dates)."""
    timeline = shown(timeline, options)  # minor events only with --all-events
    parts = _calendar_chunks(timeline, options)
    first = next(parts)  # a calendar with no dated event fails here, before anything is written
    return {FILE: itertools.chain([first], parts)}


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    return {name: b"".join(parts) for name, parts in chunks(timeline, options).items()}
