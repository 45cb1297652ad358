"""The Markdown table: one row per event, dates as honest as the text, hostile text inert."""

from __future__ import annotations

from timeline.export import ExportOptions, render
from timeline.models import Timeline


def _md(timeline: Timeline) -> str:
    return render(timeline, "markdown", ExportOptions())["timeline.md"].decode("utf-8")


def test_one_row_per_event_in_time_order(sample_timeline: Timeline) -> None:
    rows = [line for line in _md(sample_timeline).splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == len(sample_timeline.events)
    for row, ev in zip(rows, sample_timeline.events, strict=True):
        assert ev.title.split(",")[0] in row.replace("\\", "")
        assert row.count(" | ") == 3, row  # pipes inside cells are escaped


def test_dates_say_what_is_unknown(sample_timeline: Timeline) -> None:
    text = _md(sample_timeline)
    assert "March 2024, exact day unknown" in text
    assert "10 June 2025 |" in text
    assert "date unknown" in text  # the open-ended 'upcoming' conference


def test_links_only_http_and_markup_escaped(hostile_timeline: Timeline) -> None:
    text = _md(hostile_timeline)
    assert "](<javascript" not in text and "](javascript" not in text  # the article's javascript: url is no link
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\x00" not in text and "\x0b" not in text


def test_deterministic(sample_timeline: Timeline) -> None:
    assert _md(sample_timeline) == _md(sample_timeline)


def test_empty_timeline_has_no_table() -> None:
    text = _md(Timeline(title="Empty"))
    assert "0 events from 0 articles" in text and "|" not in text
