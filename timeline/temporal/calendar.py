"""Calendar points: a unit of the calendar at some grain, its TIMEX3 value and its interval.

A ``Point`` with ``year=None`` is a partial date ("XXXX-10-07"); it has a value but no interval.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, fields

from timeline.models import Anchor, Modifier, Precision, TimexType, When

P = Precision
RANK = {p: i for i, p in enumerate(Precision)}  # Precision.rank, without its list scan

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}  # meteorological seasons
POD_HOURS = {"MO": (6, 11), "MI": (11, 13), "AF": (12, 17), "EV": (18, 21), "NI": (21, 23), "DT": (8, 17)}
_TZ_UTC = dt.UTC


@dataclass(slots=True)
class Point:
    # plain slots, not frozen (a frozen dataclass's __init__ is ~7x slower on this hot path): treat
    # a Point as immutable and derive new ones with with_()
    grain: Precision
    year: int | None = None  # negative for BC (value BCnnnn); None for XXXX
    month: int | None = None
    day: int | None = None
    week: int | None = None  # ISO week (grain WEEK); weekend=True for -WE
    weekend: bool = False
    sub: str | None = None  # Q1..Q4, H1, H2, SP/SU/FA/WI
    pod: str | None = None  # MO/AF/EV/NI
    hour: int | None = None
    minute: int | None = None
    utc: bool = False
    tz: int | None = None  # offset from UTC in minutes ("GMT +8", "EST"); utc=True is "Z"
    weekday: int | None = None  # for an unresolved weekday: XXXX-WXX-2

    def with_(self, **kw: object) -> Point:
        """A copy with some fields changed (dataclasses.replace, without its per-call introspection)."""
        if not _FIELD_SET.issuperset(kw):
            raise TypeError(f"Point has no field {sorted(set(kw) - _FIELD_SET)}")
        return Point(*[kw[n] if n in kw else getattr(self, n) for n in _FIELDS])  # type: ignore[arg-type]

    @property
    def date(self) -> dt.date | None:
        """The first day of the point, if it has one."""
        iv = interval(self)
        return iv[0] if iv else None


_FIELDS = tuple(f.name for f in fields(Point))
_FIELD_SET = frozenset(_FIELDS)


def _y(year: int | None, width: int = 4) -> str:
    if year is None:
        return "X" * width
    if year <= 0:
        return f"BC{1 - year:04d}"[: 2 + width]
    return f"{year:04d}"[:width]


def value(p: Point) -> str:
    g = p.grain
    if g == P.MILLENNIUM:
        return _y(p.year, 1)
    if g == P.CENTURY:
        return _y(p.year, 2) if p.year is None or p.year > 0 else f"BC{(1 - p.year) // 100:02d}"
    if g == P.DECADE:
        return _y(p.year, 3) if p.year is None or p.year > 0 else f"BC{(1 - p.year) // 10:03d}"
    y = _y(p.year)
    if g == P.YEAR:
        return y
    if g in (P.QUARTER, P.HALF, P.SEASON):
        return f"{y}-{p.sub}"
    if g == P.WEEK:
        if p.week is None and p.weekday is not None:
            return f"{y}-WXX-{p.weekday}"
        w = f"W{p.week:02d}" if p.week else "WXX"
        return f"{y}-{w}-WE" if p.weekend else f"{y}-{w}"
    mon = f"{p.month:02d}" if p.month else "XX"
    if g == P.MONTH:
        return f"{y}-{mon}"
    day = f"{y}-{mon}-{p.day:02d}" if p.day else f"{y}-{mon}-XX"
    if g == P.DAY:
        return day
    if g == P.PART_OF_DAY:
        return f"{day}T{p.pod}"
    # the clock time as written, "Z" when it is UTC ("16:00 UTC"); a local zone's offset ("5 p.m.
    # EST") is not written (TimeBank writes "T17:00"): it stays in the interval (aware start/end)
    t = f"T{p.hour:02d}:{p.minute or 0:02d}" + ("Z" if p.utc else "")
    return f"{day}{t}" if (p.year or p.month or p.day) else t


_ZONES: dict[int, dt.tzinfo] = {}


def _zone(tz: int) -> dt.tzinfo:
    z = _ZONES.get(tz)
    if z is None:
        z = _ZONES[tz] = dt.timezone(dt.timedelta(minutes=tz))
    return z


def _last_day(y: int, m: int) -> int:
    return _cal.monthrange(y, m)[1]


def interval(p: Point) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime] | None:
    """Inclusive bounds, or None when the point is not anchored on the calendar."""
    y = p.year
    if y is None or y < 1 or y > 9999:
        return None
    g = p.grain
    try:
        if g == P.MILLENNIUM:
            a = (y // 1000) * 1000 or 1
            return dt.date(a, 1, 1), dt.date(min(a + 999, 9999), 12, 31)
        if g == P.CENTURY:
            a = (y // 100) * 100 or 1
            return dt.date(a, 1, 1), dt.date(a + 99, 12, 31)
        if g == P.DECADE:
            a = (y // 10) * 10 or 1
            return dt.date(a, 1, 1), dt.date(a + 9, 12, 31)
        if g == P.YEAR:
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if g == P.QUARTER:
            q = int(p.sub[1]) if p.sub else 1
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, _last_day(y, 3 * q))
        if g == P.HALF:
            h = int(p.sub[1]) if p.sub else 1
            return dt.date(y, 6 * h - 5, 1), dt.date(y, 6 * h, _last_day(y, 6 * h))
        if g == P.SEASON:
            a, b = SEASON_MONTHS[p.sub or "SU"]
            yb = y + 1 if b < a else y
            return dt.date(y, a, 1), dt.date(yb, b, _last_day(yb, b))
        if g == P.WEEK:
            if p.week is None:
                return None
            mon = dt.date.fromisocalendar(y, p.week, 1)
            if p.weekend:
                return mon + dt.timedelta(days=5), mon + dt.timedelta(days=6)
            return mon, mon + dt.timedelta(days=6)
        if p.month is None:
            return None
        if g == P.MONTH:
            return dt.date(y, p.month, 1), dt.date(y, p.month, _last_day(y, p.month))
        if p.day is None:
            return None
        d = dt.date(y, p.month, p.day)
        if g == P.DAY:
            return d, d
        if g == P.PART_OF_DAY:
            a, b = POD_HOURS.get(p.pod or "", (0, 23))
            return dt.datetime(y, p.month, p.day, a), dt.datetime(y, p.month, p.day, b, 59)
        tz = _TZ_UTC if p.utc else (_zone(p.tz) if p.tz is not None else None)
        t = dt.datetime(y, p.month, p.day, p.hour or 0, p.minute or 0, tzinfo=tz)
        return t, t
    except ValueError:  # February 30, week 53 of a short year
        return None


def _narrow(iv: tuple, mod: Modifier | None) -> tuple:
    """Early/mid/late keep the first, middle or last third of a day-based interval."""
    a, b = iv
    if mod not in (Modifier.START, Modifier.MID, Modifier.END) or isinstance(a, dt.datetime):
        return iv
    span = (b - a).days + 1
    if span < 3:
        return iv
    third = span // 3
    if mod == Modifier.START:
        return a, a + dt.timedelta(days=third - 1)
    if mod == Modifier.MID:
        return a + dt.timedelta(days=third), b - dt.timedelta(days=third)
    return b - dt.timedelta(days=third - 1), b


def to_when(p: Point, anchor: Anchor, mod: Modifier | None = None) -> When:
    iv = interval(p)
    if iv is not None:
        iv = _narrow(iv, mod)
    typ = TimexType.TIME if p.grain in (P.PART_OF_DAY, P.HOUR, P.MINUTE, P.SECOND) else TimexType.DATE
    return When(
        value=value(p),
        type=typ,
        start=iv[0] if iv else None,
        end=iv[1] if iv else None,
        precision=p.grain,
        modifier=mod,
        anchor=anchor if (iv or p.year is not None) else Anchor.UNRESOLVED,
    )


def point_of(d: dt.date, grain: Precision) -> Point:
    """The point of the given grain that contains day ``d``."""
    if grain == P.DAY:
        return Point(P.DAY, d.year, d.month, d.day)
    if grain == P.MONTH:
        return Point(P.MONTH, d.year, d.month)
    if grain == P.WEEK:
        iy, iw, _ = d.isocalendar()
        return Point(P.WEEK, iy, week=iw)
    if grain == P.QUARTER:
        return Point(P.QUARTER, d.year, sub=f"Q{(d.month - 1) // 3 + 1}")
    if grain == P.HALF:
        return Point(P.HALF, d.year, sub=f"H{(d.month - 1) // 6 + 1}")
    if grain == P.DECADE:
        return Point(P.DECADE, d.year)
    if grain == P.CENTURY:
        return Point(P.CENTURY, d.year)
    return Point(P.YEAR, d.year)


def coarsen(p: Point, grain: Precision) -> Point | None:
    """The point of ``grain`` that contains ``p`` (works for BC years, which have no dates)."""
    d = p.date
    if d is not None and (RANK[p.grain] >= RANK[P.DAY] or RANK[grain] <= RANK[p.grain] or grain == P.DAY):
        return point_of(d, grain)
    if p.year is None:
        return None
    if grain in (P.YEAR, P.DECADE, P.CENTURY, P.MILLENNIUM):
        return Point(grain, p.year)
    if grain == P.MONTH and p.month:
        return Point(P.MONTH, p.year, p.month)
    if grain == P.DAY and p.month:
        return Point(P.DAY, p.year, p.month, p.day)
    if grain == p.grain:
        return p
    return None


def shift(p: Point, n: int) -> Point:
    """The point ``n`` units of its own grain later (earlier when negative)."""
    if n == 0 or p.year is None:
        return p
    g = p.grain
    if g in (P.DAY, P.PART_OF_DAY, P.WEEK, P.MONTH) and not (p.month and p.day) and not (g == P.MONTH and p.month) \
            and not (g == P.WEEK and p.week):
        return p  # the unit is not known (1940-06-XX): the day after it is not known either
    if g in (P.DAY, P.PART_OF_DAY) and p.month and p.day:
        if p.year < 1:  # no calendar arithmetic before AD 1: keep the month, drop the day
            return p.with_(day=None)
        d = dt.date(p.year, p.month, p.day) + dt.timedelta(days=n)
        return p.with_(year=d.year, month=d.month, day=d.day)
    if g == P.WEEK and p.week:
        d = dt.date.fromisocalendar(p.year, p.week, 1) + dt.timedelta(weeks=n)
        iy, iw, _ = d.isocalendar()
        return p.with_(year=iy, week=iw)
    if g == P.MONTH and p.month:
        k = p.year * 12 + p.month - 1 + n
        return p.with_(year=k // 12, month=k % 12 + 1)
    if g == P.QUARTER and p.sub:
        k = p.year * 4 + int(p.sub[1]) - 1 + n
        return p.with_(year=k // 4, sub=f"Q{k % 4 + 1}")
    if g == P.HALF and p.sub:
        k = p.year * 2 + int(p.sub[1]) - 1 + n
        return p.with_(year=k // 2, sub=f"H{k % 2 + 1}")
    if g == P.DECADE:
        return p.with_(year=p.year + 10 * n)
    if g == P.CENTURY:
        return p.with_(year=p.year + 100 * n)
    return p.with_(year=p.year + n)
