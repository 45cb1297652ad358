"""The `timeline` command: parses arguments, calls the stages, prints. No logic of its own.

Exit status: 0 success, 2 bad input or usage (one clear line naming the file and the problem),
1 internal error (a bug: rerun with --debug for the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from timeline import __version__, ingest, pipeline
from timeline.errors import InputError, InternalError, TimelineError, UsageError
from timeline.executors import default_jobs
from timeline.export import DEFAULT_FORMATS, FORMATS
from timeline.ingest.decode import parse_cli_date, utf8
from timeline.models import Article, json_schema

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _date(value: str) -> dt.date | dt.datetime:
    try:
        return parse_cli_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _confidence(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1")
    return x


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return n


_UNITS = {"": 1, "b": 1, "k": 2**10, "kb": 2**10, "kib": 2**10, "m": 2**20, "mb": 2**20, "mib": 2**20,
          "g": 2**30, "gb": 2**30, "gib": 2**30}


def _size(value: str) -> int:
    """A size such as 10MB, 500k or 2000000 (bytes)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value)
    if not m or m.group(2).lower() not in _UNITS or float(m.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size (e.g. 10MB, 500KB, 2000000)")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return names


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="timeline",
        description="Turn news articles into timelines: find every dated and relative event, resolve it "
        "against the publication date, and write an offline HTML timeline, an ICS calendar and JSON.",
        epilog="Run 'timeline COMMAND --help' for the options of a command.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--debug", action="store_true", help="show the full traceback of internal errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="read articles and write the timeline files",
        description="Read articles (files or folders: Markdown with front matter, plain text, HTML pages, "
        "RSS/Atom feeds, JSON lines) and write timeline.html, timeline.ics and timeline.json (and any "
        "other --format) into the output folder.",
    )
    b.add_argument("inputs", nargs="*", metavar="INPUT", default=["fixtures"],
                   help="files or folders (walked recursively), or - for standard input (default: fixtures/)")
    b.add_argument("-o", "--output", type=Path, default=Path("exports"), metavar="DIR", help="output folder (default: exports/)")
    b.add_argument("--published", type=_date, metavar="DATE",
                   help="publication date (YYYY-MM-DD) for articles that do not state one")
    b.add_argument("--title", metavar="TEXT", help="timeline title (default: the article title, or 'Timeline of N articles')")
    b.add_argument("--format", dest="formats", type=_formats, default=DEFAULT_FORMATS, metavar="LIST",
                   help=f"comma-separated formats: {', '.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})")
    b.add_argument("--plotlyjs", choices=["inline", "directory", "cdn"], default="inline",
                   help="html: embed plotly.js (inline, works offline; default), write plotly.min.js beside "
                   "the page (directory), or load it from the CDN (cdn, needs a network)")
    b.add_argument("--lanes", choices=["source", "article", "actor", "kind"], default="source",
                   help="html, images: one lane per source outlet (default), per article, per actor or per kind "
                   "of event (the page switches between outlet, actor and kind without a rebuild)")
    b.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="X",
                   help="leave out events less certain than X (0-1; default 0 keeps all). Present-tense "
                   "statements of fact ('the company is the third-largest ...') are events dated at "
                   "publication with confidence 0.3: 0.4 leaves them out")
    b.add_argument("--all-events", action="store_true",
                   help="html, ics: also show the minor events (states and weak events, flagged 'minor' in "
                   "timeline.json), which are left out by default")
    b.add_argument("--strict", action="store_true",
                   help="stop at the first input problem and write nothing (default: report it, build the rest, exit 2)")
    b.add_argument("--max-article-size", type=_size, default=ingest.LIMITS.max_article_size, metavar="SIZE",
                   help="largest article to read: a file, a JSON line or a feed entry (default: 10MB; a feed file may "
                   "be 10 times this). Larger ones are reported and skipped")
    b.add_argument("--periods", action="append", type=Path, metavar="FILE",
                   help="YAML file of named periods and terms of office to add to the built-in table "
                   "(repeatable; format in timeline/temporal/README.md)")
    b.add_argument("-j", "--jobs", type=_positive, default=default_jobs(), metavar="N",
                   help=f"worker processes for the per-article stage (default: the number of cores, here {default_jobs()}); "
                   "the outputs are the same for every N")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: this machine's processes (default); dask: a Dask distributed cluster (pip install "
                   "'news-timeline[dask]'), the one at --scheduler or, without it, a local cluster of --jobs workers")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask: the scheduler's address, e.g. tcp://10.0.0.5:8786 (the workers need news-timeline installed)")
    b.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no warnings; errors and the one-line summary are still printed")
    b.set_defaults(run=cmd_build)

    e = sub.add_parser(
        "extract",
        help="print the temporal expressions (or the events) of one article",
        description="Print every temporal expression of one article with its TIMEX3 type and value; with "
        "--events, every event trigger instead, with its TimeML class, kind, the time it is anchored to and "
        "the timeline event it belongs to. Offsets are character offsets into the article text (for .txt: "
        "the file as read).",
    )
    e.add_argument("file", metavar="FILE", help="an article file, or - for standard input (plain text)")
    e.add_argument("--published", type=_date, metavar="DATE",
                   help="publication date (YYYY-MM-DD); without one, relative expressions stay unresolved")
    e.add_argument("--format", choices=["jsonl", "table"], default="jsonl", help="output format (default: jsonl)")
    e.add_argument("--events", action="store_true",
                   help="print event mentions: start, end, text, class (TimeML), kind, when (the normalised time, "
                   "or null) and event (the id of its timeline event, or null)")
    e.add_argument("--periods", action="append", type=Path, metavar="FILE",
                   help="YAML file of named periods and terms of office to add to the built-in table "
                   "(repeatable; format in timeline/temporal/README.md)")
    e.set_defaults(run=cmd_extract)

    m = sub.add_parser(
        "summarize",
        help="print the key dates of a story, each told in a few sentences from the articles",
        description="Read articles, pick the key dates of the story (how many articles name a day and "
        "are published on it) and print each with up to K of the articles' own sentences about it "
        "(the most central ones), in date order, with the ids of the timeline's events on that day.",
    )
    m.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of articles")
    m.add_argument("--dates", type=_positive, metavar="L",
                   help="number of dates (default: as many as stand out: the knee of the date salience curve)")
    m.add_argument("--sentences", type=_positive, default=1, metavar="K", help="sentences per date (default: 1)")
    m.add_argument("--since", type=_date, metavar="DATE", help="only dates on or after DATE (YYYY-MM-DD)")
    m.add_argument("--until", type=_date, metavar="DATE", help="only dates on or before DATE (YYYY-MM-DD)")
    m.add_argument("--published", type=_date, metavar="DATE",
                   help="publication date (YYYY-MM-DD) for articles that do not state one")
    m.add_argument("--format", choices=["jsonl", "markdown", "html"], default="jsonl",
                   help="jsonl (default): one {date, sentences, events} object per line; markdown; html")
    m.add_argument("--title", metavar="TEXT", help="title of the markdown and html output")
    m.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    m.set_defaults(run=cmd_summarize)

    s = sub.add_parser("schema", help="print the JSON Schema of timeline.json",
                       description="Print the JSON Schema (Draft 2020-12) that timeline.json follows.")
    s.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE instead of standard output")
    s.set_defaults(run=cmd_schema)

    v = sub.add_parser(
        "eval",
        help="score the tagger (or the events) against TimeML / MEANTIME gold",
        description="Run the temporal tagger on TimeML gold documents (.tml files or folders) with their "
        "creation times and print TempEval-3 scores: relaxed and strict P/R/F1, type and value accuracy "
        "and F1. With --events: on TimeML, event triggers (TempEval-3 Task B: relaxed and strict P/R/F1, "
        "class accuracy) and event dating by TLINKs, documents the shipped model was trained on scored by "
        "k-fold cross-validation (needs the train extra); on MEANTIME CAT XML, event coverage and dating. "
        "Every dating figure is printed beside two baselines on the same documents.",
    )
    v.add_argument("gold", nargs="+", type=Path, metavar="GOLD", help="gold files or folders")
    v.add_argument("--events", action="store_true",
                   help="score events: TimeML (.tml) triggers and dating, or MEANTIME CAT XML anchors")
    v.add_argument("--folds", type=int, metavar="K",
                   help="--events on TimeML: cross-validation folds for documents the model has seen (default: the model's, 5)")
    v.add_argument("--tls", action="store_true",
                   help="score timeline summarisation against journalists' timelines (Timeline17 layout: "
                   "articles/, dct.json, timelines/*.jsonl): Date-F1, ROUGE-1/2 concat and aligned, "
                   "adjacent-day share, beside a most-mentioned-dates baseline")
    v.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N errors of each kind with context")
    v.add_argument("--include", action="append", metavar="GLOB", help="only documents whose file name matches (repeatable)")
    v.add_argument("--json", action="store_true", help="print the scores as JSON (an --errors listing goes to standard error)")
    v.add_argument("--convention", choices=["timeml", "meantime"], default="timeml",
                   help="annotation convention of the gold: timeml (TimeML 1.2.1 / TempEval-3, what the tagger "
                   "writes; default) or meantime (rewrite the tagger's output the way MEANTIME annotates: "
                   "'two years ago' as P2Y, 'from 2009 to 2011' as one duration ...; for scoring only)")
    v.set_defaults(run=cmd_eval)

    t = sub.add_parser("train", help="rebuild a learned model from the shared corpora",
                       description="Rebuild a model shipped with the package from ../shared/corpora, byte for byte "
                       "(needs the train extra: pip install 'news-timeline[train]').")
    tsub = t.add_subparsers(dest="model", required=True, metavar="MODEL")
    te = tsub.add_parser("events", help="the event trigger and dating models (timeline/events/data)",
                         description="Train the event trigger model (LinearSVC over token features) and the dating "
                         "model (logistic regression over candidate times) on TBAQ (TimeBank + AQUAINT), "
                         "cross-validate them, and write the models and their record into timeline/events/data.")
    te.add_argument("--corpora", type=Path, metavar="DIR",
                    help="the shared folder holding corpora/tbaq (default: ../shared beside the repository)")
    te.add_argument("--output", type=Path, metavar="DIR",
                    help="write data/ under DIR instead of into the package (to compare with the shipped files)")
    te.add_argument("--folds", type=int, default=5, help="cross-validation folds for the record (default 5)")
    te.add_argument("--no-cv", dest="cv", action="store_false", help="skip cross-validation (the record's scores stay empty)")
    te.set_defaults(run=cmd_train_events)
    return p


