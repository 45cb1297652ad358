"""reference.py: tense and aspect of verb groups, the contract of tense(), background dates, and the
tense module measured against the gold tense and aspect of TimeBank/AQUAINT's MAKEINSTANCE elements."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED, need
from timeline.evaluate.timeml_events import read_event_doc
from timeline.temporal.reference import (
    Reference,
    background,
    direction,
    governing,
    tense,
)

# (sentence, the word whose verb group we ask about, tense, aspect)
GROUPS = [
    ("The court ruled on Tuesday.", "ruled", "past", "simple"),
    ("The striker has scored twice this season.", "scored", "present", "perfect"),
    ("The company had expected a loss.", "expected", "past", "perfect"),
    ("Rescuers are searching the rubble.", "searching", "present", "progressive"),
    ("The band will play in Lisbon.", "play", "future", "simple"),
    ("The minister would resign if defeated.", "resign", "conditional", "simple"),
    ("Prices have been rising for months.", "rising", "present", "perfect_progressive"),
    ("The museum is to reopen in May.", "reopen", "present", "simple"),
    ("Investors thrashed out a deal.", "thrashed", "past", "simple"),  # a past form no list holds
]


@pytest.mark.parametrize(("sentence", "word", "t", "aspect"), GROUPS, ids=[g[1] for g in GROUPS])
def test_verb_group_tense_and_aspect(sentence: str, word: str, t: str, aspect: str) -> None:
    i = sentence.index(word)
    g = next(g for g in Reference(sentence).groups(i) if g.start <= i < g.end)
    assert (g.tense, g.aspect) == (t, aspect)


def test_tense_contract() -> None:
    """tense(text, start, end, present=False) -> 'past' | 'future' | 'present' | None."""
    s = "Officials said on Monday that the plant will close in March. The market is open on Sunday."
    assert tense(s, s.index("Monday"), s.index("Monday") + 6) == "past"
    assert tense(s, s.index("March"), s.index("March") + 5) == "future"
    sunday = s.index("Sunday")
    assert tense(s, sunday, sunday + 6) is None  # the present only when asked
    assert tense(s, sunday, sunday + 6, present=True) == "present"
    assert tense("Tuesday.", 0, 7) is None  # no verb at all
    g = governing(s, s.index("March"), s.index("March") + 5)
    assert g is not None and g.lemma == "close" and g.modal == "will"


@pytest.mark.parametrize(("sentence", "phrase", "expected"), [
    ("On Tuesday, police said the suspect fled.", "Tuesday", "past"),  # a fronted time: the verb after it
    ("The hearing is on Monday.", "Monday", "present"),  # the scheduled present
    ("The vote was postponed until Friday.", "Friday", "future"),
    ("Exports have risen since March.", "March", "past"),
    ("The board plans to meet on Friday.", "Friday", "future"),
    ("He was removed from the list on Friday.", "Friday", "past"),
    ("The bakery chain posted a quarterly loss on Thursday.", "Thursday", "past"),  # "a quarterly loss" is no verb
])
def test_direction(sentence: str, phrase: str, expected: str) -> None:
    i = sentence.index(phrase)
    assert direction(sentence, i, i + len(phrase)) == expected


@pytest.mark.parametrize(("sentence", "phrase", "why"), [
    ("She won the first gold since the 1968 Olympics.", "1968", "noun"),
    ("It was the worst flood since 1927.", "1927", "comparison"),
    ("He praised the 1968 Olympics team.", "1968", "noun"),
    ("Obama, who was elected in 2008, spoke.", "2008", "clause"),
    ("Documents found in 2004 proved the claim.", "2004", "clause"),
    ("The judge, appointed in 2009, ruled.", "2009", "clause"),
    ("In 2008, sales fell.", "2008", None),
    ("The war began in 1939.", "1939", None),
])
def test_background(sentence: str, phrase: str, why: str | None) -> None:
    i = sentence.index(phrase)
    assert background(sentence, i, i + len(phrase)) == why


# --- the tense module against TimeBank/AQUAINT's gold tense (MAKEINSTANCE) -------------------------

TBAQ = SHARED / "corpora" / "tbaq"
GOLD_TENSE = {"PAST": "past", "PRESENT": "present", "FUTURE": "future"}


def test_tense_agrees_with_timebank_gold() -> None:
    """Finite verb events: the tense of the verb group holding them. Floors are measured values,
    rounded down (2026-11-23: tense 92.7%, aspect 97.2% on 3,518 finite verb events)."""
    need(TBAQ.is_dir(), "../shared/corpora/tbaq absent")
    right = total = aspect_right = aspect_total = 0
    aspects = {"NONE": "simple", "PERFECTIVE": "perfect", "PROGRESSIVE": "progressive",
               "PERFECTIVE_PROGRESSIVE": "perfect_progressive"}
    for path in sorted((TBAQ / "TimeBank").glob("*.tml")) + sorted((TBAQ / "AQUAINT").glob("*.tml")):
        doc = read_event_doc(path)
        ref = Reference(doc.doc.text)
        for e in doc.events:
            if e.pos != "VERB" or e.tense not in GOLD_TENSE:
                continue  # finite verb events only (gold tense PAST, PRESENT or FUTURE)
            offset, t, a = e.start, e.tense, e.aspect or "NONE"
            total += 1
            g = next((g for g in ref.groups(offset) if g.start <= offset < g.end), None)
            if g is None:
                continue
            right += g.tense == GOLD_TENSE[t]
            aspect_total += 1
            aspect_right += g.aspect == aspects.get(a, a)
    print(f"tense {100 * right / total:.1f}% of {total}; aspect {100 * aspect_right / aspect_total:.1f}%")
    assert total > 3000
    assert 100 * right / total >= 92
    assert 100 * aspect_right / aspect_total >= 97
