"""Detection and anchoring on crafted texts with hand-built mentions; ids, merging and order."""

from __future__ import annotations

import datetime as dt

from timeline.events import event_id, extract_events
from timeline.events.merge import merge
from timeline.models import Anchor, Article, Mention, Modifier, Precision, When, event_sort_key

DCT = dt.date(2025, 6, 11)


def _day(d: dt.date, anchor: Anchor = Anchor.EXPLICIT) -> When:
    return When(value=d.isoformat(), start=d, end=d, precision=Precision.DAY, anchor=anchor)


def _article(text: str, id_: str = "a1", published: dt.date = DCT) -> Article:
    return Article(id=id_, text=text, published=published, url=f"https://news.example/{id_}")


def _mention(a: Article, phrase: str, when: When) -> Mention:
    start = a.text.index(phrase)
    return Mention.at(a, start, start + len(phrase), when)


def _find(events, word: str):
    hits = [e for e in events if word in e.quote]
    assert len(hits) == 1, [e.quote for e in events]
    return hits[0]


def test_mention_in_clause_dates_the_event_and_title_drops_it() -> None:
    a = _article("The ministry, in a statement dated June 10, announced new sanctions against the company.")
    evs = extract_events(a, [_mention(a, "June 10", _day(dt.date(2025, 6, 10), Anchor.INFERRED))])
    assert len(evs) == 1
    e = evs[0]
    assert e.when.start == dt.date(2025, 6, 10) and e.date_text == "June 10"
    assert "June" not in e.title and len(e.title) <= 90
    assert a.text[e.sources[0].start : e.sources[0].end] == e.quote


def test_reporting_clause_without_date_takes_publication_date() -> None:
    a = _article("The minister has said that the border will stay closed.")
    e = extract_events(a, [])[0]
    assert e.when.start == e.when.end == DCT and e.when.anchor == Anchor.PUBLICATION
    assert e.date_text is None


def test_background_generality_is_no_happening_only_a_low_confidence_state() -> None:
    a = _article("For decades, the region has been a source of tension. The river is long and wide.")
    evs = extract_events(a, [])
    assert [e for e in evs if e.kind != "state"] == []
    # Present-tense statements in the article's own voice are facts as of publication (kind "state").
    assert len(evs) == 2
    for e in evs:
        assert e.when.start == e.when.end == DCT and e.when.anchor == Anchor.PUBLICATION
        assert e.confidence <= 0.35 and e.date_text is None


def test_discourse_reference_and_day_cue_share_the_meeting_date() -> None:
    a = _article(
        "Leaders met in Geneva on Monday to discuss the ceasefire. "
        "During the meeting, the president urged restraint. "
        "Speaking at a press conference following the meeting, the minister acknowledged differences. "
        "Aides held preparatory discussions earlier in the day."
    )
    monday = _day(dt.date(2025, 6, 9), Anchor.PUBLICATION)
    evs = extract_events(a, [_mention(a, "Monday", monday)])
    for word in ("met in Geneva", "urged restraint", "acknowledged", "preparatory"):
        assert _find(evs, word).when == monday, word


def test_recent_meeting_is_approximate_and_ends_at_publication() -> None:
    a = _article("Officials raised concerns during a recent meeting with the envoy. During the talks, he condemned the violence.")
    evs = extract_events(a, [])
    first, second = _find(evs, "recent meeting"), _find(evs, "condemned")
    assert first.when.end == DCT and first.when.modifier == Modifier.APPROX and first.when.start < DCT
    assert second.when == first.when


def test_upcoming_conference_starts_after_publication_without_end() -> None:
    a = _article("The administration is urging governments to boycott an upcoming United Nations conference on Gaza.")
    evs = extract_events(a, [])
    conf = [e for e in evs if e.when.value == "FUTURE_REF"]
    assert len(conf) == 1
    assert conf[0].when.start == DCT + dt.timedelta(days=1) and conf[0].when.end is None
    urging = [e for e in evs if e is not conf[0]]
    assert urging and urging[0].when.start == DCT


def test_hypothetical_clause_is_not_an_event() -> None:
    a = _article("Recognition would turn the vote into a victory for the rebels.")
    assert extract_events(a, []) == []


def test_year_written_elsewhere_in_sentence_fixes_guessed_year() -> None:
    a = _article('The note warns: "This would turn October 7 into a holiday"—a reference to the 2023 attack that killed hundreds.')
    guessed = When(value="2024-10-07", start=dt.date(2024, 10, 7), end=dt.date(2024, 10, 7),
                   precision=Precision.DAY, anchor=Anchor.INFERRED)
    year = When(value="2023", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), precision=Precision.YEAR)
    evs = extract_events(a, [_mention(a, "October 7", guessed), _mention(a, "2023", year)])
    attack = _find(evs, "attack that killed")
    assert attack.when.start == attack.when.end == dt.date(2023, 10, 7)


