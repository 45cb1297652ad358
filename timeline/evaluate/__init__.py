"""TimeML / MEANTIME readers and the TempEval-style scorers behind `timeline eval`.

    evaluate_timex(paths, include=..., tagger=...) -> TimexReport   TempEval-3 Task A on TimeML gold
    evaluate_events(paths, include=..., system=...) -> EventReport   event coverage and dating on MEANTIME CAT
    triggers.evaluate_timeml_events(paths, include=..., folds=...)  event triggers (Task B) and dating on TimeML

Each report has ``render(errors=0)`` (text, with up to N errors of each kind), ``to_dict()`` (for
--json) and ``errors(n)`` (the error listing alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from timeline.errors import InputError
from timeline.evaluate.conventions import CONVENTIONS, convert
from timeline.evaluate.events import EventReport, evaluate_events, sentence_baseline
from timeline.evaluate.timeml import SUFFIXES, GoldTimex, TimeMLDoc, read_corpus, read_timeml
from timeline.evaluate.timex import Span, TimexReport, score
from timeline.models import Article, Mention

__all__ = [
    "CONVENTIONS",
    "EventReport",
    "GoldTimex",
    "Span",
    "TimeMLDoc",
    "TimexReport",
    "article_of",
    "evaluate_events",
    "evaluate_timex",
    "is_timeml",
    "read_corpus",
    "read_timeml",
    "score",
    "sentence_baseline",
    "system_spans",
]

Tagger = Callable[[Article], Sequence[Mention]]


def is_timeml(paths: Sequence[Path | str]) -> bool:
    """Whether the gold is TimeML (.tml files, or folders holding them or sub-folders of them) rather than CAT XML."""
    for p in map(Path, paths):
        if p.is_file():
            if p.name.endswith(SUFFIXES):
                return True
        elif p.is_dir() and any(f.name.endswith(SUFFIXES) for d in (p, *[x for x in p.iterdir() if x.is_dir()])
                                for f in d.iterdir()):
            return True
    return False


def article_of(doc: TimeMLDoc) -> Article:
    """The Article a system sees for a gold document: its text as read and the DCT as publication date."""
    return Article(id=doc.name, title=doc.name, text=doc.text, published=doc.published, origin=str(doc.path))


def system_spans(mentions: Iterable[Mention]) -> list[Span]:
    return [Span(m.start, m.end, m.when.type.value, m.when.value, m.text) for m in mentions]


def default_tagger() -> Tagger:
    """The tagger as TIMEX3 sees it: without named periods ("World War II", "Merkel's chancellorship"),
    which TimeML annotates as events, not temporal expressions."""
    from timeline.temporal import (  # imported late: the scorer itself needs none of it
        no_periods,
        tag,
    )

    table = no_periods()
    return lambda article: tag(article, table)


def evaluate_timex(
    paths: Sequence[Path | str],
    *,
    include: str | Sequence[str] | None = None,
    tagger: Tagger | None = None,
    convention: str = "timeml",
) -> TimexReport:
    """Tag every TimeML document under ``paths`` (files or folders) and score it against its gold.

    ``include`` (one glob or several) keeps only documents whose file
    name matches, e.g. ``["1[7-9]_*", "2[0-2]_*"]`` for the WikiWars test split. ``convention``
    "meantime" rewrites the tagger's TimeML values the way MEANTIME annotates them before scoring
    (see conventions.py); it never changes the tagger.
    """
    docs = read_corpus(paths, docs_glob=include)
    if not docs:
        raise InputError(", ".join(map(str, paths)), "no TimeML documents (*.tml, *.TE3input, *.timeml)"
                         + (f" matching {include}" if include else ""))
    run = tagger or default_tagger()
    gold = {d.name: [Span(t.start, t.end, t.type, t.value, t.text) for t in d.timexes] for d in docs}
    system = {d.name: convert(system_spans(run(article_of(d))), d.text, convention) for d in docs}
    return score(gold, system, texts={d.name: d.text for d in docs})
