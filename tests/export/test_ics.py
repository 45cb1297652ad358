"""ICS export: RFC 5545 structure, stable identity, honest dates, hostile text, independent parsers."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import icalendar
import pytest

from radicale_server import edge_timeline, has_module, libical, libical_check, many_timeline, need, render_in_child
from timeline.export import ExportOptions, render
from timeline.export import ics
from timeline.models import Timeline

D = dt.date
UTC = dt.timezone.utc


def _ics(timeline: Timeline, **options) -> bytes:
    files = render(timeline, "ics", ExportOptions(**options))
    assert list(files) == ["timeline.ics"]
    return files["timeline.ics"]


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def _vevent_blocks(data: bytes) -> list[list[str]]:
    """The unfolded content lines of each VEVENT, read without any library."""
    lines = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    blocks, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            blocks.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _by_summary(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in _events(data)}


# --- structure -------------------------------------------------------------------------------------

def test_calendar_header(sample_timeline):
    data = _ics(sample_timeline)
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == "-//news-timeline//timeline 0.1//EN"
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "Sample timeline" and cal["NAME"] == "Sample timeline"
    assert uuid.UUID(str(cal["UID"])).version == 5
    assert len(_events(data)) == len(sample_timeline.events) == 9


def test_lines_are_crlf_and_folded_by_octets(sample_timeline):
    data = _ics(sample_timeline)
    assert data.endswith(b"\r\n")
    for line in data.split(b"\r\n")[:-1]:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a UTF-8 sequence


def test_each_vevent_has_one_uid_and_one_utc_dtstamp(sample_timeline):
    blocks = _vevent_blocks(_ics(sample_timeline))
    assert len(blocks) == 9
    for block in blocks:
        names = [re.split(r"[;:]", line, maxsplit=1)[0] for line in block]
        assert names.count("UID") == 1 and names.count("DTSTAMP") == 1 and names.count("DTSTART") == 1
        stamp = next(line for line in block if line.startswith("DTSTAMP"))
        assert re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", stamp)
        assert "ORGANIZER" not in names and "VALARM" not in " ".join(block)


@pytest.mark.parametrize("make", ["sample", "many"])
def test_dtend_after_dtstart_and_uids_unique(make, sample_timeline):
    timeline = sample_timeline if make == "sample" else many_timeline()
    events = _events(_ics(timeline))
    assert len(events) == len(timeline.events)
    for e in events:
        assert e.end > e.start, e["SUMMARY"]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_uids_are_uuid5_of_event_ids(sample_timeline):
    uids = [str(e["UID"]) for e in _events(_ics(sample_timeline))]
    expected = [str(uuid.uuid5(ics.NAMESPACE, f"event:{e.id}")) for e in sample_timeline.events]
    assert uids == expected
    assert ics.event_uid(sample_timeline.events[0]) == expected[0]


def test_byte_identical_across_renders_and_processes(sample_timeline):
    data = _ics(sample_timeline)
    assert _ics(sample_timeline) == data
    assert render_in_child("ics", "timeline.ics", "12345") == data


def test_deterministic_stamp_is_latest_publication(sample_timeline):
    data = _ics(sample_timeline)
    assert ics.stamp(sample_timeline) == dt.datetime(2025, 6, 12, tzinfo=UTC)  # beta, published 12 June
    for e in _events(data):
        assert e.DTSTAMP == dt.datetime(2025, 6, 12, tzinfo=UTC)
        assert e["LAST-MODIFIED"].dt == dt.datetime(2025, 6, 12, tzinfo=UTC)
        assert e["SEQUENCE"] == 0
        assert e["TRANSP"] == "TRANSPARENT"


def test_stamp_converts_zoned_publication_and_falls_back_to_epoch():
    edge = edge_timeline()
    assert ics.stamp(edge) == dt.datetime(2025, 6, 7, 7, 15, tzinfo=UTC)
    bare = edge.model_copy(update={"articles": [a.model_copy(update={"published": None}) for a in edge.articles]})
    assert ics.stamp(bare) == ics.EPOCH


# --- dates -----------------------------------------------------------------------------------------

def test_day_precision_is_all_day_with_exclusive_end(sample_timeline):
    e = _by_summary(_ics(sample_timeline))["U.S. cable urges boycott"]
    assert e.start == D(2025, 6, 10) and not isinstance(e.start, dt.datetime)
    assert e.end == D(2025, 6, 11)
    assert e["DTSTART"].params["VALUE"] == "DATE"
    assert e["X-TIMELINE-PRECISION"] == "day"


def test_day_range_spans_first_to_last_plus_one():
    e = _by_summary(_ics(edge_timeline()))["Strikes"]
    assert (e.start, e.end) == (D(2025, 6, 1), D(2025, 6, 4))


@pytest.mark.parametrize(
    ("summary", "start", "precision", "span"),
    [
        ("Talks begin (March 2024, exact day unknown)", D(2024, 3, 1), "month", ("2024-03-01", "2024-03-31")),
        ("Attack happens (2023, exact date unknown)", D(2023, 1, 1), "year", ("2023-01-01", "2023-12-31")),
        ("Term runs (2017 to 2021, exact dates unknown)", D(2017, 1, 1), "year", ("2017-01-01", "2021-12-31")),
        ("Recent meeting, with commas; semicolons (approx. 1 May to 11 June 2025)", D(2025, 5, 1), "unknown",
         ("2025-05-01", "2025-06-11")),
        ("Conference upcoming (on or after 12 June 2025, date unknown)", D(2025, 6, 12), "unknown", ("2025-06-12", None)),
    ],
)
def test_coarse_dates_are_one_day_markers_that_say_so(sample_timeline, summary, start, precision, span):
    e = _by_summary(_ics(sample_timeline))[summary]
    assert e.start == start and e.end == start + dt.timedelta(days=1)
    assert e["X-TIMELINE-PRECISION"] == precision
    assert e["X-TIMELINE-START"] == span[0]
    assert e.get("X-TIMELINE-END") == span[1]
    assert "X-TIMELINE-VALUE" in e


def test_modifier_and_timex_value_are_kept(sample_timeline):
    e = _by_summary(_ics(sample_timeline))["Conference upcoming (on or after 12 June 2025, date unknown)"]
    assert e["X-TIMELINE-VALUE"] == "FUTURE_REF" and e["X-TIMELINE-MODIFIER"] == "after"


def test_season_says_the_day_is_unknown():
    e = _by_summary(_ics(edge_timeline()))["Review due (summer 2025, exact day unknown)"]
    assert (e.start, e.end) == (D(2025, 6, 1), D(2025, 6, 2))


def test_time_without_zone_is_all_day_with_the_time_in_words(sample_timeline):
    e = _by_summary(_ics(sample_timeline))["Vote held (14:30, time zone not stated)"]
    assert (e.start, e.end) == (D(2025, 6, 9), D(2025, 6, 10))
    assert "14:30 (time zone not stated)" in e["DESCRIPTION"]
    overnight = [s for s in _by_summary(_ics(edge_timeline())) if s.startswith("Polls open overnight")]
    assert overnight == ["Polls open overnight (5 June to 6 June 2025, time zone not stated)"]


def test_zoned_time_is_utc_and_never_zero_length():
    data = _ics(edge_timeline())
    e = _by_summary(data)["Vote closes"]
    assert e.start == dt.datetime(2025, 6, 4, 18, tzinfo=UTC)
    assert e.end == dt.datetime(2025, 6, 4, 18, 1, tzinfo=UTC)
    assert b"DTSTART:20250604T180000Z\r\n" in data and b"VTIMEZONE" not in data


def test_undated_events_are_left_out_and_counted():
    edge = edge_timeline()
    data = _ics(edge)
    assert [e.title for e in ics.undated(edge)] == ["Someone objects"]
    assert len(_events(data)) == len(edge.events) - 1
    cal = icalendar.Calendar.from_ical(data)
    assert cal["X-TIMELINE-UNDATED"] == "1" and "1 undated event(s) left out" in cal["X-WR-CALDESC"]


# --- text ------------------------------------------------------------------------------------------

def test_description_holds_quote_link_and_precision(sample_timeline):
    e = _by_summary(_ics(sample_timeline))["Talks begin (March 2024, exact day unknown)"]
    desc = str(e["DESCRIPTION"])
    assert "\u201cTalks began in March 2024,\u201d" in desc
    assert "https://news.example/alpha" in desc and "Reuters" in desc
    assert "precision: month" in desc and "\u201cMarch 2024\u201d" in desc
    assert e["URL"] == "https://news.example/alpha"
    no_url = _by_summary(_ics(sample_timeline))["Summit meets in New York"]
    assert "URL" not in no_url  # AP's article has no link


def test_categories_escape_commas_inside_values():
    data = _ics(edge_timeline())
    assert b"CATEGORIES:strike\\, general,Smith\\, Jones & Co\r\n" in data
    e = _by_summary(data)["Strikes"]
    assert list(e.categories) == ["strike, general", "Smith, Jones & Co"]


def test_calendar_name_option_and_line_breaks_removed(sample_timeline):
    cal = icalendar.Calendar.from_ical(_ics(sample_timeline, calendar_name="Elections,\r\n 2024\x0b"))
    assert cal["X-WR-CALNAME"] == "Elections, 2024" and cal["NAME"] == "Elections, 2024"
    edge = icalendar.Calendar.from_ical(_ics(edge_timeline()))
    assert edge["X-WR-CALNAME"] == "Edge cases timeline"


def test_hostile_text_has_no_control_characters_and_markup_is_text(hostile_timeline):
    data = _ics(hostile_timeline)
    text = data.decode("utf-8")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text.replace("\r\n", ""))
    e = _events(data)[0]
    assert str(e["SUMMARY"]) == '<img src=x onerror="window.__pwned=7"> deal signed'
    assert "<script>window.__pwned = 1</script>" in e["DESCRIPTION"]
    assert "Control chars" in e["DESCRIPTION"]  # \x0b became a space, \x00 vanished
    assert "URL" not in e and "javascript:window.__pwned=6" not in text  # only http(s) links are written
    assert icalendar.Calendar.from_ical(data)["X-WR-CALNAME"] == "Hostile </title><script>window.__pwned=9</script>"


# --- empty -----------------------------------------------------------------------------------------

def test_empty_timeline_is_a_clear_error():
    with pytest.raises(ics.EmptyCalendarError, match="no dated events"):
        _ics(Timeline(title="Nothing"))


def test_only_undated_events_is_a_clear_error_with_the_count():
    edge = edge_timeline()
    only = edge.model_copy(update={"events": ics.undated(edge)})
    from timeline.errors import TimelineError

    with pytest.raises(TimelineError, match=r"1 undated event left out"):
        _ics(only)


# --- independent parsers ---------------------------------------------------------------------------

@pytest.mark.parametrize("make", ["sample", "edge", "hostile", "many"])
def test_other_parsers_agree_on_event_count(make, sample_timeline, hostile_timeline):
    need(has_module("vobject") and has_module("ics"), "vobject and ics (ics-py) are needed: pip install vobject ics")
    import ics as ics_py
    import vobject

    timeline = {"sample": sample_timeline, "edge": edge_timeline(), "hostile": hostile_timeline,
                "many": many_timeline()}[make]
    data = _ics(timeline)
    n = len(_events(data))
    assert n == len(timeline.events) - len(ics.undated(timeline))
    assert len(ics_py.Calendar(data.decode("utf-8")).events) == n
    vcal = vobject.readOne(data.decode("utf-8"))
    assert len(vcal.contents["vevent"]) == n
    assert sorted(v.uid.value for v in vcal.vevent_list) == sorted(str(e["UID"]) for e in _events(data))


@pytest.mark.parametrize("make", ["sample", "edge", "hostile", "many"])
def test_libical_finds_nothing_but_the_organizer_warning(make, sample_timeline, hostile_timeline):
    lib = libical()
    need(lib is not None, "libical3 is not installed (apt-get install libical3)")
    timeline = {"sample": sample_timeline, "edge": edge_timeline(), "hostile": hostile_timeline,
                "many": many_timeline()}[make]
    data = _ics(timeline)
    count, errors = libical_check(lib, data)
    assert count == len(_events(data))
    # RFC 5546 wants ORGANIZER under METHOD:PUBLISH; we write none on purpose (see ics.py)
    unexpected = [e for e in errors if "Failed iTIP restrictions for ORGANIZER" not in e]
    assert unexpected == []
    assert len(errors) == 1  # libical stops at the first VEVENT that fails, so ...

    # ... check every VEVENT on a copy that has an ORGANIZER: then the iTIP PUBLISH table must pass
    organized = data.replace(b"BEGIN:VEVENT\r\n", b"BEGIN:VEVENT\r\nORGANIZER:mailto:desk@news.example\r\n")
    assert libical_check(lib, organized) == (count, [])
    # and the check is live: a DTSTAMP missing from the last VEVENT is found
    head, _, last = organized.rpartition(b"BEGIN:VEVENT")
    broken = head + b"BEGIN:VEVENT" + re.sub(rb"DTSTAMP:[^\r]*\r\n", b"", last)
    assert any("DTSTAMP" in e for e in libical_check(lib, broken)[1])
