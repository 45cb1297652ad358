"""Segmentation: sentence and clause spans are exact offsets into the untouched text."""

from __future__ import annotations

from timeline.events.segment import clauses, segment, sentences


def test_glued_sentence_boundary_is_split() -> None:
    text = "Such a move could lend momentum to smaller nations critical of Israel.President Donald Trump has urged Netanyahu."
    spans = sentences(text)
    assert [s.text for s in spans] == [
        "Such a move could lend momentum to smaller nations critical of Israel.",
        "President Donald Trump has urged Netanyahu.",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_abbreviations_do_not_split() -> None:
    text = "U.S. Ambassador Mike Huckabee spoke in Washington, D.C. on Tuesday. He left."
    assert len(sentences(text)) == 2


def test_line_break_ends_headline() -> None:
    text = "GM reports losses\n\nMay 07, 2009\n\nGeneral Motors announced a loss."
    assert [s.text for s in sentences(text)] == ["GM reports losses", "May 07, 2009", "General Motors announced a loss."]


def test_offsets_with_unicode_and_leading_space() -> None:
    text = "  Israel’s response — a campaign in Gaza — began; it “continues” today.  "
    for sent, parts in segment(text):
        assert text[sent.start : sent.end] == sent.text
        for c in parts:
            assert text[c.start : c.end] == c.text
            assert sent.start <= c.start < c.end <= sent.end


def test_reported_content_is_its_own_clause() -> None:
    text = "Fiat announced on Friday that it intends to purchase the stake held by the government."
    sent = sentences(text)[0]
    parts = [c.text for c in clauses(text, sent)]
    assert parts == ["Fiat announced on Friday", "that it intends to purchase the stake held by the government."]


def test_short_fragments_rejoin_their_clause() -> None:
    text = "The talks involved Marco Rubio, Steve Witkoff, and Jared Kushner in Washington."
    sent = sentences(text)[0]
    assert [c.text for c in clauses(text, sent)] == [text]
