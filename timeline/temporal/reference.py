"""The reference time of an expression or an event: tense and aspect of its clause, reported
speech, the scheduled present and the future, the date the paragraph is narrating.

This is the ONE reference-time module (DESIGN.md): the temporal tagger and the events stage both
ask it, so a clause has one tense whichever stage looks.

    tense(text, start, end, present=False)  -> 'past' | 'future' | 'present' | None
    governing(text, start, end)             -> VerbChain | None: the verb group governing the span
                                               (tense, aspect, prospective "plans to", passive, lemma)
    direction(text, start, end)             -> 'past' | 'future' | 'present' | 'nearest' | None, for
                                               resolving a date
    background(text, start, end)            -> why a date is no time of the story told there, or None
    Reference(text)                         -> the same questions on one text, its analysis kept
    Narration(text)                         -> the date each paragraph is narrating, walked in text order
    verb_group(text, start, end, ...)       -> VerbGroup: the grammatical time of an event trigger
    since(text, start)                      -> whether "since" introduces the time at ``start``
                                               (the last two: the events stage, at the end of the file)

How a clause's tense is found: the sentence (timeline.nlp.Sentences) is cut into tokens, each
classified by closed-class tables (data/reference.yaml: modals, auxiliaries, clause openers) and by
the lemmatiser for open-class verbs (timeline.nlp.verb_forms: "thrashed" is a past form of
"thrash"). Verb groups are auxiliary chains ending in a main verb ("will have been closed", "has
not yet said", "is expected to rule"); their tense comes from the first finite element, their
aspect from the auxiliaries (have + participle: perfect; be + -ing: progressive). An expression is
governed by the nearest finite verb group before it in its own clause (clauses open at
punctuation and at words such as "that", "which", "and"), else the first one after it in the
clause ("On Tuesday, police said ..."), else the nearest in the sentence.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from timeline.nlp import Sentences, parts_of_speech, tokens, verb_forms
from timeline.nlp import lemma as _lemma

from .grammar import lexicon
from .periods import YAML_LOADER

_DATA = Path(__file__).parent / "data" / "reference.yaml"


@cache
def tables() -> dict[str, Any]:
    with open(_DATA, encoding="utf-8") as f:
        return yaml.load(f, Loader=YAML_LOADER)


@cache
def _units() -> frozenset[str]:
    """Calendar units ("minutes", "days"): nouns, never verbs ("just minutes apart")."""
    return frozenset(str(w).lower() for w in lexicon()["units"])


@cache
def _sets() -> dict[str, frozenset[str]]:
    t = tables()
    return {k: frozenset(str(w) for w in t[k]) for k in t if isinstance(t[k], list)}


_BE = {"be": "VB", "is": "VBZ", "are": "VBP", "am": "VBP", "was": "VBD", "were": "VBD", "been": "VBN",
       "being": "VBG", "re": "VBP", "m": "VBP"}
_HAVE = {"have": ("VB", "VBP"), "has": "VBZ", "had": ("VBD", "VBN"), "having": "VBG", "ve": "VBP"}
_DO = {"do": ("VB", "VBP"), "does": "VBZ", "did": "VBD"}
_PAST_AUX = frozenset({"was", "were", "had", "did"})
_PRONOUN_S = frozenset(["it", "he", "she", "that", "there", "what", "who", "here", "where", "this"])  # "it's" = it is
_BREAK = frozenset(";:()[]—–") | {"--"}
_OTHER_POS = frozenset({"NOUN", "ADJ", "ADV", "PROPN"})
_SUBJECTS = frozenset(["i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "this", "there"])
_APOS = re.compile(r"['’]")
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")  # a blank line (Sentences ends a sentence at one)
_OPENING = frozenset("\"“‘'(")
_CLASSES: dict[str, tuple[str, str, frozenset[str], str, str]] = {}  # _word_class(raw, False) by raw word


class _Tok(NamedTuple):
    """A token and its class (``_word_class``); built as a tuple (tuple.__new__): the sentence
    analysis makes one per token, and a tuple is the cheapest object to make."""

    start: int
    end: int
    low: str
    kind: str  # modal be have do to verb adv det prep rel open punct other
    tags: frozenset[str] = frozenset()
    lemma: str = ""
    value: str = ""  # modal: future | conditional | present


@dataclass(frozen=True, slots=True)
class VerbChain:
    """A verb group: its span, tense (past, present, future, conditional or none for a non-finite
    group), aspect (simple, perfect, progressive, perfect_progressive), whether its complement lies
    ahead of it ("plans to meet", "is due to open"), the passive, and the main verb's lemma."""

    start: int
    end: int
    tense: str
    aspect: str
    prospective: bool = False
    passive: bool = False
    lemma: str = ""
    modal: str | None = None
    bare: bool = False  # one participle or past form without auxiliaries ("set", "scheduled")
    reduced: bool = False  # a participle modifying a noun ("documents found in 2004 proved ...")

    @property
    def finite(self) -> bool:
        """Whether the group can govern a time: a finite verb, or a participle modifying a noun."""
        return self.tense != "none" or self.reduced


