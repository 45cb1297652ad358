"""Event evaluation on MEANTIME CAT gold: are the anchored happenings found, and dated right?

A gold event mention is *anchored* when a TLINK puts it at or within a calendar date: read from
the event's side, SIMULTANEOUS, IS_INCLUDED, BEGINS or ENDS to a DATE/TIME TIMEX3 whose value has
a calendar extent (a TIMEX3 -> EVENT link counts with its inverse: INCLUDES, BEGUN_BY, ENDED_BY).
An event that INCLUDES a date or is BEGUN_BY/ENDED_BY it reaches beyond it, so it is not anchored.
Mentions anchored to the DCT timex are "dateline"; to any other timex, "in-text".

- coverage: the mention overlaps a source span of one of our events (same article);
- dating: the covering event has a When interval that lies within the gold date's extent (the
  covering event: among those whose source overlaps the mention, the one whose trigger overlaps it,
  else the one with the tightest source and the nearest trigger); the share is over all anchored
  mentions, so a mention we miss counts as wrongly dated;
- trigger dating: the same for the event mentions of ``timeline extract --events`` (a trigger that
  overlaps the gold mention, its ``when``), when the system gives them;
- baselines on the same mentions: every sentence at its publication date, and every event at the
  nearest date or time the tagger finds in its sentence (else the publication date);
- unanchored events: our events whose trigger (or, without one, whose source) overlaps no anchored
  gold mention; and events whose trigger overlaps no gold event mention at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline.errors import InputError
from timeline.evaluate.calendar import Extent, bounds, extent
from timeline.evaluate.cat import CatDoc, Markable, find_cat, read_cat
from timeline.evaluate.timeml import matches
from timeline.evaluate.timex import context
from timeline.models import Anchor, Article, Event, Mention, Precision, Source, When

INVERSE = {
    "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY", "ENDED_BY": "ENDS", "BEFORE": "AFTER", "AFTER": "BEFORE", "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE", "DURING": "DURING_INV", "DURING_INV": "DURING",
}
# From the event's side: the event lies at or within the date.
ANCHORING = frozenset({"SIMULTANEOUS", "IS_INCLUDED", "BEGINS", "ENDS"})

System = Callable[[Article], Sequence[Event]]


@dataclass(frozen=True)
class AnchoredMention:
    doc: str
    mention: Markable
    timex: str  # the anchoring TIMEX3's m_id
    value: str
    reltype: str  # from the event's side
    extent: Extent
    dateline: bool


def anchored_mentions(doc: CatDoc, reltypes: frozenset[str] = ANCHORING) -> list[AnchoredMention]:
    """Gold event mentions with a calendar anchor; with several anchors, the narrowest (in-text on ties)."""
    best: dict[str, AnchoredMention] = {}
    for link in doc.tlinks:
        if link.source in doc.markables and doc.markables[link.source].kind == "EVENT_MENTION":
            ev, tx, rel = link.source, link.target, link.reltype
        elif link.target in doc.markables and doc.markables[link.target].kind == "EVENT_MENTION":
            ev, tx, rel = link.target, link.source, INVERSE.get(link.reltype, link.reltype)
        else:
            continue
        attrs = doc.timex_attrs.get(tx)
        if attrs is None or rel not in reltypes or attrs.get("type") not in ("DATE", "TIME"):
            continue
        span = extent(attrs.get("value"))
        if span is None:
            continue
        dateline = attrs.get("functionInDocument") == "CREATION_TIME"
        cand = AnchoredMention(doc.name, doc.markables[ev], tx, attrs["value"], rel, span, dateline)
        old = best.get(ev)
        width = lambda a: (a.extent[1] - a.extent[0], a.dateline)  # noqa: E731
        if old is None or width(cand) < width(old):
            best[ev] = cand
    return sorted(best.values(), key=lambda a: (a.mention.start, a.mention.end))


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


def within(when: When, span: Extent) -> bool:
    """The event's interval lies inside the gold date's extent (open-ended intervals never do)."""
    if when.start is None or when.end is None:
        return False
    a, b = bounds(when.start, when.end)
    return span[0] <= a and b <= span[1]


def _overlap(s: Source, a: int, b: int) -> int:
    return min(s.end, b) - max(s.start, a)


@dataclass
class MentionResult:
    gold: AnchoredMention
    event: Event | None  # the covering event used for dating
    dated: bool
    covered: bool | None = None  # None: covered when there is an event

    @property
    def found(self) -> bool:
        return self.event is not None if self.covered is None else self.covered


@dataclass
class Tally:
    anchored: int = 0
    covered: int = 0
    dated: int = 0

    def add(self, r: MentionResult) -> None:
        self.anchored += 1
        self.covered += r.found
        self.dated += r.dated

    def to_dict(self) -> dict[str, Any]:
        pct = lambda n, d: round(100.0 * n / d, 2) if d else 0.0  # noqa: E731
        return {"anchored": self.anchored, "covered": self.covered, "dated": self.dated,
                "coverage": pct(self.covered, self.anchored), "dating_accuracy": pct(self.dated, self.anchored),
                "dating_accuracy_covered": pct(self.dated, self.covered)}


@dataclass
class EventReport:
    results: list[MentionResult]
    events: int  # our events over all documents
    events_unanchored: int  # ... that overlap no anchored gold mention
    documents: int
    gold_counts: dict[str, int]
    texts: dict[str, str] = field(default_factory=dict)
    unanchored_examples: list[tuple[str, Event]] = field(default_factory=list)
    others: dict[str, list[MentionResult]] = field(default_factory=dict)  # triggers and baselines, same mentions
    events_minor: int = 0
    events_no_gold: int | None = None  # events whose trigger overlaps no gold event mention at all

    def tally(self, which: str = "all", results: list[MentionResult] | None = None) -> Tally:
        t = Tally()
        for r in self.results if results is None else results:
            if which == "all" or (which == "dateline") == r.gold.dateline:
                t.add(r)
        return t

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold": self.gold_counts,
            "overall": self.tally("all").to_dict(),
            "dateline": self.tally("dateline").to_dict(),
            "in_text": self.tally("in_text").to_dict(),
            "events": self.events,
            "events_unanchored": self.events_unanchored,
            "events_unanchored_share": round(100.0 * self.events_unanchored / self.events, 2) if self.events else 0.0,
            "events_minor": self.events_minor,
            "events_no_gold_event": self.events_no_gold,
            **{name: {k: self.tally(k, rs).to_dict() for k in ("all", "dateline", "in_text")}
               for name, rs in self.others.items()},
        }

    def render(self, errors: int = 0) -> str:
        """The scores as a small table; with ``errors`` > 0, the error listing after it."""
        d = self.to_dict()
        g = d["gold"]
        lines = [f"{self.documents} documents: {g['event_mentions']} gold event mentions, "
                 f"{g['anchored']} anchored at a calendar date ({g['tlinks']} TLINKs)",
                 f"  {'':10s} {'anchored':>8s} {'covered':>8s} {'dated':>8s} {'dated/covered':>14s}"]
        for key in ("overall", "dateline", "in_text"):
            t = d[key]
            lines.append(f"  {key:10s} {t['anchored']:8d} {t['coverage']:7.1f}% {t['dating_accuracy']:7.1f}%"
                         f" {t['dating_accuracy_covered']:13.1f}%")
        if self.others:
            lines.append(f"  dated (coverage), same mentions: {'overall':>16s} {'dateline':>16s} {'in_text':>16s}")
            lines.append(f"  {'timeline events (quote)':32s} " + " ".join(
                f"{d[k]['dating_accuracy']:7.1f}% ({d[k]['coverage']:5.1f}%)" for k in ("overall", "dateline", "in_text")))
            for name in self.others:
                lines.append(f"  {_NAMES.get(name, name):32s} " + " ".join(
                    f"{d[name][k]['dating_accuracy']:7.1f}% ({d[name][k]['coverage']:5.1f}%)" for k in ("all", "dateline", "in_text")))
        lines.append(f"  our events: {d['events']} ({d['events_minor']} minor), overlapping no anchored gold mention: "
                     f"{d['events_unanchored']} ({d['events_unanchored_share']:.1f}%)"
                     + (f"; whose trigger is no gold event: {d['events_no_gold_event']}" if d["events_no_gold_event"] is not None else ""))
        return "\n".join(lines) + "\n" + (f"\n{self.errors(errors)}" if errors > 0 else "")

    def errors(self, n: int) -> str:
        """Up to n missed and n wrongly dated anchored mentions, and n unanchored events, with context."""
        missed = [r for r in self.results if r.event is None]
        wrong = [r for r in self.results if r.event is not None and not r.dated]
        out = [f"missed anchored mentions: {len(missed)}" + (f", first {n}" if len(missed) > n else "")]
        for r in missed[:n]:
            out.append(self._line(r))
        out += ["", f"wrongly dated: {len(wrong)}" + (f", first {n}" if len(wrong) > n else "")]
        for r in wrong[:n]:
            w = r.event.when  # type: ignore[union-attr]
            out.append(f"{self._line(r)}\n      ours {w.value} {w.start}..{w.end}  {r.event.title!r}")  # type: ignore[union-attr]
        ex = self.unanchored_examples
        out += ["", f"events overlapping no anchored gold mention: {self.events_unanchored}"
                + (f", first {n}" if len(ex) > n else "")]
        for doc, ev in ex[:n]:
            s = ev.sources[0]
            out.append(f"  {doc}:{s.start}-{s.end} {ev.when.value} {ev.title!r}")
        return "\n".join(out) + "\n"

    def _line(self, r: MentionResult) -> str:
        m, g = r.gold.mention, r.gold
        where = "dateline" if g.dateline else "in-text"
        return (f"  {g.doc}:{m.start}-{m.end} {context(self.texts.get(g.doc), m.start, m.end)}"
                f"\n      gold {g.reltype} {g.value} ({where})")


def _trigger_gap(ev: Event, article_id: str, a: int, b: int) -> int:
    """Characters between the gold mention and the event's trigger (0 when they overlap)."""
    gaps = [max(s.trigger_start - b, a - s.trigger_end, 0) for s in ev.sources
            if s.article == article_id and s.trigger_start is not None and s.trigger_end is not None]
    return min(gaps) if gaps else 10**6


