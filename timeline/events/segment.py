"""Sentences and clauses as character spans into the untouched article text.

syntok finds sentence boundaries (it copes with abbreviations such as "U.S." and with glued
boundaries such as "Israel.President"); a line break always ends a sentence, because headlines
and datelines carry no full stop. Clauses are cut at the punctuation and connectives listed in
``data/clauses.json``, so each clause can be dated on its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import syntok.segmenter as syntok_segmenter

from .lexicon import verbs


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


# A full stop glued to the next sentence ("Israel.President"): lower-case word, stop, capital
# word of two or more letters. Abbreviations ("U.S.") have a capital before the stop.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


def _syntok_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    out: list[tuple[int, int]] = []
    for paragraph in syntok_segmenter.analyze(chunk):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if not tokens:
                continue
            first, last = tokens[0], tokens[-1]
            s, e = first.offset, last.offset + len(last.value)
            if chunk[last.offset : e] != last.value:  # syntok rewrote a token (e.g. de-hyphenation)
                e = last.offset + len(chunk[last.offset :].split(None, 1)[0])
            out.append((start + s, start + e))
    return out


def sentences(text: str) -> list[Span]:
    """The sentences of ``text`` in order, as trimmed spans; line breaks end sentences."""
    out: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        for s, e in _syntok_sentences(text, line.start(), line.end()):
            cuts = [s] + [s + m.start() for m in _GLUED.finditer(text, s, e) if s < m.start() < e] + [e]
            for a, b in zip(cuts, cuts[1:], strict=False):
                if (span := _trimmed(text, a, b)) is not None:
                    out.append(span)
    return out


@cache
def _data() -> dict:
    return json.loads(resources.files(__package__).joinpath("data/clauses.json").read_text("utf-8"))


@cache
def _clause_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = _data()
    words = "|".join(sorted(data["connectives"], key=len, reverse=True))
    # Cut before ", <connective>" and at strong punctuation; the connective opens the new clause.
    cut = re.compile(rf"(?:,\s+(?=(?:{words})\b)|\s*[;]\s+|\s*[—–]\s*|\s+--\s+|\s+--\s*(?=(?:and|but|while|which|who|when)\b)|:\s+(?=[\"“A-Z]))")
    lead = "|".join(sorted(data["leading_subordinators"], key=len, reverse=True))
    # "While the administration has been supportive ..., this marks ...": the opener is a clause.
    opener = re.compile(rf"(?:{lead})\b[^,;.]{{10,200}}?,\s+")
    report = "|".join(sorted(data["reporting_that"], key=len, reverse=True))
    # "announced on Friday that ...": the reported content is a clause of its own.
    that = re.compile(
        rf"\b(?:{report})\b[^,.;\"“]{{0,40}}?\s(?=that\s)"
        rf"|\b(?:{report})\s+(?=(?:it|he|she|they|we)\s)"
    )
    return cut, that, opener


# ", and expects to ...", ", and had made ...": a second predicate (auxiliaries and adverbs may come first)
_AND_VERB = re.compile(r",\s+and\s+(?:(?:also|then|later|now|has|have|had|is|are|was|were|will|would|\w+ly)\s+){0,3}(\w+)")


def clauses(text: str, sentence: Span) -> list[Span]:
    """The clauses of one sentence, as trimmed spans covering it in order."""
    cut, that, opener = _clause_rules()
    s, e = sentence.start, sentence.end
    points = {s, e}
    if (m := opener.match(text, s, e)) is not None:
        points.add(m.end())
    for m in cut.finditer(text, s, e):
        points.add(m.start())
        points.add(m.end())
    for m in that.finditer(text, s, e):
        points.add(m.end())
    vocab = verbs()
    for m in _AND_VERB.finditer(text, s, e):  # ", and expects to ...": a second predicate
        vf = vocab.get(m.group(1).lower())
        if vf is not None and vf.form in {"s", "past"}:
            points.add(m.start())
    bounds = sorted(p for p in points if s <= p <= e)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        span = _trimmed(text, a, b)
        if span is not None and any(ch.isalnum() for ch in span.text):
            out.append(span)
    return _rejoin_short(text, _rejoin_quotes(text, out))


def _join(text: str, a: Span, b: Span) -> Span:
    return Span(a.start, b.end, text[a.start : b.end])


def _rejoin_short(text: str, spans: list[Span]) -> list[Span]:
    """Join fragments too short to be clauses (list items, appositives) to their neighbour."""
    least = _data()["min_clause_words"]
    vocab = verbs()

    def fragment(span: Span) -> bool:  # short and without a finite happening verb
        words = span.text.split()
        return len(words) < least and not any(vocab.get(w.lower().strip(",.;:")) and vocab[w.lower().strip(",.;:")].form in {"past", "s"} for w in words)

    out: list[Span] = []
    for span in spans:
        if out and fragment(span):
            out[-1] = _join(text, out[-1], span)
        elif out and fragment(out[-1]):
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
            if (opened.count('"') % 2 == 1) or (opened.count("“") > opened.count("”")):
                if span.start - prev.end < 4 and not opened.rstrip().endswith(":"):
                    out[-1] = Span(prev.start, span.end, text[prev.start : span.end])
                    continue
        out.append(span)
    return out


def segment(text: str) -> list[tuple[Span, list[Span]]]:
    """Each sentence with its clauses."""
    return [(sent, clauses(text, sent)) for sent in sentences(text)]
