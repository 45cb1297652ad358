"""Placing drafts on the calendar: the publication date (DCT), the narrated date, the clause's tense.

``Narrative`` walks the mentions of one text in order. Each expression gets its reference time
from evidence about itself (reference.py, the one reference-time module): the tense of its
clause, the date its paragraph is narrating, else the publication date. There is no
document-level switch: a history and a news story differ only in what their sentences say.

- Deictic expressions ("yesterday", "last year", "two years ago", "on Tuesday") count from the DCT
  and bring the story back to it (``Narration.now``).
- Partial dates ("in June", "October 7") take the year the paragraph is narrating when a date
  was told there (not a background year: "the 1968 Olympics", "worst since 1927", a relative
  clause); otherwise the DCT's year, moved by the tense of the clause: a past clause wants the
  latest such date on or before the DCT, a future or scheduled one the next on or after it.
- Anaphoric expressions ("the next day", "that week") count from the narrative's last time.
"""

from __future__ import annotations

import bisect
import calendar as _cal
import contextlib
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from timeline.models import Anchor, Modifier, Precision, TimexType, When

from .calendar import RANK, Point, coarsen, interval, shift, to_when
from .normalize import WINDOW, Draft, holiday_date, weekday_no
from .periods import Period, PeriodTable, default_periods
from .reference import Narration, Reference, reference, since

P = Precision

_CONTRACT = re.compile(r"\s+(?:delivery|contracts?|futures|expiry|expiration|options)\b", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|before|through)\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+)?$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|til)\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+)?$", re.IGNORECASE)
# a comparison with the same period a year before: "up from $10 million a year ago"
_COMPARED = re.compile(r"\b(?:since|than)\s+(?:the\s+)?$", re.IGNORECASE)
_FIGURE = re.compile(r"[$£€¥#]\s?\d|\d\s?%|\d\s+(?:percent|cents|pence)\b", re.IGNORECASE)
_COMPARE = re.compile(r"\b(?:compared|from|than|versus|vs\.|with|against)\b", re.IGNORECASE)
_COARSE = frozenset({P.QUARTER, P.HALF, P.SEASON})
_PERIODS = frozenset({P.MONTH, P.QUARTER, P.HALF, P.SEASON})
# a date ahead of the DCT by up to this many days may still be meant in a clause without tense
_NO_CUE_AHEAD = 31
# a quarter or season that starts this many days after the DCT may still be meant in a past clause
_COARSE_AHEAD = 62
# the month after the DCT's may be one a past clause announced ("told of a cutback in September")
_MONTH_AHEAD = 31
# a day this close before the DCT is still the one a future clause means (the story was written
# earlier: "ordered to return the child by Jan. 14", published on the 15th), not next year's
_DAY_BEHIND = 7
# a quarter or season that ended this many days before the DCT is still the current one to report on
_COARSE_BEHIND = 92


def _finds(text: str, word: str, a: int, b: int) -> list[int]:
    """Offsets of ``word`` as a whole word in text[a:b]."""
    out, i = [], text.find(word, a, b)
    while i >= 0:
        if (i == 0 or not text[i - 1].isalnum()) and (i + len(word) >= len(text) or not text[i + len(word)].isalnum()):
            out.append(i)
        i = text.find(word, i + 1, b)
    return out


def _span_value(a: dt.date, b: dt.date) -> str:
    """The TIMEX3 duration of a stretch of days: whole years, else months, else days."""
    months = (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)
    if months >= 12 and months % 12 == 0:
        return f"P{months // 12}Y"
    if months >= 1:
        return f"P{months}M"
    return f"P{(b - a).days or 1}D"


def _in_year(d: dt.date, year: int) -> dt.date:
    return d.replace(year=year, day=min(d.day, _cal.monthrange(year, d.month)[1]))


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


def _add(d: dt.date, n: float, code: str) -> dt.date:
    k = int(n)
    if code in ("Y", "DE", "CE", "ML", "M", "Q"):
        months = k * {"Y": 12, "DE": 120, "CE": 1200, "ML": 12000, "M": 1, "Q": 3}[code]
        t = d.year * 12 + d.month - 1 + months
        y, m = t // 12, t % 12 + 1
        if not 1 <= y <= 9999:
            raise OverflowError
        return dt.date(y, m, min(d.day, _cal.monthrange(y, m)[1]))
    days = {"W": 7, "2W": 14, "D": 1}.get(code)
    if days is None:
        return d
    return d + dt.timedelta(days=k * days)


