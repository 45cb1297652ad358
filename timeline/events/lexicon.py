"""The word tables of ``data/`` loaded once: happening verbs with their inflected forms, event nouns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Form = Literal["base", "s", "past", "ing"]


@dataclass(frozen=True, slots=True)
class VerbForm:
    lemma: str
    kind: str
    form: Form


def load(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(f"data/{name}.json").read_text("utf-8"))


def _inflect(base: str) -> dict[str, Form]:
    """Regular English inflections; over-generation is harmless (the forms are only looked up)."""
    forms: dict[str, Form] = {base: "base"}
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms[base + "es"] = "s"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms[base[:-1] + "ies"] = "s"
    else:
        forms[base + "s"] = "s"
    if base.endswith("e"):
        forms[base + "d"] = "past"
        forms[base[:-1] + "ing"] = "ing"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms[base[:-1] + "ied"] = "past"
        forms[base + "ing"] = "ing"
    else:
        forms[base + "ed"] = "past"
        forms[base + "ing"] = "ing"
        if len(base) > 4 and base.endswith("l") and base[-2] in "aeiou" and base[-3] not in "aeiou":
            forms[base + "led"] = "past"  # British spelling: travel -> travelled, cancel -> cancelling
            forms[base + "ling"] = "ing"
        if len(base) <= 5 and base[-1] not in "aeiouwxy" and base[-2:-1] in set("aeiou") and base[-3:-2] not in set("aeiou"):
            forms[base + base[-1] + "ed"] = "past"  # plan -> planned, ban -> banned
            forms[base + base[-1] + "ing"] = "ing"
    return forms


@cache
def verbs() -> dict[str, VerbForm]:
    """Every known form of a happening verb -> its lemma, kind and form."""
    data = load("triggers")
    out: dict[str, VerbForm] = {}
    for kind, lemmas in data["verbs"].items():
        for lemma in lemmas:
            for word, form in _inflect(lemma).items():
                out.setdefault(word, VerbForm(lemma, kind, form))
            for word in data["irregular"].get(lemma, []):
                out[word] = VerbForm(lemma, kind, "ing" if word.endswith("ing") else "past")
    return out


@cache
def state_verbs() -> dict[str, Form]:
    """Present forms of common verbs (data/states.json): word -> "s" (finite) or "base" (finite after a plural subject)."""
    data = load("states")
    out: dict[str, Form] = {w: "s" for w in data["finite"]}
    for lemma in data["verbs"]:
        for word, form in _inflect(lemma).items():
            if form in {"s", "base"}:
                out.setdefault(word, form)
    for word, vf in verbs().items():
        if vf.form in {"s", "base"}:
            out.setdefault(word, vf.form)
    return out


@cache
def nouns() -> dict[str, str]:
    """Event noun (lower case, possibly two words) -> its class (meeting, attack, ...)."""
    return {n: cls for cls, words in load("triggers")["nouns"].items() for n in words}


@cache
def verb_class() -> dict[str, str]:
    """Verb lemma -> the event-noun class of its happening (meet -> meeting)."""
    return dict(load("triggers")["verb_class"])
