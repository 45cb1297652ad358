"""Surface form -> Draft: what a candidate says, before it is placed on the calendar.

A ``Draft`` is either complete (``fixed``: a duration, a set, a reference word, a named period,
or a date whose year the text gives) or says how to finish it: a partial date whose year must be
inferred, an offset from the publication date (deictic: "last year") or from the narrative
(anaphoric: "the next day"), or a weekday. anchor.py does the finishing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from timeline.models import Anchor, Modifier, Precision, TimexType, When

from .calendar import Point
from .grammar import Candidate, grammar, lexicon
from .periods import PeriodTable

P = Precision


@dataclass(slots=True)
class Draft:
    # plain slots, not frozen (a frozen dataclass's __init__ is ~7x slower on this hot path): treat
    # a Draft as immutable and derive new ones with dataclasses.replace
    kind: str  # fixed | point | partial | deictic | anaphoric | weekday | time | season_rel | month_rel | period | named | term
    when: When | None = None  # kind == fixed
    point: Point | None = None  # point/partial/time: what the text gives
    mod: Modifier | None = None
    grain: Precision | None = None  # deictic/anaphoric: unit of the offset
    offset: int = 0
    pod: str | None = None  # part of day to attach after resolving a day
    weekday: int | None = None
    direction: str | None = None  # "past" | "future" for weekday/month/season words with last/next
    dayword: str | None = None  # time: "today", "Monday", ...
    # kind fixed: a reference value (PRESENT_REF ...); otherwise what to count from: "dct" (always
    # the DCT), "narrative", "same" (the narrative time itself), "year_back", "pod" (day left open)
    ref: str | None = None
    window: str | None = None  # duration bounding a reference word's interval
    span_unit: str | None = None  # duration anchored at the publication date: "past" | "next"
    dur_n: float | None = None
    dur_unit: str | None = None
    week_ord: int | None = None  # "the last week of March": 1..4, 0 for the last week
    yy: int | None = None  # a two-digit year, century to be chosen
    ago: bool = False  # "two years ago" (a deictic offset written as a distance back)
    day: dt.date | None = None  # a clock time's day, when the text gives it right after
    part: str | None = None  # "after" / "before" the DCT within its unit: "later this year", "earlier this month"
    holiday: str | None = None  # a movable holiday ("Thanksgiving"): its day once the year is known
    period_ids: tuple[str, ...] = ()  # kind named: the named periods the phrase can be
    holder: str | None = None  # kind term: the name written ("Merkel's"), None for "his"
    ordinal: int | None = None  # kind term: "second term"
    noun: str | None = None  # kind term: "chancellorship", "term", "years"
    returning: bool = False  # kind term: "returning to office"
    lead: int = 0  # characters of the match before the extent ("his " in "his second term")
    compare: bool = False  # "a year ago", "a year earlier" ("last year" is always the year): may compare a figure with the year before


# --- lexicon lookups ------------------------------------------------------------------------


@cache
def _months() -> dict[str, int]:
    lx = lexicon()
    out = {k.lower(): v for k, v in lx["months"].items()}
    out.update({k.lower(): v for k, v in lx["month_abbreviations"].items()})
    return out


@cache
def _words(section: str) -> dict[str, object]:
    return {str(k).lower(): v for k, v in lexicon()[section].items()}


def _norm(s: str) -> str:
    return " ".join(s.lower().split())  # runs of white space as one space, trimmed


def month_no(s: str) -> int:
    return _months()[s.lower().rstrip(".")]


def weekday_no(s: str) -> int:
    return int(_words("weekdays")[s.lower()])  # type: ignore[arg-type]


_DIGITS = re.compile(r"\d+")
_RANGE_START = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+\d{1,2}(?:[-–]|\s(?:to|and)\s)$")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_AND_HALF = re.compile(r"(.*?)\s*(?:\s+and\s+(?:a\s+)?half|\s1/2|½)$")
_ON = re.compile(r"^on\s+")
WINDOW = re.compile(r"P(\d+)([A-Z]+)")  # a window of recent time: P3Y, P2Q


def day_no(s: str) -> int:
    return int(_DIGITS.match(s).group(0))  # type: ignore[union-attr]


_VAGUE = frozenset(lexicon()["vague_quantities"])


def number(s: str) -> float | None:
    """'three' -> 3, 'twenty-five' -> 25, '2.5' -> 2.5, 'two and a half' -> 2.5; None if vague."""
    s = _norm(s).replace("-", " ")
    if s in _VAGUE:
        return None
    half = 0.0
    m = _AND_HALF.match(s)
    if m:
        s, half = m.group(1), 0.5
    if _DECIMAL.fullmatch(s):
        return float(s) + half
    nums = _words("numbers")
    if s in nums:
        return float(nums[s]) + half  # type: ignore[arg-type]
    total = 0.0
    for w in s.split():
        if w not in nums:
            return None
        total += float(nums[w])  # type: ignore[arg-type]
    return total + half


_CENTURY_WORDS = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}
_YEAR_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def year_from_words(s: str) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand (and) one" -> 2001, "eighteen o five" -> 1805."""
    words = _norm(s).replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        n = number(" ".join(rest)) if rest else 0.0
        return 2000 + int(n) if n is not None else None
    head = number(words[0])
    if head is None:
        return None
    rest = words[1:]
    if rest[:1] == ["hundred"]:
        tail = [w for w in rest[1:] if w != "and"]
        n = number(" ".join(tail)) if tail else 0.0
        return int(head) * 100 + int(n) if n is not None else None
    if rest[:1] == ["o"]:
        rest = rest[1:]
    n = number(" ".join(rest)) if rest else None
    return int(head) * 100 + int(n) if n is not None and n < 100 else None