@dataclass
class Narrative:
    text: str
    dct: dt.date | None
    years: list[tuple[int, int, int]] = field(default_factory=list)  # (start, year, end) of explicit years, sorted
    last: Point | None = None  # narrative time: the last time the story was at
    period: Point | None = None  # the last quarter or half mentioned: the period a report is about
    last_day: dt.date | None = None  # the last day the story was at ("the previous Friday" counts from it)
    unresolved: int = 0
    periods: PeriodTable = field(default_factory=default_periods)
    narration: Narration = field(init=False)
    _ref: Reference | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.narration = Narration(self.text)

    @property
    def ref(self) -> Reference:
        """The text's sentences and verb groups, analysed when first asked (reference.py)."""
        if self._ref is None:
            self._ref = reference(self.text)
        return self._ref

    # --- reference points ------------------------------------------------------------------

    def _sentence_year(self, start: int, end: int) -> int | None:
        """The nearest explicit year in the sentence of text[start:end] ("October 7 ... the 2023
        attack"), unless it sits in another clause or is a point of comparison ("approved in 1987")."""
        a, b = self.ref.sentence_bounds(start)
        i = bisect.bisect_left(self.years, (a, -10**9, 0))
        best: tuple[int, int] | None = None
        while i < len(self.years) and self.years[i][0] < b:
            pos, y, pend = self.years[i]
            if not start <= pos < end and self.ref.background(pos, pend) in (None, "noun"):
                dist = abs(pos - start)
                if best is None or dist < best[0]:
                    best = (dist, y)
            i += 1
        return best[1] if best else None

    def _last_date(self) -> dt.date | None:
        if self.last is None:
            return None
        iv = interval(self.last)
        return _day(iv[0]) if iv else None

    def _direction(self, start: int, end: int) -> str | None:
        """'past', 'future', 'present' or 'nearest' (a deadline) for a date at text[start:end]."""
        before = self.text[max(0, start - 20) : start]
        if since(self.text, start):
            return "past"  # "the first loss since March": a March gone by, whatever the verb
        if _CONTRACT.match(self.text, end):
            return "future"  # "oil for November delivery": a contract month is ahead
        if _UNTIL.search(before):
            g = self.ref.governing(start, end)
            # "postponed until Saturday", "will stay until May" look ahead; "the ceasefire held until
            # May", "had been closed until May" tell of a past that lasted up to then
            past = g is not None and g.tense == "past" and not g.prospective
            return "past" if past else "future"
        t = self.ref.direction(start, end)
        if _DEADLINE.search(before) and t != "future":
            return "nearest"  # "by September": a deadline, whichever side of the DCT it falls
        return t

    # --- resolution ------------------------------------------------------------------------

    def resolve(self, d: Draft, start: int, end: int) -> When | None:
        try:
            w = self._resolve(d, start, end)
        except (OverflowError, ValueError, TypeError):  # off the calendar (year 10000, day 0): no usable time
            return None
        if w is None:
            return None
        if self.dct is None and w.anchor == Anchor.UNRESOLVED and w.type in (TimexType.DATE, TimexType.TIME):
            self.unresolved += 1
        if w.anchor == Anchor.PUBLICATION and (d.kind in ("deictic", "weekday", "time", "period") or d.span_unit == "past"
                                               or (d.span_unit and self.ref.direction(start, end) != "past")):
            self.narration.now(start)  # "on Tuesday", "last week", "yesterday": the story is back at the DCT
        return w

    def _remember(self, p: Point) -> None:
        if RANK[p.grain] >= RANK[P.DAY] and p.year is not None and p.month and p.day:
            with contextlib.suppress(ValueError):
                self.last_day = dt.date(p.year, p.month, p.day)
        if p.grain in (P.QUARTER, P.HALF) and p.year is not None and self._reported(p):
            self.period = p
        if p.year is not None and p.grain not in (P.MILLENNIUM, P.CENTURY, P.DECADE):
            # keep a finer narrative time when the new one only repeats its year or month
            if self.last is not None and self.last.year == p.year and RANK[p.grain] < RANK[self.last.grain]:
                new, old = interval(p), interval(self.last)
                if new is not None and old is not None and _day(new[0]) <= _day(old[0]) and _day(old[1]) <= _day(new[1]):
                    return
            self.last = p

    def _reported(self, p: Point) -> bool:
        """Whether a quarter or half can be the period a report is about: one that has ended by the
        DCT ("the fourth quarter" in November is a forecast), and the latest such mentioned
        ("after a flat second quarter" in a report on the third compares)."""
        iv = interval(p)
        if iv is None:
            return False
        end = _day(iv[1])
        if self.dct is not None and end > self.dct:
            return False
        old = interval(self.period) if self.period is not None else None
        return old is None or end > _day(old[1]) or (end == _day(old[1]) and p.grain == P.QUARTER)

    def _done(self, p: Point, anchor: Anchor, mod: Modifier | None = None, remember: bool = True) -> When:
        if remember:
            self._remember(p)
        return to_when(p, anchor, mod)

    def _resolve(self, d: Draft, start: int, end: int) -> When | None:
        k = d.kind
        if k == "fixed":
            return self._fixed(d)
        if k == "point":
            assert d.point is not None
            p = d.point
            if p.year is not None and RANK[p.grain] >= RANK[P.YEAR]:
                self.narration.tell(start, end, p.year, p.month, p.day if RANK[p.grain] >= RANK[P.DAY] else None,
                                    self.dct.year if self.dct else None)
            # a point of comparison ("since the 1987 crash", "worst since 1927") dates nothing after it
            return self._done(p, Anchor.EXPLICIT, d.mod, remember=not _COMPARED.search(self.text, max(0, start - 12), start))
        if k == "partial":
            return self._partial(d, start, end)
        if k in ("deictic", "anaphoric"):
            return self._relative(d, start, end)
        if k == "weekday":
            return self._weekday(d, start, end)
        if k == "time":
            return self._time(d, start, end)
        if k in ("season_rel", "month_rel"):
            return self._named_rel(d)
        if k == "period":
            return self._period(d)
        if k == "named":
            return self._named(d, start, end)
        if k == "term":
            return self._term(d, start, end)
        return None

    def _fixed(self, d: Draft) -> When:
        if d.ref:
            return self._reference(d.ref, d.window)
        w = d.when
        assert w is not None
        if w.anchor == Anchor.INFERRED and self.dct is not None and w.start is not None and w.start > self.dct:
            # a named period (the only fixed draft inferred from data) that begins after publication is
            # not the one meant: "his second term" in 2019 is a hope, "returning to office" someone else's
            return None
        if d.span_unit and self.dct is not None and d.dur_n is not None and d.dur_unit:
            try:
                if d.span_unit == "past":
                    s, e = _add(self.dct, -d.dur_n, d.dur_unit), self.dct
                else:
                    s, e = self.dct, _add(self.dct, d.dur_n, d.dur_unit)
            except (OverflowError, ValueError):
                return w
            return w.model_copy(update={"start": s, "end": e, "anchor": Anchor.PUBLICATION,
                                        "precision": P.DAY})
        return w

    def _reference(self, ref: str, window: str | None) -> When:
        if self.dct is None:
            return When(value=ref, anchor=Anchor.UNRESOLVED)
        dct = self.dct
        n, code = (None, None)
        if window:
            m = WINDOW.fullmatch(window)
            if m:
                n, code = int(m.group(1)), m.group(2)
        if ref == "PRESENT_REF":
            return When(value=ref, start=dct, end=dct, precision=P.DAY, anchor=Anchor.PUBLICATION)
        if ref == "PAST_REF":
            s = _add(dct, -n, code) if n and code else None
            return When(value=ref, start=s, end=dct, anchor=Anchor.PUBLICATION,
                        modifier=Modifier.APPROX if s else Modifier.BEFORE)
        e = _add(dct, n, code) if n and code else None
        return When(value=ref, start=dct + dt.timedelta(days=1), end=e, anchor=Anchor.PUBLICATION,
                    modifier=Modifier.APPROX if e else Modifier.AFTER)

    def _infer_year(self, p: Point, start: int, end: int, weekday: int | None = None) -> tuple[int | None, Anchor]:
        # a day-precise date takes an explicit year of its sentence ("October 7 ... the 2023
        # attack"); years after the DCT are plans and targets, not the date's year
        if RANK[p.grain] >= RANK[P.DAY]:
            y = self._sentence_year(start, end)
            if y is not None and (self.dct is None or y <= self.dct.year):
                return y, Anchor.INFERRED
        # a date made an adjective ("third-quarter net") names the time of a report's figure, not the narrative's
        adjective = "-" in self.text[start:end] and self.ref.premodifier(start, end)
        told = self.narration.at(start) if not adjective else None
        t = self._direction(start, end)
        if told is not None and (self.dct is None or (told.year != self.dct.year and t not in ("future", "present"))):
            return told.year, Anchor.DISCOURSE  # "In 2005, sales fell. In March, ..."
        if self.dct is None:
            # a history that states its year a little later ("On 20 July ... 1936") has no DCT to say so
            return None, Anchor.UNRESOLVED
        if weekday is not None and p.month and p.day:
            # "Saturday, April 25": the year nearest the DCT in which that day is a Saturday
            fits = [y for y in (self.dct.year, self.dct.year + 1, self.dct.year - 1)
                    if (iv := interval(p.with_(year=y))) is not None and _day(iv[0]).isoweekday() == weekday]
            if fits:
                return fits[0], Anchor.PUBLICATION
        return self._dct_year(p, t, strict=self.ref.marker(start) == t), Anchor.PUBLICATION

    def _dct_year(self, p: Point, t: str | None, strict: bool = False) -> int:
        """The year that puts a partial date where its clause's tense says, seen from the DCT;
        ``strict``: a word before it says so ("since March"), not the verb."""
        dct = self.dct
        assert dct is not None
        options = []
        for y in (dct.year - 1, dct.year, dct.year + 1):
            iv = interval(p.with_(year=y))
            if iv is not None:
                options.append((y, _day(iv[0]), _day(iv[1])))
        if not options:
            return dct.year
        coarse = p.grain in _COARSE

        def gap(o: tuple[int, dt.date, dt.date]) -> int:
            _, a, b = o
            return 0 if a <= dct <= b else min(abs((a - dct).days), abs((b - dct).days))

        if t == "past":
            # a quarter or season that starts within two months may be one a past clause announced
            # ("announced the closure of ten plants during the fourth quarter", in August)
            ahead = 0 if strict else _COARSE_AHEAD if coarse else _MONTH_AHEAD
            ok = [o for o in options if o[1] <= dct + dt.timedelta(days=ahead)]
        elif t == "future":
            slack = dt.timedelta(days=_COARSE_BEHIND if coarse else _DAY_BEHIND if p.day is not None else 0)
            ok = [o for o in options if o[2] + slack >= dct]
        elif t in ("present", "nearest"):
            ok = options
        else:  # no cue: news tells what happened; a date just ahead is still meant
            ok = [o for o in options if o[1] <= dct + dt.timedelta(days=_NO_CUE_AHEAD if not coarse else _COARSE_BEHIND)]
        return min(ok or options, key=gap)[0]

    def _partial(self, d: Draft, start: int, end: int) -> When:
        p = d.point
        assert p is not None
        if p.grain == P.DECADE:  # '90s: the latest such decade not after the reference year
            told = self.narration.at(start)
            ref = told.year if told is not None else (self.dct.year if self.dct else None)
            dec = p.month or 0
            if ref is None:
                return When(value=f"XX{dec // 10}", precision=P.DECADE, anchor=Anchor.UNRESOLVED)
            y = ref // 100 * 100 + dec
            if y > ref:
                y -= 100
            return self._done(Point(P.DECADE, y), Anchor.INFERRED, d.mod, remember=False)
        if p.year is not None:
            y, anchor = p.year, Anchor.EXPLICIT
        elif d.yy is not None:  # a two-digit year ("7/8/07"): the century that puts it nearest the DCT
            ref = self.dct.year if self.dct else (self.last.year if self.last and self.last.year else None)
            y, anchor = (None, Anchor.UNRESOLVED) if ref is None else (ref // 100 * 100 + d.yy, Anchor.INFERRED)
            if y is not None and ref is not None and y > ref + 10:
                y -= 100
        else:
            y, anchor = self._infer_year(p, start, end, d.weekday)
        if y is None:
            return to_when(p, Anchor.UNRESOLVED, d.mod)
        p = p.with_(year=y)
        if d.holiday:  # "Thanksgiving": the year decided above, then its day
            day = holiday_date(d.holiday, y)
            p = Point(P.PART_OF_DAY if d.pod else P.DAY, y, day.month, day.day, pod=d.pod)
        if d.week_ord is not None and p.month:
            last = _cal.monthrange(y, p.month)[1]
            day = dt.date(y, p.month, last - 3 if d.week_ord == 0 else 4 + 7 * (d.week_ord - 1))
            iy, iw, _ = day.isocalendar()
            p = Point(P.WEEK, iy, week=iw, weekend=d.pod == "WE")
        return self._done(p, anchor, d.mod)

    def _base(self, d: Draft) -> tuple[Point | None, Anchor]:
        """The point a relative expression counts from: the narrative time or the DCT."""
        if d.ref == "pod":  # a bare "at night": TimeML leaves its day open
            return None, Anchor.UNRESOLVED
        grain = d.grain or P.DAY
        if d.kind == "anaphoric" and grain == P.QUARTER and self.period is not None:
            return self.period, Anchor.DISCOURSE  # "that quarter": the quarter the report is about
        if (d.kind == "anaphoric" or (self.dct is None and d.ref != "dct")) and self.last is not None:
            if RANK[self.last.grain] >= RANK[grain]:
                return self.last, Anchor.DISCOURSE
            iv = interval(self.last)
            if self.dct is None or iv is None or not _day(iv[0]) <= self.dct <= _day(iv[1]):
                # "the next day" after "June 1940": 1940-06-XX
                return self.last.with_(grain=grain, day=None), Anchor.DISCOURSE
            # the story is in the DCT's year or month: its days are counted from the DCT
        if self.dct is None:
            return None, Anchor.UNRESOLVED
        return Point(P.DAY, self.dct.year, self.dct.month, self.dct.day), Anchor.PUBLICATION

    def _relative(self, d: Draft, start: int, end: int) -> When:
        if d.ref == "same":  # "that time", "the same time": the narrative time itself
            if self.last is not None:
                return to_when(self.last, Anchor.DISCOURSE)
            if self.dct is not None:
                return to_when(Point(P.DAY, self.dct.year, self.dct.month, self.dct.day), Anchor.PUBLICATION)
            return When(value="XXXX-XX-XX", anchor=Anchor.UNRESOLVED)
        if d.ref == "period_back":  # the narrative's period (not a day: then the report's quarter), a year back
            base = self.last if self.last is not None and self.last.grain in _PERIODS else self._report_period()
            if base is None or base.year is None:
                return When(value="XXXX", anchor=Anchor.UNRESOLVED)
            return to_when(base.with_(year=base.year - 1), Anchor.DISCOURSE)
        if d.ref == "year_back":  # "the same month a year ago": the narrative's unit, one year back
            base = self.last or (Point(P.DAY, self.dct.year, self.dct.month, self.dct.day) if self.dct else None)
            p = coarsen(base, d.grain or base.grain) if base is not None else None
            if p is None or p.year is None:
                return When(value="XXXX", anchor=Anchor.UNRESOLVED)
            p = p.with_(year=p.year - 1, week=None if p.week is None else p.week)
            return to_when(p, Anchor.DISCOURSE if self.last else Anchor.PUBLICATION)
        if d.compare and self.period is not None \
                and self.period.year is not None and self._comparison(start):
            # the figure a year before the report's figure: its period, a year back
            p = self.period.with_(year=self.period.year - 1)
            return self._done(p, Anchor.DISCOURSE, remember=False)
        base, anchor = self._base(d)
        grain = d.grain or P.DAY
        p = coarsen(base, grain) if base is not None else None
        if p is None:
            if d.pod:
                return When(value=f"XXXX-XX-XXT{d.pod}" if d.pod != "WE" else "XXXX-WXX-WE", type=TimexType.TIME
                            if d.pod != "WE" else TimexType.DATE, anchor=Anchor.UNRESOLVED)
            unknown = {P.YEAR: "XXXX", P.MONTH: "XXXX-XX", P.WEEK: "XXXX-WXX", P.DECADE: "XXX", P.CENTURY: "XX",
                       P.QUARTER: "XXXX-QX", P.DAY: "XXXX-XX-XX"}.get(grain, "XXXX-XX-XX")
            if d.point is not None and d.point.sub:
                unknown = f"XXXX-{d.point.sub}"
            elif d.point is not None and d.point.month:
                unknown = f"XXXX-{d.point.month:02d}"
            return When(value=unknown, precision=d.point.grain if d.point else grain, modifier=d.mod,
                        anchor=Anchor.UNRESOLVED)
        p = shift(p, d.offset)
        if d.point is not None:  # "June of that year", "the first quarter of next year", "summer of 1943"
            p = d.point.with_(year=p.year)
        elif d.pod == "WE":
            p = p.with_(weekend=True)
            if (d.kind == "deictic" and d.offset == 0 and anchor == Anchor.PUBLICATION and self.dct is not None
                    and self.dct.isoweekday() < 6 and self._direction(start, end) == "past"):
                p = shift(p, -1)  # "became public this weekend" on a weekday: the weekend just past
        elif d.pod:
            p = p.with_(grain=P.PART_OF_DAY, pod=d.pod)
        # "their successes from the previous year" looks back; the story stays where it was
        back = d.kind == "anaphoric" and d.offset < 0 and RANK[grain] <= RANK[P.YEAR]
        if d.part and anchor == Anchor.PUBLICATION and self.dct is not None:
            return self._part(p, d)
        return self._done(p, anchor, d.mod, remember=not back)

    def _part(self, p: Point, d: Draft) -> When:
        """"later this year": from the DCT to the end of its unit (or from the unit's start to the
        DCT for "earlier"); of a year, the value is the smallest quarter or half that holds that
        part (MEANTIME: "later this year" in October is 2006-Q4), else the year."""
        dct = self.dct
        assert dct is not None
        iv = interval(p)
        if iv is None:
            return self._done(p, Anchor.PUBLICATION, d.mod)
        a, b = iv
        s, e = (dct, b) if d.part == "after" else (a, dct)
        cover = p
        if p.grain == P.YEAR:
            for unit in (P.QUARTER, P.HALF):
                q = coarsen(Point(P.DAY, dct.year, dct.month, dct.day), unit)
                qi = interval(q) if q is not None else None
                if qi is not None and qi[0] <= s and e <= qi[1]:
                    cover = q
                    break
        w = self._done(cover, Anchor.PUBLICATION, d.mod)
        return w.model_copy(update={"start": s, "end": e})

    def _weekday(self, d: Draft, start: int, end: int) -> When:
        assert d.weekday is not None
        told = self.narration.at(start)
        narrated = None
        if told is not None and told.day is not None and told.month is not None:
            try:
                narrated = dt.date(told.year, told.month, told.day)
            except ValueError:
                narrated = None
        # a weekday counts from a day told in its own or the previous sentence ("began on 3 June
        # 1940, and on Thursday the port closed") when that is not the DCT's week; else from the DCT
        use_narr = narrated is not None and told is not None and (self.dct is None or (
            abs((narrated - self.dct).days) > 7 and told.at >= self._window(start)[0]))
        ref = narrated if use_narr else self.dct
        if d.ref == "narrative" and self.last_day is not None:
            ref, use_narr = self.last_day, True  # "the previous Friday": before the day last told
        if ref is None:
            return When(value=f"XXXX-WXX-{d.weekday}", precision=P.DAY, anchor=Anchor.UNRESOLVED)
        if d.direction:
            direction = d.direction
        elif use_narr:
            direction = "future"  # the story moves on: "On March 3 ... On Friday"
        else:
            t = self._direction(start, end)
            direction = "future" if t in ("future", "present") else "past"
        dow = ref.isoweekday()
        if direction == "past":
            delta = (dow - d.weekday) % 7
            if d.direction and delta == 0:
                delta = 7
            day = ref - dt.timedelta(days=delta)
        else:
            delta = (d.weekday - dow) % 7
            if d.direction and delta == 0:
                delta = 7
            day = ref + dt.timedelta(days=delta)
        p = Point(P.DAY, day.year, day.month, day.day)
        if d.pod == "WE":
            iy, iw, _ = day.isocalendar()
            p = Point(P.WEEK, iy, week=iw, weekend=True)
        elif d.pod:
            p = p.with_(grain=P.PART_OF_DAY, pod=d.pod)
        return self._done(p, Anchor.DISCOURSE if use_narr else Anchor.PUBLICATION, d.mod)

    def _time(self, d: Draft, start: int, end: int) -> When:
        tp = d.point
        assert tp is not None
        day: dt.date | None = d.day
        anchor = Anchor.PUBLICATION if day is None else Anchor.EXPLICIT
        word = (d.dayword or "").lower()
        if word and self.dct is not None:
            if word in ("today", "tonight", "yesterday", "tomorrow"):
                day = self.dct + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
            else:
                w = self._weekday(Draft("weekday", weekday=weekday_no(word)), start, end)
                day = w.start if isinstance(w.start, dt.date) else None
        if day is None:
            last = self._last_date()
            if self.last is not None and last is not None and RANK[self.last.grain] >= RANK[P.DAY]:
                day, anchor = last, Anchor.DISCOURSE
            elif self.dct is not None:
                day = self.dct
        if day is None:
            return When(value=f"T{tp.hour:02d}:{tp.minute or 0:02d}", type=TimexType.TIME, precision=P.MINUTE,
                        anchor=Anchor.UNRESOLVED)
        return self._done(tp.with_(year=day.year, month=day.month, day=day.day), anchor, remember=False)

    # --- named periods and terms of office ---------------------------------------------------

    def _window(self, start: int) -> tuple[int, int]:
        """The sentence holding ``start`` and the one before it: where a holder or a context must be named."""
        a, b = self.ref.sentence_bounds(start)
        prev = self.ref.previous_sentence(start)
        return (prev[0] if prev else a), b

    def _named(self, d: Draft, start: int, end: int) -> When | None:
        """"the Gulf War", "the first lockdown" (near "Britain"): the period whose context is named
        nearest, among those begun by the DCT."""
        a, b = self._window(start)
        best: tuple[int, Period] | None = None
        for pid in d.period_ids:
            p = self.periods.period(pid)
            if p is None or (self.dct is not None and p.start > self.dct):
                continue
            if p.context:
                hits = [abs(i - start) for c in p.context for i in _finds(self.text, c, a, b)]
                if not hits:
                    continue
                dist = min(hits)
            else:
                dist = len(self.text)
            if best is None or dist < best[0]:
                best = (dist, p)
        if best is None:
            return None
        p = best[1]
        typ = TimexType(p.type)
        value = p.value or (p.start.isoformat() if typ == TimexType.DATE else _span_value(p.start, p.end))
        return When(value=value, type=typ, start=p.start, end=p.end, precision=P.DAY, anchor=Anchor.INFERRED)

    def _term(self, d: Draft, start: int, end: int) -> When | None:
        """A term of office: the holder named, else the nearest holder named in this sentence or the
        one before ("Lula, returning to office in 2023" is Lula's return, whoever came before)."""
        table = self.periods
        name = d.holder
        if name is None:
            a, _ = self._window(start)
            found = list(table.name_regex().finditer(self.text, a, start))
            if not found:
                return None
            name = found[-1].group(0)
        holders = table.named(name)
        offices = table.offices_of(d.noun) if d.noun else None
        if offices is not None:
            holders = [h for h in holders if h.office in offices]
        begun = [h for h in holders if self.dct is None or h.terms[0][0] <= self.dct]
        if not begun:
            return None
        # "Bush": the holder of the name whose latest spell begun by the DCT is latest
        h = max(begun, key=lambda h: max(t[0] for t in h.terms if self.dct is None or t[0] <= self.dct))
        terms = list(h.terms)
        if d.returning:  # a spell after a gap out of office: the latest such begun by the DCT
            back = [t for prev, t in itertools.pairwise(terms) if prev[1] is not None and t[0] > prev[1]]
            back = [t for t in back if self.dct is None or t[0] <= self.dct]
            if not back:
                return None
            day = back[-1][0]
            return When(value=day.isoformat(), type=TimexType.DATE, start=day, end=day, precision=P.DAY,
                        anchor=Anchor.INFERRED)
        if d.ordinal is not None:
            if d.ordinal > len(terms):
                return None
            term = terms[d.ordinal - 1]
        else:  # "Merkel's chancellorship": the whole spell (terms that follow each other) begun by the DCT
            spells: list[list] = []
            for t in terms:
                if spells and spells[-1][1] is not None and t[0] <= spells[-1][1]:
                    spells[-1][1] = t[1]
                else:
                    spells.append([t[0], t[1]])
            spells = [sp for sp in spells if self.dct is None or sp[0] <= self.dct]
            if not spells:
                return None
            term = (spells[-1][0], spells[-1][1])
        if self.dct is not None and term[0] > self.dct:
            return None  # "his second term" before it began: a hope, not a time
        value = _span_value(term[0], term[1]) if term[1] is not None else "PXY"
        return When(value=value, type=TimexType.DURATION, start=term[0], end=term[1], precision=P.DAY,
                    anchor=Anchor.INFERRED)

    def _report_period(self) -> Point | None:
        """The period a business report is about: the last quarter or half it named, else the
        quarter before the DCT's (the latest one that can have been reported)."""
        if self.period is not None:
            return self.period
        if self.dct is None:
            return None
        return shift(Point(P.QUARTER, self.dct.year, sub=f"Q{(self.dct.month - 1) // 3 + 1}"), -1)

    def _period(self, d: Draft) -> When | None:
        """"the year-ago quarter", "the 1988 period", "last year's third quarter", "the latest quarter"."""
        if d.ref == "explicit":
            assert d.point is not None
            p = d.point
            base = self.period
            if p.grain == P.YEAR and base is not None and base.sub:
                p = base.with_(year=p.year)  # "the 1988 period": the report's quarter, in 1988
            return self._done(p, Anchor.INFERRED if p.sub else Anchor.EXPLICIT, remember=False)
        if d.ref == "dct":  # "last year's third quarter": the year counts from the DCT
            if self.dct is None:
                return None
            base = self._report_period()
            year = self.dct.year + d.offset
            if d.point is not None:
                return self._done(d.point.with_(year=year), Anchor.PUBLICATION, remember=d.offset == 0)
            if base is None:
                return None
            return self._done(base.with_(year=year), Anchor.PUBLICATION, remember=False)
        base = self._report_period()
        if base is None or base.year is None:
            return None
        if d.point is not None:  # "the year-ago third quarter"
            base = d.point.with_(year=base.year)
        p = base.with_(year=base.year + d.offset)
        return self._done(p, Anchor.DISCOURSE if self.period is not None else Anchor.PUBLICATION,
                          remember=d.ref == "report")

    def _comparison(self, start: int) -> bool:
        """"up from $10 million a year ago", "compared with a loss last year", "A year earlier, net
        was $2 million": a figure compared with the same period a year before."""
        a, b = self.ref.sentence_bounds(start)
        if not _FIGURE.search(self.text, a, b):
            return False
        return bool(_COMPARE.search(self.text, max(a, start - 60), start)) or not self.text[a:start].strip()

    def _named_rel(self, d: Draft) -> When:
        p = d.point
        assert p is not None
        ref = self.dct
        if (d.ref == "narrative" or self.dct is None) and self._last_date() is not None:
            ref = self._last_date()
        if ref is None:
            return to_when(p, Anchor.UNRESOLVED)
        y = ref.year
        iv = interval(p.with_(year=y))
        if iv is None:
            return to_when(p, Anchor.UNRESOLVED)
        a, b = iv
        if d.kind == "season_rel":
            if d.offset < 0 and b >= ref:
                y -= 1
            elif d.offset > 0 and a <= ref:
                y += 1
        else:
            if d.direction == "past" and a >= ref.replace(day=1):
                y -= 1
            elif d.direction == "future" and a <= ref:
                y += 1
        return self._done(p.with_(year=y), Anchor.PUBLICATION, d.mod)
