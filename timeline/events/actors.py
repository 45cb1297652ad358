"""Actors: the people, organisations and countries a clause names.

A capitalised-phrase heuristic: runs of capitalised words (with "of", "al" ... inside), minus a
stoplist of sentence openers and calendar words, minus a leading title when a name follows it
("Prime Minister Benjamin Netanyahu" -> "Benjamin Netanyahu"). Possessives are dropped.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from timeline.nlp import verb_forms

from . import lexicon

_TOKEN = re.compile(r"\w[\w.&'’-]*|\S")


@cache
def _tables() -> tuple[frozenset[str], tuple[list[str], ...], frozenset[str]]:
    data = lexicon.load("actors")
    titles = tuple(sorted((t.split() for t in data["titles"]), key=len, reverse=True))
    return frozenset(data["stop"]), titles, frozenset(data["joiners"])


@cache
def _extra() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = lexicon.load("actors")
    title_words = frozenset(w for t in data["titles"] for w in t.split())
    return frozenset(data["demonyms"]), frozenset(data["abbreviations"]), title_words


def _clean(word: str) -> str:
    return re.sub(r"(?:['’]s|['’]+)$", "", word).rstrip(",;:")


def _strip_title(words: list[str]) -> list[str]:
    """Drop a leading title (and a nationality before it) when at least one name word follows."""
    _, titles, joiners = _tables()
    i = 0
    changed = True
    while changed:
        changed = False
        for t in titles:
            if words[i : i + len(t)] == t and len(words) - (i + len(t)) >= 1:
                i += len(t)
                # "Ambassador to Israel Mike Huckabee": skip the post's complement too, when a full
                # name follows it ("Officer of AirTran Airways" is the post's organisation, not a name)
                j = i
                while j + 1 < len(words) and words[j] in joiners:
                    j += 2
                if len(words) - j >= 2:
                    i = j
                changed = True
                break
        if not changed and i == 0 and len(words) > 2 and any(words[1 : 1 + len(t)] == t for t in titles):
            i = 1  # "Israeli Prime Minister ...": the nationality belongs to the title
            changed = True
    rest = words[i:]
    return rest if rest and rest[0][0].isupper() else words


def actors(clause: str, context: str = "") -> list[str]:
    """The named actors of a clause, in order of first mention, without duplicates.

    ``context`` (the article text) tells common nouns from names: a capitalised word that also
    occurs in lower case there ("Storm hits ..." and "the storm") is not a name.
    """
    stop, _, joiners = _tables()
    tokens = [m.group() for m in _TOKEN.finditer(clause)]
    runs: list[list[str]] = []
    run: list[str] = []
    for i, tok in enumerate(tokens):
        word = _clean(tok)
        cap = bool(word) and word[0].isupper() and any(ch.isalpha() for ch in word)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt == "$":  # "US$ 7 billion": a currency, not a name
            cap = False
        if cap and not (not run and word in stop):
            run.append(word)
            if word != tok.rstrip(",;:") or tok.endswith((",", ";", ":")):  # possessive or punctuation ends it
                runs.append(run)
                run = []
        elif run and tok in joiners and nxt[:1].isupper() and _clean(nxt) not in stop \
                and (tok not in _ROLE_JOINERS or run[-1] in _extra()[2]):
            run.append(tok)  # "Bank of England"; "to"/"for" only after a title ("Ambassador to Israel")
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    out: list[str] = []
    demonyms, abbreviations, title_words = _extra()
    runs = [part for r in runs for part in _split_at_title(r, title_words, joiners)]
    for r in runs:
        r = [_unsuffixed(w) for w in r]
        while r and r[0] in stop:
            r = r[1:]  # "Unlike Chrysler", "First A380": an opener before a name
            while r and r[0] in joiners:
                r = r[1:]
        if len(r) == 1 and context and _common_word(r[0], context):
            continue  # "Executives", "Three", "We've": a common word opening a sentence
        while r and (r[-1] in joiners or r[-1] in stop):
            r = r[:-1]
        if len(r) > 1 and r[0] not in title_words:
            r = _without_trailing_title(r)  # "White House Press Secretary": the office, not a person's name
        if len(r) > 2 and r[0] in title_words and _strip_title(r) == r and not all(w in title_words or w in joiners for w in r):
            r = _role_of(r, title_words, joiners)  # "Prime Minister of Canada" -> "Canada"
        if not r or (len(r) == 1 and len(r[0]) == 1):
            continue
        if len(r) == 1 and context and _occurs(r[0].lower(), context):
            continue
        if len(r) == 1 and (r[0] in demonyms or r[0].rstrip(".") in demonyms or (r[0].endswith("ing") and "VBG" in verb_forms(r[0]) and r[0] == runs[0][0] and clause.startswith(r[0]))):
            continue  # "Palestinian", "Western": an adjective, not an actor
        if all(w in title_words or w in joiners for w in r):
            continue  # "Chief Executive Officer" alone names nobody
        words = _strip_title(r)
        last = words[-1]
        if last.endswith(".") and last not in abbreviations and last.count(".") == 1:
            words = words[:-1] + [last[:-1]]  # "EU.": the sentence's full stop
        name = _canonical(" ".join(words))
        if name and name not in stop and name not in out and not name.isdigit():
            out.append(name)
    return out


_ROLE_JOINERS = frozenset({"to", "for"})
_SENTENCE_START = re.compile(r"(?:^|[\n.!?:;]\s*|``\s*|[\"“‘(]\s*)$")


_WORD = re.compile(r"\w+")
_TOKEN_RUN = re.compile(r"[\w’'-]+")


class _Index:
    """The words of one article, read once: every clause of the article asks about its words, and a
    regex scan of the whole text per word made actors() the slowest part of the events stage."""

    def __init__(self, text: str) -> None:
        self.words = frozenset(_WORD.findall(text))  # runs of word characters: what \b...\b matches
        self.runs: dict[str, list[int]] = {}  # runs that may hold ’ ' - : where each starts
        for m in _TOKEN_RUN.finditer(text):
            self.runs.setdefault(m.group(), []).append(m.start())


@lru_cache(maxsize=4)  # keyed on the article text (str caches its hash); a few articles at a time
def _index(text: str) -> _Index:
    return _Index(text)


def _occurs(word: str, context: str) -> bool:
    """Whether ``word`` stands in ``context`` as a whole word (``\bword\b``)."""
    if _WORD.fullmatch(word):
        return word in _index(context).words
    return re.search(rf"\b{re.escape(word)}\b", context) is not None


def _starts(word: str, context: str) -> list[int]:
    """Where ``word`` stands in ``context`` not glued to a word character, apostrophe or hyphen."""
    if _TOKEN_RUN.fullmatch(word):
        return _index(context).runs.get(word, [])
    return [m.start() for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", context)]


def _only_sentence_initial(word: str, context: str) -> bool:
    """Whether a capitalised word occurs in the article only where any word is capitalised (a sentence or
    quotation start): then it is a common word there ("Instead", "Executives"), not a name."""
    if not word[:1].isupper() or word.isupper() or any(ch.isdigit() for ch in word) or "." in word:
        return False  # "EU", "A380", "St.": abbreviations and model names are names wherever they stand
    starts = _starts(word, context)
    return bool(starts) and all(_SENTENCE_START.search(context[max(0, i - 4) : i]) for i in starts)


def _common_word(word: str, context: str) -> bool:
    """A capitalised word that is no name: it stands only at sentence starts in the article and looks
    like a common word (a number word, an adverb, a contraction, a plural whose singular is used in
    lower case, a word of the event vocabulary)."""
    if not _only_sentence_initial(word, context):
        return False
    low = word.lower()
    if low in _common() or re.fullmatch(r"\w{3,}ly", low) or re.search(r"['’](?:ve|re|ll|d|m|s)$|n['’]t$", low):
        return True
    if low.endswith("s") and _occurs(low[:-1], context):
        return True  # "Executives ... the chief executive"
    return False


@cache
def _common() -> frozenset[str]:
    words = set(lexicon.load("actors")["common_words"])
    words |= set(lexicon.kinds())
    titles = lexicon.load("titles")
    words |= {w.lower() for w in titles["openers"] + titles["dangling"] + titles["function_words"]}
    return frozenset(words)


def _unsuffixed(word: str) -> str:
    """ "EADS-led", "Craiova-based": the name without the adjective-forming suffix."""
    return re.sub(r"-(?:led|based|backed|owned|made|built|run|controlled|born)$", "", word)


def _without_trailing_title(run: list[str]) -> list[str]:
    """The run without whole titles at its end ("Jim Press" keeps "Press": it is no title by itself)."""
    _, titles, _ = _tables()
    changed = True
    while changed:
        changed = False
        for t in titles:
            if len(run) > len(t) and run[-len(t) :] == t:
                run, changed = run[: -len(t)], True
                break
    return run


def _split_at_title(run: list[str], title_words: frozenset[str], joiners: frozenset[str]) -> list[list[str]]:
    """ "Ford Motor Company CEO Alan Mulally": an organisation, then a person's title and name."""
    _, titles, _ = _tables()
    for k in range(1, len(run) - 1):
        if any(run[k : k + len(t)] == t for t in titles) and run[k - 1] not in title_words and run[k - 1] not in joiners:
            j = k
            while j < len(run) and (run[j] in title_words or run[j] in joiners):
                j += 1
            if j < len(run) and run[j][:1].isupper() and run[j - 1] not in joiners:
                return [run[:k], run[j:]]
    return [run]


def _role_of(run: list[str], title_words: frozenset[str], joiners: frozenset[str]) -> list[str]:
    """ "Chief Operating Officer of AirTran Airways" names no person: the organisation it is of remains."""
    i = 0
    while i < len(run) and run[i] in title_words and run[i] not in joiners:  # "of" is in "Secretary of State"
        i += 1
    if i < len(run) and run[i] in joiners:
        return run[i + 1 :]
    return run


def _canonical(name: str) -> str:
    """One spelling per abbreviation: "U.S." and "US" are the same actor ("U.S. Air Force" -> "US Air Force")."""
    return re.sub(r"\b((?:[A-Z]\.){2,})(?=\s|$)", lambda m: m.group(1).replace(".", ""), name)
