"""TempEval-3 Task A scoring of temporal expressions: extent (relaxed, strict), type and value.

- relaxed: a system and a gold expression match when their spans overlap at all. Matching is
  one-to-one, greedy by largest overlap; ties go to the identical span, then the smaller boundary
  difference, then document order. P = M/S, R = M/G, F1 = 2M/(G+S).
- strict: matched pairs with identical start and end.
- type / value: among relaxed matches, the string is identical. accuracy = C/M and
  P/R/F1 = accuracy x relaxed P/R/F1, so value F1 = 2Cv/(G+S).

Counts are pooled over documents (micro average). A missing system type or value never equals a
gold one; strings are compared exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

ErrorKind = Literal["value", "boundary", "miss", "false_alarm"]
ERROR_KINDS: tuple[ErrorKind, ...] = ("value", "boundary", "miss", "false_alarm")
ERROR_TITLES = {
    "value": "value errors (relaxed match, value differs)",
    "boundary": "boundary errors (relaxed but not strict)",
    "miss": "misses (gold, no system overlap)",
    "false_alarm": "false alarms (system, no gold overlap)",
}


@dataclass(frozen=True)
class Span:
    """A gold or system temporal expression in one document."""

    start: int
    end: int
    type: str | None = None
    value: str | None = None
    text: str | None = None

    @property
    def valid(self) -> bool:
        return isinstance(self.start, int) and isinstance(self.end, int) and self.end > self.start


@dataclass(frozen=True)
class TimexError:
    doc: str
    kind: ErrorKind
    gold: Span | None
    system: Span | None

    @property
    def start(self) -> int:
        return (self.gold or self.system).start  # type: ignore[union-attr]


def match(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs, greedy by largest character overlap."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                diff = abs(g.start - s.start) + abs(g.end - s.end)
                candidates.append((-overlap, diff > 0, diff, g.start, s.start, gi, si))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for *_, gi, si in candidates:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return pairs


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    matched: int = 0  # relaxed
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def _pct(n: float, d: float) -> float:
    return 100.0 * n / d if d else 0.0


def prf(correct: int, gold: int, system: int) -> tuple[float, float, float]:
    p, r = _pct(correct, system), _pct(correct, gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_doc(doc: str, gold: Sequence[Span], system: Sequence[Span],
              matched: list[tuple[Span, Span]] | None = None) -> tuple[Counts, list[TimexError]]:
    """Counts and errors for one document; ``matched`` collects the (gold, system) pairs if given."""
    valid = [s for s in system if s.valid]
    pairs = match(gold, valid)
    c = Counts(gold=len(gold), system=len(system), matched=len(pairs))
    errors: list[TimexError] = []
    for gi, si in pairs:
        g, s = gold[gi], valid[si]
        if matched is not None:
            matched.append((g, s))
        strict = (g.start, g.end) == (s.start, s.end)
        c.strict += strict
        c.type_ok += s.type is not None and s.type == g.type
        value_ok = s.value is not None and s.value == g.value
        c.value_ok += value_ok
        if not value_ok:
            errors.append(TimexError(doc, "value", g, s))
        if not strict:
            errors.append(TimexError(doc, "boundary", g, s))
    hit_g = {gi for gi, _ in pairs}
    hit_s = {si for _, si in pairs}
    errors += [TimexError(doc, "miss", g, None) for i, g in enumerate(gold) if i not in hit_g]
    errors += [TimexError(doc, "false_alarm", None, s) for i, s in enumerate(valid) if i not in hit_s]
    errors += [TimexError(doc, "false_alarm", None, s) for s in system if not s.valid]
    return c, errors


def metrics(c: Counts) -> dict[str, Any]:
    """TE3 figures in percent, in the same layout as timexeval.py's --json output."""
    rp, rr, rf = prf(c.matched, c.gold, c.system)
    sp, sr, sf = prf(c.strict, c.gold, c.system)
    out: dict[str, Any] = {
        "gold": c.gold,
        "system": c.system,
        "relaxed": {"matched": c.matched, "precision": rp, "recall": rr, "f1": rf},
        "strict": {"matched": c.strict, "precision": sp, "recall": sr, "f1": sf},
    }
    for key, n in (("type", c.type_ok), ("value", c.value_ok)):
        acc = _pct(n, c.matched)
        out[key] = {"correct": n, "accuracy": acc, "precision": acc * rp / 100,
                    "recall": acc * rr / 100, "f1": acc * rf / 100}
    return out


_SPACES = re.compile(r"\s+")


def context(text: str | None, start: int, end: int, width: int = 40) -> str:
    if text is None:
        return "(no context)"

    def squash(s: str) -> str:
        return _SPACES.sub(" ", s)

    return f"…{squash(text[max(0, start - width):start])}[{squash(text[start:end])}]{squash(text[end:end + width])}…"


