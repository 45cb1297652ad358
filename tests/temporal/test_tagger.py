"""The tagger's contract: API, false alarms, determinism, no-DCT warnings, named periods, seeds."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED, need
from timeline.models import Anchor, Article, Precision
from timeline.temporal import NO_DCT_WARNING, tag, tag_text, tag_with_warnings

DCT = dt.date(2025, 6, 11)

# Each sentence holds a word that looks temporal but is not; nothing may be tagged over it.
FALSE_ALARMS = [
    ("France may recognize a Palestinian state.", "may"),
    ("May we ask what happened?", "May"),
    ("We urge governments not to participate.", "We"),
    ("Thousands march on the capital every year.", "march"),
    ("March on, the soldiers sang.", "March"),
    ("The second phase of the agreement begins.", "second"),
    ("This is not the first time Trump has intervened.", "first time"),
    ("The attack killed 1\u00a0200 Israelis and took 250 hostages.", "1\u00a0200 Israelis"),
    ("The attack killed 1 200 Israelis.", "1 200 Israelis"),
    ("Nearly 55,000 Palestinians have died.", "55,000 Palestinians"),
    ("The contract is worth $40 billion over its life.", "$40 billion"),
    ("Over two million people were displaced.", "two million people"),
    ("The army fielded 1500 troops and 2000 horses.", "1500 troops"),
    ("Security Council Resolution 1441 was adopted.", "1441"),
    ("The price rose to 1.25 euros a share.", "1.25"),
    ("Prices fall when demand drops.", "fall"),
    ("The now-cancelled deal was a scandal.", "now"),
    ("Turn October 7 into Palestine's Independence Day, the note says.", "Independence Day"),
    ("At the same time, Paris seeks to avoid a clash.", "the same time"),
    ("The vote could shape the future of the region.", "the future"),
    ("It has 2,400 units and a 3:2 ratio.", "2,400"),
    ("Most of the victims were in their 70s.", "70s"),
    ("The Sunday Times reported the deal.", "Sunday"),
    ("Protests of the Arab Spring toppled rulers.", "Spring"),
    ("Athletes trained for the Winter Olympics.", "Winter"),
    ("Flights to Christmas Island resumed.", "Christmas"),
    ("The Long March took a year.", "March"),
    ("Markets recalled Black Monday in 1987.", "Monday"),
    ("New shops spring up along the road.", "spring"),
    ("They bathed in a hot spring near town.", "spring"),
    ("They sang White Christmas on stage.", "Christmas"),
    ("The score was 3/4 of the total.", "3/4"),
    ("Three quarters of the voters backed the plan.", "quarters"),
    ("A quarter of its players are injured.", "quarter"),
    ("Unemployment fell to 1990-94 percent of the peak.", "94"),
    ("The home side won 3-1 in front of 40,000 fans.", "1"),
    ("The figures are on pages 12-14 of the report.", "14"),
    ("The striker scored 4 and 5 goals in the two legs.", "5"),
]


# Named periods are world knowledge with dates: they apply only to the holder and once they have begun.
NAMED_PERIOD_MISUSES = [
    ("The prime minister is returning to office after the vote.", dt.date(2025, 6, 11), "returning to office"),
    ("Trump said in a rally that his second term would be different.", dt.date(2019, 6, 11), "second term"),
    ("Trump vowed that upon returning to office he would act.", dt.date(2024, 6, 11), "returning to office"),
]


@pytest.mark.parametrize(("sentence", "dct", "phrase"), NAMED_PERIOD_MISUSES, ids=[str(d) for _, d, _ in NAMED_PERIOD_MISUSES])
def test_named_period_needs_its_holder_and_to_have_begun(sentence: str, dct: dt.date, phrase: str) -> None:
    start = sentence.index(phrase)
    hits = [m.text for m in tag_text(sentence, dct) if m.start < start + len(phrase) and start < m.end]
    assert hits == [], f"{phrase!r} was tagged as {hits}"


@pytest.mark.parametrize(("sentence", "phrase"), FALSE_ALARMS, ids=[p for _, p in FALSE_ALARMS])
def test_no_false_alarm(sentence: str, phrase: str) -> None:
    start = sentence.index(phrase)
    end = start + len(phrase)
    hits = [m.text for m in tag_text(sentence, DCT) if m.start < end and start < m.end]
    assert hits == [], f"{phrase!r} was tagged as {hits}"


SAMPLE = (
    "The document, dated June 10, says more. On Tuesday the ambassador spoke. Talks began in March 2024 and "
    "ran for three years. The next day, at 14:30, a vote was held. Now, the past is the past; recent years "
    "were hard. Two days later the army withdrew, and every year since then the town marks it."
)


def test_mentions_are_sorted_non_overlapping_and_quote_the_text() -> None:
    article = Article(id="a", text=SAMPLE, published=DCT)
    mentions = tag(article)
    assert len(mentions) >= 10
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    for m in mentions:
        assert SAMPLE[m.start : m.end] == m.text and m.article == "a"


def test_deterministic_and_independent_of_earlier_calls() -> None:
    first = [m.model_dump_json() for m in tag_text(SAMPLE, DCT)]
    tag_text("In 1939 the war began. In June the front broke.", dt.date(2009, 12, 19))  # other state
    second = [m.model_dump_json() for m in tag_text(SAMPLE, DCT)]
    assert first == second


def test_datetime_publication_date_is_its_day() -> None:
    a = [m.when.value for m in tag_text(SAMPLE, DCT)]
    b = [m.when.value for m in tag_text(SAMPLE, dt.datetime(2025, 6, 11, 23, 59))]
    assert a == b


def test_no_publication_date_leaves_relatives_unresolved_with_a_warning() -> None:
    article = Article(id="a", text="The cable, dated June 10, was sent on Tuesday. In 2023 it began.", published=None)
    mentions, warnings = tag_with_warnings(article)
    by_text = {m.text: m.when for m in mentions}
    assert by_text["June 10"].value == "XXXX-06-10"
    assert by_text["June 10"].start is None and by_text["June 10"].anchor == Anchor.UNRESOLVED
    assert by_text["Tuesday"].value == "XXXX-WXX-2"
    assert by_text["2023"].value == "2023" and by_text["2023"].anchor == Anchor.EXPLICIT
    assert len(warnings) == 1 and warnings[0].startswith(NO_DCT_WARNING)
    _, none = tag_with_warnings(Article(id="b", text=article.text, published=DCT))
    assert none == []


def test_intervals_and_precision() -> None:
    w = {m.text: m.when for m in tag_text("It ran from early June 2025 until the 2020s ended. Tuesday morning it rained.", DCT)}
    june = w["early June 2025"]
    assert (june.start, june.end, june.precision, june.modifier) == (
        dt.date(2025, 6, 1), dt.date(2025, 6, 10), Precision.MONTH, "start")
    assert (w["the 2020s"].value, w["the 2020s"].start, w["the 2020s"].end) == ("202", dt.date(2020, 1, 1), dt.date(2029, 12, 31))
    morning = w["Tuesday morning"]
    assert morning.value == "2025-06-10TMO" and morning.start == dt.datetime(2025, 6, 10, 6)


def test_module_entry_prints_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "doc.txt"
    f.write_text("On Tuesday the talks ended.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "timeline.temporal", str(f), "2025-06-11"],
                         capture_output=True, text=True, check=True, cwd=REPO)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["start"], r["end"], r["value"]) for r in rows] == [(3, 10, "2025-06-10")]


SEEDS = SHARED / "seeds"


@pytest.mark.parametrize("gold_file", sorted((REPO / "fixtures" / "gold").glob("*.json")), ids=lambda p: p.stem)
def test_seed_articles_match_their_gold(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    src = SEEDS / f"{gold['article']}.txt"
    need(src.exists(), f"seed text {src} not found")
    text = src.read_text(encoding="utf-8")
    mentions = tag_text(text, dt.date.fromisoformat(gold["published"]))
    got = {(m.start, m.end): m.when for m in mentions}
    for g in gold["timexes"]:
        w = got.get((g["start"], g["end"]))
        assert w is not None, f"{g['text']!r} not found at its extent"
        assert str(w.type) == g["type"]
        if "value" in g:
            assert w.value == g["value"], g["text"]
        for bound in ("start", "end"):
            if f"{bound}_date" in g:
                assert str(getattr(w, bound)) == g[f"{bound}_date"], g["text"]
    for bad in gold.get("not_temporal", []):
        assert not [m for m in mentions if m.start < bad["end"] and bad["start"] < m.end], bad["text"]
    # beyond the gold only "recent" (PAST_REF), which MEANTIME annotates and the seed gold does not
    gold_spans = {(g["start"], g["end"]) for g in gold["timexes"]}
    extra = [m.text for m in mentions if (m.start, m.end) not in gold_spans]
    assert all(t.lower() == "recent" for t in extra), extra


EDGE = [
    "December 31, 9999 and the next day", "January 1, 0001 and the previous day", "February 30, 2020",
    "10,000 years ago", "99999 years later", "Q4 9999", "the last week of December 9999", "at 25:99",
    "the night of 31 December 9999", "in 0 AD", "5000 BC and the following year", "13/13/2013",
    "the 9th century BC", "the weekend of", "12/31/99", "Sundays and every other Monday",
]


@pytest.mark.parametrize("dct", [None, dt.date(2025, 6, 11), dt.date(9999, 12, 31), dt.date(1, 1, 1),
                                 dt.datetime(2020, 2, 29, 12)])
def test_calendar_edges_do_not_crash(dct) -> None:
    text = ". ".join(EDGE)
    mentions = tag_text(text, dct)
    assert mentions and all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_clock_value_is_local_and_the_zone_stays_in_the_interval() -> None:
    """TIMEX3 values carry no local zone ("5 p.m. EST" is T17:00, as TimeBank writes it; UTC is "Z"),
    but the interval is aware, so exports place the moment right."""
    m = tag_text("The polls close at 5 p.m. EST on Tuesday.", dt.date(2025, 11, 3))[0]
    assert m.text == "5 p.m. EST" and m.when.value == "2025-11-04T17:00"
    assert m.when.start == dt.datetime(2025, 11, 4, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    u = tag_text("The launch is set for 16:00 UTC on Friday.", dt.date(2025, 11, 3))[0]
    assert u.text == "16:00 UTC" and u.when.value == "2025-11-07T16:00Z"