# --- commands -----------------------------------------------------------------------------------


def _report(problem: InputError, debug: bool) -> None:
    err.print(f"timeline: error: {problem}", markup=False)
    if debug and isinstance(problem, InternalError) and problem.details:
        err.print(problem.details.rstrip(), markup=False)


def _periods(args: argparse.Namespace):  # noqa: ANN202 - the table type lives in timeline.temporal
    """The named-period table with the user's --periods files, read once (bad files: InputError)."""
    if not args.periods:
        return None
    from timeline import temporal

    return temporal.load_periods(args.periods)


def _build_options(args: argparse.Namespace) -> pipeline.BuildOptions:
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    return pipeline.BuildOptions(
        inputs=tuple(args.inputs), output=args.output, formats=args.formats, plotlyjs=args.plotlyjs, lanes=args.lanes,
        published=args.published, title=args.title, min_confidence=args.min_confidence, strict=args.strict,
        all_events=args.all_events, periods=_periods(args),
        max_article_size=args.max_article_size, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
    )


class _Bar:
    """The progress bar on standard error (a terminal only): articles, rate, share of the input, time left."""

    def __init__(self, enabled: bool) -> None:
        self.progress = Progress(
            TextColumn("{task.fields[articles]:>7,} articles"), TextColumn("{task.fields[rate]:>6.1f}/s"),
            BarColumn(), TaskProgressColumn(), TimeRemainingColumn(), TimeElapsedColumn(),
            console=err, disable=not enabled, transient=True,
        )
        self.task = self.progress.add_task("build", total=None, articles=0, rate=0.0)

    def update(self, p: pipeline.Progress) -> None:
        rate = p.articles / p.seconds if p.seconds > 0 else 0.0
        self.progress.update(self.task, total=p.total_bytes or None, completed=p.done_bytes, articles=p.articles, rate=rate)


