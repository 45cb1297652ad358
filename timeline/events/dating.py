"""When each trigger happened: a learned choice among the times the text offers it.

Every date comes from the temporal tagger (a mention's When, or the tagger's reading of "the future")
or from the publication date; nothing here reads the clock or invents a window.

For each trigger the candidates are the publication day, every resolved date or time of its sentence
(durations with calendar bounds count: "Trump's first term"), and the narrative: the last time of each
of the ``BACK`` sentences before it, the last time before those (however far back), and the article's
first time (the story's own day: "... on Friday" in the lead). A linear ranker
(``data/dating_model.json``, trained by ``timeline train events`` on the TLINKs of TBAQ, see train.py)
scores each candidate from what links an event to a time in news: the trigger's grammatical time
(``reference.verb_group``: tense, aspect, mood) and TimeML class against the side of the publication
date the time lies on; the distance in tokens, the direction, the clause, the triggers (finite or
not) and clause boundaries between, the preposition before the time; whether the time stands right
before the trigger ("the 2023 attack"), modifies the noun phrase it heads ("last year's deadly
blasts") or opens the sentence; how many triggers lie nearer the time; how far back a narrative time
is and how far it lies from the publication day. The best-scoring candidate wins.

Then rules a reader can check: a date after "since" opens an interval that is still open; a trigger
placed at the publication day whose verb group is future ("will meet"), or an event noun introduced as
upcoming (``data/anchors.json``), lies after publication, as the tagger reads "the future". (A filter
that kept a future verb to times after publication and a past verb to times before it was dropped:
the ranker weighs the verb's time against the side of each candidate, and the hard filter cost 0.2
points of TBAQ dating in cross-validation, MEANTIME unchanged.) And three rules of reference
(``_discourse``): a definite event noun takes the date of the same event noun dated earlier ("a recent
meeting ... following the meeting"); a day named by anaphora ("earlier in the day") that the tagger
could only resolve against the publication day is the day of the story's last dated happening; a verb
dated only by the publication day or the narrative takes the date of an event noun that frames it in
its clause: during, amid, at or following it (not "in" or "after", which cost TBAQ dating 0.2 points)
("raised concerns during a recent meeting").

Speed: everything of a sentence (tokens, clauses, the triggers' verb groups) is read once; a
candidate is a tuple of short strings (its *key*) and its score the sum of one table look-up per
feature template (``DatingModel``), cached per key: most keys repeat.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from operator import itemgetter

from timeline.models import Anchor, Mention, Precision, TimexType, When
from timeline.nlp import Sentences, lemma, parts_of_speech, verb_forms
from timeline.temporal.reference import VerbGroup, since, verb_group

from .detect import Trigger
from .features import SentenceTokens
from .segment import Span, clauses

BACK = 2  # sentences before the trigger's whose last time is a candidate of its own
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
def _upcoming() -> frozenset[str]:
    data = json.loads(resources.files(__package__).joinpath("data/anchors.json").read_text("utf-8"))
    return frozenset(data["upcoming"])


def anchorable(m: Mention) -> bool:
    """A mention that can date a happening: a resolved date or time, or a duration with calendar bounds."""
    w = m.when
    if w.type == TimexType.SET or not w.resolved:
        return False
    return w.type != TimexType.DURATION or (w.start is not None and w.end is not None)


def _side(w: When, published: Published) -> str:
    """Where a date lies against the publication day: past, future or now (it contains the day)."""
    return _placed(w.start, w.end, published)[0]


def _days(w: When, published: Published) -> str:
    """How far a date lies from the publication day, in buckets (0, up to 2, 7, 31, 365 days, more)."""
    return _placed(w.start, w.end, published)[1]


@lru_cache(maxsize=4096)
def _placed(start: dt.date | dt.datetime | None, end: dt.date | dt.datetime | None,
            published: Published) -> tuple[str, str]:
    """(side, days) of an interval against the publication day: an article's few times are asked about
    for every trigger near them, so each is worked out once."""
    if published is None:
        return "now", "open"
    d = _day(published)
    s = _day(start) if start is not None else None
    e = _day(end) if end is not None else None
    side = "past" if e is not None and e < d else "future" if s is not None and s > d else "now"
    if s is None or e is None:
        return side, "open"
    n = (d - e).days if e < d else (s - d).days if s > d else 0
    return side, "0" if n == 0 else "1" if n <= 2 else "2" if n <= 7 else "3" if n <= 31 else "4" if n <= 365 else "5"


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


# --- candidates and their features -------------------------------------------------------------------
# A candidate's key is its kind and a tuple of short strings, one per field of FIELDS[kind]; its
# features are the templates of TEMPLATES[kind], each joining the values of a few fields
# ("m|side=past|tm=past"). The fields:
#   tm, cls, mood, asp: the trigger's time (``time_of``), TimeML class, mood and aspect; q: in a quotation;
#   nm: how many times its sentence has (0-3), has: any;
#   pd: how far the narrative's last time lies from the publication day (``_days``);
#   side, prec, days: where the candidate lies against the publication day, its grain, how far;
#   dir, d: the time before (b) or after (a) the trigger, and the tokens between (``_bucket``);
#   sc: same clause; tb: triggers between (0-3); fb: finite verbs among them (0-2); cb: a comma or
#   clause word between; prep: the word before the time; premod: the time right before the trigger;
#   np: the time inside the noun phrase the trigger heads; poss: the time is a possessive ("Friday's");
#   rank: the time's rank by distance from the trigger; tr: triggers nearer the time than this one;
#   lead: the time opens its clause before a comma; since: after "since"; after: the word after the
#   time (a comma skipped) when it opens a relative clause ("in 2008, when ..."), else a comma or other;
#   back: which narrative time (1, 2 sentences back, far, lead); para: in the same paragraph; n: how
#   many times that sentence has.
FIELDS = {
    "publication": ("tm", "cls", "nm", "has", "mood", "asp", "q", "pd"),
    "sentence": ("tm", "cls", "nm", "mood", "asp", "q", "side", "prec", "dir", "d", "sc", "tb", "prep", "premod",
                 "rank", "lead", "since", "days", "tr", "fb", "cb", "np", "poss", "after"),
    "narrative": ("tm", "cls", "nm", "q", "back", "side", "prec", "days", "para", "n"),
}
PREFIX = {"publication": "dct", "sentence": "m", "narrative": "p"}
TEMPLATES: dict[str, tuple[tuple[str, ...], ...]] = {
    "publication": ((), ("tm",), ("cls",), ("nm",), ("tm", "has"), ("cls", "tm"), ("mood", "asp"), ("q", "tm"),
                    ("pd", "tm"), ("pd", "cls")),
    "sentence": ((), ("side", "tm"), ("prec",), ("prec", "cls"), ("dir", "d"), ("dir", "tm"), ("sc",), ("sc", "tm"),
                 ("tb",), ("tb", "sc"), ("prep",), ("prep", "tm"), ("premod", "tm"), ("rank",), ("lead", "dir"),
                 ("since",), ("side", "cls"), ("nm", "rank"), ("side", "mood", "asp"), ("days", "tm"), ("q", "sc"),
                 ("tr",), ("tr", "dir"), ("tr", "mood"), ("fb", "dir"), ("fb", "tm"), ("cb", "dir"), ("np",),
                 ("np", "cls"), ("poss", "dir"), ("after", "dir"), ("after", "tm")),
    "narrative": ((), ("back",), ("back", "tm"), ("side", "tm"), ("prec",), ("nm",), ("para",), ("para", "tm"),
                  ("cls", "tm"), ("days", "tm"), ("days", "cls"), ("q", "tm"), ("n",)),
}
_AT = {kind: {f: i for i, f in enumerate(fields)} for kind, fields in FIELDS.items()}


@lru_cache(maxsize=65536)
def features(kind: str, key: tuple[str, ...]) -> tuple[str, ...]:
    """The feature names of a candidate (what training counts; scoring looks the same up by template)."""
    at, prefix = _AT[kind], PREFIX[kind]
    return tuple("|".join((prefix, *(f"{f}={key[at[f]]}" for f in t))) for t in TEMPLATES[kind])


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str  # publication | sentence | narrative
    when: When
    mention: Mention | None
    key: tuple[str, ...]  # the values of FIELDS[kind]


# The word before a time that says how it attaches ("on Monday", "since 2003", "last year").
_PREPOSITIONS = frozenset({"on", "in", "at", "since", "by", "until", "during", "for", "from", "after", "before",
                           "through", "within", "of", "to", "as", "early", "late", "last", "next", "this", "that", "the"})
# Words between a time and a trigger that open another clause or phrase.
_BOUNDARY = frozenset({",", ";", ":", "(", ")", "--", "—", "–", "that", "which", "who", "whom", "when", "where",
                       "while", "because", "after", "before", "and", "but", "as", "if", "although", "since", "until",
                       "though"})
_POSSESSIVE = frozenset({"'s", "’s"})
_RELATIVE = frozenset({"when", "where", "which", "that", "while", "as", "after", "before"})
_QUOTES = re.compile(r"``.*?(?:''|$)|“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.DOTALL)
_B = ("False", "True")
_N = tuple(str(i) for i in range(10))


@lru_cache(maxsize=65536)
def _np_word(w: str) -> bool:
    """A word that can stand inside a noun phrase between a time and its head ("last year's deadly attack")."""
    if w in _POSSESSIVE or w in ("-", "the", "a", "an"):
        return True
    return bool(parts_of_speech(w) & {"NOUN", "ADJ", "PROPN"}) and not (verb_forms(w) & {"VBD", "VBZ", "VBP"}) \
        and w not in _PREPOSITIONS


class _Sentence:
    """One sentence with triggers, read once: its tokens, clauses, and its triggers' verb groups."""

    __slots__ = ("clause_starts", "clauses", "finite_starts", "groups", "low", "starts", "toks", "trigger_ends", "trigger_starts",
                 "trigs")

    def __init__(self, text: str, a: int, b: int, trigs: list[Trigger], toks: list[tuple[int, int]]) -> None:
        self.toks = toks
        self.starts = [s for s, _ in toks]
        self.low = [text[x:y].lower() for x, y in toks]
        self.clauses = clauses(text, a, b, [t.end for t in trigs if t.cls in ("REPORTING", "I_STATE")])
        self.clause_starts = [c.start for c in self.clauses]
        self.trigs = trigs
        self.trigger_starts = [t.start for t in trigs]
        self.trigger_ends = [t.end for t in trigs]
        self.groups = [verb_group(text, t.start, t.end, a, toks[: bisect.bisect_left(self.starts, t.start)])
                       for t in trigs]
        self.finite_starts = [t.start for t, g in zip(trigs, self.groups, strict=True) if g.finite]

    def token(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def clause(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.clause_starts, offset) - 1)

    def clause_of(self, t: Trigger) -> Span:
        return self.clauses[self.clause(t.start)] if self.clauses else Span(t.start, t.end, t.text)

    @staticmethod
    def _count(starts: list[int], lo: int, hi: int) -> int:
        return bisect.bisect_left(starts, hi) - bisect.bisect_left(starts, lo)

    def after(self, j: int) -> str:
        """What follows the token j ending a time: a relative word (a comma skipped), a comma, or other."""
        k = j + 1 + (j + 1 < len(self.low) and self.low[j + 1] == ",")
        if k < len(self.low) and self.low[k] in _RELATIVE:
            return self.low[k]
        return "," if k > j + 1 else "<e>" if k >= len(self.low) else "other"

    def nearer(self, t: Trigger, m: Mention) -> int:
        """How many other triggers of the sentence lie nearer the time than ``t`` (in characters): those
        starting before m.end + d and ending after m.start - d (triggers are in text order: two bisections)."""
        d = max(m.start - t.end, t.start - m.end, 0)
        if d == 0:
            return 0
        return max(0, bisect.bisect_left(self.trigger_starts, m.end + d) - bisect.bisect_right(self.trigger_ends, m.start - d))


