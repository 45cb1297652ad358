"""MEANTIME CAT reader, calendar extents, and the event coverage/dating evaluation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import SHARED, need
from timeline.evaluate import evaluate_events, sentence_baseline
from timeline.evaluate.calendar import extent
from timeline.evaluate.cat import find_cat, read_cat, timeml_twin
from timeline.evaluate.events import anchored_mentions, article_of, score_doc, sentences, within
from timeline.evaluate.timeml import read_timeml
from timeline.models import Event, Precision, Source, When

CAT = SHARED / "corpora" / "meantime-dev" / "cat"
RYANAIR = CAT / "corpus_airbus" / "11714_Ryanair_exercises_options_on_five_Boeing_737s.xml"
D, T = dt.date, dt.datetime


@pytest.mark.parametrize("value,first,last", [
    ("2005-06-13", T(2005, 6, 13), T(2005, 6, 13, 23, 59, 59, 999999)),
    ("2008-02", T(2008, 2, 1), T(2008, 2, 29, 23, 59, 59, 999999)),
    ("2006-Q4", T(2006, 10, 1), T(2006, 12, 31, 23, 59, 59, 999999)),
    ("2008-W50", T(2008, 12, 8), T(2008, 12, 14, 23, 59, 59, 999999)),
    ("2009-WI", T(2009, 12, 1), T(2010, 2, 28, 23, 59, 59, 999999)),
    ("199", T(1990, 1, 1), T(1999, 12, 31, 23, 59, 59, 999999)),
    ("2007-10-17T06:40Z", T(2007, 10, 17, 6, 40), T(2007, 10, 17, 6, 40, 59, 999999)),
    ("2009-06-01TMO", T(2009, 6, 1), T(2009, 6, 1, 11, 59, 59, 999999)),
])
def test_calendar_extent(value: str, first: dt.datetime, last: dt.datetime) -> None:
    assert extent(value) == (first, last)


@pytest.mark.parametrize("value", ["P3Y", "PRESENT_REF", "XXXX-10-07", "2005-13", "BC0264", None])
def test_values_without_calendar_extent(value: str | None) -> None:
    assert extent(value) is None


def test_within_compares_intervals_and_rejects_open_ones() -> None:
    june = extent("2005-06")
    assert june is not None
    assert within(When(value="2005-06-13", start=D(2005, 6, 13), end=D(2005, 6, 13)), june)
    assert not within(When(value="2005", start=D(2005, 1, 1), end=D(2005, 12, 31)), june)  # too coarse
    assert not within(When(value="FUTURE_REF", start=D(2005, 6, 14)), june)
    minute = extent("2005-06-13T08:30")
    assert minute is not None and not within(When(value="2005-06-13", start=D(2005, 6, 13), end=D(2005, 6, 13)), minute)


def test_baseline_sentence_splitter() -> None:
    text = "Title line\n\nJune 13, 2005\n\nIt said so. ``Quote here.'' Then U.S. officials left."
    got = [text[a:b] for a, b in sentences(text)]
    assert got[:3] == ["Title line", "June 13, 2005", "It said so."]
    assert len(got) == 5


def test_cat_reader_counts_and_offsets_on_the_real_corpus() -> None:
    need(CAT.is_dir(), "../shared/corpora/meantime-dev absent")
    files = find_cat([CAT])
    assert len(files) == 60
    n_events = n_timex = n_links = n_matching_timex = 0
    for f in files:
        doc = read_cat(f)
        assert doc.text_source == "timeml" and doc.published is not None
        aligned = [t for t in doc.tokens if t.start is not None]
        assert len(aligned) > 20
        for t in aligned:  # every aligned token sits on its own word in the TimeML text
            assert doc.text[t.start:t.end] == t.word
        for m in doc.markables.values():
            assert m.text.strip() and doc.text[m.start:m.end] == m.text
        gold = {(x.start, x.end): x.value for x in read_timeml(timeml_twin(f)).timexes}
        timexes = [m for m in doc.markables.values() if m.kind == "TIMEX3"]
        n_matching_timex += sum(gold.get((m.start, m.end)) == m.attrs.get("value") for m in timexes)
        n_events += len(doc.events())
        n_timex += len(timexes)
        n_links += len(doc.tlinks)
        assert doc.unaligned_markables <= 2  # only the odd VALUE past the TimeML text
    assert 1000 <= n_events <= 1200 and 200 <= n_timex <= 250 and 800 <= n_links <= 1100
    # the CAT timexes land exactly on the TimeML gold spans with the same values: same text, same offsets
    assert n_matching_timex >= 0.97 * n_timex


def test_cat_without_timeml_twin_rebuilds_text_from_tokens(tmp_path: Path) -> None:
    need(RYANAIR.is_file(), "../shared/corpora/meantime-dev absent")
    doc = read_cat(RYANAIR, text_from_timeml=False)
    assert doc.text_source == "tokens" and doc.dct == "2005-06-13"
    assert doc.text.startswith("Ryanair exercises options on five Boeing 737s\nJune 13 , 2005\n")
    announced = next(m for m in doc.events() if m.attrs.get("pred") == "announce")
    assert announced.text == "announced"


def test_anchors_dateline_vs_in_text_and_scoring_of_hand_made_events() -> None:
    need(RYANAIR.is_file(), "../shared/corpora/meantime-dev absent")
    doc = read_cat(RYANAIR)
    anchors = {a.mention.text: a for a in anchored_mentions(doc)}
    assert anchors["announced"].value == "2005-06-13" and not anchors["announced"].dateline  # "today"
    assert anchors["come"].dateline  # TIMEX3(DCT) SIMULTANEOUS EVENT, read as its inverse
    art = article_of(doc)
    i = art.text.index("announced today")
    good = Event(id="e1", title="Ryanair announces", quote="announced today",
                 sources=[Source.at(art, i, i + len("announced today"))],
                 when=When(value="2005-06-13", start=D(2005, 6, 13), end=D(2005, 6, 13), precision=Precision.DAY))
    j = art.text.index("which come")
    bad = Event(id="e2", title="Planes come", quote="which come", sources=[Source.at(art, j, j + 10)],
                when=When(value="2005-06", start=D(2005, 6, 1), end=D(2005, 6, 30), precision=Precision.MONTH))
    k = art.text.index("The new planes")
    stray = Event(id="e3", title="Planes", quote="The new planes", sources=[Source.at(art, k, k + 14)],
                  when=When(value="2005-06-13", start=D(2005, 6, 13), end=D(2005, 6, 13)))
    results, unanchored = score_doc(doc, art.id, [good, bad, stray])
    by_text = {r.gold.mention.text: r for r in results}
    assert by_text["announced"].event is good and by_text["announced"].dated
    assert by_text["come"].event is bad and not by_text["come"].dated  # a month is not within the day
    assert unanchored == [stray]
    assert all(r.event is None for t, r in by_text.items() if t not in ("announced", "come"))


def test_publication_date_baseline_reproduces_the_issue_numbers() -> None:
    need(CAT.is_dir(), "../shared/corpora/meantime-dev absent")
    report = evaluate_events([CAT], system=sentence_baseline)
    d = report.to_dict()
    assert (d["overall"]["anchored"], d["dateline"]["anchored"], d["in_text"]["anchored"]) == (184, 96, 88)
    assert d["overall"]["coverage"] == 100.0
    assert d["overall"]["dating_accuracy"] == pytest.approx(65.8, abs=0.05)  # issue 4: 65.8%
    assert d["in_text"]["dating_accuracy"] == pytest.approx(28.4, abs=0.05)  # issue 4: 28.4%
    out = report.render(errors=3)
    assert "in_text" in out and "wrongly dated: 63" in out
    only_gm = evaluate_events([CAT], system=sentence_baseline, include="corpus_gm__*")
    assert only_gm.documents == 30
