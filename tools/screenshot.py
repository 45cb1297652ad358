"""Render an exported HTML timeline to a PNG in headless Chromium (for the README picture).

    python tools/screenshot.py [exports/timeline.html] [docs/timeline.png] [--width 1280]
    python tools/screenshot.py --sample docs/timeline.png     # the test fixtures' sample timeline

Same browser set-up as the tests: Debian's /usr/bin/chromium driven by Playwright for Python, no
browser download, no network. Exits non-zero if the page logs an error or tries to fetch anything.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Keep in sync with tests/export/conftest.py.
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def sample_html(folder: Path) -> Path:
    """Export the tests' sample timeline (tests/conftest.py) as HTML into ``folder``."""
    sys.path[:0] = [str(REPO), str(REPO / "tests")]
    from conftest import make_sample_timeline  # noqa: PLC0415 - test data, only for --sample

    from timeline.export import render  # noqa: PLC0415

    for name, data in render(make_sample_timeline(), "html").items():
        (folder / name).write_bytes(data)
    return folder / "timeline.html"


def screenshot(html: Path, png: Path, width: int = 1280, chromium: str = CHROMIUM, height: int | None = None) -> list[str]:
    """Write ``png`` (the whole page, or its top ``height`` pixels); returns the problems seen."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional dependency

    problems: list[str] = []
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="timeline-shot-") as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=chromium, args=FLAGS, headless=True,
                                                   viewport={"width": width, "height": height or 900})
        try:
            page = ctx.new_page()
            page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES)
                    else problems.append(f"network request: {r.url}"))
            page.goto(html.resolve().as_uri(), wait_until="load")
            if page.locator(".js-plotly-plot").count():
                page.wait_for_function("() => window.__timelineReady", timeout=60_000)
            page.mouse.move(0, 0)
            page.screenshot(path=str(png), full_page=height is None)
        finally:
            ctx.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("html", nargs="?", type=Path, default=REPO / "exports" / "timeline.html")
    ap.add_argument("png", nargs="?", type=Path, default=REPO / "docs" / "timeline.png")
    ap.add_argument("--sample", action="store_true", help="render the tests' sample timeline first; "
                    "the single positional argument is then the PNG")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, help="only the top HEIGHT pixels (default: the whole page)")
    ap.add_argument("--chromium", default=CHROMIUM)
    args = ap.parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"error: Chromium not found at {args.chromium} (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="timeline-html-") as tmp:
        if args.sample:
            png = args.html if args.html != ap.get_default("html") else args.png
            html = sample_html(Path(tmp))
        else:
            html, png = args.html, args.png
            if not html.exists():
                print(f"error: {html} does not exist (run `timeline` to export it first)", file=sys.stderr)
                return 2
        problems = screenshot(html, png, args.width, args.chromium, args.height)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{png} ({png.stat().st_size} bytes)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
