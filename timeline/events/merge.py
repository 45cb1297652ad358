"""Merge events from one or many articles into happenings, and rank them.

Two events are one happening when their dates can be the same and they say the same thing:

- **dates**: the same time window, or one window inside the other at different precision ("on Monday"
  in one article, "this week" in another) when both are plain closed intervals of at most
  ``MAX_NESTED_DAYS`` (approximate, open-ended and long windows must be equal);
- **words**: the content lemmas of their titles (``content_words``: no function, reporting or time
  words, no words of actor names) are similar: ``STRONG_OVERLAP``, or ``MIN_OVERLAP`` when they share an
  actor and their kinds agree, with at least ``MIN_SHARED`` words in common (one shared word is a topic,
  not a happening). Within one article similarity is the share of the shorter title (a short title
  refers back to a longer one: "the conference"); across articles it is the share of both (Dice:
  each article describes the happening in full). Or they quote the same span (the same clause found
  twice).

The merged event keeps the first report's id, title and quote (reading order), all sources in order,
and the finest date its sources support (with that source's date expression). ``source_count`` is the
number of distinct articles; ``salience`` combines the events stage's per-article salience with the
number of sources (``ranked``).

Events are taken in reading order and each joins the first earlier group it matches (greedy, so the
result is deterministic). Comparing every event with every group would be quadratic; each group is
filed under its day or calendar months (or its exact window) and its content words instead, and an event is compared
only with the groups that can match it (``_Index``, prefix filtering): the merges of the all-pairs
loop, in near-linear time. ``tests/events/test_merge_blocking.py`` checks that against the all-pairs
reference on real and random events.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache

from timeline.models import Article, ArticleInfo, Event, Timeline, When, event_sort_key, sort_key
from timeline.nlp import lemma

from . import lexicon

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
# overlap coefficient of content words: a match needs MIN_OVERLAP with a shared actor, STRONG_OVERLAP without
MIN_OVERLAP, STRONG_OVERLAP = 0.5, 0.8
ALL_PAIRS_UP_TO = 64  # this few events (one article's) are compared pair by pair: cheaper than an index
PRIOR_TITLES = 100  # smoothing of word_weights: see there
MIN_SHARED = 2  # and at least this many shared words (in one article, equal one-word titles also match)
# a window this long or shorter may hold a finer one of the same happening ("this week" > "on Monday",
# "in June" > "on June 3"); a year or a term of office is too coarse to say two reports are one happening
MAX_NESTED_DAYS = 31


@cache
def _stop() -> frozenset[str]:
    data = lexicon.load("merge")
    return frozenset(w for key in ("function_words", "reporting", "time_words") for w in data[key])


@cache
def _content_word(word: str) -> str | None:
    base = lemma(word[:-2] if word.endswith(("’s", "'s")) else word)
    if len(base) < 2 and not base.isdigit():
        return None  # a stray letter ("s" of a split "'s", an initial)
    return None if base in _stop() else base


def content_words(title: str, actors: Iterable[str] = ()) -> frozenset[str]:
    """The lemmas of a title that say what happened: no function, reporting or time words, and not the
    words of its actors' names (they say who: ``actors`` are compared on their own)."""
    words = {w for w in map(_content_word, _WORD.findall(title)) if w}
    for name in actors:
        words.difference_update(map(_content_word, _WORD.findall(name)))
    return frozenset(words)


# --- dates ---------------------------------------------------------------------------------------


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


def _window(w: When) -> tuple:
    return (w.start, w.end, w.modifier)


def _days(w: When) -> tuple[dt.date, dt.date] | None:
    return _window_days(_window(w))


@lru_cache(maxsize=65536)  # a corpus has few distinct windows and asks about each many times
def _window_days(window: tuple) -> tuple[dt.date, dt.date] | None:
    """First and last day of a window that can nest (closed, plain, short), else None."""
    start, end, modifier = window
    if start is None or end is None or modifier is not None:
        return None
    a, b = _day(start), _day(end)
    return (a, b) if (b - a).days < MAX_NESTED_DAYS else None


