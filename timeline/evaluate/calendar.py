"""The calendar extent of a TIMEX3 value, as inclusive datetime bounds; None when it has none.

'2005-06' is 2005-06-01 00:00 to 2005-06-30 23:59:59.999999; '2007-10-17T06:40Z' is that minute
(wall-clock time; the zone is ignored); 'TMO' and the other parts of day are conventional ranges.
A day-dated event therefore lies within a date but not within a time of day, which is what
"dated within the gold date's extent" means for an anchor like "08:30 UTC".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # months; WI runs into next year
_PARTS = {"MO": (0, 11), "AF": (12, 17), "EV": (18, 23), "NI": (18, 23), "DT": (8, 17)}  # hours, inclusive
_VALUE = re.compile(
    r"^(?P<y>\d{2,4})"
    r"(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)"
    r"|W(?P<w>\d{2})(?P<we>-WE)?))?"
    r"(?:T(?P<t>[^Z+-]*)(?:Z|[+-].*)?)?$"
)
_CLOCK = re.compile(r"^(\d{2})(?::(\d{2})(?::(\d{2}))?)?")

Extent = tuple[dt.datetime, dt.datetime]
_LAST = dt.time(23, 59, 59, 999999)


def _days(first: dt.date, last: dt.date) -> Extent:
    return dt.datetime.combine(first, dt.time()), dt.datetime.combine(last, _LAST)


def _months(year: int, first: int, last: int) -> Extent:
    y2, m2 = year + (last - 1) // 12, (last - 1) % 12 + 1
    return _days(dt.date(year, first, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1]))


def _time_of_day(day: dt.date, t: str) -> Extent | None:
    if t in _PARTS:
        a, b = _PARTS[t]
        return dt.datetime.combine(day, dt.time(a)), dt.datetime.combine(day, dt.time(b, 59, 59, 999999))
    m = _CLOCK.match(t)
    if not m:
        return None  # TXX: a time of that day nobody knows; the day is all we can say
    h, mi, s = int(m[1]), m[2], m[3]
    start = dt.datetime.combine(day, dt.time(h % 24, int(mi or 0), int(s or 0)))
    width = dt.timedelta(seconds=1) if s else dt.timedelta(minutes=1) if mi else dt.timedelta(hours=1)
    return start, start + width - dt.timedelta(microseconds=1)


def extent(value: str | None) -> Extent | None:
    """First and last instant (inclusive) a calendar TIMEX3 value covers.

    Values with no place on the calendar (durations, PAST_REF, XXXX-10-07, BC years) give None.
    """
    m = _VALUE.match(value or "")
    if not m:
        return None
    digits = m["y"]
    try:
        if len(digits) == 2:  # century: "19" is 1900-1999
            return _days(dt.date(int(digits) * 100 or 1, 1, 1), dt.date(int(digits) * 100 + 99, 12, 31))
        if len(digits) == 3:  # decade: "199" is the 1990s
            return _days(dt.date(int(digits) * 10 or 1, 1, 1), dt.date(int(digits) * 10 + 9, 12, 31))
        year = int(digits)
        if m["d"]:
            day = dt.date(year, int(m["m"]), int(m["d"]))
            return (_time_of_day(day, m["t"]) if m["t"] else None) or _days(day, day)
        if m["m"]:
            return _months(year, int(m["m"]), int(m["m"]))
        if m["q"]:
            q = int(m["q"])
            return _months(year, 3 * q - 2, 3 * q)
        if m["h"]:
            h = int(m["h"])
            return _months(year, 6 * h - 5, 6 * h)
        if m["s"]:
            return _months(year, *_SEASONS[m["s"]])
        if m["w"]:
            monday = dt.date.fromisocalendar(year, int(m["w"]), 1)
            if m["we"]:
                return _days(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
            return _days(monday, monday + dt.timedelta(days=6))
        return _days(dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:  # month 13, week 54, year 0 ...
        return None


def bounds(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> Extent:
    """An interval given as dates or datetimes (inclusive) as datetime bounds, zones dropped."""
    a = start.replace(tzinfo=None) if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    b = end.replace(tzinfo=None) if isinstance(end, dt.datetime) else dt.datetime.combine(end, _LAST)
    return a, b
