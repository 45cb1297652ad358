"""The page at a glance in real headless Chromium: the fixtures' first view and labels, the controls,
and 20,000 events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from many_events import make_many_timeline

from timeline import ingest, pipeline
from timeline.export import ExportOptions, render
from timeline.export._html_page import PAGE_ROWS, STATIC_ROWS
from timeline.models import Timeline

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"

# Every label the page shows: event id, whether it is displayed, and its box on the screen.
LABELS = """() => {
  const gd = document.getElementById('timeline-chart');
  const notes = gd.layout.annotations || [];
  return Array.from(gd.querySelectorAll('.annotation')).map(node => {
    const note = notes[Number(node.getAttribute('data-index'))];
    const r = node.getBoundingClientRect();
    return {name: note.name, shown: node.style.display !== 'none' && r.width > 0,
            box: [r.left, r.top, r.right, r.bottom]};
  }).filter(l => l.name !== 'open');
}"""
PLOT_BOX = """() => {
  const gd = document.getElementById('timeline-chart'), s = gd._fullLayout._size, b = gd.getBoundingClientRect();
  return [b.left + s.l, b.top + s.t, b.left + s.l + s.w, b.top + s.t + s.h];
}"""


# The top-most WebGL event marker in the first view with no other marker within 40 px: its position in the
# viewport (scrolled into view) and its event's title, from the page's records.
LONE_GL_POINT = """() => {
  const gd = document.getElementById('timeline-chart'), fl = gd._fullLayout, xa = fl.xaxis, ya = fl.yaxis;
  const data = JSON.parse(document.getElementById('tl-data').textContent);
  const t = gd.data.findIndex(d => d.meta === 'points');
  const px = gd.data.flatMap(d => d.type === 'bar' || d.meta === 'span' ? [] :
    d.x.map((x, j) => [xa.l2p(xa.d2l(x)), ya.l2p(d.y[j])]));
  const [a, b] = xa.range.map(xa.r2l);
  let best = null;
  gd.data[t].x.forEach((x, k) => {
    if (x <= a || x >= b) { return; }
    const p = [xa.l2p(x), ya.l2p(gd.data[t].y[k])];
    const alone = px.filter(q => Math.hypot(q[0] - p[0], q[1] - p[1]) < 40).length === 1;
    if (alone && (!best || p[1] < best.p[1])) { best = {p: p, k: k}; }
  });
  if (!best) { return null; }
  gd.scrollIntoView();
  const r = gd.getBoundingClientRect();
  return {x: r.left + xa._offset + best.p[0], y: r.top + ya._offset + best.p[1],
          title: data.events.t[data.members[t][best.k]]};
}"""


def write(timeline: Timeline, folder: Path, **options) -> Path:
    for name, data in render(timeline, "html", ExportOptions(**options)).items():
        (folder / name).write_bytes(data)
    return folder / "timeline.html"


def ready(w):
    w.page.wait_for_function("() => window.__timelineReady", timeout=60_000)
    return w


def fixtures_timeline() -> Timeline:
    articles = [a for path in ingest.discover([FIXTURES]) for a in ingest.read(path)]
    return pipeline.build(articles)


def _day(x: dt.date | dt.datetime | None) -> dt.date | None:
    return x.date() if isinstance(x, dt.datetime) else x


def _dated_as(event, spec: dict) -> bool:
    """The gold's date constraints (start, end, start_after, end_on_or_before), as tests/test_fixtures_gold.py."""
    start, end = _day(event.when.start), _day(event.when.end)
    return (("start" not in spec or str(start) == spec["start"])
            and ("end" not in spec or (str(end) if end else None) == spec["end"])
            and ("start_after" not in spec or bool(start and start > dt.date.fromisoformat(spec["start_after"])))
            and ("end_on_or_before" not in spec or bool(end and end <= dt.date.fromisoformat(spec["end_on_or_before"]))))


