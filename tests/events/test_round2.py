"""Round 2 of the events stage: reporting verbs, dated futures and progressives, states as of publication."""

from __future__ import annotations

import datetime as dt

from timeline.events import extract_events
from timeline.models import Anchor, Article, Mention, Precision, When

DCT = dt.date(2025, 6, 11)


def _day(d: dt.date, anchor: Anchor = Anchor.PUBLICATION) -> When:
    return When(value=d.isoformat(), start=d, end=d, precision=Precision.DAY, anchor=anchor)


def _year(y: int) -> When:
    return When(value=str(y), start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), precision=Precision.YEAR)


def _month(y: int, m: int) -> When:
    end = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
    return When(value=f"{y}-{m:02d}", start=dt.date(y, m, 1), end=end, precision=Precision.MONTH,
                anchor=Anchor.PUBLICATION)


def _article(text: str) -> Article:
    return Article(id="r2", text=text, published=DCT)


def _mention(a: Article, phrase: str, when: When, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = a.text.index(phrase, start + 1)
    return Mention.at(a, start, start + len(phrase), when)


def _covering(events, word: str, text: str):
    """The event whose source covers ``word`` most tightly (as the evaluation picks it)."""
    at = text.index(word)
    hits = [e for e in events if any(s.start <= at < s.end for s in e.sources)]
    assert hits, f"nothing covers {word!r}: {[e.quote for e in events]}"
    return min(hits, key=lambda e: min(s.end - s.start for s in e.sources))


def test_bare_reporting_verb_after_a_name_is_a_plural_present() -> None:
    a = _article("Boeing say airlines demand performance improvements of 15-20%.")
    e = _covering(extract_events(a, []), "say", a.text)
    assert e.when.start == DCT and e.kind == "statement"


def test_specific_date_beats_a_present_ref_adverb() -> None:
    text = "ANA were to take delivery in May 2008, but will now receive the aircraft next month."
    a = _article(text)
    now = When(value="PRESENT_REF", start=DCT, end=DCT, anchor=Anchor.PUBLICATION)
    ms = [_mention(a, "May 2008", _month(2008, 5)), _mention(a, "now", now), _mention(a, "next month", _month(2025, 7))]
    e = _covering(extract_events(a, ms), "receive", text)
    assert e.when.value == "2025-07" and e.date_text == "next month"


def test_present_progressive_with_british_spelling_and_a_date() -> None:
    text = "A second plane is also travelling to the U.S. on Monday."
    a = _article(text)
    monday = _day(dt.date(2025, 6, 16))
    e = _covering(extract_events(a, [_mention(a, "Monday", monday)]), "travelling", text)
    assert e.when == monday


def test_a_failure_is_a_happening_but_yet_to_is_not() -> None:
    text = "The bill failed to pass the Senate this week."
    a = _article(text)
    week = When(value="2025-W24", start=dt.date(2025, 6, 9), end=dt.date(2025, 6, 15), precision=Precision.WEEK)
    e = _covering(extract_events(a, [_mention(a, "this week", week)]), "failed", text)
    assert e.when == week
    b = _article("The company has yet to offer a signal.")
    assert [e for e in extract_events(b, []) if e.kind != "state"] == []


def test_present_states_in_own_voice_are_dated_at_publication_with_low_confidence() -> None:
    text = ("Ford is the world's third-largest automaker. The purchase includes rights to the brand. "
            "Its profits equate to 26 cents per share. A test flight was delayed after an accident at the airport, "
            "which serves Bangkok.")
    a = _article(text)
    evs = extract_events(a, [])
    for word in ("is the world", "includes", "equate", "serves"):
        e = _covering(evs, word, text)
        assert e.kind == "state" and e.when.start == e.when.end == DCT, word
        assert e.when.anchor == Anchor.PUBLICATION and e.confidence <= 0.35, word
        assert len(e.title) <= 90
    assert _covering(evs, "Ford is", text).title == "Ford is world's third-largest automaker"


def test_no_states_for_hypotheticals_quotations_conditions_or_reported_content() -> None:
    text = ('The jet could fly for 9,420 miles. He said, "We are fully committed to the search." '
            "If the price is right, nothing happens. The firm says that the plane is more efficient.")
    a = _article(text)
    evs = extract_events(a, [])
    assert [e for e in evs if e.kind == "state"] == [], [e.quote for e in evs]
    assert not any("could fly" in e.quote for e in evs)


def test_a_present_ability_holds_as_of_publication() -> None:
    text = "The 777-200LR can fly for 9,420 nautical miles with 301 passengers."
    e = _covering(extract_events(_article(text), []), "fly", text)
    assert e.kind == "state" and e.when.start == DCT and e.confidence <= 0.35


def test_infinitive_with_its_own_date_is_an_event_and_the_clause_holds_now() -> None:
    text = "Aer Lingus also have options of six more jets to exercise by 2030."
    a = _article(text)
    evs = extract_events(a, [_mention(a, "2030", _year(2030))])
    assert _covering(evs, "exercise", text).when == _year(2030)
    holding = _covering(evs, "options", text)
    assert holding.when.start == DCT and holding.kind == "state"
    assert holding.title == "Aer Lingus also have options of six more jets"


def test_reduced_relative_with_a_date_inside_a_present_clause() -> None:
    text = "The measure comes on top of existing plans announced in January, in which 500 positions go."
    a = _article(text)
    jan = _month(2025, 1)
    evs = extract_events(a, [_mention(a, "January", jan)])
    assert _covering(evs, "announced", text).when == jan
    assert _covering(evs, "comes", text).when.start == DCT


def test_appositive_after_a_comma_is_no_embedded_phrase() -> None:
    text = "The company says that it intends to use its option, a deal that will be finalized by June 20."
    a = _article(text)
    june = _day(dt.date(2025, 6, 20))
    evs = extract_events(a, [_mention(a, "June 20", june)])
    assert not any(e.quote.startswith("be finalized") for e in evs)


def test_participial_clause_shares_the_reported_happenings_date() -> None:
    text = "The office on June 2 called for a re-run of the bidding, citing major flaws in the process."
    a = _article(text)
    june2 = _day(dt.date(2025, 6, 2), Anchor.INFERRED)
    evs = extract_events(a, [_mention(a, "June 2", june2)])
    assert _covering(evs, "citing", text).when == june2


def test_past_happening_continues_the_previous_paragraphs_day_not_its_minute() -> None:
    text = "The plane landed at the airport at 6:40 p.m. after a long flight.\n\nThe aircraft was greeted by 400 guests."
    a = _article(text)
    t = dt.datetime(2025, 6, 11, 18, 40)
    when = When(value="2025-06-11T18:40", type="TIME", start=t, end=t, precision=Precision.MINUTE)
    evs = extract_events(a, [_mention(a, "6:40 p.m.", when)])
    greeted = _covering(evs, "greeted", text)
    assert greeted.when.start == greeted.when.end == dt.date(2025, 6, 11) and greeted.when.precision == Precision.DAY


def test_report_does_not_take_its_contents_date_nor_a_past_clause_a_future_one() -> None:
    text = "Aer Lingus said it will receive six new aircraft from 2029."
    a = _article(text)
    evs = extract_events(a, [_mention(a, "2029", _year(2029))])
    assert _covering(evs, "said", text).when.start == DCT
    assert _covering(evs, "receive", text).when == _year(2029)


def test_a_vague_date_in_a_quotation_dates_no_other_clause() -> None:
    text = 'He stated that his intent was not to "perpetuate the bad decisions of the past," and that it was wrong.'
    a = _article(text)
    past = When(value="PAST_REF", start=None, end=DCT, anchor=Anchor.PUBLICATION)
    evs = extract_events(a, [_mention(a, "the past", past)])
    assert _covering(evs, "stated", text).when.start == DCT


def test_date_before_a_noun_dates_the_noun_not_the_clause() -> None:
    text = "The automaker, in financial straits, has a June 1 deadline to finish a restructuring plan."
    a = _article(text)
    june1 = _day(dt.date(2025, 6, 1), Anchor.INFERRED)
    e = _covering(extract_events(a, [_mention(a, "June 1", june1)]), "has", text)
    assert e.when.start == DCT and e.kind == "state"


def test_dated_event_noun_is_an_event_of_its_own() -> None:
    text = ("In a speech at 16:00 UTC today, Obama presented a plan following the 12:00 UTC announcement by "
            "General Motors that it had filed for bankruptcy.")
    a = _article(text)
    t16, t12 = dt.datetime(2025, 6, 11, 16, tzinfo=dt.UTC), dt.datetime(2025, 6, 11, 12, tzinfo=dt.UTC)
    w16 = When(value="2025-06-11T16:00Z", type="TIME", start=t16, end=t16, precision=Precision.MINUTE)
    w12 = When(value="2025-06-11T12:00Z", type="TIME", start=t12, end=t12, precision=Precision.MINUTE)
    evs = extract_events(a, [_mention(a, "16:00 UTC today", w16), _mention(a, "12:00 UTC", w12)])
    assert _covering(evs, "presented", text).when == w16
    announcement = _covering(evs, "announcement", text)
    assert announcement.when == w12 and announcement.title == "Announcement by General Motors"


def test_date_on_the_wrong_side_of_publication_is_not_the_clauses_but_its_nouns() -> None:
    text = "The company will cut 30,000 jobs as part of a plan to relieve it after a US$ 1.6 billion loss last year."
    a = _article(text)
    evs = extract_events(a, [_mention(a, "last year", _year(2024))])
    loss = _covering(evs, "loss", text)
    assert loss.when == _year(2024) and loss.title == "US$ 1.6 billion loss"
    assert not any(e.when == _year(2024) and "will cut" in e.quote for e in evs)


def test_participle_between_commas_is_not_the_main_verb() -> None:
    text = "The plan, called Way Forward, is to end the losses by 2030."
    a = _article(text)
    evs = extract_events(a, [_mention(a, "2030", _year(2030))])
    assert _covering(evs, "is to", text).when.start == DCT
    assert _covering(evs, "end", text).when == _year(2030)


def test_embedded_to_be_phrase_takes_the_date_and_the_schedule_holds_now() -> None:
    text = "The deliveries are scheduled to be in time for the 2030 Olympic Games."
    a = _article(text)
    evs = extract_events(a, [_mention(a, "2030", _year(2030))])
    assert _covering(evs, "scheduled", text).when.start == DCT
    assert _covering(evs, "Olympic", text).when == _year(2030)


def test_double_hyphen_dash_cuts_clauses() -> None:
    text = "The glitch was not reported on June 2 --and only became public this weekend."
    a = _article(text)
    june2 = _day(dt.date(2025, 6, 2), Anchor.INFERRED)
    weekend = When(value="2025-W23-WE", start=dt.date(2025, 6, 7), end=dt.date(2025, 6, 8), precision=Precision.DAY)
    evs = extract_events(a, [_mention(a, "June 2", june2), _mention(a, "this weekend", weekend)])
    assert _covering(evs, "became", text).when == weekend
    assert _covering(evs, "reported", text).when == june2


def test_present_relative_aside_in_a_past_clause_is_a_state_of_its_own() -> None:
    text = "The airline, which is the third largest in China, signed the agreement in Paris on June 2."
    a = _article(text)
    june2 = _day(dt.date(2025, 6, 2), Anchor.INFERRED)
    evs = extract_events(a, [_mention(a, "June 2", june2)])
    aside = _covering(evs, "is the third", text)
    assert aside.kind == "state" and aside.when.start == DCT and aside.title == "Airline, which is third largest in China"
    assert _covering(evs, "signed", text).when == june2


def test_apposition_before_a_report_keeps_the_report() -> None:
    text = "Louis Gallois, the chief executive, said the company expects to cut 4,300 jobs."
    a = _article(text)
    e = _covering(extract_events(a, []), "said", text)
    assert e.kind == "statement" and e.confidence > 0.35


def test_future_state_with_its_own_date_is_a_forecast_and_the_report_keeps_a_day() -> None:
    text = "Ford posted a profit in the third quarter, and predicted that it would be solidly profitable by 2030."
    a = _article(text)
    q3 = When(value="2025-Q3", start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30), precision=Precision.QUARTER)
    evs = extract_events(a, [_mention(a, "the third quarter", q3), _mention(a, "2030", _year(2030))])
    forecast = _covering(evs, "profitable", text)
    assert forecast.when == _year(2030) and forecast.kind == "state" and forecast.confidence <= 0.5
    report = _covering(evs, "predicted", text)
    assert report.when.start == DCT and report.title.startswith("Predicted that it would be")


