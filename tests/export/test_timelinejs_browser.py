"""Our TimelineJS JSON rendered by TimelineJS 3.9 itself (npm, from disk) in headless Chromium."""

from __future__ import annotations

from pathlib import Path

from timeline.export import render
from timeline.export.timelinejs import FILE
from timeline.models import Timeline

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>TimelineJS test</title>
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
</head><body>
<div id="tl" style="width: 1200px; height: 700px"></div>
<script>
// font: null -- the default font CSS pulls PT Sans/Serif from fonts.gstatic.com
window.timeline = new TL.Timeline("tl", {data}, {{script_path: "{script_path}/", font: null}});
</script>
</body></html>
"""


def show(timeline: Timeline, dist: Path, folder: Path, open_page):
    """Write a page that embeds our JSON inline (file:// cannot fetch it) and open it."""
    data = render(timeline, "timelinejs")[FILE].decode("utf-8")  # has no '<': safe inline
    html = PAGE.format(css=(dist / "css" / "timeline.css").as_uri(), js=(dist / "js" / "timeline.js").as_uri(),
                       script_path=(dist / "js").as_uri(), data=data)
    (folder / "index.html").write_text(html, encoding="utf-8")
    w = open_page(folder / "index.html")
    w.page.wait_for_selector(".tl-timemarker", state="attached")
    return w


def slides(page) -> dict[str, str]:
    """Headline -> date line, as text (textContent: no CSS upper-casing)."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.tl-slide')]
        .filter(s => s.querySelector('.tl-headline-date') && s.querySelector('.tl-headline-date').textContent)
        .map(s => [s.querySelector('.tl-headline').textContent, s.querySelector('.tl-headline-date').textContent]))""")


def test_sample_renders(timelinejs_dist, open_page, sample_timeline: Timeline, tmp_path: Path, artifacts: Path) -> None:
    w = show(sample_timeline, timelinejs_dist, tmp_path, open_page)
    page = w.page
    assert page.locator(".tl-timemarker").count() == len(sample_timeline.events)
    marker_titles = page.locator(".tl-timemarker .tl-headline").all_text_contents()
    assert sorted(marker_titles) == sorted(e.title for e in sample_timeline.events)
    dates = slides(page)
    assert set(dates) == {e.title for e in sample_timeline.events}
    assert dates["Talks begin"] == "March 2024"  # a month stays a month
    assert dates["Attack happens"] == "2023"
    assert "2017" in dates["Term runs"] and "2021" in dates["Term runs"] and "January" not in dates["Term runs"]
    assert dates["U.S. cable urges boycott"] == "June 10, 2025"
    assert "2:30" in dates["Vote held"] and "June 9, 2025" in dates["Vote held"]
    assert dates["Conference upcoming"] == "after 2025-06-12"
    assert dates["Recent meeting, with commas; semicolons"] == "about 2025-05-01 \u2013 2025-06-11"
    groups = page.locator(".tl-timegroup-message").all_text_contents()
    assert sorted(groups) == ["AP", "Reuters"]
    page.wait_for_timeout(1000)  # let the intro animation finish before the picture
    page.screenshot(path=str(artifacts / "timelinejs-sample.png"))
    assert w.errors == [] and w.requests == []


def test_hostile_markup_shows_as_text(timelinejs_dist, open_page, hostile_timeline: Timeline, tmp_path: Path,
                                      artifacts: Path) -> None:
    w = show(hostile_timeline, timelinejs_dist, tmp_path, open_page)
    page = w.page
    assert page.locator(".tl-timemarker").count() == 1
    page.locator(".tl-slidenav-next").first.click()  # go to the event slide: its content is built now
    page.wait_for_timeout(800)
    headline = '<img src=x onerror="window.__pwned=7"> deal signed'
    assert headline in page.locator(".tl-slide .tl-headline").all_text_contents()
    body = " ".join(page.locator(".tl-slide .tl-text-content").all_text_contents())
    assert "<script>window.__pwned = 1</script>" in body and "<b>Bad</b> source" in body
    assert "www.example.com/'onmouseover='window.__pwned=4." in body
    assert page.locator(".tl-slide .tl-text-content a").count() == 0  # no autolink, no javascript: link
    assert page.locator(".tl-timegroup-message").all_text_contents() == ["\u2039b\u203aBad\u2039/b\u203a source"]
    assert page.locator(".tl-slide img, .tl-timegroup-message *").count() == 0
    page.locator(".tl-slidenav-previous").first.click()  # back to the title slide and forth again
    page.locator(".tl-timemarker .tl-timemarker-content-container").first.dispatch_event("click")
    page.mouse.move(300, 300)
    page.wait_for_timeout(300)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    page.screenshot(path=str(artifacts / "timelinejs-hostile.png"))
    assert w.errors == [] and w.requests == []
