"""The reference time: publication date (DCT), the narrative's last time, tense, year inference.

``Narrative`` walks the mentions of one text in order. It remembers the last resolved calendar
point (the narrative time), which anaphoric expressions ("the next day", "that week") resolve
against, and the last explicit year, which fills partial dates ("in June") in a history or when
news recalls a year. Deictic expressions ("yesterday", "last year") use the DCT, except in a
history told far from its publication date, where "this day" is the narrative's.
"""

from __future__ import annotations

import bisect
import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass, field

from timeline.models import Anchor, Modifier, Precision, TimexType, When

from .calendar import RANK, Point, coarsen, interval, shift, to_when
from .normalize import Draft, weekday_no
from .reference import sentence_bounds, tense

P = Precision

_CONTRACT = re.compile(r"\s+(?:delivery|contracts?|futures|expiry|expiration|options)\b", re.I)
_DEADLINE = re.compile(r"\b(?:by|until|till|before|through)\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+)?$", re.I)
_SINCE = re.compile(r"\bsince\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+)?$", re.I)

# The text is told as a narrative (missing years come from its last explicit year, not the DCT)
# once that year is more than this far from the DCT; news often recalls a year or two back.
_NARRATIVE_GAP_YEARS = 2
# Deictic words ("this day", "next month") follow the narrative only in texts about a distant
# past (history), where the publication date is no reference at all.
_HISTORY_GAP_YEARS = 10
_ASIDE_YEARS = 2
_COARSE = frozenset({P.QUARTER, P.HALF, P.SEASON})
_AHEAD_DAYS = {True: {False: 0, True: 62}, False: {False: 31, True: 62}}  # [past tense][coarse]
_NEWS_REACH = 400  # characters: how far back a recalled year still dates a partial date in news


