"""Titles (short, no date words, words from the clause) and actors."""

from __future__ import annotations

import re

import pytest

from timeline.events.actors import actors
from timeline.events.title import title
from timeline.models import MAX_TITLE

CLAUSES = [
    ("The document, dated June 10, states that any actions taken against Israel as a result of the conference "
     "would be seen as contrary to U.S. foreign policy interests.", ["June 10"]),
    ("Still, U.S. Ambassador to Israel Mike Huckabee, known for his staunchly pro-Israel views, stated on Tuesday "
     "that the idea of an independent Palestinian state is no longer among the foreign policy goals of the United States.",
     ["Tuesday"]),
    ("Behind the scenes, the West Bank topic featured prominently in preparatory discussions earlier in the day "
     "involving Secretary of State Marco Rubio, Steve Witkoff, and Jared Kushner.", ["earlier in the day"]),
    ("The Airbus A380 landed at Singapore's Changi International Airport at 6:40 p.m. on October 17, 2007.",
     ["6:40 p.m.", "October 17, 2007"]),
    ("On Thursday, General Motors filed for bankruptcy protection.", ["Thursday"]),
]

DATE_WORDS = re.compile(r"\b(?:June|Tuesday|Thursday|October|2007|10|earlier in the day|6:40)\b")
DANGLING = re.compile(r"(?:\b(?:on|in|at|by|dated|of|the|a|to|and)|[,;:—(-])$", re.I)


def _spans(clause: str, dates: list[str]) -> list[tuple[int, int]]:
    return [(clause.index(d), clause.index(d) + len(d)) for d in dates]


@pytest.mark.parametrize(("clause", "dates"), CLAUSES)
def test_title_is_short_without_date_words_or_dangling_end(clause: str, dates: list[str]) -> None:
    t = title(clause, _spans(clause, dates))
    assert 0 < len(t) <= MAX_TITLE
    assert not DATE_WORDS.search(t), t
    assert not DANGLING.search(t), t
    assert t[0].isupper()


@pytest.mark.parametrize(("clause", "dates"), CLAUSES)
def test_title_words_all_come_from_the_clause(clause: str, dates: list[str]) -> None:
    words = {w.lower().rstrip(".") for w in re.findall(r"[\w’'.-]+", clause)}
    for w in re.findall(r"[\w’'.-]+", title(clause, _spans(clause, dates))):
        assert w.lower().rstrip(".") in words, w


def test_title_drops_dated_aside_and_keeps_subject_and_verb() -> None:
    clause = CLAUSES[0][0]
    t = title(clause, _spans(clause, ["June 10"]))
    assert t.startswith("Document states")
    assert "dated" not in t


def test_leading_date_phrase_removed() -> None:
    assert title("On Thursday, General Motors filed for bankruptcy protection.", [(3, 11)]) == \
        "General Motors filed for bankruptcy protection"


def test_actors_strip_titles_and_possessives() -> None:
    found = actors("President Donald Trump has privately urged Israeli Prime Minister Benjamin Netanyahu "
                   "to reconsider Israel’s approach toward the occupied West Bank")
    assert found[:2] == ["Donald Trump", "Benjamin Netanyahu"]
    assert "Israel" in found and "West Bank" in found


def test_actors_skip_openers_and_calendar_words() -> None:
    found = actors("Still, on Tuesday, U.S. Ambassador to Israel Mike Huckabee met the Bank of England in June.")
    assert "Still" not in found and "Tuesday" not in found and "June" not in found
    assert "Mike Huckabee" in found and "Bank of England" in found


def test_actors_keep_company_names() -> None:
    assert actors("United States automobile company General Motors announced it") == ["United States", "General Motors"]


def test_capitalised_common_noun_at_sentence_start_is_not_an_actor() -> None:
    article = "Storm hits coast. The storm killed 12 people in Florida."
    assert actors("Storm hits coast", article) == []
    assert actors("The storm killed 12 people in Florida.", article) == ["Florida"]


def test_actors_have_one_spelling_per_abbreviation() -> None:
    found = actors("The U.S. and the US Treasury agreed with the U.K. on Monday, the US said.")
    assert found == ["US", "US Treasury", "UK"]


def test_offices_leave_their_organisation_and_split_from_names() -> None:
    assert actors("said Stephen Harper, Prime Minister of Canada.") == ["Stephen Harper", "Canada"]
    assert actors("said Joe Leonard, Chief Operating Officer of AirTran Airways.") == ["Joe Leonard", "AirTran Airways"]
    assert actors("Ford Motor Company CEO Alan Mulally said") == ["Ford Motor Company", "Alan Mulally"]
    assert actors("White House Press Secretary Dana Perino said") == ["White House", "Dana Perino"]
    assert actors("Secretary of State Marco Rubio met the Secretary of State") == ["Marco Rubio"]


def test_common_words_opening_sentences_are_no_actors() -> None:
    article = ("Executives from several firms met. Three of them spoke. Instead, GM said the chief executive "
               "would resign. We've seen nothing, Boeing said. Boeing rose.")
    assert actors("Executives from several firms met.", article) == []
    assert actors("Three of them spoke.", article) == []
    assert actors("Instead, GM said the chief executive would resign.", article) == ["GM"]
    assert actors("We've seen nothing, Boeing said.", article) == ["Boeing"]
    assert actors("Boeing rose.", article) == ["Boeing"]


def test_routes_and_led_adjectives() -> None:
    assert actors("It can fly from London to Sydney non-stop.") == ["London", "Sydney"]
    assert actors("AirTanker Ltd., an EADS-led consortium, signed") == ["AirTanker Ltd.", "EADS"]
    assert actors("U.S. Ambassador to Israel Mike Huckabee said") == ["Mike Huckabee"]


def test_a_surname_that_is_also_a_title_word_stays() -> None:
    assert actors("said Jim Press, Vice Chairman of Chrysler LLC.") == ["Jim Press", "Chrysler LLC"]
    assert actors("said Dana Perino, the White House Press Secretary") == ["Dana Perino", "White House"]
