"""The reference time of an expression or an event: tense and aspect of its clause, reported
speech, the scheduled present and the future, the date the paragraph is narrating.

This is the ONE reference-time module (DESIGN.md): the temporal tagger and the events stage both
ask it, so a clause has one tense whichever stage looks.
"""

from __future__ import annotations

import re

# Tense cues (see tense()), one alternation scanned once per sentence. Future cues are modal and
# planning words (first: "scheduled" is a plan, not a past -ed); past cues are auxiliaries, common
# irregular verbs and -ed forms (not after "be"/"is": "should be completed", "is officially
# reported" are no past); present cues are wanting and needing, obligation and the progressive
# ("wants to eliminate dealers by early June", "is closing plants in March").
_CUES = re.compile(
    r"\b(?:(?P<future>will|won['’]t|shall|['’]ll|going\s+to|is\s+to|are\s+to|due\s+to|scheduled|planned|plans?\s+to|"
    r"expected\s+to|set\s+to|intends?\s+to|upcoming|next|expects?|expecting|anticipates?|likely|possibly|"
    r"as\s+early\s+as|as\s+soon\s+as|(?-i:should|may|might|could|would))"
    r"|(?P<past>was|were|had|did|said|told|met|made|took|gave|went|came|saw|held|left|sent|spoke|wrote|began|"
    r"won|lost|fell|rose|ago|last|earlier)"
    r"|(?P<ed>\w{2,}ed)"
    r"|(?P<present>wants?|needs?|hopes?|aims?|seeks?|must|ha(?:s|ve)\s+to|(?:is|are|am)\s+(?:\w+ly\s+)?\w{2,}ing))\b",
    re.I,
)
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|am)\s+(?:\w+ly\s+)?$", re.I)
_SENT_BREAK = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“(])|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(0, start - 400)
    left = a
    for m in _SENT_BREAK.finditer(text, a, start):
        left = m.end()
    m = _SENT_BREAK.search(text, end, min(len(text), end + 400))
    return left, (m.start() + 1 if m else min(len(text), end + 400))


def tense(text: str, start: int, end: int, present: bool = False) -> str | None:
    """'past', 'future' or None for the clause around text[start:end] ('present' too when asked).

    The governing verb usually comes first ("said on Monday it would ...", "will meet on
    Tuesday"), so the nearest cue before the expression in its sentence decides; only a sentence
    that opens with the expression ("On Tuesday, police said ...") looks after it."""
    a, b = sentence_bounds(text, start, end)
    before: tuple[int, int, str] | None = None  # (distance, past loses ties, name)
    after: tuple[int, int, str] | None = None
    for m in _CUES.finditer(text, a, b):
        ms = m.start()
        if start <= ms < end:
            continue  # the expression itself ("last week") is no tense cue
        name = m.lastgroup
        if name == "ed":
            if _PASSIVE.search(text, max(0, ms - 24), ms):
                continue
            name = "past"
        elif name == "present" and not present:
            continue
        if m.end() <= start:
            key = (start - m.end(), name != "past", name)
            if before is None or key < before:
                before = key
        else:
            key = (ms - end, name != "past", name)
            if after is None or key < after:
                after = key
    best = before or after
    return best[2] if best else None


# --- used by the events stage ---------------------------------------------------------------------
# The verb group of an event trigger: tense, aspect and mood from the trigger's own form and the
# auxiliaries before it ("had been cut", "will meet", "is to vote", "to exercise", "could fly"), with
# lemminflect's tables for the forms (timeline.nlp.verb_forms), so no verb needs to be listed. The
# events stage dates a trigger by it; ``since`` tells a period's start from a happening's time.

from dataclasses import dataclass  # noqa: E402

from timeline.nlp import parts_of_speech, tokens, verb_forms  # noqa: E402

_AUX = {
    "will": "future", "shall": "future", "'ll": "future", "’ll": "future", "wo": "future",
    "would": "modal", "could": "modal", "should": "modal", "might": "modal", "may": "modal", "must": "modal",
    "can": "modal", "ca": "modal", "cannot": "modal", "'d": "modal", "’d": "modal",
    "has": "have_present", "have": "have_present", "'ve": "have_present", "’ve": "have_present",
    "had": "have_past",
    "is": "be_present", "are": "be_present", "am": "be_present", "'s": "be_present", "’s": "be_present",
    "'re": "be_present", "’re": "be_present", "'m": "be_present", "’m": "be_present",
    "was": "be_past", "were": "be_past", "be": "be", "been": "be", "being": "be",
    "did": "do_past", "does": "do_present", "do": "do_present", "to": "to",
    "get": "be", "got": "be_past", "gets": "be_present",  # the get-passive: "got fired"
}
# Words that may stand inside a verb group without ending it ("has also been", "will not", "is now").
_INSIDE = frozenset({"not", "n't", "n’t", "never", "also", "just", "already", "still", "now", "then", "yet", "ever",
                     "even", "only", "again", "all", "both", "each", "soon", "finally", "recently", "currently",
                     "reportedly", "allegedly", "apparently", "probably", "certainly", "actually", "further", "later"})