def gold_events(timeline: Timeline) -> list[tuple[str, dt.date]]:
    """(event id, first date) of the events that are the key events of fixtures/gold: quoting the
    gold's quote_contains and dated as it says. (Whether exactly one is, is tests/test_fixtures_gold.py's
    business.)"""
    out = []
    for f in sorted((FIXTURES / "gold").glob("*.json")):
        for spec in json.loads(f.read_text("utf-8")).get("events", []):
            for e in timeline.events:
                if any(spec["quote_contains"] in s.quote for s in e.sources) and _dated_as(e, spec):
                    day = _day(e.when.start if e.when.start is not None else e.when.end)
                    if day is not None:
                        out.append((e.id, day))
    return out


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def test_fixtures_first_view_labels_every_key_event_without_overlaps(open_page, tmp_path: Path, artifacts: Path) -> None:
    timeline = fixtures_timeline()
    w = ready(open_page(write(timeline, tmp_path)))
    page = w.page
    start, end = (dt.datetime.fromisoformat(x) for x in
                  page.evaluate("() => document.getElementById('timeline-chart').layout.xaxis.range"))
    assert (end - start).days < 3 * 365, f"first view {start:%Y-%m-%d} .. {end:%Y-%m-%d}"
    labels = page.evaluate(LABELS)
    shown = {lab["name"]: lab["box"] for lab in labels if lab["shown"]}
    plot = page.evaluate(PLOT_BOX)
    in_view = [(eid, day) for eid, day in gold_events(timeline) if start.date() <= day <= end.date()]
    assert len(in_view) >= 5, in_view
    missing = [(eid, day) for eid, day in in_view if eid not in shown]
    assert not missing, f"gold key events in view without a visible label: {missing}"
    for eid, _ in in_view:
        box = shown[eid]
        assert plot[0] - 1 <= box[0] and box[2] <= plot[2] + 1 and plot[1] - 1 <= box[1] and box[3] <= plot[3] + 1
    boxes = list(shown.items())
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            assert not overlap(box_a, box_b), f"labels of {a} and {b} overlap"
    page.screenshot(path=str(artifacts / "html-fixtures.png"), full_page=True)
    assert w.errors == [] and w.requests == []


def test_controls_switch_lanes_search_and_page_with_the_keyboard(open_page, tmp_path: Path) -> None:
    timeline = make_many_timeline(450, seed=11)
    w = ready(open_page(write(timeline, tmp_path)))
    page = w.page
    ticks = "() => document.getElementById('timeline-chart').layout.yaxis.ticktext"
    assert "Harbor Gazette" in page.evaluate(ticks)
    page.select_option("#tl-lanes", "actor")
    page.wait_for_function(f"() => ({ticks})().includes('central bank')")
    page.select_option("#tl-lanes", "kind")
    page.wait_for_function(f"() => ({ticks})().includes('decision')")
    # the table is paginated: 100 rows shown, the pager moves on
    visible = "() => Array.from(document.querySelectorAll('#events tbody tr')).filter(r => !r.hidden).length"
    assert page.evaluate(visible) == 100
    page.focus("#tl-next")
    page.keyboard.press("Enter")
    assert "Page 2 of 5" in page.inner_text("#tl-page")
    # search by words of titles and actors, from the keyboard
    page.focus("#tl-search")
    page.keyboard.type("lunar probe")
    page.wait_for_function("() => document.getElementById('tl-count').textContent.includes('match')")
    expected = sum("lunar probe" in e.title.lower() for e in timeline.events)
    assert page.inner_text("#tl-count").startswith(f"{expected} of {len(timeline.events)}")
    titles = page.eval_on_selector_all("#events tbody tr:not([hidden]) td:nth-child(4)", "els => els.map(e => e.textContent)")
    assert titles and all("lunar probe" in t for t in titles)
    selected = page.evaluate("() => document.getElementById('timeline-chart').data.map(t => t.selectedpoints)")
    assert sum(len(s or []) for s in selected) == expected
    # whole span and back to the story
    page.locator("#tl-whole").click()
    page.locator("#tl-story").click()
    assert page.evaluate("() => document.getElementById('timeline-chart').layout.xaxis.range") == \
        page.evaluate("() => JSON.parse(document.getElementById('tl-data').textContent).view")
    assert w.errors == [] and w.requests == []