def cmd_build(args: argparse.Namespace) -> int:
    options = _build_options(args)
    bar = _Bar(enabled=not args.quiet and err.is_terminal)

    def warning(text: str) -> None:
        if not args.quiet:
            err.print(f"timeline: warning: {text}", markup=False)

    hooks = pipeline.Hooks(on_problem=lambda p: _report(p, args.debug), on_warning=warning, on_progress=bar.update)
    try:
        with bar.progress:
            summary = pipeline.run(options, hooks)
    except pipeline.Stopped as exc:
        if exc.reason:
            err.print(f"timeline: error: {exc.reason}", markup=False)
        err.print("timeline: stopped at the first problem (--strict); nothing written", markup=False)
        return EXIT_INPUT
    for fmt, why in summary.failed.items():
        err.print(f"timeline: error: {fmt} not written: {why}", markup=False)
    for old in summary.removed:
        err.print(f"timeline: note: removed {old} from an earlier run (its format failed in this one)", markup=False)
    note = ""
    if summary.undated and "ics" in options.formats:
        note = f" ({summary.undated} with no start date: left out of the calendar)"
    err.print(f"{summary.articles:,} article(s), {summary.events:,} event(s){note}, {summary.warnings:,} warning(s), "
              f"{summary.seconds:.1f} s, {summary.rate:.1f} articles/s -> "
              + (", ".join(str(p) for p in summary.written) or "nothing written"), markup=False)
    if summary.problems:
        err.print(f"timeline: {summary.problems} input problem(s) above; the other articles were built", markup=False)
    return EXIT_INPUT if summary.problems or summary.failed else EXIT_OK


