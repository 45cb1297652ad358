"""timeline/store.py: a long build's events kept as records on disk and built again when exported.

The streamed build (pipeline.run: records in an EventStore, the merge on Reports, LazyEvents for the
exporters) must write the very bytes of the in-memory path (pipeline.build: Event models, merge,
key_events, export.write) on the same articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import synthetic
from timeline import export, ingest, pipeline
from timeline.errors import InputError
from timeline.events.merge import Report, group_reports, rank, word_weights
from timeline.models import Event, Source, Timeline
from timeline.store import EventStore, LazyEvents, built, encode, whens

NEWS = [
    ("courts", "2025-03-14", ("The appeals court overturned the verdict on Thursday. The defendant was released "
     "on Friday morning, and a new trial is scheduled for June 2. Prosecutors said they would appeal.")),
    ("markets", "2025-03-14", ("Shares of Norland Mining fell 12% on Thursday after the company cut its forecast. "
     "The board will meet on March 20 to discuss a buyback; last year the shares doubled.")),
    ("science", "2025-03-15", ("The probe entered orbit around the comet on Friday, ten years after its launch "
     "in March 2015. Scientists expect the first images next week.")),
    ("culture", "2025-03-16", ("The festival opened on Saturday with a new opera. The director resigned in "
     "January and the season was nearly cancelled.")),
]


def _articles():
    for name, published, text in NEWS:
        yield ingest.read_text(text, id=name, published=published, title=name)


@pytest.fixture(scope="module")
def events() -> list[Event]:
    found = [e for article in _articles() for e in pipeline.process(article).events]
    assert len(found) >= 8
    return found


def test_a_stored_event_is_built_again_equal_to_the_original(events, tmp_path: Path) -> None:
    with EventStore(tmp_path) as store:
        by_article: dict[str, list[Event]] = {}
        for e in events:
            by_article.setdefault(e.sources[0].article, []).append(e)
        originals = []
        for article, mine in by_article.items():
            assert store.add(encode(mine), article) == len(mine)
            originals += mine
        assert len(store) == len(events) == store.reported
        reports = list(store.reports())
        assert sorted(r.ref for r in reports) == list(range(len(events)))
        for report in reports:
            original = originals[report.ref]
            again = store.load(report.ref)
            assert again == original
            assert again.model_dump_json() == original.model_dump_json()
            assert report.id == original.id and report.when == original.when
            assert report.spans == tuple((s.article, s.start, s.end) for s in original.sources)
        assert store.articles == set(by_article) and store.own_article
        assert store.weights() == word_weights(r.words for r in reports)
        # the reading order of the merge: articles as added, then by first source and id
        assert reports == sorted(reports, key=lambda r: (list(by_article).index(r.article), r.spans[0][1], r.id))
    assert list(tmp_path.iterdir()) == []  # anonymous files: nothing left in the folder


def test_built_equals_model_construct() -> None:
    values = {"article": "a", "start": 3, "end": 9, "quote": "quoted", "url": None, "trigger_start": 4,
              "trigger_end": 8}
    fast, slow = built(Source, dict(values)), Source.model_construct(**values)
    assert fast == slow and fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump_json() == slow.model_dump_json()


def test_lazy_events_select_and_build_in_time_order(events) -> None:
    reports = [Report.of(e, i) for i, e in enumerate(events)]
    groups = rank(group_reports(reports))
    lazy = LazyEvents(groups, events.__getitem__)
    built_events = list(lazy)
    assert len(built_events) == len(groups) < len(events) + 1
    assert [e.id for e in built_events] == [g.id for g in groups]
    assert list(whens(lazy)) == [e.when for e in built_events]
    major = lazy.where(lambda g: not g.minor)
    assert [e.id for e in major] == [e.id for e in built_events if not e.minor]
    assert lazy[-1] == built_events[-1] and list(lazy[1:3]) == built_events[1:3]


def _corpus(folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in synthetic.corpus(40, 11, 220)), "utf-8")
    return path


@pytest.mark.parametrize("all_events", [False, True])
def test_the_streamed_build_writes_the_bytes_of_the_in_memory_build(tmp_path: Path, all_events: bool) -> None:
    corpus = _corpus(tmp_path)
    formats = ("json", "ics", "html", "markdown", "jsonfeed", "timelinejs", "jsonld")
    streamed = tmp_path / "streamed"
    summary = pipeline.run(pipeline.BuildOptions(inputs=(str(corpus),), output=streamed, formats=formats, jobs=1,
                                                 plotlyjs="cdn", all_events=all_events))
    articles = [a for a in ingest.read(corpus) if not isinstance(a, InputError)]
    timeline = pipeline.build(articles)
    assert isinstance(timeline, Timeline) and len(timeline.events) == summary.events
    assert sum(e.key for e in timeline.events) > 0 and max(e.source_count for e in timeline.events) > 1
    in_memory = tmp_path / "memory"
    export.write(timeline, in_memory, formats, export.ExportOptions(plotlyjs="cdn", all_events=all_events))
    files = sorted(p.name for p in streamed.iterdir())
    assert files == sorted(p.name for p in in_memory.iterdir())
    for name in files:
        assert (streamed / name).read_bytes() == (in_memory / name).read_bytes(), name
