"""JSON Feed 1.1: every field the spec requires, publication dates in RFC 3339, timing in _timeline."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pytest

from radicale_server import edge_timeline, many_timeline
from timeline.export import ExportOptions, render
from timeline.models import Timeline

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TIMELINE_KEYS = {"about", "uid", "event_id", "start", "end", "precision", "value", "modifier", "date_text", "sources"}


def _feed(timeline: Timeline) -> dict:
    files = render(timeline, "jsonfeed", ExportOptions())
    assert list(files) == ["timeline.feed.json"]
    return json.loads(files["timeline.feed.json"])


def _keys(node) -> list[str]:
    if isinstance(node, dict):
        return [k for k in node] + [k for v in node.values() for k in _keys(v)]
    if isinstance(node, list):
        return [k for v in node for k in _keys(v)]
    return []


@pytest.mark.parametrize("make", ["sample", "edge", "hostile", "many", "empty"])
def test_required_fields_of_json_feed_1_1(make, sample_timeline, hostile_timeline):
    timeline = {"sample": sample_timeline, "edge": edge_timeline(), "hostile": hostile_timeline,
                "many": many_timeline(), "empty": Timeline(title="Empty")}[make]
    feed = _feed(timeline)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list) and len(feed["items"]) == len(timeline.events)
    # not known to the exporter, so not guessed (see jsonfeed.py)
    assert "home_page_url" not in feed and "feed_url" not in feed
    ids = [item["id"] for item in feed["items"]]
    assert len(set(ids)) == len(ids)
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_text") or item.get("content_html"), str)
        if "date_published" in item:
            assert RFC3339.match(item["date_published"])
        if "url" in item:
            assert item["url"].startswith(("http://", "https://"))
        assert set(item["_timeline"]) == TIMELINE_KEYS
        assert None not in item.values()  # optional members are left out, never null
    for key in _keys(feed):  # extension rules: _ then a letter; no key contains a dot
        assert "." not in key
        if key.startswith("_"):
            assert re.match(r"^_[A-Za-z]", key)


def test_ids_are_the_ics_uids(sample_timeline):
    cal = icalendar.Calendar.from_ical(render(sample_timeline, "ics", ExportOptions())["timeline.ics"])
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    items = _feed(sample_timeline)["items"]
    assert [i["id"] for i in items] == uids == [i["_timeline"]["uid"] for i in items]


def test_date_published_is_the_article_not_the_event(sample_timeline):
    items = {i["title"]: i for i in _feed(sample_timeline)["items"]}
    talks = items["Talks begin"]
    assert talks["date_published"] == "2025-06-11T00:00:00Z"  # article alpha's day, UTC
    timing = talks["_timeline"]
    assert (timing["start"], timing["end"], timing["precision"], timing["value"]) == (
        "2024-03-01", "2024-03-31", "month", "2024-03")
    assert talks["summary"] == "When: March 2024, exact day unknown"
    assert timing["sources"][0]["quote"] == "Talks began in March 2024,"
    assert timing["sources"][0]["url"] == talks["url"] == "https://news.example/alpha"
    upcoming = items["Conference upcoming"]["_timeline"]
    assert upcoming["end"] is None and upcoming["modifier"] == "after"


def test_zoned_publication_is_converted_to_utc():
    item = _feed(edge_timeline())["items"][0]
    assert item["date_published"] == "2025-06-07T07:15:00Z"  # 09:15+02:00
    assert dt.datetime.fromisoformat(item["date_published"]).utcoffset() == dt.timedelta(0)


def test_content_text_has_quote_and_link_and_tags(sample_timeline):
    item = next(i for i in _feed(sample_timeline)["items"] if i["title"] == "U.S. cable urges boycott")
    assert "\u201cThe cable, dated June 10, urged a boycott.\u201d" in item["content_text"]
    assert "https://news.example/alpha" in item["content_text"]
    assert item["tags"] == ["Reuters", "U.S."]


def test_hostile_feed_has_no_control_characters_or_script_links(hostile_timeline):
    raw = render(hostile_timeline, "jsonfeed", ExportOptions())["timeline.feed.json"]
    assert not re.search(rb"\\u00(0[0-8bcBC]|1[0-9a-fA-F])|\\u007[fF]", raw)  # JSON-escaped control characters
    item = json.loads(raw)["items"][0]
    assert "url" not in item and item["_timeline"]["sources"][0]["url"] is None
    assert "javascript:window.__pwned=6" not in raw.decode()
    assert item["title"] == '<img src=x onerror="window.__pwned=7"> deal signed'  # content_text is text


def test_deterministic(sample_timeline):
    a = render(sample_timeline, "jsonfeed", ExportOptions())
    assert render(sample_timeline, "jsonfeed", ExportOptions()) == a
