"""Regression floors on the real corpora, read from floors.json (measured scores, rounded down)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, need
from timeline.evaluate import evaluate_events, evaluate_timex

FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))


def _importable(*names: str) -> bool:
    """Whether timeline.temporal.tag / timeline.events.extract_events exist (built in parallel)."""
    from timeline import events, temporal

    where = {"tag": temporal, "extract_events": events}
    return all(hasattr(where[n], n) for n in names)


@pytest.mark.parametrize("name", sorted(FLOORS["timex"]))
def test_timex_scores_stay_above_their_floors(name: str) -> None:
    spec = FLOORS["timex"][name]
    golds = [SHARED / g for g in ([spec["gold"]] if isinstance(spec["gold"], str) else spec["gold"])]
    need(all(g.is_dir() for g in golds), f"../shared/{spec['gold']} absent")
    need(_importable("tag"), "timeline.temporal.tag is not available")
    scores = evaluate_timex(golds, include=spec["include"], convention=spec.get("convention", "timeml")).scores
    print(f"{name}: relaxed {scores['relaxed']['f1']:.2f} strict {scores['strict']['f1']:.2f} "
          f"value {scores['value']['f1']:.2f}")
    for metric in ("relaxed", "strict", "value"):
        floor = spec[f"{metric}_f1"]
        if floor is not None:
            assert scores[metric]["f1"] >= floor, f"{name} {metric} F1 {scores[metric]['f1']:.2f} < floor {floor}"


def test_event_dating_stays_above_its_floors() -> None:
    spec = FLOORS["events"]["meantime-dev"]
    gold = SHARED / spec["gold"]
    need(gold.is_dir(), f"../shared/{spec['gold']} absent")
    need(_importable("tag", "extract_events"), "timeline.temporal.tag / timeline.events.extract_events not available")
    d = evaluate_events([gold]).to_dict()
    print(f"events: coverage {d['overall']['coverage']} dating {d['overall']['dating_accuracy']} "
          f"in-text {d['in_text']['dating_accuracy']}")
    for key, got in (("dating_overall", d["overall"]["dating_accuracy"]),
                     ("dating_in_text", d["in_text"]["dating_accuracy"]),
                     ("coverage_overall", d["overall"]["coverage"])):
        if spec[key] is not None:
            assert got >= spec[key], f"events {key} {got} < floor {spec[key]}"
