"""Actors: the people, organisations and countries a clause names.

A capitalised-phrase heuristic: runs of capitalised words (with "of", "al" ... inside), minus a
stoplist of sentence openers and calendar words, minus a leading title when a name follows it
("Prime Minister Benjamin Netanyahu" -> "Benjamin Netanyahu"). Possessives are dropped.
"""

from __future__ import annotations

import re
from functools import cache

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
                # "Ambassador to Israel Mike Huckabee": skip the post's complement too
                while i + 1 < len(words) and words[i] in joiners:
                    i += 2
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
        elif run and tok in joiners and nxt[:1].isupper() and _clean(nxt) not in stop:
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    out: list[str] = []
    for r in runs:
        while r and (r[-1] in joiners or r[-1] in stop):
            r = r[:-1]
        if not r:
            continue
        if len(r) == 1 and context and re.search(rf"\b{re.escape(r[0].lower())}\b", context):
            continue
        demonyms, abbreviations, title_words = _extra()
        if len(r) == 1 and (r[0] in demonyms or r[0].rstrip(".") in demonyms or (r[0].endswith("ing") and r[0] == runs[0][0] and clause.startswith(r[0]))):
            continue  # "Palestinian", "Western": an adjective, not an actor
        if all(w in title_words or w in joiners for w in r):
            continue  # "Chief Executive Officer" alone names nobody
        words = _strip_title(r)
        last = words[-1]
        if last.endswith(".") and last not in abbreviations and last.count(".") == 1:
            words = words[:-1] + [last[:-1]]  # "EU.": the sentence's full stop
        name = " ".join(words)
        if name and name not in stop and name not in out and not name.isdigit():
            out.append(name)
    return out
