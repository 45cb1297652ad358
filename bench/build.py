"""End-to-end throughput and memory of `timeline build`, for 1 and N jobs, with a peer in the same run.

    python bench/build.py CORPUS [--articles 5000] [--jobs 1,2] [--scale] [--peer-articles 100] [--json FILE]
    python bench/build.py --synthetic 5000 ...        # no data needed: bench/synthetic.py writes the corpus

CORPUS is anything `timeline build` reads (a file or folder), or a Timeline17-style folder (articles/
plus dct.json, such as ../shared/corpora/t17-dev), whose publication dates are taken from dct.json.
The corpus is written once as JSON lines (cycled with new ids up to --articles when it is smaller, so
repeats are reported) and every build runs as its own `python -m timeline build ... -q` process with
html, ics and json written, so start-up, reading, the per-article stage, the merge and the exports
are all in the time. Measured per build: wall time, articles/s and MB/s of article text, CPU time of
the process tree, and the peak memory of the whole tree (the build and its worker processes): the
sum of RSS (counts pages shared between processes once per process, so it over-states) and of PSS
(shares them out), sampled every 100 ms (PSS every 500 ms).

--scale adds a one-job build of a quarter of the articles (linearity: 4x the articles should take
less than 5x the time). The peer, `dateparser.search_dates` (languages en, the publication date as
RELATIVE_BASE), runs in this process on the first --peer-articles texts, with our tagger alone on the
same texts for the ratio. --stages times each stage in this process over the first --stage-articles
articles (read, tag, events, merge, each export): where the time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402

FORMATS = "html,ics,json"
_SUMMARY = re.compile(r"([\d,]+) article\(s\), ([\d,]+) event\(s\)")


# --- the corpus --------------------------------------------------------------------------------


def _records(corpus: Path) -> Iterator[dict]:
    """Article records of a corpus: a Timeline17-style folder, or whatever `timeline build` reads."""
    dct = corpus / "dct.json"
    if corpus.is_dir() and dct.is_file() and (corpus / "articles").is_dir():
        dates = json.loads(dct.read_text("utf-8"))
        for name in sorted(dates):
            text = (corpus / "articles" / name).read_text("utf-8", errors="replace")
            if text.strip():
                topic = name.split("__")[0]
                yield {"id": Path(name).stem, "title": Path(name).stem, "source": topic.split("_", 1)[-1],
                       "published": dates[name], "text": text}
        return
    from timeline import ingest

    for path in ingest.discover([corpus]):
        for got in ingest.read(path):
            if not isinstance(got, Exception):
                yield {"id": got.id, "title": got.title, "source": got.source, "url": got.url,
                       "published": got.published.isoformat() if got.published else None, "text": got.text}


def write_corpus(records: list[dict], articles: int, path: Path) -> dict[str, Any]:
    """The first ``articles`` records (cycled with new ids when there are fewer) as JSON lines."""
    rounds = 0
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for i, record in enumerate(itertools.islice(itertools.cycle(records), articles)):
            rounds = i // len(records)
            if rounds:
                record = {**record, "id": f"{record['id']}~r{rounds}"}
            size += len(record["text"].encode("utf-8"))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"articles": articles, "distinct": min(articles, len(records)), "text_mb": size / 1e6, "cycles": rounds + 1}


# --- one build, measured -----------------------------------------------------------------------


class TreeMemory:
    """Peak RSS and PSS of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.1, pss_every: int = 5) -> None:
        self.root = psutil.Process(pid)
        self.every, self.pss_every = every, pss_every  # PSS reads smaps: costly, so every few samples
        self.peak_rss = self.peak_pss = 0
        self.processes = 1
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds last seen (children that exit keep their last)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        tick = 0
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            tick += 1
            for p in procs:
                try:
                    if tick % self.pss_every == 0:
                        full = p.memory_full_info()
                        rss += full.rss
                        pss += full.pss
                    else:
                        rss += p.memory_info().rss
                    times = p.cpu_times()
                    self.cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    pass
            self.processes = max(self.processes, len(procs))
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(self.every)


