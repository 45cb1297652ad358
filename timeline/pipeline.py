"""The one place the stages are wired together: Article -> [Mention] -> [Event] -> Timeline.

``process`` is the per-article stage: a pure function of the article (no I/O, no clock), so it
runs unchanged in a process pool or on a Dask cluster. ``build`` merges the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from timeline import events, temporal
from timeline.errors import InputError, InternalError
from timeline.events.merge import merge
from timeline.models import Article, ArticleInfo, Event, Mention, Timeline
from timeline.summarize import key_events


@dataclass(frozen=True)
class ArticleResult:
    """What one article contributes: its mentions, its events and the warnings about it."""

    article: Article
    mentions: list[Mention]
    events: list[Event]
    warnings: list[str] = field(default_factory=list)


def with_published(article: Article, published: dt.date | dt.datetime | None) -> Article:
    """The article with a fallback publication date when it has none."""
    if article.published is not None or published is None:
        return article
    return article.model_copy(update={"published": published})


def process(article: Article, periods: temporal.PeriodTable | None = None) -> ArticleResult:
    """Find the temporal expressions and the events of one article (``periods``: the named-period
    table, temporal.load_periods; None for the built-in one)."""
    mentions, warnings = temporal.tag_with_warnings(article, periods)
    return ArticleResult(article, mentions, events.extract_events(article, mentions), list(warnings))


def build(
    articles: Iterable[Article],
    title: str | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    min_confidence: float = 0.0,
    on_error: Callable[[InputError], None] | None = None,
    periods: temporal.PeriodTable | None = None,
) -> Timeline:
    """A Timeline from articles; ``on_result`` sees each article's result (progress, warnings).

    ``min_confidence`` drops weaker events before merging (present-tense states have 0.3).
    An exception while processing one article is passed to ``on_error`` as an InternalError
    naming the article, and the run goes on without it (without ``on_error`` it is raised).
    ``periods`` is the named-period table (temporal.load_periods; None: the built-in one).
    """
    infos: list[ArticleInfo] = []
    found: list[Event] = []
    for article in articles:
        try:
            result = process(article, periods)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(InternalError.of(article.origin or article.id, exc))
            continue
        if on_result is not None:
            on_result(result)
        infos.append(article.info())  # not the text: a long build need not keep every article in memory
        found.extend(e for e in result.events if e.confidence >= min_confidence)
    return key_events(merge(infos, found, title or default_title(infos)))  # Event.key: the summary's days


def default_title(articles: list[ArticleInfo]) -> str:
    if len(articles) == 1 and articles[0].title:
        return articles[0].title
    return f"Timeline of {len(articles)} articles" if articles else "Timeline"
