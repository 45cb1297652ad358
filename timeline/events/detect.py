"""Event triggers from a learned model: every token is a candidate, the model decides.

The model (``data/trigger_model.json.gz``, rebuilt by ``timeline train events``, see train.py) is a
linear classifier over the features of ``features.py`` with one score per label: ``O`` (no event)
and the seven TimeML classes. A token is a trigger when an event class outscores ``O``; its class is
the best-scoring one. Because the model is linear, the weights of a word's features at each offset
are summed once per word and offset (``TriggerModel.word_id``) and an article is scored with five
array slices and five dict look-ups per token.
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from timeline.nlp import Sentences, tokens

from .features import AFTER, BEFORE, OFFSETS, lemma_of, pos_set, word_features

MODEL_FILE = "data/trigger_model.json.gz"
RECORD_FILE = "data/trigger_model.record.json"
NONE = "O"
_PAD = max(OFFSETS)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token the model marks as an event: its offsets, TimeML class and margin over "no event"."""

    start: int
    end: int
    text: str
    cls: str
    margin: float
    sentence: int  # index into the article's Sentences


# The pair templates (features.pair_features) and which part of each word they join.
_TEMPLATES = (("b-1", ("low", "low")), ("b+1", ("low", "low")), ("pp-1", ("pos", "lemma")), ("pp+1", ("lemma", "pos")),
              ("pq", ("pos", "pos", "pos")))
_SHIFTS = {"b-1": (-1, 0), "b+1": (0, 1), "pp-1": (-1, 0), "pp+1": (0, 1), "pq": (-1, 0, 1)}


