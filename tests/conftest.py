"""Shared test fixtures: synthetic timelines that cover every kind of date the exporters must show."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from timeline.models import Anchor, Article, Event, Modifier, Precision, Source, Timeline, When, event_sort_key

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(condition: bool, reason: str) -> None:
    """Skip with a clear reason when a real component is missing, except in CI where it is a failure."""
    if not condition:
        if IN_CI:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


def _article(id_: str, text: str, published: dt.date, source: str, url: str | None) -> Article:
    return Article(id=id_, title=f"Article {id_}", url=url, source=source, published=published, text=text)


def _event(article: Article, phrase: str, title: str, when: When, actors: list[str] = (), date_text: str | None = None) -> Event:
    start = article.text.index(phrase)
    src = Source.at(article, start, start + len(phrase))
    return Event(
        id=f"ev-{article.id}-{start}",
        title=title,
        when=when,
        quote=src.quote,
        sources=[src],
        actors=list(actors),
        confidence=0.8,
        date_text=date_text,
    )


def make_sample_timeline() -> Timeline:
    """Two articles from two outlets; day, datetime, month, year, range, approx and open-ended dates."""
    a = _article(
        "alpha",
        "The cable, dated June 10, urged a boycott. On Tuesday the ambassador spoke. "
        "Talks began in March 2024, ran from 2017 to 2021, and a recent meeting, "
        "with commas; semicolons, \u00fcml\u00e4uts and \u6f22\u5b57, took place. "
        "The conference is upcoming. At 14:30 on June 9, 2025 a vote was held.",
        dt.date(2025, 6, 11),
        "Reuters",
        "https://news.example/alpha",
    )
    b = _article(
        "beta",
        "In 2023 the attack happened. The summit met in New York.",
        dt.date(2025, 6, 12),
        "AP",
        None,
    )
    d = dt.date
    events = [
        _event(a, "The cable, dated June 10, urged a boycott.", "U.S. cable urges boycott",
               When(value="2025-06-10", start=d(2025, 6, 10), end=d(2025, 6, 10), precision=Precision.DAY,
                    anchor=Anchor.INFERRED), ["U.S."], "June 10"),
        _event(a, "On Tuesday the ambassador spoke.", "Ambassador speaks",
               When(value="2025-06-10", start=d(2025, 6, 10), end=d(2025, 6, 10), precision=Precision.DAY,
                    anchor=Anchor.PUBLICATION), ["Ambassador"], "On Tuesday"),
        _event(a, "Talks began in March 2024,", "Talks begin",
               When(value="2024-03", start=d(2024, 3, 1), end=d(2024, 3, 31), precision=Precision.MONTH),
               [], "March 2024"),
        _event(a, "ran from 2017 to 2021", "Term runs",
               When(value="P4Y", type="DURATION", start=d(2017, 1, 1), end=d(2021, 12, 31), precision=Precision.YEAR),
               [], "from 2017 to 2021"),
        _event(a, "a recent meeting, with commas; semicolons, \u00fcml\u00e4uts and \u6f22\u5b57, took place.",
               "Recent meeting, with commas; semicolons",
               When(value="PAST_REF", start=d(2025, 5, 1), end=d(2025, 6, 11), modifier=Modifier.APPROX,
                    anchor=Anchor.PUBLICATION), [], "recent"),
        _event(a, "The conference is upcoming.", "Conference upcoming",
               When(value="FUTURE_REF", start=d(2025, 6, 12), end=None, modifier=Modifier.AFTER,
                    anchor=Anchor.PUBLICATION), [], "upcoming"),
        _event(a, "At 14:30 on June 9, 2025 a vote was held.", "Vote held",
               When(value="2025-06-09T14:30", type="TIME", start=dt.datetime(2025, 6, 9, 14, 30),
                    end=dt.datetime(2025, 6, 9, 14, 30), precision=Precision.MINUTE), [], "At 14:30 on June 9, 2025"),
        _event(b, "In 2023 the attack happened.", "Attack happens",
               When(value="2023", start=d(2023, 1, 1), end=d(2023, 12, 31), precision=Precision.YEAR), [], "In 2023"),
        _event(b, "The summit met in New York.", "Summit meets in New York",
               When(value="2025-06-12", start=d(2025, 6, 12), end=d(2025, 6, 12), precision=Precision.DAY,
                    anchor=Anchor.PUBLICATION), ["New York"]),
    ]
    events.sort(key=event_sort_key)
    return Timeline(title="Sample timeline", articles=[a.info(), b.info()], events=events)


HOSTILE_TEXT = (
    "Officials met on June 10, 2025 <script>window.__pwned = 1</script> and "
    "<img src=x onerror=\"window.__pwned = 2\"> signed <a href=\"javascript:window.__pwned=3\">the deal</a>. "
    "Control\x0bchars\x00here and a 'quote' www.example.com/'onmouseover='window.__pwned=4."
)


def make_hostile_timeline() -> Timeline:
    """An article whose text and title carry markup and control characters that must never run."""
    a = Article(id="evil", title="<script>window.__pwned=5</script> Evil & co", url="javascript:window.__pwned=6",
                source="<b>Bad</b> source", published=dt.date(2025, 6, 11), text=HOSTILE_TEXT)
    src = Source.at(a, 0, len(HOSTILE_TEXT))
    ev = Event(
        id="ev-evil-0",
        title="<img src=x onerror=\"window.__pwned=7\"> deal signed",
        when=When(value="2025-06-10", start=dt.date(2025, 6, 10), end=dt.date(2025, 6, 10), precision=Precision.DAY),
        quote=src.quote,
        sources=[src],
        actors=["<script>window.__pwned=8</script>"],
        date_text="June 10, 2025 <script>x</script>",
    )
    return Timeline(title="Hostile </title><script>window.__pwned=9</script>", articles=[a.info()], events=[ev])


@pytest.fixture
def sample_timeline() -> Timeline:
    return make_sample_timeline()


@pytest.fixture
def hostile_timeline() -> Timeline:
    return make_hostile_timeline()
