"""TempEval-3 Task B (event triggers) and event dating on TimeML gold.

Task B, as TempEval-3 and ../shared/tools/eventtrig.py score it: a system mention matches a gold EVENT
when their spans overlap (relaxed) or are identical (strict); each gold and each system mention is used
once, pairs taken greedily by overlap length, ties by gold order then system order. P = matches /
system, R = matches / gold, F1 = 2 matches / (gold + system). Class accuracy: matched pairs whose TimeML
class agrees, over matched pairs. Counts are pooled over documents.

Event dating (issue 8): a gold event with a TLINK IS_INCLUDED, DURING, SIMULTANEOUS, IDENTITY, BEGINS,
ENDS, BEGUN_BY, ENDED_BY or INCLUDES to a DATE or TIME TIMEX3 whose value has a calendar extent of a day
or coarser (the DCT included, read as its day: some wire DCTs carry a clock time) is gold-dated by it (by
the narrowest such time when there are several).
It is dated right when the ``when`` of the system mention matched to it lies inside that interval; an
event no system mention matches counts as wrong (coverage says how many were matched).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from timeline.evaluate.calendar import Extent, extent
from timeline.evaluate.timeml_events import CLASSES, EventDoc

# Relations, from the event's side, that put an event at a time (the list).
DATING = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY",
                    "INCLUDES"})
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class SysMention:
    """What the system says about one event mention (a line of ``timeline extract --events``)."""

    start: int
    end: int
    cls: str | None = None
    when: tuple[dt.datetime, dt.datetime] | None = None  # the interval it is anchored to, as a calendar extent


def match(gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(gold index, system index) pairs: greedy by overlap length, ties by gold then system order."""
    pairs = sorted((-(min(b, e) - max(a, s)), i, j) for i, (a, b) in enumerate(gold) for j, (s, e) in enumerate(system)
                   if min(b, e) > max(a, s))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _ov, i, j in pairs:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j))
    return out


def _pct(n: float, d: float) -> float:
    return round(100.0 * n / d, 2) if d else 0.0


@dataclass
class TaskB:
    """Pooled Task B counts over documents."""

    counts: Counter = field(default_factory=Counter)
    gold_by_class: Counter = field(default_factory=Counter)
    found_by_class: Counter = field(default_factory=Counter)
    misses: list[tuple[str, int, int, str, str]] = field(default_factory=list)  # doc, start, end, text, class
    false: list[tuple[str, int, int, str, str]] = field(default_factory=list)
    documents: int = 0

    def add(self, doc: EventDoc, system: Sequence[SysMention]) -> list[tuple[int, int]]:
        gold = doc.events
        pairs = match([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system])
        c = self.counts
        self.documents += 1
        c["gold"] += len(gold)
        c["system"] += len(system)
        c["relaxed"] += len(pairs)
        for i, j in pairs:
            g, s = gold[i], system[j]
            c["strict"] += (g.start, g.end) == (s.start, s.end)
            if s.cls:
                c["with_class"] += 1
                c["class_ok"] += s.cls == g.cls
            self.found_by_class[g.cls] += 1
        for g in gold:
            self.gold_by_class[g.cls] += 1
        gi, sj = {i for i, _ in pairs}, {j for _, j in pairs}
        text = doc.text
        self.misses += [(doc.name, g.start, g.end, g.text, g.cls) for i, g in enumerate(gold) if i not in gi]
        self.false += [(doc.name, s.start, s.end, text[s.start:s.end], s.cls or "") for j, s in enumerate(system)
                       if j not in sj]
        return pairs

    def to_dict(self) -> dict[str, Any]:
        c = self.counts

        def prf(k: str) -> dict[str, float]:
            return {"P": _pct(c[k], c["system"]), "R": _pct(c[k], c["gold"]), "F1": _pct(2 * c[k], c["gold"] + c["system"])}

        return {
            "documents": self.documents, "gold": c["gold"], "system": c["system"],
            "relaxed": prf("relaxed"), "strict": prf("strict"),
            "class_accuracy": _pct(c["class_ok"], c["with_class"]) if c["with_class"] else None,
            "recall_by_class": {k: _pct(self.found_by_class[k], self.gold_by_class[k])
                                for k in CLASSES if self.gold_by_class[k]},
        }