def _touches(ev: Event, article_id: str, a: int, b: int) -> bool:
    """Whether the event's trigger (or, without one, its source) overlaps text[a:b]."""
    for s in ev.sources:
        if s.article != article_id:
            continue
        if s.trigger_start is not None and s.trigger_end is not None:
            if min(s.trigger_end, b) > max(s.trigger_start, a):
                return True
        elif _overlap(s, a, b) > 0:
            return True
    return False


_NAMES = {"triggers": "timeline event mentions", "publication": "every sentence at publication",
          "nearest": "nearest timex of its sentence"}


def score_doc(doc: CatDoc, article_id: str, events: Sequence[Event], lines: Sequence[Any] = ()
              ) -> tuple[list[MentionResult], list[Event]]:
    """``lines``: the system's event mentions (``start``, ``end``, ``event``): a gold mention that one of
    them overlaps is covered by the event it names, as ``timeline extract --events`` reports it."""
    gold = anchored_mentions(doc)
    by_id = {ev.id: ev for ev in events}
    results = []
    for g in gold:
        a, b = g.mention.start, g.mention.end
        named = [by_id[x.event] for x in lines if x.event in by_id and min(x.end, b) > max(x.start, a)]
        if named:
            results.append(MentionResult(g, named[0], within(named[0].when, g.extent)))
            continue
        covering = [
            (_trigger_gap(ev, article_id, a, b) > 0,
             min(s.end - s.start for s in ev.sources if s.article == article_id and _overlap(s, a, b) > 0),
             _trigger_gap(ev, article_id, a, b), i, ev)
            for i, ev in enumerate(events)
            if any(s.article == article_id and _overlap(s, a, b) > 0 for s in ev.sources)
        ]
        ev = min(covering, key=lambda c: c[:4])[4] if covering else None
        results.append(MentionResult(g, ev, ev is not None and within(ev.when, g.extent)))
    unanchored = [ev for ev in events if not any(_touches(ev, article_id, g.mention.start, g.mention.end) for g in gold)]
    return results, unanchored