def test_nationality_adjectives_titles_alone_and_currencies_are_no_actors() -> None:
    from timeline.events.actors import actors

    found = actors("Palestinian officials and Western governments met the Palestinian Authority and the EU.")
    assert found == ["Palestinian Authority", "EU"]
    assert actors("The plan is the brainchild of the Chief Executive Officer, worth US$ 7 billion.") == []
    assert actors("The plan, called ``Way Forward'', is new.") == ["Way Forward"]
    assert actors("William Clay Ford Jr. said") == ["William Clay Ford Jr."]


def test_overlong_title_does_not_end_in_a_verbless_reported_stub() -> None:
    from timeline.events.title import title

    clause = ("U.S. Ambassador to Israel Mike Huckabee stated on Tuesday that the idea of an independent "
              "Palestinian state is no longer among the foreign policy goals of the United States")
    t = title(clause, [(clause.index("on Tuesday") + 3, clause.index("on Tuesday") + 10)])
    assert t == "U.S. Ambassador to Israel Mike Huckabee stated" and len(t) <= 90


def test_title_drops_only_a_date_that_modifies_a_noun() -> None:
    from timeline.events.title import title

    clause = "The deliveries are scheduled to be in time for the 2030 Olympic Games"
    s = clause.index("2030")
    assert title(clause, [(s, s + 4)]) == "Deliveries are scheduled to be in time for Olympic Games"


