"""The one place the stages are wired together: read -> process (an executor) -> merge -> write.

``process`` is the per-article stage: a pure function of the article (no I/O, no clock), so it runs
unchanged in this process, in a process pool or on a Dask cluster (``timeline.executors``).
``run`` streams a whole build: articles are read one at a time, sent out in small batches, and only
what the merge needs (the article's metadata and its events) comes back and is kept; the texts are
released as soon as they are processed. Results come back in input order, so the outputs are the
same bytes for every executor and every number of jobs.

A problem with one input never stops the others: the readers report bad input as ``InputError``
values, and an exception escaping the stage for one article becomes an ``InternalError`` for that
article (traceback kept for --debug). The build goes on and exits with status 2; with ``strict``
the first problem ends it (``Stopped``) and nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

from timeline import events, ingest, temporal
from timeline.errors import InputError, InternalError, TimelineError, UsageError
from timeline.events.merge import Group, group_stream, merge, rank
from timeline.executors import Dask, Executor, Pool, Serial, default_jobs
from timeline.models import Article, ArticleInfo, Event, Mention, Timeline
from timeline.store import Encoded, EventStore, LazyEvents, encode, whens
from timeline.summarize import key_events, key_ids

# A batch (one task for a worker) holds up to this many articles or characters of text: enough
# to make the cost of sending it small, few enough that the workers stay evenly busy.
BATCH_ARTICLES, BATCH_CHARS = 8, 64_000
# A local pool starts only when the input has more than this many batches: for a few articles,
# starting worker processes costs more than it saves.
POOL_AFTER_BATCHES = 2


@dataclass(frozen=True)
class ArticleResult:
    """What one article contributes: its mentions, its events and the warnings about it."""

    article: Article
    mentions: list[Mention]
    events: list[Event]
    warnings: list[str] = field(default_factory=list)


def with_published(article: Article, published: dt.date | dt.datetime | None) -> Article:
    """The article with a fallback publication date when it has none."""
    if article.published is not None or published is None:
        return article
    return article.model_copy(update={"published": published})


def process(article: Article, periods: temporal.PeriodTable | None = None) -> ArticleResult:
    """Find the temporal expressions and the events of one article (``periods``: the named-period
    table, temporal.load_periods; None for the built-in one)."""
    mentions, warnings = temporal.tag_with_warnings(article, periods)
    return ArticleResult(article, mentions, events.extract_events(article, mentions), list(warnings))


# --- what travels back from a worker -----------------------------------------------------------


@dataclass(frozen=True)
class Processed:
    """One article's share of the build, without its text: what the merge and the report need.
    ``events`` are encoded (store.encode): compact records and the merge's reports, cheap to send."""

    info: ArticleInfo
    origin: str
    events: Encoded
    warnings: list[str]
    mentions: int = 0
    chars: int = 0
    problem: InternalError | None = None


def process_batch(batch: Sequence[Article], min_confidence: float = 0.0,
                  periods: temporal.PeriodTable | None = None) -> list[Processed]:
    """``process`` over a batch, each article on its own: one article's exception is its own problem."""
    out = []
    for article in batch:
        try:
            r = process(article, periods)
            kept = encode([e for e in r.events if e.confidence >= min_confidence])
            out.append(Processed(article.info(), article.origin or article.id, kept, r.warnings, len(r.mentions),
                                 len(article.text)))
        except Exception as exc:  # noqa: BLE001 (a bug on this article: report it, keep the others)
            out.append(_crashed(article, exc))
    return out


def _crashed(article: Article, exc: Exception) -> Processed:
    """The result of an article the stage failed on; nothing about the article is trusted."""
    ident = str(getattr(article, "id", None) or "?")
    origin = str(getattr(article, "origin", None) or ident)
    text = getattr(article, "text", None)
    return Processed(ArticleInfo(id=ident), origin, Encoded(), [], 0, len(text) if isinstance(text, str) else 0,
                     InternalError.of(origin, exc))


# --- the whole run ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build needs; the CLI fills it from its flags (new flags become new fields here)."""

    inputs: tuple[str, ...] = ("fixtures",)
    output: Path = Path("exports")
    formats: tuple[str, ...] = ("html", "ics", "json")
    plotlyjs: Literal["inline", "directory", "cdn"] = "inline"
    lanes: Literal["source", "article", "actor", "kind"] = "source"
    all_events: bool = False  # html, ics: also the minor events
    published: dt.date | dt.datetime | None = None
    title: str | None = None
    min_confidence: float = 0.0
    strict: bool = False  # the first input problem ends the run, nothing written
    max_article_size: int = ingest.LIMITS.max_article_size
    jobs: int = field(default_factory=default_jobs)
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None  # dask: the scheduler's address; None starts a local cluster
    periods: temporal.PeriodTable | None = None  # the named-period table (None: the built-in one)


