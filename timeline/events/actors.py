"""Actors: the people, organisations and places an article names, read once per article.

A name is a run of capitalised words (with "of", "de", "al" ... inside, ``data/actors.json`` joiners).
A capitalised word at the start of a sentence is a name only when the article also writes it with a
capital elsewhere, or the lemmatiser does not know it as a common word ("Stocks tumbled" is no actor,
"Boeing said" is). Words inside a temporal expression ("Monday", "June") and closed-class words ("The",
"He") are never names. A leading title ("Prime Minister", "Judge", "Mr.") is dropped from the name and
makes it a person; a last word such as "Inc." or "Party" or an acronym ("NATO") makes it an
organisation. A nationality alone ("Palestinian") is no actor. "U.S." and "US" are one actor.

``Actors.within(start, end)`` lists the names of a clause; ``Actors.antecedent(offset, kind)`` is the
nearest name before an offset that fits a pronoun ("he": a person; "it", "the company": an organisation).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from timeline.nlp import Sentences, parts_of_speech, tokens

from . import lexicon


@dataclass(frozen=True, slots=True)
class Actor:
    start: int
    end: int
    name: str
    kind: str  # person | org | other | group (a plural subject: "Researchers")
    sentence: int = 0
    listed: bool = True  # False: stands for a pronoun or a plural common noun, no name of its own


def _by_first_word(titles: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles indexed by their first word, the longest first: a run is checked against the few that can match."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        out.setdefault(title[0], []).append(title)
    return {w: tuple(sorted(ts, key=len, reverse=True)) for w, ts in out.items()}


@cache
def _tables() -> dict:
    data = lexicon.load("actors")
    return {
        "stop": frozenset(data["stop"]),
        "titles": _by_first_word(tuple(t.split()) for t in data["titles"]),
        "title_words": frozenset(w for t in data["titles"] for w in t.split()),
        "joiners": frozenset(data["joiners"]),
        "demonyms": frozenset(data["demonyms"]),
        "org": frozenset(data["organisation_words"]),
    }


_DOTS = re.compile(r"\b((?:[A-Z]\.){2,})(?=\s|$)")
_POSSESSIVE = ("’s", "'s", "’", "'")
_QUOTE_OPEN = frozenset({'"', "“", "‘", "'", "(", "[", "``", "`"})


def _canonical(name: str) -> str:
    """One spelling per abbreviation: "U.S." and "US" are the same actor ("U.S. Air Force" -> "US Air Force")."""
    return _DOTS.sub(lambda m: m.group(1).replace(".", ""), name)


def verb_forms_of(word: str) -> frozenset[str]:
    from timeline.nlp import verb_forms

    modal = {"will", "would", "can", "could", "may", "might", "must", "should", "shall"}
    return verb_forms(word) | ({"MD"} if word.lower() in modal else frozenset())


def _plural_noun(word: str) -> bool:
    """A plural the lemmatiser knows as a common noun ("Comments", "Officials")."""
    from timeline.nlp import lemma

    return not word.isupper() and "NOUN" in parts_of_speech(word) and lemma(word, "NOUN") != word.lower()


def _bare_subject(word: str, nxt: str) -> bool:
    """ "Arsenal thrashed ...", "Apple said ...": a singular noun with no determiner before a finite verb
    can only be a name (a common singular noun needs "the" or "a"); plurals and -ing forms can be bare."""
    from timeline.nlp import lemma, verb_forms

    low = word.lower()
    forms = verb_forms(nxt)
    verb = "VBD" in forms or ("VBZ" in forms and "NOUN" not in parts_of_speech(nxt))  # "Rescue teams": a noun
    return nxt[:1].islower() and verb and not low.endswith("ing") and lemma(word, "NOUN") == low and not low.endswith("s")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


class Actors:
    """The names of one article, in text order, with their kinds."""

    def __init__(self, text: str, sentences: Sentences, times: Sequence[tuple[int, int]] = (),
                 toks: list[tuple[int, int]] | None = None) -> None:
        t = _tables()
        self._sentences = sentences
        toks = toks if toks is not None else tokens(text)
        self._toks = toks
        words = [text[a:b] for a, b in toks]
        first = set()  # token indexes that open a sentence or a quotation
        sent_starts = set(sentences.starts)
        for i, (a, _b) in enumerate(toks):
            if a in sent_starts or (i > 0 and words[i - 1] in _QUOTE_OPEN) or (i > 0 and words[i - 1] in ":"):
                first.add(i)
        caps = [_capitalised(w) for w in words]  # asked of each word several times below
        mid_caps = {w for i, w in enumerate(words) if caps[i] and i not in first}
        time_starts = sorted(times)
        self.actors: list[Actor] = []

        def in_time(a: int) -> bool:
            k = bisect.bisect_right(time_starts, (a, 10**9)) - 1
            return k >= 0 and time_starts[k][0] <= a < time_starts[k][1]

        def name_word(i: int) -> bool:
            w = words[i]
            if not caps[i] or w in t["stop"] or in_time(toks[i][0]):
                return False
            # "Stocks tumbled", "Flooding forced": a common word opening a sentence is no name
            return not (i in first and w not in mid_caps and parts_of_speech(w) and not w.isupper()
                        and not (w in t["title_words"] and i + 1 < len(words) and caps[i + 1])
                        and not _bare_subject(w, words[i + 1] if i + 1 < len(words) else ""))

        i, n = 0, len(words)
        while i < n:
            if not name_word(i):
                i += 1
                continue
            j = i + 1
            while j < n and not words[j - 1].endswith(_POSSESSIVE):  # "Trump’s policy": the name ends there
                if name_word(j) and not words[j - 1].endswith((",", ";")):
                    j += 1
                elif words[j] in t["joiners"] and j + 1 < n and name_word(j + 1):
                    j += 2
                else:
                    break
            self._add(text, toks, words, i, j)
            i = j
        self._groups(text, toks, words, first)
        # "Trump" after "President Donald Trump" is the same person: a name's last word carries its kind
        kinds: dict[str, str] = {}
        for k, x in enumerate(self.actors):
            last = x.name.split()[-1]
            if x.kind == "other" and kinds.get(last, "other") != "other":
                self.actors[k] = Actor(x.start, x.end, x.name, kinds[last], x.sentence, x.listed)
            elif x.kind != "other":
                kinds.setdefault(last, x.kind)
        self.starts = [x.start for x in self.actors]

    def _add(self, text: str, toks: list[tuple[int, int]], words: list[str], i: int, j: int) -> None:
        t = _tables()
        run = words[i:j]
        for suffix in _POSSESSIVE:
            if run[-1].endswith(suffix) and len(run[-1]) > len(suffix):
                run = [*run[:-1], run[-1][: -len(suffix)]]
                break
        kind = "other"
        k = 1 if len(run) > 2 and run[0] in t["demonyms"] and run[1] in t["title_words"] else 0  # "Israeli Prime Minister"
        for title in t["titles"].get(run[k], ()) if k < len(run) else ():  # "Prime Minister Benjamin Netanyahu": a person
            if tuple(run[k:k + len(title)]) == title and len(run) > k + len(title):
                k, kind = k + len(title), "person"
                break
        run, a = run[k:], toks[i + k][0]
        if not run or (len(run) == 1 and (run[0] in t["demonyms"] or len(run[0]) == 1 or _plural_noun(run[0]))):
            return  # "Palestinian", "Comments": a nationality or a plural common noun alone names nobody
        last = run[-1].rstrip(".")
        if kind == "other" and (last in t["org"] or (run[0].isupper() and len(run) == 1 and len(run[0]) > 1)):
            kind = "org"
        name = _canonical(" ".join(run))
        if name.endswith(".") and not name.endswith(tuple(f"{x}." for x in t["org"])) and name.count(".") == 1:
            name = name[:-1]  # "EU.": the sentence's full stop
        self.actors.append(Actor(a, toks[j - 1][1], name, kind, self._sentences.index(a)))

    def _groups(self, text: str, toks: list[tuple[int, int]], words: list[str], first: set[int]) -> None:
        """Subjects that are no names but that "they" can stand for: a plural noun opening a sentence before
        its verb ("Researchers published ...", "Officials said ...")."""
        for i in sorted(first):
            if i + 1 < len(words) and _capitalised(words[i]) and _plural_noun(words[i]) \
                    and words[i + 1][:1].islower() and verb_forms_of(words[i + 1]) & {"VBD", "VBP", "VBZ", "MD"}:
                self.actors.append(Actor(toks[i][0], toks[i][1], words[i], "group", self._sentences.index(toks[i][0]),
                                         listed=False))
        self.actors.sort(key=lambda x: x.start)

    def resolve_subjects(self, text: str) -> None:
        """Give each sentence-opening pronoun or "the <organisation>" its antecedent, as an unlisted actor, so
        that a pronoun further on finds the same one ("The club ... Its manager")."""
        from .title import subject_kind

        toks = self._toks
        starts = set(self._sentences.starts)
        found = []
        for i, (a, _b) in enumerate(toks):
            if a not in starts:
                continue
            pair = [text[x:y] for x, y in toks[i:i + 2]]
            got = subject_kind(pair)
            if got is None:
                continue
            who = self.antecedent(a, got[0])
            if who is not None:
                end = toks[i + got[1] - 1][1]
                found.append(Actor(a, end, who.name, who.kind, self._sentences.index(a), listed=False))
                k = bisect.bisect_right(self.starts, a)  # after the actors starting there, as a stable sort put it
                self.actors.insert(k, found[-1])
                self.starts.insert(k, a)

    def within(self, start: int, end: int) -> list[str]:
        """The names of text[start:end], in order, without duplicates."""
        lo = bisect.bisect_left(self.starts, start)
        out: list[str] = []
        for x in self.actors[lo:]:
            if x.start >= end:
                break
            if x.end <= end and x.listed and x.name not in out:
                out.append(x.name)
        return out

    def first(self, start: int, end: int) -> Actor | None:
        """The first actor of text[start:end] (a sentence's subject, most often)."""
        k = bisect.bisect_left(self.starts, start)
        return self.actors[k] if k < len(self.actors) and self.actors[k].end <= end else None

    def antecedent(self, offset: int, kind: str) -> Actor | None:
        """The actor a pronoun at ``offset`` stands for: in the nearest earlier sentence that names one of
        the kind (person, org), the first such (subjects come first); another kind if none fits."""
        hi = bisect.bisect_left(self.starts, offset)
        acts = self.actors

        def fits(x: Actor, wanted: tuple[str, ...]) -> bool:
            return x.kind in wanted and (kind != "person" or x.kind == "person" or len(x.name.split()) >= 2)

        for wanted in ((kind,), {"person": ("other",), "org": ("other",)}.get(kind, ("group", "other", "org", "person"))):
            j = next((i for i in range(hi - 1, -1, -1) if fits(acts[i], wanted)), None)
            if j is not None:
                # the first fitting actor of that sentence: its actors are contiguous, walk back through them
                first, i = j, j - 1
                while i >= 0 and acts[i].sentence == acts[j].sentence:
                    if fits(acts[i], wanted):
                        first = i
                    i -= 1
                return acts[first]
        return None
