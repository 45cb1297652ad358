"""Titles the Event model accepts, whatever the text: a word longer than a title (a URL, a run of
characters without spaces) must not end the article with a validation error (it did on a real crawl)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import ingest, pipeline
from timeline.models import MAX_TITLE

LONG_WORD = "Xq" * 80  # 160 characters, no space


@pytest.mark.parametrize("text", [
    f"{LONG_WORD} was announced on Monday by the ministry of culture.",
    f"The striker scored twice on Saturday, and the club posted https://club.example/{'goal' * 40} at once.",
    f"Shares of {LONG_WORD} tumbled on Tuesday after the report.",
])
def test_an_overlong_word_gives_a_title_that_fits(text: str) -> None:
    result = pipeline.process(ingest.read_text(text, published=dt.date(2025, 6, 11)))
    assert result.events, "the article's events are kept"
    for event in result.events:
        assert 0 < len(event.title) <= MAX_TITLE
    long_titles = [e.title for e in result.events if len(e.title) == MAX_TITLE]
    assert all(t.endswith("…") for t in long_titles)


@pytest.mark.parametrize("text, first_word", [
    ("The mine produced 2,000 tonnes on Monday, and a similar amount was shipped by Tuesday.", "similar"),
    ("The orchestra opened its season on Friday. And the critics praised the new conductor on Saturday.", "critics"),
])
def test_a_title_never_starts_with_a_conjunction_left_by_the_clause_cut(text: str, first_word: str) -> None:
    result = pipeline.process(ingest.read_text(text, published=dt.date(2025, 6, 11)))
    titles = [e.title for e in result.events]
    assert not [t for t in titles if t.split()[0].lower() in ("and", "but", "so", "yet")], titles
    assert any(t.split()[0].lower() == first_word for t in titles), titles


def _news_titles() -> list[tuple[str, str, str]]:
    """(article id, title, article text) for every event of the news articles written for the tests."""
    import yaml
    from pathlib import Path

    path = Path(__file__).with_name("news.yaml")
    out = []
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]:
        published = case["published"]
        article = ingest.read_text(case["text"], published=published)
        out += [(case["id"], e.title, case["text"]) for e in pipeline.process(article).events]
    return out


def test_titles_of_the_news_articles_are_made_of_their_words_and_open_on_content() -> None:
    """Titles are made by deleting words (plus an antecedent from the same article): every word is the
    article's; none opens with a pronoun, a relative pronoun, or a sentence adverb or conjunction."""
    from timeline.events.title import _rules

    rules = _rules()
    banned = set(rules["pronouns"]) | rules["openers"] | {"which", "who", "whom", "whose", "that"}
    titles = _news_titles()
    assert len(titles) >= 40
    problems = []
    for case, title_text, text in titles:
        words = title_text.replace("’s", " ").replace("…", " ").split()
        if words[0].lower() in banned:
            problems.append(f"{case}: opens with {words[0]!r}: {title_text}")
        lowered = text.lower()
        strays = [w for w in words if w.strip(",;:.").lower() not in lowered]
        if strays:
            problems.append(f"{case}: words not in the article {strays}: {title_text}")
    assert not problems, "\n".join(problems)