@cache
def _movable() -> dict[str, dict[str, int]]:
    return {str(k).lower(): v for k, v in lexicon()["movable_holidays"].items()}


def holiday_date(name: str, year: int) -> dt.date:
    """The day of a movable holiday in a year (data/lexicon.yaml: movable_holidays)."""
    spec = _movable()[_norm(name)]
    if "easter" in spec:
        from dateutil.easter import easter

        return easter(year) + dt.timedelta(days=int(spec["easter"]))
    month, weekday, nth = int(spec["month"]), int(spec["weekday"]), int(spec["nth"])
    if nth < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, int(spec.get("from", 1)))
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


_TIME_UNITS = {"H": "H", "MIN": "M", "SEC": "S"}
_YEARS_IN = {"DE": 10, "CE": 100, "ML": 1000}
_SUBUNIT = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "SEC")}  # fractions in the next unit


def duration_value(n: float | None, unit_code: str) -> str:
    """TIMEX3 duration value (TimeML 1.2.1): ``n`` None gives X ('PXY'); counted decades and
    centuries are years ("a decade" P10Y); a fraction goes to the next unit ("two and a half
    years" P2Y6M, "a minute and a half" PT1M30S)."""
    if unit_code == "2W":
        n, unit_code = (None if n is None else n * 2), "W"
    if n is not None and unit_code == "DE":
        n, unit_code = n * 10, "Y"  # TimeML: "a decade" is P10Y (centuries keep CE: "two centuries" P2CE)
    q = "X" if n is None else _fmt(n)
    rest = ""
    if n is not None and n != int(n) and unit_code in _SUBUNIT and ((n - int(n)) * _SUBUNIT[unit_code][0]).is_integer():
        k, sub = _SUBUNIT[unit_code]
        q, frac = _fmt(int(n)), (n - int(n)) * k
        rest = f"{_fmt(frac)}{_TIME_UNITS.get(sub, sub)}"
        if unit_code == "D":
            rest = "T" + rest
    if unit_code in _TIME_UNITS:
        return f"PT{q}{_TIME_UNITS[unit_code]}{rest}"
    return f"P{q}{unit_code}{rest}"


def unit_code(word: str) -> str:
    return str(_words("units")[_norm(word).rstrip(".")])


_UNIT_GRAIN = {"ML": P.MILLENNIUM, "CE": P.CENTURY, "DE": P.DECADE, "Y": P.YEAR, "Q": P.QUARTER, "M": P.MONTH,
               "W": P.WEEK, "2W": P.WEEK, "D": P.DAY, "H": P.DAY, "MIN": P.DAY, "SEC": P.DAY}
_WORD_GRAIN = {"year": P.YEAR, "month": P.MONTH, "week": P.WEEK, "weekend": P.WEEK, "quarter": P.QUARTER,
               "decade": P.DECADE, "century": P.CENTURY, "day": P.DAY, "fortnight": P.WEEK, "season": P.SEASON}
