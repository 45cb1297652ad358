"""The events of a long build, kept serialised between the per-article stage and the exports.

A build of thousands of articles holds hundreds of thousands of events until the merge has seen them
all; as pydantic models they take several kilobytes each. So each worker sends back, per article,

- ``records``: each event as one compact record (a tuple of plain values, ``marshal``-ed), and
- ``reports``: what the merge reads of each event (``events.merge.Report``: date, spans, title words,
  the combined fields), as plain tuples;

and the build writes the records to a temporary file (``EventStore``), keeps only the reports for the
merge, and builds each merged event again (``Event.model_construct``: the values were validated in the
worker) when an exporter reads it (``LazyEvents``, in time order, one at a time).

Records are ``marshal`` data (format 4, plain values only: dates as ISO strings), far faster to write
and read than pickled models; a When is built once per distinct window (``Windows``).
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar, overload

from pydantic import BaseModel

from timeline.models import Event, Source, When

if TYPE_CHECKING:
    from timeline.events.merge import Report

M = TypeVar("M", bound=BaseModel)
_MARSHAL = 4  # stable since Python 3.4: a Dask worker on another minor version writes what this client reads

WhenKey = tuple  # (value, type, start ISO, end ISO, precision, modifier, anchor)


def when_key(w: When) -> WhenKey:
    """A When as plain values (ISO strings keep equal instants in two time zones apart, as JSON does)."""
    return (w.value, w.type.value, w.start.isoformat() if w.start is not None else None,
            w.end.isoformat() if w.end is not None else None, w.precision.value if w.precision else None,
            w.modifier.value if w.modifier else None, w.anchor.value)


def _record(ev: Event, when: WhenKey) -> tuple:
    return (ev.id, ev.title, when,
            tuple((s.article, s.start, s.end, s.quote, s.url, s.trigger_start, s.trigger_end) for s in ev.sources),
            tuple(ev.actors), ev.confidence, ev.date_text, ev.kind, ev.event_class, ev.salience, ev.source_count,
            ev.minor, ev.key)


def _report(ev: Event, when: WhenKey, words: frozenset[str]) -> tuple:
    return (ev.id, when, tuple((s.article, s.start, s.end) for s in ev.sources), tuple(words), tuple(ev.actors), ev.kind, ev.event_class, ev.date_text,
            ev.confidence, ev.salience, ev.minor, ev.key)


@dataclass(frozen=True)
class Encoded:
    """One article's events as a worker sends them back: records (concatenated), their lengths, and
    the merge's reports, all in the article's event order."""

    records: bytes = b""
    lengths: tuple[int, ...] = ()
    reports: tuple[tuple, ...] = ()

    def __len__(self) -> int:
        return len(self.lengths)


def encode(events: Sequence[Event]) -> Encoded:
    """The worker's half: ``events`` as records and reports."""
    from timeline.events.merge import (
        content_words,  # here: the exporters import this module, not the events stage
    )

    keys: dict[int, WhenKey] = {}  # an article's events share a few windows
    records, reports = [], []
    for ev in events:
        key = keys.get(id(ev.when))
        if key is None:
            key = keys[id(ev.when)] = when_key(ev.when)
        records.append(marshal.dumps(_record(ev, key), _MARSHAL))
        reports.append(_report(ev, key, content_words(ev.title, ev.actors)))
    return Encoded(b"".join(records), tuple(map(len, records)), tuple(reports))


_set = object.__setattr__


def built(cls: type[M], values: dict[str, Any]) -> M:
    """``cls.model_construct(**values)`` for values of every field, in field order, already valid:
    what model_construct does for our frozen models (no aliases, extras or private attributes),
    without its per-field lookups (4 times faster; tests/test_store.py compares the two)."""
    m = cls.__new__(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(values))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


class Windows:
    """One shared When per distinct window: a corpus has a few thousand windows for hundreds of
    thousands of events (most are dated at a publication date)."""

    def __init__(self) -> None:
        self._seen: dict[WhenKey, When] = {}

    def __call__(self, key: WhenKey) -> When:
        w = self._seen.get(key)
        if w is None:
            value, type_, start, end, precision, modifier, anchor = key
            w = self._seen[key] = When.model_validate({"value": value, "type": type_, "start": start, "end": end,
                                                       "precision": precision, "modifier": modifier, "anchor": anchor})
        return w


