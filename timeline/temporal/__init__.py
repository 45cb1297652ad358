"""Temporal engine: text + publication date -> [Mention] (TIMEX3 DATE, TIME, DURATION, SET).

    tag(article)                      -> list[Mention]
    tag_with_warnings(article)        -> (list[Mention], list[str])
    tag_text(text, published, id)     -> list[Mention]

Pure functions: the result depends only on the text and the publication date (never the
machine clock); the rule tables in ``data/`` are read once per process. Named periods can be
extended with YAML files listed in $TIMELINE_NAMED_PERIODS (see data/named_periods.yaml).
"""

from __future__ import annotations

import datetime as dt

from timeline.models import Article, Mention, Precision

from .anchor import Narrative, sentence_bounds, tense
from .grammar import PERIODS_ENV, load_periods, scan
from .normalize import normalize

__all__ = ["tag", "tag_text", "tag_with_warnings", "tense", "sentence_bounds", "narrative_times",
           "PERIODS_ENV", "load_periods", "NO_DCT_WARNING"]

NO_DCT_WARNING = "no publication date: relative expressions left unresolved"


def _dct(published: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published


def _run(article: Article) -> tuple[list[Mention], list[str]]:
    text = article.text
    cands = list(scan(text))
    drafts = [(c, normalize(c, text)) for c in cands]
    # explicit years (for "October 7 ... the 2023 attack"): from candidates that state one
    years = sorted(
        (c.start, d.point.year)
        for c, d in drafts
        if d is not None and d.kind == "point" and d.point is not None and d.point.year is not None
        and d.point.grain.rank >= Precision.YEAR.rank
    )
    narr = Narrative(text=text, dct=_dct(article.published), years=years)
    out: list[Mention] = []
    for c, d in drafts:
        if d is None:
            continue
        when = narr.resolve(d, c.start, c.end)
        if when is not None:
            out.append(Mention.at(article, c.start, c.end, when))
    warnings = []
    if narr.unresolved:
        warnings.append(f"{NO_DCT_WARNING} ({narr.unresolved})")
    return out, warnings


def tag_with_warnings(article: Article) -> tuple[list[Mention], list[str]]:
    """Mentions sorted by start and non-overlapping, plus warnings for people."""
    return _run(article)


def tag(article: Article) -> list[Mention]:
    """Every temporal expression in the article, sorted by start, non-overlapping."""
    return _run(article)[0]


def tag_text(text: str, published: dt.date | dt.datetime | None, article_id: str = "doc") -> list[Mention]:
    return tag(Article(id=article_id, text=text, published=published))


def narrative_times(article: Article) -> list[tuple[int, Mention]]:
    """(offset, mention) of each resolved DATE/TIME in text order: the narrative anchors a later
    stage can look up ("the last explicit time before offset x") with bisect."""
    return [(m.start, m) for m in tag(article) if m.when.resolved and m.when.type in ("DATE", "TIME")]