_PODS = {str(k): str(v) for k, v in lexicon()["parts_of_day"].items()}

_ORDINAL_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_DEICTIC = {"this": 0, "current": 0, "the current": 0, "the present": 0, "last": -1, "next": 1, "coming": 1,
            "the coming": 1, "this coming": 1, "past": -1, "this past": -1, "the last": -1}
_ANAPHORIC = {"that": 0, "the same": 0, "that same": 0, "the very same": 0, "the following": 1, "the next": 1,
              "the previous": -1, "the preceding": -1, "the prior": -1, "the entire": 0,
              "the whole": 0}


def _mod(s: str | None) -> Modifier | None:
    if not s:
        return None
    return Modifier(str(_words("point_modifiers")[_norm(s)]))


def _year(s: str, era: str | None = None) -> int:
    y = int(s)
    if era and era.upper().startswith("B"):
        return 1 - y  # astronomical numbering: 1 BC = 0
    return y


def _fixed(value: str, typ: TimexType, anchor: Anchor = Anchor.UNRESOLVED, **kw: object) -> Draft:
    return Draft("fixed", When(value=value, type=typ, anchor=anchor, **kw))  # type: ignore[arg-type]


# --- rule normalisers -----------------------------------------------------------------------


def _date_parts(g: dict[str, str]) -> Draft:
    month = month_no(g["month"])
    day = day_no(g["day"]) if "day" in g else None
    grain = P.DAY if day else P.MONTH
    if "year" in g:
        return Draft("point", point=Point(grain, _year(g["year"], g.get("era")), month, day), mod=_mod(g.get("mod")))
    if "rel" in g:  # "July 25 of that year"
        kind, off = _rel_offset(g["rel"])
        return Draft(kind, grain=P.YEAR, offset=off, point=Point(grain, None, month, day), mod=_mod(g.get("mod")))
    wd = weekday_no(g["wd"]) if "wd" in g else None  # "Saturday, April 25": the weekday pins the year
    return Draft("partial", point=Point(grain, None, month, day), mod=_mod(g.get("mod")), weekday=wd)


def _time_point(g: dict[str, str]) -> Point:
    if "hour" in g:
        h, mi, ap = int(g["hour"]), int(g["minute"]), g.get("ampm")
    elif "hour2" in g:
        h, mi, ap = int(g["hour2"]), 0, g.get("ampm2")
    elif "hour5" in g:
        h, mi, ap = int(g["hour5"]), int(g["minute5"]), g.get("ampm5")
    elif "hour3" in g:
        h, mi, ap = int(g["hour3"]), int(g["minute3"]), None
    else:
        h, mi, ap = int(g["hour4"]), int(g["minute4"]), None
    if ap:
        pm = ap.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    return Point(P.MINUTE, None, hour=h, minute=mi, **_zone(g))


def _zone(g: dict[str, str]) -> dict[str, object]:
    """utc=True for UTC/GMT/Z alone, else tz= the offset in minutes a zone name or "+8"/"+0800" gives."""
    name, off = g.get("tz"), g.get("tzoff") or g.get("tzoff2")
    if name is None and off is None:
        return {}
    base = _zones().get(name.upper()) if name else 0
    if base is None:
        return {}  # an ambiguous abbreviation (IST): no zone
    minutes = round(float(base) * 60)
    if off:
        o = off.replace(" ", "").replace(":", "")
        sign = -1 if o[0] == "-" else 1
        digits = o[1:]
        hh, mm = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        if int(hh) > 14 or int(mm) > 59:
            return {}
        minutes += sign * (int(hh) * 60 + int(mm))
    if minutes == 0:
        return {"utc": True}
    return {"tz": minutes}


@cache
def _zones() -> dict[str, float | None]:
    return {str(k).upper(): v for k, v in lexicon()["time_zones"].items()}


def _rel_offset(rel: str) -> tuple[str, int]:
    rel = _norm(rel)
    if rel in _ANAPHORIC:
        return "anaphoric", _ANAPHORIC[rel]
    return "deictic", _DEICTIC.get(rel, 0)


def _unit_rel(rel: str, unit: str, mod: Modifier | None = None) -> Draft:
    unit = _norm(unit)
    kind, off = _rel_offset(rel)
    if unit in _PODS:
        return Draft(kind, grain=P.DAY, offset=off if _norm(rel) not in ("last",) else -1, pod=_PODS[unit], mod=mod)
    grain = _WORD_GRAIN[unit]
    if unit == "fortnight":
        off *= 2
    d = Draft(kind, grain=grain, offset=off, mod=mod, pod="WE" if unit == "weekend" else None)
    return d


