"""Throughput and memory of `timeline extract` (tagger + JSONL) against peers, in one process and one run.

    /work/venv/bin/python bench/throughput.py [--target-mb 4] [--peer-kb 200] [--json bench/results/x.json]

The corpus is news by default: the document text of the TimeML gold of ../shared/corpora/meantime-dev
and ../shared/corpora/tbaq (--corpora adds wikiwars or t17-dev), repeated until it reaches --target-mb. Our path per article is `timeline.temporal.tag` plus the JSONL
rows `timeline extract` writes. Peers run on the same articles as our tagger, in rounds on disjoint text (they are slow):
`dateparser.search_dates` (English, publication date as RELATIVE_BASE) and, when importable,
`timefhuman`. Our throughput is the fastest of --rounds passes (no result caches); the peer comparison
sums --rounds rounds, each on text nobody has seen, tools interleaved. Ratios compare CPU-time throughput, which other processes on the machine disturb less than wall time. Memory: peak RSS of the process, and tracemalloc's peak while tagging 1x and 3x the
corpus (flat means the tagger streams: nothing is kept per article).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# news by default (the speed target is for news): MEANTIME's WikiNews articles and TimeBank/AQUAINT's
# wire stories; wikiwars (Wikipedia war histories, a date in most sentences) and t17-dev (news from
# five outlets, one sentence per line) on request
SOURCES = {"meantime-dev": ["meantime-dev/tml"], "tbaq": ["tbaq/TimeBank", "tbaq/AQUAINT"],
           "wikiwars": ["wikiwars/tml"], "t17-dev": ["t17-dev"]}
CORPORA = ("meantime-dev", "tbaq")

sys.path.insert(0, str(REPO))  # run from a checkout without installing

from timeline.evaluate import article_of  # noqa: E402 - after the path set-up above
from timeline.evaluate.timeml import read_corpus  # noqa: E402 - after the path set-up above
from timeline.models import Article  # noqa: E402 - after the path set-up above


def load_articles(shared: Path, corpora: Iterable[str] = CORPORA) -> list[Article]:
    articles: list[Article] = []
    for name in corpora:
        for sub in SOURCES[name]:
            folder = shared / "corpora" / sub
            if not folder.is_dir():
                sys.exit(f"bench: {folder} not found (the shared corpora sit beside the repository)")
            if name == "t17-dev":  # plain text, publication dates in dct.json
                dates = json.loads((folder / "dct.json").read_text(encoding="utf-8"))
                for f in sorted((folder / "articles").glob("*.txt")):
                    text = f.read_text(encoding="utf-8")
                    if text.strip():
                        articles.append(Article(id=f.stem, text=text, published=dt.date.fromisoformat(dates[f.name])))
            else:
                articles += [article_of(d) for d in read_corpus([folder])]
    return articles


def stream(articles: list[Article], repeats: int) -> Iterator[Article]:
    for r in range(repeats):
        for a in articles:
            yield a if r == 0 else a.model_copy(update={"id": f"{a.id}#{r}"})


def nbytes(articles: Iterable[Article]) -> int:
    return sum(len(a.text.encode("utf-8")) for a in articles)


class Sink:
    """A write target that counts bytes and keeps nothing (stands in for stdout)."""

    def __init__(self) -> None:
        self.bytes = 0

    def write(self, s: str) -> int:
        self.bytes += len(s)
        return len(s)


def extract(article: Article, out: TextIO | Sink, tag: Callable[[Article], Any]) -> int:
    """What `timeline extract --format jsonl` does per article, minus reading the file."""
    mentions = tag(article)
    for m in mentions:
        row = {"start": m.start, "end": m.end, "text": m.text, "type": str(m.when.type), "value": m.when.value,
               "when": m.when.model_dump(mode="json", exclude_none=True)}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(mentions)


def timed(run: Callable[[], int]) -> dict[str, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    n = run()
    return {"wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0, "items": n}


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest of several rounds (by CPU time): the others lost time to the neighbours, not to the code."""
    return min(runs, key=lambda t: t["cpu_s"])


