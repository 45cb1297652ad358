"""Named periods and terms of office: the built-in table, users' files through --periods and the
pipeline (never the environment), the holder named or the subject nearby, dates that hold together."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO
from timeline import pipeline
from timeline.errors import InputError
from timeline.models import Article
from timeline.temporal import default_periods, load_periods, no_periods, tag, tag_text

USER_FILE = textwrap.dedent("""
    periods:
      - id: paris-olympics-2024
        patterns: ["the Paris Olympics"]
        type: DATE
        value: 2024-07
        start: 2024-07-26
        end: 2024-08-11
    holders:
      - {name: Jane Doe, short: [Doe], office: prime minister, terms: [[2020-01-01, 2023-06-30]]}
""")


def found(text: str, dct: dt.date, phrase: str, periods=None) -> list[tuple[str, str]]:
    start = text.index(phrase)
    return [(m.text, m.when.value) for m in tag_text(text, dct, periods=periods)
            if m.start < start + len(phrase) and start < m.end]


def test_built_in_table_holds_together() -> None:
    table = default_periods()
    offices = dict(table.offices)
    assert len(table.holders) > 200
    for h in table.holders:
        assert h.office in offices, h.name
        assert h.terms == tuple(sorted(h.terms)), h.name
        for (a, b), nxt in zip(h.terms, [*h.terms[1:], None], strict=True):
            assert b is None or a <= b, h.name
            assert nxt is None or b is not None and b <= nxt[0], f"{h.name}: terms overlap"
        assert all(t[1] is not None for t in h.terms[:-1]), f"{h.name}: only the last term may be open"
    for p in table.periods:
        assert p.start <= p.end, p.id
    # spot checks against the public record (inaugurations and appointments)
    first = {(h.name, h.office): h.terms[0][0] for h in table.holders}
    assert first[("Angela Merkel", "chancellor")] == dt.date(2005, 11, 22)
    assert first[("Shigeru Ishiba", "prime minister")] == dt.date(2024, 10, 1)
    assert first[("Luiz Inácio Lula da Silva", "president")] == dt.date(2003, 1, 1)
    assert first[("Keir Starmer", "prime minister")] == dt.date(2024, 7, 5)


@pytest.mark.parametrize(("text", "dct", "phrase", "value"), [
    ("Growth slowed during Angela Merkel's chancellorship.", dt.date(2022, 1, 1), "Angela Merkel's chancellorship", "P16Y"),
    ("Obama campaigned hard. His second term began in 2013.", dt.date(2016, 1, 1), "second term", "P4Y"),
    ("Trump called Lula. Lula, returning to office in 2023, welcomed the call.", dt.date(2025, 6, 11),
     "returning to office", "2023-01-01"),
    ("Shinzo Abe's return to power surprised few.", dt.date(2014, 1, 1), "return to power", "2012-12-26"),
    ("Prices soared during the Gulf War.", dt.date(2009, 1, 1), "the Gulf War", "P6M"),
    ("Trains stopped in France. During the first lockdown, stations were empty.", dt.date(2021, 1, 1),
     "the first lockdown", "P1M"),
])
def test_named_period_found(text: str, dct: dt.date, phrase: str, value: str) -> None:
    got = found(text, dct, phrase)
    assert got and got[0][1] == value, got


@pytest.mark.parametrize(("text", "dct", "phrase"), [
    ("The prime minister is returning to office after the vote.", dt.date(2025, 6, 11), "returning to office"),  # no holder
    ("Trump said in a rally that his second term would be different.", dt.date(2019, 6, 11), "second term"),  # not begun
    (("Obama spoke in 2015.\n\nAnother speaker, Smith, said the plan was new. He praised it.\n\n"
     "Smith said his second term would differ."), dt.date(2016, 6, 11), "second term"),  # holder two sentences back
    ("The Bush administration said it would act.", dt.date(1991, 1, 1), "The Bush administration"),  # an organisation
    ("Shops were shut. During the first lockdown, sales fell.", dt.date(2021, 1, 1), "the first lockdown"),  # whose?
])
def test_named_period_needs_its_holder_nearby(text: str, dct: dt.date, phrase: str) -> None:
    assert found(text, dct, phrase) == []


def test_user_file_adds_periods_and_holders(tmp_path: Path) -> None:
    f = tmp_path / "periods.yaml"
    f.write_text(USER_FILE, encoding="utf-8")
    table = load_periods([f])
    text = "Crowds came to the Paris Olympics. Doe said her premiership was hard."
    got = {m.text: m.when for m in tag_text(text, dt.date(2025, 1, 1), periods=table)}
    assert got["the Paris Olympics"].value == "2024-07" and got["the Paris Olympics"].start == dt.date(2024, 7, 26)
    assert got["premiership"].start == dt.date(2020, 1, 1) and got["premiership"].end == dt.date(2023, 6, 30)
    # the built-in table is untouched, and the table travels through the pipeline
    assert "the Paris Olympics" not in {m.text for m in tag_text(text, dt.date(2025, 1, 1))}
    result = pipeline.process(Article(id="a", text=text, published=dt.date(2025, 1, 1)), table)
    assert "the Paris Olympics" in {m.text for m in result.mentions}


def test_the_environment_is_not_read(tmp_path: Path) -> None:
    f = tmp_path / "periods.yaml"
    f.write_text(USER_FILE, encoding="utf-8")
    code = ("import datetime as dt, json; from timeline.temporal import tag_text; "
            "print(json.dumps([m.text for m in tag_text('Crowds came to the Paris Olympics.', dt.date(2025, 1, 1))]))")
    env = {**os.environ, "TIMELINE_NAMED_PERIODS": str(f)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=REPO)
    assert json.loads(out.stdout) == []


def test_cli_periods_option(tmp_path: Path) -> None:
    f = tmp_path / "periods.yaml"
    f.write_text(USER_FILE, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("Crowds came to the Paris Olympics.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "timeline.cli", "extract", str(doc), "--published", "2025-01-01",
                          "--periods", str(f)], capture_output=True, text=True, check=True, cwd=REPO)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["text"], r["value"]) for r in rows] == [("the Paris Olympics", "2024-07")]


@pytest.mark.parametrize(("content", "problem"), [
    ("holders: [{name: X, office: pope, terms: [[2000-01-01, null]]}]", "unknown office"),
    ("holders: [{name: X, office: president, terms: [[2001-01-01, 2000-01-01]]}]", "ends before it starts"),
    ("periods: [{id: p, patterns: ['(unclosed'], start: 2000-01-01, end: 2000-02-01}]", "not a regular expression"),
    ("periods: [{id: p, patterns: [x], start: 2001-01-01, end: 2000-02-01}]", "start not after end"),
    ("holders: [", "not valid YAML"),
    ("- just a list", "expected a mapping"),
])
def test_bad_user_file_names_the_file(tmp_path: Path, content: str, problem: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_periods([f])
    assert str(f) in str(err.value) and problem in str(err.value)


def test_cli_reports_a_bad_periods_file(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("holders: [", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("On Tuesday the talks ended.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "timeline.cli", "extract", str(doc), "--periods", str(f)],
                         check=False, capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 2 and str(f) in out.stderr


def test_timex3_scoring_leaves_named_periods_out() -> None:
    """TimeML annotates "World War II" as an event: `timeline eval` tags with no named periods."""
    text = "After World War II, the economy grew. On Tuesday it shrank."
    assert "World War II" in {m.text for m in tag_text(text, dt.date(2025, 6, 11))}
    assert "World War II" not in {m.text for m in tag(Article(id="a", text=text, published=dt.date(2025, 6, 11)),
                                                          no_periods())}
