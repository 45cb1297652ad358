"""The public API the CLI calls: evaluate_timex / evaluate_events with folders, globs and reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, need
from timeline.errors import InputError
from timeline.evaluate import article_of, evaluate_timex, read_timeml
from timeline.models import Article, Mention, TimexType, When

MEANTIME = SHARED / "corpora" / "meantime-dev" / "tml"


def oracle(article: Article) -> list[Mention]:
    """Reads the gold back: a perfect tagger, so the API path can be checked without the real one."""
    doc = read_timeml(Path(article.origin or ""))
    return [Mention.at(article, t.start, t.end, When(value=t.value, type=TimexType(t.type))) for t in doc.timexes]


def test_perfect_tagger_scores_100_through_the_api() -> None:
    need(MEANTIME.is_dir(), "../shared/corpora/meantime-dev absent")
    report = evaluate_timex([MEANTIME], tagger=oracle)
    s = report.scores
    assert s["gold"] == 222 and s["system"] == 222
    assert s["relaxed"]["f1"] == s["strict"]["f1"] == s["type"]["f1"] == s["value"]["f1"] == 100.0
    d = json.loads(json.dumps(report.to_dict()))  # --json output is plain JSON
    assert d["documents"] == 60 and d["value"]["accuracy"] == 100.0
    assert "misses (gold, no system overlap): 0" in report.render(errors=3)


def test_files_and_globs_and_article_text() -> None:
    need(MEANTIME.is_dir(), "../shared/corpora/meantime-dev absent")
    one = sorted(MEANTIME.glob("corpus_gm__*.tml"))[0]
    report = evaluate_timex([one], tagger=lambda a: [])
    assert report.scores["system"] == 0 and len(report.per_doc) == 1
    gm = evaluate_timex([MEANTIME], include=["corpus_gm__*"], tagger=lambda a: [])
    assert len(gm.per_doc) == 30
    art = article_of(read_timeml(one))
    assert art.published is not None and art.text == read_timeml(one).text


def test_no_documents_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no TimeML documents"):
        evaluate_timex([tmp_path], tagger=lambda a: [])
    with pytest.raises(InputError, match="no such file"):
        evaluate_timex([tmp_path / "missing"], tagger=lambda a: [])