@cache
def _count_words() -> frozenset[str]:
    """Number words ("two", "million"): the word after one is what is counted ("886 million shares")."""
    return frozenset([str(w).lower() for w in lexicon()["numbers"] if " " not in str(w)] +
                     ["million", "billion", "trillion", "thousand", "dozen", "hundred"])


@cache
def _day_words() -> frozenset[str]:
    """Weekday and month names and today/tomorrow/tonight/yesterday: a time right after a word makes
    it a verb ("the teams meet Monday", "the fair runs Oct. 12")."""
    lx = lexicon()
    # (abbreviations as tokens are: "Oct" without its period; "may" and "march" left out: verbs)
    months = [str(w).lower() for w in [*lx["months"], *lx["month_abbreviations"]]]
    return frozenset([str(w).lower() for w in lx["weekdays"]] + [m for m in months if m not in ("may", "march")]
                     + ["today", "tomorrow", "tonight", "yesterday"])


def _tags(t: str | tuple[str, ...]) -> frozenset[str]:
    return frozenset((t,) if isinstance(t, str) else t)


_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def _word_class(raw: str, first: bool) -> tuple[str, str, frozenset[str], str, str]:
    """(lower-case form, kind, verb tags, lemma, modal value) of a token; ``first``: it opens its
    sentence (a capital then says nothing about a name)."""
    low = raw.lower()
    s = _sets()
    if len(raw) == 1 and not raw.isalnum() or raw == "--":
        return low, "punct", _NONE, "", ""
    neg = False
    if "'" in low or "’" in low:
        parts = _APOS.split(low, 1)
        base, suffix = parts[0], parts[-1]
        if suffix == "t" and base.endswith("n"):  # won't, didn't, isn't, can't
            low, neg = base[:-1], True
        elif suffix in ("ll", "d", "re", "m", "ve"):
            low = suffix
        elif suffix == "s":
            if base not in _PRONOUN_S:
                return low, "other", _NONE, "", ""  # a possessive: "Trump's second term"
            low = "is"
    modal = tables()["modals"].get(low)
    if modal is not None and not (raw[:1].isupper() and not first and low in ("may", "will")):
        return low, "modal", frozenset({"MD"}), low, modal
    if low in _BE:
        return low, "be", _tags(_BE[low]), "be", ""
    if low in _HAVE:
        return low, "have", _tags(_HAVE[low]), "have", ""
    if low in _DO:
        return low, "do", _tags(_DO[low]), "do", ""
    if neg:
        return low, "adv", _NONE, "", ""
    if low == "to":
        return low, "to", _NONE, "", ""
    for key, kind in (("relative_pronouns", "rel"), ("clause_openers", "open"), ("determiners", "det"),
                      ("prepositions", "prep")):
        if low in s[key]:
            return low, kind, _NONE, "", ""
    if low in s["group_adverbs"] or (low.endswith("ly") and len(low) > 4 and "ADV" in parts_of_speech(low)):
        return low, "adv", _NONE, low, ""
    if raw[:1].isupper() and not first or not raw.isalpha():
        return low, "other", _NONE, low, ""  # a name ("Rose", "Bush") or a number
    tags = verb_forms(low, full=True)
    if tags and "VERB" in parts_of_speech(low) and low not in _units():
        return low, "verb", tags, _lemma(low, "VERB"), ""
    return low, "other", _NONE, low, ""


