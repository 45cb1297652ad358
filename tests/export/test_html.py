"""HTML exporter without a browser: shapes, labels, escaping, plotly.js modes, determinism."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs

from timeline.export import ExportOptions, render
from timeline.export import html as html_export
from timeline.export._html_dates import describe, precision_label, shape
from timeline.export._html_rows import rows
from timeline.export._html_text import pseudo, safe_url, script_json
from timeline.models import Event, Modifier, Precision, Source, Timeline, When

D = dt.date


def page(timeline: Timeline, **options) -> str:
    return render(timeline, "html", ExportOptions(**options))["timeline.html"].decode("utf-8")


def page_data(text: str) -> dict:
    """The JSON the page's script draws from (figure, lane modes, search index)."""
    m = re.search(r'<script type="application/json" id="tl-data">(.*?)</script>', text, re.S)
    assert m, "no chart data in the page"
    return json.loads(m.group(1))


def figure_json(text: str) -> list[dict]:
    """The traces of the figure (geometry; the script adds the texts from the records)."""
    return page_data(text)["figure"]["data"]


def record(data: dict, i: int) -> dict:
    """Event record ``i`` of the page with its table indexes resolved (see _html_records.py)."""
    ev = data["events"]
    links = ev["l"][i]
    return {"id": ev["id"][i], "title": ev["t"][i], "date": ev["d"][i], "precision": ev["precisions"][ev["p"][i]],
            "written": ev["w"][i], "quote": ev["q"][i], "trigger": ev["m"][i],
            "actors": [ev["actors"][k] for k in ev["a"][i]], "kind": ev["kinds"][ev["k"][i]],
            "links": [(ev["outlets"][links[k]], ev["urls"][links[k + 1]] if links[k + 1] >= 0 else None)
                      for k in range(0, len(links), 2)], "flags": ev["f"][i]}


def drawn_records(data: dict) -> dict[str, list[dict]]:
    """For each trace (by meta), the records of its items in the trace's order."""
    return {t["meta"]: [record(data, i) for i in rows] for t, rows in zip(data["figure"]["data"], data["members"], strict=True)}


def with_undated(tl: Timeline) -> Timeline:
    src = Source(article="beta", start=0, end=7, quote="In 2023", url=None)
    ev = Event(id="ev-undated", title="Undated thing", when=When(value="PAST_REF"), quote="In 2023", sources=[src])
    return Timeline(title=tl.title, articles=tl.articles, events=[*tl.events, ev])


# --- dates: never more precise than the text -------------------------------------------------------

@pytest.mark.parametrize(
    ("when", "kind", "label"),
    [
        (When(value="2025-06-10", start=D(2025, 6, 10), end=D(2025, 6, 10), precision=Precision.DAY), "point", "2025-06-10"),
        (When(value="2024-03", start=D(2024, 3, 1), end=D(2024, 3, 31), precision=Precision.MONTH), "span", "2024-03"),
        (When(value="2023", start=D(2023, 1, 1), end=D(2023, 12, 31), precision=Precision.YEAR), "span", "2023"),
        (When(value="P4Y", type="DURATION", start=D(2017, 1, 1), end=D(2021, 12, 31), precision=Precision.YEAR),
         "span", "2017 \u2013 2021"),
        (When(value="2025-06-09T14:30", type="TIME", start=dt.datetime(2025, 6, 9, 14, 30),
              end=dt.datetime(2025, 6, 9, 14, 30), precision=Precision.MINUTE), "point", "2025-06-09 14:30"),
        (When(value="FUTURE_REF", start=D(2025, 6, 12), modifier=Modifier.AFTER), "span", "after 2025-06-12"),
        (When(value="2025-06-10", end=D(2025, 6, 10), precision=Precision.DAY, modifier=Modifier.BEFORE),
         "span", "before 2025-06-10"),
        (When(value="PAST_REF"), "undated", "undated"),
    ],
)
def test_shape_and_label(when: When, kind: str, label: str) -> None:
    assert shape(when).kind == kind
    assert describe(when) == label


def test_month_span_covers_the_whole_month() -> None:
    s = shape(When(value="2024-03", start=D(2024, 3, 1), end=D(2024, 3, 31), precision=Precision.MONTH))
    assert (s.start, s.end) == (dt.datetime(2024, 3, 1), dt.datetime(2024, 4, 1))  # end exclusive