def score_triggers(doc: CatDoc, mentions: Sequence[Any]) -> list[MentionResult]:
    """Anchored gold mentions against event mentions (``start``, ``end``, ``when``): one each, by overlap."""
    from timeline.evaluate.triggers import match

    gold = anchored_mentions(doc)
    pairs = dict(match([(g.mention.start, g.mention.end) for g in gold], [(m.start, m.end) for m in mentions]))
    out = []
    for i, g in enumerate(gold):
        j = pairs.get(i)
        w = mentions[j].when if j is not None else None
        out.append(MentionResult(g, None, w is not None and within(w, g.extent), covered=j is not None))
    return out


def baseline_results(doc: CatDoc, mentions: Sequence[Mention]) -> dict[str, list[MentionResult]]:
    """The two baselines on the anchored mentions: the publication day; the nearest date or time of the
    sentence (the tagger's), else the publication day."""
    from timeline.events.dating import anchorable, publication_when
    from timeline.nlp import Sentences

    pub = publication_when(doc.published) if doc.published else None
    sents = Sentences(doc.text)
    usable = [m for m in mentions if anchorable(m)]
    out: dict[str, list[MentionResult]] = {"publication": [], "nearest": []}
    for g in anchored_mentions(doc):
        a, b = g.mention.start, g.mention.end
        si = sents.index(a)
        near = [m for m in usable if sents.index(m.start) == si]
        best = min(near, key=lambda m: (max(m.start - b, a - m.end, 0), m.start), default=None)
        for name, w in (("publication", pub), ("nearest", best.when if best is not None else pub)):
            out[name].append(MentionResult(g, None, w is not None and within(w, g.extent), covered=w is not None))
    return out