def candidates(text: str, sent: _Sentence, t: Trigger, g: VerbGroup, same: Sequence[Mention],
               back: Sequence[tuple[str, Mention, int, bool]], published: Published, quoted: bool) -> list[Candidate]:
    """The publication day, the times of the trigger's sentence and the narrative times, each with its key."""
    tm, cls, q = time_of(g), t.cls, _B[quoted]
    nm = _N[min(len(same), 3)]
    out = []
    if published is not None:
        pd = _days(back[-1][1].when, published) if back else "none"
        out.append(Candidate("publication", publication_when(published), None,
                             (tm, cls, nm, _B[bool(same)], g.mood, g.aspect, q, pd)))
    if same:
        tc = sent.clause(t.start)
        ti = sent.token(t.start)
        order = sorted(same, key=lambda m: (max(m.start - t.end, t.start - m.end, 0), m.start))
        for rank, m in enumerate(order):
            w = m.when
            first = m.start < t.start
            mi, mj = sent.token(m.start), sent.token(max(m.start, m.end - 1))
            n = ti - mj if first else mi - ti
            lo, hi = (m.end, t.start) if first else (t.end, m.start)
            i, j = (mj + 1, ti) if first else (ti + 1, mi)
            between = sent.low[i:j]
            prep = sent.low[mi - 1] if mi > 0 else "<s>"
            if prep not in _PREPOSITIONS and mi > 0:
                prep = "other"
            nxt = sent.toks[mj + 1] if mj + 1 < len(sent.toks) else None
            mc = sent.clause(m.start)
            lead = nxt is not None and sent.low[mj + 1] == "," and \
                not sent._count(sent.trigger_starts, sent.clauses[mc].start, m.start)
            cb = not _BOUNDARY.isdisjoint(between)
            out.append(Candidate("sentence", w, m, (
                tm, cls, nm, g.mood, g.aspect, q, _side(w, published), _grain(w), "b" if first else "a", _bucket(n),
                _B[mc == tc], _N[min(sent._count(sent.trigger_starts, lo, hi), 3)], prep,
                _B[nxt is not None and nxt[0] == t.start], _N[min(rank, 2)], _B[lead], _B[since(text, m.start)],
                _days(w, published), _N[min(sent.nearer(t, m), 2)], _N[min(sent._count(sent.finite_starts, lo, hi), 2)],
                _B[cb], _B[first and n <= 6 and not cb and all(map(_np_word, between))],
                _B[nxt is not None and sent.low[mj + 1] in _POSSESSIVE], sent.after(mj))))
    for k, m, count, same_paragraph in back:
        w = m.when
        out.append(Candidate("narrative", w, m, (tm, cls, nm, q, k, _side(w, published), _grain(w),
                                                 _days(w, published), _B[same_paragraph], _N[min(count, 3)])))
    return out