def _finite_start(ts: list[_Tok], i: int) -> bool:
    """Whether the verb form at ts[i] opens a finite verb group. A past form does unless a
    determiner or a preposition comes before it ("a closed plant", "for talks"); a present or base
    form that is also a noun, an adjective or an adverb ("forces", "commands", "front") only with
    evidence of a verb: a pronoun or an adverb before it ("it plans", "still holds"), or "to" and
    a verb after it ("the administration plans to deploy")."""
    t = ts[i]
    prev = ts[i - 1] if i > 0 else None
    if prev is not None and prev.kind in ("det", "prep"):
        return False  # "a closed plant", "for talks"
    if prev is not None and (prev.low[:1].isdigit() or prev.low in _count_words()):
        # a count's noun ("3,609,800 shares"); a past form after a number is a verb ("found in 2004
        # proved") unless a determiner opens the phrase ("a 3-for-2 split")
        return bool(t.tags & {"VBD", "VBN"}) and (i < 2 or ts[i - 2].kind != "det")
    if t.tags & {"VBD", "VBN"} or not parts_of_speech(t.low) & _OTHER_POS:
        return True
    if prev is not None and (prev.low in _SUBJECTS and t.low not in _sets()["particles"] or
                             prev.low in _sets()["verb_adverbs"] or (prev.kind == "adv" and prev.low.endswith("ly"))):
        # (a particle after a pronoun goes with the verb before: "knocked it down")
        # ... unless a determiner makes the adverb an adjective ("a quarterly profit", "the daily
        # report"), or the adverb goes with the verb before it ("closed sharply lower")
        return prev.low in _SUBJECTS or i < 2 or ts[i - 2].kind not in ("det", "prep", "verb")
    nxt = ts[i + 1] if i + 1 < len(ts) else None
    if nxt is not None and nxt.kind == "to":
        return i + 2 < len(ts) and "VB" in ts[i + 2].tags
    # after a noun ("experts say", "the Americans say their ...") when the clause has no verb yet
    # and what follows opens an object or a clause, not a prepositional phrase ("forces in Africa")
    # (a verb form that ends a phrase opened by a determiner is a noun: "the polls close", "the
    # trade fair runs")
    noun = prev is not None and (prev.kind == "other" or prev.kind == "verb" and _after_determiner(ts, i - 1))
    if not noun or (nxt is not None and not (
            nxt.kind in ("det", "open", "rel", "adv") or nxt.low in _SUBJECTS or nxt.low in ".,;:\"'”"
            or nxt.low in _day_words() or _dated_phrase(ts, i + 1) and "VBP" in t.tags)):
        # "the teams meet Monday"; a plural's base form before a date: "the polls close on
        # Tuesday", "the talks resume at 10 a.m." (not "Government forces on Monday")
        return False
    if (nxt is None or nxt.low in ".;:") and i > 1 and ts[i - 2].kind == "prep":
        return False  # "... for health reasons.": a compound noun ending a prepositional phrase
    # and agrees with it: "experts say", "his departure signals"; not "his night address"
    plural = prev.low.endswith("s") and not prev.low.endswith("ss") and _lemma(prev.low, "NOUN") != prev.low
    if ("VBZ" in t.tags) == plural and ("VBZ" in t.tags or not _coordinated(ts, i - 1)):
        return False
    for t in reversed(ts[:i - 1]):  # (not the subject's noun itself)
        if t.kind in ("open", "rel") or (t.kind == "punct" and (t.low in _BREAK or t.low == ",")):
            return True
        if t.kind in ("modal", "be", "have", "do") or (t.kind == "verb" and t.tags & {"VBD", "VBZ"}):
            return False
    return True


def _after_determiner(ts: list[_Tok], j: int) -> bool:
    """Whether ts[j] ends a run of nouns (or base verb forms) that a determiner opens."""
    k = j
    while k >= 0 and ts[k].kind in ("other", "verb") and ts[k].low.isalpha() and not ts[k].tags & {"VBD", "VBN"}:
        k -= 1
    return k >= 0 and ts[k].kind == "det"


def _dated_phrase(ts: list[_Tok], i: int) -> bool:
    """Whether ts[i] is a preposition opening a day or a clock time ("on Tuesday", "at 10 a.m.")."""
    return i + 1 < len(ts) and (ts[i].kind == "prep" or ts[i].low in ("on", "at")) and (
        ts[i + 1].low in _day_words() or ts[i + 1].low[:1].isdigit())


def _coordinated(ts: list[_Tok], i: int) -> bool:
    """Whether the noun at ts[i] ends a subject joined by "and" ("He and Yasser Arafat meet"): a
    plural, whatever its own number."""
    j = i - 1
    while j >= 0 and ts[j].kind in ("other", "det") and ts[j].low.isalpha():
        j -= 1
    return j >= 0 and ts[j].low == "and"


def _parse(ts: list[_Tok], i: int) -> tuple[VerbChain | None, int]:
    # (an infinitive's "have"/"do" is VB, not the present VBP: "to have", "to do")
    """The verb group opening at ts[i] and the index after it."""
    s = _sets()
    chain: list[_Tok] = []
    need: frozenset[str] | None = None
    prospective = False
    j, n = i, len(ts)
    while j < n:
        t = ts[j]
        if chain and t.kind == "adv":
            j += 1
            continue
        if t.kind == "modal" and not chain:
            chain.append(t)
            need = frozenset({"VB"})
            j += 1
            continue
        if t.kind in ("be", "have", "do") and (need is None or need & t.tags):
            chain.append(t)
            j += 1
            need = frozenset({"VBG", "VBN"} if t.kind == "be" else {"VBN"} if t.kind == "have" else {"VB"})
            continue
        if t.kind == "to" and chain and chain[-1].kind in ("be", "have") and j + 1 < n and "VB" in ts[j + 1].tags:
            prospective = True  # "is to meet", "has to leave": the complement lies ahead
            need = frozenset({"VB"})
            j += 1
            continue
        if chain and chain[-1].kind == "be" and t.low in s["prospective"] and j + 1 < n and ts[j + 1].low in ("to", "for"):
            prospective = True  # "is due to open", "is likely to", "is about to"
            need = frozenset({"VB"}) if ts[j + 1].low == "to" else None
            j += 2
            if need is None:
                break
            continue
        if t.kind == "verb" and (need is None or need & t.tags):
            chain.append(t)
            j += 1
            nxt = ts[j] if j < n else None
            if nxt is not None and t.lemma in s["prospective"] and (
                    nxt.low == "for" or (nxt.low == "to" and j + 1 < n and "VB" in ts[j + 1].tags)):
                prospective = True  # "plans to meet", "expected to rule", "set for Monday"
                j += 1
                if nxt.low == "to":
                    need = frozenset({"VB"})
                    continue
            break
        break
    if not chain:
        return None, i + 1
    if i > 0 and ts[i - 1].kind == "to" and chain[0].kind != "modal":
        return _group(chain, prospective, infinitive=True), j
    return _group(chain, prospective), j


