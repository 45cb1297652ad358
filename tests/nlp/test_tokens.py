"""The one tokenizer and sentence splitter, on texts of several kinds of news."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from timeline.nlp import Sentences, lemma, parts_of_speech, sentences, tokens


def _texts(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # markets: a company suffix inside a sentence and at its end
        ("Apple Inc. said on Monday its shares rose 3.5 percent. The stock closed at $190.20.",
         ["Apple Inc. said on Monday its shares rose 3.5 percent.", "The stock closed at $190.20."]),
        ("The deal was signed by Acme Corp. The regulator approved it on Friday.",
         ["The deal was signed by Acme Corp.", "The regulator approved it on Friday."]),
        # courts: titles never end a sentence, quotations close before the break
        ('Judge Amy Lee told Mr. Ortiz he would be sentenced. "I accept," he said. He left at 4 p.m. on Tuesday.',
         ["Judge Amy Lee told Mr. Ortiz he would be sentenced.", '"I accept," he said.', "He left at 4 p.m. on Tuesday."]),
        # politics: dotted abbreviations before a lower-case word and before a new sentence
        ("U.S. officials met Sen. Warren in Washington, D.C. on Monday. They spoke for an hour.",
         ["U.S. officials met Sen. Warren in Washington, D.C. on Monday.", "They spoke for an hour."]),
        ("The vote was held in the U.S. But the result surprised no one.",
         ["The vote was held in the U.S.", "But the result surprised no one."]),
        # sports: initials, ranks, exclamations and questions
        ("J. R. Smith scored 30 as the No. 2 seed won! Who saw that coming? Nobody did.",
         ["J. R. Smith scored 30 as the No. 2 seed won!", "Who saw that coming?", "Nobody did."]),
        # a headline and a dateline carry no stop: the line break ends them
        ("Floods force thousands from homes\nDHAKA (AP) - Rising rivers forced 5,000 people to flee on Sunday.",
         ["Floods force thousands from homes", "DHAKA (AP) - Rising rivers forced 5,000 people to flee on Sunday."]),
        # a hard-wrapped line goes on in lower case
        ("The telescope found water vapour on a planet\nthat orbits a red dwarf. Scientists cheered.",
         ["The telescope found water vapour on a planet\nthat orbits a red dwarf.", "Scientists cheered."]),
        # a page scraped without the space after a stop
        ("The museum reopened its doors.Visitors queued for hours.",
         ["The museum reopened its doors.", "Visitors queued for hours."]),
    ],
)
def test_sentences_of_several_kinds_of_news(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_offsets_index_the_untouched_text_and_paragraphs_count_line_breaks() -> None:
    text = "  First one.  Second one.\r\n\r\nThird, after a blank line.\n"
    s = Sentences(text)
    assert [text[a:b] for a, b in s] == ["First one.", "Second one.", "Third, after a blank line."]
    assert s.paragraphs == [0, 0, 1]
    assert s.bounds(text.index("Second") + 3) == s[1]
    assert s.index(0) == -1 and s.bounds(0) == (0, len(text))


def test_tokens_keep_words_numbers_and_abbreviations_whole() -> None:
    text = "The well-known firm's U.S. unit didn't pay $1,000.50 at 10:30."
    assert [text[a:b] for a, b in tokens(text)] == [
        "The", "well-known", "firm's", "U.S", ".", "unit", "didn't", "pay", "$", "1,000.50", "at", "10:30", "."]


def test_lemmas_come_from_the_lemmatiser_not_lists() -> None:
    assert [lemma(w, "VERB") for w in ("thrashed", "clinching", "tumbled", "beat", "fled")] == [
        "thrash", "clinch", "tumble", "beat", "flee"]
    assert lemma("Stocks") == "stock"
    assert {"VERB", "NOUN"} <= parts_of_speech("flooding")


def test_every_key_of_the_abbreviation_table_is_used() -> None:
    data = json.loads(resources.files("timeline.nlp").joinpath("data/abbreviations.json").read_text("utf-8"))
    assert set(data) == {"_doc", "titles", "abbreviations", "openers"}
    # each list changes an outcome: a title holds the sentence, an abbreviation holds it unless an opener follows
    assert len(_texts("Talks with Gen. Smith ended.")) == 1
    assert len(_texts("He joined Acme Inc. Smith stayed.")) == 1
    assert len(_texts("He joined Acme Inc. The rest stayed.")) == 2
