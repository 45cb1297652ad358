"""How much an event matters to the story, in [0, 1], and whether it is minor.

The order the issue asks for, as additive parts: a happening (TimeML OCCURRENCE, I_ACTION, ASPECTUAL)
ranks above a report (REPORTING), which ranks above perceptions and mental states (PERCEPTION,
I_STATE), which rank above states (STATE). A date written for the event adds most, a date shared with
its clause less, a date from the narrative or the publication day least. A finite verb of the main
clause ranks above a participle, an infinitive or a noun; a modal or negated verb ("could trigger",
"did not attend") and words inside a quotation rank lower; the first paragraphs (the lead) rank
higher. The model's margin over "no event" adds a little.

Minor events (``Event.minor``) are states, mental states, modal or negated happenings, whatever
scores below ``MINOR_BELOW``, and, beyond one event per two sentences of the article (``shown``), the
less salient: they stay in timeline.json, flagged, and the HTML and ICS leave them out by default.
"""

from __future__ import annotations

from .dating import Dated

CLASS = {"OCCURRENCE": 0.45, "I_ACTION": 0.4, "ASPECTUAL": 0.35, "REPORTING": 0.3, "PERCEPTION": 0.2,
         "I_STATE": 0.15, "STATE": 0.1}
HOW = {"own": 0.3, "reference": 0.3, "future": 0.25, "narrative": 0.1, "publication": 0.0, "none": -0.1}
NOW = 0.05  # an own date that only says "now" (PRESENT_REF) is worth little more than the publication day
MOOD = {"indicative": 0.1, "participle": 0.0, "nominal": 0.0, "infinitive": -0.05, "modal": -0.2}
QUOTED = -0.1
NEGATED = -0.2
LEAD = 0.05  # the first two paragraphs
MARGIN = 0.05  # times the margin, capped at 2
MINOR_BELOW = 0.55
MINOR_CLASSES = frozenset({"STATE", "I_STATE"})


def salience(d: Dated, quoted: bool, paragraph: int) -> float:
    how = HOW.get(d.how, 0.0)
    if d.how == "own" and d.mention is not None and d.mention.when.value == "PRESENT_REF":
        how = NOW
    s = CLASS.get(d.trigger.cls, 0.2) + how + MOOD.get(d.group.mood, 0.0)
    s += MARGIN * min(max(d.trigger.margin, 0.0), 2.0)
    if quoted:
        s += QUOTED
    if d.group.negated:
        s += NEGATED
    if paragraph < 2:
        s += LEAD
    return round(min(1.0, max(0.0, s)), 3)


def minor(d: Dated, score: float) -> bool:
    return score < MINOR_BELOW or d.trigger.cls in MINOR_CLASSES or d.group.mood == "modal" or d.group.negated


def shown(sentences: int) -> int:
    """How many events of an article the HTML and ICS show at most: one per two sentences (the most
    salient), so a long analysis piece does not bury its few dated happenings."""
    return max(1, -(-sentences // 2))