class TriggerModel:
    """Label scores per token from feature weights, folded per word.

    Every word met gets an id; ``_tables[id]`` holds what the word adds to the token at each offset
    from it. The pair features join parts of neighbouring words (lower case, lemma, parts of speech):
    each part the model knows has a number, a pair of numbers one integer key, and the keys of a
    template sit in a sorted array, so a whole article is looked up with ``searchsorted``."""

    def __init__(self, labels: list[str], bias: np.ndarray, names: list[str], weights: np.ndarray) -> None:
        self.labels = labels
        self.bias = bias.astype(np.float64)
        self.index = {n: i for i, n in enumerate(names)}
        self.weights = weights.astype(np.float64)
        self.none = labels.index(NONE)
        self._zero = np.zeros(len(labels))
        self.numbers: dict[str, dict[str, int]] = {"low": {}, "lemma": {}, "pos": {}}
        found: dict[str, list[tuple[tuple[int, ...], int]]] = {t: [] for t, _ in _TEMPLATES}
        parts_of = dict(_TEMPLATES)
        for n, i in self.index.items():
            head, eq, rest = n.partition("=")
            if eq and head in parts_of:
                key = tuple(self.numbers[part].setdefault(v, len(self.numbers[part]))
                            for part, v in zip(parts_of[head], rest.split(" "), strict=True))
                found[head].append((key, i))
        self._base = {part: max(len(nums), 1) for part, nums in self.numbers.items()}
        self.keys: dict[str, np.ndarray] = {}
        self.rows: dict[str, np.ndarray] = {}
        for t, parts in _TEMPLATES:
            pairs = sorted((self._key(parts, k), i) for k, i in found[t])
            self.keys[t] = np.array([k for k, _ in pairs], dtype=np.int64)
            self.rows[t] = np.array([i for _, i in pairs], dtype=np.int64)
        self.vocab: dict[str, int] = {}
        self._tables = np.zeros((4096, len(OFFSETS), len(labels)))
        self._parts = {part: np.full(4096, -1, dtype=np.int64) for part in self.numbers}

    def _key(self, parts: tuple[str, ...], values: tuple[int, ...]) -> int:
        key = 0
        for part, v in zip(parts, values, strict=True):
            key = key * self._base[part] + v
        return key

    @classmethod
    def from_json(cls, data: dict) -> TriggerModel:
        names = data["features"]
        raw = np.frombuffer(base64.b64decode(data["weights"]), dtype="<i2").astype(np.float64)
        weights = raw.reshape(len(names), len(data["labels"])) * data["scale"]
        return cls(data["labels"], np.array(data["bias"], dtype=np.float64) * data["scale"], names, weights)

    def _row(self, feats: tuple[str, ...]) -> np.ndarray:
        idx = [i for f in feats if (i := self.index.get(f)) is not None]
        return self.weights[idx].sum(axis=0) if idx else self._zero

    def word_id(self, word: str) -> int:
        """The word's row in the folded table, computed the first time the word is met."""
        i = self.vocab.get(word)
        if i is not None:
            return i
        i = len(self.vocab)
        if i >= len(self._tables):
            self._tables = np.concatenate([self._tables, np.zeros_like(self._tables)])
            self._parts = {k: np.concatenate([v, np.full_like(v, -1)]) for k, v in self._parts.items()}
        self._tables[i] = np.stack([self._row(word_features(word, k)) for k in OFFSETS])
        for part, value in (("low", word.lower()), ("lemma", lemma_of(word)), ("pos", pos_set(word))):
            self._parts[part][i] = self.numbers[part].get(value, -1)
        self.vocab[word] = i
        return i

    def scores(self, sentences: list[list[str]]) -> np.ndarray:
        """(tokens, labels) scores of the words of several sentences, in order."""
        seq: list[int] = []
        real: list[int] = []
        before, after = [self.word_id(BEFORE)] * _PAD, [self.word_id(AFTER)] * _PAD
        ids = self.vocab.get
        for words in sentences:
            seq += before
            real += range(len(seq), len(seq) + len(words))
            seq += [i if (i := ids(w)) is not None else self.word_id(w) for w in words]
            seq += after
        ids_at = np.array(seq, dtype=np.int64)
        at = np.array(real, dtype=np.int64)
        rows = self._tables[ids_at]  # (positions, offsets, labels)
        out = self.bias + sum(rows[at + k, j] for j, k in enumerate(OFFSETS))
        for t, parts in _TEMPLATES:
            keys = self.keys[t]
            if not len(keys):
                continue
            key = np.zeros(len(at), dtype=np.int64)
            known = np.ones(len(at), dtype=bool)
            for part, shift in zip(parts, _SHIFTS[t], strict=True):
                v = self._parts[part][ids_at[at + shift]]
                known &= v >= 0
                key = key * self._base[part] + v
            where = np.searchsorted(keys, key).clip(max=len(keys) - 1)
            hit = known & (keys[where] == key)
            out[hit] += self.weights[self.rows[t][where[hit]]]
        return out

    def triggers(self, text: str, sentences: Sentences, per_sentence: list[list[tuple[int, int]]] | None = None
                 ) -> list[Trigger]:
        toks = per_sentence if per_sentence is not None else [tokens(text, a, b) for a, b in sentences]
        words = [[text[s:e] for s, e in ts] for ts in toks]
        flat = [(si, s, e) for si, ts in enumerate(toks) for s, e in ts]
        if not flat:
            return []
        sc = self.scores(words)
        best = sc.argmax(axis=1)
        found = []
        for i in np.flatnonzero(best != self.none).tolist():
            si, s, e = flat[i]
            label = int(best[i])
            found.append(Trigger(s, e, text[s:e], self.labels[label], float(sc[i, label] - sc[i, self.none]), si))
        return found


@cache
def model() -> TriggerModel:
    """The shipped model, read once per process (start-up: about a quarter of a second)."""
    raw = resources.files(__package__).joinpath(MODEL_FILE).read_bytes()
    return TriggerModel.from_json(json.loads(gzip.decompress(raw)))


def triggers(text: str, sentences: Sentences | None = None) -> list[Trigger]:
    """The event triggers of ``text`` in text order."""
    return model().triggers(text, sentences if sentences is not None else Sentences(text))


__all__ = ["MODEL_FILE", "RECORD_FILE", "Trigger", "TriggerModel", "model", "triggers"]
