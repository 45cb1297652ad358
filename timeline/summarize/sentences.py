"""Which sentences tell a day: the most central of the sentences about it (TF-IDF centroid).

The candidates of day d are the sentences that name d and the lead sentences of the articles
published on d or the day after (the news of d, reported as it happens and the next morning).
Each is a TF-IDF vector over its lower-cased words, with document frequencies counted over every
candidate of the collection, so words every sentence shares weigh nothing and no stopword list is
needed. The summary of d is the K candidates closest (cosine) to the centroid of d's candidates,
skipping any that repeat a chosen one (cosine above ``REPEAT``). Sparse vectors as dicts: cost is
linear in the words of the candidates, with no all-pairs comparison across days.

Own code rather than scikit-learn's TfidfVectorizer: a few dozen lines, no numpy/scipy at run time
for the ``timeline`` command, and the same ranking (smoothed IDF, cosine).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence

from timeline.nlp import words
from timeline.summarize.candidates import Candidate, Digest

REPEAT = 0.5  # cosine above which a sentence says again what a chosen one said
MIN_WORDS = 6  # shorter candidates are headlines, datelines and captions, not summaries
LATE = dt.timedelta(days=1)  # an article published the day after still reports the day's news

Vector = dict[str, float]


def terms(text: str) -> list[str]:
    return [m.group(0).lower() for m in words(text) if not m.group(0)[0].isdigit()]


class Idf:
    """Smoothed inverse document frequency over a collection of sentences."""

    def __init__(self, sentences: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for s in sentences:
            df.update(set(terms(s)))
            n += 1
        self.n = n
        self.df = df

    def vector(self, text: str) -> Vector:
        tf = Counter(terms(text))
        v = {t: c * (math.log((1 + self.n) / (1 + self.df[t])) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        return {t: x / norm for t, x in v.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def candidates_by_day(digests: Iterable[Digest], days: set[dt.date]) -> dict[dt.date, list[Candidate]]:
    """The candidate sentences of each wanted day (a sentence may serve several days)."""
    out: dict[dt.date, list[Candidate]] = {d: [] for d in days}
    seen: dict[dt.date, set[str]] = {d: set() for d in days}  # the same sentence in two articles once

    def add(day: dt.date, c: Candidate) -> None:
        if day in out and c.text not in seen[day] and len(c.text.split()) >= MIN_WORDS:
            seen[day].add(c.text)
            out[day].append(c)

    for dg in digests:
        for c in dg.candidates:
            for d in c.days:
                add(d, c)
            if not c.days and dg.published is not None:
                add(dg.published, c)
                if dg.published > dt.date.min:
                    add(dg.published - LATE, c)
    return out


def central(cands: Sequence[Candidate], idf: Idf, k: int) -> list[str]:
    """The k candidates nearest the centroid, no two repeating each other, in centrality order."""
    if k <= 0 or not cands:
        return []
    vectors = [idf.vector(c.text) for c in cands]
    centroid: Vector = {}
    for v in vectors:
        for t, x in v.items():
            centroid[t] = centroid.get(t, 0.0) + x
    ranked = sorted(range(len(cands)), key=lambda i: (-cosine(vectors[i], centroid), i))
    chosen: list[int] = []
    for i in ranked:
        if all(cosine(vectors[i], vectors[j]) <= REPEAT for j in chosen):
            chosen.append(i)
            if len(chosen) == k:
                break
    return [cands[i].text for i in chosen]
