"""When each trigger happened: a learned choice among the times the text offers it.

Every date comes from the temporal tagger (a mention's When, or the tagger's reading of "the future")
or from the publication date; nothing here reads the clock or invents a window.

For each trigger the candidates are the publication day, every resolved date or time of its sentence
(durations with calendar bounds count: "Trump's first term"), and the last one of each of the
``BACK`` sentences before it (the narrative). A linear model (``data/dating_model.json``, trained by
``timeline train events`` on the TLINKs of TBAQ, see train.py) scores each candidate from what
links an event to a time in news: the trigger's grammatical time (``reference.verb_group``: tense,
aspect, mood) and TimeML class against the side of the publication date the time lies on; the
distance in tokens, the direction, the clause, the triggers and the preposition between; whether the
time stands right before the trigger ("the 2023 attack") or opens the sentence; how far back a
narrative time is and how far it lies from the publication day. The best-scoring candidate wins.

Then the grammar has the last word, as rules a reader can check: a future verb ("will appear") takes a
time after publication when its text offers one, a past verb never one after it; a date after "since" opens an
interval that is still open; a trigger placed at the publication day whose verb group is future
("will meet"), or an event noun introduced as upcoming (``data/anchors.json``), lies after
publication, as the tagger reads "the future". And three rules of reference (``_discourse``): a definite
event noun takes the date of the same event noun dated earlier ("a recent meeting ... following the
meeting"); a day named by anaphora ("earlier in the day") that the tagger could only resolve against
the publication day is the day of the story's last dated happening; a verb dated only by the
publication day or the narrative takes the date of an event noun that frames it in its clause
("raised concerns during a recent meeting").
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from timeline.models import Anchor, Mention, Precision, TimexType, When
from timeline.nlp import Sentences
from timeline.temporal.reference import VerbGroup, since, verb_group

from .detect import Trigger
from .features import SentenceTokens
from .segment import Span, clauses

BACK = 2  # sentences before the trigger's whose last time is a candidate
MODEL_FILE = "data/dating_model.json"
Published = dt.date | dt.datetime | None


@dataclass(frozen=True, slots=True)
class Dated:
    """A trigger with its grammatical time and the time it is anchored to."""

    trigger: Trigger
    group: VerbGroup
    clause: Span
    when: When | None
    how: str  # own (a time of its sentence) | narrative | publication | future | reference | none
    mention: Mention | None = None  # the mention the date comes from


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


@lru_cache(maxsize=256)
def publication_when(published: dt.date | dt.datetime) -> When:
    d = _day(published)
    return When(value=d.isoformat(), start=d, end=d, precision=Precision.DAY, anchor=Anchor.PUBLICATION)


@lru_cache(maxsize=256)
def future_when(published: dt.date | dt.datetime) -> When | None:
    """After publication, open-ended: the tagger's own reading of "the future"."""
    from timeline.temporal import tag_text

    found = tag_text("the future", published)
    return found[0].when if found else None


@cache
def _anchors() -> dict:
    return json.loads(resources.files(__package__).joinpath("data/anchors.json").read_text("utf-8"))


def anchorable(m: Mention) -> bool:
    """A mention that can date a happening: a resolved date or time, or a duration with calendar bounds."""
    w = m.when
    if w.type == TimexType.SET or not w.resolved:
        return False
    return w.type != TimexType.DURATION or (w.start is not None and w.end is not None)


def _side(w: When, published: Published) -> str:
    """Where a date lies against the publication day: past, future or now (it contains the day)."""
    if published is None:
        return "now"
    d = _day(published)
    if w.end is not None and _day(w.end) < d:
        return "past"
    if w.start is not None and _day(w.start) > d:
        return "future"
    return "now"


def _days(w: When, published: Published) -> str:
    """How far a date lies from the publication day, in buckets (0, up to 2, 7, 31, 365 days, more)."""
    if published is None or w.start is None or w.end is None:
        return "open"
    d, s, e = _day(published), _day(w.start), _day(w.end)
    n = (d - e).days if e < d else (s - d).days if s > d else 0
    return "0" if n == 0 else "1" if n <= 2 else "2" if n <= 7 else "3" if n <= 31 else "4" if n <= 365 else "5"


def _grain(w: When) -> str:
    if w.type == TimexType.DURATION:
        return "duration"
    if w.value.endswith("_REF"):
        return w.value
    return str(w.precision) if w.precision else "none"


def time_of(g: VerbGroup) -> str:
    """A verb group's time: past, present, present perfect, future (future, infinitive, modal), or its mood."""
    if g.mood in ("infinitive", "modal") or g.tense == "future":
        return "future"
    if g.tense == "past":
        return "past"
    if g.tense == "present":
        return "present perfect" if g.aspect.startswith("perfect") else \
            "progressive" if g.aspect == "progressive" else "present"
    return g.mood  # participle, nominal