def _group(chain: list[_Tok], prospective: bool, infinitive: bool = False) -> VerbChain:
    first, last = chain[0], chain[-1]
    modal = first.low if first.kind == "modal" else None
    perfect = any(a.kind == "have" and b.tags & {"VBN"} and b.kind in ("verb", "be") for a, b in itertools.pairwise(chain))
    progressive = any(a.kind == "be" and "VBG" in b.tags for a, b in itertools.pairwise(chain))
    passive = any(a.kind == "be" and "VBN" in b.tags and b.kind == "verb" for a, b in itertools.pairwise(chain))
    if last.lemma in _sets()["scheduling"] or (passive and last.lemma in _sets()["prospective"]):
        prospective = True  # "a hearing has been scheduled", "talks are planned", "scheduled a hearing"
    if progressive and last.lemma == "go" and prospective:
        progressive = False  # "is going to": a future, not a progressive
    if modal is not None:
        tense = first.value
        if perfect and tense == "conditional":
            tense = "past"  # "would have won": a past that did not happen
    elif first.kind in ("be", "have", "do"):
        tense = "past" if first.low in _PAST_AUX else "present" if first.tags & {"VBZ", "VBP"} else "none"
        if prospective and first.kind == "be" and tense == "present" and last.lemma in ("go", "be"):
            tense = "future"  # "is going to", "is to be funded": a future
    else:
        tags = first.tags
        if "VBD" in tags:
            tense = "past"
        elif tags & {"VBZ", "VBP"}:
            tense = "present"
        else:
            tense = "none"  # a participle or an infinitive standing alone
    if infinitive:
        tense = "none"  # "to meet", "to have left": no tense of its own
    aspect = "perfect_progressive" if perfect and progressive else "perfect" if perfect else \
        "progressive" if progressive else "simple"
    main = last.lemma if last.kind == "verb" else last.lemma or last.low
    bare = first.kind == "verb" and bool(first.tags & {"VBN"})
    return VerbChain(first.start, last.end, tense, aspect, prospective, passive, main, modal, bare)


