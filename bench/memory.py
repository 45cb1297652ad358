"""Where a build's memory goes: the peak RSS of each phase of one `pipeline.run`, in this process.

    python bench/memory.py CORPUS [--formats html,ics,json] [--jobs 1] [--tracemalloc]
    python bench/memory.py --synthetic 1250

The build runs in this process (``--jobs 1``: no workers, so the process is the whole tree) while a
thread samples its RSS every 20 ms (psutil) and files each sample under the phase running then:
reading and the per-article stage, the merge (grouping, ranking, key events), and each exporter.
``--tracemalloc`` also reports the Python allocations alive at the end of the per-article stage
(what the build keeps per event), grouped by source line: slower, for finding the holders.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from typing import Self  # noqa: E402 - after the path set-up above

import synthetic  # noqa: E402 - after the path set-up above

from timeline import export, pipeline  # noqa: E402 - after the path set-up above

MB = 1 << 20


class Phases:
    """Peak RSS per phase, sampled by a thread."""

    def __init__(self) -> None:
        self.phase = "start-up"
        self.peaks: dict[str, float] = {}
        self._proc = psutil.Process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            rss = self._proc.memory_info().rss / MB
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), rss)
            time.sleep(0.02)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def enter(self, phase: str) -> None:
        rss = self._proc.memory_info().rss / MB  # the end of the phase before counts for it
        self.peaks[self.phase] = max(self.peaks.get(self.phase, 0.0), rss)
        self.phase = phase


def _wrap(phases: Phases, owner: object, name: str, phase) -> None:
    real = getattr(owner, name)

    def wrapped(*args, **kwargs):
        phases.enter(phase(*args) if callable(phase) else phase)
        return real(*args, **kwargs)

    setattr(owner, name, wrapped)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", nargs="?", type=Path)
    p.add_argument("--synthetic", type=int, metavar="N")
    p.add_argument("--formats", default="html,ics,json")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--tracemalloc", action="store_true")
    p.add_argument("--json", type=Path, metavar="FILE")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        corpus = args.corpus
        if args.synthetic:
            corpus = Path(tmp) / "corpus.jsonl"
            with corpus.open("w", encoding="utf-8") as fh:
                for record in synthetic.corpus(args.synthetic):
                    fh.write(json.dumps(record) + "\n")
        if corpus is None:
            p.error("give a CORPUS or --synthetic N")
        with Phases() as phases:
            phases.enter("read and process")
            kept: list[tuple] = []
            if args.tracemalloc:
                tracemalloc.start(1)

                def snapshot(*_a, **_k) -> str:
                    kept.append(tuple(tracemalloc.take_snapshot().statistics("lineno")[:15]))
                    return "merge"
            _wrap(phases, pipeline, "group_stream", snapshot if args.tracemalloc else "merge")
            _wrap(phases, export, "chunks", lambda timeline, fmt, *rest: f"export {fmt}")
            started = time.perf_counter()
            summary = pipeline.run(pipeline.BuildOptions(inputs=(str(corpus),), output=Path(tmp) / "out",
                                                         formats=tuple(args.formats.split(",")), jobs=args.jobs))
            seconds = time.perf_counter() - started
            phases.enter("done")
    result = {"corpus": str(args.corpus or f"synthetic {args.synthetic}"), "articles": summary.articles,
              "events": summary.events, "seconds": round(seconds, 1),
              "peak_rss_mb": {k: round(v, 1) for k, v in phases.peaks.items()}}
    print(f"{summary.articles} articles, {summary.events} events, {seconds:.1f} s")
    for phase, peak in phases.peaks.items():
        print(f"  {phase:<20} peak RSS {peak:8.1f} MB")
    if kept:
        print("  Python allocations alive after the per-article stage (tracemalloc, top lines):")
        for stat in kept[0]:
            print(f"    {stat.size / MB:8.1f} MB {stat.count:9,d} blocks  {stat.traceback[0]}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
