"""The data tables of timeline/temporal/data: every table is read by the code, every rule has a normaliser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

PKG = Path(__file__).parents[2] / "timeline"
DATA = PKG / "temporal" / "data"
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in PKG.rglob("*.py"))


@pytest.mark.parametrize("name", ["lexicon.yaml", "reference.yaml", "named_periods.yaml"])
def test_every_table_is_used(name: str) -> None:
    tables = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    unused = [k for k in tables if not re.search(rf"""["']{re.escape(str(k))}["']""", SOURCE)]
    assert not unused, f"{name}: tables no code reads: {unused}"


def test_every_rule_has_a_normaliser() -> None:
    rules = yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    normalize = (PKG / "temporal" / "normalize.py").read_text(encoding="utf-8")
    missing = [r["name"] for r in rules if not re.search(rf"""["']{r['name']}["']""", normalize)]
    assert not missing, f"rules with no branch in normalize.py: {missing}"


def test_placeholders_are_filled() -> None:
    from timeline.temporal.grammar import _placeholders
    from timeline.temporal.periods import default_periods

    filled = _placeholders(default_periods())
    rules = yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    used = {p for r in rules for p in re.findall(r"\{([A-Z_]+)\}", r["pattern"])}
    assert used <= set(filled), f"placeholders without a value: {used - set(filled)}"
    assert set(filled) <= used, f"placeholders no rule uses: {set(filled) - used}"
