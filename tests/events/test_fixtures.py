"""The default build of fixtures/: what the HTML and ICS will show (non-minor events) and its titles.

tests/test_fixtures_gold.py checks every key event of fixtures/gold once with its date; here the whole
build: the key events are shown (not minor), at most 25 events are shown, and no title starts with a
pronoun or with "Document states that"."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from timeline import ingest, pipeline
from timeline.models import Timeline

PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "we", "i", "you"}


@pytest.fixture(scope="module")
def built() -> Timeline:
    articles = [a for p in sorted((REPO / "fixtures").glob("*.md")) for a in ingest.read(p)]
    return pipeline.build(articles)


def test_at_most_25_events_are_shown(built: Timeline) -> None:
    shown = [e for e in built.events if not e.minor]
    assert 0 < len(shown) <= 25, [e.title for e in shown]
    assert len(built.events) > len(shown)  # states and weak events stay in the JSON, flagged


def test_key_events_are_shown(built: Timeline) -> None:
    for path in sorted((REPO / "fixtures" / "gold").glob("*.json")):
        for spec in json.loads(path.read_text())["events"]:
            hits = [e for e in built.events if any(spec["quote_contains"] in s.quote for s in e.sources) and not e.minor]
            assert hits, f"{spec['key']} is not shown"


def test_no_title_starts_with_a_pronoun_or_a_document_report(built: Timeline) -> None:
    for e in built.events:
        first = e.title.split()[0].lower().strip("’'s,")
        assert first not in PRONOUNS, e.title
        assert not e.title.lower().startswith(("document states", "the document")), e.title
        assert 0 < len(e.title) <= 90


def test_every_event_has_its_trigger_class_and_salience(built: Timeline) -> None:
    texts = {a.id: a.text for p in sorted((REPO / "fixtures").glob("*.md")) for a in ingest.read(p)}
    for e in built.events:
        s = e.sources[0]
        assert s.trigger_start is not None and s.start <= s.trigger_start < s.trigger_end <= s.end
        assert texts[s.article][s.trigger_start:s.trigger_end].strip()
        assert e.event_class in {"OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"}
        assert 0.0 <= e.salience <= 1.0
    shown = [e.salience for e in built.events if not e.minor]
    hidden = [e.salience for e in built.events if e.minor and e.event_class not in ("STATE", "I_STATE")]
    assert min(shown) >= min(hidden, default=0.0)