class DatingModel:
    """The candidate scorer: feature weights, kept as one table per template (values -> weight), so a
    candidate's score is one look-up per template; scores are cached per key."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        tables: dict[tuple[str, tuple[str, ...]], dict] = {}
        kinds = {p: k for k, p in PREFIX.items()}
        for name, w in weights.items():
            prefix, *parts = name.split("|")
            fields = tuple(p.partition("=")[0] for p in parts)
            values = tuple(p.partition("=")[2] for p in parts)
            tables.setdefault((kinds[prefix], fields), {})[values[0] if len(values) == 1 else values] = w
        self._scorers: dict[str, list[tuple[Callable | None, dict]]] = {}
        for kind, templates in TEMPLATES.items():
            at = _AT[kind]
            self._scorers[kind] = [(itemgetter(*(at[f] for f in t)) if t else None, tables.get((kind, t), {}))
                                   for t in templates]
        self._scores: dict[tuple, float] = {}

    @classmethod
    def from_json(cls, data: dict) -> DatingModel:
        return cls({k: v * data["scale"] for k, v in data["weights"].items()})

    def score(self, c: Candidate) -> float:
        cached = self._scores.get((c.kind, c.key))
        if cached is not None:
            return cached
        key = c.key
        s = 0.0
        for get, table in self._scorers[c.kind]:
            s += table.get(get(key), 0.0) if get is not None else table.get((), 0.0)
        if len(self._scores) < 200_000:
            self._scores[c.kind, key] = s
        return s


@cache
def model() -> DatingModel:
    return DatingModel.from_json(json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8")))


def contexts(text: str, sents: Sentences, trigs: Sequence[Trigger], mentions: Sequence[Mention],
             published: Published, stoks: SentenceTokens | None = None
             ) -> Iterator[tuple[_Sentence, Trigger, VerbGroup, bool, list[Candidate]]]:
    """Every trigger in text order with its sentence, verb group, whether it is quoted, and its candidates."""
    usable = [m for m in mentions if anchorable(m)]
    by_sentence: dict[int, list[Mention]] = {}
    for m in usable:
        by_sentence.setdefault(sents.index(m.start), []).append(m)
    # the narrative: times that name a date ("now", "the past" name none)
    narrative = {k: kept for k, ms in by_sentence.items() if (kept := [m for m in ms if not m.when.value.endswith("_REF")])}
    told = sorted(narrative)
    trig_by_sentence: dict[int, list[Trigger]] = {}
    for t in trigs:
        trig_by_sentence.setdefault(t.sentence, []).append(t)
    quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(text)] if '"' in text or "“" in text or "``" in text else []
    quote_starts = [a for a, _ in quotes]
    stoks = stoks or SentenceTokens(text, sents)
    paragraphs = sents.paragraphs
    for si, ts in sorted(trig_by_sentence.items()):
        a, b = sents[si]
        sent = _Sentence(text, a, b, ts, stoks.per[si])
        back: list[tuple[str, Mention, int, bool]] = []
        first = told[0] if told and told[0] < si else None  # the article's first sentence with a time
        k = bisect.bisect_left(told, si - BACK)
        far = told[k - 1] if k > 0 else None  # the last one before the BACK sentences
        if first is not None and (first < si - BACK or len(narrative[first]) > 1):
            back.append(("lead", narrative[first][0], len(narrative[first]), paragraphs[first] == paragraphs[si]))
        if far is not None and (far != first or len(narrative[far]) > 1):
            back.append(("far", narrative[far][-1], len(narrative[far]), paragraphs[far] == paragraphs[si]))
        for k in range(BACK, 0, -1):
            prev = narrative.get(si - k)
            if prev:
                back.append((_N[k], prev[-1], len(prev), paragraphs[si - k] == paragraphs[si]))
        same = by_sentence.get(si, [])
        for t, g in zip(ts, sent.groups, strict=True):
            q = bisect.bisect_right(quote_starts, t.start) - 1
            quoted = q >= 0 and t.start < quotes[q][1]
            yield sent, t, g, quoted, candidates(text, sent, t, g, same, back, published, quoted)


def date_triggers(text: str, sents: Sentences, trigs: Sequence[Trigger], mentions: Sequence[Mention],
                  published: Published, dating_model: DatingModel | None = None,
                  stoks: SentenceTokens | None = None) -> list[Dated]:
    """Every trigger of the article with its date (see the module doc), in text order."""
    scorer = dating_model or model()
    out: list[Dated] = []
    for sent, t, g, _quoted, cands in contexts(text, sents, trigs, mentions, published, stoks):
        clause = sent.clause_of(t)
        if not cands:
            out.append(Dated(t, g, clause, None, "none"))
            continue
        best = max(cands, key=scorer.score) if len(cands) > 1 else cands[0]
        w, how = best.when, {"publication": "publication", "sentence": "own", "narrative": "narrative"}[best.kind]
        if best.mention is not None and since(text, best.mention.start):
            w = w.model_copy(update={"end": None, "modifier": None})  # "since 2003": from then, still open
        if how == "publication" and published is not None and (
                g.tense == "future" or (g.mood == "nominal" and _upcoming_before(sent, t))):
            fw = future_when(published)
            if fw is not None:
                w, how = fw, "future"
        out.append(Dated(t, g, clause, w, how, best.mention))
    return _discourse(text, out, published, stoks or SentenceTokens(text, sents))


def _upcoming_before(sent: _Sentence, t: Trigger) -> bool:
    """An event noun introduced as upcoming: one of ``data/anchors.json``'s words among the three before it."""
    i = sent.token(t.start)
    return not _upcoming().isdisjoint(sent.low[max(0, i - 3):i])


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_DAY_ANAPHOR = re.compile(r"\b(?:that|the|same)\s+day\b", re.IGNORECASE)
_FRAMING = frozenset({"during", "amid", "at", "following"})


