"""Clauses: exact offsets into the untouched text, cut where a clause can have a time of its own."""

from __future__ import annotations

from timeline.events.segment import clauses


def _cut(text: str, reports: list[str] = ()) -> list[str]:
    ends = [text.index(w) + len(w) for w in reports]
    return [c.text for c in clauses(text, 0, len(text), ends)]


def test_offsets_with_unicode_and_leading_space() -> None:
    text = "  Israel’s response — a campaign in Gaza — began; it “continues” today.  "
    for c in clauses(text, 0, len(text)):
        assert text[c.start : c.end] == c.text and c.text == c.text.strip()


def test_a_report_and_what_it_reports_are_two_clauses() -> None:
    text = "Fiat announced on Friday that it intends to purchase the stake held by the government."
    assert _cut(text, ["announced"]) == ["Fiat announced on Friday", "that it intends to purchase the stake held by the government."]
    assert len(_cut(text)) == 1  # which words report is the trigger model's decision, not a list's


def test_a_participle_after_a_comma_opens_a_clause_found_by_the_lemmatiser() -> None:
    text = "The GAO upheld the protest on Wednesday, citing major flaws in the procurement process."
    assert _cut(text)[1].startswith("citing major flaws")
    text = "The earthquake struck at dawn, flattening whole villages across the valley."
    assert _cut(text)[1].startswith("flattening")


def test_short_fragments_rejoin_their_clause() -> None:
    text = "The talks involved Marco Rubio, Steve Witkoff, and Jared Kushner in Washington."
    assert _cut(text) == [text]


def test_a_second_predicate_after_and() -> None:
    text = "The company posted a loss in the third quarter, and expects to return to profit next year."
    assert len(_cut(text)) == 2