class Reference:
    """One text's sentences and verb groups, analysed where asked and kept."""

    __slots__ = ("_ends", "_groups", "_last", "_markers", "_paragraphs", "_segments", "_sentences", "_starts", "_toks", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._paragraphs: list[int] | None = None
        self._sentences: dict[int, tuple[int, Sentences]] = {}
        self._toks: dict[int, list[_Tok]] = {}
        self._ends: dict[int, list[int]] = {}
        self._starts: dict[int, list[int]] = {}
        self._groups: dict[int, list[VerbChain]] = {}
        self._segments: dict[int, list[int]] = {}
        self._markers: dict[int, str | None] = {}
        self._last = (0, -1, -1, -1)  # (from, to, start, end): offsets from..to lie in the sentence start..end

    # --- per sentence -----------------------------------------------------------------------

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset`` (its paragraph's text before the first one).
        Sentences are split (timeline.nlp.Sentences) only in the paragraphs asked about: no
        sentence runs over a blank line, and most paragraphs hold no date to anchor."""
        lo, hi, x, y = self._last
        if lo <= offset < hi:
            return x, y  # most questions are about the sentence asked about last
        if self._paragraphs is None:
            self._paragraphs = [0] + [m.end() for m in _PARAGRAPH.finditer(self.text)]
        k = bisect.bisect_right(self._paragraphs, offset) - 1
        got = self._sentences.get(k)
        if got is None:
            a = self._paragraphs[k]
            b = self._paragraphs[k + 1] if k + 1 < len(self._paragraphs) else len(self.text)
            got = self._sentences[k] = (a, Sentences(self.text[a:b]))
        a, sents = got
        i = sents.index(offset - a)
        if i < 0:
            x, y = 0, len(sents.text)
            lo, hi = 0, sents.starts[0] if sents.starts else len(sents.text)
        else:
            x, y = sents.spans[i]
            lo, hi = sents.starts[i], sents.starts[i + 1] if i + 1 < len(sents) else len(sents.text)
        self._last = (lo + a, hi + a, x + a, y + a)
        return x + a, y + a

    def previous_sentence(self, offset: int) -> tuple[int, int] | None:
        """The sentence before the one holding ``offset``, if any."""
        a, _ = self.sentence_bounds(offset)
        k = a - 1
        while k >= 0 and self.text[k].isspace():
            k -= 1
        return self.sentence_bounds(k) if k >= 0 else None

    def _sentence(self, offset: int) -> tuple[int, int, int]:
        a, b = self.sentence_bounds(offset)
        return a, a, b

    def toks(self, i: int, a: int, b: int) -> list[_Tok]:
        got = self._toks.get(i)
        if got is None:
            got = []
            text, new, first, cached = self.text, tuple.__new__, True, _CLASSES
            for x, y in tokens(text, a, b):
                raw = text[x:y]
                c = None if first else cached.get(raw)  # a word inside a sentence: one dict lookup
                if c is None:
                    c = _word_class(raw, first)
                    if not first:
                        if len(cached) >= 65536:  # bounded like the lru_cache behind it
                            cached.clear()
                        cached[raw] = c
                got.append(new(_Tok, (x, y) + c))
                first = c[1] == "punct" and c[0] in _OPENING  # a word after an opening quote opens too
            self._toks[i] = got
            self._ends[i] = [t.end for t in got]
            self._starts[i] = [t.start for t in got]
        return got

    def _index(self, offset: int, end: bool = True) -> tuple[list[_Tok], int]:
        """The tokens of the sentence holding ``offset`` and the index of the first token ending
        after it (``end``) or starting at or after it."""
        i, a, b = self._sentence(offset)
        ts = self.toks(i, a, b)
        keys = self._ends[i] if end else self._starts[i]
        return ts, (bisect.bisect_right(keys, offset) if end else bisect.bisect_left(keys, offset))

    def groups(self, offset: int) -> list[VerbChain]:
        """The verb groups of the sentence holding ``offset``, in order."""
        i, a, b = self._sentence(offset)
        got = self._groups.get(i)
        if got is None:
            ts = self.toks(i, a, b)
            got, k = [], 0
            while k < len(ts):
                t = ts[k]
                if t.kind in ("modal", "be", "have", "do") or (t.kind == "verb" and _finite_start(ts, k)):
                    g, k = _parse(ts, k)
                    if g is not None:
                        got.append(g)
                else:
                    k += 1
            got = self._reduce(got, i)
            self._groups[i] = got
        return got

    def _reduce(self, groups: list[VerbChain], i: int) -> list[VerbChain]:
        """A clause has one finite verb: a bare participle followed in its clause by a finite
        group is a reduced relative ("documents found in 2004 proved ..."), not the clause's verb."""
        if not groups:
            return groups
        segs = self.segments(groups[0].start)
        out = list(groups)
        for n, g in enumerate(groups):
            if not (g.bare and g.tense != "none"):
                continue
            h = groups[n + 1] if n + 1 < len(groups) else None
            f = groups[n - 1] if n > 0 else None
            if (h is not None and h.tense != "none" and not any(g.end <= p <= h.start for p in segs)
                    and self._followed_by_preposition(g)) or self._followed_by_preposition(g, ("by",)):
                out[n] = dataclasses.replace(g, tense="none", reduced=True)
            elif g.prospective and (self.text[:g.start].rstrip().endswith(",") or (
                    f is not None and f.tense != "none" and not any(f.end <= p <= g.start for p in segs))):
                # "talks, set to resume Monday"; "will attend a summit set for April"
                out[n] = dataclasses.replace(g, tense="none", reduced=True)
        return out

    def _followed_by_preposition(self, g: VerbChain, words: tuple[str, ...] | None = None) -> bool:
        """"found in 2004", "attributed to officials", "cited by police": a passive participle."""
        ts, m = self._index(g.end, end=False)
        nxt = ts[m] if m < len(ts) else None
        if nxt is None:
            return False
        return nxt.low in words if words else nxt.kind in ("prep", "to")

    def segments(self, offset: int) -> list[int]:
        """Offsets where the clauses of the sentence holding ``offset`` begin."""
        i, a, b = self._sentence(offset)
        got = self._segments.get(i)
        if got is None:
            got = [a]
            for t in self.toks(i, a, b):
                if t.kind in ("open", "rel") or (t.kind == "punct" and (t.low in _BREAK or t.low == ",")):
                    got.append(t.start)
            self._segments[i] = got
        return got

    # --- questions --------------------------------------------------------------------------

    def governing(self, start: int, end: int) -> VerbChain | None:
        """The finite verb group governing text[start:end] (see the module's docstring)."""
        groups = [g for g in self.groups(start) if g.finite and not (g.start < end and start < g.end)]
        if not groups:
            return None
        segs = self.segments(start)
        lo = max((s for s in segs if s <= start), default=segs[0])
        hi = min((s for s in segs if s >= end), default=len(self.text))
        before = [g for g in groups if g.end <= start]
        after = [g for g in groups if g.start >= end]
        for g in reversed(before):
            if g.start >= lo:
                return g
            break
        for g in after:
            if g.start < hi:
                return g
            break
        return before[-1] if before else after[0] if after else None

    def tense(self, start: int, end: int, present: bool = False) -> str | None:
        g = self.governing(start, end)
        if g is None:
            return None
        t = _direction_of(g)
        if t == "present" and not present:
            return None
        return t

    def direction(self, start: int, end: int) -> str | None:
        """Which way a date in text[start:end] lies from the reference time: 'past', 'future',
        'present' (the scheduled present: "the hearing is on Monday", "opens Monday"), 'nearest'
        (a target: "extended to Nov. 20") or None.
        A word right before the date decides first (``marker``)."""
        marked = self.marker(start)
        if marked is not None:
            return marked
        if self.premodifier(start, end):
            return None  # "the Jan. 14 deadline", "Wednesday's ruling": the noun's time, not the verb's
        g = self.governing(start, end)
        if g is None:
            return None
        if g.start >= end:
            # the group comes after the date: the date is the time of the group's own event ("On
            # Friday, the government planned to pay ..." is when it planned), not of its complement
            g = dataclasses.replace(g, prospective=False)
        elif self.infinitive_between(g, start) and g.tense == "past":
            return "nearest"  # "subpoenaed him to testify on Feb. 10": after the past verb, but before or after now?
        return _direction_of(g)

    def marker(self, start: int) -> str | None:
        """The direction the words right before a date give it whatever the verb says: 'future'
        ("until Saturday", "as early as Tuesday"), 'past' ("since March", "last Friday"),
        'nearest' ("extended to Nov. 20"), or None."""
        got = self._markers.get(start, "")
        if got != "":
            return got
        got = self._markers[start] = self._marker(start)
        return got

    def _marker(self, start: int) -> str | None:
        before = self.words_before(start, 3)
        s = _sets()
        if len(before) == 3 and " ".join(reversed(before)) in s["forward_before"]:
            return "future"
        for n, w in enumerate(before[:2]):
            if w in s["forward_before"]:
                return "future"
            if w in s["backward_before"]:
                return "past"
            if n == 0 and w in s["nearest_before"]:
                return "nearest"
        return None

    def premodifier(self, start: int, end: int) -> bool:
        """Whether text[start:end] modifies the noun after it: a possessive ("Wednesday's ruling")
        or a date between a determiner and its noun ("the Jan. 14 deadline"); a hyphenated
        adjective ("third-quarter net") too."""
        if self.text.startswith(("'s", "’s"), end):
            return True
        ts, k = self._index(start)
        if self._noun_modifier(ts, k, end):
            return True
        if "-" in self.text[start:end]:
            _, m = self._index(end, end=False)
            nxt = ts[m] if m < len(ts) else None  # "third-quarter profit", "third-quarter net"
            return nxt is not None and nxt.low.isalpha() and (
                nxt.kind == "other" or (nxt.kind == "verb" and not nxt.tags & {"VBD", "VBN"}))
        return False

    def infinitive_between(self, g: VerbChain, start: int) -> bool:
        """Whether a "to" infinitive stands between the governing group and a date after it."""
        if g.end > start:
            return False
        return any(h.start >= g.end and h.end <= start and h.tense == "none" and not h.reduced and
                   self.text[max(0, h.start - 3):h.start].lower().strip() == "to" for h in self.groups(start))

    def words_before(self, start: int, n: int) -> list[str]:
        """Up to n lower-case words right before ``start`` in its sentence, nearest first."""
        ts, k = self._index(start)
        out: list[str] = []
        while k > 0 and len(out) < n and ts[k - 1].kind != "punct":
            k -= 1
            out.append(ts[k].low)
        return out

    def background(self, start: int, end: int) -> str | None:
        """Why a date is no time of the story told in its clause, or None when it is one: "noun" for
        part of a noun phrase ("the 1968 Olympics", "its 2016 election"), "comparison" ("worst since
        1927"), "clause" for a relative or participle clause ("Obama, who was elected in 2008, ...",
        "documents found in 2004", "attacks dating to 1994"), "aside" in brackets."""
        _i, a, _b = self._sentence(start)
        ts, k = self._index(start)
        prev = ts[k - 1] if k > 0 else None
        s = _sets()
        if prev is not None and prev.low in s["comparison_before"]:
            return "comparison"
        if self._noun_modifier(ts, k, end, possessive=True):
            return "noun"  # "the 1968 Olympics": the year modifies the noun after it
        if prev is not None and prev.low == "(":
            return "aside"
        segs = self.segments(start)
        before = [g for g in self.groups(start) if g.end <= start]
        if before and before[-1].reduced and not any(before[-1].end <= p <= start for p in segs) and \
                self._after_noun(before[-1].start):
            return "clause"  # "documents found in 2004 proved ...": a participle modifying a noun
        j = k - 1  # "shootings ... dating (back) to 1994": an -ing participle right after a noun
        while j > 0 and (ts[j].kind in ("prep", "to", "adv") or ts[j].low in s["particles"]):
            j -= 1
        if j < k - 1 and ts[j].kind == "verb" and "VBG" in ts[j].tags and self._after_noun(ts[j].start):
            return "clause"
        # the clause holding the date: a relative clause, or a participle clause set off by a comma
        lo = max((p for p in segs if p <= start), default=a)
        _, h = self._index(lo, end=False)
        while h < len(ts) and ts[h].kind == "punct":
            h += 1
        head = ts[h] if h < len(ts) else None
        if head is not None and head.kind == "rel":
            return "clause"
        if head is not None and head.kind == "verb" and head.tags & {"VBN"} and lo > a and \
                any(t.low == "," and t.start == lo for t in ts) and self._after_noun(head.start):
            return "clause"  # "Trump, elected in 2016, ..." (not a fronted "Encouraged by ... in 1915, Italy ...")
        return None

    def _after_noun(self, at: int) -> bool:
        """Whether the word at offset ``at`` follows a noun or a name, perhaps after a comma."""
        ts, k = self._index(at, end=False)
        prev = ts[k - 1] if k > 0 else None
        if prev is not None and prev.low == "," and k > 1:
            prev = ts[k - 2]
        if prev is None or not prev.low.isalpha():
            return False
        return prev.kind == "other" or (prev.kind == "verb" and not prev.tags & {"VBD", "VBN"}
                                        and "NOUN" in parts_of_speech(prev.low))  # "the judge, appointed in 2009"

    def _noun_modifier(self, ts: list[_Tok], k: int, end: int, possessive: bool = False) -> bool:
        """Whether the date starting at ts[k] stands between a determiner (or a possessive) and a
        noun it modifies: "the 1968 Olympics", "the Jan. 14 deadline", "its third-quarter net"."""
        m = bisect.bisect_left(ts, end, key=lambda t: t.start)
        prev = ts[k - 1] if k > 0 else None
        nxt = ts[m] if m < len(ts) else None
        if nxt is not None and nxt.low == "," and m + 1 < len(ts) and self.text[end - 4:end].isdigit():
            nxt = ts[m + 1]  # "the Dec. 21, 1988, bombing": a full date's year is set off by commas
        if prev is None or nxt is None or not nxt.low.replace("-", "").isalpha():
            return False
        if not (prev.kind == "det" or (possessive and prev.low.endswith(("'s", "’s")))):
            return False
        return nxt.kind == "other" or (nxt.kind == "verb" and not nxt.tags & {"VBD", "VBN"})


def _direction_of(g: VerbChain) -> str | None:
    if g.tense in ("future", "conditional"):
        return "future"
    if g.prospective:
        # "plans to", "is due to"; a participle standing alone is a reduced passive ("talks, set to
        # resume Monday", "a summit scheduled for April"): ahead too; "was scheduled to" says nothing
        if g.tense == "present" or g.reduced:
            return "future"
        # "planned a rally on Saturday", "were planning to drive on Monday": the plan is reported in
        # the past, its time still lies ahead; "had planned to" looks back
        return "future" if g.tense == "past" and g.aspect in ("simple", "progressive") else None
    if g.tense == "past" or g.aspect in ("perfect", "perfect_progressive"):
        return "past"
    if g.tense == "present":
        return "present"
    return None


@lru_cache(maxsize=8)
def reference(text: str) -> Reference:
    """The Reference of a text, kept for the last few texts asked about (callers ask about one
    article many times in a row)."""
    return Reference(text)


def tense(text: str, start: int, end: int, present: bool = False) -> str | None:
    """'past', 'future' or None for the clause governing text[start:end] ('present' too when
    asked). Future: will/shall, the conditional modals, "is to", "plans to", "is due to"; past: a
    past tense or a perfect ("has said"); present: the simple and progressive present."""
    return reference(text).tense(start, end, present)


def governing(text: str, start: int, end: int) -> VerbChain | None:
    """The finite verb group governing text[start:end], with its tense and aspect."""
    return reference(text).governing(start, end)


def direction(text: str, start: int, end: int) -> str | None:
    return reference(text).direction(start, end)


def background(text: str, start: int, end: int) -> str | None:
    return reference(text).background(start, end)


@dataclass(slots=True)
class Told:
    """A date the text gave in full: where, its year, and its month and day when given."""

    at: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None
    background: str | None = ""  # Reference.background, looked up when first needed ("": not yet)


class Narration:
    """The date the story is narrating at each point, walked in text order.

    ``tell`` offers each explicit date; ``now`` records an expression anchored on the publication
    date ("on Tuesday", "last week", "yesterday"): the story is back at the publication date, and
    dates told before no longer carry. ``at(offset)`` is the date being narrated there: the latest
    date told since, that is no background (``Reference.background``: "the 1968 Olympics", "worst
    since 1927", a relative clause). Background is looked up only for the dates asked about."""

    __slots__ = ("_now", "_told", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._told: list[Told] = []
        self._now = -1  # offset of the last expression anchored on the publication date

    @property
    def ref(self) -> Reference:
        return reference(self.text)

    def tell(self, start: int, end: int, year: int, month: int | None = None, day: int | None = None,
             latest: int | None = None) -> bool:
        """Offer an explicit date; ``latest`` is the publication year: a later year is a plan or a
        maturity ("notes due 2011") and is not narrated."""
        if latest is not None and year > latest:
            return False
        self._told.append(Told(start, end, year, month, day))
        return True

    def now(self, start: int) -> None:
        self._now = start

    def at(self, offset: int) -> Told | None:
        for t in reversed(self._told):
            if t.at >= offset:
                continue
            if t.at <= self._now:
                return None
            if t.background == "":
                t.background = self.ref.background(t.at, t.end)
            if t.background is None:
                return t
        return None


# --- the verb group of an event trigger (the events stage) -----------------------------------------
# The same reading of a verb group as the tagger's (``_word_class`` for the words, ``_group`` for tense
# and aspect): the auxiliaries before a trigger ("had been cut", "will meet", "is to vote", "to
# exercise", "could fly") and the trigger's own form. The events stage dates a trigger by it;
# ``since`` tells a period's start from a happening's time, with the tagger's own test.

_AUX_KINDS = frozenset({"modal", "be", "have", "do"})
_NEGATION = frozenset({"not", "never", "cannot"})
_NOMINAL_POS = frozenset({"NOUN", "ADJ"})


@dataclass(frozen=True, slots=True)
class VerbGroup:
    """The grammatical time of a trigger.

    tense: past, present, future or none (infinitives, participles, nouns and adjectives have none);
    aspect: perfect, progressive, perfect progressive or none; mood: indicative, modal (would, could,
    may...), infinitive ("to cut"), participle ("citing", "announced on Monday" as a reduced relative)
    or nominal (a noun or adjective); start: where the group begins (its first auxiliary)."""

    tense: str
    aspect: str
    mood: str
    negated: bool
    start: int

    @property
    def finite(self) -> bool:
        return self.mood in ("indicative", "modal")


def _classed(text: str, a: int, b: int) -> _Tok:
    return tuple.__new__(_Tok, (a, b, *_word_class(text[a:b], False)))


def _negative(text: str, t: _Tok) -> bool:
    raw = text[t.start:t.end].lower()
    return t.low in _NEGATION or raw.endswith(("n't", "n’t"))


def _in_noun_phrase(text: str, before: list[_Tok]) -> bool:
    """Whether the word after ``before`` ends a noun phrase: a determiner or preposition comes first,
    with at most three modifiers between ("the attack", "the terrorist bomb attacks", "of rising costs")."""
    for t in reversed(before[-4:]):
        if t.kind in ("det", "prep") or t.low.endswith(("'s", "’s")) or t.low == "s":
            return True
        if t.kind in _AUX_KINDS or t.kind in ("to", "punct") or t.tags & {"VBD", "VBZ"} or \
                not parts_of_speech(text[t.start:t.end]) & _NOMINAL_POS or not t.low.isalpha():
            return False  # a verb, an auxiliary, punctuation or a number: no noun phrase runs through it
    return False


_ASPECT = {"simple": "none", "perfect": "perfect", "progressive": "progressive",
           "perfect_progressive": "perfect progressive"}


def verb_group(text: str, start: int, end: int, sentence_start: int = 0,
               before: list[tuple[int, int]] | None = None) -> VerbGroup:
    """The verb group whose head is text[start:end] (an event trigger), read from the auxiliaries before it
    (``before``: the tokens of its sentence before it, when the caller has them)."""
    spans = tokens(text, max(sentence_start, start - 80), start) if before is None else before[-8:]
    toks = [_classed(text, a, b) for a, b in spans]
    head = tuple.__new__(_Tok, (start, end, *_word_class(text[start:end], True)))  # a capital says nothing here
    chain: list[_Tok] = []
    negated, first, mode, k = False, start, None, len(toks)
    while k > 0:
        t = toks[k - 1]
        if t.kind == "to":
            p = toks[k - 2].low if k > 1 else ""
            if not chain and p in ("going", "about", "used"):
                mode, first = ("past" if p == "used" else "future"), toks[k - 2].start  # "is going to sell"
            else:
                mode, first = "infinitive", t.start  # "plans to cut": the infinitive ends the group
            break
        if t.kind in _AUX_KINDS:
            negated = negated or _negative(text, t)  # "didn't"
            chain.insert(0, t)
            first, k = t.start, k - 1
            continue
        if t.kind == "adv":
            if _negative(text, t):
                negated, first = True, t.start
            k -= 1
            continue
        break
    verb = bool(head.tags) and head.kind != "modal"
    if not chain and mode is None:
        if not verb or (parts_of_speech(text[start:end]) & _NOMINAL_POS or "VBG" in head.tags) and \
                _in_noun_phrase(text, toks):
            return VerbGroup("none", "none", "nominal", negated, start)
        if "VBD" in head.tags:
            return VerbGroup("past", "none", "indicative", negated, start)
        if head.tags & {"VBZ", "VBP"}:
            return VerbGroup("present", "none", "indicative", negated, start)
        if "VBG" in head.tags:
            return VerbGroup("none", "progressive", "participle", negated, start)
        return VerbGroup("none", "none", "participle", negated, start)  # "beaten", "taken": a reduced relative
    g = _group([*chain, head] if verb else chain or [head], False)
    aspect = _ASPECT.get(g.aspect, "none") if chain else "progressive" if "VBG" in head.tags else "none"
    if mode is not None:
        mood = "infinitive" if mode == "infinitive" else "indicative" if verb else "nominal"
        return VerbGroup("none" if mode == "infinitive" else mode, aspect, mood, negated, first)
    if chain[0].kind == "modal" and chain[0].value != "future":
        return VerbGroup("none", aspect, "modal", negated, first)  # would, could, may, must ...
    tense = g.tense if g.tense in ("past", "present", "future") else "none"
    mood = "nominal" if not verb else "indicative" if tense != "none" else "infinitive"
    return VerbGroup(tense, aspect, mood, negated, first)


_SINCE = re.compile(r"\bsince\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+)?$", re.IGNORECASE)


def since(text: str, start: int) -> bool:
    """Whether the time at ``start`` is introduced by "since" ("since March", "ever since early
    2020"): the start of a period still open. The tagger reads a date after it as past (anchor.py)."""
    return _SINCE.search(text, max(0, start - 24), start) is not None
