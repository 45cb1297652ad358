"""The phrase corpus (phrases.yaml): every rule, in context, with its publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from timeline.temporal import tag_text

CASES = yaml.safe_load((Path(__file__).parent / "phrases.yaml").read_text(encoding="utf-8"))["cases"]


def _date(v: object) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v  # type: ignore[return-value]
    return dt.date.fromisoformat(str(v))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['phrase']}@{c['dct']}" for c in CASES])
def test_phrase(case: dict) -> None:
    context, phrase = case["context"], case["phrase"]
    start = context.index(phrase)
    mentions = tag_text(context, _date(case["dct"]))
    found = [m for m in mentions if m.start == start and m.end == start + len(phrase)]
    assert found, f"{phrase!r} not found with its extent; got {[(m.text, m.when.value) for m in mentions]}"
    when = found[0].when
    assert (str(when.type), when.value) == (case["type"], str(case["value"]))
    if "start" in case:
        got = when.start.date() if isinstance(when.start, dt.datetime) else when.start
        assert got == _date(case["start"])
    if "end" in case:
        got = when.end.date() if isinstance(when.end, dt.datetime) else when.end
        assert got == _date(case["end"])


def test_every_rule_has_a_case() -> None:
    rules = yaml.safe_load(
        (Path(__file__).parents[2] / "timeline/temporal/data/rules.yaml").read_text(encoding="utf-8")
    )["rules"]
    covered = {c["rule"] for c in CASES}
    missing = [r["name"] for r in rules if r["name"] not in covered]
    assert not missing, f"rules without a phrase case: {missing}"