def _bucket(n: int) -> str:
    return "0" if n <= 1 else "1" if n <= 3 else "2" if n <= 6 else "3" if n <= 10 else "4" if n <= 20 else "5"


# The word before a time that says how it attaches ("on Monday", "since 2003", "last year").
_PREPOSITIONS = frozenset({"on", "in", "at", "since", "by", "until", "during", "for", "from", "after", "before",
                           "through", "within", "of", "to", "as", "early", "late", "last", "next", "this", "that", "the"})
_QUOTES = re.compile(r"``.*?(?:''|$)|“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str  # publication | sentence | narrative
    when: When
    mention: Mention | None
    key: tuple  # what its features are made of (``features``)


class _Sentence:
    """What the candidates of one sentence's triggers are computed from, read once."""

    def __init__(self, text: str, a: int, b: int, trigs: list[Trigger], toks: list[tuple[int, int]]) -> None:
        self.toks = toks
        self.starts = [s for s, _ in self.toks]
        reports = [t.end for t in trigs if t.cls in ("REPORTING", "I_STATE")]
        self.clauses = clauses(text, a, b, reports)
        self.clause_starts = [c.start for c in self.clauses]
        self.trigger_starts = sorted(t.start for t in trigs)

    def token(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def clause(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.clause_starts, offset) - 1)

    def triggers_between(self, lo: int, hi: int) -> int:
        return bisect.bisect_left(self.trigger_starts, hi) - bisect.bisect_left(self.trigger_starts, lo)


@lru_cache(maxsize=65536)
def features(key: tuple) -> tuple[str, ...]:
    """A candidate's features from its key: (kind, then the values the templates combine)."""
    kind = key[0]
    if kind == "publication":
        _, tm, cls, nm, mood, aspect, quoted, pdays = key
        return ("k=dct", f"dct|tm={tm}", f"dct|cls={cls}", f"dct|nm={nm}", f"dct|tm={tm}|nm={nm > 0}",
                f"dct|cls={cls}|tm={tm}", f"dct|mood={mood}|asp={aspect}", f"dct|q={quoted}|tm={tm}",
                f"dct|pd={pdays}|tm={tm}", f"dct|pd={pdays}|cls={cls}")
    if kind == "sentence":
        _, tm, cls, nm, mood, aspect, quoted, side, grain, d, n, sc, tb, prep, premod, r, lead, opened, days = key
        return ("k=m", f"m|side={side}|tm={tm}", f"m|prec={grain}", f"m|prec={grain}|cls={cls}", f"m|dir={d}|d={n}",
                f"m|dir={d}|tm={tm}", f"m|sc={sc}", f"m|sc={sc}|tm={tm}", f"m|tb={tb}", f"m|tb={tb}|sc={sc}", f"m|prep={prep}",
                f"m|prep={prep}|tm={tm}", f"m|premod={premod}|tm={tm}", f"m|rank={r}", f"m|lead={lead}|dr={d}",
                f"m|since={opened}", f"m|side={side}|cls={cls}", f"m|nm={nm}|rank={r}",
                f"m|side={side}|mood={mood}|asp={aspect}", f"m|days={days}|tm={tm}", f"m|q={quoted}|sc={sc}")
    _, tm, cls, nm, quoted, k, side, grain, days, para, count = key
    return ("k=prev", f"p|back={k}", f"p|back={k}|tm={tm}", f"p|side={side}|tm={tm}", f"p|prec={grain}", f"p|nm={nm}",
            f"p|para={para}", f"p|para={para}|tm={tm}", f"p|cls={cls}|tm={tm}", f"p|days={days}|tm={tm}",
            f"p|days={days}|cls={cls}", f"p|q={quoted}|tm={tm}", f"p|n={count}")


def candidates(text: str, sent: _Sentence, t: Trigger, g: VerbGroup, same: list[Mention], back: list[tuple[int, Mention, int, bool]],
               published: Published, quoted: bool) -> list[Candidate]:
    """The publication day, the times of the trigger's sentence and of the sentences before it, each with
    the key its features are read from (``features``)."""
    tm, cls = time_of(g), t.cls
    nm = min(len(same), 3)
    before = back[-1][1] if back else None
    pdays = _days(before.when, published) if before is not None else "none"
    out = []
    if published is not None:
        out.append(Candidate("publication", publication_when(published), None,
                             ("publication", tm, cls, nm, g.mood, g.aspect, quoted, pdays)))
    if same:
        tc = sent.clause(t.start)
        ti = sent.token(t.start)
        order = sorted(same, key=lambda m: (max(m.start - t.end, t.start - m.end, 0), m.start))
    for rank, m in enumerate(order if same else ()):
        w = m.when
        first = m.start < t.start
        mi, mj = sent.token(m.start), sent.token(max(m.start, m.end - 1))
        n = ti - mj if first else mi - ti
        lo, hi = (m.end, t.start) if first else (t.end, m.start)
        tb = min(sent.triggers_between(lo, hi), 3)
        prev = sent.toks[mi - 1] if mi > 0 else None
        prep = text[prev[0]:prev[1]].lower() if prev is not None else "<s>"
        if prep not in _PREPOSITIONS and prev is not None:
            prep = "other"
        nxt = sent.toks[mj + 1] if mj + 1 < len(sent.toks) else None
        premod = nxt is not None and nxt[0] == t.start
        mc = sent.clause(m.start)
        lead = nxt is not None and text[nxt[0]:nxt[1]] == "," and not sent.triggers_between(sent.clauses[mc].start, m.start)
        out.append(Candidate("sentence", w, m, (
            "sentence", tm, cls, nm, g.mood, g.aspect, quoted, _side(w, published), _grain(w), "b" if first else "a",
            _bucket(n), mc == tc, tb, prep, premod, min(rank, 2), lead, since(text, m.start), _days(w, published))))
    for k, m, count, same_paragraph in back:
        w = m.when
        out.append(Candidate("narrative", w, m, ("narrative", tm, cls, nm, quoted, k, _side(w, published), _grain(w),
                                                 _days(w, published), same_paragraph, min(count, 3))))
    return out


class DatingModel:
    """Feature weights of the candidate scorer (a logistic regression: right time or not)."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        self._scores: dict[tuple, float] = {}

    @classmethod
    def from_json(cls, data: dict) -> DatingModel:
        return cls({k: v * data["scale"] for k, v in data["weights"].items()})

    def score(self, c: Candidate) -> float:
        s = self._scores.get(c.key)
        if s is None:
            w = self.weights
            s = self._scores[c.key] = sum(w.get(f, 0.0) for f in features(c.key))
        return s


@cache
def model() -> DatingModel:
    return DatingModel.from_json(json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8")))


def sentence_context(text: str, sents: Sentences, trigs: Sequence[Trigger], mentions: Sequence[Mention],
                     published: Published, stoks: SentenceTokens | None = None):
    """Yield, sentence by sentence, what ``candidates`` needs: (sentence index, _Sentence, its triggers,
    its verb groups, its times, the narrative times before it, quotation spans)."""
    usable = [m for m in mentions if anchorable(m)]
    by_sentence: dict[int, list[Mention]] = {}
    for m in usable:
        by_sentence.setdefault(sents.index(m.start), []).append(m)
    trig_by_sentence: dict[int, list[Trigger]] = {}
    for t in trigs:
        trig_by_sentence.setdefault(t.sentence, []).append(t)
    quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    stoks = stoks or SentenceTokens(text, sents)
    for si, ts in sorted(trig_by_sentence.items()):
        a, b = sents[si]
        sent = _Sentence(text, a, b, ts, stoks.per[si])
        groups = [verb_group(text, t.start, t.end, a, sent.toks[: bisect.bisect_left(sent.starts, t.start)]) for t in ts]
        back = []
        for k in range(BACK, 0, -1):
            prev = by_sentence.get(si - k)
            if prev:
                back.append((k, prev[-1], len(prev), sents.paragraphs[si - k] == sents.paragraphs[si]))
        yield si, sent, ts, groups, by_sentence.get(si, []), back, quotes


def date_triggers(text: str, sents: Sentences, trigs: Sequence[Trigger], mentions: Sequence[Mention],
                  published: Published, dating_model: DatingModel | None = None,
                  stoks: SentenceTokens | None = None) -> list[Dated]:
    """Every trigger of the article with its date (see the module doc), in text order."""
    scorer = dating_model or model()
    upcoming = frozenset(_anchors()["upcoming"])
    out: list[Dated] = []
    stoks = stoks or SentenceTokens(text, sents)
    for _si, sent, ts, groups, same, back, quotes in sentence_context(text, sents, trigs, mentions, published, stoks):
        for t, g in zip(ts, groups, strict=True):
            quoted = any(x <= t.start < y for x, y in quotes)
            cands = _fitting(candidates(text, sent, t, g, same, back, published, quoted), g, published)
            best = max(cands, key=scorer.score) if len(cands) > 1 else cands[0] if cands else None
            clause = sent.clauses[sent.clause(t.start)] if sent.clauses else Span(t.start, t.end, t.text)
            if best is None:
                out.append(Dated(t, g, clause, None, "none"))
                continue
            w, how = best.when, {"publication": "publication", "sentence": "own", "narrative": "narrative"}[best.kind]
            if best.mention is not None and since(text, best.mention.start):
                w = w.model_copy(update={"end": None, "modifier": None})  # "since 2003": from then, still open
            if how == "publication" and published is not None:
                i = sent.token(t.start)
                near = {text[x:y].lower() for x, y in sent.toks[max(0, i - 3):i]}
                if g.tense == "future" or (g.mood == "nominal" and near & upcoming):
                    fw = future_when(published)
                    if fw is not None:
                        w, how = fw, "future"
            out.append(Dated(t, g, clause, w, how, best.mention))
    return _discourse(text, out, published, stoks)


def _fitting(cands: list[Candidate], g: VerbGroup, published: Published) -> list[Candidate]:
    """The grammar first: a future verb ("will appear") goes with a time after publication when its text
    offers one, a past verb never with one after publication."""
    if published is None:
        return cands
    tm = time_of(g)
    if g.tense == "future":  # "will", "shall", "going to" (an infinitive or a modal may look back: "were to take")
        ahead = [c for c in cands if _side(c.when, published) == "future"]
        return ahead or cands
    if tm in ("past", "present perfect"):
        return [c for c in cands if _side(c.when, published) != "future"] or cands
    return cands


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_DAY_ANAPHOR = re.compile(r"\b(?:that|the|same)\s+day\b", re.IGNORECASE)


def _discourse(text: str, dated: list[Dated], published: Published, stoks: SentenceTokens) -> list[Dated]:
    """Three rules of reference, in text order:

    - a definite event noun ("the meeting", "this attack") whose lemma names an event noun dated
      earlier in the article refers back to it and takes its date;
    - a day named by anaphora ("earlier in the day", "that day"), which the tagger could only resolve
      against the publication day, is the day of the story's last dated happening when that is another
      day (the publication day is the fallback, not the reference);
    - a finite verb dated only by the publication day or the narrative takes the date of a dated event
      noun its clause frames it with ("raised concerns during a recent meeting")."""
    from timeline.nlp import lemma

    pub = publication_when(published) if published is not None else None
    nouns: dict[str, Dated] = {}
    story: When | None = None
    out = []
    for d in dated:
        t = d.trigger
        if d.group.mood == "nominal" and d.how != "own":
            prev = stoks.between(max(0, t.start - 40), t.start)
            before = {text[a:b].lower() for a, b in prev[-3:]}
            earlier = nouns.get(lemma(t.text, "NOUN"))
            if earlier is not None and before & _DEFINITE:
                d = Dated(t, d.group, d.clause, earlier.when, "reference", earlier.mention)
        elif d.how == "own" and d.mention is not None and _DAY_ANAPHOR.search(d.mention.text) \
                and d.mention.when.anchor == Anchor.PUBLICATION and story is not None:
            d = Dated(t, d.group, d.clause, story, "reference", d.mention)
        if d.when is not None and d.how in ("own", "future", "reference"):
            if d.group.mood == "nominal":
                nouns[lemma(t.text, "NOUN")] = d
            if d.when != pub and _side(d.when, published) != "future":
                story = d.when
        out.append(d)
    # a verb whose time is only the publication day or the narrative happens during, at or after the
    # dated event its clause names ("raised concerns during a recent meeting")
    by_clause: dict[tuple[int, int], list[int]] = {}
    for i, d in enumerate(out):
        by_clause.setdefault((d.clause.start, d.clause.end), []).append(i)
    for members in by_clause.values():
        framing = [out[i] for i in members if out[i].group.mood == "nominal" and out[i].how in ("own", "reference")
                   and _governed(text, out[i].trigger.start, stoks)]
        if not framing:
            continue
        frame = framing[0]
        for i in members:
            d = out[i]
            if d.group.finite and d.how in ("publication", "narrative") and _side(frame.when, published) != "future":
                out[i] = Dated(d.trigger, d.group, d.clause, frame.when, "reference", frame.mention)
    return out


_FRAMING = frozenset({"during", "at", "amid", "in", "following", "after"})


def _governed(text: str, start: int, stoks: SentenceTokens) -> bool:
    """Whether an event noun stands in a time frame: during, at, amid, in, following or after, with at most
    three words (a determiner, modifiers) between ("during a recent meeting", "following the talks")."""
    prev = stoks.between(max(0, start - 60), start)[-4:]
    return any(text[a:b].lower() in _FRAMING for a, b in prev)
