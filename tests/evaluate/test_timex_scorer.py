"""The TempEval-3 scorer on hand-made cases: matching, strict vs relaxed, type and value figures."""

from __future__ import annotations

import pytest

from timeline.evaluate.timex import Span, match, metrics, score


def test_overlap_matching_is_one_to_one_and_prefers_the_largest_overlap() -> None:
    gold = [Span(10, 20)]
    system = [Span(8, 12), Span(11, 19), Span(15, 30)]  # overlaps 2, 8 and 5 characters
    assert match(gold, system) == [(0, 1)]
    # a second gold expression takes the best remaining system span, never one already used
    gold2 = [Span(10, 20), Span(22, 28)]
    assert sorted(match(gold2, system)) == [(0, 1), (1, 2)]


def test_ties_go_to_the_identical_span_then_the_smaller_boundary_difference() -> None:
    gold = [Span(0, 4)]
    assert match(gold, [Span(0, 6), Span(0, 4)]) == [(0, 1)]  # both overlap 4: identical wins
    assert match([Span(2, 6)], [Span(0, 6), Span(2, 9)]) == [(0, 0)]  # overlap 4 each: diff 2 < 3


def test_touching_spans_do_not_overlap() -> None:
    assert match([Span(0, 5)], [Span(5, 9)]) == []


def test_strict_relaxed_type_value_counts_and_formulas() -> None:
    gold = {"d": [Span(0, 10, "DATE", "2025-06-10"), Span(20, 30, "DURATION", "P3Y"), Span(40, 45, "DATE", "2025")]}
    system = {"d": [
        Span(0, 10, "DATE", "2025-06-10"),   # exact, right type and value
        Span(22, 30, "DATE", "P3Y"),         # relaxed only, wrong type, right value
        Span(50, 55, "DATE", "2024"),        # false alarm
        Span(60, 66, "TIME", "T10:00"),      # false alarm
    ]}
    r = score(gold, system)
    c = r.counts
    assert (c.gold, c.system, c.matched, c.strict, c.type_ok, c.value_ok) == (3, 4, 2, 1, 1, 2)
    m = r.scores
    assert m["relaxed"]["precision"] == pytest.approx(50.0)
    assert m["relaxed"]["recall"] == pytest.approx(200 / 3)
    assert m["relaxed"]["f1"] == pytest.approx(100 * 2 * 2 / 7)  # 2M/(G+S)
    assert m["strict"]["f1"] == pytest.approx(100 * 2 * 1 / 7)
    assert m["type"]["accuracy"] == pytest.approx(50.0)
    assert m["type"]["f1"] == pytest.approx(100 * 2 * 1 / 7)  # 2Ct/(G+S)
    assert m["value"]["accuracy"] == pytest.approx(100.0)
    assert m["value"]["f1"] == pytest.approx(m["value"]["accuracy"] * m["relaxed"]["f1"] / 100)
    kinds = sorted(e.kind for e in r.error_items)
    assert kinds == ["boundary", "false_alarm", "false_alarm", "miss"]


def test_missing_values_never_match_and_counts_pool_over_documents() -> None:
    gold = {"a": [Span(0, 4, "DATE", None)], "b": [Span(0, 4, "DATE", "2025")]}
    system = {"a": [Span(0, 4, None, None)], "b": [], "elsewhere": [Span(0, 4, "DATE", "2025")]}
    r = score(gold, system)
    assert (r.counts.gold, r.counts.system, r.counts.matched) == (2, 1, 1)  # "elsewhere" is not gold
    assert r.counts.type_ok == 0 and r.counts.value_ok == 0
    assert r.per_doc["b"].gold == 1 and r.per_doc["b"].matched == 0


def test_invalid_system_spans_are_false_alarms() -> None:
    r = score({"d": [Span(0, 4, "DATE", "2025")]}, {"d": [Span(3, 3, "DATE", "2025"), Span(0, 4, "DATE", "2025")]})
    assert (r.counts.system, r.counts.matched, r.counts.value_ok) == (2, 1, 1)
    assert [e.kind for e in r.error_items] == ["false_alarm"]


def test_empty_input_gives_zeros_not_division_errors() -> None:
    m = metrics(score({"d": []}, {}).counts)
    assert m["relaxed"]["f1"] == 0.0 and m["value"]["accuracy"] == 0.0


def test_render_and_error_listing_show_context() -> None:
    text = "It rained on June 10, 2025 and again in 2024."
    gold = {"d": [Span(13, 26, "DATE", "2025-06-10", text[13:26]), Span(40, 44, "DATE", "2024", "2024")]}
    system = {"d": [Span(13, 17, "DATE", "2025-06", "June")]}
    r = score(gold, system, texts={"d": text})
    out = r.render(errors=5)
    assert "relaxed" in out and "value" in out and out.endswith("\n")
    assert "[June 10, 2025]" in out and "gold DATE 2025-06-10" in out  # value error with context
    assert "misses (gold, no system overlap): 1" in out
    d = r.to_dict(errors=5)
    assert d["relaxed"]["matched"] == 1 and d["errors"]["miss"][0]["gold"]["value"] == "2024"


def test_breakdown_by_gold_type() -> None:
    gold = {"d": [Span(0, 10, "DATE", "2025"), Span(20, 30, "DURATION", "P3Y"), Span(40, 45, "DATE", "2024")]}
    system = {"d": [Span(0, 10, "DATE", "2025"), Span(21, 30, "DATE", "P3Y")]}
    bt = score(gold, system).by_type()
    assert list(bt) == ["DATE", "DURATION"]
    assert bt["DATE"]["gold"] == 2 and bt["DATE"]["relaxed_recall"] == 50.0
    assert bt["DURATION"]["strict_recall"] == 0.0 and bt["DURATION"]["type_accuracy"] == 0.0
    assert bt["DURATION"]["value_accuracy"] == 100.0