def test_open_ended_and_fuzzy_flags() -> None:
    after = shape(When(value="FUTURE_REF", start=D(2025, 6, 12), modifier=Modifier.AFTER))
    assert after.open_end and not after.open_start and after.end is None
    approx_day = shape(When(value="2025-06-10", start=D(2025, 6, 10), end=D(2025, 6, 10),
                            precision=Precision.DAY, modifier=Modifier.APPROX))
    assert approx_day.kind == "point" and approx_day.fuzzy
    assert precision_label(When(value="PAST_REF", start=D(2025, 5, 1), end=D(2025, 6, 11),
                                modifier=Modifier.APPROX)) == "unspecified, approximate"


def test_aware_time_is_labelled_and_plotted_in_utc() -> None:
    cet = dt.timezone(dt.timedelta(hours=2))
    t = dt.datetime(2025, 6, 9, 16, 30, tzinfo=cet)
    w = When(value="2025-06-09T16:30+02:00", type="TIME", start=t, end=t, precision=Precision.MINUTE)
    assert shape(w).start == dt.datetime(2025, 6, 9, 14, 30)
    assert describe(w) == "2025-06-09 16:30 UTC+0200"


# --- text safety -----------------------------------------------------------------------------------

def test_text_helpers() -> None:
    assert pseudo("<b>A & B</b>") == "&lt;b>A &amp; B&lt;/b>"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    assert safe_url("https:///nohost") is None
    assert "<" not in script_json({"x": "</script><!--"})
    assert json.loads(script_json({"x": "</script>&"})) == {"x": "</script>&"}


def test_hostile_text_is_escaped_everywhere(hostile_timeline: Timeline) -> None:
    text = page(hostile_timeline)
    body = text.split("<body>", 1)[1]
    # Only our own scripts: plotly.js, the chart data, the page script (+ JSON-LD data, if any).
    ld = len(re.findall(r'<script type="application/ld\+json">[^<]*</script>', text))
    assert len(re.findall(r"<script\b", text)) == len(re.findall(r"</script>", text)) == 3 + ld
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;window.__pwned=7&quot;&gt; deal signed" in body
    assert 'href="javascript:' not in text.lower()
    assert "<title>Hostile &lt;/title&gt;&lt;script&gt;" in text
    assert "Control chars here" in body  # control characters removed from display text
    data = page_data(text)
    assert "<" not in text.split('id="tl-data">', 1)[1].split("</script>", 1)[0]  # JSON cannot close its script
    drawn = [r for rs in drawn_records(data).values() for r in rs]
    # records carry the text as written (the script inserts it as text, or escapes it for plotly)
    assert any('<img src=x onerror="window.__pwned=7"> deal signed' in r["title"] for r in drawn)
    assert all(url is None for r in drawn for _, url in r["links"])  # the javascript: link is no link
    assert not any("javascript" in u.lower() for u in data["events"]["urls"])
    ticks = [t for m in data["modes"].values() for t in m["layout"]["yaxis.ticktext"]]
    assert ticks and all("<b>Bad" not in t for t in ticks) and any("&lt;b>Bad" in t for t in ticks)
    labels = [a["text"] for a in data["figure"]["layout"]["annotations"]]
    assert labels and all("<img" not in t for t in labels)


def test_csp_allows_only_our_scripts(sample_timeline: Timeline) -> None:
    text = page(sample_timeline)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert policy.count("'sha256-") == 2  # plotly.js and the page script; JSON data blocks never run


# --- plotly.js modes, config, determinism ---------------------------------------------------------------

def test_inline_is_self_contained(sample_timeline: Timeline) -> None:
    files = render(sample_timeline, "html")
    assert list(files) == ["timeline.html"]
    text = files["timeline.html"].decode()
    assert len(files["timeline.html"]) > 4_000_000  # plotly.js is inside
    assert not re.search(r"<script[^>]+src=", text)
    ours = text.replace(get_plotlyjs(), "")  # plotly.js mentions its CDN (topojson) internally
    assert len(ours) < 100_000 and "https://cdn.plot.ly" not in ours
    config = page_data(text)["config"]
    assert config["showSendToCloud"] is False and config["displaylogo"] is False
    assert 'id="timeline-chart"' in text


