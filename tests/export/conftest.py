"""Real-client fixtures for the export tests: headless Debian Chromium via Playwright, and TimelineJS
from npm. Both skip with a reason when missing, and fail in CI (see ``need``).

pytest imports every conftest.py as the module ``conftest`` (tests/ is not a package), so while
tests/export is collected, ``from conftest import need`` finds *this* module. It therefore
re-exports everything tests/conftest.py defines; test modules here can import from it as usual.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import datetime as dt

import pytest

_ROOT = Path(__file__).resolve().parents[1] / "conftest.py"
_spec = importlib.util.spec_from_file_location("timeline_tests_root_conftest", _ROOT)
_root = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_root)
globals().update({k: v for k, v in vars(_root).items() if not k.startswith("__") and k not in globals()})
from timeline.models import (  # noqa: E402 - after the re-export above
    Article, Event, Modifier, Precision, Source, Timeline, When, event_sort_key,
)

REPO: Path = _root.REPO
need = _root.need

CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
ARTIFACTS = REPO / "tests" / "artifacts"
JS_DIR = REPO / "tests" / "export" / "js"
TIMELINEJS = JS_DIR / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


@dataclass
class Watched:
    """A page plus everything it logged or fetched."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's Chromium plus the Playwright package; skip (fail in CI) without them."""
    need(importlib.util.find_spec("playwright") is not None,
         "the playwright Python package is not installed (pip install playwright)")
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_context(chromium: str) -> Iterator[object]:
    """One headless Chromium (fresh profile) for the session; tests open their own pages."""
    from playwright.sync_api import sync_playwright
    profile = tempfile.mkdtemp(prefix="timeline-chromium-")
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=chromium, args=FLAGS, headless=True,
                viewport={"width": 1280, "height": 900}, service_workers="block",
            )
            try:
                yield ctx
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def open_page(browser_context):
    """open_page(path_or_url) -> Watched: console errors, page errors and every non-local request."""
    pages = []

    def _open(target: Path | str) -> Watched:
        page = browser_context.new_page()
        pages.append(page)
        w = Watched(page)
        page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: w.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) else w.requests.append(r.url))
        url = target.resolve().as_uri() if isinstance(target, Path) else target
        page.goto(url, wait_until="load")
        return w

    yield _open
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def timelinejs_dist() -> Path:
    """TimelineJS3 from tests/export/js/node_modules, installed with `npm ci` when missing."""
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        npm = shutil.which("npm")
        need(npm is not None, "npm not found: TimelineJS is installed with `npm ci --prefix tests/export/js`")
        proc = subprocess.run([npm, "ci", "--prefix", str(JS_DIR), "--no-audit", "--no-fund"],
                              capture_output=True, text=True, timeout=600)
        need(proc.returncode == 0, f"`npm ci --prefix tests/export/js` failed: {proc.stderr.strip()[-500:]}")
    need((TIMELINEJS / "js" / "timeline.js").exists(), f"TimelineJS not found under {TIMELINEJS}")
    return TIMELINEJS


@pytest.fixture
def far_timeline() -> Timeline:
    return make_far_timeline()


def make_far_timeline(drop: tuple[str, ...] = ()) -> Timeline:
    """Dates at the ends of the calendar, open on both sides, a time with a zone, an undated event."""
    text = "In the year 5 a town was founded. Before June 10 talks failed. After 9999 nobody knows. Later."
    a = Article(id="far", title="Far", url="https://far.example/a", source="Far News", published=dt.date(2025, 6, 11),
                text=text)

    def ev(phrase: str, title: str, when: When) -> Event:
        start = text.index(phrase)
        src = Source.at(a, start, start + len(phrase))
        return Event(id=f"far-{start}", title=title, when=when, quote=src.quote, sources=[src], date_text=phrase)

    cet = dt.timezone(dt.timedelta(hours=2))
    events = [
        ev("In the year 5", "Town founded", When(value="0005", start=dt.date(5, 1, 1), end=dt.date(5, 12, 31),
                                                  precision=Precision.YEAR)),
        ev("Before June 10", "Talks failed", When(value="2025-06-10", end=dt.date(2025, 6, 10),
                                                   precision=Precision.DAY, modifier=Modifier.BEFORE)),
        ev("After 9999", "Nobody knows", When(value="9999", start=dt.date(9999, 1, 1), modifier=Modifier.AFTER,
                                              precision=Precision.YEAR)),
        ev("nobody knows", "Zoned moment", When(value="2025-06-09T16:30+02:00", type="TIME",
                                                start=dt.datetime(2025, 6, 9, 16, 30, tzinfo=cet),
                                                end=dt.datetime(2025, 6, 9, 16, 30, tzinfo=cet),
                                                precision=Precision.MINUTE)),
        ev("Later.", "Undated", When(value="FUTURE_REF")),
    ]
    events = sorted((e for e in events if e.title not in drop), key=event_sort_key)
    return Timeline(title="Far dates", articles=[a.info()], events=events)
