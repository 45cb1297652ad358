"""Issue 12 property tests (hypothesis; fixed seed, bounded examples, run in CI with the rest).

- for arbitrary text and publication dates the tagger never raises, every mention's text is the
  text at its offsets, values follow the TIMEX3 grammar and start <= end;
- any valid Timeline exports to ICS, JSON and HTML that parse back to the same events;
- random bytes and random front matter never give exit status 1.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from timeline import cli, export, ingest, temporal
from timeline.export._html_dates import describe
from timeline.export.ics import event_uid
from timeline.models import (
    TIMEX3_VALUE,
    Article,
    Event,
    Modifier,
    Precision,
    Source,
    Timeline,
    When,
    event_sort_key,
)

# derandomize: the same examples on every run and machine; deadline off: CI machines are slow
SETTINGS = settings(derandomize=True, deadline=None, max_examples=60, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

WORDS = [
    "on", "Monday", "Friday", "June", "Dec.", "10", "31", "2025", "1999", "9999", "0001", "yesterday", "tomorrow",
    "next", "last", "week", "month", "year", "years", "ago", "three", "since", "until", "the", "council", "voted",
    "in", "March", "12:30", "a.m.", "noon", "tonight", "UTC", "+05:00", "1990s", "Q3", "summer", "mid-", "late",
    "century", "BC", "earlier", "later", "day", "the next day", "2025-06-10", "10/06/2025", "5th", "of", ",", ".",
    "\n", "\r\n", "\r", "\u2028", "\ufeff", "\t", "-", "–", "'", "(", ")",
]
text = st.lists(st.sampled_from(WORDS) | st.text(max_size=4), max_size=30).map(" ".join)
ZONES = st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=5)), dt.timezone(dt.timedelta(hours=-5, minutes=-30))])
published = st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)) | st.datetimes(
    dt.datetime(1, 1, 2), dt.datetime(9999, 12, 30), timezones=ZONES)


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


@SETTINGS
@given(body=text, when=published)
def test_tagger_never_raises_and_keeps_its_contract(body: str, when: dt.date | dt.datetime | None) -> None:
    if not body.strip():
        body = "x"
    article = Article(id="a", title="t", text=body, published=when)
    mentions, _warnings = temporal.tag_with_warnings(article)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(body)
        assert m.text == body[m.start : m.end]
        assert TIMEX3_VALUE.match(m.when.value), m.when.value
        if m.when.start is not None and m.when.end is not None:
            assert _day(m.when.start) <= _day(m.when.end)


# --- any valid Timeline exports and parses back ---------------------------------------------------

BODY = "The council voted. Rovers won the final. Shares fell sharply. The court ruled. The probe landed."
PHRASES = [p + "." for p in BODY.rstrip(".").split(". ")]


# the ends of the calendar, where exclusive ends and UTC conversion leave the range
EDGE_DAYS = st.sampled_from([dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date(9999, 12, 31)])
EDGE_MOMENTS = st.sampled_from([dt.datetime(1, 1, 1, 0, 30), dt.datetime(9999, 12, 31, 23, 0)])


@st.composite
def whens(draw) -> When:
    kind = draw(st.sampled_from(["day", "span", "time", "open", "undated"]))
    day = draw(EDGE_DAYS | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    if kind == "undated":
        return When(value=draw(st.sampled_from(["PAST_REF", "FUTURE_REF", "P3Y", "XXXX-06-10"])))
    if kind == "day":
        return When(value=day.isoformat(), start=day, end=day, precision=Precision.DAY,
                    modifier=draw(st.none() | st.sampled_from(list(Modifier))))
    if kind == "span":
        end = day + dt.timedelta(days=min(draw(st.integers(0, 4000)), (dt.date.max - day).days))
        return When(value=f"{day.year:04d}", start=day, end=end, precision=draw(st.sampled_from(list(Precision)[:10])))
    if kind == "open":
        return When(value="FUTURE_REF", start=day, end=None, modifier=Modifier.AFTER)
    moment = draw(st.builds(lambda d, z: d.replace(tzinfo=z), EDGE_MOMENTS, ZONES)
                  | st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59), timezones=ZONES))
    moment = moment.replace(second=0, microsecond=0)
    return When(value=moment.strftime("%Y-%m-%dT%H:%M").rjust(16, "0"), type="TIME", start=moment, end=moment,
                precision=Precision.MINUTE)


@st.composite
def timelines(draw) -> Timeline:
    n = draw(st.integers(1, 3))
    articles = [Article(id=f"a{i}", title=draw(st.text(max_size=20)) or f"A{i}", text=BODY,
                        url=draw(st.sampled_from([None, "https://news.example/x?a=1&b=<2>", "javascript:alert(1)"])),
                        source=draw(st.none() | st.text(max_size=12)), published=draw(published))
                for i in range(n)]
    events = []
    for k in range(draw(st.integers(0, 6))):
        a = articles[draw(st.integers(0, n - 1))]
        phrase = PHRASES[k % len(PHRASES)]
        start = BODY.index(phrase)
        src = Source.at(a, start, start + len(phrase))
        events.append(Event(id=f"e{k}", title=draw(st.text(min_size=1, max_size=30).filter(str.strip)),
                            when=draw(whens()), quote=src.quote, sources=[src], minor=draw(st.booleans()),
                            actors=draw(st.lists(st.text(max_size=8), max_size=2)), kind=draw(st.none() | st.just("vote"))))
    events.sort(key=event_sort_key)
    return Timeline(title=draw(st.text(max_size=30)) or "T", articles=[a.info() for a in articles], events=events)


@SETTINGS
@given(tl=timelines())
def test_any_valid_timeline_exports_and_parses_back(tl: Timeline) -> None:
    assert Timeline.model_validate_json(export.render(tl, "json")["timeline.json"]) == tl
    shown, _ = export.showable(tl)
    shown = shown.model_copy(update={"events": [e for e in shown.events if not e.minor]})  # minor: JSON only by default
    dated = [e for e in shown.events if e.when.start is not None]
    try:
        ics = export.render(tl, "ics")["timeline.ics"]
    except export.TimelineError:
        assert not dated  # the only refusal: nothing to put on a calendar
    else:
        cal = Calendar.from_ical(ics)
        got = {str(v["UID"]): (str(v["X-TIMELINE-VALUE"]), str(v["X-TIMELINE-START"])) for v in cal.walk("VEVENT")}
        assert got == {event_uid(e): (e.when.value, e.when.start.isoformat()) for e in dated}
    page = lxml.html.fromstring(export.render(tl, "html", export.ExportOptions(plotlyjs="cdn"))["timeline.html"])
    rows = page.xpath("//tr[starts-with(@id, 'ev-')]")
    assert [r.get("id") for r in rows] == [f"ev-{e.id}" for e in shown.events]
    assert [r.xpath("string(td[1])") for r in rows] == [describe(e.when) for e in shown.events]


# --- random bytes and random front matter never give exit 1 ----------------------------------------

YAMLISH = st.lists(st.sampled_from(list("abt:-[]{}&*!|>'\"#%@`,?\n\r\t 0129.") + [
    "title: ", "published: ", "url: ", "\u2028", "\ufeff", "2025-02-30", "&a ", "*a", "!!python/object "]),
    max_size=40).map("".join)


def _build(name: str, data: bytes) -> int:
    root = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        (root / "in").mkdir()
        (root / "in" / name).write_bytes(data)
        (root / "in" / "good.md").write_text("---\ntitle: Good\npublished: 2025-06-11\n---\nThe vote was on June 10.\n")
        rc = cli.main(["build", str(root / "in"), "-o", str(root / "out"), "--format", "json,ics,markdown", "-q"])
        assert json.loads((root / "out" / "timeline.json").read_text())["articles"]  # the good article is there
        return rc
    finally:
        shutil.rmtree(root, ignore_errors=True)


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from(sorted(ingest.READERS) + [".jsonl.gz", ".md.gz"]))
def test_random_bytes_never_exit_1(data: bytes, suffix: str) -> None:
    assert _build("x" + suffix, data) in (0, 2)


@SETTINGS
@given(meta=YAMLISH, body=text)
def test_random_front_matter_never_exits_1(meta: str, body: str) -> None:
    assert _build("x.md", f"---\n{meta}\n---\n{body}\n".encode()) in (0, 2)
