"""The HTML page in real headless Chromium (Debian's /usr/bin/chromium via Playwright), from file://."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from timeline.export import ExportOptions, render
from timeline.export._html_dates import shape
from timeline.models import Timeline

CHART = ".js-plotly-plot .main-svg"
# Main plot only: the range slider draws a second copy of every trace.
POINTS = ".cartesianlayer .scatterlayer .trace .points path.point"
BARS = ".cartesianlayer .barlayer .trace .point path"


def write(timeline: Timeline, folder: Path, **options) -> Path:
    for name, data in render(timeline, "html", ExportOptions(**options)).items():
        (folder / name).write_bytes(data)
    return folder / "timeline.html"


def hover_at(page, element) -> str:
    """Move the real mouse onto an element (plotly's drag layer makes element.hover() time out).

    Plotly throttles mouse moves and drops those that arrive while it redraws, so a slow machine
    may need the move again: each try re-reads the element's box (a redraw can move it) and comes
    in from a few pixels away, and the hover label must appear within the tries.
    """
    for attempt in range(6):
        box = element.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x - 3, y - 3)
        page.mouse.move(x, y, steps=3)
        try:
            page.wait_for_selector(".hoverlayer text", timeout=5_000)
            break
        except Exception as error:  # playwright's TimeoutError (imported only where playwright is)
            if attempt == 5 or type(error).__name__ != "TimeoutError":
                raise
    return " ".join(page.locator(".hoverlayer text").all_text_contents())


def ready(w):
    """Wait until the page's script has drawn the chart and wired the controls."""
    w.page.wait_for_function("() => window.__timelineReady", timeout=60_000)
    return w


@pytest.fixture
def sample_page(open_page, sample_timeline: Timeline, tmp_path: Path):
    return ready(open_page(write(sample_timeline, tmp_path)))


def test_renders_offline_without_errors(sample_page, sample_timeline: Timeline, artifacts: Path) -> None:
    page = sample_page.page
    assert page.evaluate("() => window.Plotly.version").startswith("4.")
    kinds = [shape(e.when).kind for e in sample_timeline.events]
    assert page.locator(POINTS).count() == kinds.count("point")
    assert page.locator(BARS).count() == kinds.count("span")
    assert page.locator(POINTS).count() + page.locator(BARS).count() == len(sample_timeline.events)
    assert page.locator(".rangeselector .button").count() == 4  # 1m, 6m, 1y, whole span
    assert page.locator(".rangeslider-container").count() == 1
    assert page.locator("#tl-controls").is_visible()
    page.locator("#tl-whole").click()  # the open end is at the far edge: shown once the whole span is
    page.wait_for_function("() => document.querySelectorAll('.annotation-text').length > 0")
    assert page.locator(".annotation-text", has_text="open").count() == 1
    titles = page.eval_on_selector_all(".modebar-btn[data-title]", "els => els.map(e => e.dataset.title)")
    assert titles and not [t for t in titles if "share" in t.lower() or "cloud" in t.lower()]
    assert page.locator("#events tbody tr").count() == len(sample_timeline.events)
    page.screenshot(path=str(artifacts / "html-sample.png"), full_page=True)
    assert sample_page.errors == []
    assert sample_page.requests == []


def whole_span(page) -> None:
    """Zoom out to every date (the first view is the story's stretch) and let plotly redraw."""
    page.locator("#tl-whole").click()
    page.wait_for_function("() => { const r = document.getElementById('timeline-chart').layout.xaxis.range; "
                           "return r && r[0] < '2017'; }")
    page.wait_for_timeout(300)


def test_hover_on_point_and_span(sample_page) -> None:
    page = sample_page.page
    whole_span(page)
    text = hover_at(page, page.locator(POINTS).first)
    assert "Vote held" in text and "2025-06-09 14:30 (minute)" in text
    assert "as written: \u201cAt 14:30 on June 9, 2025\u201d" in text and "https://news.example/alpha" in text
    spans = page.locator(BARS)
    texts = []
    for i in range(spans.count()):
        page.mouse.move(5, 5)
        box = spans.nth(i).bounding_box()
        if box["width"] < 8:  # too thin to aim at in the initial view (a month within a decade)
            continue
        texts.append(hover_at(page, spans.nth(i)))
    joined = " ".join(texts)
    assert "Term runs" in joined and "2017 \u2013 2021 (year)" in joined
    assert "Attack happens" in joined and "In 2023 the attack happened." in joined
    assert sample_page.errors == [] and sample_page.requests == []


HOVERS = "() => document.getElementById('timeline-chart').data.map(t => [t.meta, t.hovertext, t.customdata])"


def test_hover_texts_and_links_are_built_from_the_records(sample_page, sample_timeline: Timeline) -> None:
    """Every drawn event gets its hover label and click link from the page's records."""
    traces = sample_page.page.evaluate(HOVERS)
    texts = [h for _, hs, _ in traces for h in hs if h]
    assert len(texts) == len(sample_timeline.events)
    vote = next(h for h in texts if "Vote held" in h)
    assert vote.startswith("<b>Vote held</b><br>2025-06-09 14:30 (minute)<br>")
    assert "as written: \u201cAt 14:30 on June 9, 2025\u201d" in vote
    assert "a vote was held" in vote and "<br>Reuters: https://news.example/alpha" in vote
    urls = {u for _, _, us in traces for u in us}
    assert urls == {"https://news.example/alpha", ""}  # AP's event has no link: nothing opens


def test_range_button_zooms(sample_page) -> None:
    page = sample_page.page
    before = page.evaluate("() => document.getElementById('timeline-chart').layout.xaxis.range.slice()")
    page.locator(".rangeselector .button", has_text="1y").click()
    after = page.evaluate("() => document.getElementById('timeline-chart').layout.xaxis.range.slice()")
    assert after != before and after[0] > before[0]


def test_hostile_article_never_runs(open_page, hostile_timeline: Timeline, tmp_path: Path, artifacts: Path) -> None:
    w = ready(open_page(write(hostile_timeline, tmp_path)))
    page = w.page
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    traces = page.evaluate(HOVERS)
    texts = [h for _, hs, _ in traces for h in hs if h]
    assert texts and all("<img" not in h and "<script" not in h for h in texts)  # escaped for plotly
    assert any("&lt;img src=x" in h for h in texts)
    assert {u for _, _, us in traces for u in us} == {""}  # the javascript: link never reaches the click handler
    point = page.locator(POINTS).first
    text = hover_at(page, point)
    assert '<img src=x onerror="window.__pwned=7"> deal signed' in text
    pages = len(page.context.pages)
    point.click(force=True)  # no http(s) link: must not navigate or open anything
    page.locator("#events td").first.click()
    page.mouse.move(5, 5)
    table = page.inner_text("#events")
    assert "<script>window.__pwned = 1</script>" in table
    assert '<img src=x onerror="window.__pwned=7"> deal signed' in table
    assert "<b>Bad</b> source" in table
    assert page.locator("#events a").count() == 0  # the javascript: URL is no link at all
    assert page.title().startswith("Hostile </title><script>")
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert len(page.context.pages) == pages  # no window was opened
    page.screenshot(path=str(artifacts / "html-hostile.png"), full_page=True)
    assert w.errors == [] and w.requests == []


def test_directory_mode_works_offline(open_page, sample_timeline: Timeline, tmp_path: Path) -> None:
    w = ready(open_page(write(sample_timeline, tmp_path, plotlyjs="directory")))
    assert w.page.locator(POINTS).count() == 4
    assert w.errors == [] and w.requests == []


def test_empty_timeline_page(open_page, tmp_path: Path) -> None:
    w = open_page(write(Timeline(title="Nothing yet"), tmp_path))
    assert "No events in this timeline." in w.page.inner_text("body")
    assert w.errors == [] and w.requests == []


def test_screenshot_tool(chromium: str, tmp_path: Path) -> None:
    """tools/screenshot.py (the README picture) renders the sample with no errors or requests.

    A child process: Playwright's sync API cannot start while this session's browser runs."""
    tool = Path(__file__).parents[2] / "tools" / "screenshot.py"
    png = tmp_path / "shot.png"
    run = subprocess.run([sys.executable, str(tool), "--sample", "--chromium", chromium, str(png)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    missing = subprocess.run([sys.executable, str(tool), str(tmp_path / "missing.html"), str(png)],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_far_and_open_dates(open_page, far_timeline: Timeline, tmp_path: Path) -> None:
    """Year 5, before a day, a zoned time: drawn without errors; undated and after-9999 in the table only."""
    w = ready(open_page(write(far_timeline, tmp_path)))
    page = w.page
    assert page.locator(POINTS).count() == 1 and page.locator(BARS).count() == 2
    page.locator("#tl-whole").click()
    assert page.locator(".annotation-text", has_text="open").count() == 1
    assert "1 without a date is listed" in page.inner_text(".summary") and "1 after the year 9000" in page.inner_text(".summary")
    assert page.locator("#events tbody tr").count() == 5
    assert page.locator("#events tr.undated").count() == 1
    table = page.inner_text("#events")
    assert "0005" in table and "before 2025-06-10" in table and "2025-06-09 16:30 UTC+0200" in table
    assert w.errors == [] and w.requests == []


def test_png_download_works_under_the_csp(sample_page, tmp_path: Path) -> None:
    """The modebar camera still works with the page's Content-Security-Policy (data:/blob: images)."""
    page = sample_page.page
    with page.expect_download(timeout=20_000) as download:
        page.locator('.modebar-btn[data-title="Download plot as a PNG"]').dispatch_event("click")
    assert download.value.suggested_filename == "timeline.png"
    target = tmp_path / "chart.png"
    download.value.save_as(target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sample_page.errors == [] and sample_page.requests == []


def test_click_opens_the_source(sample_page) -> None:
    page = sample_page.page
    whole_span(page)
    page.evaluate("() => { window.__opened = []; window.open = (u) => { window.__opened.push(u); return null; }; }")
    for n, locator in enumerate((page.locator(POINTS).first, page.locator(BARS).first), 1):
        for _ in range(3):  # a loaded machine can make plotly take a click for a drag: try again
            page.mouse.move(5, 5)
            page.wait_for_timeout(400)  # two clicks within plotly's 300 ms would be a double click (zoom reset)
            hover_at(page, locator)  # plotly clicks what it hovers: let the hover land first
            box = locator.bounding_box()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            if len(page.evaluate("() => window.__opened")) == n:
                break
    assert page.evaluate("() => window.__opened") == ["https://news.example/alpha"] * 2