# --- event dating --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedGold:
    doc: str
    start: int
    end: int
    text: str
    value: str
    extent: Extent
    written: bool  # the time is written in the text (not the DCT)


def dated_events(doc: EventDoc) -> list[DatedGold]:
    """The document's gold-dated events (see the module doc), in text order."""
    by_eid = {e.eid: e for e in doc.events}
    best: dict[str, DatedGold] = {}
    for link in doc.links:
        ev, t = by_eid.get(link.eid), doc.times.get(link.tid)
        if ev is None or t is None or link.reltype not in DATING or t.type not in ("DATE", "TIME"):
            continue
        # the DCT is the publication day, whatever clock time a wire service gave it
        span = extent((t.value or "")[:10] if t.dct else t.value)
        if span is None or span[1] - span[0] < _DAY - dt.timedelta(microseconds=1):
            continue  # no calendar extent, or finer than a day
        cand = DatedGold(doc.name, ev.start, ev.end, ev.text, t.value or "", span, not t.dct)
        old = best.get(ev.eid)
        if old is None or (cand.extent[1] - cand.extent[0], not cand.written) < (old.extent[1] - old.extent[0], not old.written):
            best[ev.eid] = cand
    return sorted(best.values(), key=lambda g: (g.start, g.end))


def inside(when: tuple[dt.datetime, dt.datetime] | None, span: Extent) -> bool:
    return when is not None and span[0] <= when[0] and when[1] <= span[1]


@dataclass
class Dating:
    """Right / matched / total over gold-dated events, for one system or baseline, all and written-date only."""

    counts: Counter = field(default_factory=Counter)
    wrong: list[tuple[DatedGold, tuple[dt.datetime, dt.datetime] | None]] = field(default_factory=list)

    def add(self, gold: DatedGold, when: tuple[dt.datetime, dt.datetime] | None, matched: bool) -> None:
        ok = matched and inside(when, gold.extent)
        for part in ("all", "written" if gold.written else "dct"):
            self.counts[part, "gold"] += 1
            self.counts[part, "matched"] += matched
            self.counts[part, "right"] += ok
        if not ok:
            self.wrong.append((gold, when if matched else None))

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        return {part: {"gold": c[part, "gold"], "coverage": _pct(c[part, "matched"], c[part, "gold"]),
                       "dated": _pct(c[part, "right"], c[part, "gold"])} for part in ("all", "written", "dct")}


def score_dating(doc: EventDoc, system: Sequence[SysMention], gold: Iterable[DatedGold] | None = None) -> Dating:
    gold = list(dated_events(doc) if gold is None else gold)
    d = Dating()
    pairs = dict(match([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system]))
    for i, g in enumerate(gold):
        j = pairs.get(i)
        d.add(g, system[j].when if j is not None else None, j is not None)
    return d


def system_triggers(model: Any, text: str) -> list[SysMention]:
    """A trigger model's mentions of ``text`` (no dates): Task B alone, as cross-validation scores it."""
    from timeline.nlp import Sentences

    return [SysMention(t.start, t.end, t.cls) for t in model.triggers(text, Sentences(text))]


# --- the whole evaluation: `timeline eval --events` on TimeML -------------------------------------


def _extent_of(when: Any) -> tuple[dt.datetime, dt.datetime] | None:
    """A When's interval as a calendar extent (None when open or unresolved)."""
    from timeline.evaluate.calendar import bounds

    if when is None or when.start is None or when.end is None:
        return None
    return bounds(when.start, when.end)