_NEGATION = frozenset({"not", "n't", "n’t", "never", "cannot"})
# Before a word that can be noun or verb, these make it a noun ("the attack", "a cut", "its report").
_NOMINAL_BEFORE = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
                             "my", "your", "no", "any", "some", "each", "every", "of", "for", "in", "on", "at", "by",
                             "with", "from", "after", "before", "during", "against", "into", "about", "such", "another",
                             "s", "'s", "’s"})


@dataclass(frozen=True, slots=True)
class VerbGroup:
    """The grammatical time of a trigger.

    tense: past, present, future or none (infinitives, participles, nouns and adjectives have none);
    aspect: perfect, progressive, perfect progressive or none; mood: indicative, modal (would, could,
    may...), infinitive ("to cut"), participle ("citing", "announced on Monday" as a reduced relative)
    or nominal (a noun or adjective); start: where the group begins (its first auxiliary)."""

    tense: str
    aspect: str
    mood: str
    negated: bool
    start: int

    @property
    def finite(self) -> bool:
        return self.mood in ("indicative", "modal")


def _tok(text: str, a: int, b: int) -> str:
    return text[a:b].lower()


def _in_noun_phrase(text: str, before: list[tuple[int, int]]) -> bool:
    """Whether the word after ``before`` ends a noun phrase: a determiner or preposition comes first,
    with at most three modifiers between ("the attack", "the terrorist bomb attacks", "of rising costs")."""
    for a, b in reversed(before[-4:]):
        w = _tok(text, a, b)
        if w in _NOMINAL_BEFORE:
            return True
        pos = parts_of_speech(text[a:b])
        if not (pos & {"ADJ", "NOUN"}) or w in _AUX or verb_forms(text[a:b]) & {"VBD", "VBZ"} or not w.isalpha():
            return False  # a verb, an auxiliary, punctuation or a name: no noun phrase runs through it
    return False


def verb_group(text: str, start: int, end: int, sentence_start: int = 0,
               before: list[tuple[int, int]] | None = None) -> VerbGroup:
    """The verb group whose head is text[start:end] (an event trigger), read from the auxiliaries before it
    (``before``: the tokens of its sentence before it, when the caller has them)."""
    word = text[start:end]
    if before is None:
        before = tokens(text, max(sentence_start, start - 80), start)
    else:
        before = before[-8:]
    aux: list[str] = []
    negated = False
    first = start
    for a, b in reversed(before):
        w = _tok(text, a, b)
        if w in _NEGATION:
            negated = True
            first = a
            continue
        if w in _AUX:
            aux.insert(0, w)
            first = a
            if w == "to" and len(aux) == 1 and aux == ["to"]:
                # "going to", "about to", "used to": a future or a past habit, not an infinitive
                prev = next(((x, y) for x, y in reversed(before) if x < a), None)
                p = _tok(text, *prev) if prev else ""
                if p in ("going", "about"):
                    aux = ["will"]
                elif p == "used":
                    aux = ["did"]
                else:
                    break  # "plans to cut": the infinitive ends the group
            continue
        if w in _INSIDE or (w.endswith("ly") and len(w) > 4):
            continue
        break
    forms = verb_forms(word)
    pos = parts_of_speech(word)
    if not aux:
        if not forms or (("NOUN" in pos or "ADJ" in pos or "VBG" in forms) and _in_noun_phrase(text, before)):
            return VerbGroup("none", "none", "nominal", negated, start)
        if forms & {"VBD"}:
            return VerbGroup("past", "none", "indicative", negated, start)
        if "VBZ" in forms or "VBP" in forms:
            return VerbGroup("present", "none", "indicative", negated, start)
        if "VBG" in forms:
            return VerbGroup("none", "progressive", "participle", negated, start)
        return VerbGroup("none", "none", "participle", negated, start)  # "beaten", "taken": a reduced relative
    kinds = [_AUX[a] for a in aux]
    head = kinds[0]
    perfect = any(k.startswith("have") for k in kinds) and bool(forms & {"VBN", "VBD"} or "been" in aux)
    progressive = "VBG" in forms and any(k.startswith("be") for k in kinds)
    aspect = "perfect progressive" if perfect and progressive else "perfect" if perfect else \
        "progressive" if progressive else "none"
    nominal = not forms  # "was responsible", "is a risk": the copula carries the tense
    if head == "to":
        return VerbGroup("none", aspect, "infinitive", negated, first)
    if head == "modal":
        return VerbGroup("none", aspect, "modal", negated, first)
    tense = "future" if head == "future" else "past" if head.endswith("_past") else \
        "present" if head.endswith("_present") else "none"
    mood = "nominal" if nominal else "indicative" if tense != "none" else "infinitive"
    return VerbGroup(tense, aspect, mood, negated, first)


_SINCE = re.compile(r"\b(?:since|ever\s+since)\s+$", re.IGNORECASE)


def since(text: str, start: int) -> bool:
    """Whether the time at ``start`` is introduced by "since": the start of a period still open."""
    return _SINCE.search(text, max(0, start - 12), start) is not None
