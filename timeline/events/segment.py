"""Clauses as character spans into the untouched article text.

Sentences come from the one sentence splitter (``timeline.nlp.Sentences``). A sentence is cut into
clauses so that each can be dated on its own: before ", <connective>" (``data/clauses.json``) and before
", <participle>" (a word lemminflect knows as a verb's -ing form: ", citing", ", killing"); at ";",
spaced dashes and a colon before a capital or a quotation; after a leading subordinate clause ("While
the talks went on, ..."); before the "that" of a report's complement and after a reporting trigger
followed by a pronoun ("said it would ..."), where the trigger model says which words report; and before
", and <finite verb>" (a second predicate). Fragments too short to be clauses are joined back.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from timeline.nlp import verb_forms


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding white space (and without clause-joining punctuation)."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return Span(start, end, text[start:end]) if start < end else None


@cache
def _data() -> dict:
    return json.loads(resources.files(__package__).joinpath("data/clauses.json").read_text("utf-8"))


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = _data()
    words = "|".join(sorted(data["connectives"], key=len, reverse=True))
    # Cut before ", <connective>" and at strong punctuation; the connective opens the new clause.
    cut = re.compile(rf"(?:,\s+(?=(?:{words})\b)|\s*;\s+|\s*[—–]\s*|\s+--\s+|:\s+(?=[\"“A-Z]))", re.IGNORECASE)
    lead = "|".join(sorted(data["leading_subordinators"], key=len, reverse=True))
    # "While the administration has been supportive ..., this marks ...": the opener is a clause.
    opener = re.compile(rf"(?:{lead})\b[^,;.]{{10,200}}?,\s+")
    participle = re.compile(r",\s+(?=([a-z]+ing)\b)")
    and_verb = re.compile(r",\s+and\s+(?:(?:also|then|later|now|has|have|had|is|are|was|were|will|would|\w+ly)\s+){0,3}(\w+)")
    return cut, opener, participle, and_verb


_THAT = re.compile(r"[^,.;\"“]{0,40}?\s(?=that\s)|\s+(?=(?:it|he|she|they|we|the|a|an)\s)")


def _finite(word: str) -> bool:
    return bool(verb_forms(word) & {"VBD", "VBZ"})


def clauses(text: str, start: int, end: int, reports: Iterable[int] = ()) -> list[Span]:
    """The clauses of the sentence text[start:end], as trimmed spans covering it in order.

    ``reports``: the end offsets of the sentence's reporting triggers ("said", "believes"); the
    content they introduce is a clause of its own."""
    cut, opener, participle, and_verb = _rules()
    points = {start, end}
    if (m := opener.match(text, start, end)) is not None:
        points.add(m.end())
    for m in cut.finditer(text, start, end):
        points.add(m.start())
        points.add(m.end())
    for m in participle.finditer(text, start, end):
        if "VBG" in verb_forms(m.group(1)):
            points.add(m.start())
    for at in reports:
        if start <= at < end and (m := _THAT.match(text, at, end)) is not None:
            points.add(m.end())
    for m in and_verb.finditer(text, start, end):  # ", and expects to ...": a second predicate
        if _finite(m.group(1)):
            points.add(m.start())
    bounds = sorted(points)
    out = []
    for a, b in itertools.pairwise(bounds):
        span = _trimmed(text, a, b)
        if span is not None and any(ch.isalnum() for ch in span.text):
            out.append(span)
    return _rejoin_short(text, _rejoin_quotes(text, out))


def _join(text: str, a: Span, b: Span) -> Span:
    return Span(a.start, b.end, text[a.start : b.end])


_WORDS = re.compile(r"[\w’'-]+")


def _rejoin_short(text: str, spans: list[Span]) -> list[Span]:
    """Join fragments too short to be clauses (list items, appositives) to their neighbour."""
    least = _data()["min_clause_words"]

    def fragment(span: Span) -> bool:  # short and without a finite verb
        words = _WORDS.findall(span.text)
        return len(words) < least and not any(w[:1].islower() and _finite(w) for w in words)

    out: list[Span] = []
    for span in spans:
        if out and (fragment(span) or fragment(out[-1])):
            out[-1] = _join(text, out[-1], span)
        else:
            out.append(span)
    return out


def _rejoin_quotes(text: str, spans: list[Span]) -> list[Span]:
    """Undo cuts that fall inside a quotation, so a quoted statement stays one clause."""
    out: list[Span] = []
    for span in spans:
        if out:
            prev = out[-1]
            opened = text[prev.start : prev.end]
            if ((opened.count('"') % 2 == 1) or (opened.count("“") > opened.count("”"))) \
                    and span.start - prev.end < 4 and not opened.rstrip().endswith(":"):
                out[-1] = Span(prev.start, span.end, text[prev.start : span.end])
                continue
        out.append(span)
    return out
