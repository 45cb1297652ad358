"""MEANTIME CAT reader, calendar extents, and the event coverage/dating evaluation."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED, need
from timeline.evaluate import evaluate_events, sentence_baseline
from timeline.evaluate.calendar import extent
from timeline.evaluate.cat import find_cat, read_cat, timeml_twin
from timeline.evaluate.events import (
    anchored_mentions,
    article_of,
    score_doc,
    sentences,
    within,
)
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


# --- TimeML: event triggers (Task B) and event dating ------------------------------------------------

TBAQ = SHARED / "corpora" / "tbaq"
EVENTTRIG = SHARED / "tools" / "eventtrig.py"
TIMEXEVAL = SHARED / "tools" / "timexeval.py"

HAND = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-05" functionInDocument="CREATION_TIME">20240305</TIMEX3></DCT>
<TEXT>
The council <EVENT eid="e1" class="OCCURRENCE">approved</EVENT> the budget on <TIMEX3 tid="t1" type="DATE" value="2024-03-04">Monday</TIMEX3>. The mayor <EVENT eid="e2" class="REPORTING">said</EVENT> the <EVENT eid="e3" class="OCCURRENCE">vote</EVENT> was close.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2"/>
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei3" relatedToTime="t0"/>
</TimeML>
"""


def test_timeml_event_reader_and_gold_dating(tmp_path: Path) -> None:
    from timeline.evaluate.timeml_events import read_event_doc
    from timeline.evaluate.triggers import dated_events

    path = tmp_path / "hand.tml"
    path.write_text(HAND, encoding="utf-8")
    doc = read_event_doc(path)
    assert [(e.text, e.cls, e.tense) for e in doc.events] == [("approved", "OCCURRENCE", "PAST"), ("said", "REPORTING", "PAST"),
                                                            ("vote", "OCCURRENCE", "NONE")]
    assert all(doc.text[e.start:e.end] == e.text for e in doc.events)
    gold = {g.text: g for g in dated_events(doc)}
    assert set(gold) == {"approved", "said"}  # BEFORE dates nothing
    assert gold["approved"].written and gold["approved"].value == "2024-03-04"
    assert not gold["said"].written and gold["said"].value == "2024-03-05"  # t0 INCLUDES e2, read from the event's side


def test_task_b_matching_is_one_to_one_by_overlap() -> None:
    from timeline.evaluate.triggers import match

    gold = [(0, 5), (10, 15), (20, 25)]
    system = [(0, 12), (11, 13), (30, 31)]
    assert sorted(match(gold, system)) == [(0, 0), (1, 1)]  # (0,12) overlaps both: the larger overlap wins


def test_timeml_eval_of_a_document_the_model_never_saw(tmp_path: Path) -> None:
    from timeline.evaluate.triggers import evaluate_timeml_events

    (tmp_path / "hand.tml").write_text(HAND, encoding="utf-8")
    report = evaluate_timeml_events([tmp_path])
    d = report.to_dict()
    assert report.cross_validated == 0 and d["task_b"]["gold"] == 3
    assert d["task_b"]["relaxed"]["R"] >= 66.6  # "approved" and "said" at least
    assert d["dating"]["all"]["gold"] == 2 and d["dating"]["written"]["dated"] == 100.0  # "approved" on Monday
    assert d["baselines"]["publication"]["written"]["dated"] == 0.0
    assert d["baselines"]["nearest"]["all"]["dated"] == 100.0
    out = report.render(errors=2)
    assert "Task B" in out and "every sentence at publication date" in out


def test_our_task_b_scorer_agrees_with_eventtrig(tmp_path: Path) -> None:
    """`timeline extract --events` on a few TBAQ documents, scored by eventtrig.py and by ours: the same
    numbers (the shipped model has seen these documents: this checks the scorer, not the model)."""
    need(TBAQ.is_dir() and EVENTTRIG.is_file(), "../shared/corpora/tbaq or ../shared/tools/eventtrig.py absent")
    from timeline.evaluate.timeml_events import read_event_doc
    from timeline.evaluate.triggers import SysMention, TaskB

    src = tmp_path / "tml"
    src.mkdir()
    for p in sorted((TBAQ / "AQUAINT").glob("*.tml"))[:4]:
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "prep"

    def run(*a: object) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *map(str, a)], check=True, capture_output=True, text=True)

    run(TIMEXEVAL, "prepare", src, out)
    run(EVENTTRIG, "prepare", src, out)
    cmd = f"{sys.executable} -m timeline extract --events --published {{dct}} --format jsonl {{file}}"
    run(EVENTTRIG, "run", out, "--cmd", cmd, "--jobs", "1")
    theirs = json.loads(run(EVENTTRIG, "score", out / "events_gold.jsonl", out / "events_sys.jsonl", "--json").stdout)
    rows = [json.loads(x) for x in (out / "events_sys.jsonl").read_text().splitlines() if x.strip()]
    task = TaskB()
    for p in sorted(src.glob("*.tml")):
        doc = read_event_doc(p)
        mine = [SysMention(r["start"], r["end"], r["class"]) for r in rows if r["file"] == doc.doc.file]
        task.add(doc, mine)
    ours = task.to_dict()
    assert theirs["gold"] == ours["gold"] and theirs["system"] == ours["system"] > 0
    for k in ("relaxed", "strict"):
        for m in ("P", "R", "F1"):
            assert round(theirs[k][m], 2) == ours[k][m]
    assert round(theirs["class_accuracy"], 2) == ours["class_accuracy"]
