"""--convention meantime: the tagger's TimeML output rewritten the way MEANTIME annotates, for scoring only."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.evaluate import system_spans
from timeline.evaluate.conventions import convert
from timeline.evaluate.timex import Span
from timeline.temporal import no_periods, tag_text


def meantime(text: str, dct: dt.date) -> list[tuple[str, str, str]]:
    spans = system_spans(tag_text(text, dct, periods=no_periods()))
    return [(s.text or text[s.start:s.end], s.type or "", s.value or "") for s in convert(spans, text, "meantime")]


def test_ago_is_a_duration() -> None:
    assert meantime("The plant opened two years ago.", dt.date(2025, 6, 11)) == [("two years ago", "DURATION", "P2Y")]


def test_year_range_is_one_duration() -> None:
    text = "Talks ran from 2017 to 2021 without result."
    assert meantime(text, dt.date(2025, 6, 11)) == [("from 2017 to 2021", "DURATION", "P4Y")]


def test_month_of_next_year_is_two_expressions() -> None:
    text = "Franchises lapse after October of next year."
    assert meantime(text, dt.date(2009, 5, 15)) == [("October", "DATE", "2010-10"), ("next year", "DATE", "2010")]


def test_halves_are_decimals_and_frequency_adjectives_durations() -> None:
    text = "The program ran two and a half years late; GM posted its first annual loss."
    assert meantime(text, dt.date(2025, 6, 11)) == [("two and a half years", "DURATION", "P2.5Y"),
                                                    ("annual", "DURATION", "P1Y")]


def test_timeml_is_what_the_tagger_wrote() -> None:
    text = "The plant opened two years ago."
    spans = system_spans(tag_text(text, dt.date(2025, 6, 11)))
    assert convert(spans, text, "timeml") == spans
    with pytest.raises(ValueError):
        convert(spans, text, "timex2")
    assert spans == [Span(17, 30, "DATE", "2023", "two years ago")]