def test_ids_are_stable_and_derived_from_article_and_span() -> None:
    a = _article("The company announced on Friday that it had sold its factory.")
    friday = _day(dt.date(2025, 6, 6), Anchor.PUBLICATION)
    first = extract_events(a, [_mention(a, "Friday", friday)])
    second = extract_events(a, [_mention(a, "Friday", friday)])
    assert [e.model_dump() for e in first] == [e.model_dump() for e in second]
    s = first[0].sources[0]
    assert first[0].id == event_id("a1", s.start, s.end) and first[0].id.startswith("ev-")


def test_same_happening_in_two_articles_becomes_one_event_with_two_sources() -> None:
    a = _article("Acme Corp announced on Tuesday that it will close its Ohio plant.", "a")
    b = _article("On Tuesday, Acme Corp announced that it will close its Ohio plant.", "b",
                 published=dt.date(2025, 6, 12))
    tue = _day(dt.date(2025, 6, 10), Anchor.PUBLICATION)
    evs = extract_events(a, [_mention(a, "Tuesday", tue)]) + extract_events(b, [_mention(b, "Tuesday", tue)])
    tl = merge([a, b], evs, "Acme")
    tuesday = [e for e in tl.events if e.when.start == dt.date(2025, 6, 10)]
    assert len(tuesday) == 1
    assert {s.article for s in tuesday[0].sources} == {"a", "b"}
    assert tuesday[0].quote == tuesday[0].sources[0].quote and tuesday[0].sources[0].article == "a"


def test_different_happenings_on_one_day_stay_apart() -> None:
    a = _article("Leaders met in Geneva on Monday. During the meeting, the president urged restraint on the border. "
                 "Aides held preparatory discussions earlier in the day about trade tariffs.")
    monday = _day(dt.date(2025, 6, 9), Anchor.PUBLICATION)
    tl = merge([a], extract_events(a, [_mention(a, "Monday", monday)]), "t")
    assert len([e for e in tl.events if e.when == monday]) == 3


def test_timeline_is_sorted_by_start_then_precision() -> None:
    a = _article("In 2024, the firm posted a record loss. On March 3, 2024, the firm fired its chief. "
                 "The firm has announced a new plan.")
    year = When(value="2024", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), precision=Precision.YEAR)
    march = When(value="2024-03-03", start=dt.date(2024, 3, 3), end=dt.date(2024, 3, 3), precision=Precision.DAY)
    evs = extract_events(a, [_mention(a, "2024", year), _mention(a, "March 3, 2024", march)])
    tl = merge([a], list(reversed(evs)), "t")
    assert [event_sort_key(e) for e in tl.events] == sorted(event_sort_key(e) for e in tl.events)
    assert [e.when.start for e in tl.events] == [dt.date(2024, 1, 1), dt.date(2024, 3, 3), DCT]


def test_without_publication_date_only_written_dates_anchor() -> None:
    a = Article(id="nodct", text="The minister has said the border will stay closed. In 2019, the firm sold its plant.", published=None)
    year = When(value="2019", start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), precision=Precision.YEAR)
    evs = extract_events(a, [_mention(a, "2019", year)])
    assert [e.when.value for e in evs] == ["2019"]


def test_date_inside_a_quotation_does_not_date_the_report() -> None:
    a = _article('She said in a statement: "In 2010 we lost our way, and we will never repeat it."')
    year = When(value="2010", start=dt.date(2010, 1, 1), end=dt.date(2010, 12, 31), precision=Precision.YEAR)
    evs = extract_events(a, [_mention(a, "2010", year)])
    report = _find(evs, "She said")
    assert report.when.start == DCT and report.when.anchor == Anchor.PUBLICATION
    assert _find(evs, "we lost our way").when == year


def test_present_report_hands_a_period_to_the_reported_happening() -> None:
    a = _article("For the final quarter of 2024, Acme says it made profits of $8 million.")
    q4 = When(value="2024-Q4", start=dt.date(2024, 10, 1), end=dt.date(2024, 12, 31), precision=Precision.QUARTER)
    evs = extract_events(a, [_mention(a, "the final quarter of 2024", q4)])
    assert _find(evs, "Acme says").when.start == DCT
    assert _find(evs, "it made profits").when == q4


def test_aside_is_not_the_main_happening() -> None:
    a = _article("The attack, which took place on Sunday, killed 12 people.")
    sunday = _day(dt.date(2025, 6, 8), Anchor.PUBLICATION)
    [e] = extract_events(a, [_mention(a, "Sunday", sunday)])
    assert e.title == "Attack killed 12 people" and e.when == sunday and e.kind == "attack"
