"""The word tables of ``data/``, loaded once: ``load(name)`` and the kind of a trigger's lemma."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def load(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(f"data/{name}.json").read_text("utf-8"))


@cache
def kinds() -> dict[str, str]:
    """Lemma -> kind (``data/kinds.json``; each lemma under one kind)."""
    return {lemma: kind for kind, lemmas in load("kinds").items() if kind != "_doc" for lemma in lemmas}


def kind(lemma: str, event_class: str | None) -> str | None:
    """The kind of a trigger: its lemma's, else "statement" for a REPORTING trigger, else none."""
    found = kinds().get(lemma)
    if found is None and event_class == "REPORTING":
        return "statement"
    return found