def normalize(c: Candidate, text: str, table: PeriodTable | None = None) -> Draft | None:
    """The Draft for a candidate, or None when a closer look rejects it."""
    g, r = c.groups, c.rule
    if r == "iso_date":
        y, m, d = int(g["year"]), int(g["month"]), int(g["day"])
        if "hour" in g:
            return Draft("point", point=Point(P.MINUTE, y, m, d, hour=int(g["hour"]), minute=int(g["minute"]), utc="tz" in g))
        return Draft("point", point=Point(P.DAY, y, m, d))
    if r == "slash_date":
        y = int(g["year"])
        if len(g["year"]) == 2:  # '07: the century is the one that makes it nearest the DCT later
            return Draft("partial", point=Point(P.DAY, None, int(g["month"]), int(g["day"])), yy=y)
        return Draft("point", point=Point(P.DAY, y, int(g["month"]), int(g["day"])))
    if r == "named_period":
        return _named_period(c, text, table)
    if r == "term_of_office":
        return _term(g, c.text)
    if r == "clock":
        day = g.get("dayword")
        return Draft("time", point=_time_point(g), dayword=_ON.sub("", day) if day else None)
    if r == "noon":
        h = 0 if g["word"].lower() == "midnight" else 12
        day = g.get("dayword") or g.get("dayword2")
        return Draft("time", point=Point(P.MINUTE, None, hour=h, minute=0), dayword=_ON.sub("", day) if day else None)
    if r == "pod_of_date":
        g = dict(g, month=g.get("month") or g["month2"], day=g.get("day") or g["day2"])
        d = _date_parts(g)
        assert d.point is not None
        return replace(d, point=d.point.with_(grain=P.PART_OF_DAY, pod=_PODS[g["pod"].lower()]))
    if r == "range_day_end":  # only after "<Month> <day>-": not a score ("won 3-1"), a count or a page range
        m = _RANGE_START.search(text, max(0, c.start - 16), c.start)
        if m is None or m.group(1).lower() not in _months():
            return None
        return _date_parts({"month": m.group(1), "day": g["day"], **({"year": g["year"]} if "year" in g else {})})
    if r == "range_day_first":
        return _date_parts(g)
    if r == "range_era_first":
        return Draft("point", point=Point(P.YEAR, _year(g["y"], g["era"])))
    if r == "range_year_end":
        y1 = int(g["y1"])
        y = y1 // 100 * 100 + int(g["yy"])
        return Draft("point", point=Point(P.YEAR, y if y > y1 else y + 100))
    if r in ("month_day", "day_month", "month_year"):
        if r == "month_year" and "era" not in g and len(g["year"]) < 4:
            return None
        return _date_parts(g)
    if r == "month_rel_year":
        kind, off = _rel_offset(g["rel"])
        return Draft(kind, grain=P.YEAR, offset=off, point=Point(P.MONTH, None, month_no(g["month"])), mod=_mod(g.get("mod")))
    if r == "holiday":
        name = _norm(g["hol"])
        grain, pod = (P.PART_OF_DAY, _PODS.get(g["pod"].lower())) if "pod" in g else (P.DAY, None)
        fixed = _words("holidays").get(name)
        if fixed is None:  # a movable feast: its day is known once its year is
            year = int(g["year"]) if "year" in g else None
            if year is not None:
                day = holiday_date(name, year)
                return Draft("point", point=Point(grain, year, day.month, day.day, pod=pod))
            month = _movable()[name].get("month") or 4  # (Easter: March or April; the year decides)
            return Draft("partial", point=Point(P.MONTH, None, int(month)), holiday=name, pod=pod)
        md = str(fixed)
        mm, dd = int(md[:2]), int(md[3:])
        if "year" in g:
            return Draft("point", point=Point(grain, int(g["year"]), mm, dd, pod=pod))
        return Draft("partial", point=Point(grain, None, mm, dd, pod=pod))
    if r == "week_of_month":
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(_norm(g["ord"]), 0)
        pt = Point(P.MONTH, int(g["year"]) if "year" in g else None, month_no(g["month"]))
        return Draft("partial", point=pt, week_ord=n, pod="WE" if g["unit"].lower() == "weekend" else None)
    if r == "quarter":
        if "q" in g:
            sub, grain = g["q"].upper(), P.QUARTER
            year = g.get("year2")
        else:
            ordw = _norm(g["ord"])
            n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                 "latter": 2}.get(ordw)
            half = _norm(g["part"]) == "half"
            if n is None:  # final / last
                n = 2 if half else 4
            sub, grain = (f"H{n}", P.HALF) if half else (f"Q{n}", P.QUARTER)
            if half and n > 2:
                return None
            year = g.get("year")
        pt = Point(grain, None, sub=sub)
        if year:
            return Draft("point", point=pt.with_(year=int(year)))
        if "rel" in g:
            kind, off = _rel_offset(g["rel"])
            return Draft(kind, grain=P.YEAR, offset=off, point=pt)
        return Draft("partial", point=pt)
    if r == "season":
        sub = str(_words("seasons")[g["season"].lower()])
        pt = Point(P.SEASON, None, sub=sub)
        mod = _mod(g.get("mod"))
        if "year" in g:
            return Draft("point", point=pt.with_(year=_year(g["year"], g.get("era"))), mod=mod)
        rel = g.get("rel2") or g.get("rel")
        if rel:
            kind, off = _rel_offset(rel)
            if "rel2" in g or kind == "anaphoric":
                return Draft(kind, grain=P.YEAR, offset=off, point=pt, mod=mod)
            return Draft("season_rel", point=pt, offset=off, mod=mod)
        return Draft("partial", point=pt, mod=mod)
    if r == "decade":
        mod = _mod(g.get("mod") or g.get("mod4"))
        if "decw" in g:  # "the nineties", "the nineteen-sixties"
            dec = int(_words("decade_words")[g["decw"].lower()])  # type: ignore[arg-type]
            if "cent_w" in g:
                return Draft("point", point=Point(P.DECADE, _CENTURY_WORDS[g["cent_w"].lower()] + dec), mod=mod)
            return Draft("partial", point=Point(P.DECADE, None, month=dec), mod=mod)
        if "dec" in g:
            return Draft("point", point=Point(P.DECADE, int(g["dec"])), mod=mod)
        return Draft("partial", point=Point(P.DECADE, None, month=int(g.get("dec2") or g["dec3"])), mod=mod)
    if r == "century":
        raw = _norm(g["cent"])
        n = int(_DIGITS.match(raw).group(0)) if raw[0].isdigit() else int(_words("ordinals")[raw])  # type: ignore[union-attr,arg-type]
        if "era" in g and g["era"].upper().startswith("B"):
            return _fixed(f"BC{n - 1:02d}", TimexType.DATE, Anchor.EXPLICIT, precision=P.CENTURY)
        return Draft("point", point=Point(P.CENTURY, (n - 1) * 100), mod=_mod(g.get("mod")))
    if r == "mod_year":
        if len(g["year"]) < 4 and "era" not in g:
            return None
        return Draft("point", point=Point(P.YEAR, _year(g["year"], g.get("era"))), mod=_mod(g["mod"]))
    if r == "era_year":
        y = int(g.get("y1") or g["y2"])
        era = g.get("era1") or g.get("era2") or ""
        mod = Modifier.APPROX if "circa" in g else None
        return Draft("point", point=Point(P.YEAR, _year(str(y), era)), mod=mod)
    if r in ("later", "ago"):
        if "num" not in g and not g["unit"].lower().endswith("s"):
            return None  # "day later" without a number is not an expression
        n = number(g["num"]) if "num" in g else None
        code = unit_code(g["unit"])
        back = r == "ago" or g.get("dir", "").lower() in ("earlier", "before", "previously")
        if n is None:  # "a few years ago", "months later": TimeML's reference words
            return _fixed("PAST_REF" if back else "FUTURE_REF", TimexType.DATE)
        # TimeML: "two years ago" is a DATE at the grain of its unit (1996 for a 1998 article);
        # decades and centuries count in years ("a decade ago": 1989)
        if code in _YEARS_IN:
            n, code = n * _YEARS_IN[code], "Y"
        if n != int(n) and code in _SUBUNIT:  # "a year and a half ago": 18 months
            n, code = n * _SUBUNIT[code][0], _SUBUNIT[code][1]
        if n != int(n):
            return None
        k = int(n)
        grain = _UNIT_GRAIN[code]
        if code in ("W", "2W"):
            k *= 2 if code == "2W" else 1
            if r == "later":
                grain, k = P.DAY, k * 7  # "two weeks later": a day of the story, not a week
        if code in ("H", "MIN", "SEC"):
            k = 0
        kind = "deictic" if r == "ago" else "anaphoric"
        return Draft(kind, grain=grain, offset=-k if back else k, ago=r == "ago", compare=back and k == 1 and code == "Y")
    if r == "unit_before_after":
        back = g["dir"].lower() in ("before", "earlier", "previous", "prior")
        unit = g["unit"].lower()
        if unit == "night":
            return Draft("anaphoric", grain=P.DAY, offset=-1 if back else 1, pod="NI")
        return Draft("anaphoric", grain=_WORD_GRAIN[unit], offset=-1 if back else 1)
    if r == "rel_point_in":
        det, unit, pre = _norm(g["det"]), _norm(g["unit"]), _norm(g["pre"])
        rel = {"the": "that", "that": "that", "this": "this", "last": "last", "next": "next"}[det]
        mod = {"early": Modifier.START, "late": Modifier.END}.get(pre)
        d = _unit_rel(rel, unit, mod)
        if det == "the" and unit in ("day", "week", "month", "year"):
            return Draft("anaphoric", grain=d.grain, offset=0, mod=mod)
        if det == "this" and pre in ("later", "earlier") and unit in _WORD_GRAIN and d.pod is None:
            return replace(d, part="after" if pre == "later" else "before")  # the rest of this year
        return d
    if r == "mod_unit":
        rel = {"the": "that", "the same": "that"}.get(_norm(g["det"]), _norm(g["det"]))
        return _unit_rel(rel, g["unit"], _mod(g["mod"]))
    if r in ("duration", "unit_long", "range_first"):
        return _duration(g)
    if r in ("set", "rate"):
        return _set(g)
    if r == "report_period":
        ordw = g.get("ord") or g.get("ord2") or g.get("ord3")
        part = (g.get("part") or g.get("part2") or g.get("part3") or g.get("unit") or g.get("unit2")
                or g.get("unit3") or "quarter").lower()
        pt = None
        if ordw:
            n = _ORDINAL_QUARTER[_norm(ordw)]
            pt = Point(P.HALF, None, sub=f"H{n}") if part == "half" else Point(P.QUARTER, None, sub=f"Q{n}")
            if part == "half" and n > 2:
                return None
        if "year" in g:  # "the 1988 period", "the 1988 second quarter"
            return Draft("period", point=pt.with_(year=int(g["year"])) if pt else Point(P.YEAR, int(g["year"])),
                         ref="explicit", grain=P.HALF if part == "half" else P.QUARTER)
        off = -1 if "ago" in g else {"this": 0, "last": -1, "next": 1}[_norm(g["rel"])]
        return Draft("period", point=pt, offset=off, ref="ago" if "ago" in g else "dct",
                     grain=P.HALF if part == "half" else P.QUARTER)
    if r == "latest_period":
        return Draft("period", offset=0, ref="report", grain=P.QUARTER)
    if r == "same_last_year":
        if "unit2" in g:  # "the quarter a year ago"
            return Draft("period", offset=-1, ref="ago", grain=P.QUARTER)
        unit = g["unit"].lower()
        if unit == "period":  # "the corresponding period last year": the narrative's month, quarter or half
            return Draft("anaphoric", grain=None, offset=-1, ref="period_back")
        if unit == "quarter":  # "the same quarter last year": the report's quarter, a year back
            return Draft("period", offset=-1, ref="ago", grain=P.QUARTER)
        grain = None if unit in ("period", "time") else _WORD_GRAIN[unit]
        return Draft("anaphoric", grain=grain, offset=-1, ref="year_back")
    if r == "rel_unit":
        rel, unit = _norm(g["rel"]), _norm(g["unit"])
        if rel in ("the past", "past") and unit not in _PODS and unit != "weekend":
            code = {"fortnight": "2W"}.get(unit) or unit_code(unit)
            return Draft("fixed", when=When(value=duration_value(1, code), type=TimexType.DURATION,
                                            anchor=Anchor.UNRESOLVED), span_unit="past", dur_n=1, dur_unit=code)
        if rel == "this" and unit == "day":
            return Draft("anaphoric", grain=P.DAY, offset=0)  # "this day": the day being told ("today" is the DCT's)
        return _unit_rel(rel, unit)
    if r == "day_word":
        if "dba" in g:
            off = -2 if "before" in g["dba"] else 2
        else:
            off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        pod = _PODS.get(g["pod"].lower()) if "pod" in g else ("NI" if g.get("word", "").lower() == "tonight" else None)
        return Draft("deictic", grain=P.DAY, offset=off, pod=pod, ref="dct")  # "today" is never the narrative's
    if r == "unit_end":
        return Draft("anaphoric", grain=_WORD_GRAIN[g["unit"].lower()], offset=0, mod=Modifier.END)
    if r == "the_weekend":
        return Draft("weekday", weekday=6, pod="WE")
    if r == "weekday":
        rel = _norm(g.get("rel", ""))
        direction = {"last": "past", "past": "past", "this past": "past", "the previous": "past",
                     "next": "future", "coming": "future", "this coming": "future", "the following": "future"}.get(rel)
        pod = _PODS.get(g["pod"].lower()) if "pod" in g else None
        # "the previous Friday", "the following Monday": counted from the day being told, not the DCT
        ref = "narrative" if rel in ("the previous", "the following") else None
        return Draft("weekday", weekday=weekday_no(g["wd"]), direction=direction, pod=pod, mod=_mod(g.get("mod")),
                     ref=ref)
    if r == "mod_month":
        if "rel" in g:
            rel = _norm(g["rel"])
            direction = {"last": "past", "this past": "past", "next": "future", "this coming": "future",
                         "the previous": "past", "the following": "future"}.get(rel)
            if rel == "that":
                return Draft("partial", point=Point(P.MONTH, None, month_no(g["month"])))
            if rel.startswith("the "):  # "the previous April": before the narrative time
                return Draft("month_rel", point=Point(P.MONTH, None, month_no(g["month"])), direction=direction,
                             ref="narrative")
            return Draft("month_rel", point=Point(P.MONTH, None, month_no(g["month"])), direction=direction)
        return Draft("partial", point=Point(P.MONTH, None, month_no(g["month"])), mod=_mod(g["mod"]))
    if r == "month":
        return Draft("partial", point=Point(P.MONTH, None, month_no(g["month"])))
    if r == "vague_units":
        code = unit_code(g["unit"])
        return Draft("fixed", when=When(value=duration_value(None, code), type=TimexType.DURATION, anchor=Anchor.UNRESOLVED))
    if r == "that_time":
        if _norm(g.get("det", "")) == "this" and g["what"].lower() == "time":
            return Draft("fixed", ref="PRESENT_REF")
        return Draft("anaphoric", grain=None, offset=0, ref="same")
    if r == "reference":
        spec = _words("references")[_norm(c.text)]
        if spec.get("type") == "DURATION":  # type: ignore[union-attr]
            # "recent years": TimeML's duration PXY, the stretch before publication
            n, code = _window(str(spec["window"]))  # type: ignore[index]
            return Draft("fixed", when=When(value=str(spec["value"]), type=TimexType.DURATION,  # type: ignore[index]
                                            anchor=Anchor.UNRESOLVED), span_unit="past", dur_n=n, dur_unit=code)
        return Draft("fixed", when=None, ref=str(spec["value"]), window=spec.get("window"))  # type: ignore[index,union-attr]
    if r == "pod_session":
        return Draft("anaphoric", grain=P.DAY, offset=0, pod=_PODS[g["pod"].lower()])
    if r == "pod_bare":
        word = g["pod"].lower()
        pod = {"nightfall": "NI", "dusk": "EV", "dawn": "MO"}.get(word) or _PODS[word]
        return Draft("anaphoric", grain=P.DAY, offset=0, pod=pod, ref="pod")
    if r == "year":
        return Draft("point", point=Point(P.YEAR, int(g["year"])))
    if r == "year_words":
        y = year_from_words(g["words"])
        return Draft("point", point=Point(P.YEAR, y)) if y else None
    if r == "the_unit":  # "for the year", "the fiscal year", "the week": the story's, else the DCT's
        unit = g["unit"].lower()
        if _ENDED.match(text, c.end):
            # "the year ended June 30", "the fiscal year ending Jan. 31": a year's length ending on
            # a day, not a calendar unit (TimeML: P1Y)
            return Draft("fixed", when=When(value=duration_value(1, unit_code(unit)), type=TimexType.DURATION,
                                            anchor=Anchor.UNRESOLVED))
        return Draft("anaphoric", grain=_WORD_GRAIN[unit], offset=0)
    return None