def _day_extent(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(day.year, day.month, day.day)
    return start, start + _DAY - dt.timedelta(microseconds=1)


@dataclass
class TimeMLEventReport:
    """Task B and event dating on TimeML gold, each beside the two baselines."""

    task: TaskB
    dating: Dating  # the gold events, dated by the events stage (as the baselines date them)
    end_to_end: Dating  # the events stage's own triggers: a gold event no trigger matches is undated
    baselines: dict[str, Dating]
    cross_validated: int  # documents scored by a fold model (the shipped model had seen them)
    folds: int
    texts: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"task_b": self.task.to_dict(), "dating": self.dating.to_dict(), "dating_end_to_end": self.end_to_end.to_dict(),
                "baselines": {k: v.to_dict() for k, v in self.baselines.items()},
                "cross_validated_documents": self.cross_validated, "folds": self.folds}

    def render(self, errors: int = 0) -> str:
        d = self.to_dict()
        t = d["task_b"]
        how = (f"{self.cross_validated} of them by {self.folds}-fold cross-validation (the shipped model was "
               f"trained on them; each is scored by a model trained on the other folds)") if self.cross_validated \
            else "none seen by the shipped model"
        lines = [f"{t['documents']} documents ({how})",
                 f"event triggers (TempEval-3 Task B): gold {t['gold']}, system {t['system']}"]
        for k in ("relaxed", "strict"):
            r = t[k]
            lines.append(f"  {k:8s} P {r['P']:6.2f}  R {r['R']:6.2f}  F1 {r['F1']:6.2f}")
        if t["class_accuracy"] is not None:
            lines.append(f"  class accuracy on relaxed matches {t['class_accuracy']:.2f}%")
        lines.append("  recall by gold class: " + ", ".join(f"{k} {v:.1f}%" for k, v in t["recall_by_class"].items()))
        lines.append("event dating (gold: TLINK to a DATE/TIME of day precision or coarser, the DCT as its day); "
                     "dated right (coverage: share given a date or, for its own triggers, matched):")
        lines.append(f"  {'':34s} {'all':>16s} {'written date':>16s} {'DCT':>16s}")
        rows = [("timeline, gold events", d["dating"]), ("timeline, its own triggers", d["dating_end_to_end"])] + \
            [(_BASELINE_NAMES[k], v) for k, v in d["baselines"].items()]
        lines.append(f"  {'gold-dated events':34s} " + " ".join(f"{d['dating'][p]['gold']:16d}" for p in ("all", "written", "dct")))
        for name, r in rows:
            cells = " ".join(f"{r[p]['dated']:7.2f}% ({r[p]['coverage']:5.1f}%)" for p in ("all", "written", "dct"))
            lines.append(f"  {name:34s} {cells}")
        return "\n".join(lines) + "\n" + (f"\n{self.errors(errors)}" if errors > 0 else "")

    def errors(self, n: int) -> str:
        from timeline.evaluate.timex import context

        out = [f"missed gold events: {len(self.task.misses)}" + (f", first {n}" if len(self.task.misses) > n else "")]
        out += [f"  {doc}:{a}-{b} {context(self.texts.get(doc), a, b)} {cls}" for doc, a, b, _t, cls in self.task.misses[:n]]
        out += ["", f"false triggers: {len(self.task.false)}" + (f", first {n}" if len(self.task.false) > n else "")]
        out += [f"  {doc}:{a}-{b} {context(self.texts.get(doc), a, b)} {cls}" for doc, a, b, _t, cls in self.task.false[:n]]
        wrong = self.dating.wrong
        out += ["", f"wrongly dated or undated gold-dated events: {len(wrong)}" + (f", first {n}" if len(wrong) > n else "")]
        for g, when in wrong[:n]:
            ours = f"{when[0]:%Y-%m-%d}..{when[1]:%Y-%m-%d}" if when else "none"
            out.append(f"  {g.doc}:{g.start}-{g.end} {context(self.texts.get(g.doc), g.start, g.end)}\n"
                       f"      gold {g.value} ({'written' if g.written else 'DCT'}), ours {ours}")
        return "\n".join(out) + "\n"


_BASELINE_NAMES = {"publication": "every sentence at publication date", "nearest": "nearest timex of its sentence"}