class EventStore:
    """Event records in an anonymous temporary file (in ``folder``: the output folder, on disk, not in
    memory), read back one at a time by their number (``ref``); and the merge's reports, in a second
    one, read back once in reading order (``reports``) with the word counts their weights need."""

    def __init__(self, folder: Path | str | None = None) -> None:
        # both closed by close() / __exit__: the store outlives any one block of its owner
        self._file = tempfile.TemporaryFile(dir=folder, prefix=".events.", suffix=".tmp", buffering=0)  # noqa: SIM115
        self._fd = self._file.fileno()
        self._reports = tempfile.TemporaryFile(dir=folder, prefix=".reports.", suffix=".tmp")  # noqa: SIM115
        self._starts = array("q")  # where each record starts; it ends where the next starts
        self._size = 0
        self._blobs = array("q")  # the size of each article's reports
        self.windows = Windows()
        self._strings: dict[str, str] = {}
        self.df: Counter[str] = Counter()  # reports whose title words hold each word
        self.reported = 0  # reports kept
        self.articles: set[str] = set()  # the articles of their first sources
        self.own_article = True  # every report's spans are in its own article

    def __len__(self) -> int:
        return len(self._starts)

    def add(self, encoded: Encoded, article: str) -> int:
        """Keep one article's records and reports (``article``: the article's id); the number of events.
        Articles must come in reading order: ``reports`` gives them back in the order they came."""
        first = len(self._starts)
        if encoded.records:
            self._file.write(encoded.records)
        at = self._size
        for n in encoded.lengths:
            self._starts.append(at)
            at += n
        self._size = at
        if not encoded.reports:
            return 0
        # the merge's reading order within the article: by the first source's start, then the id
        order = sorted(range(len(encoded.reports)), key=lambda i: (encoded.reports[i][2][0][1], encoded.reports[i][0]))
        blob = marshal.dumps(tuple((first + i, *encoded.reports[i]) for i in order), _MARSHAL)
        self._reports.write(blob)
        self._blobs.append(len(blob))
        for report in encoded.reports:
            self.df.update(report[3])
            self.articles.add(report[2][0][0])
            self.own_article = self.own_article and all(a == report[2][0][0] for a, _, _ in report[2])
        self.reported += len(encoded.reports)
        return len(encoded.reports)

    def reports(self) -> Iterator[Report]:
        """Every report as ``events.merge.Report``, article by article in the order they were added and
        in reading order within each, read from disk as they are asked for."""
        from timeline.events.merge import Report

        self._reports.flush()
        self._reports.seek(0)
        word, when = self._word, self.windows
        for size in self._blobs:
            for ref, id_, wk, spans, words, actors, kind, event_class, date_text, confidence, salience, minor, key \
                    in marshal.loads(self._reports.read(size)):
                yield Report(ref, id_, when(wk), tuple((word(a), s, e) for a, s, e in spans), tuple(map(word, words)),
                             tuple(map(word, actors)), kind and word(kind), event_class and word(event_class),
                             date_text and word(date_text), confidence, salience, minor, key)

    def weights(self) -> dict[str, float]:
        """The reports' ``events.merge.word_weights``, from the counts kept as they came."""
        from timeline.events.merge import weights_of

        return weights_of(self.df, self.reported)

    def _word(self, s: str) -> str:
        """One string object per distinct word (sys.intern without its limits on what it keeps)."""
        return self._strings.setdefault(s, s)

    def load(self, ref: int) -> Event:
        """The event numbered ``ref``, built from its record (not validated again: it was valid when encoded)."""
        start = self._starts[ref]
        end = self._starts[ref + 1] if ref + 1 < len(self._starts) else self._size
        (id_, title, wk, srcs, actors, confidence, date_text, kind, event_class, salience, source_count, minor,
         key) = marshal.loads(os.pread(self._fd, end - start, start))
        sources = [built(Source, {"article": a, "start": s, "end": e, "quote": q, "url": u, "trigger_start": ts,
                                  "trigger_end": te}) for a, s, e, q, u, ts, te in srcs]
        return built(Event, {"id": id_, "title": title, "when": self.windows(wk), "quote": sources[0].quote,
                             "sources": sources, "actors": list(actors), "confidence": confidence,
                             "date_text": date_text, "kind": kind, "event_class": event_class, "salience": salience,
                             "source_count": source_count, "minor": minor, "key": key})

    def close(self) -> None:
        self._file.close()
        self._reports.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def memory(self) -> int:
        """Bytes this store keeps in memory (its index), for the benchmarks."""
        return sys.getsizeof(self._starts) + sys.getsizeof(self._blobs)


class LazyEvents(Sequence[Event]):
    """A timeline's events as a sequence that builds each event when it is read: ``groups`` (the
    merge's happenings, in time order) and ``load`` (a member's event by its ref).

    ``where(keep)`` selects by what a group knows without building the event (``minor``, ``when``,
    ``key``, ``salience``, ...). Reading the same index twice in a row builds it once.
    """

    def __init__(self, groups: Sequence[Any], load: Callable[[int], Event]) -> None:
        self.groups = groups
        self.load = load
        self._last: tuple[int, Event] | None = None

    def __len__(self) -> int:
        return len(self.groups)

    @overload
    def __getitem__(self, i: int) -> Event: ...

    @overload
    def __getitem__(self, i: slice) -> LazyEvents: ...

    def __getitem__(self, i: int | slice) -> Event | LazyEvents:
        if isinstance(i, slice):
            return LazyEvents(self.groups[i], self.load)
        if i < 0:
            i += len(self.groups)
        if self._last is not None and self._last[0] == i:
            return self._last[1]
        ev = self.groups[i].event(self.load)
        self._last = (i, ev)
        return ev

    def __iter__(self) -> Iterator[Event]:
        load = self.load
        for g in self.groups:
            yield g.event(load)

    def where(self, keep: Callable[[Any], bool]) -> LazyEvents:
        return LazyEvents([g for g in self.groups if keep(g)], self.load)

    def whens(self) -> Iterator[When]:
        """Each event's date, without building the events."""
        return (g.when for g in self.groups)

    def __repr__(self) -> str:
        return f"LazyEvents({len(self.groups)} events)"


def whens(events: Sequence[Event]) -> Iterator[When]:
    """The events' dates: cheap for LazyEvents, which need not build the events for them."""
    return events.whens() if isinstance(events, LazyEvents) else (e.when for e in events)


def light(events: Sequence[Event]) -> Sequence[Any]:
    """The events, or for LazyEvents what the merge knows of each (``events.merge.Group``: ``id``,
    ``when``, ``key``, ``minor``, ``salience``, ``source_count``, ``confidence``) without building them."""
    return events.groups if isinstance(events, LazyEvents) else events


__all__ = ["Encoded", "EventStore", "LazyEvents", "Windows", "encode", "light", "when_key", "whens"]