def build(corpus: Path, jobs: int, out: Path, info: dict[str, Any], engine: str = "local") -> dict[str, Any]:
    cmd = [sys.executable, "-m", "timeline", "build", str(corpus), "-o", str(out), "-q", "--format", FORMATS,
           "--jobs", str(jobs), "--engine", engine]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    with TreeMemory(proc.pid) as memory:
        _, stderr = proc.communicate()
    wall = time.perf_counter() - start
    m = _SUMMARY.search(stderr)
    if proc.returncode not in (0, 2) or m is None:  # 2: some inputs reported, the others built
        sys.exit(f"bench: build failed ({proc.returncode}):\n{stderr[-3000:]}")
    problems = [line for line in stderr.splitlines() if line.startswith("timeline: error:")]
    built = int(m.group(1).replace(",", "")) if m else info["articles"]
    return {
        "jobs": jobs, "engine": engine, "articles": built, "events": int(m.group(2).replace(",", "")) if m else None,
        "wall_s": round(wall, 2), "cpu_s": round(sum(memory.cpu.values()), 2),
        "articles_per_s": round(built / wall, 1), "mb_per_s": round(info["text_mb"] / wall, 3),
        "peak_rss_mb": round(memory.peak_rss / 1e6, 1), "peak_pss_mb": round(memory.peak_pss / 1e6, 1),
        "processes": memory.processes, "outputs": sorted(p.name for p in out.iterdir()),
        "problems": [line[:300] for line in problems],
    }


# --- the peer, and the stages in this process --------------------------------------------------


def peer(records: list[dict], n: int) -> dict[str, Any]:
    """dateparser.search_dates and our tagger alone over the same texts, interleaved per article."""
    import warnings

    import dateparser.search

    from timeline import temporal
    from timeline.models import Article

    warnings.filterwarnings("ignore")
    texts = records[:n]
    ours = theirs = 0.0
    found_ours = found_theirs = 0
    for r in records[n : n + 20] or texts[:20]:  # compile the sub-grammars first: start-up is not throughput
        temporal.tag(Article(id="warm", text=r["text"], published=dt.date(2025, 3, 4)))
    for r in texts:
        published = dt.date.fromisoformat(r["published"][:10]) if r.get("published") else None
        article = Article(id=r["id"], text=r["text"], published=published)
        t = time.process_time()
        found_ours += len(temporal.tag(article))
        ours += time.process_time() - t
        base = dt.datetime.combine(published, dt.time()) if published else None
        t = time.process_time()
        got = dateparser.search.search_dates(r["text"], languages=["en"], settings={"RELATIVE_BASE": base} if base else None)
        theirs += time.process_time() - t
        found_theirs += len(got or [])
    mb = sum(len(r["text"].encode("utf-8")) for r in texts) / 1e6
    return {"articles": len(texts), "text_mb": round(mb, 3),
            "tagger_mb_per_s": round(mb / ours, 3), "tagger_found": found_ours,
            "dateparser_mb_per_s": round(mb / theirs, 4), "dateparser_found": found_theirs,
            "tagger_over_dateparser": round(theirs / ours, 1)}


def stages(records: list[dict], n: int, out: Path) -> dict[str, float]:
    """Seconds per stage (CPU time) over the first ``n`` articles, serially in this process."""
    from timeline import events, export, ingest, temporal
    from timeline.events.merge import merge
    from timeline.pipeline import default_title

    path = out / "sample.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:n]), "utf-8")
    for r in records[n : n + 20]:  # compile the sub-grammars first: start-up is not throughput
        temporal.tag(ingest.read_text(r["text"], published=dt.date(2025, 3, 4)))
    took: dict[str, float] = {}

    def clock(name: str, t: float) -> None:
        took[name] = took.get(name, 0.0) + time.process_time() - t

    t = time.process_time()
    articles = [a for a in ingest.read(path) if not isinstance(a, Exception)]
    clock("read", t)
    found = []
    for a in articles:
        t = time.process_time()
        mentions = temporal.tag(a)
        clock("tag", t)
        t = time.process_time()
        found += events.extract_events(a, mentions)
        clock("events", t)
    t = time.process_time()
    infos = [a.info() for a in articles]
    timeline = merge(infos, found, default_title(infos))
    clock("merge", t)
    for fmt in FORMATS.split(","):
        t = time.process_time()
        export.render(timeline, fmt)
        clock(f"export {fmt}", t)
    return {"articles": len(articles), "events": len(timeline.events),
            **{k: round(v, 2) for k, v in took.items()}, "ms_per_article": {k: round(1000 * v / len(articles), 2) for k, v in took.items()}}