class Stopped(TimelineError):
    """``strict``: the run ended at its first problem and wrote nothing. ``reason`` is the problem when
    no hook has reported it yet (an output that could not be written)."""

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(reason or "stopped at the first problem (--strict); nothing written")
        self.reason = reason


@dataclass(frozen=True)
class Progress:
    """How far a build is: articles done and the share of the input bytes they stand for."""

    articles: int
    done_bytes: int
    total_bytes: int
    seconds: float


@dataclass
class Hooks:
    """What the caller sees while a build runs (the CLI prints; a library caller may collect)."""

    on_problem: Callable[[InputError], None] = lambda p: None
    on_warning: Callable[[str], None] = lambda w: None
    on_progress: Callable[[Progress], None] = lambda p: None
    on_result: Callable[[Processed], None] = lambda r: None


@dataclass
class Summary:
    articles: int = 0
    events: int = 0
    undated: int = 0
    mentions: int = 0
    warnings: int = 0
    problems: int = 0
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # format -> why it was not written
    removed: list[Path] = field(default_factory=list)  # files of failed formats left by an earlier run
    article_infos: list[ArticleInfo] = field(default_factory=list)  # the articles built, in reading order

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class _Item:
    article: Article
    file: int  # index of the input file it came from (for progress)


@dataclass
class _Files:
    """Progress by input bytes: whole files as their articles finish, an estimate inside a file."""

    sizes: list[int]
    done: int = 0  # bytes of the files before the current one
    current: int = 0
    inside: int = 0  # characters of the current file's finished articles, at most its size

    def advance(self, file: int, chars: int) -> int:
        if file != self.current:
            self.done += sum(self.sizes[self.current : file])
            self.current, self.inside = file, 0
        self.inside = min(self.sizes[file], self.inside + chars)
        return self.done + self.inside


def discover(inputs: Sequence[str], on_problem: Callable[[InputError], None], output: Path | None = None) -> list[Path]:
    """The input files of every input; a missing input or an empty folder is a problem, not fatal.

    Files only (paths are small), so that progress knows the input's size before the first article.
    """
    from timeline import export  # the names our exporters write are never read back as input

    paths = []
    for got in ingest.discover(inputs, output=output, output_names=export.OUTPUT_NAMES):
        if isinstance(got, InputError):
            on_problem(got)
        else:
            paths.append(got)
    return paths


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path != ingest.STDIN else 0
    except OSError:
        return 0


def read_articles(paths: Sequence[Path], published: dt.date | dt.datetime | None, on_problem: Callable[[InputError], None],
                  limits: ingest.Limits = ingest.LIMITS) -> Iterator[_Item]:
    """The articles of ``paths``, one at a time; problems go to ``on_problem`` and the rest go on.

    Two inputs with one id are both kept, the second as ``id~2``.
    """
    seen: dict[str, int] = {}
    for file, path in enumerate(paths):
        try:
            for got in ingest.read(path, published, limits):
                if isinstance(got, InputError):
                    on_problem(got)
                    continue
                count = seen.get(got.id, 0)
                seen[got.id] = count + 1
                if count:  # two inputs with one id: keep both, distinguishable
                    got = got.model_copy(update={"id": f"{got.id}~{count + 1}"})
                yield _Item(got, file)
        except Stopped:
            raise
        except Exception as exc:  # noqa: BLE001 (a bug in a reader: the rest of this file is lost, the others go on)
            on_problem(InternalError.of(str(path), exc))


def _batches(items: Iterable[_Item]) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += len(item.article.text)
        if len(batch) >= BATCH_ARTICLES or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _executor(options: BuildOptions, more: bool) -> Executor:
    if options.engine == "dask":
        return Dask(options.scheduler, options.jobs)
    if options.jobs > 1 and more:
        return Pool(options.jobs)
    return Serial()


def _process(options: BuildOptions, items: Iterator[_Item]) -> Iterator[tuple[_Item, Processed]]:
    """Each item with its processed result, in input order, through the chosen executor."""
    batches = _batches(items)
    head = []
    for batch in batches:
        head.append(batch)
        if len(head) > POOL_AFTER_BATCHES:
            break
    executor = _executor(options, more=len(head) > POOL_AFTER_BATCHES)

    def all_batches() -> Iterator[list[_Item]]:
        yield from head
        head.clear()  # release the read-ahead
        yield from batches

    work = partial(process_batch, min_confidence=options.min_confidence, periods=options.periods)
    pending: deque[list[_Item]] = deque()

    def articles() -> Iterator[list[Article]]:
        for batch in all_batches():
            pending.append(batch)
            yield [item.article for item in batch]

    try:
        for results in executor.map(work, articles()):
            batch = pending.popleft()
            yield from zip(batch, results, strict=True)
    finally:
        executor.close()


