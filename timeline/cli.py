"""The `timeline` command: parses arguments, calls the stages, prints. No logic of its own.

Exit status: 0 success, 2 bad input or usage (one clear line naming the file and the problem),
1 internal error (a bug: rerun with --debug for the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from timeline import __version__, ingest, pipeline
from timeline.errors import InputError, TimelineError, UsageError
from timeline.export import DEFAULT_FORMATS, FORMATS, ExportOptions
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
    b.add_argument("inputs", nargs="*", metavar="INPUT", default=["fixtures"], help="files or folders (default: fixtures/)")
    b.add_argument("-o", "--output", type=Path, default=Path("exports"), metavar="DIR", help="output folder (default: exports/)")
    b.add_argument("--published", type=_date, metavar="DATE",
                   help="publication date (YYYY-MM-DD) for articles that do not state one")
    b.add_argument("--title", metavar="TEXT", help="timeline title (default: the article title, or 'Timeline of N articles')")
    b.add_argument("--format", dest="formats", type=_formats, default=DEFAULT_FORMATS, metavar="LIST",
                   help=f"comma-separated formats: {', '.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})")
    b.add_argument("--plotlyjs", choices=["inline", "directory", "cdn"], default="inline",
                   help="html: embed plotly.js (inline, works offline; default), write plotly.min.js beside "
                   "the page (directory), or load it from the CDN (cdn, needs a network)")
    b.add_argument("--lanes", choices=["source", "article", "actor"], default="source",
                   help="html: one lane per source outlet (default), per article, or per actor")
    b.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="X",
                   help="leave out events less certain than X (0-1; default 0 keeps all). Present-tense "
                   "statements of fact ('the company is the third-largest ...') are events dated at "
                   "publication with confidence 0.3: 0.4 leaves them out")
    b.add_argument("--periods", action="append", type=Path, metavar="FILE",
                   help="YAML file of named periods and terms of office to add to the built-in table "
                   "(repeatable; format in timeline/temporal/README.md)")
    b.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    b.set_defaults(run=cmd_build)

    e = sub.add_parser(
        "extract",
        help="print the temporal expressions of one article",
        description="Print every temporal expression of one article with its TIMEX3 type and value. "
        "Offsets are character offsets into the article text (for .txt: the file as read).",
    )
    e.add_argument("file", metavar="FILE", help="an article file, or - for standard input (plain text)")
    e.add_argument("--published", type=_date, metavar="DATE",
                   help="publication date (YYYY-MM-DD); without one, relative expressions stay unresolved")
    e.add_argument("--format", choices=["jsonl", "table"], default="jsonl", help="output format (default: jsonl)")
    e.add_argument("--periods", action="append", type=Path, metavar="FILE",
                   help="YAML file of named periods and terms of office to add to the built-in table "
                   "(repeatable; format in timeline/temporal/README.md)")
    e.set_defaults(run=cmd_extract)

    s = sub.add_parser("schema", help="print the JSON Schema of timeline.json",
                       description="Print the JSON Schema (Draft 2020-12) that timeline.json follows.")
    s.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE instead of standard output")
    s.set_defaults(run=cmd_schema)

    v = sub.add_parser(
        "eval",
        help="score the tagger (or the events) against TimeML / MEANTIME gold",
        description="Run the temporal tagger on TimeML gold documents (.tml files or folders) with their "
        "creation times and print TempEval-3 scores: relaxed and strict P/R/F1, type and value accuracy "
        "and F1. With --events, read MEANTIME CAT XML and score event coverage and dating.",
    )
    v.add_argument("gold", nargs="+", type=Path, metavar="GOLD", help="gold files or folders")
    v.add_argument("--events", action="store_true", help="score events against MEANTIME CAT XML anchors")
    v.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N errors of each kind with context")
    v.add_argument("--include", action="append", metavar="GLOB", help="only documents whose file name matches (repeatable)")
    v.add_argument("--json", action="store_true", help="print the scores as JSON (an --errors listing goes to standard error)")
    v.add_argument("--convention", choices=["timeml", "meantime"], default="timeml",
                   help="annotation convention of the gold: timeml (TimeML 1.2.1 / TempEval-3, what the tagger "
                   "writes; default) or meantime (rewrite the tagger's output the way MEANTIME annotates: "
                   "'two years ago' as P2Y, 'from 2009 to 2011' as one duration ...; for scoring only)")
    v.set_defaults(run=cmd_eval)
    return p


# --- commands -----------------------------------------------------------------------------------


def _articles(inputs: Sequence[str], published: dt.date | dt.datetime | None, problems: list[InputError]) -> Iterator[Article]:
    """Articles from every input; problems are collected and reported, never fatal for the rest."""
    seen: dict[str, int] = {}
    for item in inputs:
        try:
            paths = list(ingest.discover([item]))
        except InputError as exc:
            problems.append(exc)
            continue
        if not paths and Path(item).is_dir():
            problems.append(InputError(item, f"no articles in this folder (looked for {', '.join(sorted(ingest.READERS))})"))
        for path in paths:
            for got in ingest.read(path, published):
                if isinstance(got, InputError):
                    problems.append(got)
                    continue
                count = seen.get(got.id, 0)
                seen[got.id] = count + 1
                if count:  # two inputs with one id: keep both, distinguishable
                    got = got.model_copy(update={"id": f"{got.id}~{count + 1}"})
                yield got


def _periods(args: argparse.Namespace):  # noqa: ANN202 - the table type lives in timeline.temporal
    """The named-period table with the user's --periods files, read once (bad files: InputError)."""
    if not args.periods:
        return None
    from timeline import temporal

    return temporal.load_periods(args.periods)