def _in_year(d: dt.date, year: int) -> dt.date:
    return d.replace(year=year, day=min(d.day, _cal.monthrange(year, d.month)[1]))


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
    years: list[tuple[int, int]] = field(default_factory=list)  # (offset, year) of explicit years, sorted
    last: Point | None = None  # narrative time
    explicit_year: int | None = None  # the year the text last gave in full
    told: bool = False  # the whole text is a history told far from its DCT (see _is_history)
    explicit_at: int | None = None  # where explicit_year was given
    _at: int = 0  # offset of the expression being resolved
    unresolved: int = 0

    # --- reference points ------------------------------------------------------------------

    @property
    def far(self) -> bool:
        """True when the narrative time, not the DCT, should fill missing years."""
        if self.dct is None:
            return True
        gap = self._gap()
        if self.told:
            return gap > 0
        # news: a year recalled in the same paragraph, shortly before ("In 2008, sales fell. In
        # March, ..."); farther away it is background and the DCT rules again
        near = self.explicit_at is not None and self._at - self.explicit_at < _NEWS_REACH
        if not (near and gap > _NARRATIVE_GAP_YEARS and "\n" not in self.text[self.explicit_at or 0 : self._at]):
            return False
        return tense(self.text, self._at, self._at + 1) == "past"  # "Its fiscal year ends June 30" is not 1916's

    @property
    def history(self) -> bool:
        return self.dct is None or (self.told and self._gap() > _HISTORY_GAP_YEARS)

    def _gap(self) -> int:
        y = self.explicit_year
        if y is None and self.years and (self.told or self.dct is None):
            y = self.years[0][1]  # a history that has not stated its year yet: its first year
        return abs(y - self.dct.year) if y is not None and self.dct is not None else 0

    def _aside(self, year: int | None, start: int) -> bool:
        """A bare year far from the narrative's year before it and the text's next year after it is
        a comparison or an aside ("like Napoleon in 1812"): it does not move the narrative."""
        if year is None or self.explicit_year is None:
            return False
        nxt = self._next_year(start + 1)  # none: nothing later says the story moved there
        return abs(year - self.explicit_year) > _ASIDE_YEARS and (nxt is None or abs(year - nxt) > _ASIDE_YEARS)

    def _next_year(self, start: int) -> int | None:
        i = bisect.bisect_left(self.years, (start, -10**9))
        return self.years[i][1] if i < len(self.years) else None

    def _sentence_year(self, start: int, end: int) -> int | None:
        a, b = sentence_bounds(self.text, start, end)
        i = bisect.bisect_left(self.years, (a, -10**9))
        best: tuple[int, int] | None = None
        while i < len(self.years) and self.years[i][0] < b:
            pos, y = self.years[i]
            if not start <= pos < end:
                dist = abs(pos - start)
                if best is None or dist < best[0]:
                    best = (dist, y)
            i += 1
        return best[1] if best else None

    def _last_date(self) -> dt.date | None:
        if self.last is None:
            return None
        iv = interval(self.last)
        if not iv:
            return None
        return iv[0].date() if isinstance(iv[0], dt.datetime) else iv[0]

    # --- resolution ------------------------------------------------------------------------

    def resolve(self, d: Draft, start: int, end: int) -> When | None:
        self._at = start
        try:
            w = self._resolve(d, start, end)
        except (OverflowError, ValueError, TypeError):  # off the calendar (year 10000, day 0): no usable time
            return None
        if w is None:
            return None
        if self.dct is None and w.anchor == Anchor.UNRESOLVED and w.type in (TimexType.DATE, TimexType.TIME):
            self.unresolved += 1
        return w

    def _remember(self, p: Point) -> None:
        if p.year is not None and p.grain not in (P.MILLENNIUM, P.CENTURY, P.DECADE):
            # keep a finer narrative time when the new one only repeats its year or month
            if self.last is not None and self.last.year == p.year and RANK[p.grain] < RANK[self.last.grain]:
                if p.grain == P.YEAR or (p.month is not None and p.month == self.last.month):
                    return
            self.last = p

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
            if p.grain == P.YEAR and self._aside(p.year, start):
                return to_when(p, Anchor.EXPLICIT, d.mod)  # "as in 1614": not the story's time
            if p.year is not None and RANK[p.grain] >= RANK[P.YEAR]:
                self.explicit_year, self.explicit_at = p.year, start
            # in news a bare year from the past ("since the 1987 crash") is background: it dates
            # a recalled month nearby, but the story's days go on ("the afternoon session")
            background = (p.grain == P.YEAR and self.dct is not None and not self.told
                          and p.year is not None and abs(p.year - self.dct.year) > 1)
            return self._done(p, Anchor.EXPLICIT, d.mod, remember=not background)
        if k == "partial":
            return self._partial(d, start, end)
        if k in ("deictic", "anaphoric"):
            return self._relative(d, start, end)
        if k == "weekday":
            return self._weekday(d, start, end)
        if k == "time":
            return self._time(d)
        if k in ("season_rel", "month_rel"):
            return self._named_rel(d)
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
            m = re.fullmatch(r"P(\d+)([A-Z]+)", window)
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

    def _infer_year(self, p: Point, start: int, end: int) -> tuple[int | None, Anchor]:
        # a day-precise date takes an explicit year of its sentence ("October 7 ... the 2023
        # attack"); years after the DCT are plans and targets, not the date's year
        use_sentence = RANK[p.grain] >= RANK[P.DAY] and not (self.far and self.last is not None)
        y = self._sentence_year(start, end) if use_sentence else None
        if y is not None and (self.dct is None or y <= self.dct.year):
            return y, Anchor.INFERRED
        if self.far:
            if self.dct is not None and not self.told and self.explicit_year is not None:
                return self.explicit_year, Anchor.DISCOURSE  # news recalling a year: "In 2005 ... in March"
            last = self.last
            if last is not None and last.year is not None:
                # (tried: "a month before the narrative's month is next year's" lost on dev)
                return last.year, Anchor.DISCOURSE
            # a history that states its first year a little later ("On 20 July ... 1936"); without
            # a DCT nothing says the text is a history, so the date stays open
            y = self._next_year(end) if self.dct is not None else None
            return (y, Anchor.INFERRED) if y is not None else (None, Anchor.UNRESOLVED)
        assert self.dct is not None
        y = self.dct.year
        iv = interval(p.with_(year=y))
        if iv is None:
            return y, Anchor.PUBLICATION
        a, b = (x.date() if isinstance(x, dt.datetime) else x for x in iv)
        t = tense(self.text, start, end, present=True)
        if _SINCE.search(self.text, max(0, start - 16), start):
            t = "past"  # "the first loss since March": a March gone by, whatever the verb
        if _CONTRACT.match(self.text, end):
            t = "future"  # "oil for November delivery": a contract month is ahead
        if _DEADLINE.search(self.text, max(0, start - 12), start):
            # "by September", "until May": a deadline, whatever the verb's tense: nearest such date
            return min((y - 1, y, y + 1), key=lambda k: abs(_in_year(a, k) - self.dct)), Anchor.PUBLICATION
        if t == "present":
            pass  # "wants to close them by early June": a present aim or state is about this year
        elif t == "future":
            if b < self.dct:
                y += 1
        elif a > self.dct + dt.timedelta(days=_AHEAD_DAYS[t == "past"][p.grain in _COARSE]):
            # past tense or no cue: a date still ahead this year was last year's; a quarter or
            # season starting soon is this year's ("closures during the fourth quarter", in August)
            y -= 1
        return y, Anchor.PUBLICATION

    def _partial(self, d: Draft, start: int, end: int) -> When:
        p = d.point
        assert p is not None
        if p.grain == P.DECADE:  # '90s: the latest such decade not after the reference year
            ref = self.last.year if (self.far and self.last and self.last.year) else (self.dct.year if self.dct else None)
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
            y, anchor = self._infer_year(p, start, end)
        if y is None:
            return to_when(p, Anchor.UNRESOLVED, d.mod)
        p = p.with_(year=y)
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
        if d.kind == "anaphoric" or (self.history and d.ref != "dct" and self.last is not None):
            if self.last is not None:
                coarser = RANK[self.last.grain] < RANK[grain]
                if not coarser:
                    return self.last, Anchor.DISCOURSE
                if self.history or self.told:  # "the next day" after "June 1940": 1940-06-XX
                    return self.last.with_(grain=grain, day=None), Anchor.DISCOURSE
            elif self.far:
                return None, Anchor.UNRESOLVED
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
        if d.ref == "year_back":  # "the same month a year ago": the narrative's unit, one year back
            base = self.last or (Point(P.DAY, self.dct.year, self.dct.month, self.dct.day) if self.dct else None)
            p = coarsen(base, d.grain or base.grain) if base is not None else None
            if p is None or p.year is None:
                return When(value="XXXX", anchor=Anchor.UNRESOLVED)
            p = p.with_(year=p.year - 1, week=None if p.week is None else p.week)
            return to_when(p, Anchor.DISCOURSE if self.last else Anchor.PUBLICATION)
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
                    and self.dct.isoweekday() < 6 and tense(self.text, start, end) == "past"):
                p = shift(p, -1)  # "became public this weekend" on a weekday: the weekend just past
        elif d.pod:
            p = p.with_(grain=P.PART_OF_DAY, pod=d.pod)
        # "their successes from the previous year" looks back; the story stays where it was
        back = d.kind == "anaphoric" and d.offset < 0 and RANK[grain] <= RANK[P.YEAR]
        if d.part and anchor == Anchor.PUBLICATION and self.dct is not None:
            return self._part(p, d)
        w = self._done(p, anchor, d.mod, remember=not back)
        if d.ago:
            return w.model_copy(update={"value": d.ago, "type": TimexType.DURATION})
        return w

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
        last = self._last_date()
        use_narr = self.far and last is not None and self.last is not None and RANK[self.last.grain] >= RANK[P.DAY]
        ref = last if use_narr else self.dct
        if ref is None:
            return When(value=f"XXXX-WXX-{d.weekday}", precision=P.DAY, anchor=Anchor.UNRESOLVED)
        direction = d.direction or ("future" if use_narr else (tense(self.text, start, end) or "past"))
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

    def _time(self, d: Draft) -> When:
        tp = d.point
        assert tp is not None
        day: dt.date | None = d.day
        anchor = Anchor.PUBLICATION if day is None else Anchor.EXPLICIT
        word = (d.dayword or "").lower()
        if word and self.dct is not None:
            if word in ("today", "tonight", "yesterday", "tomorrow"):
                day = self.dct + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
            else:
                w = self._weekday(Draft("weekday", weekday=weekday_no(word)), 0, 0)
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

    def _named_rel(self, d: Draft) -> When:
        p = d.point
        assert p is not None
        ref = self.dct
        if (d.ref == "narrative" or self.history) and self._last_date() is not None:
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