def article_of(doc: CatDoc) -> Article:
    return Article(id=doc.name, title=doc.name, text=doc.text, published=doc.published, origin=str(doc.path))


def default_system() -> System:
    """The real events stage (imported late: the scorer itself needs none of it): the tagger's
    mentions, then the event mentions and the timeline events of ``events.analyse``."""
    from timeline import events, temporal

    def run(article: Article) -> tuple[list[Any], list[Event], list[Mention]]:
        mentions = temporal.tag(article)
        lines, evs = events.analyse(article, mentions)
        return lines, evs, mentions

    return run  # type: ignore[return-value]


_SENTENCE_END = re.compile(r"\n\s*|(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(`]*[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """A plain splitter for the baseline: line breaks and sentence punctuation before a capital."""
    spans, pos = [], 0
    for m in (*_SENTENCE_END.finditer(text), None):
        end = m.start() if m else len(text)
        piece = text[pos:end]
        if piece.strip():
            a = pos + len(piece) - len(piece.lstrip())
            spans.append((a, a + len(piece.strip())))
        pos = m.end() if m else len(text)
    return spans


def sentence_baseline(article: Article) -> list[Event]:
    """The baseline the issue quotes: every sentence is an event dated on the publication day."""
    if article.published is None:
        return []
    day = _day(article.published)
    when = When(value=day.isoformat(), start=day, end=day, precision=Precision.DAY, anchor=Anchor.PUBLICATION)
    events = []
    for a, b in sentences(article.text):
        src = Source.at(article, a, b)
        title = " ".join(src.quote.split())[:90]
        events.append(Event(id=f"{article.id}-{a}", title=title, when=when, quote=src.quote, sources=[src]))
    return events


def evaluate_events(
    paths: Sequence[Path | str],
    *,
    include: str | Sequence[str] | None = None,
    system: System | None = None,
) -> EventReport:
    """Run the event pipeline (or ``system``) on each MEANTIME CAT document and score its events.

    ``paths``: CAT files or folders (searched recursively for *.xml). ``include``: globs on
    the file name or on ``<topic>__<name>``.
    """
    files = [f for f in find_cat([Path(p) for p in paths])
             if matches(f"{f.parent.name}__{f.stem}", include) or matches(f.name, include)]
    if not files:
        raise InputError(", ".join(map(str, paths)), "no CAT documents (*.xml)"
                         + (f" matching {include}" if include else ""))
    run = system or default_system()
    results: list[MentionResult] = []
    others: dict[str, list[MentionResult]] = {}
    n_events = n_unanchored = n_minor = n_no_gold = 0
    examples: list[tuple[str, Event]] = []
    counts = {"event_mentions": 0, "timexes": 0, "tlinks": 0, "anchored": 0, "unaligned_markables": 0}
    texts: dict[str, str] = {}
    full = system is None
    for f in files:
        doc = read_cat(f)
        article = article_of(doc)
        got = run(article)
        if full:
            lines, events, mentions = got  # type: ignore[misc]
            others.setdefault("triggers", []).extend(score_triggers(doc, lines))
            for name, rs in baseline_results(doc, mentions).items():
                others.setdefault(name, []).extend(rs)
            gold_events = doc.events()
            n_no_gold += sum(not any(_touches(ev, article.id, m.start, m.end) for m in gold_events) for ev in events)
        else:
            events = list(got)  # type: ignore[arg-type]
        res, unanchored = score_doc(doc, article.id, events, lines if full else ())
        results += res
        n_events += len(events)
        n_minor += sum(ev.minor for ev in events)
        n_unanchored += len(unanchored)
        examples += [(doc.name, ev) for ev in unanchored]
        texts[doc.name] = doc.text
        counts["event_mentions"] += len(doc.events())
        counts["timexes"] += sum(1 for m in doc.markables.values() if m.kind == "TIMEX3")
        counts["tlinks"] += len(doc.tlinks)
        counts["anchored"] += len(res)
        counts["unaligned_markables"] += doc.unaligned_markables
    return EventReport(results, n_events, n_unanchored, len(files), counts, texts, examples, others, n_minor,
                       n_no_gold if full else None)