def cmd_build(args: argparse.Namespace) -> int:
    periods = _periods(args)
    problems: list[InputError] = []
    warnings: list[str] = []
    articles = list(_articles(args.inputs, args.published, problems))
    for problem in problems:
        err.print(f"timeline: error: {problem}", markup=False)
    if not articles:
        raise UsageError("no articles to build a timeline from" + (f" ({len(problems)} input(s) rejected)" if problems else ""))

    def seen(result: pipeline.ArticleResult) -> None:
        warnings.extend(f"{result.article.origin or result.article.id}: {w}" for w in result.warnings)
        progress.advance(task)

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=args.quiet or not err.is_terminal, transient=True) as progress:
        task = progress.add_task("articles", total=len(articles))
        timeline = pipeline.build(articles, title=args.title, on_result=seen, min_confidence=args.min_confidence,
                                  periods=periods)

    options = ExportOptions(plotlyjs=args.plotlyjs, lanes=args.lanes)
    from timeline import export  # imported late: the exporters pull in plotly

    written, failed = [], []
    for fmt in args.formats:
        try:
            written += export.write(timeline, args.output, [fmt], options)
        except TimelineError as exc:
            failed.append(f"{fmt}: {exc}")
    if not args.quiet:
        for w in warnings:
            err.print(f"timeline: warning: {w}", markup=False)
    for f in failed:
        err.print(f"timeline: error: {f}", markup=False)
    if not args.quiet:
        no_start = sum(1 for e in timeline.events if e.when.start is None)
        note = f" ({no_start} with no start date: left out of the calendar)" if no_start and "ics" in args.formats else ""
        err.print(f"{len(articles)} article(s), {len(timeline.events)} event(s){note} -> "
                  + (", ".join(str(p) for p in written) or "nothing written"), markup=False)
    if problems:
        err.print(f"timeline: {len(problems)} input problem(s) above; the other articles were built", markup=False)
    return EXIT_INPUT if problems or failed else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    periods = _periods(args)
    if args.file == "-":
        data = sys.stdin.buffer.read()
        article = ingest.read_text(utf8("<stdin>", data), id="stdin", published=args.published)
    else:
        problems: list[InputError] = []
        got = list(_articles([args.file], args.published, problems))
        if problems:
            raise problems[0]
        if len(got) != 1:
            raise UsageError(f"{args.file}: extract takes one article, this file holds {len(got)}")
        article = got[0]
    from timeline import temporal

    mentions, warnings = temporal.tag_with_warnings(article, periods)
    for w in warnings:
        err.print(f"timeline: warning: {article.origin or article.id}: {w}", markup=False)
    if args.format == "jsonl":
        out = sys.stdout
        for m in mentions:
            row = {"start": m.start, "end": m.end, "text": m.text, "type": str(m.when.type), "value": m.when.value,
                   "when": m.when.model_dump(mode="json", exclude_none=True)}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return EXIT_OK
    table = Table(title=f"{article.title} (published {article.published or 'unknown'})")
    for col in ("start", "end", "text", "type", "value", "from", "to", "precision", "anchor"):
        table.add_column(col)
    for m in mentions:
        w = m.when
        table.add_row(str(m.start), str(m.end), m.text, str(w.type), w.value, str(w.start or ""), str(w.end or ""),
                      str(w.precision or ""), str(w.anchor))
    out = Console()
    if not out.is_terminal:  # piped: do not squeeze the table into 80 columns
        out = Console(width=max(out.width, 200))
    out.print(table)
    return EXIT_OK


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
    if args.events:
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