@dataclass
class TimexReport:
    """Scores pooled over documents, per-document counts, and every error with its document."""

    counts: Counts
    per_doc: dict[str, Counts]
    error_items: list[TimexError]
    texts: dict[str, str] = field(default_factory=dict)
    pairs: list[tuple[Span, Span]] = field(default_factory=list)  # relaxed matches (gold, system)
    gold_types: dict[str, int] = field(default_factory=dict)  # gold expressions per type

    @property
    def scores(self) -> dict[str, Any]:
        return metrics(self.counts)

    def by_type(self) -> dict[str, dict[str, Any]]:
        """Per gold type: how many, and relaxed/strict recall, type and value accuracy (percent)."""
        out: dict[str, dict[str, Any]] = {}
        for t, n in sorted(self.gold_types.items(), key=lambda kv: -kv[1]):
            ps = [(g, s) for g, s in self.pairs if (g.type or "?") == t]
            strict = sum((g.start, g.end) == (s.start, s.end) for g, s in ps)
            out[t] = {"gold": n, "relaxed_recall": _pct(len(ps), n), "strict_recall": _pct(strict, n),
                      "type_accuracy": _pct(sum(s.type == g.type for g, s in ps), len(ps)),
                      "value_accuracy": _pct(sum(s.value is not None and s.value == g.value for g, s in ps), len(ps))}
        return out

    def to_dict(self, *, per_doc: bool = False, errors: int = 0) -> dict[str, Any]:
        d: dict[str, Any] = {"documents": len(self.per_doc), **self.scores, "by_gold_type": self.by_type()}
        if per_doc:
            d["per_doc"] = {k: vars(v) for k, v in self.per_doc.items()}
        if errors:
            d["errors"] = {k: [self._error_dict(e) for e in self._errors_of(k)[:errors]] for k in ERROR_KINDS}
        return d

    def _errors_of(self, kind: ErrorKind) -> list[TimexError]:
        return sorted((e for e in self.error_items if e.kind == kind), key=lambda e: (e.doc, e.start))

    def _error_dict(self, e: TimexError) -> dict[str, Any]:
        at = e.gold or e.system
        assert at is not None
        d: dict[str, Any] = {"doc": e.doc, "kind": e.kind, "context": context(self.texts.get(e.doc), at.start, at.end)}
        for side, s in (("gold", e.gold), ("system", e.system)):
            if s is not None:
                d[side] = {"start": s.start, "end": s.end, "text": s.text, "type": s.type, "value": s.value}
        return d

    def render(self, errors: int = 0) -> str:
        """The scores as a small table; with ``errors`` > 0, the error listing after it."""
        s = self.scores
        lines = [f"{len(self.per_doc)} documents, gold {s['gold']}, system {s['system']}",
                 f"  {'':8s} {'P':>6s} {'R':>6s} {'F1':>6s}   {'acc':>6s}  counts"]
        for key in ("strict", "relaxed"):
            d = s[key]
            lines.append(f"  {key:8s} {d['precision']:6.2f} {d['recall']:6.2f} {d['f1']:6.2f}   {'':6s}"
                         f"  {d['matched']} matched")
        for key in ("type", "value"):
            d = s[key]
            lines.append(f"  {key:8s} {d['precision']:6.2f} {d['recall']:6.2f} {d['f1']:6.2f}   "
                         f"{d['accuracy']:6.2f}  {d['correct']}/{s['relaxed']['matched']} correct")
        lines.append("  by gold type:   gold   relR   strR  typeAcc valAcc")
        for t, b in self.by_type().items():
            lines.append(f"    {t:12s} {b['gold']:5d} {b['relaxed_recall']:6.2f} {b['strict_recall']:6.2f} "
                         f"{b['type_accuracy']:7.2f} {b['value_accuracy']:6.2f}")
        return "\n".join(lines) + "\n" + (f"\n{self.errors(errors)}" if errors > 0 else "")

    def errors(self, n: int) -> str:
        """Up to n errors of each kind, with context, as text."""
        out: list[str] = []
        for kind in ERROR_KINDS:
            items = self._errors_of(kind)
            out.append(f"{ERROR_TITLES[kind]}: {len(items)}" + (f", first {n}" if len(items) > n else ""))
            for e in items[:n]:
                g, s = e.gold, e.system
                at = g or s
                assert at is not None
                where = f"  {e.doc}:{at.start}-{at.end} {context(self.texts.get(e.doc), at.start, at.end)}"
                if g is not None and s is not None:
                    out.append(f"{where}\n      gold {g.type} {g.value!s:14s}  sys [{s.text}] {s.type} {s.value}")
                elif g is not None:
                    out.append(f"{where}  gold {g.type} {g.value}")
                else:
                    out.append(f"{where}  sys {s.type} {s.value}")  # type: ignore[union-attr]
            out.append("")
        return "\n".join(out).rstrip() + "\n"


def score(
    gold: Mapping[str, Sequence[Span]],
    system: Mapping[str, Sequence[Span]],
    *,
    texts: Mapping[str, str] | None = None,
    docs: Iterable[str] | None = None,
) -> TimexReport:
    """Score system spans against gold, per document name; documents are the gold's (or ``docs``).

    System output for documents outside the set is ignored; a document with no system output
    counts all its gold expressions as misses.
    """
    names = sorted(set(gold) if docs is None else set(docs))
    total, per_doc, errors, pairs = Counts(), {}, [], []
    types: dict[str, int] = {}
    for name in names:
        c, errs = score_doc(name, gold.get(name, ()), system.get(name, ()), pairs)
        total.add(c)
        per_doc[name] = c
        errors += errs
        for g in gold.get(name, ()):
            types[g.type or "?"] = types.get(g.type or "?", 0) + 1
    return TimexReport(total, per_doc, errors, dict(texts or {}), pairs, types)
