"""The ICS export in a real CalDAV server: Radicale started by the test, the caldav client, re-import.

A calendar client that imports the file twice must end with the same events, not twice as many:
that needs UIDs that survive a fresh export (formats.md §1.4).
"""

from __future__ import annotations

import base64
import urllib.request
from collections.abc import Iterator

import icalendar
import pytest

from radicale_server import edge_timeline, has_module, need, radicale
from timeline.export import ExportOptions, render
from timeline.export.ics import event_uid, undated
from timeline.models import Timeline

USER, PASSWORD = "tester", "any"  # auth type none: any password, but a user name is needed


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    need(has_module("radicale"), "Radicale is not installed (pip install radicale)")
    need(has_module("caldav"), "the caldav client is not installed (pip install caldav)")
    root = tmp_path_factory.mktemp("radicale")
    with radicale(root / "storage") as url:
        yield url


def _export(timeline: Timeline) -> icalendar.Calendar:
    """A fresh export each time (a new render, parsed back), as a user re-running the tool gets."""
    return icalendar.Calendar.from_ical(render(timeline, "ics", ExportOptions())["timeline.ics"])


def _objects(cal: icalendar.Calendar) -> list[tuple[str, str]]:
    """(UID, one CalDAV object) per VEVENT: a VCALENDAR without METHOD (RFC 4791 §4.1 forbids it)."""
    objects = []
    for vevent in cal.walk("VEVENT"):
        one = icalendar.Calendar.new(prodid=str(cal["PRODID"]), uid=str(cal["UID"]), subcomponents=[vevent])
        assert "METHOD" not in one
        objects.append((str(vevent["UID"]), one.to_ical().decode("utf-8")))
    return objects


def _expected(timeline: Timeline) -> dict[str, tuple[str, object]]:
    cal = _export(timeline)
    return {str(e["UID"]): (str(e["SUMMARY"]), e.start) for e in cal.walk("VEVENT")}


def _read_back(calendar) -> dict[str, tuple[str, object]]:
    got: dict[str, tuple[str, object]] = {}
    for obj in calendar.events():
        comp = obj.icalendar_component
        uid = str(comp["UID"])
        assert uid not in got, f"duplicate UID {uid} in the collection"
        got[uid] = (str(comp["SUMMARY"]), comp.start)
    return got


@pytest.mark.parametrize("make", ["sample", "edge", "hostile"])
def test_caldav_upload_read_back_and_reimport(server, make, sample_timeline, hostile_timeline):
    import caldav

    timeline = {"sample": sample_timeline, "edge": edge_timeline(), "hostile": hostile_timeline}[make]
    expected = _expected(timeline)
    assert len(expected) == len(timeline.events) - len(undated(timeline))
    assert set(expected) == {event_uid(e) for e in timeline.events if e.when.start is not None}
    with caldav.DAVClient(url=server, username=USER, password=PASSWORD) as client:
        calendar = client.principal().make_calendar(name=f"Timeline {make}", cal_id=f"timeline-{make}")
        for _uid, text in _objects(_export(timeline)):
            calendar.add_event(text)
        assert _read_back(calendar) == expected  # count, UIDs, SUMMARY and DTSTART as exported

        for _uid, text in _objects(_export(timeline)):  # export again, import again
            calendar.add_event(text)
        assert _read_back(calendar) == expected  # same UIDs, nothing duplicated
        assert len(calendar.events()) == len(expected)


def _put(url: str, data: bytes) -> int:
    auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    request = urllib.request.Request(url, data=data, method="PUT", headers={
        "Content-Type": "text/calendar; charset=utf-8", "Authorization": f"Basic {auth}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_whole_file_put_to_a_collection_twice(server, sample_timeline):
    """The file exactly as written (METHOD and all) uploaded as one collection, then again."""
    import caldav

    collection = f"{server}{USER}/whole-file/"
    assert _put(collection, render(sample_timeline, "ics", ExportOptions())["timeline.ics"]) in (200, 201, 204)
    assert _put(collection, render(sample_timeline, "ics", ExportOptions())["timeline.ics"]) in (200, 201, 204)
    with caldav.DAVClient(url=server, username=USER, password=PASSWORD) as client:
        calendar = client.calendar(url=collection)
        assert _read_back(calendar) == _expected(sample_timeline)
        assert calendar.get_display_name() == "Sample timeline"  # Radicale maps X-WR-CALNAME to displayname
