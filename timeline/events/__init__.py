"""Events: Article + [Mention] -> event mentions and timeline Events; merge.py: many articles -> Timeline.

``analyse`` is a pure function of the article and its temporal mentions:

1. the trigger model (detect.py) marks every token that is an event, with its TimeML class;
2. dating.py gives each trigger its grammatical time and the time it is anchored to;
3. the triggers of one clause with one time make one Event when one of them can stand for an event
   (``worthy``): the most salient of those (salience.py) is the event's trigger and gives its title
   (title.py, actors.py) and kind (lexicon.py); the source quote is the clause, with the trigger's offsets;
4. clauses that name the same event noun with the same date are one Event with two sources, and
   ``merge_events`` folds whatever else is the same happening mentioned twice in the article.

Ids derive from the article id and the trigger's offsets, so a re-import updates rather than duplicates.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass

from timeline.models import Article, Event, Mention, Source, When
from timeline.nlp import Sentences, lemma

from . import lexicon
from .actors import Actors
from .dating import Dated, DatingModel, date_triggers
from .detect import Trigger, TriggerModel, model
from .features import SentenceTokens
from .merge import merge_events
from .salience import minor, salience, shown
from .title import title

CONFIDENCE = {"own": 0.9, "reference": 0.75, "future": 0.6, "narrative": 0.5, "publication": 0.5}
STATE_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event trigger of an article: a line of ``timeline extract --events``."""

    start: int
    end: int
    text: str
    cls: str
    kind: str | None
    when: When | None
    event: str | None  # id of the timeline Event it belongs to
    salience: float

    def row(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "class": self.cls, "kind": self.kind,
                "when": self.when.model_dump(mode="json", exclude_none=True) if self.when is not None else None,
                "event": self.event}


def event_id(article_id: str, start: int, end: int) -> str:
    """Stable id of an event first reported at ``article_id[start:end]`` (its trigger)."""
    return "ev-" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