def test_dash_pair_around_a_list_does_not_cut_the_subject_off() -> None:
    text = "A bailout deal for the automakers --Chrysler, Ford, and General Motors --has been rejected in the Senate."
    a = _article(text)
    e = _covering(extract_events(a, []), "rejected", text)
    assert e.quote.startswith("A bailout deal")


def test_since_marks_a_periods_start_and_conditions_are_no_happenings() -> None:
    text = ("Markets fell sharply on Monday. Analysts say the market remains volatile.\n\n"
            "The index closed 7.9% lower, its biggest fall since 1987. If the rate is cut, banks can lend more.")
    a = _article(text)
    monday = _day(dt.date(2025, 6, 9))
    evs = extract_events(a, [_mention(a, "Monday", monday), _mention(a, "1987", _year(1987))])
    assert _covering(evs, "closed", text).when == monday
    assert not any("rate is cut" in e.quote for e in evs)


def test_titles_keep_digit_groups_and_lower_case_brand_names() -> None:
    from timeline.events.title import title

    assert title("The company employs 32,000 people and is based in Cupertino, California.") == \
        "Company employs 32,000 people and is based in Cupertino, California"
    assert title("iPod sales rose sharply.") == "iPod sales rose sharply"


def test_a_quotation_running_over_paragraphs_gives_no_states() -> None:
    text = ("Chief executive Thomas Enders said in a statement, ``We want to know what happened.\n\n"
            "We are fully committed to support the extension of the search. ''\n\nThe search is expensive.")
    a = _article(text)
    evs = extract_events(a, [])
    assert not any("committed" in e.quote for e in evs if e.kind == "state")
    assert _covering(evs, "expensive", text).kind == "state"


