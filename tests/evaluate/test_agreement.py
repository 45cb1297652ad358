"""Our scorer and the independent shared/tools/timexeval.py give the same numbers on the same output.

System output is our tagger's when it is importable, and always a synthetic perturbation of the gold
(misses, boundary shifts, wrong values and types, split spans, false alarms) so that every branch
of the matching is exercised.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED, need
from timeline.evaluate import article_of, system_spans
from timeline.evaluate.timeml import TimeMLDoc, read_corpus
from timeline.evaluate.timex import ERROR_KINDS, ERROR_TITLES, Span, score

TOOL = SHARED / "tools" / "timexeval.py"
CORPORA = SHARED / "corpora"
WORD = re.compile(r"[A-Za-z]{4,}")


def synthetic(doc: TimeMLDoc, rng: random.Random) -> list[Span]:
    out: list[Span] = []
    n = len(doc.text)
    for t in doc.timexes:
        r = rng.random()
        start, end, typ, value = t.start, t.end, t.type, t.value
        if r < 0.1:
            continue  # miss
        if r < 0.25:  # boundary error, still overlapping
            start = max(0, min(start + rng.choice([-3, -1, 1, 2]), end - 1))
            end = min(n, max(end + rng.choice([-2, 1, 4]), start + 1))
        elif r < 0.35:
            value = "XXXX-XX-XX"
        elif r < 0.4:
            typ = None
        elif r < 0.45 and end - start > 3:  # split: two system spans compete for one gold
            mid = (start + end) // 2
            out.append(Span(start, mid, typ, value))
            start = mid
        out.append(Span(start, end, typ, value))
    words = list(WORD.finditer(doc.text))
    for m in rng.sample(words, min(2, len(words))):  # false alarms (or overlaps, by chance)
        out.append(Span(m.start(), m.end(), "DATE", "2000"))
    rng.shuffle(out)  # order must not matter beyond the documented tie-breaks
    return [Span(s.start, s.end, s.type, s.value, doc.text[s.start:s.end]) for s in out]


def tagger_output(doc: TimeMLDoc) -> list[Span]:
    from timeline.evaluate import default_tagger

    return system_spans(default_tagger()(article_of(doc)))


CASES = [
    ("meantime-dev/tml", None, "synthetic"),
    ("wikiwars/tml", ["1[7-9]_*", "2[0-2]_*"], "synthetic"),
    ("meantime-dev/tml", None, "tagger"),
    ("wikiwars/tml", ["1[7-9]_*", "2[0-2]_*"], "tagger"),
    ("tbaq/AQUAINT", None, "tagger"),
]


@pytest.mark.parametrize("corpus,include,system", CASES)
def test_same_numbers_as_timexeval(tmp_path: Path, corpus: str, include: list[str] | None, system: str) -> None:
    gold_dir = CORPORA / corpus
    need(gold_dir.is_dir() and TOOL.is_file(), f"../shared/corpora/{corpus} or timexeval.py absent")
    docs = read_corpus([gold_dir])
    rng = random.Random(20261122)
    out = {d.name: (synthetic(d, rng) if system == "synthetic" else tagger_output(d)) for d in docs}

    prep = tmp_path / "prep"
    subprocess.run([sys.executable, str(TOOL), "prepare", str(gold_dir), str(prep)], check=True, capture_output=True)
    sys_path = tmp_path / "sys.jsonl"
    with open(sys_path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.writelines(json.dumps({"file": d.file, "start": s.start, "end": s.end, "text": s.text,
                                     "type": s.type, "value": s.value}) + "\n" for s in out[d.name])
    cmd = [sys.executable, str(TOOL), "score", str(prep / "gold.jsonl"), str(sys_path), "--json", "--per-doc",
           "--errors", "1"]
    for g in include or []:
        cmd += ["--include", g]
    proc = subprocess.run(cmd, check=True, capture_output=True, text=True)
    ref = json.loads(proc.stdout)

    wanted = [d for d in docs if include is None or any(Path(d.file).match(g) for g in include)]
    gold = {d.name: [Span(t.start, t.end, t.type, t.value, t.text) for t in d.timexes] for d in wanted}
    report = score(gold, {d.name: out[d.name] for d in wanted}, texts={d.name: d.text for d in wanted})
    mine = report.to_dict(per_doc=True)

    assert ref["documents"] == mine["documents"] == len(wanted)
    assert ref["gold"] == mine["gold"] and ref["system"] == mine["system"]
    for key in ("relaxed", "strict", "type", "value"):
        for field, value in ref[key].items():
            assert mine[key][field] == pytest.approx(value, abs=1e-3), (key, field)
    for d in wanted:
        r, m = ref["per_doc"][d.file], mine["per_doc"][d.name]
        assert (r["gold"], r["system"], r["relaxed"], r["strict"], r["type_ok"], r["value_ok"]) == (
            m["gold"], m["system"], m["matched"], m["strict"], m["type_ok"], m["value_ok"]), d.name
    # the error listings count the same value errors, boundary errors, misses and false alarms
    for kind in ERROR_KINDS:
        n_ref = int(re.search(re.escape(ERROR_TITLES[kind]) + r": (\d+)", proc.stderr)[1])
        assert n_ref == sum(1 for e in report.error_items if e.kind == kind), kind
    if system == "synthetic":  # the perturbation really exercised the scorer
        c = report.counts
        assert c.matched < c.gold and c.strict < c.matched and c.value_ok < c.matched and c.system > c.matched
