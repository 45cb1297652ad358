"""The models reject invalid states; the JSON contract round-trips and matches its schema."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from pydantic import ValidationError

from tests.conftest import make_sample_timeline
from timeline.models import Article, Event, Mention, Source, Timeline, When, json_schema

ART = Article(id="a", title="A", text="On June 10 the cable was sent.", published=dt.date(2025, 6, 11))


@pytest.mark.parametrize("value", ["2025-06-10", "2025", "202", "XXXX-10-07", "2025-W24", "2025-Q2", "2025-SU",
                                   "PRESENT_REF", "PAST_REF", "P3Y", "PXY", "PXDE", "T14:30", "2025-06-10T14:30",
                                   "2025-06-10TMO", "P1DT2H", "BC0264", "XXXX-WXX-2"])
def test_timex3_values_accepted(value: str) -> None:
    assert When(value=value).value == value


@pytest.mark.parametrize("value", ["June 10", "2025-6-10", "P", "now", "2025-13x", "PAST", ""])
def test_non_timex3_values_rejected(value: str) -> None:
    with pytest.raises(ValidationError, match="TIMEX3"):
        When(value=value)


def test_start_after_end_rejected() -> None:
    with pytest.raises(ValidationError, match="after end"):
        When(value="2025", start=dt.date(2025, 12, 31), end=dt.date(2025, 1, 1))


def test_mixed_date_and_datetime_bounds_compare_by_day() -> None:
    w = When(value="2025-06-10", start=dt.date(2025, 6, 10), end=dt.datetime(2025, 6, 10, 23, 0))
    assert w.resolved


def test_mention_offsets_outside_text_rejected() -> None:
    with pytest.raises(ValidationError, match="outside the text|does not fit"):
        Mention.at(ART, 3, 500, When(value="2025-06-10"))
    with pytest.raises(ValidationError, match="outside the text"):
        Mention.model_validate({"article": "a", "start": 40, "end": 44, "text": "June", "when": {"value": "XXXX-06"}},
                               context={"texts": {"a": ART.text}})


def test_mention_text_must_be_the_text_at_its_offsets() -> None:
    with pytest.raises(ValidationError, match="is not 'July 10'"):
        Mention.model_validate({"article": "a", "start": 3, "end": 10, "text": "July 10", "when": {"value": "XXXX-07-10"}},
                               context={"texts": {"a": ART.text}})
    ok = Mention.at(ART, 3, 10, When(value="2025-06-10"))
    assert ok.text == "June 10"


def test_reversed_or_empty_span_rejected() -> None:
    with pytest.raises(ValidationError):
        Source(article="a", start=5, end=5, quote="")
    with pytest.raises(ValidationError):
        Source(article="a", start=-1, end=3, quote="abcd")


def test_event_quote_must_be_first_source_text() -> None:
    src = Source.at(ART, 0, len(ART.text))
    with pytest.raises(ValidationError, match="first source"):
        Event(id="e", title="Cable sent", when=When(value="2025-06-10"), quote="something else", sources=[src])


def test_event_title_length_and_sources_required() -> None:
    src = Source.at(ART, 0, 10)
    with pytest.raises(ValidationError):
        Event(id="e", title="x" * 91, when=When(value="2025"), quote=src.quote, sources=[src])
    with pytest.raises(ValidationError):
        Event(id="e", title="ok", when=When(value="2025"), quote=src.quote, sources=[])


def test_timeline_rejects_unknown_article_duplicates_and_disorder() -> None:
    t = make_sample_timeline()
    with pytest.raises(ValidationError, match="unknown article"):
        Timeline(title="x", articles=t.articles[:1], events=t.events)
    with pytest.raises(ValidationError, match="duplicate event id"):
        Timeline(title="x", articles=t.articles, events=[t.events[0], t.events[0]])
    with pytest.raises(ValidationError, match="time order"):
        Timeline(title="x", articles=t.articles, events=list(reversed(t.events)))


def test_models_are_frozen() -> None:
    with pytest.raises(ValidationError):
        ART.text = "changed"  # type: ignore[misc]


def test_timeline_json_round_trips_and_validates_against_schema() -> None:
    t = make_sample_timeline()
    data = json.loads(t.model_dump_json())
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert Timeline.model_validate(data) == t
    assert data["schema_version"] == "2.0"
    broken = json.loads(json.dumps(data))
    broken["events"][0]["when"]["precision"] = "fortnight"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(json_schema()).validate(broken)


def test_a_midnight_time_stays_a_time_through_a_json_round_trip() -> None:
    """json.loads + model_validate must not read "1989-03-24T00:00:00" as a date: the event's sort key
    (and so the timeline's order validator) would change on the way back."""
    w = When(value="1989-03-24T00:00", type="TIME", start=dt.datetime(1989, 3, 24), end=dt.datetime(1989, 3, 24))
    back = When.model_validate(json.loads(w.model_dump_json()))
    assert isinstance(back.start, dt.datetime) and back == w
    day = When.model_validate(json.loads(When(value="1989-03-24", start=dt.date(1989, 3, 24)).model_dump_json()))
    assert type(day.start) is dt.date
    assert Timeline.model_validate(json.loads(Timeline().model_dump_json())) == Timeline()
