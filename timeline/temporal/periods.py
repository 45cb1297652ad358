"""The named-period table: terms of office and named periods, built in and from users' YAML files.

    load_periods(files)   -> PeriodTable: data/named_periods.yaml, then each file (same format)
    default_periods()     -> the built-in table (read once)

A table is a frozen value: the tagger's grammar is built once per table (grammar.py) and a table
travels with the work (pipeline.build(..., periods=table)), so a process pool or a Dask worker gets
the same table as the caller. Nothing is read from the environment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from timeline.errors import InputError

BUILT_IN = Path(__file__).parent / "data" / "named_periods.yaml"
# libyaml's parser when PyYAML was built with it (about ten times faster on the tables), else PyYAML's own
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Term = tuple[dt.date, dt.date | None]


@dataclass(frozen=True)
class Holder:
    """A holder of an office and the spells they held it (end None: still in office)."""

    name: str
    short: tuple[str, ...]
    office: str
    terms: tuple[Term, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short)


@dataclass(frozen=True)
class Period:
    """A named period with fixed bounds ("the Gulf War", "the first lockdown" near "Britain")."""

    id: str
    patterns: tuple[str, ...]
    start: dt.date
    end: dt.date
    type: str = "DURATION"
    value: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class PeriodTable:
    """Holders and periods. Compared and hashed by identity: a grammar is cached per table."""

    holders: tuple[Holder, ...]
    periods: tuple[Period, ...]
    offices: tuple[tuple[str, tuple[str, ...]], ...]  # office -> the nouns naming a spell in it
    term_nouns: tuple[str, ...]  # nouns every office takes ("term", "tenure", ...)
    sources: tuple[str, ...] = field(default=())

    def names(self) -> list[str]:
        """Every name a holder goes by, longest first."""
        return sorted({n for h in self.holders for n in h.names}, key=lambda s: (-len(s), s))

    def nouns(self) -> list[str]:
        return sorted({*self.term_nouns, *(n for _, ns in self.offices for n in ns)})

    def offices_of(self, noun: str) -> frozenset[str] | None:
        """The offices a noun belongs to ("chancellorship": chancellor); None for any office ("term")."""
        noun = " ".join(noun.lower().split())
        got = frozenset(o for o, ns in self.offices if noun in ns)
        return got or None

    def named(self, name: str) -> list[Holder]:
        key = " ".join(name.split()).casefold()
        return [h for h in self.holders if key in (n.casefold() for n in h.names)]

    def name_regex(self) -> re.Pattern[str]:
        return _name_regex(self)

    def period(self, pid: str) -> Period | None:
        return _periods_by_id(self).get(pid)


@cache
def _periods_by_id(table: PeriodTable) -> dict[str, Period]:
    return {p.id: p for p in table.periods}


@cache
def _name_regex(table: PeriodTable) -> re.Pattern[str]:
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in table.names())
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")


def _date(v: object, where: str) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise InputError(where, f"not an ISO date: {v!r}") from None


def _holder(raw: Any, where: str, offices: set[str]) -> Holder:
    if not isinstance(raw, dict) or "name" not in raw or "terms" not in raw:
        raise InputError(where, f"a holder needs a name and terms: {raw!r}")
    office = str(raw.get("office", "")).lower()
    if office not in offices:
        raise InputError(where, f"{raw['name']}: unknown office {office!r}; known: {', '.join(sorted(offices))}")
    terms = []
    for t in raw["terms"]:
        if not isinstance(t, list | tuple) or len(t) != 2:
            raise InputError(where, f"{raw['name']}: a term is [start, end], not {t!r}")
        a, b = _date(t[0], where), _date(t[1], where)
        if a is None or (b is not None and b < a):
            raise InputError(where, f"{raw['name']}: term {t!r} has no start or ends before it starts")
        terms.append((a, b))
    short = raw.get("short") or []
    return Holder(str(raw["name"]), tuple(str(s) for s in ([short] if isinstance(short, str) else short)), office,
                  tuple(sorted(terms)))


def _period(raw: Any, where: str) -> Period:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("patterns"):
        raise InputError(where, f"a period needs an id and patterns: {raw!r}")
    pats = [raw["patterns"]] if isinstance(raw["patterns"], str) else raw["patterns"]
    for p in pats:
        try:
            re.compile(p)
        except re.error as exc:
            raise InputError(where, f"period {raw['id']}: pattern {p!r} is not a regular expression ({exc})") from None
    a, b = _date(raw.get("start"), where), _date(raw.get("end"), where)
    if a is None or b is None or b < a:
        raise InputError(where, f"period {raw['id']}: needs start and end, start not after end")
    typ = str(raw.get("type", "DURATION")).upper()
    if typ not in ("DATE", "DURATION"):
        raise InputError(where, f"period {raw['id']}: type must be DATE or DURATION, not {typ}")
    value = raw.get("value")
    return Period(str(raw["id"]), tuple(str(p) for p in pats), a, b, typ,
                  str(value) if value is not None else None, tuple(str(c) for c in raw.get("context") or ()))


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=YAML_LOADER) or {}
    except OSError as exc:
        raise InputError(str(path), f"cannot read named periods ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(str(path), f"not valid YAML ({getattr(exc, 'problem', exc)})",
                         mark.line + 1 if mark is not None else None) from None
    if not isinstance(data, dict) or not set(data) <= {"offices", "term_nouns", "holders", "periods"}:
        raise InputError(str(path), "expected a mapping with holders, periods, offices or term_nouns")
    return data


def load_periods(files: Iterable[Path | str] = ()) -> PeriodTable:
    """The built-in table, extended by each file in turn: a period with the same id, or a holder with
    the same name and office, replaces the earlier one. Raises InputError naming the file."""
    paths = [BUILT_IN, *map(Path, files)]
    offices: dict[str, tuple[str, ...]] = {}
    nouns: list[str] = []
    holders: dict[tuple[str, str], Holder] = {}
    periods: dict[str, Period] = {}
    for path in paths:
        data = _read(path)
        for office, ns in (data.get("offices") or {}).items():
            offices[str(office).lower()] = tuple(str(n).lower() for n in ns)
        nouns += [str(n).lower() for n in data.get("term_nouns") or () if str(n).lower() not in nouns]
        for raw in data.get("holders") or ():
            h = _holder(raw, str(path), set(offices))
            key = (h.name, h.office)
            if key in holders and path != BUILT_IN:
                holders[key] = h
            elif key in holders:  # two spells of one office listed apart in the built-in table
                holders[key] = Holder(h.name, tuple(dict.fromkeys((*holders[key].short, *h.short))), h.office,
                                      tuple(sorted((*holders[key].terms, *h.terms))))
            else:
                holders[key] = h
        for raw in data.get("periods") or ():
            p = _period(raw, str(path))
            periods[p.id] = p
    return PeriodTable(tuple(holders.values()), tuple(periods.values()), tuple(offices.items()), tuple(nouns),
                       tuple(str(p) for p in paths))


@cache
def default_periods() -> PeriodTable:
    return load_periods()


@cache
def no_periods() -> PeriodTable:
    """A table without holders or periods: TIMEX3 alone. TimeML annotates "World War II" and "Merkel's
    chancellorship" as events, not temporal expressions, so `timeline eval` tags with this table."""
    base = default_periods()
    return PeriodTable((), (), base.offices, base.term_nouns, ())


def table_of(periods: PeriodTable | Sequence[Path | str] | None) -> PeriodTable:
    """A table from what callers pass: a table, files to add to the built-in one, or None."""
    if periods is None:
        return default_periods()
    if isinstance(periods, PeriodTable):
        return periods
    return load_periods(periods) if periods else default_periods()
