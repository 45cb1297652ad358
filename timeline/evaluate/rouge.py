"""ROUGE-N counts as ROUGE-1.5.5 makes them with ``-m -s`` (Porter stemming, stopwords removed).

That is how tilse (Martschat & Markert), and through it every published Timeline17 / Crisis score,
calls ROUGE (``Rouge155(stem=True, ignore_stopwords=True)``, raw counts). Tokenisation and stemming
are the ``rouge-score`` package's (lower case, anything but letters and digits separates words,
Porter stemming of words longer than three letters: its re-implementation of ROUGE-1.5.5); the
stopword list is ROUGE-1.5.5's own ``smart_common_words.txt`` (``data/rouge_stopwords.txt``).
Stopwords are removed before stemming and before bigrams are formed, as ROUGE-1.5.5 does.
``bench/tls_rouge_agreement.py`` compares these counts with the Perl script itself: on 99 summary
pairs of the Timeline17 development stories, 97 agree exactly and 2 differ by one stem (NLTK's
Porter stemmer keeps "congressional" as "congression", ROUGE-1.5.5's makes it "congress").

Counts, not scores: the timeline metrics add hits and totals over dates before dividing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

from timeline.errors import UsageError

INSTALL_HINT = "pip install 'news-timeline[eval]' (rouge-score)"


@cache
def _tools() -> tuple[object, frozenset[str]]:
    try:
        from rouge_score import tokenizers
    except ImportError as exc:
        raise UsageError(f"timeline eval --tls needs {INSTALL_HINT}: {exc}") from None
    lines = resources.files(__package__).joinpath("data/rouge_stopwords.txt").read_text("utf-8").splitlines()
    return tokenizers.DefaultTokenizer(use_stemmer=False), frozenset(w for w in lines if w and not w.startswith("#"))


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
