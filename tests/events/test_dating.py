"""Dating a trigger: its verb group (reference.py), the learned choice among times, the rules of grammar
and reference. Texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import temporal
from timeline.events import analyse
from timeline.models import Article
from timeline.temporal.reference import since, verb_group

D = dt.date


@pytest.mark.parametrize("text,word,tense,aspect,mood", [
    ("The Lakers beat the Celtics on Monday.", "beat", "past", "none", "indicative"),
    ("Shares have fallen sharply.", "fallen", "present", "perfect", "indicative"),
    ("The committee is considering the bill.", "considering", "present", "progressive", "indicative"),
    ("The court will rule in June.", "rule", "future", "none", "indicative"),
    ("The company is going to sell the unit.", "sell", "future", "none", "indicative"),
    ("They plan to cut jobs.", "cut", "none", "none", "infinitive"),
    ("The bank could raise rates.", "raise", "none", "none", "modal"),
    ("The attack killed five people.", "attack", "none", "none", "nominal"),
    ("He did not attend the hearing.", "attend", "past", "none", "indicative"),
    ("The minister was responsible for the delay.", "responsible", "past", "none", "nominal"),
])
def test_verb_groups(text: str, word: str, tense: str, aspect: str, mood: str) -> None:
    i = text.index(word)
    g = verb_group(text, i, i + len(word))
    assert (g.tense, g.aspect, g.mood) == (tense, aspect, mood)
    assert g.negated == ("not" in text)


def test_since_opens_a_period() -> None:
    text = "Talks have stalled since March."
    assert since(text, text.index("March")) and not since(text, text.index("Talks"))


def _when(text: str, published: dt.date, word: str):
    article = Article(id="t", text=text, published=published)
    lines, _ = analyse(article, temporal.tag(article))
    return next(x.when for x in lines if x.text == word)


def test_a_statement_is_dated_by_its_own_day_not_by_a_date_in_the_sentence_before() -> None:
    text = "A federal judge scheduled sentencing for June 12. His lawyers said on Wednesday that they would appeal."
    w = _when(text, D(2025, 5, 15), "said")
    assert (w.start, w.end) == (D(2025, 5, 14), D(2025, 5, 14))


def test_a_future_verb_takes_the_time_after_publication() -> None:
    text = "He was charged on Friday and will appear in court on September 4."
    assert _when(text, D(2023, 8, 25), "appear").start == D(2023, 9, 4)


def test_a_future_verb_without_a_date_lies_after_publication_open_ended() -> None:
    w = _when("The central bank will announce its decision.", D(2024, 9, 19), "announce")
    assert w.value == "FUTURE_REF" and w.start == D(2024, 9, 20) and w.end is None


def test_since_dates_an_open_interval() -> None:
    w = _when("The border has been closed since March 2020.", D(2021, 1, 10), "closed")
    assert w.start == D(2020, 3, 1) and w.end is None


def test_a_definite_event_noun_takes_the_date_of_the_same_noun_before() -> None:
    text = ("The leaders held a summit in Geneva on June 3. Protesters gathered outside. "
            "After the summit, the president flew home.")
    w = _when(text, D(2025, 6, 10), "summit")
    assert w.start == D(2025, 6, 3)
    flew = _when(text, D(2025, 6, 10), "flew")
    assert flew.start == D(2025, 6, 3)  # framed by "after the summit"


def test_upcoming_event_noun_lies_after_publication() -> None:
    w = _when("Ministers prepared for an upcoming summit on trade.", D(2025, 6, 10), "summit")
    assert w.value == "FUTURE_REF" and w.start > D(2025, 6, 10)