_QUOTES = re.compile(r"``.*?(?:''|$)|“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.DOTALL)


def _quoted(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def _window(w: When) -> tuple:
    return (w.start, w.end, w.modifier)


def worthy(d: Dated) -> bool:
    """Whether a dated trigger can stand for an event of the timeline: a finite verb, or a noun, participle
    or infinitive with a date of its own ("the 2023 attack", "an upcoming conference", "the meeting" that
    refers back). "According to", "citing" and a bare "plans to" alone make no event."""
    return d.when is not None and (d.group.finite or d.how in ("own", "future", "reference"))


def _to_event(article: Article, d: Dated, score: float, spans: list[tuple[int, int]], people: Actors,
              sentence_start: int, content: tuple[int, int] | None, stoks: SentenceTokens) -> Event:
    text = article.text
    clause = d.clause
    k = bisect.bisect_left(spans, (clause.start, -1))  # the times inside the clause, from the sorted spans
    dates = []
    while k < len(spans) and spans[k][0] < clause.end:
        if spans[k][1] <= clause.end:
            dates.append(spans[k])
        k += 1
    assert d.when is not None
    state = d.trigger.cls in ("STATE", "I_STATE")
    t = d.trigger
    src = Source.at(article, clause.start, clause.end, trigger=(t.start, t.end))
    return Event(
        id=event_id(article.id, t.start, t.end),
        title=title(text, (clause.start, clause.end), (t.start, t.end), min(d.group.start, t.start), sentence_start,
                    dates, people, reporting=t.cls == "REPORTING", content=content,
                    toks=stoks.between(clause.start, clause.end)),
        when=d.when,
        quote=src.quote,
        sources=[src],
        actors=people.within(clause.start, clause.end),
        confidence=STATE_CONFIDENCE if state and d.how == "publication" else CONFIDENCE.get(d.how, 0.5),
        date_text=d.mention.text if d.mention is not None else None,
        kind=lexicon.kind(lemma(t.text), t.cls),
        event_class=t.cls,
        salience=score,
        minor=minor(d, score),
    )


def _group(d: Dated) -> tuple:
    """The triggers of one clause with one time make one event."""
    return (d.clause.start, d.clause.end, _window(d.when) if d.when is not None else None)


def analyse(article: Article, mentions: list[Mention], trigger_model: TriggerModel | None = None,
            given: list[tuple[int, int, str]] | None = None, dating_model: DatingModel | None = None
            ) -> tuple[list[EventMention], list[Event]]:
    """The article's event mentions and its timeline Events (in time order).

    ``given`` replaces the trigger model by known triggers, (start, end, TimeML class) each: evaluation
    dates gold events this way, as the baselines do."""
    text = article.text
    mentions = [m for m in mentions if m.article == article.id]
    sents = Sentences(text)
    stoks = SentenceTokens(text, sents)
    if given is None:
        trigs = (trigger_model or model()).triggers(text, sents, stoks.per)
    else:
        trigs = [Trigger(a, b, text[a:b], cls, 1.0, sents.index(a)) for a, b, cls in sorted(given)]
    dated = date_triggers(text, sents, trigs, mentions, article.published, dating_model, stoks)
    quotes = _quoted(text)
    quote_starts = [x for x, _ in quotes]

    def quoted(at: int) -> bool:  # quotations do not overlap: the last one opening before ``at``
        k = bisect.bisect_right(quote_starts, at) - 1
        return k >= 0 and at < quotes[k][1]

    scores = [salience(d, quoted(d.trigger.start), sents.paragraphs[d.trigger.sentence]) for d in dated]
    time_spans = sorted((m.start, m.end) for m in mentions)
    # one event per clause and time: its most salient trigger that can stand for an event
    clauses: dict[tuple, list[int]] = {}
    for i, d in enumerate(dated):
        clauses.setdefault(_group(d), []).append(i)
    heads: dict[tuple, int] = {}
    for key, members in clauses.items():
        able = [i for i in members if worthy(dated[i])]
        if able:
            heads[key] = max(able, key=lambda i: (scores[i], -i))
    people = Actors(text, sents, [(m.start, m.end) for m in mentions], stoks.flat)
    people.resolve_subjects(text)
    spans = sorted({(d.clause.start, d.clause.end) for d in dated})
    events: list[Event] = []
    event_of: dict[tuple, int] = {}  # group -> index into events
    referents: dict[tuple, int] = {}  # (event noun lemma, time window) -> index into events
    for key in sorted(heads, key=lambda k: (k[0], k[1], dated[heads[k]].trigger.start)):
        d = dated[heads[key]]
        a = sents[d.trigger.sentence][0]
        k = bisect.bisect_right(spans, (d.clause.end, -1))
        nxt = spans[k] if k < len(spans) and spans[k][0] < sents[d.trigger.sentence][1] else None
        ev = _to_event(article, d, scores[heads[key]], time_spans, people, a, nxt, stoks)
        members = [dated[i] for i in clauses[key]]
        nouns = {(lemma(x.trigger.text, "NOUN"), _window(x.when)) for x in members if x.group.mood == "nominal" and x.when}
        same = next((referents[n] for n in sorted(nouns) if n in referents), None)
        if same is not None and _window(events[same].when) == _window(ev.when):  # the same happening again
            events[same] = events[same].model_copy(update={"sources": [*events[same].sources, *ev.sources]})
            event_of[key] = same
        else:
            event_of[key] = len(events)
            events.append(ev)
            for n in nouns:
                referents.setdefault(n, event_of[key])
    merged = merge_events(events)
    shown_ids = {e.id for e in sorted((e for e in merged if not e.minor), key=lambda e: (-e.salience, e.id))[:shown(len(sents))]}
    merged = [e if e.minor or e.id in shown_ids else e.model_copy(update={"minor": True}) for e in merged]
    final = {s.trigger_start: e.id for e in merged for s in e.sources if s.article == article.id}
    lines = []
    for i, d in enumerate(dated):
        t = d.trigger
        j = event_of.get(_group(d))
        event = final.get(events[j].sources[0].trigger_start) if j is not None else None
        lines.append(EventMention(t.start, t.end, t.text, t.cls, lexicon.kind(lemma(t.text), t.cls), d.when, event,
                                  scores[i]))
    return lines, merged


def extract_events(article: Article, mentions: list[Mention]) -> list[Event]:
    """The dated happenings of one article, in time order."""
    return analyse(article, mentions)[1]


def extract_mentions(article: Article, mentions: list[Mention]) -> list[EventMention]:
    """Every event trigger of the article with its class, kind, date and Event."""
    return analyse(article, mentions)[0]


__all__ = ["EventMention", "analyse", "event_id", "extract_events", "extract_mentions"]
