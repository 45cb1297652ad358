"""The blocked merge gives exactly the merges of the all-pairs loop over the same predicate.

The reference below is the specification: events in reading order, each compared with every group
formed so far (``same_happening`` on the merged event), joining the first that matches. The
production merge compares an event only with the groups its index says can match; if the index ever
missed a candidate, the two would differ. Checked on the fixtures, on real events of the development
corpora (each article's raw events, and all articles together) and on random events built to collide.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence

import pytest

import timeline.events as events_stage
from tests.conftest import REPO, SHARED, need
from timeline import temporal
from timeline.evaluate import article_of
from timeline.evaluate.timeml import read_corpus
from timeline.events import merge as M
from timeline.ingest import read
from timeline.models import (
    Article,
    Event,
    Modifier,
    Precision,
    Source,
    When,
    event_sort_key,
)


@pytest.fixture(autouse=True)
def _cached_content_words(monkeypatch):
    """The reference asks for the same titles' words over and over: remember them (same results)."""
    real, memo = M.content_words, {}

    def cached(title, actors=()):
        key = (title, tuple(actors))
        if key not in memo:
            memo[key] = real(title, actors)
        return memo[key]

    monkeypatch.setattr(M, "content_words", cached)


def _reference(events: Sequence[Event], order: dict[str, int]) -> list[Event]:
    def reading(e: Event) -> tuple:
        s = e.sources[0]
        return (order.get(s.article, len(order)), s.article, s.start, e.id)

    weights = M.word_weights(M.content_words(e.title, e.actors) for e in events)
    merged: list[Event] = []
    for ev in sorted(events, key=reading):
        for i, group in enumerate(merged):
            if M.same_happening(group, ev, weights):
                merged[i] = M.combine(group, ev)
                break
        else:
            merged.append(ev)
    unique: dict[str, Event] = {}
    for ev in merged:
        unique.setdefault(ev.id, ev)
    return sorted(M.ranked(list(unique.values())), key=event_sort_key)


def _dump(evs: Sequence[Event]) -> list[dict]:
    return [e.model_dump(mode="json") for e in evs]


def _raw_events(articles: Sequence[Article]) -> list[list[Event]]:
    """Each article's events before the events stage folds its own duplicates."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(events_stage, "merge_events", lambda evs, order=None: list(evs))
        return [events_stage.extract_events(a, temporal.tag(a)) for a in articles]


def _t17(limit_per_topic: int) -> list[Article]:
    root = SHARED / "corpora" / "t17-dev"
    need(root.is_dir(), f"{root} not found (development corpus)")
    dct = json.loads((root / "dct.json").read_text())
    by_topic: dict[str, list[str]] = {}
    for name in sorted(dct):
        by_topic.setdefault(name.split("__")[0], []).append(name)
    articles = []
    for names in by_topic.values():
        for name in names[:limit_per_topic]:
            got = next(read(root / "articles" / name, dt.date.fromisoformat(dct[name])), None)
            if isinstance(got, Article):
                articles.append(got)
    return articles


@pytest.fixture(scope="module")
def corpus_events() -> list[tuple[str, list[Article], list[list[Event]]]]:
    sets = []
    fixtures = [a for p in sorted((REPO / "fixtures").glob("*.md")) for a in read(p) if isinstance(a, Article)]
    sets.append(("fixtures", fixtures))
    tml = SHARED / "corpora" / "meantime-dev" / "tml"
    need(tml.is_dir(), f"{tml} not found (development corpus)")
    sets.append(("meantime-dev", [article_of(d) for d in read_corpus([tml])]))
    sets.append(("t17-dev", _t17(8)))
    return [(name, arts, _raw_events(arts)) for name, arts in sets]


def test_blocked_merge_equals_all_pairs_within_each_article(corpus_events) -> None:
    compared = 0
    for name, _, per_article in corpus_events:
        for evs in per_article:
            assert _dump(M.merge_events(evs)) == _dump(_reference(evs, {})), name
            compared += len(evs)
    assert compared > 1000


def test_blocked_merge_equals_all_pairs_across_articles(corpus_events) -> None:
    folded_away = 0
    for name, arts, per_article in corpus_events:
        order = {a.id: i for i, a in enumerate(arts)}
        folded = [e for evs in per_article for e in M.merge_events(evs)]
        got, want = M.merge_events(folded, order), _reference(folded, order)
        assert _dump(got) == _dump(want), name
        folded_away += len(folded) - len(got)
    assert folded_away > 0, "nothing merged across articles: the comparison proves little"


# --- random events built to collide: few windows, a small vocabulary, shared actors and spans ---

_VOCAB = ["storm", "flood", "court", "ruling", "bank", "rate", "vote", "election", "strike", "talks", "oil", "spill",
          "vaccine", "match", "final", "deal", "plant", "said", "the", "rates", "voted", "Monday"]
_ACTORS = ["Acme", "the Senate", "FIFA", "BP", "WHO", "the Fed"]


def _random_events(rng: random.Random, n: int) -> tuple[list[Article], list[Event]]:
    d = dt.date(2025, 3, 1)
    day = dt.timedelta(days=1)
    windows = [
        When(value="2025-03-01", start=d, end=d, precision=Precision.DAY),
        When(value="2025-03-02", start=d + day, end=d + day, precision=Precision.DAY),
        When(value="2025-03-02T10:00", type="TIME", start=dt.datetime(2025, 3, 2, 10), end=dt.datetime(2025, 3, 2, 10),
             precision=Precision.HOUR),
        When(value="2025-W09", start=dt.date(2025, 2, 24), end=d + day, precision=Precision.WEEK),
        When(value="2025-03", start=d, end=dt.date(2025, 3, 31), precision=Precision.MONTH),
        When(value="2025-02", start=dt.date(2025, 2, 1), end=dt.date(2025, 2, 28), precision=Precision.MONTH),
        When(value="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), precision=Precision.YEAR),
        When(value="PAST_REF", start=dt.date(2025, 2, 1), end=d, modifier=Modifier.APPROX),
        When(value="FUTURE_REF", start=d, modifier=Modifier.AFTER),
        When(value="XXXX-03-01"),
    ]
    articles = [Article(id=f"a{i}", text="x" * 400, published=d) for i in range(max(2, n // 15))]
    evs = []
    for i in range(n):
        art = rng.choice(articles)
        start = rng.randrange(0, 40) * 5  # spans repeat: the same clause found twice
        src = Source.at(art, start, start + 5 + rng.randrange(3) * 5)
        size = rng.randrange(0, 7)
        title = " ".join(rng.choice(_VOCAB) for _ in range(size)) or "the of"
        evs.append(Event(id=f"ev-{i:05d}", title=title, when=rng.choice(windows), quote=src.quote, sources=[src],
                         actors=rng.sample(_ACTORS, rng.randrange(0, 3)), kind=rng.choice([None, "vote", "attack"]),
                         confidence=rng.choice([0.3, 0.5, 0.9]), date_text=rng.choice([None, "then", "that week"]),
                         salience=rng.choice([0.2, 0.5, 0.8]), minor=rng.random() < 0.3,
                         event_class=rng.choice([None, "OCCURRENCE", "REPORTING"])))
    return articles, evs


@pytest.mark.parametrize("seed", range(6))
def test_blocked_merge_equals_all_pairs_on_colliding_random_events(seed: int) -> None:
    rng = random.Random(seed)
    articles, evs = _random_events(rng, 600)
    order = {a.id: i for i, a in enumerate(articles)}
    got, want = M.merge_events(evs, order), _reference(evs, order)
    assert _dump(got) == _dump(want)
    assert 0 < len(got) < len(evs)
