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
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from icalendar import Calendar, Event as VEvent

from timeline import __version__
from timeline.errors import TimelineError
from timeline.export import ExportOptions, shown
from timeline.export.text import clock, date_label, describe, first_link, one_line, outlets, uncertainty
from timeline.models import ArticleInfo, Event, Precision, Timeline, When

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


def calendar(timeline: Timeline, options: ExportOptions | None = None) -> Calendar:
    """The icalendar Calendar (METHOD:PUBLISH) of a timeline's dated events."""
    options = options or ExportOptions()
    name = one_line(options.calendar_name) or one_line(timeline.title) or "Timeline"
    dated = [(e, s) for e in timeline.events if (s := slot(e.when)) is not None]
    skipped = len(timeline.events) - len(dated)
    if not dated:
        detail = f" ({skipped} undated event{'s' if skipped != 1 else ''} left out)" if skipped else ""
        raise EmptyCalendarError(
            f"cannot write {FILE}: timeline {name!r} has no dated events{detail}; a calendar needs at least one"
        )
    about = f"Built by news-timeline from {len(timeline.articles)} article(s): {len(dated)} dated event(s)"
    if skipped:
        about += f"; {skipped} undated event(s) left out"
    cal = Calendar.new(prodid=PRODID, name=name, description=about + ".", method="PUBLISH", uid=calendar_uid(name))
    cal.add("X-TIMELINE-UNDATED", str(skipped))
    articles = {a.id: a for a in timeline.articles}
    stamped = stamp(timeline)
    for event, where in dated:
        cal.add_component(_vevent(event, where, articles, stamped))
    cal.validate()
    return cal


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    return {FILE: calendar(shown(timeline, options), options).to_ical()}  # minor events only with --all-events
