"""schema.org JSON-LD: an ItemList of Events with full ISO dates, and safe to embed in a page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from radicale_server import edge_timeline, many_timeline
from timeline.export import ExportOptions, render
from timeline.export.ics import event_uid
from timeline.export.jsonld import document, script_text
from timeline.models import Timeline

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?$")


def _events(doc: dict) -> list[dict]:
    return [element["item"] for element in doc["itemListElement"]]


def test_file_is_the_document(sample_timeline):
    files = render(sample_timeline, "jsonld", ExportOptions())
    assert list(files) == ["timeline.jsonld"]
    assert json.loads(files["timeline.jsonld"]) == document(sample_timeline)
    assert files == render(sample_timeline, "jsonld", ExportOptions())


@pytest.mark.parametrize("make", ["sample", "many"])
def test_item_list_of_events_with_iso_dates(make, sample_timeline):
    timeline = sample_timeline if make == "sample" else many_timeline()
    doc = document(timeline)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ItemList"
    assert doc["numberOfItems"] == len(timeline.events)
    assert [e["position"] for e in doc["itemListElement"]] == list(range(1, len(timeline.events) + 1))
    for event, source in zip(_events(doc), timeline.events, strict=True):
        assert event["@type"] == "Event" and event["name"] == source.title
        assert event["identifier"] == event_uid(source) and event["@id"] == f"urn:uuid:{event_uid(source)}"
        assert ISO_DATE.match(event["startDate"])
        if "endDate" in event:
            assert ISO_DATE.match(event["endDate"])
            assert dt.datetime.fromisoformat(event["endDate"]) >= dt.datetime.fromisoformat(event["startDate"])
        for article in event["subjectOf"]:
            assert article["@type"] == "NewsArticle" and ISO_DATE.match(article["datePublished"])


def test_coarse_dates_are_full_dates_with_the_precision_in_words(sample_timeline):
    talks = next(e for e in _events(document(sample_timeline)) if e["name"] == "Talks begin")
    assert (talks["startDate"], talks["endDate"]) == ("2024-03-01", "2024-03-31")
    assert talks["description"].startswith("When: March 2024, exact day unknown")
    assert talks["url"] == "https://news.example/alpha"
    assert talks["subjectOf"] == [{"@type": "NewsArticle", "identifier": "alpha", "headline": "Article alpha",
                                   "url": "https://news.example/alpha", "datePublished": "2025-06-11",
                                   "publisher": {"@type": "Organization", "name": "Reuters"}}]
    upcoming = next(e for e in _events(document(sample_timeline)) if e["name"] == "Conference upcoming")
    assert "endDate" not in upcoming


def test_undated_and_zoned_events():
    events = {e["name"]: e for e in _events(document(edge_timeline()))}
    assert "startDate" not in events["Someone objects"]
    assert events["Vote closes"]["startDate"] == "2025-06-04T18:00:00+00:00"


def test_script_text_cannot_close_the_script_element(hostile_timeline):
    doc = document(hostile_timeline)
    text = script_text(doc)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == doc  # still the same JSON
    assert "<script>window.__pwned=5</script>" in json.dumps(doc)  # the document itself keeps the text
    raw = render(hostile_timeline, "jsonld", ExportOptions())["timeline.jsonld"]
    assert b"Control chars" in raw  # \x0b became a space, \x00 vanished
    assert not re.search(rb"\\u00(0[0-8bcBC]|1[0-9a-fA-F])|\\u007[fF]", raw)  # no JSON-escaped control characters
    assert b"javascript:" not in raw.replace(b'href=\\"javascript:', b"")  # only the quoted text mentions it


def test_empty_timeline():
    doc = document(Timeline())
    assert doc["itemListElement"] == [] and doc["numberOfItems"] == 0
