"""Timeline summarisation on articles of our own, across kinds of news: day salience, the echo
discount, sentence choice, the default number of days, and key events on a merged timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import pipeline, summarize
from timeline.models import (
    Article,
    Event,
    Precision,
    Source,
    Timeline,
    When,
    event_sort_key,
)
from timeline.summarize import dates as day_rank
from timeline.summarize.sentences import Idf, central
from timeline.temporal import tag

D = dt.date

# A court case over a week, reported by several outlets; a market story and a football match mixed in.
STORY = [
    ("a1", D(2024, 3, 5), ("The supreme court heard the appeal of the port workers on Monday. "
     "Lawyers for the union argued that the dismissals broke the contract. A ruling is expected on March 8.")),
    ("a2", D(2024, 3, 5), ("Judges questioned the port operator for three hours on Monday. "
     "Shares in the port operator fell 4% in early trading. The hearing continues.")),
    ("a3", D(2024, 3, 8), ("The supreme court ruled on Friday that the dismissals of 300 port workers were unlawful. "
     "The court ordered the operator to reinstate the workers. The union called the ruling a victory.")),
    ("a4", D(2024, 3, 9), ("The supreme court ruled on Friday that the port operator must reinstate 300 workers. "
     "The ruling came after a four-day hearing that began on Monday. Markets shrugged off the decision.")),
    ("a5", D(2024, 3, 9), ("The operator said on Saturday it would comply with Friday's ruling. "
     "In a separate match, the harbour football club won 2-1 on Saturday.")),
    ("a6", D(2024, 3, 12), ("Workers returned to the docks on Tuesday, four days after the supreme court ruling of March 8. "
     "The operator's chief executive resigned on Tuesday.")),
]


def articles() -> list[Article]:
    return [Article(id=i, title=i, text=t, published=p, source="Harbor Gazette") for i, p, t in STORY]


def digests() -> list[summarize.Digest]:
    return [summarize.digest(a, tag(a)) for a in articles()]


def test_single_day_accepts_only_one_day() -> None:
    day = When(value="2024-03-08", start=D(2024, 3, 8), end=D(2024, 3, 8), precision=Precision.DAY)
    month = When(value="2024-03", start=D(2024, 3, 1), end=D(2024, 3, 31), precision=Precision.MONTH)
    moment = When(value="2024-03-08T10:00", type="TIME", start=dt.datetime(2024, 3, 8, 10), end=dt.datetime(2024, 3, 8, 10),
                  precision=Precision.MINUTE)
    before = When(value="2024-03-08", end=D(2024, 3, 8), precision=Precision.DAY, modifier="before")
    assert summarize.single_day(day) == D(2024, 3, 8) and summarize.single_day(moment) == D(2024, 3, 8)
    assert summarize.single_day(month) is None and summarize.single_day(before) is None


def test_the_ruling_day_is_the_most_salient() -> None:
    scores = summarize.day_scores(digests())
    assert max(scores, key=scores.get) == D(2024, 3, 8)
    assert scores[D(2024, 3, 8)] > scores[D(2024, 3, 9)]  # named by 4 articles, published-on by 1 less


def test_summary_in_date_order_with_sentences_as_written() -> None:
    out = summarize.summarize(digests(), dates=3, sentences=2)
    assert [s.date for s in out] == sorted(s.date for s in out) and len(out) == 3
    assert D(2024, 3, 8) in {s.date for s in out} and D(2024, 3, 4) in {s.date for s in out}
    texts = {a.text for a in articles()}
    for s in out:
        assert 1 <= len(s.sentences) <= 2
        assert all(any(sent in t for t in texts) for sent in s.sentences)  # whole sentences, as written
    ruling = next(s for s in out if s.date == D(2024, 3, 8))
    assert any("ruled" in sent or "ruling" in sent for sent in ruling.sentences)
    assert out[0].to_dict().keys() == {"date", "sentences", "events"}


def test_since_and_until_bound_the_days() -> None:
    out = summarize.summarize(digests(), dates=10, since=D(2024, 3, 6), until=D(2024, 3, 10))
    assert out and all(D(2024, 3, 6) <= s.date <= D(2024, 3, 10) for s in out)


def test_echo_discount_keeps_the_day_after_out_unless_it_stands_on_its_own() -> None:
    scores = {D(2024, 1, 1): 10.0, D(2024, 1, 2): 6.0, D(2024, 1, 9): 5.0}
    assert day_rank.select(scores, 2, echo=0.0) == [D(2024, 1, 1), D(2024, 1, 2)]
    assert day_rank.select(scores, 2, echo=0.5) == [D(2024, 1, 1), D(2024, 1, 9)]  # 6 x 0.5 = 3 < 5
    strong = {**scores, D(2024, 1, 2): 12.0}
    assert day_rank.select(strong, 2, echo=0.5) == [D(2024, 1, 1), D(2024, 1, 2)]


def test_select_is_deterministic_and_takes_the_earlier_day_on_ties() -> None:
    scores = {D(2024, 5, 3): 2.0, D(2024, 5, 1): 2.0, D(2024, 5, 7): 2.0}
    assert day_rank.select(scores, 1) == [D(2024, 5, 1)]
    assert day_rank.select(scores, 5) == sorted(scores)


@pytest.mark.parametrize(("values", "expected"), [
    ([50, 40, 35, 3, 2, 2, 1, 1, 1, 1, 1, 1], 3),  # three days stand out
    ([5, 5, 5], 3),
    ([9, 1], 2),
])
def test_default_count_is_the_knee(values: list[int], expected: int) -> None:
    scores = {D(2024, 1, 1) + dt.timedelta(days=7 * i): float(v) for i, v in enumerate(values)}
    assert day_rank.default_count(scores) == expected


def test_central_sentences_skip_repeats() -> None:
    cands = [summarize.Candidate(t, (D(2024, 1, 1),), i) for i, t in enumerate([
        "The central bank raised interest rates by half a point on Thursday.",
        "The central bank raised interest rates by half a point on Thursday, officials said.",
        "The bank's governor said inflation remained too high after the rate rise.",
        "A new orchestra season opened with a sold-out concert."])]
    idf = Idf(c.text for c in cands)
    picked = central(cands, idf, 2)
    assert picked[0].startswith("The central bank raised")
    assert len(picked) == 2 and not (picked[0].startswith("The central bank") and picked[1].startswith("The central bank"))


def test_key_events_on_a_merged_timeline() -> None:
    timeline = pipeline.build(articles())
    keyed = [e for e in timeline.events if e.key]
    assert keyed and all(not e.minor for e in keyed)
    days = {summarize.single_day(e.when) for e in keyed}
    assert D(2024, 3, 8) in days
    assert len(keyed) == len(days)  # one key event per key day
    again = summarize.key_events(timeline)
    assert [e.key for e in again.events] == [e.key for e in timeline.events]  # idempotent


def test_minor_events_are_never_key() -> None:
    text = "Talks opened on May 2. The mine is the largest in the region."
    art = Article(id="m", text=text, published=D(2024, 5, 3))
    def ev(phrase: str, minor: bool) -> Event:
        s = text.index(phrase)
        src = Source.at(art, s, s + len(phrase))
        return Event(id=f"e{s}", title=phrase, quote=src.quote, sources=[src], minor=minor,
                     when=When(value="2024-05-02", start=D(2024, 5, 2), end=D(2024, 5, 2), precision=Precision.DAY))
    events = sorted([ev("Talks opened on May 2.", False), ev("The mine is the largest", True)], key=event_sort_key)
    tl = summarize.key_events(Timeline(articles=[art.info()], events=events))
    assert [e.title for e in tl.events if e.key] == ["Talks opened on May 2."]


def test_events_on_lists_the_days_events() -> None:
    timeline = pipeline.build(articles())
    out = summarize.events_on(timeline, summarize.summarize(digests(), dates=2))
    ids = {e.id for e in timeline.events}
    assert all(set(s.events) <= ids for s in out)
    ruling = next((s for s in out if s.date == D(2024, 3, 8)), None)
    assert ruling is not None and ruling.events


def test_days_at_the_ends_of_the_calendar() -> None:
    first, last = dt.date.min, dt.date.max
    assert day_rank.select({first: 3.0, first + dt.timedelta(days=1): 2.0, last: 1.0}, 3) == [
        first, first + dt.timedelta(days=1), last]
    art = Article(id="old", text="The town charter was sealed by the council elders. It was kept in the abbey for years.", published=first)
    out = summarize.summarize([summarize.digest(art, [])], dates=2)
    assert [s.date for s in out] == [first]
