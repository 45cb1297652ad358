"""Text shown to people by the exporters: sanitising, links, and dates in words.

Article text is untrusted. Every exporter that writes it into a format with its own syntax cleans it
here first; none of these functions escapes markup (that is the job of each format's writer).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlsplit

from timeline.models import ArticleInfo, Event, Modifier, Precision, When

# C0 controls except TAB/LF/CR, DEL and C1 controls: RFC 5545 TEXT forbids them, XML 1.0 forbids
# most, and icalendar writes them raw (formats.md §1.2). Vertical tab and form feed separate words,
# so they become a space rather than gluing two words together.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_VERTICAL = re.compile(r"[\x0b\x0c]")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x85]+\s*")
_SPACES = re.compile(r"\s+")
_URL_BREAKERS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")  # a link with these is broken or a trick


def clean(text: str | None) -> str:
    """``text`` without control characters; tabs and line breaks are kept (normalised to LF)."""
    if not text:
        return ""
    text = _VERTICAL.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def one_line(text: str | None) -> str:
    """``text`` cleaned and on one line: every run of whitespace, line breaks included, is one space."""
    if text and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text  # the common case, unchanged: no control, break or space but single ASCII spaces inside
    return _SPACES.sub(" ", _LINE_BREAKS.sub(" ", clean(text))).strip()


@lru_cache(maxsize=65536)  # a timeline repeats its articles' links once per event
def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) link with a host, else None (no javascript:, data:, paths)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname or _URL_BREAKERS.search(url):
        return None
    return url


# --- dates in words ----------------------------------------------------------------------------

_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
MODIFIER_WORDS = {
    Modifier.APPROX: "approx.",
    Modifier.BEFORE: "before",
    Modifier.AFTER: "after",
    Modifier.ON_OR_BEFORE: "on or before",
    Modifier.ON_OR_AFTER: "on or after",
    Modifier.START: "early",
    Modifier.MID: "mid",
    Modifier.END: "late",
    Modifier.LESS_THAN: "less than",
    Modifier.MORE_THAN: "more than",
    Modifier.EQUAL_OR_LESS: "at most",
    Modifier.EQUAL_OR_MORE: "at least",
}
# precisions coarser than a day, and the words for what is unknown
_UNKNOWN_DAY = {Precision.MONTH, Precision.WEEK, Precision.SEASON, Precision.QUARTER, Precision.HALF}


@lru_cache(maxsize=8192)
def day(d: dt.date) -> str:
    """10 June 2025 (day month year: unambiguous in every locale)."""
    return f"{d.day} {d:%B %Y}"


def _day_of(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


def clock(when: When) -> str:
    """The time of day the text gave: '14:30', '14:30:05', or 'morning' for a part of day."""
    start = when.start
    if when.precision == Precision.PART_OF_DAY:
        m = re.search(r"T(MO|MI|AF|EV|NI|DT)", when.value)
        if m:
            return _PARTS_OF_DAY[m.group(1)]
    if not isinstance(start, dt.datetime):
        return ""
    if when.precision == Precision.SECOND:
        return f"{start:%H:%M:%S}"
    return f"{start:%H:%M}"


def _span(a: dt.date, b: dt.date, grain: Precision | None) -> str:
    """The inclusive span a..b in words at the given grain."""
    if grain in {Precision.YEAR, Precision.DECADE, Precision.CENTURY, Precision.MILLENNIUM}:
        if grain == Precision.DECADE and a.year % 10 == 0 and b.year == a.year + 9:
            return f"the {a.year}s"
        return str(a.year) if a.year == b.year else f"{a.year} to {b.year}"
    if grain == Precision.MONTH:
        if (a.year, a.month) == (b.year, b.month):
            return f"{a:%B %Y}"
        return f"{a:%B} to {b:%B %Y}" if a.year == b.year else f"{a:%B %Y} to {b:%B %Y}"
    if a == b:
        return day(a)
    if a.year == b.year:
        return f"{a.day} {a:%B} to {day(b)}"
    return f"{day(a)} to {day(b)}"


def _named(when: When, a: dt.date, b: dt.date) -> str | None:
    """Words for a decade, century, season, quarter, half or week when the TIMEX3 value names one
    (early/mid/late narrow the interval, so the value, not the interval, names the period)."""
    if when.precision == Precision.DECADE and re.fullmatch(r"\d{3}", when.value):
        return f"the {when.value}0s"
    if when.precision == Precision.CENTURY and re.fullmatch(r"\d{2}", when.value):
        n = int(when.value) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} century"
    m = re.match(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12]|W\d{1,2})$", when.value)
    if not m:
        return None
    year, part = m.groups()
    if part in _SEASONS:
        return f"{_SEASONS[part]} {year}"
    if part[0] == "Q":
        return f"Q{part[1]} {year}"
    if part[0] == "H":
        return f"{'first' if part[1] == '1' else 'second'} half of {year}"
    return f"week of {day(a)}"


@lru_cache(maxsize=8192)  # exporters ask for the same few windows thousands of times
def date_label(when: When) -> str:
    """The date in words at exactly the precision the text gave: 'June 2024', '2017 to 2021', ...

    Undated events say so. Times keep their clock time (the zone is stated only when the model has one).
    """
    if when.start is None and when.end is None:
        return "date unknown"
    if when.start is None:
        return f"on or before {day(_day_of(when.end))}"
    a = _day_of(when.start)
    if when.end is None:
        return f"on or after {day(a)}"
    b = _day_of(when.end)
    label = _named(when, a, b) or _span(a, b, when.precision)
    hhmm = clock(when)
    if hhmm and a == b:
        label = f"{label}, {hhmm}"
        zone = when.start.tzname() if isinstance(when.start, dt.datetime) else None
        if zone:
            label += f" {zone}"
    return label


def is_exact(when: When) -> bool:
    """True when the text gave whole days (or finer) with nothing uncertain: no modifier, closed span."""
    return when.start is not None and uncertainty(when) is None


@lru_cache(maxsize=8192)
def uncertainty(when: When) -> str | None:
    """The note a display adds to a date that is not an exact day or range, e.g.
    'June 2024, exact day unknown', '2023, exact date unknown', 'approx. 1 May to 11 June 2025'."""
    if when.start is None and when.end is None:
        return None
    label = date_label(when)
    if when.start is None or when.end is None:
        return f"{label}, date unknown"
    if when.modifier is not None:
        word = MODIFIER_WORDS[when.modifier]
        sep = "-" if when.modifier == Modifier.MID else " "
        if label.startswith("the ") and when.modifier in {Modifier.START, Modifier.MID, Modifier.END}:
            return f"the {word}{sep}{label[4:]}"  # the early 1990s, the mid-20th century
        return f"{word}{sep}{label}"
    if when.value.endswith("_REF"):
        return f"approx. {label}"
    if when.precision in _UNKNOWN_DAY:
        return f"{label}, exact day unknown"
    if when.precision is not None and when.precision.rank < Precision.DAY.rank:
        return f"{label}, exact date{'s' if ' to ' in label else ''} unknown"
    return None


def when_text(when: When) -> str:
    """The date line for readers: the date in words plus what is unknown about it."""
    text = uncertainty(when) or date_label(when)
    if isinstance(when.start, dt.datetime) and when.start.tzinfo is None and clock(when):
        text += " (time zone not stated)"
    return text


def precision_text(when: When) -> str:
    """'precision: month; TIMEX3: 2024-03; approx' for readers who want the machine view too."""
    parts = [f"precision: {when.precision.value if when.precision else 'not stated'}", f"TIMEX3: {when.value}"]
    if when.modifier is not None:
        parts.append(f"modifier: {when.modifier.value}")
    return "; ".join(parts)


def describe(event: Event, articles: Mapping[str, ArticleInfo]) -> str:
    """Plain-text description of an event: when, the quote(s) and the source link(s).

    Calendar clients ignore URL properties and feed readers show content_text as is, so the
    links are written out in full here (formats.md §1.5).
    """
    when = event.when
    lines = [f"When: {when_text(when)}"]
    written = one_line(event.date_text)
    lines.append(f"Date as written: \u201c{written}\u201d ({precision_text(when)})" if written
                 else f"Date: {precision_text(when)}")
    for src in event.sources:
        info = articles.get(src.article)
        lines += ["", f"\u201c{one_line(src.quote)}\u201d"]
        lines.append(_cite(info.source, info.title, info.published) if info else "")
        if not lines[-1]:
            lines[-1] = f"\u2014 article {one_line(src.article)}"
        link = http_url(src.url) or http_url(info.url if info else None)
        if link:
            lines.append(link)
    return "\n".join(lines)


@lru_cache(maxsize=65536)  # one line per article, asked for by every event the article reports
def _cite(source: str | None, title: str, published: dt.date | dt.datetime | None) -> str:
    """'— Outlet, “Title”, published 10 June 2025' (empty when there is nothing to cite)."""
    title = one_line(title)
    cite = [one_line(source), f"\u201c{title}\u201d" if title else ""]
    if published is not None:
        cite.append(f"published {day(_day_of(published))}")
    cite = [c for c in cite if c]
    return "\u2014 " + ", ".join(cite) if cite else ""


def outlets(event: Event, articles: Mapping[str, ArticleInfo]) -> list[str]:
    """The distinct outlets that report an event, in source order."""
    seen: dict[str, None] = {}
    for src in event.sources:
        info = articles.get(src.article)
        name = one_line(info.source) if info else ""
        if name:
            seen.setdefault(name, None)
    return list(seen)


def first_link(event: Event, articles: Mapping[str, ArticleInfo]) -> str | None:
    """The first http(s) link among an event's sources (the source's own, else its article's)."""
    for src in event.sources:
        info = articles.get(src.article)
        link = http_url(src.url) or http_url(info.url if info else None)
        if link:
            return link
    return None