def cmd_summarize(args: argparse.Namespace) -> int:
    from timeline import summarize
    from timeline.export import summary

    problems: list[InputError] = []

    def problem(p: InputError) -> None:
        problems.append(p)
        _report(p, args.debug)

    def articles() -> Iterator[Article]:
        for got in ingest.articles(args.inputs, args.published):
            if isinstance(got, InputError):
                problem(got)
            else:
                yield got

    digests = []  # per article, what the summary needs (beside the tagger, in the same pass)
    timeline = pipeline.build(articles(), title=args.title, on_error=problem,
                              on_result=lambda r: digests.append(summarize.digest(r.article, r.mentions)))
    if not timeline.articles:
        raise UsageError("no articles to summarize" + (f" ({len(problems)} input(s) rejected)" if problems else ""))
    days = summarize.events_on(timeline, summarize.summarize(
        digests, dates=args.dates, sentences=args.sentences, since=_day(args.since), until=_day(args.until)))
    text = summary.render(days, args.format, timeline.title)
    if args.output:
        from timeline.export import write_atomic

        write_atomic(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_INPUT if problems else EXIT_OK


def _day(x: dt.date | dt.datetime | None) -> dt.date | None:
    return x.date() if isinstance(x, dt.datetime) else x


def cmd_extract(args: argparse.Namespace) -> int:
    periods = _periods(args)
    if args.file == "-":
        data = sys.stdin.buffer.read(ingest.LIMITS.max_article_size + 1)
        if len(data) > ingest.LIMITS.max_article_size:
            raise InputError("<stdin>", f"over the size limit of {ingest.LIMITS.max_article_size:,} bytes per article")
        article = ingest.read_text(utf8("<stdin>", data), id="stdin", published=args.published)
    else:
        got = list(ingest.articles([args.file], args.published))
        for problem in got:
            if isinstance(problem, InputError):
                raise problem
        if len(got) != 1:
            raise UsageError(f"{args.file}: extract takes one article, this file holds {len(got)}")
        article = got[0]
    from timeline import temporal

    mentions, warnings = temporal.tag_with_warnings(article, periods)
    for w in warnings:
        err.print(f"timeline: warning: {article.origin or article.id}: {w}", markup=False)
    if args.events:
        return _print_events(article, mentions, args.format)
    if args.format == "jsonl":
        out = sys.stdout
        for m in mentions:
            row = {"start": m.start, "end": m.end, "text": m.text, "type": str(m.when.type), "value": m.when.value,
                   "when": m.when.model_dump(mode="json", exclude_none=True)}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return EXIT_OK
    rows = ((str(m.start), str(m.end), m.text, str(m.when.type), m.when.value, str(m.when.start or ""),
             str(m.when.end or ""), str(m.when.precision or ""), str(m.when.anchor)) for m in mentions)
    return _print_table(f"{article.title} (published {article.published or 'unknown'})",
                        ("start", "end", "text", "type", "value", "from", "to", "precision", "anchor"), rows)


def _print_table(title: str, columns: tuple[str, ...], rows: Iterable[Sequence[str]]) -> int:
    """One rich table on standard output, wide when piped (not squeezed into 80 columns)."""
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*row)
    out = Console()
    if not out.is_terminal:
        out = Console(width=max(out.width, 200))
    out.print(table)
    return EXIT_OK


