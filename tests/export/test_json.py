"""Canonical JSON: valid against its published schema, round-trips, deterministic, raw text kept."""

from __future__ import annotations

import json

import jsonschema
import pytest

from radicale_server import edge_timeline, many_timeline, render_in_child
from timeline.export import ExportOptions, render
from timeline.models import Timeline, json_schema


def _files(timeline: Timeline) -> dict[str, bytes]:
    files = render(timeline, "json", ExportOptions())
    assert sorted(files) == ["timeline.json", "timeline.schema.json"]
    return files


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(_files(Timeline())["timeline.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("make", ["sample", "edge", "hostile", "many", "empty"])
def test_valid_against_schema_and_round_trips(make, sample_timeline, hostile_timeline):
    timeline = {"sample": sample_timeline, "edge": edge_timeline(), "hostile": hostile_timeline,
                "many": many_timeline(), "empty": Timeline(title="Empty")}[make]
    data = _files(timeline)["timeline.json"]
    _validator().validate(json.loads(data))
    assert Timeline.model_validate_json(data) == timeline


def test_schema_file_is_the_models_schema():
    schema = json.loads(_files(Timeline())["timeline.schema.json"])
    assert schema == json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("timeline-2.0.json")


def test_schema_rejects_what_the_models_reject(sample_timeline):
    doc = json.loads(_files(sample_timeline)["timeline.json"])
    doc["events"][0]["when"]["precision"] = "fortnight"
    del doc["events"][1]["sources"]
    doc["schema_version"] = "0.9"
    errors = {e.validator for e in _validator().iter_errors(doc)}
    assert {"anyOf", "required", "const"} <= errors  # precision is Optional[enum]: anyOf


def test_layout_is_utf8_indented_field_order_with_trailing_newline(sample_timeline):
    data = _files(sample_timeline)["timeline.json"]
    assert data.startswith(b'{\n  "schema_version": "2.0",\n  "title": "Sample timeline",\n  "articles": [')
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    assert "\u00fcml\u00e4uts and \u6f22\u5b57".encode() in data  # ensure_ascii=False
    assert b'"start": "2025-06-09T14:30:00"' in data  # a time with no zone stays without one


def test_byte_identical_across_renders_and_processes(sample_timeline):
    data = _files(sample_timeline)["timeline.json"]
    assert _files(sample_timeline)["timeline.json"] == data
    assert render_in_child("json", "timeline.json", "999") == data
    assert render_in_child("json", "timeline.schema.json", "4") == _files(sample_timeline)["timeline.schema.json"]


def test_hostile_text_is_kept_exactly_and_escaped_as_json(hostile_timeline):
    data = _files(hostile_timeline)["timeline.json"]
    assert b"\x00" not in data and b"\x0b" not in data
    assert b"Control\\u000bchars\\u0000here" in data  # JSON escapes control characters; offsets stay true
    event = json.loads(data)["events"][0]
    assert event["quote"] == hostile_timeline.events[0].quote
    assert event["sources"][0]["end"] - event["sources"][0]["start"] == len(event["quote"])


def test_empty_timeline_writes_a_valid_empty_file():
    doc = json.loads(_files(Timeline(title="Empty"))["timeline.json"])
    assert doc == {"schema_version": "2.0", "title": "Empty", "articles": [], "events": []}
