"""Time the HTML timeline in a real headless Chromium: how long until a page of N events is usable.

    python bench/html_page.py [--events 1000,5000,20000] [--loads 3] [--json FILE]

The page measures itself (``window.__timelineTimes``, ms since navigation start: script start, data
parsed, traces built, chart drawn, ready = labels checked and controls wired, painted = the first frame
after ready, when the WebGL markers are on the screen). The browser is warmed up on a small
page first, as a reader's browser is running already, and each size is loaded --loads times; the
best load is the figure (the fastest round is the one least disturbed by other work on a shared
machine), the median beside it. Then a search of the table is timed. Target (issue 11): a 20,000-event
page ready in under 3 seconds; `--check` makes a missed target exit 1 (the browser test of that target:
a benchmark, not a unit test, as wall-clock limits in unit tests fail on loaded machines).

Needs Playwright for Python and Debian's Chromium (/usr/bin/chromium, or $TIMELINE_CHROMIUM); never
downloads a browser. The timeline comes from tests/export/many_events.py (our own sentences).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "export"))

from many_events import make_many_timeline  # noqa: E402

from timeline.export import ExportOptions, render  # noqa: E402

CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--no-first-run"]
TARGET_MS = {20_000: 3000}


def write_page(n: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in render(make_many_timeline(n), "html", ExportOptions()).items():
        (folder / name).write_bytes(data)
    return folder / "timeline.html"


def load(context, page_file: Path) -> tuple[dict, float]:
    """One load: the page's own times, then the ms a search of the table takes to answer."""
    page = context.new_page()
    try:
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        page.wait_for_function("() => window.__timelineReady && window.__timelineTimes.painted", timeout=120_000)
        times = page.evaluate("() => window.__timelineTimes")
        started = time.perf_counter()
        page.fill("#tl-search", "copper mine")
        page.wait_for_function("() => document.getElementById('tl-count').textContent.includes('match')",
                               timeout=60_000)
        return times, (time.perf_counter() - started) * 1000
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default="1000,5000,20000", help="comma-separated page sizes")
    parser.add_argument("--loads", type=int, default=3, help="loads per size; the best counts")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a size with a target misses it")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.events.split(",") if s]
    if not Path(CHROMIUM).exists():
        parser.error(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    results, missed = [], []
    with tempfile.TemporaryDirectory(prefix="timeline-bench-html-") as tmp, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1280, "height": 900}, service_workers="block")
        try:
            load(context, write_page(10, Path(tmp) / "warm"))
            print(f"{'events':>8} {'page MB':>8} {'best ready ms':>14} {'median':>8} {'painted':>8} {'search ms':>10}  target")
            for n in sizes:
                page_file = write_page(n, Path(tmp) / str(n))
                loads = [load(context, page_file) for _ in range(args.loads)]
                ready = [t["ready"] for t, _ in loads]
                row = {"events": n, "page_bytes": page_file.stat().st_size, "ready_ms": ready,
                       "best_ready_ms": min(ready), "median_ready_ms": statistics.median(ready),
                       "best_painted_ms": min(t["painted"] for t, _ in loads),
                       "search_ms": min(s for _, s in loads), "times": [t for t, _ in loads]}
                target = TARGET_MS.get(n)
                verdict = "" if target is None else (f"< {target} ms: " + ("met" if min(ready) < target else "NOT met"))
                print(f"{n:>8} {row['page_bytes'] / 1e6:>8.1f} {row['best_ready_ms']:>14.0f} "
                      f"{row['median_ready_ms']:>8.0f} {row['best_painted_ms']:>8.0f} {row['search_ms']:>10.0f}  {verdict}")
                results.append(row)
                if target is not None and min(ready) >= target:
                    missed.append(n)
        finally:
            context.close()
    if args.json:
        args.json.write_text(json.dumps({"load_average": os.getloadavg(), "results": results}, indent=1))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
