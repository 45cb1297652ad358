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
def verb_forms(word: str, full: bool = False) -> frozenset[str]:
    """The Penn tags ``word`` has as a form of a verb it can be (lemminflect's tables): "said" ->
    {VBD, VBN}, "cut" -> {VB, VBD, VBN, VBP}, "attacks" -> {VBZ}; empty for a word that is no verb.
    ``full``: also as a form of an auxiliary, and a regular past form as the past participle it
    also is ("announced": VBD and VBN; the tables list only VBD for regular verbs). The events
    stage's learned features use the default; the reference-time module, ``full``."""
    key = _key(word).lower()
    tags: set[str] = set()
    found = _lemmas(word)
    for pos in ("VERB", "AUX") if full else ("VERB",):
        for lem in found.get(pos, ()):
            inflections = getAllInflections(lem, upos=pos)
            for tag, forms in inflections.items():
                if key in forms and (not full or tag in _VERB_TAGS):
                    tags.add(tag)
                    if full and tag == "VBD" and "VBN" not in inflections:
                        tags.add("VBN")
    return frozenset(tags)
