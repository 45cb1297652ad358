"""How a When is shown: a label never more precise than the text, and a shape (point or span).

Shared by the HTML and TimelineJS exporters. The rule of the house applies: a month is drawn and
written as a month, "recent" as the interval it denotes, and only day-or-finer single moments
become points.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from timeline.export.text import MODIFIER_WORDS
from timeline.models import Modifier, Precision, When

# Coarser than a month: only the year is known.
YEARISH = {Precision.MILLENNIUM, Precision.CENTURY, Precision.DECADE, Precision.YEAR}
# Month known, day not (a quarter starts in a known month; its days are the interval's, not the text's).
MONTHISH = {Precision.HALF, Precision.QUARTER, Precision.SEASON, Precision.MONTH}

# the words of text.MODIFIER_WORDS, but "about" reads better than "approx." next to a plotted span
_MOD_WORDS = {**MODIFIER_WORDS, Modifier.APPROX: "about"}
# Modifiers that make a single day a fuzzy one (drawn with an open marker).
FUZZY = {Modifier.APPROX, Modifier.BEFORE, Modifier.AFTER, Modifier.ON_OR_BEFORE, Modifier.ON_OR_AFTER,
         Modifier.LESS_THAN, Modifier.MORE_THAN, Modifier.EQUAL_OR_LESS, Modifier.EQUAL_OR_MORE}


def as_naive(x: dt.date | dt.datetime) -> dt.datetime:
    """A plottable instant: dates at midnight, aware times converted to UTC (plotly has no zones)."""
    if isinstance(x, dt.datetime):
        return x.astimezone(dt.timezone.utc).replace(tzinfo=None) if x.tzinfo else x
    return dt.datetime(x.year, x.month, x.day)


def format_bound(x: dt.date | dt.datetime, precision: Precision | None) -> str:
    """One bound at the grain the text gave: 2023, 2024-03, 2025-06-10 or 2025-06-09 14:30 UTC."""
    if isinstance(x, dt.datetime):
        text = f"{x.date().isoformat()} {x.hour:02d}:{x.minute:02d}"  # isoformat: years < 1000 padded
        if precision == Precision.SECOND:
            text += f":{x.second:02d}"
        if x.tzinfo is None:
            return text
        return text + (" UTC" if not x.utcoffset() else x.strftime(" UTC%z"))
    if precision in YEARISH:
        return f"{x.year:04d}"
    if precision in MONTHISH:
        return f"{x.year:04d}-{x.month:02d}"
    return x.isoformat()


def describe(when: When) -> str:
    """The normalised date in words: '2024-03', '2017 \u2013 2021', 'after 2025-06-12', 'undated'."""
    s = format_bound(when.start, when.precision) if when.start is not None else None
    e = format_bound(when.end, when.precision) if when.end is not None else None
    if s is None and e is None:
        return "undated"
    if s is None:
        text = f"until {e}"
    elif e is None:
        text = f"from {s}"
    elif s == e:
        text = s
    else:
        text = f"{s} \u2013 {e}"
    word = _MOD_WORDS.get(when.modifier) if when.modifier else None
    if word and when.start is not None and when.end is not None:
        text = f"{word} {text}"
    elif word:  # open intervals: 'after X' reads better than 'after from X'
        text = f"{word} {s or e}"
    return text


def precision_label(when: When) -> str:
    """'month', 'year, approximate', 'unspecified, open-ended' ..."""
    parts = [when.precision.value if when.precision else "unspecified"]
    if when.modifier == Modifier.APPROX:
        parts.append("approximate")
    if (when.start is None) != (when.end is None):
        parts.append("open-ended")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)  # one per event: no __dict__ each
class Shape:
    """Where an event goes on a time axis. ``end`` is exclusive for spans of whole days."""

    kind: Literal["point", "span", "undated"]
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    open_start: bool = False
    open_end: bool = False
    fuzzy: bool = False


def _finer_or_day(precision: Precision | None) -> bool:
    return precision is None or precision.rank >= Precision.DAY.rank


def shape(when: When) -> Shape:
    """Point only for one day-or-finer moment; everything else is the whole span it denotes."""
    fuzzy = when.modifier in FUZZY
    if when.start is None and when.end is None:
        return Shape("undated")
    start = as_naive(when.start) if when.start is not None else None
    end = None
    if when.end is not None:
        end = as_naive(when.end)
        if not isinstance(when.end, dt.datetime):
            end += dt.timedelta(days=1)  # inclusive last day -> exclusive end of that day
    if start is None or end is None:
        return Shape("span", start, end, open_start=start is None, open_end=end is None, fuzzy=fuzzy)
    one_day = not isinstance(when.start, dt.datetime) and not isinstance(when.end, dt.datetime) \
        and when.start == when.end
    one_instant = isinstance(when.start, dt.datetime) and isinstance(when.end, dt.datetime) \
        and when.start == when.end
    if (one_day or one_instant) and _finer_or_day(when.precision):
        return Shape("point", start, start, fuzzy=fuzzy)
    return Shape("span", start, end, fuzzy=fuzzy)