def _print_events(article: Article, mentions: list, fmt: str) -> int:
    from timeline import events

    lines, _ = events.analyse(article, mentions)
    if fmt == "jsonl":
        for x in lines:
            sys.stdout.write(json.dumps(x.row(), ensure_ascii=False) + "\n")
        return EXIT_OK
    rows = ((str(x.start), str(x.end), x.text, x.cls, x.kind or "", x.when.value if x.when else "",
             str(x.when.start or "") if x.when else "", str(x.when.end or "") if x.when else "", x.event or "")
            for x in lines)
    return _print_table(f"{article.title} (published {article.published or 'unknown'}): event mentions",
                        ("start", "end", "text", "class", "kind", "when", "from", "to", "event"), rows)


def cmd_train_events(args: argparse.Namespace) -> int:
    from timeline.events import train

    return train.run(args)


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from timeline.export import write_atomic

        write_atomic(args.output, text.encode())
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from timeline import evaluate

    for path in args.gold:
        if not path.exists():
            raise InputError(str(path), "no such file or folder")
    if args.tls and args.events:
        raise UsageError("choose one of --tls and --events")
    if args.tls:
        from timeline.evaluate.tls import evaluate_tls

        report = evaluate_tls(args.gold)
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n" if args.json else report.render())
        return EXIT_OK
    if args.events and evaluate.is_timeml(args.gold):
        from timeline.evaluate.triggers import evaluate_timeml_events

        report = evaluate_timeml_events(args.gold, include=args.include, folds=args.folds)
    elif args.events:
        report = evaluate.evaluate_events(args.gold, include=args.include)
    else:
        report = evaluate.evaluate_timex(args.gold, include=args.include, convention=args.convention)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        if args.errors:  # the listing is for people: keep it out of the JSON on stdout
            sys.stderr.write(report.errors(args.errors))
    else:
        sys.stdout.write(report.render(errors=args.errors))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except TimelineError as exc:
        err.print(f"timeline: error: {exc}", markup=False)
        return EXIT_INPUT
    except KeyboardInterrupt:
        err.print("timeline: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so plainly, keep the traceback behind --debug
        if args.debug:
            raise
        err.print(f"timeline: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)", markup=False)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
