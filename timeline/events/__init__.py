"""Events: Article + [Mention] -> [Event]; merge.py: events from many articles -> Timeline.

``extract_events`` is a pure function: the same article and mentions give the same events, with
ids derived from the article id and the source span, so a re-import updates rather than duplicates.
"""

from __future__ import annotations

import hashlib

from timeline.models import Article, Event, Mention, Source

from .actors import actors
from .detect import Detected, detect, discourse_cues
from .segment import Span
from .merge import merge_events
from .title import title


def event_id(article_id: str, start: int, end: int) -> str:
    """Stable id of an event first reported at ``article_id[start:end]``."""
    return "ev-" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def _date_spans(span: Span, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Spans (relative to ``span``) of the date words a title must drop."""
    s, e = span.start, span.end
    spans = [(m.start - s, m.end - s) for m in mentions if s <= m.start and m.end <= e]
    spans += discourse_cues(span.text)
    return spans


def to_event(article: Article, d: Detected, mentions: list[Mention]) -> Event:
    src = Source.at(article, d.clause.start, d.clause.end)
    core = d.core or d.clause
    return Event(
        id=event_id(article.id, d.clause.start, d.clause.end),
        title=title(core.text, _date_spans(core, mentions), d.trigger, before=article.text[max(0, core.start - 1000) : core.start]),
        when=d.when,
        quote=src.quote,
        sources=[src],
        actors=actors(core.text, article.text),
        confidence=d.confidence,
        date_text=d.date_text,
        kind=d.kind,
    )


def extract_events(article: Article, mentions: list[Mention]) -> list[Event]:
    """The dated happenings of one article, in text order."""
    mentions = [m for m in mentions if m.article == article.id]
    events = [to_event(article, d, mentions) for d in detect(article, mentions)]
    # The same happening mentioned twice in the article ("the upcoming conference") is one event.
    return sorted(merge_events(events), key=lambda e: (e.sources[0].start, e.sources[0].end))


__all__ = ["event_id", "extract_events"]