_ENDED = re.compile(r",?\s+(?:that\s+|which\s+)?(?:ended|ending|ends|closed|closing)\b", re.IGNORECASE)


def _window(w: str) -> tuple[int, str]:
    m = WINDOW.fullmatch(w)
    assert m is not None, w
    return int(m.group(1)), m.group(2)


def _duration(g: dict[str, str]) -> Draft | None:
    if "num" in g:
        n = number(g["num"])
        if n is None and _norm(g["num"]) not in _VAGUE:
            return None
        code = unit_code(g["unit"])
        if "half" in g and n is not None:
            n += 0.5
    else:  # month-long (months-long: PXM)
        n, code = (None if g["unit"].lower().endswith("s") else 1.0), unit_code(g["unit"])
    val = duration_value(n, code)
    dmod = g.get("dmod")
    mod = Modifier(str(_words("duration_modifiers")[_norm(dmod)])) if dmod else None
    rel = _norm(g.get("rel", ""))
    span = "past" if rel in ("the past", "the last", "the previous", "the preceding") else (
        "next" if rel in ("the next", "the coming", "the following") else None)
    return Draft("fixed", when=When(value=val, type=TimexType.DURATION, modifier=mod, anchor=Anchor.UNRESOLVED),
                 span_unit=span, dur_n=n, dur_unit=code)