def rate(size: int, docs: int, t: dict[str, float]) -> dict[str, Any]:
    cpu, wall = max(t["cpu_s"], 1e-9), max(t["wall_s"], 1e-9)
    return {"bytes": size, "docs": docs, "items": int(t["items"]), "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "mb_per_s_cpu": round(size / cpu / 1e6, 3), "mb_per_s_wall": round(size / wall / 1e6, 3),
            "docs_per_s_cpu": round(docs / cpu, 1)}


def chunks(articles: list[Article], n: int, max_bytes: int) -> list[list[Article]]:
    """Up to n consecutive, disjoint runs of articles of about max_bytes each.

    Every round gets text no tool has seen: timefhuman keeps a global cache of segment results,
    so text seen in an earlier round would be a lookup, not a parse.
    """
    out: list[list[Article]] = [[]]
    total = 0
    for a in articles:
        if total >= max_bytes:
            if len(out) == n:
                break
            out.append([])
            total = 0
        out[-1].append(a)
        total += len(a.text.encode("utf-8"))
    return out


def summed(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: sum(r[k] for r in runs) for k in ("wall_s", "cpu_s", "items")}


def _base(a: Article) -> dt.datetime:
    p = a.published or dt.date(2000, 1, 1)
    return dt.datetime(p.year, p.month, p.day)


def dateparser_runner(articles: list[Article]) -> Callable[[], int]:
    from dateparser.search import search_dates

    def go() -> int:
        found = 0
        for a in articles:
            found += len(search_dates(a.text, languages=["en"], settings={"RELATIVE_BASE": _base(a)}) or [])
        return found

    warnings.simplefilter("ignore")  # dateparser's deprecation noise would go to the terminal
    search_dates("warm up on June 10, 2025", languages=["en"])  # loads the language data outside the timing
    return go


def timefhuman_runner(articles: list[Article]) -> Callable[[], int] | None:
    try:
        from timefhuman import tfhConfig, timefhuman
    except ImportError:
        return None

    def go() -> int:
        found = 0
        for a in articles:
            found += len(timefhuman(a.text, config=tfhConfig(now=_base(a))) or [])
        return found

    return go


