"""Lemmas and possible parts of speech from lemminflect's English tables (shipped in its wheel).

A lemmatiser instead of lists of inflections: "thrashed", "clinching" and "beat" are found as
forms of "thrash", "clinch" and "beat" without anyone writing them down. Lookups are cached per
process; words lemminflect does not know get its rule-based (out-of-vocabulary) lemma for the
part of speech asked, and no part of speech.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas, getAllLemmasOOV

UPOS = ("VERB", "NOUN", "ADJ", "AUX", "PROPN", "ADV")


def _key(word: str) -> str:
    # "Stocks" at a sentence start is "stocks"; an acronym ("NATO", "US") keeps its case
    return word if word.isupper() and len(word) > 1 else word.lower()


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return dict(getAllLemmas(_key(word)))


def parts_of_speech(word: str) -> frozenset[str]:
    """The universal POS tags lemminflect's dictionary gives the word ("beat": ADJ, NOUN, VERB)."""
    return frozenset(_lemmas(word))


@lru_cache(maxsize=65536)
def lemma(word: str, pos: str | None = None) -> str:
    """The dictionary form of ``word``, as ``pos`` when given ("tumbled" -> "tumble")."""
    found = _lemmas(word)
    if pos is not None and pos in found:
        return found[pos][0].lower()
    if pos is None:
        for tag in ("VERB", "NOUN", "ADJ", "AUX", "ADV"):
            if tag in found:
                return found[tag][0].lower()
        return _key(word).lower()
    guess = getAllLemmasOOV(_key(word), upos=pos)
    return guess[pos][0].lower() if guess.get(pos) else _key(word).lower()


_VERB_TAGS = ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG")


@lru_cache(maxsize=65536)
def verb_forms(word: str) -> frozenset[str]:
    """The Penn Treebank verb tags ``word`` can carry as a form of a verb or auxiliary in
    lemminflect's tables ("said": VBD, VBN; "opens": VBZ; "meeting": VBG); empty for a word that is
    no verb form. Regular verbs list only VBD, which is also their past participle."""
    found = _lemmas(word)
    low = _key(word).lower()
    tags: set[str] = set()
    for pos in ("VERB", "AUX"):
        for base in found.get(pos, ()):
            for tag, forms in getAllInflections(base, upos=pos).items():
                if tag in _VERB_TAGS and low in forms:
                    tags.add(tag)
                    if tag == "VBD" and "VBN" not in getAllInflections(base, upos=pos):
                        tags.add("VBN")
    return frozenset(tags)
