"""The page at a glance, without a browser: first view, labels, key and minor events, long tables."""

from __future__ import annotations

import datetime as dt
import json
import re

from many_events import make_many_timeline

from timeline.export import ExportOptions, render
from timeline.export._html_figure import drawable, figure
from timeline.export._html_layout import (
    CHAR_PX,
    GAP_PX,
    PLOT_PX,
    first_view,
    place,
    priority_order,
)
from timeline.export._html_page import PAGE_ROWS, STATIC_ROWS
from timeline.export._html_rows import rows
from timeline.models import (
    Article,
    Event,
    Precision,
    Source,
    Timeline,
    When,
    event_sort_key,
)

D = dt.date


def page(timeline: Timeline, **options) -> str:
    return render(timeline, "html", ExportOptions(**options))["timeline.html"].decode("utf-8")


def data_of(text: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="tl-data">(.*?)</script>', text, re.DOTALL).group(1))


def story(background: int = 2) -> Timeline:
    """A two-week election story with its background: a referendum 40 years back, a founding in 1850."""
    text = ("Voters in the port city elected a new mayor on Sunday after a tight race. The count was "
            "challenged on Monday. The court dismissed the challenge. In 1985 a referendum split the city. "
            "The party was founded in 1850. A recount ended on Friday. The mayor took office. Turnout rose.")
    art = Article(id="vote", title="Port city vote", text=text, published=D(2024, 5, 20), source="Harbor Gazette",
                  url="https://news.example/vote")
    sentences = [m.group(0) for m in re.finditer(r"[^.]+\.", text)]

    def ev(i: int, day: D | None, title: str, key: bool = False, minor: bool = False, span=None) -> Event:
        phrase = sentences[i].strip()
        start = text.index(phrase)
        trigger = start + phrase.index(" ") + 1
        src = Source.at(art, start, start + len(phrase), (trigger, trigger + 4))
        when = (When(value=day.isoformat(), start=day, end=day, precision=Precision.DAY) if span is None
                else When(value=str(span[0].year), start=span[0], end=span[1], precision=Precision.YEAR))
        return Event(id=f"e{i}", title=title, when=when, quote=src.quote, sources=[src], key=key, minor=minor,
                     salience=0.9 if key else 0.5, actors=["mayor"] if i in (0, 6) else ["court"])

    events = [
        ev(0, D(2024, 5, 19), "Port city elects new mayor", key=True),
        ev(1, D(2024, 5, 20), "Count challenged", key=True),
        ev(2, D(2024, 5, 21), "Court dismisses challenge", key=True),
        ev(5, D(2024, 5, 24), "Recount ends", key=True),
        ev(6, D(2024, 5, 27), "Mayor takes office", key=True),
        ev(7, D(2024, 5, 20), "Turnout rose", minor=True),
    ]
    if background >= 1:
        events.append(ev(3, None, "Referendum split the city", span=(D(1985, 1, 1), D(1985, 12, 31))))
    if background >= 2:
        events.append(ev(4, None, "Party founded", span=(D(1850, 1, 1), D(1850, 12, 31))))
    return Timeline(title="Port city vote", articles=[art.info()], events=sorted(events, key=event_sort_key))


def test_first_view_is_the_story_not_the_background() -> None:
    drawn = [r for r in rows(story(), "source") if drawable(r)]
    a, b = first_view(drawn)
    assert dt.datetime(2024, 5, 1) < a < dt.datetime(2024, 5, 19) and dt.datetime(2024, 5, 27) < b < dt.datetime(2024, 6, 15)
    data = data_of(page(story()))
    assert data["view"] == data["figure"]["layout"]["xaxis"]["range"]
    assert data["whole"][0] < "1850"  # the background stays reachable: the slider spans everything


def test_every_key_event_in_view_is_labelled_and_labels_do_not_overlap() -> None:
    data = data_of(page(story()))
    notes = [n for n in data["figure"]["layout"]["annotations"] if n["name"] != "open"]
    labelled = {n["name"] for n in notes}
    assert {"e0", "e1", "e2", "e5", "e6"} <= labelled
    assert all(n["text"].startswith("<b>") for n in notes if n["name"] in {"e0", "e1"})  # key labels stand out


def test_nominal_label_layout_has_no_overlaps_even_when_crowded() -> None:
    drawn = [r for r in rows(make_many_timeline(1500, seed=3), "source") if drawable(r)]
    whole = (min(r.shape.start for r in drawn if r.shape.start), max(r.shape.start for r in drawn if r.shape.start))
    view = first_view(drawn)
    placed = place(drawn, "source", view, whole)
    assert placed.labels
    span = (view[1] - view[0]).total_seconds()
    boxes = []
    for label in placed.labels:
        x = (label.x - view[0]).total_seconds() / span * PLOT_PX
        width = len(label.text) * CHAR_PX + GAP_PX
        boxes.append((placed.y[label.row], x - width if label.left else x, x if label.left else x + width))
        assert -1 <= boxes[-1][1] and boxes[-1][2] <= PLOT_PX + 1
    for i, (y, a, b) in enumerate(boxes):
        for y2, a2, b2 in boxes[i + 1:]:
            assert y != y2 or b <= a2 or b2 <= a, "two labels overlap in one row"
    # the labels went to the most important events first
    order = priority_order(drawn)
    rank = {i: n for n, i in enumerate(order)}
    worst_labelled = max(rank[label.row] for label in placed.labels)
    assert sum(1 for i in order[: len(placed.labels)] if not drawn[i].faint) <= worst_labelled + 1


def test_minor_events_are_left_out_of_html_and_ics_unless_asked() -> None:
    tl = story()
    text = page(tl)
    assert "Turnout rose" not in text and "1 minor event (states and weak events) left out" in text
    assert "Turnout rose" in page(tl, all_events=True)
    ics = render(tl, "ics")["timeline.ics"].decode()
    assert "Turnout rose" not in ics and "Turnout rose" in render(tl, "ics", ExportOptions(all_events=True))["timeline.ics"].decode()
    assert any(e["title"] == "Turnout rose" and e["minor"] for e in json.loads(render(tl, "json")["timeline.json"])["events"])


def test_table_marks_key_events_and_the_trigger() -> None:
    table = page(story()).split('<table id="events">', 1)[1]
    assert '<tr id="ev-e0" class="key">' in table and "<strong>Port city elects new mayor</strong> (key event)" in table
    assert "Voters <mark>in t</mark>" in table  # the trigger offsets of the source, marked in the quote
    ev = data_of(page(story()))["events"]
    i = ev["t"].index("Count challenged")
    a, b = ev["m"][i]
    assert ev["q"][i][a:b] == "coun"  # the hover bolds it (test_html_glance_browser.py)


def test_chart_has_a_text_alternative_naming_the_key_events() -> None:
    text = page(story())
    assert 'role="img"' in text and 'aria-describedby="tl-alt"' in text
    caption = re.search(r'<figcaption id="tl-alt">(.*?)</figcaption>', text, re.DOTALL).group(1)
    assert "Port city elects new mayor" in caption and "Mayor takes office" in caption
    assert "table below lists every event" in caption


def test_long_tables_are_paginated_and_virtualised() -> None:
    small = page(story())
    assert small.count("<tr id=") == 7
    n = STATIC_ROWS + 50
    big = page(make_many_timeline(n, seed=5), plotlyjs="cdn")
    table = big.split('<table id="events">', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr id=") == PAGE_ROWS  # the first page only; the script builds the others
    assert len(data_of(big)["events"]["id"]) == n  # ... from the records
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', big, re.DOTALL).group(1))
    assert ld["numberOfItems"] == 500  # the embedded JSON-LD keeps the most important events


def test_many_events_use_webgl_markers() -> None:
    tl = make_many_timeline(3000, seed=9)
    data = data_of(page(tl, plotlyjs="cdn"))
    kinds = {t["meta"]: t["type"] for t in data["figure"]["data"]}
    assert kinds["points"] == "scattergl" and kinds["span"] == "scattergl" and kinds["key"] == "scatter"
    # WebGL pages let plotly's regl compile its draw calls (new Function); SVG-only pages do not
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page(tl, plotlyjs="cdn")).group(1)
    assert "'unsafe-eval'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    small = re.search(r'Content-Security-Policy" content="([^"]+)"', page(story())).group(1)
    assert "'unsafe-eval'" not in small
    fig, modes, _ = figure([r for r in rows(tl, "source") if drawable(r)], "t", "source")
    assert fig["layout"]["title"]["text"] == "t" and set(modes) == {"source", "actor", "kind"}