def peak_traced(articles: Iterable[Article], tag: Callable[[Article], Any]) -> int:
    tracemalloc.start()
    try:
        sink = Sink()
        for a in articles:
            extract(a, sink, tag)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target-mb", type=float, default=4.0, help="repeat the corpus up to this size (default 4)")
    ap.add_argument("--peer-kb", type=float, default=200.0,
                    help="text per round for the peer comparison (default 200 KB; rounds use disjoint text)")
    ap.add_argument("--no-peers", action="store_true", help="skip dateparser and timefhuman")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    ap.add_argument("--rounds", type=int, default=3, help="repeat each measurement, keep the fastest (default 3)")
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: beside the repo)")
    ap.add_argument("--corpora", default=",".join(CORPORA), metavar="LIST",
                    help=f"comma-separated corpora from {', '.join(SOURCES)} (default: {','.join(CORPORA)}, news)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON (bench/results/ is ignored by git)")
    args = ap.parse_args(argv)

    try:
        from timeline.temporal import tag
    except ImportError as exc:
        sys.exit(f"bench: the tagger is not available ({exc})")

    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    unknown = [c for c in corpora if c not in SOURCES]
    if unknown or not corpora:
        sys.exit(f"bench: unknown corpus {', '.join(unknown) or '(none)'}; choose from {', '.join(SOURCES)}")
    articles = load_articles(args.shared, corpora)
    base = nbytes(articles)
    repeats = max(1, round(args.target_mb * 1e6 / base))
    t0 = time.perf_counter()
    tag(articles[0])  # compile the grammar: start-up, reported apart
    startup = time.perf_counter() - t0
    for a in articles:  # one untimed pass: tables that load lazily on first use are start-up too
        extract(a, Sink(), tag)

    sink = Sink()
    ours_t = best([timed(lambda: sum(extract(a, sink, tag) for a in stream(articles, repeats)))
                   for _ in range(args.rounds)])
    ours = rate(base * repeats, len(articles) * repeats, ours_t)
    ours["jsonl_bytes"] = sink.bytes // args.rounds
    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),  # when the bench ran, not a data date
        "python": platform.python_version(), "machine": platform.machine(),
        "corpus": {"documents": len(articles), "bytes": base, "repeats": repeats, "sources": corpora},
        "startup_s": round(startup, 3), "rounds": args.rounds, "ours": ours,
    }
    if not args.no_peers:
        parts = chunks(articles, args.rounds, int(args.peer_kb * 1000))
        makers: dict[str, Callable[[list[Article]], Callable[[], int] | None]] = {
            "ours": lambda docs: lambda: sum(extract(a, Sink(), tag) for a in docs),
            "dateparser": dateparser_runner,
            "timefhuman": timefhuman_runner,
        }
        times: dict[str, list[dict[str, float]]] = {}
        for docs in parts:  # tools interleaved on the same fresh text, so they meet the same neighbours
            for k, make in makers.items():
                run = make(docs)
                if run is not None:
                    times.setdefault(k, []).append(timed(run))
        size, ndocs = sum(nbytes(d) for d in parts), sum(len(d) for d in parts)
        result["same_text"] = {k: rate(size, ndocs, summed(v)) for k, v in times.items()}
        mine = result["same_text"]["ours"]
        for peer in ("dateparser", "timefhuman"):
            if peer in result["same_text"]:
                theirs = result["same_text"][peer]["mb_per_s_cpu"]
                result[f"ratio_vs_{peer}"] = round(mine["mb_per_s_cpu"] / theirs, 1) if theirs else None
    if not args.no_memory:
        one, three = peak_traced(stream(articles, 1), tag), peak_traced(stream(articles, 3), tag)
        result["memory"] = {"tracemalloc_peak_1x_mb": round(one / 1e6, 2), "tracemalloc_peak_3x_mb": round(three / 1e6, 2)}
    result.setdefault("memory", {})["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    print(render(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


def render(r: dict[str, Any]) -> str:
    c, o = r["corpus"], r["ours"]
    lines = [(f"corpus: {c['documents']} documents, {c['bytes'] / 1e6:.2f} MB x {c['repeats']} "
             f"= {o['bytes'] / 1e6:.2f} MB (start-up {r['startup_s']:.2f} s, not counted)"),
             f"{'':28s} {'MB/s cpu':>9s} {'MB/s wall':>9s} {'docs/s':>8s} {'found':>7s}",
             _row("timeline extract", o)]
    same = r.get("same_text", {})
    if same:
        lines.append(f"same {same['ours']['bytes'] / 1e3:.0f} KB of text, {r['rounds']} rounds on fresh text:")
        for name, d in same.items():
            lines.append(_row(f"  {name}", d))
        for k, v in r.items():
            if k.startswith("ratio_vs_"):
                lines.append(f"ratio (cpu) timeline extract / {k[9:]}: {v}x")
    m = r.get("memory", {})
    if "tracemalloc_peak_1x_mb" in m:
        lines.append(f"memory: tracemalloc peak {m['tracemalloc_peak_1x_mb']} MB at 1x, "
                     f"{m['tracemalloc_peak_3x_mb']} MB at 3x the corpus; peak RSS {m['peak_rss_mb']} MB")
    else:
        lines.append(f"memory: peak RSS {m['peak_rss_mb']} MB")
    return "\n".join(lines)


def _row(name: str, d: dict[str, Any]) -> str:
    return (f"{name:28s} {d['mb_per_s_cpu']:9.3f} {d['mb_per_s_wall']:9.3f} {d['docs_per_s_cpu']:8.1f} "
            f"{d['items']:7d}")


if __name__ == "__main__":
    sys.exit(main())
