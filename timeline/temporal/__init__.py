"""Temporal engine: text + publication date -> [Mention] (TIMEX3 DATE, TIME, DURATION, SET).

    tag(article, periods=None)                  -> list[Mention]
    tag_with_warnings(article, periods=None)    -> (list[Mention], list[str])
    tag_text(text, published, id, periods=None) -> list[Mention]
    narrative_times(article, periods=None)      -> [(offset, Mention)] of resolved DATE/TIME
    load_periods(files)                         -> PeriodTable: the built-in named periods plus users'

Pure functions: the result depends only on the text, the publication date and the named-period
table (never the machine clock); the rule tables in ``data/`` are read once per process.
``periods`` is a PeriodTable from load_periods (or a list of YAML files to add to the built-in
table); None is the built-in table (data/named_periods.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from timeline.models import Article, Mention, Modifier, Precision, When
from timeline.nlp import parts_of_speech, verb_forms

from .anchor import Narrative
from .calendar import RANK
from .grammar import scan
from .normalize import normalize
from .periods import PeriodTable, default_periods, load_periods, no_periods, table_of
from .reference import tense

__all__ = [
    "NO_DCT_WARNING",
    "PeriodTable",
    "default_periods",
    "load_periods",
    "narrative_times",
    "no_periods",
    "tag",
    "tag_text",
    "tag_with_warnings",
    "tense",
]

NO_DCT_WARNING = "no publication date: relative expressions left unresolved"


def _dct(published: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published


_APPROX = re.compile(r"(?<![\w-])(?:about|around|approximately|roughly|circa)\s+$", re.IGNORECASE)
_HEDGE_LAST = frozenset("tdya")  # last letters of the hedges above

# between a clock time and the day it belongs to
_DAY_AFTER = re.compile(r"[\s,]*(?:\(?[A-Z][a-z]+\s+time\)?[\s,]*)?(?:on\s+|of\s+)?")


Periods = PeriodTable | Sequence[Path | str] | None


def _run(article: Article, periods: Periods = None) -> tuple[list[Mention], list[str]]:
    table = table_of(periods)
    text = article.text
    cands = list(scan(text, table))
    drafts = [(c, normalize(c, text, table)) for c in cands]
    dct = _dct(article.published)
    # explicit years (for "October 7 ... the 2023 attack"): from candidates that state one
    years = sorted(
        (c.start, d.point.year, c.end)
        for c, d in drafts
        if d is not None and d.kind == "point" and d.point is not None and d.point.year is not None
        and RANK[d.point.grain] >= RANK[Precision.YEAR]
    )
    narr = Narrative(text=text, dct=dct, years=years, periods=table)
    whens: dict[int, When] = {}
    for i, (c, d) in enumerate(drafts):
        if d is None or i in whens:
            continue
        if d.kind == "time" and d.dayword is None and i + 1 < len(drafts):
            # "5:34 AM Baghdad time on March 20, 2003": the day comes right after the clock time
            c2, d2 = drafts[i + 1]
            if d2 is not None and d2.kind in ("point", "partial", "weekday") and _DAY_AFTER.fullmatch(text, c.end, c2.start):
                w2 = narr.resolve(d2, c2.start, c2.end)
                if w2 is not None:
                    whens[i + 1] = w2
                    if w2.precision == Precision.DAY and isinstance(w2.start, dt.date):
                        d = replace(d, day=w2.start)
        when = narr.resolve(d, c.start, c.end)
        if when is not None:
            whens[i] = when
    out: list[Mention] = []
    prev_end = 0
    for i, w in sorted(whens.items()):
        start, end = drafts[i][0].start + drafts[i][1].lead, drafts[i][0].end  # type: ignore[union-attr]
        # (cheap test first: a hedge ends in one of its last letters and a space right before us)
        hedged = start > 1 and text[start - 1].isspace() and w.type in ("DATE", "TIME") and \
            (text[start - 2].isspace() or text[start - 2].lower() in _HEDGE_LAST)
        m = _APPROX.search(text, max(prev_end, start - 20), start) if hedged else None
        if m is not None and w.value not in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            # "about 1910", "around March 1981": TimeML keeps the hedge in the extent, mod APPROX
            start = m.start()
            if w.modifier is None:
                w = w.model_copy(update={"modifier": Modifier.APPROX})
        the = _THE.match(text, start)
        if the is not None and (w.type == "DURATION" or "-" in text[the.end():end]) and _noun_follows(text, the.end(), end):
            start = the.end()  # "the [one-year] tour", "the [third-quarter] loss": the determiner is the noun's
        out.append(Mention.at(article, start, end, w))
        prev_end = end
    warnings = []
    if narr.unresolved:
        warnings.append(f"{NO_DCT_WARNING} ({narr.unresolved})")
    return out, warnings


_THE = re.compile(r"[Tt]he\s+")
_NEXT_WORD = re.compile(r"['’]?s?\s*([A-Za-z]+)")


def _noun_follows(text: str, start: int, end: int) -> bool:
    """A noun right after a duration: it modifies that noun ("the one-year tour", "the Seven Years
    War"), so the determiner is the noun's, not the duration's (TimeML)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or not m.group(0)[:1].isspace() and not m.group(0).startswith(("'", "’")):
        return False
    word = m.group(1)
    if word[0].isupper():
        return text[start].isupper()  # "the Seven Years War", not "the next two weeks Austrian attacks ..."
    return "NOUN" in parts_of_speech(word) and not verb_forms(word, full=True) and word.lower() not in _FUNCTION


_FUNCTION = frozenset(["of", "to", "in", "on", "for", "from", "at", "by", "with", "and", "or", "but", "that", "which", "who", "ago", "later", "earlier", "before", "after", "old", "long", "than", "as", "into", "since", "until", "he", "she", "it", "they", "we", "you", "i", "there", "this", "these", "those"])


def tag_with_warnings(article: Article, periods: Periods = None) -> tuple[list[Mention], list[str]]:
    """Mentions sorted by start and non-overlapping, plus warnings for people."""
    return _run(article, periods)


def tag(article: Article, periods: Periods = None) -> list[Mention]:
    """Every temporal expression in the article, sorted by start, non-overlapping."""
    return _run(article, periods)[0]


def tag_text(text: str, published: dt.date | dt.datetime | None, article_id: str = "doc",
             periods: Periods = None) -> list[Mention]:
    return tag(Article(id=article_id, text=text, published=published), periods)


def narrative_times(article: Article, periods: Periods = None) -> list[tuple[int, Mention]]:
    """(offset, mention) of each resolved DATE/TIME in text order: the narrative anchors a later
    stage can look up ("the last explicit time before offset x") with bisect."""
    return [(m.start, m) for m in tag(article, periods) if m.when.resolved and m.when.type in ("DATE", "TIME")]
