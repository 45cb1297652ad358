"""TimelineJS3 JSON: required fields, native partial dates, the unsafe fields of formats.md 2.1."""

from __future__ import annotations

import calendar
import datetime as dt
import json

from timeline.export import ExportOptions, render
from timeline.export.timelinejs import FILE, date_object, document, plain
from timeline.models import Event, Modifier, Precision, Source, Timeline, When

DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}


def load(timeline: Timeline, **options) -> dict:
    files = render(timeline, "timelinejs", ExportOptions(**options))
    assert list(files) == [FILE]
    return json.loads(files[FILE])


def check_date(d: dict) -> None:
    """What TimelineJS needs and does not check itself (month 13 silently becomes February)."""
    assert set(d) <= DATE_KEYS
    assert type(d["year"]) is int
    if "month" in d:
        assert type(d["month"]) is int and 1 <= d["month"] <= 12
    if "day" in d:
        assert "month" in d and type(d["day"]) is int
        assert 1 <= d["day"] <= calendar.monthrange(d["year"], d["month"])[1]
    for key, top in (("hour", 23), ("minute", 59), ("second", 59)):
        if key in d:
            assert type(d[key]) is int and 0 <= d[key] <= top


def check_document(doc: dict) -> None:
    assert set(doc) <= {"title", "events", "eras", "scale"} and isinstance(doc["events"], list)
    assert doc["title"]["autolink"] is False and "start_date" not in doc["title"]
    ids = [s["unique_id"] for s in doc["events"]]
    assert len(ids) == len(set(ids))
    for slide in doc["events"]:
        check_date(slide["start_date"])
        if "end_date" in slide:
            check_date(slide["end_date"])
        assert slide["autolink"] is False
        assert slide["text"]["headline"]
        for key in ("group", "display_date"):  # decoded, then written as HTML by TimelineJS
            assert not set(slide.get(key, "")) & set("<>&")
        assert "display_date" not in slide["start_date"]


def test_sample_document(sample_timeline: Timeline) -> None:
    doc = load(sample_timeline)
    check_document(doc)
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert list(slides) == [e.id for e in sample_timeline.events]
    by_title = {s["text"]["headline"]: s for s in doc["events"]}
    assert by_title["Talks begin"]["start_date"] == {"year": 2024, "month": 3}
    assert "end_date" not in by_title["Talks begin"]  # not "March 2024 - March 2024"
    assert by_title["Term runs"]["start_date"] == {"year": 2017} and by_title["Term runs"]["end_date"] == {"year": 2021}
    assert by_title["Attack happens"]["start_date"] == {"year": 2023}
    assert by_title["Vote held"]["start_date"] == {"year": 2025, "month": 6, "day": 9, "hour": 14, "minute": 30}
    assert by_title["Conference upcoming"]["display_date"] == "after 2025-06-12"
    assert by_title["Recent meeting, with commas; semicolons"]["display_date"] == "about 2025-05-01 \u2013 2025-06-11"
    assert "display_date" not in by_title["Summit meets in New York"]
    assert {s["group"] for s in doc["events"]} == {"Reuters", "AP"}
    cable = by_title["U.S. cable urges boycott"]["text"]["text"]
    assert '<a href="https://news.example/alpha" target="_blank" rel="noopener noreferrer">Reuters</a>' in cable
    assert "as written: \u201cJune 10\u201d" in cable
    assert doc["title"]["text"]["headline"] == "Sample timeline"


def test_groups_follow_the_lanes_option(sample_timeline: Timeline) -> None:
    assert {s["group"] for s in load(sample_timeline, lanes="article")["events"]} == {"Article alpha", "Article beta"}


def test_hostile_text_is_escaped(hostile_timeline: Timeline) -> None:
    raw = render(hostile_timeline, "timelinejs")[FILE].decode()
    assert "<" not in raw and "</script" not in raw.lower()  # safe to paste inside a <script> element
    doc = json.loads(raw)
    check_document(doc)
    slide = doc["events"][0]
    assert slide["text"]["headline"] == "&lt;img src=x onerror=&quot;window.__pwned=7&quot;&gt; deal signed"
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in slide["text"]["text"]
    for tag in ("<script", "<img", "<a "):  # no markup from the article; the javascript: URL is no link
        assert tag not in slide["text"]["text"]
    assert slide["group"] == "\u2039b\u203aBad\u2039/b\u203a source"
    assert doc["title"]["text"]["headline"].startswith("Hostile &lt;/title&gt;&lt;script&gt;")


def test_plain_removes_every_markup_character() -> None:
    assert plain("a<b>&lt;c") == "a\u2039b\u203a\uff06lt;c"


def test_date_objects_by_precision() -> None:
    t = dt.datetime(2025, 6, 9, 14, 30, 15)
    assert date_object(dt.date(2024, 3, 1), Precision.QUARTER) == {"year": 2024, "month": 3}
    assert date_object(dt.date(2010, 1, 1), Precision.DECADE) == {"year": 2010}
    assert date_object(dt.date(2025, 6, 9), Precision.WEEK) == {"year": 2025, "month": 6, "day": 9}
    assert date_object(t, Precision.HOUR) == {"year": 2025, "month": 6, "day": 9, "hour": 14}
    assert date_object(t, Precision.SECOND)["second"] == 15
    aware = dt.datetime(2025, 6, 9, 16, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert date_object(aware, Precision.MINUTE)["hour"] == 14  # written in UTC


def test_undated_left_out_and_before_placed_at_its_bound(sample_timeline: Timeline) -> None:
    src = Source(article="beta", start=0, end=7, quote="In 2023", url=None)
    before = Event(id="ev-before", title="Deal struck", quote="In 2023", sources=[src],
                   when=When(value="2025-06-10", end=dt.date(2025, 6, 10), precision=Precision.DAY,
                             modifier=Modifier.BEFORE))
    undated = Event(id="ev-undated", title="Undated thing", when=When(value="PAST_REF"), quote="In 2023",
                    sources=[src])
    doc = document(Timeline(title="t", articles=sample_timeline.articles, events=[*sample_timeline.events, undated]))
    check_document(doc)
    assert "ev-undated" not in {s["unique_id"] for s in doc["events"]}
    assert len(doc["events"]) == len(sample_timeline.events)
    assert "1 undated event not shown" in doc["title"]["text"]["text"]
    # A "before" event has no start: it is placed at its bound and says "before".
    [slide] = document(Timeline(title="t", articles=sample_timeline.articles, events=[before]))["events"]
    assert slide["start_date"] == {"year": 2025, "month": 6, "day": 10}
    assert slide["display_date"] == "before 2025-06-10" and "end_date" not in slide


def test_empty_timeline_is_valid() -> None:
    doc = load(Timeline(title="Nothing"))
    assert doc["events"] == [] and doc["title"]["text"]["headline"] == "Nothing"


def test_deterministic(sample_timeline: Timeline) -> None:
    assert render(sample_timeline, "timelinejs") == render(sample_timeline, "timelinejs")


def test_far_dates(far_timeline: Timeline) -> None:
    doc = document(far_timeline)
    check_document(doc)
    by_title = {s["text"]["headline"]: s for s in doc["events"]}
    assert set(by_title) == {"Town founded", "Talks failed", "Nobody knows", "Zoned moment"}
    assert by_title["Town founded"]["start_date"] == {"year": 5}
    assert by_title["Zoned moment"]["start_date"]["hour"] == 14  # UTC
    assert by_title["Zoned moment"]["display_date"] == "2025-06-09 16:30 UTC+0200"
    assert by_title["Nobody knows"]["display_date"] == "after 9999"