def test_rows_built_in_the_page_match_the_rows_written_by_python(open_page, tmp_path: Path) -> None:
    """A long table holds its first page as written by _html_page.row_html; the script builds every other
    page from the records. Paging away and back must give the same rows, node for node, and a search
    must list exactly the matching events."""
    timeline = make_many_timeline(STATIC_ROWS + 150, seed=21)
    w = ready(open_page(write(timeline, tmp_path)))
    page = w.page
    rows = "() => Array.from(document.querySelectorAll('#events tbody tr')).map(r => r.outerHTML)"
    written = page.evaluate(rows)
    assert len(written) == PAGE_ROWS
    page.click("#tl-next")
    second = page.evaluate(rows)
    assert len(second) == PAGE_ROWS and second[0] != written[0]
    assert f"Page 2 of {-(-len(timeline.events) // PAGE_ROWS)}" in page.inner_text("#tl-page")
    page.click("#tl-prev")
    assert page.evaluate(rows) == written
    page.fill("#tl-search", "space agency lunar")
    page.wait_for_function("() => document.getElementById('tl-count').textContent.includes('match')")
    expected = [e for e in timeline.events if all(w in " ".join([e.title, *e.actors]).lower()
                                                  for w in ("space", "agency", "lunar"))]
    assert page.inner_text("#tl-count").startswith(f"{len(expected)} of ")
    ids = page.eval_on_selector_all("#events tbody tr", "els => els.map(e => e.id)")
    assert ids == [f"ev-{e.id}" for e in expected][:PAGE_ROWS]
    assert w.errors == [] and w.requests == []


def test_hover_bolds_the_trigger(open_page, tmp_path: Path) -> None:
    from test_html_glance import story

    w = ready(open_page(write(story(), tmp_path)))
    texts = w.page.evaluate("() => document.getElementById('timeline-chart').data.flatMap(t => t.hovertext)")
    count = next(h for h in texts if "Count challenged" in h)
    assert "<i>The <b>coun</b> t was challenged on Monday.</i>" in count, count
    assert w.errors == [] and w.requests == []


def test_many_events_page_draws_with_webgl_and_searches(open_page, tmp_path: Path) -> None:
    """A 20,000-event page (our own sentences) becomes ready, draws its markers with WebGL and answers a
    search of the table. How fast is measured by bench/html_page.py, not here."""
    w = ready(open_page(write(make_many_timeline(20_000), tmp_path)))
    times = w.page.evaluate("() => window.__timelineTimes")
    assert 0 < times["drawn"] <= times["ready"]  # the page reports its own stages in order
    page = w.page
    assert page.evaluate("() => document.getElementById('timeline-chart').data.some(t => t.type === 'scattergl')")
    assert "WebGL is not supported" not in page.inner_text("#timeline-chart")  # the markers really are drawn
    assert page.evaluate("() => document.querySelectorAll('#timeline-chart canvas.gl-canvas-context').length") == 1
    # a WebGL marker away from others shows its hover label (built from the records when first shown)
    spot = page.evaluate(LONE_GL_POINT)
    assert spot, "no WebGL marker alone in the first view"
    for _ in range(4):  # plotly drops mouse moves while it redraws: move again
        page.mouse.move(spot["x"] - 3, spot["y"] - 3)
        page.mouse.move(spot["x"], spot["y"], steps=3)
        if page.locator(".hoverlayer text").count():
            break
        page.wait_for_timeout(500)
    assert spot["title"] in " ".join(page.locator(".hoverlayer text").all_text_contents())
    page.fill("#tl-search", "copper mine")
    page.wait_for_function("() => document.getElementById('tl-count').textContent.includes('match')", timeout=3000)
    rows = page.eval_on_selector_all("#events tbody tr", "els => els.length")
    assert 0 < rows <= 100
    assert w.errors == [] and w.requests == []