def baseline_dates(doc: EventDoc, gold: Sequence[DatedGold], mentions: Sequence[Any]) -> dict[str, list]:
    """The two baselines' date for each gold-dated event: the publication day; the nearest resolved
    date or time the tagger found in the event's sentence (by characters), else the publication day."""
    from timeline.events.dating import anchorable
    from timeline.nlp import Sentences

    pub = _day_extent(doc.doc.published) if doc.doc.published else None
    sents = Sentences(doc.text)
    usable = [m for m in mentions if anchorable(m)]
    nearest = []
    for g in gold:
        si = sents.index(g.start)
        near = [m for m in usable if sents.index(m.start) == si]
        best = min(near, key=lambda m: (max(m.start - g.end, g.start - m.end, 0), m.start), default=None)
        nearest.append(_extent_of(best.when) if best is not None else pub)
    return {"publication": [pub] * len(gold), "nearest": nearest}


def evaluate_timeml_events(paths: Sequence[Any], *, include: str | Sequence[str] | None = None, folds: int | None = None
                           ) -> TimeMLEventReport:
    """Triggers and dating of every TimeML document under ``paths``; documents the shipped trigger model
    was trained on are scored by cross-validation fold models (scikit-learn needed)."""
    from timeline import temporal
    from timeline.errors import InputError, UsageError
    from timeline.evaluate import article_of
    from timeline.evaluate.timeml_events import read_event_corpus
    from timeline.events import analyse
    from timeline.events import train as trainer
    from timeline.events.detect import model

    docs = read_event_corpus(paths, include)
    if not docs:
        raise InputError(", ".join(map(str, paths)), "no TimeML documents" + (f" matching {include}" if include else ""))
    record = trainer.record()
    k = folds or record["settings"]["folds"]
    seen = set(record["trained_on"])
    fold_of: dict[str, int] = {}
    models: dict[int, Any] = {}
    dating_models: dict[int, Any] = {}
    if any(trainer.text_key(d.text) in seen for d in docs):
        try:
            import sklearn  # noqa: F401
        except ImportError:
            raise UsageError("these documents trained the shipped model: scoring them needs cross-validation, "
                             "which needs scikit-learn (pip install 'news-timeline[train]')") from None
        training = trainer.training_docs()
        assign = trainer.folds([d.name for d in training], k)
        by_key = {trainer.text_key(d.text): assign[d.name] for d in training}
        for d in docs:
            if (f := by_key.get(trainer.text_key(d.text))) is not None:
                fold_of[d.name] = f
        wanted = set(fold_of.values())
        models = trainer.fold_models(training, k, wanted)
        dating_models = trainer.fold_dating_models(training, k, wanted)
    task, dating, end_to_end = TaskB(), Dating(), Dating()
    base = {"publication": Dating(), "nearest": Dating()}
    texts = {}
    for d in docs:
        article = article_of(d.doc)
        mentions = temporal.tag(article)
        f = fold_of.get(d.name)
        lines, _events = analyse(article, mentions, models[f] if f is not None else model(),
                                 dating_model=dating_models.get(f) if f is not None else None)
        system = [SysMention(x.start, x.end, x.cls, _extent_of(x.when)) for x in lines]
        task.add(d, system)
        gold = dated_events(d)
        pairs = dict(match([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system]))
        for i, g in enumerate(gold):
            j = pairs.get(i)
            end_to_end.add(g, system[j].when if j is not None else None, j is not None)
        given, _events = analyse(article, mentions, given=[(e.start, e.end, e.cls) for e in d.events],
                                 dating_model=dating_models.get(f) if f is not None else None)
        at = {(x.start, x.end): x.when for x in given}
        for g in gold:
            w = at.get((g.start, g.end))
            dating.add(g, _extent_of(w), w is not None)
        for name, dates in baseline_dates(d, gold, mentions).items():
            for g, w in zip(gold, dates, strict=True):
                base[name].add(g, w, True)
        texts[d.name] = d.text
    return TimeMLEventReport(task, dating, end_to_end, base, len(fold_of), k, texts)