def _inside(inner: tuple[dt.date, dt.date], outer: tuple[dt.date, dt.date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def compatible(a: When, b: When) -> bool:
    """The two windows can date one happening: equal, or one inside the other (see the module doc).

    Whole days hold times ("on Monday" holds "at 10:00 on Monday"); two different times never match.
    """
    return _compatible(_window(a), _window(b))


@lru_cache(maxsize=65536)
def _compatible(wa: tuple, wb: tuple) -> bool:
    if wa == wb:
        return True
    da, db = _window_days(wa), _window_days(wb)
    if da is None or db is None:
        return False
    timed_a = isinstance(wa[0], dt.datetime) or isinstance(wa[1], dt.datetime)
    timed_b = isinstance(wb[0], dt.datetime) or isinstance(wb[1], dt.datetime)
    return (not timed_a and _inside(db, da)) or (not timed_b and _inside(da, db))


def _finer(a: When, b: When) -> bool:
    """``b`` says more than ``a``: a shorter span, or the same span at a finer precision."""
    da, db = _days(a), _days(b)
    if da is None or db is None or _window(a) == _window(b):
        return False
    span_a, span_b = (da[1] - da[0]).days, (db[1] - db[0]).days
    if span_a != span_b:
        return span_b < span_a
    rank_a = a.precision.rank if a.precision else -1
    rank_b = b.precision.rank if b.precision else -1
    return rank_b > rank_a


# --- the predicate and the merge of two events (the specification the blocked merge follows) ------


def _span_keys(event: Event) -> set[tuple[str, int, int]]:
    return {(s.article, s.start, s.end) for s in event.sources}


Weights = Mapping[str, float]


def word_weights(titles: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each content word over the titles being merged: the words many
    titles share say what the whole story is about ("oil", "swine flu"), not which happening it is.

    Counted as if ``PRIOR_TITLES`` unrelated titles were there too, so that in a small merge the two
    reports of one happening (whose shared words are, by definition, in two titles) are not judged
    by their own repetition: a word weighs little only when it is frequent in absolute terms.
    """
    titles = list(titles)
    return weights_of(Counter(w for ws in titles for w in ws), len(titles))


def weights_of(df: Mapping[str, int], titles: int) -> dict[str, float]:
    """``word_weights`` from the number of titles each word is in (``df``) and the number of titles."""
    n = titles + PRIOR_TITLES
    return {w: math.log(n / c) for w, c in df.items()}


def _weight(words: Iterable[str], weights: Weights | None) -> float:
    return sum(weights.get(w, 1.0) for w in words) if weights is not None else float(len(list(words)))


def _words_match(wa: frozenset[str], wb: Collection[str], shared_actor: bool, kinds_agree: bool, one_article: bool,
                 weights: Weights | None = None) -> bool:
    """Similar enough titles. In one article a short title often refers back to a longer one ("the
    conference"), so the share of the shorter title counts (overlap coefficient of the words); two
    articles each describe the happening in full, so the share of both counts (Dice coefficient),
    each word weighted by ``weights`` (``word_weights``; None: every word 1)."""
    if not wa or not wb:
        return False
    both = wa.intersection(wb)
    if len(both) < MIN_SHARED and not (one_article and len(both) == len(wa) == len(wb)):
        return False  # one word in common ("company", "oil", "expect") is a topic, not a happening
    if one_article:
        similarity = len(both) / min(len(wa), len(wb))
    else:
        total = _weight(wa, weights) + _weight(wb, weights)
        similarity = 2 * _weight(both, weights) / total if total > 0 else 0.0
    return similarity >= STRONG_OVERLAP or (shared_actor and similarity >= MIN_OVERLAP and kinds_agree)


def same_happening(a: Event, b: Event, weights: Weights | None = None) -> bool:
    """Compatible dates and the same span, or similar titles (see the module doc); ``weights`` as
    ``word_weights`` gives them for the events being merged."""
    if not compatible(a.when, b.when):
        return False
    if _span_keys(a) & _span_keys(b):
        return True
    shared_actor = bool({x.lower() for x in a.actors} & {x.lower() for x in b.actors})
    kinds_agree = a.kind == b.kind or a.kind is None or b.kind is None
    one_article = a.sources[0].article == b.sources[0].article
    return _words_match(content_words(a.title, a.actors), content_words(b.title, b.actors), shared_actor, kinds_agree,
                        one_article, weights)


def combine(first: Event, other: Event) -> Event:
    """``first`` with what ``other`` adds: its new sources and actors, a finer date, the higher scores."""
    seen = _span_keys(first)
    sources = list(first.sources) + [s for s in other.sources if (s.article, s.start, s.end) not in seen]
    actors = list(first.actors) + [x for x in other.actors if x not in first.actors]
    finer = _finer(first.when, other.when)
    return first.model_copy(update={
        "sources": sources,
        "source_count": len({s.article for s in sources}),
        "actors": actors,
        "when": other.when if finer else first.when,
        "date_text": (other.date_text or first.date_text) if finer else (first.date_text or other.date_text),
        "confidence": max(first.confidence, other.confidence),
        "salience": max(first.salience, other.salience),
        "kind": first.kind or other.kind,
        "event_class": first.event_class or other.event_class,
        "minor": first.minor and other.minor,
    })


def raised(salience: float, sources: int, most: int) -> float:
    """Salience raised by the number of articles that report the event (see ``ranked``)."""
    if sources <= 1 or most <= 1:
        return salience
    support = math.log(sources) / math.log(most)
    return round(salience + (1 - salience) * support * salience, 3)


def ranked(events: Sequence[Event]) -> list[Event]:
    """Each event's salience raised by the number of articles that report it.

    ``support`` is log(sources) / log(most sources of any event here): 0 for an event one article
    reports, 1 for the most reported. Salience moves from the events stage's value toward 1 by
    ``support`` times that value, so well-sourced happenings rise most, states and weak events
    little, and an event of a single article keeps its salience.
    """
    most = max((e.source_count for e in events), default=1)
    if most <= 1:
        return list(events)
    return [e if e.source_count <= 1 else e.model_copy(update={"salience": raised(e.salience, e.source_count, most)})
            for e in events]


# --- the blocked merge ------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Report:
    """What the merge reads of one event: its date, source spans, title words and the fields a
    happening combines. The merge works on these, not on the Event models, so that a long build can
    keep its events serialised until they are written (timeline/store.py) and give the merge only
    this; ``ref`` says where the event itself is (an index into the caller's list or store)."""

    ref: int
    id: str
    when: When
    spans: tuple[tuple[str, int, int], ...]  # (article, start, end) of each source, in order
    words: tuple[str, ...]  # content_words(title, actors), each once
    actors: tuple[str, ...]
    kind: str | None
    event_class: str | None
    date_text: str | None
    confidence: float
    salience: float
    minor: bool
    key: bool = False

    @property
    def article(self) -> str:
        return self.spans[0][0]

    @classmethod
    def of(cls, ev: Event, ref: int) -> Report:
        return cls(ref, ev.id, ev.when, tuple((s.article, s.start, s.end) for s in ev.sources),
                   tuple(content_words(ev.title, ev.actors)), tuple(ev.actors), ev.kind, ev.event_class, ev.date_text,
                   ev.confidence, ev.salience, ev.minor, ev.key)


_NONE: frozenset[str] = frozenset()
_NO_SPANS: frozenset[tuple[str, int, int]] = frozenset()  # a settled group's spans, until a report joins it


class Group:
    """A happening being assembled from reports: what ``combine`` of its events would hold, kept
    mutable so that each join is cheap; ``members`` are the reports' refs in the order they joined.
    ``event(load)`` builds the merged Event from the members' events. ``id``, ``article`` and
    ``start`` are the first report's (its id and where its first source is); ``span_keys`` the
    sources' spans, less those ``settle`` has put away as just their articles (``settled``)."""

    __slots__ = ("actor_keys", "actors", "article", "confidence", "date_text", "event_class", "id", "key", "kind",
                 "members", "minor", "salience", "settled", "span_keys", "start", "when", "words")

    def __init__(self, first: Report) -> None:
        self.id = first.id
        self.article, self.start, _ = first.spans[0]
        self.settled: frozenset[str] = _NONE
        self.members = [first.ref]
        self.when = first.when
        self.words = frozenset(first.words)
        self.span_keys = set(first.spans)
        self.actors = list(first.actors)
        self.actor_keys = {x.lower() for x in first.actors}
        self.confidence, self.salience, self.key = first.confidence, first.salience, first.key
        self.date_text, self.kind, self.event_class, self.minor = first.date_text, first.kind, first.event_class, first.minor

    def articles(self) -> set[str]:
        """The articles that report it."""
        return {key[0] for key in self.span_keys}.union(self.settled)

    def settle(self) -> None:
        """Keep only the articles of the spans so far: when no report has a span outside its own article,
        no report of a later article can share one of them (see ``group_stream``)."""
        if self.span_keys:
            self.settled = frozenset(self.articles())
            self.span_keys = _NO_SPANS

    @property
    def source_count(self) -> int:
        return len(self.articles())

    def matches(self, r: Report, window: tuple, weights: Weights) -> bool:
        """``same_happening(self.event(), event of r, weights)`` without building the merged event."""
        if not _compatible(_window(self.when), window):
            return False
        if not self.span_keys.isdisjoint(r.spans):
            return True
        shared_actor = any(x.lower() in self.actor_keys for x in r.actors)
        kinds_agree = self.kind == r.kind or self.kind is None or r.kind is None
        one_article = self.article == r.spans[0][0]
        return _words_match(self.words, r.words, shared_actor, kinds_agree, one_article, weights)

    def add(self, r: Report) -> None:
        """``combine(merged, event of r)``, on the fields the merge keeps here."""
        self.members.append(r.ref)
        if self.span_keys is _NO_SPANS:
            self.span_keys = set()
        self.span_keys.update(r.spans)
        known = set(self.actors)
        for x in r.actors:
            if x not in known:
                known.add(x)
                self.actors.append(x)
                self.actor_keys.add(x.lower())
        if _finer(self.when, r.when):
            self.when, self.date_text = r.when, r.date_text or self.date_text
        else:
            self.date_text = self.date_text or r.date_text
        self.confidence, self.salience = max(self.confidence, r.confidence), max(self.salience, r.salience)
        self.kind, self.event_class = self.kind or r.kind, self.event_class or r.event_class
        self.minor = self.minor and r.minor

    def sort_key(self) -> tuple:
        """``event_sort_key`` of the merged event."""
        return sort_key(self.when, self.article, self.start, self.id)

    def event(self, load: Callable[[int], Event]) -> Event:
        """The merged Event: the first member's event with every member's new sources (in the order they
        joined, each span once) and the combined fields; ``load(ref)`` gives a member's event."""
        f = load(self.members[0])
        sources = list(f.sources)
        if len(self.members) > 1:
            seen = {(s.article, s.start, s.end) for s in sources}
            for ref in self.members[1:]:
                for s in load(ref).sources:
                    key = (s.article, s.start, s.end)
                    if key not in seen:
                        seen.add(key)
                        sources.append(s)
        if (len(sources), self.actors, self.when, self.date_text, self.confidence, self.salience, self.kind,
                self.event_class, self.minor, self.key) == (len(f.sources), f.actors, f.when, f.date_text, f.confidence,
                                                            f.salience, f.kind, f.event_class, f.minor, f.key):
            return f
        return f.model_copy(update={
            "sources": sources,
            "source_count": len({s.article for s in sources}),
            "actors": list(self.actors),
            "when": self.when,
            "date_text": self.date_text,
            "confidence": self.confidence,
            "salience": self.salience,
            "kind": self.kind,
            "event_class": self.event_class,
            "minor": self.minor,
            "key": self.key,
        })


def _needed(size: int) -> int:
    """The fewest shared words that can make a match in one article when the smaller title has
    ``size`` words (MIN_OVERLAP of them; equal one-word titles need only one)."""
    k = math.ceil(MIN_OVERLAP * size)
    while k > 0 and (k - 1) / size >= MIN_OVERLAP:
        k -= 1
    return max(k, 1)


def _months(first: dt.date, last: dt.date) -> list[tuple]:
    months = [("month", first.year, first.month)]
    if (last.year, last.month) != (first.year, first.month):
        months.append(("month", last.year, last.month))  # at most 31 days: never three months
    return months


def _filed(window: tuple) -> list[Hashable]:
    """Where a group is filed: a one-day window under its day, a longer window that can nest under
    the one or two calendar months it touches, any other window under itself (it can only match its
    equal)."""
    days = _window_days(window)
    if days is None:
        return [("window", window)]
    first, last = days
    return [("day", first)] if first == last else _months(first, last)


def _sought(window: tuple) -> list[Hashable]:
    """Where an event looks: every bucket a compatible group can be filed under. A group on one day
    matches a day inside the event's span; a longer group shares a month with any window it nests
    with (its window only narrows after it is filed, so the months it was filed under still hold it)."""
    days = _window_days(window)
    if days is None:
        return [("window", window)]
    first, last = days
    if first == last:
        return [("day", first), *_months(first, last)]
    return [*_months(first, last), *(("day", first + dt.timedelta(days=i)) for i in range((last - first).days + 1))]


# Across articles a match needs weighted Dice >= MIN_OVERLAP = t, so the shared words weigh at least
# t / (2 - t) of each title's weight (2 W(a&b) >= t (W(a) + W(b)) and W(b) >= W(a&b)).
_CROSS_SHARE = MIN_OVERLAP / (2 - MIN_OVERLAP) * (1 - 1e-9)  # a hair low: float sums must not drop a candidate


class _Index:
    """Which groups an event can match, without looking at the others (prefix filtering).

    A match needs compatible windows (a group filed under ``_filed`` is found under ``_sought``), and either a shared source
    span (filed under the span alone: a clause belongs to few groups) or similar titles. Every title's
    words are put in one global order, heaviest (rarest) first.

    - In one article a match needs at least ``_needed(m)`` shared words, m being the smaller word
      count; two such titles share one of the first ``m - needed + 1`` words (the prefix) of the
      smaller one. Each group is filed under (bucket, word) for all its words and, apart, for its
      prefix words; an event looks up its own prefix in the first table (the groups at least as long
      as itself) and all its words in the second (the shorter groups). Events come article by article,
      so these tables hold one article's groups at a time (``next_article``).
    - Across articles the shared words weigh at least ``_CROSS_SHARE`` of each title. The first shared
      word in the global order therefore lies, in both titles, before the point where the rest weighs
      less than that (the weighted prefix); so groups are filed under (bucket, word) for their
      weighted prefix, and an event looks up its own.

    Frequent words are light and sit at the ends of the orders, so they are rarely looked up. A
    group's window only narrows, so the buckets it was filed under still cover it.
    """

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        self.rank = {w: i for i, w in enumerate(sorted(weights, key=lambda w: (-weights[w], w)))}
        self.all_words: dict[tuple, list[int]] = {}
        self.prefix_words: dict[tuple, list[int]] = {}
        self.weighted: dict[tuple, list[int]] = {}
        self.spans: dict[tuple, list[int]] = {}

    def prefixes(self, words: Collection[str], across: bool) -> tuple[list[str], list[str], list[str]]:
        """The words in the global order, their prefix (one article) and weighted prefix (across)."""
        ordered = sorted(words, key=self.rank.__getitem__)
        prefix = ordered[: len(ordered) - _needed(len(ordered)) + 1] if ordered else []
        weighted = []
        if across and ordered:
            rest = sum(self.weights[w] for w in ordered)
            floor = _CROSS_SHARE * rest
            for w in ordered:  # keep w while the words from w on weigh at least the floor
                if rest < floor:
                    break
                weighted.append(w)
                rest -= self.weights[w]
        return ordered, prefix, weighted

    def next_article(self, spans_too: bool = False) -> None:
        """Events come article by article (reading order), and a group is compared on the one-article
        rule only with events of the article it was made in: those tables restart with each article
        (``spans_too``: the spans' table too, when no event has a span outside its own article)."""
        self.all_words.clear()
        self.prefix_words.clear()
        if spans_too:
            self.spans.clear()

    def add(self, gid: int, buckets: list[Hashable], words: tuple[list[str], list[str], list[str]],
            span_keys: Iterable[tuple]) -> None:
        ordered, prefix, weighted = words
        for b in buckets:
            for w in ordered:
                self.all_words.setdefault((b, w), []).append(gid)
            for w in prefix:
                self.prefix_words.setdefault((b, w), []).append(gid)
            for w in weighted:
                self.weighted.setdefault((b, w), []).append(gid)
        self.add_spans(gid, span_keys)

    def add_spans(self, gid: int, span_keys: Iterable[tuple]) -> None:
        for key in span_keys:  # a span is one clause of one article: few groups ever share it, whatever their dates
            self.spans.setdefault(key, []).append(gid)

    def candidates(self, buckets: list[Hashable], words: tuple[list[str], list[str], list[str]],
                   span_keys: Iterable[tuple]) -> list[int]:
        found: set[int] = set()
        for key in span_keys:
            found.update(self.spans.get(key, ()))
        ordered, prefix, weighted = words
        for b in buckets:
            for w in prefix:
                found.update(self.all_words.get((b, w), ()))
            for w in ordered:
                found.update(self.prefix_words.get((b, w), ()))
            for w in weighted:
                found.update(self.weighted.get((b, w), ()))
        return sorted(found)  # earlier groups first, as the all-pairs loop tries them


def _reading(order: Mapping[str, int]) -> Callable[[Report], tuple]:
    def key(r: Report) -> tuple:  # the first report in reading order leads
        article, start, _ = r.spans[0]
        return (order.get(article, len(order)), article, start, r.id)

    return key


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The merge builds hundreds of thousands of small containers and no reference cycles: the cyclic
    garbage collector would scan the growing heap again and again for nothing (half the merge time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def group_reports(reports: Sequence[Report], order: Mapping[str, int] | None = None,
                  in_order: bool = False) -> list[Group]:
    """One Group per happening, in reading order of their first reports (before ranking); groups
    whose first reports share an id are one (the first). ``in_order``: the reports already are in
    reading order (articles in ``order``, then by first source start and id)."""
    ordered = reports if in_order else sorted(reports, key=_reading(order or {}))
    own = all(a == r.spans[0][0] for r in ordered for a, _, _ in r.spans)
    return group_stream(ordered, word_weights(r.words for r in ordered), len({r.spans[0][0] for r in ordered}),
                        len(ordered), own)


def group_stream(ordered: Iterable[Report], weights: Weights, articles: int, count: int,
                 own_article: bool = False) -> list[Group]:
    """``group_reports`` of ``count`` reports already in reading order, from ``articles`` articles,
    read once as they come (a long build reads them from its store, never holding them all);
    ``weights`` are their ``word_weights``. ``own_article``: every report's spans are in its own
    (first) article, as the per-article stage makes them: then no later article can share a span
    with an earlier one, and the index forgets each article's spans when the next one starts."""
    with _collector_paused():
        return _group_stream(ordered, weights, articles > 1, count <= ALL_PAIRS_UP_TO, own_article)


def _group_stream(ordered: Iterable[Report], weights: Weights, across: bool, small: bool,
                  own_article: bool) -> list[Group]:
    index = _Index(weights)  # across: one article's events never match across
    groups: list[Group] = []
    touched: dict[int, Group] = {}  # the groups this article made or joined
    article = None
    for r in ordered:
        window = _window(r.when)
        if r.spans[0][0] != article:
            article = r.spans[0][0]
            index.next_article(own_article)
            if own_article:  # a long build keeps only the articles of earlier articles' spans
                for group in touched.values():
                    group.settle()
                touched.clear()
        keyed = index.prefixes(r.words, across) if not small else ([], [], [])
        for gid in range(len(groups)) if small else index.candidates(_sought(window), keyed, r.spans):
            group = groups[gid]
            if group.matches(r, window, weights):
                new_spans = [key for key in r.spans if key not in group.span_keys]
                group.add(r)
                if own_article:
                    touched[gid] = group
                if not small:
                    index.add_spans(gid, new_spans)
                break
        else:
            if not small:
                index.add(len(groups), _filed(window), keyed, r.spans)
            group = Group(r)
            if own_article:
                touched[len(groups)] = group
            groups.append(group)
    unique: dict[str, Group] = {}
    for group in groups:
        unique.setdefault(group.id, group)
    return list(unique.values())


def rank(groups: list[Group]) -> list[Group]:
    """The groups with their salience raised by their sources (``raised``), in time order (the
    order of ``event_sort_key`` on their merged events)."""
    most = max((g.source_count for g in groups), default=1)
    for g in groups:
        g.salience = raised(g.salience, g.source_count, most)
    return sorted(groups, key=Group.sort_key)


def group_events(events: Sequence[Event], order: dict[str, int] | None = None) -> list[Event]:
    """One event per happening, in reading order of their first reports (before ``ranked``)."""
    reports = [Report.of(e, i) for i, e in enumerate(events)]
    return [g.event(events.__getitem__) for g in group_reports(reports, order)]


def merge_events(events: Sequence[Event], order: dict[str, int] | None = None) -> list[Event]:
    """Events with duplicates folded together and ranked, in time order (models.event_sort_key)."""
    return sorted(ranked(group_events(events, order)), key=event_sort_key)


def merge(articles: Sequence[Article | ArticleInfo], events: Sequence[Event], title: str = "Timeline") -> Timeline:
    """The timeline of ``events`` reported in ``articles``."""
    infos: dict[str, ArticleInfo] = {}
    for a in articles:
        info = a.info() if isinstance(a, Article) else a
        infos.setdefault(info.id, info)
    order = {article_id: i for i, article_id in enumerate(infos)}
    return Timeline(title=title, articles=list(infos.values()), events=merge_events(events, order))


__all__ = [
    "Group",
    "Report",
    "combine",
    "compatible",
    "content_words",
    "group_events",
    "group_reports",
    "group_stream",
    "merge",
    "merge_events",
    "raised",
    "rank",
    "ranked",
    "same_happening",
    "weights_of",
    "word_weights",
]
