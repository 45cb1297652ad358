"""Timeline summarisation scores: the measures on hand-made timelines, agreement with ROUGE-1.5.5
itself, and the summariser on the Timeline17 development stories against its floor and baseline."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, need
from timeline import cli
from timeline.evaluate import tls

D = dt.date
T17 = SHARED / "corpora" / "t17-dev"


def rouge_ready() -> None:
    need(importlib.util.find_spec("rouge_score") is not None, "rouge-score is not installed (pip install 'news-timeline[eval]')")


def test_date_f1_and_adjacency() -> None:
    gold = {D(2024, 1, 1): ["a"], D(2024, 1, 5): ["b"], D(2024, 1, 9): ["c"], D(2024, 1, 10): ["d"]}
    system = {D(2024, 1, 1): ["a"], D(2024, 1, 2): ["x"], D(2024, 1, 9): ["c"]}
    p = tls.date_prf(system, gold)
    assert (p.precision, p.recall) == (2 / 3, 2 / 4) and abs(p.f1 - 4 / 7) < 1e-9
    assert tls.adjacent_share(list(gold)) == 1 / 3 and tls.adjacent_share(list(system)) == 1 / 2
    assert tls.adjacent_share([D(2024, 1, 1)]) == 0.0


def test_rouge_counts_stem_and_drop_stopwords() -> None:
    rouge_ready()
    from timeline.evaluate import rouge

    assert rouge.terms("The workers were striking at the docks") == ("worker", "strike", "dock")
    assert rouge.counts(["Workers strike at the docks"], ["The dock workers went on strike"], 1) == (3, 3, 3)  # "went" is a stopword
    assert rouge.counts(["dock workers strike"], ["The dock workers went on strike"], 2) == (2, 2, 2)  # bigrams after stopwords go


def test_alignment_pairs_near_dates_and_discounts_them() -> None:
    rouge_ready()
    gold = {D(2024, 3, 1): ["Parliament passes the budget"], D(2024, 3, 20): ["Floods hit the northern valley"]}
    same = tls.align_prf(gold, gold, 1)
    assert same.precision == same.recall == 1.0
    shifted = {D(2024, 3, 2): ["Parliament passes the budget"], D(2024, 3, 20): ["Floods hit the northern valley"]}
    s = tls.align_prf(shifted, gold, 1)
    # the budget summary is one day off: its 3 hits count half; the floods' 4 count fully
    assert abs(s.precision - (3 * 0.5 + 4) / 7) < 1e-9 and abs(s.recall - (3 * 0.5 + 4) / 7) < 1e-9
    # content decides the pairing, not only distance: the floods summary put on 3 March pairs with 20 March
    swapped = {D(2024, 3, 3): ["Floods hit the northern valley"]}
    r = tls.align_prf(swapped, gold, 1)
    assert abs(r.precision - 4 / 18 / 4) < 1e-9  # 4 hits, 18 days apart (1/18), over 4 system unigrams
    concat = tls.concat_prf(swapped, gold, 1)
    assert concat.precision == 1.0 and concat.recall == 4 / 7


def test_counts_match_rouge_155_on_a_checked_pair() -> None:
    """ROUGE-1.5.5 -m -s (run by bench/tls_rouge_agreement.py's Perl) gives P 0.6, R 0.75 and no bigram hit."""
    rouge_ready()
    from timeline.evaluate import rouge

    pair = (["Police killed the gunman in the running streets"], ["The gunman killed the policemen running"])
    assert rouge.counts(*pair, 1) == (3, 5, 4) and rouge.counts(*pair, 2) == (0, 4, 3)


def test_stopword_table_is_rouges() -> None:
    rouge_ready()
    from timeline.evaluate import rouge

    _, stop = rouge._tools()
    assert len(stop) == 596 and {"the", "reuters", "ap", "jan", "were", "s"} <= stop and "oil" not in stop


def test_gold_reader_merges_repeated_dates(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "timelines").mkdir()
    (tmp_path / "timelines" / "quake__timelines.jsonl").write_text(json.dumps(
        [["2024-02-01T00:00:00", ["Quake strikes . \n"]], ["2024-02-03", ["Aid arrives ."]],
         ["2024-02-01", ["Hundreds flee ."]]]) + "\n", "utf-8")
    [(root, gold)] = tls.read_gold([tmp_path])
    assert root == tmp_path and gold.topic == "quake"
    assert gold.dates == {D(2024, 2, 1): ("Quake strikes .", "Hundreds flee ."), D(2024, 2, 3): ("Aid arrives .",)}
    assert gold.sentences_per_date == 2 and (gold.first, gold.last) == (D(2024, 2, 1), D(2024, 2, 3))


def test_not_a_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="not a Timeline17-style corpus"):
        tls.read_gold([tmp_path])


@pytest.fixture(scope="module")
def t17_report() -> tls.TlsReport:
    need(T17.is_dir(), "../shared/corpora/t17-dev absent")
    rouge_ready()
    return tls.evaluate_tls([T17])


def test_t17_dev_meets_the_targets_and_beats_the_baseline(t17_report: tls.TlsReport) -> None:
    avg = t17_report.averages()
    ours, base = avg["ours"], avg["baseline"]
    print(t17_report.render())
    assert len(t17_report.results) == 9
    assert ours["date"].f1 >= 0.55 and ours["align_rouge1"].f1 >= 0.12  # the targets
    assert ours["date"].f1 > base["date"].f1 and ours["align_rouge1"].f1 > base["align_rouge1"].f1
    assert ours["align_rouge2"].f1 > base["align_rouge2"].f1
    adjacency = t17_report.adjacency()
    assert adjacency["ours"] < adjacency["baseline"]  # the echo discount removes adjacent-day repeats
    for r in t17_report.results:  # the protocol: L dates at most, K sentences at most per date
        assert r.scores["ours"]["date"].precision <= 1.0


def test_eval_tls_command(capsys) -> None:
    need(T17.is_dir(), "../shared/corpora/t17-dev absent")
    rouge_ready()
    timeline = T17 / "timelines" / "H1N1_guardian__timelines.jsonl"
    assert cli.main(["eval", "--tls", "--json", str(timeline)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [t["topic"] for t in out["timelines"]] == ["H1N1_guardian"]
    assert set(out["average"]) == {"ours", "baseline"} and "gold" in out["adjacent_days"]
    assert cli.main(["eval", "--tls", "--events", str(timeline)]) == 2
