"""Titles that say who did what: the subject, the verb group and what follows, dates removed.

A title is made of the words of the event's clause, in order, with deletions only (so it never says
more than the text), and one substitution: a subject that is a pronoun ("He", "His administration",
"It", "They") or a definite description of an organisation ("The company") becomes its antecedent, the
nearest earlier actor that fits in kind (``Actors.antecedent``: a person for "he", an organisation
for "it"). A clause without a subject of its own (", citing ...", ", which cites ...", "and then
left") takes the nearest actor before it in its sentence. A report whose subject is a definite
description of a document ("The document states that ...") is titled by what it reports.

Deleted: the temporal expressions with the preposition before them ("on Tuesday", "dated June 10"),
sentence adverbs and connectives at the start ("However", "and", "which"), a leading adverbial phrase
before the comma, asides between commas that do not hold the trigger, articles (headline style). A
title longer than ``MAX_TITLE`` is cut at the last phrase boundary after the trigger that fits, and
never ends in a dangling word ("of", "the", "and"). Word tables: ``data/titles.json``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from functools import cache

from timeline.models import MAX_TITLE
from timeline.nlp import tokens, verb_forms

from . import lexicon
from .actors import Actors


@cache
def _rules() -> dict:
    data = lexicon.load("titles")
    return {
        "date_prepositions": frozenset(data["date_prepositions"]),
        "openers": frozenset(w.lower() for w in data["openers"]),
        "clause_openers": frozenset(data["clause_openers"]),
        "articles": frozenset(data["articles"]),
        "dangling": frozenset(data["dangling"]),
        "boundaries": frozenset(data["boundaries"]),
        "lead_phrases": frozenset(w.split()[0].lower() for w in data["lead_phrases"]),
        "pronouns": {w: kind for kind, ws in data["pronouns"].items() for w in ws},
        "possessives": frozenset(data["possessive_pronouns"]),
        "organisations": frozenset(data["organisation_nouns"]),
        "documents": frozenset(data["document_nouns"]),
    }


_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "”", "’", "'s", "’s", "%"})
_NO_SPACE_AFTER = frozenset({"(", "[", "“", "$", "#"})
_QUOTES = frozenset({'"', "“", "”", "``", "''"})


def _join(words: Sequence[str]) -> str:
    out: list[str] = []
    for w in words:
        if out and w not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(w)
    return "".join(out)


def _prefix_lengths(words: Sequence[str]) -> list[int]:
    """len(_join(words[:k])) for every k, in one pass (the cut below asks for many prefixes)."""
    out = [0]
    for k, w in enumerate(words):
        space = k > 0 and w not in _NO_SPACE_BEFORE and words[k - 1] not in _NO_SPACE_AFTER
        out.append(out[-1] + space + len(w))
    return out


def _trim(words: list[str], trigger_at: int) -> list[str]:
    """At most MAX_TITLE characters, cut at a phrase boundary after the trigger; no dangling last word."""
    r = _rules()
    length = _prefix_lengths(words)
    if length[-1] > MAX_TITLE:
        cut = None
        for k in range(len(words) - 1, max(trigger_at, 1), -1):
            inside_name = words[k].islower() and words[k - 1][:1].isupper() and k + 1 < len(words) and words[k + 1][:1].isupper()
            if words[k].lower() in r["boundaries"] and not inside_name and 30 <= length[k] <= MAX_TITLE:
                cut = k
                break
        if cut is None:
            cut = len(words)
            while cut > 1 and length[cut] > MAX_TITLE:
                cut -= 1
        words = words[:cut]
    while len(words) > 2 and (words[-1].lower() in r["dangling"] or words[-1] in (",", ";", ":", "—", "–", "-", ".")):
        words = words[:-1]
    return words


def subject_kind(subject: list[str]) -> tuple[str, int] | None:
    """(antecedent kind, words replaced) when a subject is a pronoun or "the <organisation noun>"."""
    r = _rules()
    if not subject or (subject[0].isupper() and len(subject[0]) > 1):
        return None  # "US" is no "us"
    first = subject[0].lower()
    if first in r["pronouns"]:
        return r["pronouns"][first], 1
    if first in ("the", "this") and len(subject) >= 2 and subject[1].lower() in r["organisations"] \
            and not any(w[:1].isupper() for w in subject[1:]):
        return "org", 2
    return None


def subject_before(words: list[str], i: int, vi: int) -> bool:
    """Whether the clause has a subject before its verb: not when it opens with a verb form (", citing
    ...", "and accelerated ...") or its verb group comes first."""
    if i >= vi:
        return False
    w = words[i]
    return not (w[:1].islower() or i == 0) or not (verb_forms(w) & {"VBG", "VBD", "VBN", "VBZ"}) \
        or w.lower() in _rules()["articles"]


def title(text: str, clause: tuple[int, int], trigger: tuple[int, int], verb_start: int, sentence_start: int,
          dates: Sequence[tuple[int, int]], actors: Actors, reporting: bool = False,
          content: tuple[int, int] | None = None, toks: list[tuple[int, int]] | None = None) -> str:
    """The title of the event whose trigger is text[trigger[0]:trigger[1]] in the clause text[clause[0]:clause[1]].

    ``verb_start``: where the trigger's verb group begins (its first auxiliary); ``dates``: the temporal
    expressions of the clause; ``content``: the clause a report introduces (titles a report by a
    document)."""
    r = _rules()
    a, b = clause
    toks = toks if toks is not None else tokens(text, a, b)
    dates = sorted(dates)
    starts = [d[0] for d in dates]

    def in_date(x: int) -> bool:
        k = bisect.bisect_right(starts, x) - 1
        return k >= 0 and dates[k][0] <= x < dates[k][1]

    words = [text[s:e] for s, e in toks]
    keep = [not in_date(s) for s, _ in toks]
    for i in range(len(toks) - 1):  # "on Tuesday", "dated June 10": the preposition goes with its date
        if keep[i] and not keep[i + 1] and words[i].lower() in r["date_prepositions"]:
            keep[i] = False
    ti = next((i for i, (s, _) in enumerate(toks) if s >= trigger[0]), len(toks) - 1)
    vi = next((i for i, (s, _) in enumerate(toks) if s >= verb_start), ti)
    # leading connectives, sentence adverbs, and an adverbial phrase up to its comma before the subject
    i = 0
    while i < vi and (words[i].lower() in r["clause_openers"] or words[i].lower() in r["openers"] or not keep[i]
                      or words[i] in (",", ";", ":", "—", "–", "-") or words[i] in _QUOTES):
        keep[i] = False
        i += 1
    commas = [k for k in range(i, vi) if words[k] == ","]
    if commas and (words[i].lower() in r["lead_phrases"] or any(keep[k] for k in range(commas[-1] + 1, vi))):
        # "During the meeting, Trump ...", "Now, well into his second term, the leader ...": the subject
        # is what follows the last comma before the verb
        cut = commas[0] if words[i].lower() in r["lead_phrases"] and len(commas) == 1 else commas[-1]
        if any(keep[k] for k in range(cut + 1, vi)):
            for k in range(i, cut + 1):
                keep[k] = False
            i = cut + 1
    # asides between commas that do not hold the trigger ("Trump, for his part, reiterated")
    commas = [k for k, w in enumerate(words) if w == ","]
    for x, y in itertools.pairwise(commas):
        if not x < ti < y and y - x <= 11 and x >= i:
            inner = words[x + 1:y]
            if inner and inner[0].lower() not in ("and", "or") and not any(w.isdigit() for w in inner):
                for k in range(x, y + 1):
                    keep[k] = False
    for k, w in enumerate(words):
        if w.lower() in r["articles"] or (w in _QUOTES and k != ti):
            keep[k] = False
    for x, y in itertools.pairwise(commas):  # ", dated June 10,": nothing left between
        if not any(keep[k] for k in range(x + 1, y)):
            keep[y] = False
    subject = [words[k] for k in range(i, vi) if keep[k] and words[k] not in (",", ";")]
    rest = [words[k] for k in range(vi, len(words)) if keep[k]]
    head: list[str] = []
    replaced = subject_kind([words[k] for k in range(i, vi) if keep[k] or words[k].lower() in r["articles"]])
    if replaced is not None:
        kind, n = replaced
        skip = [k for k in range(i, vi) if keep[k] or words[k].lower() in r["articles"]][:n]
        who = actors.antecedent(toks[skip[0]][0], kind)
        first = words[skip[0]].lower()
        if who is not None:
            head = [who.name + ("’s" if first in r["possessives"] else "")]
        subject = [words[k] for k in range(i, vi) if keep[k] and k not in skip and words[k] not in (",", ";")]
    elif i < len(words) and i <= vi and not subject_before(words, i, vi):
        # no subject of its own: a relative clause's is the actor right before it, another's (", citing",
        # "and then left") the sentence's first actor
        relative = i > 0 and words[i - 1].lower() in ("which", "who", "that")
        who = actors.antecedent(a, "any") if relative else actors.first(sentence_start, a)
        if who is not None and who.start >= sentence_start:
            head = [who.name]
    elif reporting and content is not None and subject and not any(w[:1].isupper() for w in subject[1:]) \
            and subject[-1].lower() in r["documents"]:
        # "The document states that ...": what the document says
        sub = content
        return title(text, sub, (sub[0], sub[0] + 1), sub[0], sentence_start,
                     [d for d in dates if sub[0] <= d[0] < sub[1]], actors)
    words_out = head + subject + rest
    if len(words_out) > 3 and words_out[0].lower() in r["documents"] and verb_forms(words_out[1]) & {"VBZ", "VBD"} \
            and words_out[2].lower() == "that":
        words_out = words_out[3:]  # "The document states that X": what the document says
    out = _trim(words_out, len(head) + len(subject) + max(0, ti - vi))
    while out and (out[0].lower() in r["pronouns"] or out[0].lower() in r["openers"]
                   or out[0] in (",", ";", ":")):
        # never a pronoun first ("He said" without an antecedent is titled "Said ..."), nor a sentence
        # adverb or conjunction that a clause cut left in front ("And a similar amount was skimmed")
        out = out[1:]
    text_out = _join(out).strip()
    if not text_out:
        text_out = text[trigger[0]:trigger[1]]
    return _fit(text_out[:1].upper() + text_out[1:])


def _fit(title_text: str) -> str:
    """A title the model accepts: a single word longer than MAX_TITLE (a URL, a run of characters without
    spaces) is cut at the last space that fits, else at MAX_TITLE - 1, and marked with an ellipsis."""
    if len(title_text) <= MAX_TITLE:
        return title_text
    head = title_text[:MAX_TITLE - 1]
    space = head.rfind(" ")
    return (head[:space] if space >= 30 else head).rstrip() + "…"
