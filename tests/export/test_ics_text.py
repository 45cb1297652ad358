"""The shared text helpers (timeline/export/text.py) and the ICS calendar slot of every kind of date."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.export.ics import Slot, slot
from timeline.export.text import clean, date_label, http_url, is_exact, one_line, uncertainty, when_text
from timeline.models import Modifier, Precision, When

D = dt.date
UTC = dt.timezone.utc
P = Precision


@pytest.mark.parametrize(
    ("when", "note"),
    [
        (When(value="2025-06-10", start=D(2025, 6, 10), end=D(2025, 6, 10), precision=P.DAY), None),
        (When(value="2025-06-01", start=D(2025, 6, 1), end=D(2025, 6, 3), precision=P.DAY), None),
        (When(value="2024-06", start=D(2024, 6, 1), end=D(2024, 6, 30), precision=P.MONTH), "June 2024, exact day unknown"),
        (When(value="2023-12", start=D(2023, 12, 1), end=D(2024, 2, 29), precision=P.MONTH),
         "December 2023 to February 2024, exact day unknown"),
        (When(value="2023", start=D(2023, 1, 1), end=D(2023, 12, 31), precision=P.YEAR), "2023, exact date unknown"),
        (When(value="2024-Q2", start=D(2024, 4, 1), end=D(2024, 6, 30), precision=P.QUARTER), "Q2 2024, exact day unknown"),
        (When(value="2024-H1", start=D(2024, 1, 1), end=D(2024, 6, 30), precision=P.HALF),
         "first half of 2024, exact day unknown"),
        (When(value="2025-W24", start=D(2025, 6, 9), end=D(2025, 6, 15), precision=P.WEEK),
         "week of 9 June 2025, exact day unknown"),
        (When(value="2025-WI", start=D(2025, 12, 1), end=D(2026, 2, 28), precision=P.SEASON),
         "winter 2025, exact day unknown"),
        (When(value="202", start=D(2020, 1, 1), end=D(2029, 12, 31), precision=P.DECADE), "the 2020s, exact date unknown"),
        (When(value="199", start=D(1990, 1, 1), end=D(1993, 4, 30), precision=P.DECADE, modifier=Modifier.START),
         "the early 1990s"),
        (When(value="20", start=D(2000, 1, 1), end=D(2099, 12, 31), precision=P.CENTURY),
         "the 21st century, exact date unknown"),
        (When(value="2024-06", start=D(2024, 6, 11), end=D(2024, 6, 20), precision=P.MONTH, modifier=Modifier.MID),
         "mid-June 2024"),
        (When(value="2024", start=D(2024, 9, 1), end=D(2024, 12, 31), precision=P.YEAR, modifier=Modifier.END), "late 2024"),
        (When(value="2025-06", start=D(2025, 6, 1), end=D(2025, 6, 30), precision=P.MONTH, modifier=Modifier.APPROX),
         "approx. June 2025"),
        (When(value="FUTURE_REF", start=D(2025, 6, 12), modifier=Modifier.AFTER), "on or after 12 June 2025, date unknown"),
        (When(value="PAST_REF", start=D(2025, 5, 1), end=D(2025, 6, 11)), "approx. 1 May to 11 June 2025"),
        (When(value="XXXX"), None),
    ],
)
def test_uncertainty_says_what_is_unknown(when, note):
    assert uncertainty(when) == note
    assert is_exact(when) == (note is None and when.start is not None)


def test_undated_label():
    assert date_label(When(value="XXXX")) == "date unknown"
    assert when_text(When(value="XXXX", end=D(2020, 1, 1))) == "on or before 1 January 2020, date unknown"


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        # day and day range: all-day, exclusive end
        (When(value="2025-06-10", start=D(2025, 6, 10), end=D(2025, 6, 10), precision=P.DAY),
         Slot(D(2025, 6, 10), D(2025, 6, 11))),
        (When(value="2025-06-01", start=D(2025, 6, 1), end=D(2025, 7, 1), precision=P.DAY),
         Slot(D(2025, 6, 1), D(2025, 7, 2))),  # 31 days: still a banner
        (When(value="P4Y", type="DURATION", start=D(2017, 1, 20), end=D(2021, 1, 20), precision=P.DAY),
         Slot(D(2017, 1, 20), D(2017, 1, 21), "20 January 2017 to 20 January 2021")),  # years: a marker
        (When(value="2024-03", start=D(2024, 3, 1), end=D(2024, 3, 31), precision=P.MONTH),
         Slot(D(2024, 3, 1), D(2024, 3, 2), "March 2024, exact day unknown")),
        # zoned times: UTC, one grain long
        (When(value="2025-06-04T20", type="TIME", start=dt.datetime(2025, 6, 4, 20, tzinfo=dt.timezone(dt.timedelta(hours=2))),
              end=dt.datetime(2025, 6, 4, 20, tzinfo=dt.timezone(dt.timedelta(hours=2))), precision=P.HOUR),
         Slot(dt.datetime(2025, 6, 4, 18, tzinfo=UTC), dt.datetime(2025, 6, 4, 19, tzinfo=UTC))),
        # a zoned datetime at day precision shows no time: the text gave none
        (When(value="2025-06-09", start=dt.datetime(2025, 6, 9, tzinfo=UTC), end=dt.datetime(2025, 6, 9, 23, 59, tzinfo=UTC),
              precision=P.DAY), Slot(D(2025, 6, 9), D(2025, 6, 10))),
        # no zone: all-day, the time in words
        (When(value="2025-06-09TMO", type="TIME", start=dt.datetime(2025, 6, 9, 6), end=dt.datetime(2025, 6, 9, 11, 59),
              precision=P.PART_OF_DAY), Slot(D(2025, 6, 9), D(2025, 6, 10), "morning, time zone not stated")),
        (When(value="2025-06-09T14:30:05", type="TIME", start=dt.datetime(2025, 6, 9, 14, 30, 5),
              end=dt.datetime(2025, 6, 9, 14, 30, 5), precision=P.SECOND),
         Slot(D(2025, 6, 9), D(2025, 6, 10), "14:30:05, time zone not stated")),
        (When(value="XXXX"), None),
    ],
)
def test_slot(when, expected):
    got = slot(when)
    assert got == expected
    if got is not None:
        assert got.end > got.start


def test_clean_and_one_line():
    assert clean("a\x00b\x0bc\x0cd\x1be\x7ff\x85g\tx\r\ny\rz") == "ab c defg\tx\ny\nz"
    assert one_line("  Elections,\r\n\t2024\u2028now\x00 ") == "Elections, 2024 now"
    assert clean(None) == one_line(None) == ""


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://news.example/a?b=1,2", True), ("HTTP://news.example", True), ("javascript:alert(1)", False),
     ("data:text/html,x", False), ("/relative/path", False), ("https://", False), ("https://a b.example", False),
     ("https://news.example/\x00", False), ("https://news.example/a\nb", False), ("https://:80/", False), (None, False), ("", False)],
)
def test_http_url(url, ok):
    assert (http_url(url) is not None) == ok
