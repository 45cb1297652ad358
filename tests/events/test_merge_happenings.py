"""Happenings across articles: one event per happening across wording and precision, ranked by sources."""

from __future__ import annotations

import datetime as dt

from timeline.events.merge import compatible, content_words, merge, merge_events
from timeline.models import Article, Event, Modifier, Precision, Source, When

MON = dt.date(2025, 6, 9)
DAY = When(value="2025-06-09", start=MON, end=MON, precision=Precision.DAY)
WEEK = When(value="2025-W24", start=MON, end=MON + dt.timedelta(days=6), precision=Precision.WEEK)
MONTH = When(value="2025-06", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30), precision=Precision.MONTH)
YEAR = When(value="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), precision=Precision.YEAR)
RECENT = When(value="PAST_REF", start=dt.date(2025, 5, 1), end=dt.date(2025, 6, 11), modifier=Modifier.APPROX)
OTHER_DAY = When(value="2025-06-17", start=dt.date(2025, 6, 17), end=dt.date(2025, 6, 17), precision=Precision.DAY)


def _event(article: str, text: str, title: str, when: When, date_text: str | None = None, actors=(), kind=None,
           salience: float = 0.5, minor: bool = False) -> tuple[Article, Event]:
    a = Article(id=article, text=text, published=dt.date(2025, 6, 11), source=article.upper())
    src = Source.at(a, 0, len(text))
    return a, Event(id=f"ev-{article}", title=title, when=when, quote=src.quote, sources=[src], actors=list(actors),
                    date_text=date_text, kind=kind, salience=salience, minor=minor)


def test_content_words_are_lemmas_without_function_reporting_or_time_words() -> None:
    assert content_words("The ministers said they had signed the treaties on Monday") == {"minister", "sign", "treaty"}
    assert content_words("Striker's goal wins the final") == content_words("striker goals won finals")


def test_dates_nest_only_when_both_are_plain_and_short() -> None:
    assert compatible(DAY, WEEK) and compatible(WEEK, DAY) and compatible(DAY, MONTH) and compatible(WEEK, MONTH)
    assert not compatible(DAY, YEAR), "a year is too coarse to say two reports are one happening"
    assert not compatible(DAY, RECENT) and not compatible(DAY, OTHER_DAY) and not compatible(WEEK, OTHER_DAY)


def test_monday_in_one_article_and_this_week_in_another_are_one_happening_on_monday() -> None:
    a, ea = _event("a", "The central bank raised its main rate this week.", "Central bank raised its main rate", WEEK,
                   "this week", ["central bank"])
    b, eb = _event("b", "On Monday the central bank raised the main interest rate.", "Central bank raised main interest rate",
                   DAY, "Monday", ["central bank"])
    for order in ([a, b], [b, a]):
        tl = merge(order, [ea, eb], "Rates")
        [ev] = tl.events
        assert ev.when == DAY and ev.date_text == "Monday", "the finest date its sources support"
        assert ev.source_count == 2 and [s.article for s in ev.sources] == [x.id for x in order]
        assert ev.id == f"ev-{order[0].id}" and ev.quote == order[0].text


def test_different_wording_with_a_shared_actor_is_one_happening() -> None:
    a, ea = _event("a", "Acme Corp announced the closure of its Ohio plant.", "Acme Corp announced closure of its Ohio plant",
                   DAY, actors=["Acme Corp"])
    b, eb = _event("b", "Acme closed its Ohio plant on Monday.", "Acme closed its Ohio plant", DAY, actors=["Acme Corp"])
    assert len(merge([a, b], [ea, eb]).events) == 1
    c, ec = _event("c", "Acme closed its Ohio plant on Monday.", "Acme closed its Ohio plant", DAY)
    d, ed = _event("d", "Rivals praised the Ohio workforce.", "Rivals praised Ohio workforce", DAY)
    assert len(merge([a, d], [ea, ed]).events) == 2, "one shared word is not the same happening"
    assert len(merge([c, d], [ec, ed]).events) == 2


def test_too_coarse_or_uncertain_dates_and_other_days_stay_apart() -> None:
    title = "Storm closed the coastal road"
    pairs = [(DAY, YEAR), (DAY, RECENT), (DAY, OTHER_DAY), (WEEK, OTHER_DAY)]
    for first, second in pairs:
        a, ea = _event("a", "A storm closed the coastal road.", title, first)
        b, eb = _event("b", "The storm closed the coastal road.", title, second)
        assert len(merge([a, b], [ea, eb]).events) == 2, (first.value, second.value)


def test_a_coarse_report_joins_the_first_compatible_happening_only() -> None:
    a, ea = _event("a", "Voters backed the reform on Monday.", "Voters backed the reform", DAY)
    b, eb = _event("b", "Voters backed the reform on June 17.", "Voters backed the reform", OTHER_DAY)
    c, ec = _event("c", "Voters backed the reform in June.", "Voters backed the reform", MONTH)
    tl = merge([a, b, c], [ea, eb, ec])
    assert sorted(e.source_count for e in tl.events) == [1, 2]
    [joined] = [e for e in tl.events if e.source_count == 2]
    assert joined.when == DAY and {s.article for s in joined.sources} == {"a", "c"}


def test_salience_rises_with_sources_and_more_for_happenings_than_states() -> None:
    arts, evs = [], []
    for i in range(4):
        a, e = _event(f"h{i}", "Firefighters evacuated the valley on Monday.", "Firefighters evacuated the valley", DAY,
                      salience=0.6)
        arts.append(a)
        evs.append(e)
    for i in range(4):
        a, e = _event(f"s{i}", "The valley is home to many farms.", "Valley is home to many farms", DAY, salience=0.2, minor=True)
        arts.append(a)
        evs.append(e)
    a, lone = _event("x", "Engineers inspected the dam on Monday.", "Engineers inspected the dam", DAY, salience=0.6)
    tl = merge([*arts, a], [*evs, lone])
    by_title = {e.title: e for e in tl.events}
    happening, state, single = by_title["Firefighters evacuated the valley"], by_title["Valley is home to many farms"], \
        by_title["Engineers inspected the dam"]
    assert happening.source_count == state.source_count == 4 and single.source_count == 1
    assert single.salience == 0.6, "one article's event keeps the events stage's salience"
    assert happening.salience > single.salience and state.salience > 0.2
    assert happening.salience - 0.6 > state.salience - 0.2, "sources lift a happening more than a state"
    assert state.minor and not happening.minor
    assert all(0 <= e.salience <= 1 for e in tl.events)


def test_one_article_alone_is_not_ranked_by_sources() -> None:
    _, ea = _event("a", "The council approved the budget.", "Council approved the budget", DAY, salience=0.7)
    assert merge_events([ea])[0].salience == 0.7


def test_every_word_table_of_merge_json_is_used_and_every_entry_takes_effect() -> None:
    import json
    from importlib import resources

    from timeline.events import merge as M

    data = json.loads(resources.files("timeline.events").joinpath("data/merge.json").read_text("utf-8"))
    source = resources.files("timeline.events").joinpath("merge.py").read_text("utf-8")
    for key, words in data.items():
        if key == "_doc":
            continue
        assert f'"{key}"' in source, f"merge.json key {key} is not used"
        ineffective = [w for w in words if content_words(f"{w} {w.capitalize()} {w.upper()}") and w == w.lower()]
        assert not ineffective, f"{key}: entries that never leave a title (lemmatised to another word?): {ineffective}"
        assert len(words) == len(set(words)), f"{key}: duplicates"
    assert M._stop()
