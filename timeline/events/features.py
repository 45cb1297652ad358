"""The features of the trigger model: what the model sees of each token, shared by training and tagging.

Most features are a function of one word at one offset from the token (-2 .. +2): its lower
case, shape, lemma, lexicon parts of speech and verb forms (lemminflect's tables: "beat" can be a past
tense, "contained" a past or a participle), and for the token itself its suffixes and each part of
speech and verb form alone. So a linear model's weights fold into one table per word and
offset (``detect.TriggerModel``): tagging is a few table look-ups per token. Five more join the token
with its neighbours (``pair_features``): one cached look-up per token.

Tokens come from the one tokenizer (``timeline.nlp.tokens``) within the sentences of the one sentence
splitter: a sentence's first token sees ``<S>`` before it, its last ``</S>`` after.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from timeline.nlp import Sentences, lemma, parts_of_speech, tokens, verb_forms

OFFSETS = (-2, -1, 0, 1, 2)
BEFORE, AFTER = "<S>", "</S>"

_UPPER = re.compile(r"[A-Z]+")
_LOWER = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"[0-9]+")
_OTHER_LETTER = re.compile(r"[^\W\d_]+")


def shape(word: str) -> str:
    """ "Boeing" -> "Xx", "U.S" -> "X.X", "1,000" -> "d,d": letter classes, runs collapsed, at most 4."""
    s = _UPPER.sub("X", word)
    s = _LOWER.sub("x", s)
    s = _DIGIT.sub("d", s)
    return _OTHER_LETTER.sub("x", s)[:4]


@lru_cache(maxsize=131072)
def context_features(word: str) -> tuple[str, ...]:
    """What a neighbour contributes: its lower case, shape, lemma and the set of its parts of speech."""
    if word in (BEFORE, AFTER):
        return (f"w={word}",)
    low = word.lower()
    pos = sorted(parts_of_speech(word))
    return (f"w={low}", f"sh={shape(word)}", f"l={lemma(word)}", f"p={'|'.join(pos)}",
            f"vf={'|'.join(sorted(verb_forms(word)))}")


@lru_cache(maxsize=131072)
def own_features(word: str) -> tuple[str, ...]:
    """The token's own word: the context features plus suffixes and each part of speech alone."""
    low = word.lower()
    return (*context_features(word), f"s2={low[-2:]}", f"s3={low[-3:]}", f"s4={low[-4:]}",
            *(f"p1={p}" for p in sorted(parts_of_speech(word))), *(f"vf1={v}" for v in sorted(verb_forms(word))))


def word_features(word: str, offset: int) -> tuple[str, ...]:
    """The features ``word`` gives a token when it stands ``offset`` positions from it (-1: just before)."""
    feats = own_features(word) if offset == 0 else context_features(word)
    return tuple(f"{offset}:{f}" for f in feats)


def pos_set(word: str) -> str:
    return word if word in (BEFORE, AFTER) else "|".join(sorted(parts_of_speech(word)))


def lemma_of(word: str) -> str:
    return word if word in (BEFORE, AFTER) else lemma(word)


def pair_features(prev: str, word: str, nxt: str) -> tuple[str, ...]:
    """Features of the token with its neighbours together: the word pairs, the neighbours' parts of
    speech with the lemma ("the attack" vs "to attack"), and the three parts of speech in a row.
    Parts are joined by a space, which no token holds."""
    p, w, n = pos_set(prev), pos_set(word), pos_set(nxt)
    lem = lemma_of(word)
    return (f"b-1={prev.lower()} {word.lower()}", f"b+1={word.lower()} {nxt.lower()}",
            f"pp-1={p} {lem}", f"pp+1={lem} {n}", f"pq={p} {w} {n}")


class SentenceTokens:
    """The tokens of an article, sentence by sentence, read once for every step of the events stage."""

    __slots__ = ("flat", "per", "starts")

    def __init__(self, text: str, sentences: Sentences) -> None:
        self.per = [tokens(text, a, b) for a, b in sentences]
        self.flat = [t for ts in self.per for t in ts]
        self.starts = [a for a, _ in self.flat]

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        """The tokens that lie within text[start:end]."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end, lo)
        while hi > lo and self.flat[hi - 1][1] > end:
            hi -= 1
        return self.flat[lo:hi]


def sentence_tokens(text: str, sentences: Sentences | None = None) -> list[list[tuple[int, int]]]:
    """The tokens of each sentence of ``text`` (character offsets)."""
    sents = sentences if sentences is not None else Sentences(text)
    return [tokens(text, a, b) for a, b in sents]


def token_features(words: list[str], i: int) -> list[str]:
    """Every feature of token ``i`` of a sentence's ``words`` (training builds these; tagging folds them)."""
    out: list[str] = []
    n = len(words)
    for k in OFFSETS:
        j = i + k
        w = words[j] if 0 <= j < n else (BEFORE if j < 0 else AFTER)
        out += word_features(w, k)
    out += pair_features(words[i - 1] if i else BEFORE, words[i], words[i + 1] if i + 1 < n else AFTER)
    return out