def _discourse(text: str, dated: list[Dated], published: Published, stoks: SentenceTokens) -> list[Dated]:
    """Three rules of reference, in text order:

    - a definite event noun ("the meeting", "this attack") whose lemma names an event noun dated
      earlier in the article refers back to it and takes its date;
    - a day named by anaphora ("earlier in the day", "that day"), which the tagger could only resolve
      against the publication day, is the day of the story's last dated happening when that is another
      day (the publication day is the fallback, not the reference);
    - a finite verb dated only by the publication day or the narrative takes the date of a dated event
      noun its clause frames it with ("raised concerns during a recent meeting")."""
    pub = publication_when(published) if published is not None else None
    nouns: dict[str, Dated] = {}
    story: When | None = None
    out = []
    for d in dated:
        t = d.trigger
        if d.group.mood == "nominal" and d.how != "own":
            earlier = nouns.get(lemma(t.text, "NOUN"))
            if earlier is not None and not _DEFINITE.isdisjoint(_words_before(text, stoks, t.start, 3)):
                d = Dated(t, d.group, d.clause, earlier.when, "reference", earlier.mention)
        elif d.how == "own" and d.mention is not None and d.mention.when.anchor == Anchor.PUBLICATION \
                and story is not None and _DAY_ANAPHOR.search(d.mention.text):
            d = Dated(t, d.group, d.clause, story, "reference", d.mention)
        if d.when is not None and d.how in ("own", "future", "reference"):
            if d.group.mood == "nominal":
                nouns[lemma(t.text, "NOUN")] = d
            if d.when != pub and _side(d.when, published) != "future":
                story = d.when
        out.append(d)
    # a verb whose time is only the publication day or the narrative happens during, amid, at or
    # following the dated event its clause names ("raised concerns during a recent meeting")
    frames: dict[tuple[int, int], Dated] = {}
    for d in out:
        key = (d.clause.start, d.clause.end)
        if key not in frames and d.group.mood == "nominal" and d.how in ("own", "reference") \
                and _side(d.when, published) != "future" \
                and not _FRAMING.isdisjoint(_words_before(text, stoks, d.trigger.start, 4)):
            frames[key] = d
    if frames:
        for i, d in enumerate(out):
            frame = frames.get((d.clause.start, d.clause.end))
            if frame is not None and d.group.finite and d.how in ("publication", "narrative"):
                out[i] = Dated(d.trigger, d.group, d.clause, frame.when, "reference", frame.mention)
    return out


def _words_before(text: str, stoks: SentenceTokens, start: int, n: int) -> set[str]:
    """The last ``n`` words before ``start`` (lower case)."""
    i = bisect.bisect_left(stoks.starts, start)
    return {text[a:b].lower() for a, b in stoks.flat[max(0, i - n):i]}
