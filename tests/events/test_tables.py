"""The word tables of timeline/events/data: every key is used, every lemma has exactly one kind."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from timeline.events import lexicon

DATA = resources.files("timeline.events").joinpath("data")
CODE = "\n".join(p.read_text("utf-8") for p in Path(str(resources.files("timeline.events"))).glob("*.py"))
TABLES = ("actors", "anchors", "clauses", "kinds", "titles")


@pytest.mark.parametrize("name", TABLES)
def test_every_key_is_used(name: str) -> None:
    data = json.loads(DATA.joinpath(f"{name}.json").read_text("utf-8"))
    assert "_doc" in data
    for key in data:
        if key == "_doc" or name == "kinds":
            continue
        assert re.search(rf"[\"']{re.escape(key)}[\"']", CODE), f"{name}.json: {key} is not used"


def test_each_lemma_names_one_kind_and_reporting_defaults_to_statement() -> None:
    data = json.loads(DATA.joinpath("kinds.json").read_text("utf-8"))
    count = Counter(lemma for kind, lemmas in data.items() if kind != "_doc" for lemma in lemmas)
    assert [w for w, n in count.items() if n > 1] == []
    for ambiguous in ("fire", "raise", "post", "crash", "rally", "cut", "strike", "release"):
        assert ambiguous not in count  # senses of several kinds: the rule lists them nowhere
    assert lexicon.kind("kill", "OCCURRENCE") == "death" and lexicon.kind("beat", "OCCURRENCE") == "result"
    assert lexicon.kind("fire", "OCCURRENCE") is None
    assert lexicon.kind("mutter", "REPORTING") == "statement" and lexicon.kind("mutter", "OCCURRENCE") is None
