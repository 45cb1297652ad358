"""Annotation conventions for scoring only: the tagger writes TimeML 1.2.1 / TempEval-3 values for
everyone; ``timeline eval --convention meantime`` rewrites its output the way MEANTIME's guidelines
annotate the same expressions, so that MEANTIME's gold can be scored on its own terms. Nothing here
changes what users of the tagger get.

MEANTIME differs from TimeML in (its guidelines, and its gold in ../shared/corpora/meantime-dev):

- "two years ago" is the duration P2Y (TimeML: the DATE it points at, 2023 for a 2025 article);
- a year range "from 2009 to 2011", "between 2014 and 2016" is one DURATION P2Y (TimeML: two DATEs);
- "October of next year" is two expressions, "October" and "next year" (TimeML: one);
- a half is a decimal, "two and a half years" P2.5Y (TimeML: P2Y6M);
- adjectives of frequency ("annual", "biennial") are durations (the tagger, as TimeBank, leaves them
  out: "the annual meeting" names no time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from timeline.evaluate.timex import Span

CONVENTIONS = ("timeml", "meantime")

_AGO = re.compile(r"^(?P<num>.+?)[\s-]+(?P<unit>[A-Za-z]+)\s+ago$", re.IGNORECASE)
_HEDGE = re.compile(r"^(?:about|around|approximately|roughly|nearly|almost|some|just|only|more\s+than|less\s+than|over|under)\s+", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s*")
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
_MONTH_OF_REL = re.compile(r"^(?P<month>[A-Z][a-z]+)\s+of\s+(?P<rel>(?:this|last|next)\s+year)$")
_HALF = re.compile(r"^P(T?)(\d+)(Y6M|H30M|M30S|D12H)$")


def _ago(s: Span) -> Span:
    from timeline.temporal.normalize import duration_value, number, unit_code

    m = _AGO.match(_HEDGE.sub("", s.text or ""))
    if m is None:
        return s
    try:
        n, code = number(m.group("num")), unit_code(m.group("unit"))
    except KeyError:
        return s
    return Span(s.start, s.end, "DURATION", duration_value(n, code), s.text)


def _half(value: str) -> str:
    m = _HALF.match(value)
    if m is None:
        return value
    unit = {"Y6M": "Y", "H30M": "H", "M30S": "M", "D12H": "D"}[m.group(3)]
    return f"P{m.group(1)}{m.group(2)}.5{unit}"


def meantime(spans: Sequence[Span], text: str) -> list[Span]:
    """The TimeML spans of one document as MEANTIME annotates them."""
    out: list[Span] = []
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    i = 0
    while i < len(spans):
        s = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        t = s.text or text[s.start : s.end]
        if (nxt is not None and s.type == nxt.type == "DATE" and _YEAR.fullmatch(s.value or "")
                and _YEAR.fullmatch(nxt.value or "") and _RANGE_GAP.fullmatch(text, s.end, nxt.start)):
            opener = _RANGE_OPEN.search(text, max(0, s.start - 10), s.start)
            if opener is not None and int(nxt.value) > int(s.value):  # type: ignore[arg-type]
                start = opener.start()
                out.append(Span(start, nxt.end, "DURATION", f"P{int(nxt.value) - int(s.value)}Y",  # type: ignore[arg-type]
                                text[start : nxt.end]))
                i += 2
                continue
        m = _MONTH_OF_REL.match(t)
        if m is not None and s.value and len(s.value) == 7:
            cut = s.start + m.end("month")
            rel = s.start + m.start("rel")
            out.append(Span(s.start, cut, s.type, s.value, text[s.start : cut]))
            out.append(Span(rel, s.end, "DATE", s.value[:4], text[rel : s.end]))
        elif s.type == "DATE" and t.lower().endswith(" ago") and not (s.value or "").endswith("_REF") \
                and not t.lower().startswith("the "):
            out.append(_ago(s))
        elif s.type == "DURATION" and s.value:
            out.append(Span(s.start, s.end, s.type, _half(s.value), s.text))
        else:
            out.append(s)
        i += 1
    taken = [(s.start, s.end) for s in out]
    for m in _frequency_adjectives().finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(Span(m.start(), m.end(), "DURATION", _PERIOD_VALUES()[m.group(0).lower()], m.group(0)))
    return sorted(out, key=lambda s: (s.start, s.end))


@cache
def _PERIOD_VALUES() -> dict[str, str]:
    from timeline.temporal.grammar import lexicon

    return {str(k).lower(): str(v) for k, v in lexicon()["period_adjectives"].items()}


@cache
def _frequency_adjectives() -> re.Pattern[str]:
    """"annual", "biennial": MEANTIME annotates these adjectives as durations; the tagger does not."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, _PERIOD_VALUES())) + r")\b", re.IGNORECASE)


def convert(spans: Sequence[Span], text: str, convention: str) -> list[Span]:
    """System spans of one document in the given convention ("timeml": as the tagger wrote them)."""
    if convention == "timeml":
        return list(spans)
    if convention == "meantime":
        return meantime(spans, text)
    raise ValueError(f"unknown convention {convention!r}; choose from {', '.join(CONVENTIONS)}")
