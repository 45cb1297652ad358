"""The shipped trigger and dating models: folded scoring equals the linear model, the record is true,
and `timeline train events` rebuilds both files byte for byte from ../shared/corpora."""

from __future__ import annotations

import gzip
import hashlib
import json
from importlib import resources

import numpy as np
import pytest

from tests.conftest import REPO, SHARED, need
from timeline.events import train
from timeline.events.dating import MODEL_FILE as DATING_FILE
from timeline.events.detect import MODEL_FILE, RECORD_FILE, model
from timeline.events.features import sentence_tokens, token_features
from timeline.nlp import Sentences

DATA = resources.files("timeline.events")
TEXT = ("Stocks tumbled on Monday as investors fled. The Lakers beat the Celtics, and the coach said he was "
        "proud. Flooding forced 5,000 people from their homes; rescuers will return on Friday.")


def test_folded_scores_equal_the_sum_of_feature_weights() -> None:
    m = model()
    sents = Sentences(TEXT)
    words = [[TEXT[a:b] for a, b in toks] for toks in sentence_tokens(TEXT, sents)]
    got = m.scores(words)
    k = 0
    for ws in words:
        for i in range(len(ws)):
            want = m.bias + sum((m.weights[m.index[f]] for f in token_features(ws, i) if f in m.index),
                                np.zeros(len(m.labels)))
            assert np.allclose(got[k], want)
            k += 1


def test_open_class_triggers_with_timeml_classes() -> None:
    found = {t.text: t.cls for t in model().triggers(TEXT, Sentences(TEXT))}
    for word in ("tumbled", "beat", "forced", "said"):
        assert word in found, found
    assert found["said"] == "REPORTING"
    assert "Stocks" not in found and "Monday" not in found


def test_the_record_describes_the_shipped_files() -> None:
    rec = json.loads(DATA.joinpath(RECORD_FILE).read_text("utf-8"))
    blob = DATA.joinpath(MODEL_FILE).read_bytes()
    assert hashlib.sha256(blob).hexdigest() == rec["model"]["sha256"] and len(blob) == rec["model"]["bytes"]
    assert len(blob) < 5_000_000
    dating = DATA.joinpath(DATING_FILE).read_bytes()
    assert hashlib.sha256(dating).hexdigest() == rec["dating_model"]["sha256"]
    assert rec["command"].startswith("timeline train events")
    assert len(rec["trained_on"]) == rec["data"]["documents"] == 256
    assert gzip.decompress(blob)[:1] == b"{"  # gzip without a name or time stamp: header bytes 4-9 are zero
    assert blob[4:8] == b"\0\0\0\0"
    cv = rec["cross_validation"]
    floors = json.loads((REPO / "tests" / "evaluate" / "floors.json").read_text("utf-8"))["events"]["tbaq"]
    assert cv is not None and cv["folds"] == 5
    assert cv["relaxed"]["F1"] >= floors["relaxed_f1"] and cv["class_accuracy"] >= floors["class_accuracy"]
    assert cv["dating_choice"]["right"] >= floors["dating_choice"]  # the ranker's cross-validated choice


def test_train_rebuilds_the_models_byte_for_byte(tmp_path) -> None:
    need((SHARED / "corpora" / "tbaq").is_dir(), "../shared/corpora/tbaq absent")
    pytest.importorskip("sklearn", reason="training needs the train extra (scikit-learn)")
    paths, _rec = train.build(SHARED, 5, cv=False, out=tmp_path)
    assert paths[0].read_bytes() == DATA.joinpath(MODEL_FILE).read_bytes()
    assert paths[1].read_bytes() == DATA.joinpath(DATING_FILE).read_bytes()


def test_fold_assignment_is_by_document_and_stable() -> None:
    names = [f"d{i:02d}" for i in range(12)]
    a, b = train.folds(names, 5), train.folds(list(reversed(names)), 5)
    assert a == b and set(a.values()) == set(range(5))