# --- the command -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", nargs="?", type=Path, help="a corpus folder or file (see above)")
    p.add_argument("--synthetic", type=int, metavar="N", help="use N synthetic articles instead (bench/synthetic.py)")
    p.add_argument("--articles", type=int, help="build this many articles (default: the whole corpus)")
    p.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}", help="comma-separated job counts (default: 1,cores)")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scale", action="store_true", help="also a one-job build of a quarter of the articles")
    p.add_argument("--peer-articles", type=int, default=100, help="texts for the dateparser comparison (0: none)")
    p.add_argument("--stages", action="store_true", help="time each stage in this process")
    p.add_argument("--stage-articles", type=int, default=200)
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    args = p.parse_args(argv)
    if (args.corpus is None) == (args.synthetic is None):
        p.error("give a CORPUS or --synthetic N")
    if args.synthetic is not None:
        records = list(synthetic.corpus(args.synthetic))
        name = f"synthetic ({args.synthetic} articles, bench/synthetic.py seed 1)"
    else:
        if not args.corpus.exists():
            p.error(f"{args.corpus} not found")
        records = list(_records(args.corpus))
        name = str(args.corpus)
    if not records:
        p.error("no articles in the corpus")
    n = args.articles or len(records)
    results: dict[str, Any] = {
        "corpus": name, "date": dt.date.today().isoformat(), "python": platform.python_version(),
        "cores": os.cpu_count(), "load_average": os.getloadavg(),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout.strip(),
    }
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmpdir = Path(tmp)
        full = tmpdir / "corpus.jsonl"
        results["input"] = info = write_corpus(records, n, full)
        print(f"corpus: {name}: {info['articles']} articles ({info['distinct']} distinct), {info['text_mb']:.1f} MB of text")
        runs = []
        for jobs in [int(j) for j in args.jobs.split(",")]:
            r = build(full, jobs, tmpdir / f"out-{jobs}", info, args.engine)
            runs.append(r)
            print(f"  {jobs} job(s), {args.engine}: {r['wall_s']:.1f} s, {r['articles_per_s']} articles/s, {r['mb_per_s']} MB/s, "
                  f"CPU {r['cpu_s']:.1f} s, peak {r['peak_rss_mb']:.0f} MB RSS / {r['peak_pss_mb']:.0f} MB PSS "
                  f"({r['processes']} processes), {r['events']} events"
                  + (f", {len(r['problems'])} input problem(s): {r['problems'][0][:160]}" if r["problems"] else ""))
        results["builds"] = runs
        if len(runs) > 1:
            fewest, most = min(runs, key=lambda r: r["jobs"]), max(runs, key=lambda r: r["jobs"])
            results["speedup"] = round(fewest["wall_s"] / most["wall_s"], 2)
            print(f"  speed-up {most['jobs']} jobs over {fewest['jobs']}: {results['speedup']}x")
        if args.scale:
            quarter = tmpdir / "quarter.jsonl"
            qinfo = write_corpus(records, max(1, n // 4), quarter)
            q = build(quarter, 1, tmpdir / "out-quarter", qinfo, args.engine)
            one = next((r for r in runs if r["jobs"] == 1), None) or build(full, 1, tmpdir / "out-1b", info, args.engine)
            results["scale"] = {"quarter": q, "ratio_time_4x_articles": round(one["wall_s"] / q["wall_s"], 2),
                                "ratio_cpu_4x_articles": round(one["cpu_s"] / q["cpu_s"], 2)}
            print(f"  scale: {q['articles']} articles {q['wall_s']:.1f} s -> {one['articles']} articles {one['wall_s']:.1f} s: "
                  f"{results['scale']['ratio_time_4x_articles']}x the time (CPU {results['scale']['ratio_cpu_4x_articles']}x) "
                  f"for {one['articles'] / q['articles']:.1f}x the articles")
        if args.peer_articles:
            results["peer"] = peer(records, args.peer_articles)
            pr = results["peer"]
            print(f"  peer on {pr['articles']} texts ({pr['text_mb']} MB): our tagger {pr['tagger_mb_per_s']} MB/s, "
                  f"dateparser.search_dates {pr['dateparser_mb_per_s']} MB/s: tagger {pr['tagger_over_dateparser']}x; "
                  f"end to end at {runs[0]['jobs']} job(s): {runs[0]['mb_per_s'] / pr['dateparser_mb_per_s']:.1f}x dateparser")
        if args.stages:
            results["stages"] = stages(records, args.stage_articles, tmpdir)
            print(f"  stages (CPU s over {results['stages']['articles']} articles): "
                  + ", ".join(f"{k} {v}" for k, v in results["stages"].items() if isinstance(v, float)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