def test_present_reason_inside_a_past_clause_is_a_state() -> None:
    text = "Sunday was chosen as its date matches the aircraft's designation number."
    a = _article(text)
    sunday = _day(dt.date(2025, 6, 8))
    evs = extract_events(a, [_mention(a, "Sunday", sunday)])
    assert _covering(evs, "matches", text).when.start == DCT
    assert _covering(evs, "chosen", text).when == sunday
    b = _article("Stocks fell on Monday as investors worried that the crisis is spreading.")
    assert [e for e in extract_events(b, []) if e.kind == "state"] == []


def test_a_date_describing_a_noun_after_of_does_not_date_the_verb() -> None:
    text = "The car was introduced in 1986, and pushed rivals to rid Detroit of the boxy cars of the 70s and 80s."
    a = _article(text)
    y70 = When(value="197", start=dt.date(1970, 1, 1), end=dt.date(1979, 12, 31), precision=Precision.DECADE)
    y80 = When(value="198", start=dt.date(1980, 1, 1), end=dt.date(1989, 12, 31), precision=Precision.DECADE)
    evs = extract_events(a, [_mention(a, "1986", _year(1986)), _mention(a, "the 70s", y70), _mention(a, "80s", y80)])
    assert _covering(evs, "pushed", text).when == _year(1986)