def _set(g: dict[str, str]) -> Draft:
    if "word" in g:
        return _fixed(str(_words("sets")[g["word"].lower()]), TimexType.SET)
    if "wds" in g:
        return _fixed(f"XXXX-WXX-{weekday_no(g['wds'])}", TimexType.SET)
    if "wdo" in g or "wdm" in g:  # "every 2nd Tuesday", "the first Monday of every month": some of that weekday
        return _fixed(f"XXXX-WXX-{weekday_no(g.get('wdo') or g['wdm'])}", TimexType.SET)
    unit = g.get("unit") or g["unit2"]
    if unit[0].isupper() and unit.lower() in _words("weekdays"):
        return _fixed(f"XXXX-WXX-{weekday_no(unit)}", TimexType.SET)
    if unit.lower() == "weekend":
        return _fixed("XXXX-WXX-WE", TimexType.SET)
    n = 1.0
    if "num" in g:
        n = 2.0 if g["num"].lower() == "other" else (number(g["num"]) or 1.0)
    return _fixed(duration_value(n, unit_code(unit)), TimexType.SET)


def _named_period(c: Candidate, text: str, table: PeriodTable | None) -> Draft | None:
    """The named periods whose pattern spans the candidate exactly: which one is meant (its context,
    its start before publication) is decided in anchor.py, where the sentences are known."""
    ids = tuple(dict.fromkeys(pid for pid, rx in grammar(table).periods
                              if (m := rx.match(text, c.start)) is not None and m.end() == c.end))
    return Draft("named", period_ids=ids) if ids else None


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5}


def _term(g: dict[str, str], c_text: str) -> Draft | None:
    """"Angela Merkel's chancellorship", "his second term", "the Obama years", "returning to office"."""
    who = g.get("who") or g.get("who2") or g.get("who3")
    ordw = g.get("ord") or g.get("ord2")
    noun = _norm(g.get("noun") or g.get("noun2") or "")
    if noun in ("administration", "government") and not ordw:
        return None  # "the Bush administration", "his government" act and speak: an organisation, not a time
    # the extent: a full name's possessive belongs to it ("Donald Trump's first term"); after a
    # surname or a pronoun it starts at the period ("Trump's [second term]", "his [second term]")
    lead = 0
    owner = who or g.get("pron") or g.get("pron3")
    if owner and " " not in owner.strip() and c_text.startswith(owner):
        rest = c_text[len(owner):]
        lead = len(owner) + len(rest) - len(rest.lstrip("'’s").lstrip())
    return Draft("term", holder=" ".join(who.split()) if who else None, ordinal=_ORDINALS[_norm(ordw)] if ordw else None,
                 noun=noun or None, returning="ret" in g, lead=lead)