def test_directory_and_cdn_modes(sample_timeline: Timeline) -> None:
    files = render(sample_timeline, "html", ExportOptions(plotlyjs="directory"))
    assert set(files) == {"timeline.html", "plotly.min.js"}
    assert len(files["timeline.html"]) < 100_000 and len(files["plotly.min.js"]) > 4_000_000
    assert '<script charset="utf-8" src="plotly.min.js"></script>' in files["timeline.html"].decode()
    cdn = render(sample_timeline, "html", ExportOptions(plotlyjs="cdn"))
    text = cdn["timeline.html"].decode()
    assert list(cdn) == ["timeline.html"] and 'src="https://cdn.plot.ly/plotly-' in text and "integrity=" in text
    assert "https://cdn.plot.ly" in re.search(r"script-src[^;]*", text).group(0)


@pytest.mark.parametrize("mode", ["inline", "directory"])
def test_deterministic(sample_timeline: Timeline, mode: str) -> None:
    a = render(sample_timeline, "html", ExportOptions(plotlyjs=mode))
    b = render(sample_timeline, "html", ExportOptions(plotlyjs=mode))
    assert a == b


# --- chart content --------------------------------------------------------------------------------------

def spans_of(data: list[dict]) -> list[dict]:
    """One dict per span bar: start (base), length in ms, hover text, pattern."""
    traces, rows = data["figure"]["data"], data["members"]
    return [{"base": t["base"][i], "ms": t["x"][i], "text": f"{r['title']} {r['date']} ({r['precision']}) {r['quote']}",
             "pattern": t["marker"]["pattern"]["shape"][i], "url": r["links"][0][1] if r["links"] else ""}
            for t, members in zip(traces, rows, strict=True) if t["meta"] == "span"
            for i, r in enumerate(record(data, k) for k in members)]


POINT_TRACES = ("points", "key", "faint")


def test_points_and_spans_match_events(sample_timeline: Timeline) -> None:
    data = page_data(page(sample_timeline))
    points = sum(len(t["x"]) for t in data["figure"]["data"] if t["meta"] in POINT_TRACES)
    spans = spans_of(data)
    kinds = [shape(e.when).kind for e in sample_timeline.events]
    assert points == kinds.count("point") == 4
    assert len(spans) == kinds.count("span") == 5
    assert all(t["type"] == "bar" and t["orientation"] == "h" for t in data["figure"]["data"] if t["meta"] == "span")
    month = next(s for s in spans if "Talks begin" in s["text"])
    assert month["base"] == "2024-03-01 00:00:00" and month["ms"] == 31 * 86_400_000  # all of March
    assert "2024-03 (month)" in month["text"] and month["pattern"] == ""
    assert month["url"] == "https://news.example/alpha"  # clicking the span opens the source
    recent = next(s for s in spans if "Recent meeting" in s["text"])
    assert recent["pattern"] == "/"  # approximate: hatched


def test_open_interval_gets_an_arrow(sample_timeline: Timeline) -> None:
    text = page(sample_timeline)
    notes = page_data(text)["figure"]["layout"]["annotations"]
    assert [n["text"] for n in notes if n["name"] == "open"] == ["open"]
    conference = next(s for s in spans_of(page_data(text)) if "Conference upcoming" in s["text"])
    assert conference["base"] == "2025-06-12 00:00:00" and conference["ms"] > 30 * 86_400_000  # to the edge
    assert conference["pattern"] == "/"


def test_records_have_title_date_as_written_quote_and_link(sample_timeline: Timeline) -> None:
    """What the hover labels and table rows are built from (tests/export/test_html_browser.py checks them)."""
    data = page_data(page(sample_timeline))
    vote = next(r for t in POINT_TRACES for r in drawn_records(data)[t] if r["title"] == "Vote held")
    assert (vote["date"], vote["precision"]) == ("2025-06-09 14:30", "minute")
    assert vote["written"] == "At 14:30 on June 9, 2025"
    assert "a vote was held" in vote["quote"] and vote["links"] == [("Reuters", "https://news.example/alpha")]
    assert len(data["events"]["id"]) == len(sample_timeline.events)  # one record per table row


LANES = {"source": {"Reuters", "AP"}, "article": {"Article alpha", "Article beta"},
         "actor": {"U.S.", "Ambassador", "New York", "(no actor)"}}


