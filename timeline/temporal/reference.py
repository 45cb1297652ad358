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