def run(options: BuildOptions, hooks: Hooks | None = None) -> Summary:
    """Read, process, merge and write a whole build; see the module docstring."""
    from timeline import export  # the package only: the exporters themselves load when they render

    hooks = hooks or Hooks()
    summary = Summary()
    started = time.perf_counter()
    out = export.check_output(options.output)  # an unusable output folder is exit 2 before any work

    def problem(p: InputError) -> None:
        summary.problems += 1
        hooks.on_problem(p)
        if options.strict:
            raise Stopped

    paths = discover(options.inputs, problem, out)
    sizes = [_size(p) for p in paths]
    files, total = _Files(sizes), sum(sizes)
    infos: list[ArticleInfo] = []
    limits = dataclasses.replace(ingest.LIMITS, max_article_size=options.max_article_size)
    with EventStore(out) as store:
        with closing(_process(options, read_articles(paths, options.published, problem, limits))) as processed:
            for item, result in processed:
                hooks.on_result(result)
                if result.problem is not None:
                    problem(result.problem)
                else:
                    summary.articles += 1
                    infos.append(result.info)  # not the text: a long build need not keep every article in memory
                    store.add(result.events, result.info.id)  # the events go to disk
                    summary.mentions += result.mentions
                    for w in result.warnings:
                        summary.warnings += 1
                        hooks.on_warning(f"{result.origin}: {w}")
                done = files.advance(item.file, result.chars)
                hooks.on_progress(Progress(summary.articles, done, total, time.perf_counter() - started))
        hooks.on_progress(Progress(summary.articles, total, total, time.perf_counter() - started))
        if not infos:
            rejected = f" ({summary.problems} input problem(s) above)" if summary.problems else ""
            raise UsageError(f"no articles to build a timeline from{rejected}")
        timeline = _timeline(infos, store, options.title or default_title(infos))
        summary.article_infos = infos
        summary.events = len(timeline.events)
        summary.undated = sum(1 for w in whens(timeline.events) if w.start is None)
        settings = export.ExportOptions(plotlyjs=options.plotlyjs, lanes=options.lanes, all_events=options.all_events)
        try:
            written = export.write(timeline, out, options.formats, settings, strict=options.strict)
        except TimelineError as exc:
            if not options.strict:
                raise
            raise Stopped(str(exc)) from None
    summary.written, summary.failed, summary.removed = written.paths, written.failed, written.removed
    for w in written.warnings:
        summary.warnings += 1
        hooks.on_warning(w)
    summary.seconds = time.perf_counter() - started
    return summary


def _timeline(infos: list[ArticleInfo], store: EventStore, title: str) -> Timeline:
    """The merged timeline of a build, its events read from ``store`` as the exporters go
    (store.LazyEvents); the key events marked as ``summarize.key_events`` marks them. The merge
    reads the reports from the store once, in reading order, and keeps only the happenings."""
    groups = rank(group_stream(store.reports(), store.weights(), len(store.articles), store.reported,
                               store.own_article))
    key = key_ids(infos, groups, quote=lambda g: store.load(g.members[0]).quote, cited=Group.articles)
    for g in groups:
        g.key = g.id in key
    return Timeline.model_construct(title=title, articles=infos, events=LazyEvents(groups, store.load))


def build(
    articles: Iterable[Article],
    title: str | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    min_confidence: float = 0.0,
    on_error: Callable[[InputError], None] | None = None,
    periods: temporal.PeriodTable | None = None,
) -> Timeline:
    """A Timeline from articles in memory, in this process (the library entry point; ``run`` for files).

    ``on_result`` sees each article's result; ``min_confidence`` drops weaker events before merging.
    An exception while processing one article is passed to ``on_error`` as an InternalError naming
    the article, and the run goes on without it (without ``on_error`` it is raised).
    ``periods`` is the named-period table (temporal.load_periods; None: the built-in one).
    """
    infos: list[ArticleInfo] = []
    found: list[Event] = []
    for article in articles:
        try:
            result = process(article, periods)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(InternalError.of(article.origin or article.id, exc))
            continue
        if on_result is not None:
            on_result(result)
        infos.append(article.info())
        found.extend(e for e in result.events if e.confidence >= min_confidence)
    return key_events(merge(infos, found, title or default_title(infos)))  # Event.key: the summary's days


def default_title(articles: list[ArticleInfo]) -> str:
    if len(articles) == 1 and articles[0].title:
        return articles[0].title
    return f"Timeline of {len(articles)} articles" if articles else "Timeline"