@pytest.mark.parametrize(("lanes", "expected"), LANES.items())
def test_lanes(sample_timeline: Timeline, lanes: str, expected: set[str]) -> None:
    assert {r.lane for r in rows(sample_timeline, lanes)} == expected
    data = page_data(page(sample_timeline, lanes=lanes))
    assert set(data["figure"]["layout"]["yaxis"]["ticktext"]) == expected
    # the page can switch to the other lanes without a rebuild: each mode has its own axis and rows
    assert set(data["modes"]) == {lanes, "source", "actor", "kind"}
    for mode, m in data["modes"].items():
        if mode in LANES:
            assert set(m["layout"]["yaxis.ticktext"]) == LANES[mode]
        assert [len(y) for y in m["y"]] == [len(t["y"]) for t in data["figure"]["data"]]


def test_unknown_lanes_option(sample_timeline: Timeline) -> None:
    with pytest.raises(ValueError, match="lanes"):
        rows(sample_timeline, "planet")


# --- table, undated, empty, JSON-LD --------------------------------------------------------------------

def test_table_lists_every_event(sample_timeline: Timeline) -> None:
    text = page(with_undated(sample_timeline))
    table = text.split('<table id="events">', 1)[1]
    assert table.count("<tr id=") == len(sample_timeline.events) + 1
    assert '<tr id="ev-ev-undated" class="undated"><td class="date">undated</td>' in table
    assert "<td>2024-03</td>" not in table and '<td class="date">2024-03</td><td>month</td>' in table
    assert '<a href="https://news.example/alpha" rel="noopener noreferrer nofollow">Reuters</a>' in table
    assert "AP (no link)" in table
    data = figure_json(text)
    assert all("Undated thing" not in json.dumps(t) for t in data)  # table only, not on the chart
    assert "1 without a date is listed in the table only" in text


def test_empty_and_undated_only_timelines(sample_timeline: Timeline) -> None:
    empty = page(Timeline(title="Nothing yet"))
    assert "No events in this timeline." in empty and "Plotly" not in empty and "<h1>Nothing yet</h1>" in empty
    only = with_undated(Timeline(title="U", articles=sample_timeline.articles))
    text = page(only)
    assert "No dated events to draw." in text and "Undated thing" in text and "Plotly" not in text


def test_jsonld_is_embedded_and_cannot_close_the_script(sample_timeline: Timeline, monkeypatch) -> None:
    doc = {"@context": "https://schema.org", "@type": "ItemList", "name": "</script><script>window.__pwned=1</script>"}
    monkeypatch.setattr(html_export, "jsonld_document", lambda: (lambda tl: doc))
    text = page(sample_timeline)
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert m and json.loads(m.group(1)) == doc
    assert "<script>window.__pwned" not in text
    monkeypatch.setattr(html_export, "jsonld_document", lambda: None)
    assert "application/ld+json" not in page(sample_timeline)


def test_deterministic_across_processes() -> None:
    """Same bytes from fresh interpreters with different hash seeds (no set or dict-order effects)."""
    code = ("import hashlib, sys; sys.path.insert(0, 'tests'); from conftest import make_sample_timeline as m; "
            "from timeline.export import render, ExportOptions as O; "
            "print(hashlib.sha256(render(m(), 'html', O(plotlyjs='directory', lanes='actor'))['timeline.html']"
            " + render(m(), 'timelinejs')['timeline.timelinejs.json']).hexdigest())")
    repo = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_low_confidence_events_are_small_faint_dots_and_the_page_says_so(sample_timeline: Timeline) -> None:
    weak = {e.id for e in sample_timeline.events if e.when.precision == Precision.DAY}
    events = [e.model_copy(update={"confidence": 0.3}) if e.id in weak else e for e in sample_timeline.events]
    timeline = sample_timeline.model_copy(update={"events": events})
    data = page_data(page(timeline, plotlyjs="cdn"))
    faint = next(t for t in data["figure"]["data"] if t["meta"] == "faint")
    strong = next(t for t in data["figure"]["data"] if t["meta"] == "points")
    assert len(faint["x"]) == len(weak) and faint["marker"]["opacity"] < 1
    assert faint["marker"]["size"] < strong["marker"]["size"]
    assert page(timeline, plotlyjs="cdn").count("Small faint dots are low-salience") == 1
    assert "faint dots" not in page(sample_timeline, plotlyjs="cdn")
