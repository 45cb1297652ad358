"""bench/throughput.py keeps working: a tiny run, and rounds never repeat text."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tests.conftest import REPO, SHARED, need
from timeline.models import Article


def _bench():
    spec = importlib.util.spec_from_file_location("throughput", REPO / "bench" / "throughput.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rounds_get_disjoint_text() -> None:
    bench = _bench()
    arts = [Article(id=str(i), text="x" * 100) for i in range(10)]
    parts = bench.chunks(arts, 3, 250)
    assert [len(p) for p in parts] == [3, 3, 3]
    ids = [a.id for p in parts for a in p]
    assert len(ids) == len(set(ids))


def test_tiny_run_writes_json(tmp_path: Path) -> None:
    need((SHARED / "corpora" / "meantime-dev" / "tml").is_dir(), "../shared/corpora absent")
    from timeline import temporal

    need(hasattr(temporal, "tag"), "timeline.temporal.tag is not available")
    out = tmp_path / "r.json"
    assert _bench().main(["--target-mb", "0.1", "--rounds", "1", "--peer-kb", "5", "--no-memory", "--json", str(out)]) == 0
    r = json.loads(out.read_text())
    # the news corpora (MEANTIME dev, TimeBank and AQUAINT: over 500 KB), at least once
    assert r["ours"]["bytes"] == r["corpus"]["bytes"] * r["corpus"]["repeats"] > 500_000
    assert r["ours"]["mb_per_s_cpu"] > 0 and r["ours"]["items"] > 1000
    assert r["same_text"]["dateparser"]["items"] > 0 and r["ratio_vs_dateparser"] > 1
