"""`timeline train events`: rebuild the trigger model from ../shared/corpora, byte for byte.

    timeline train events [--corpora DIR] [--output DIR] [--folds 5] [--no-cv]
    python -m timeline.events.train ...

Data: TBAQ-cleaned (TimeBank 1.2 + AQUAINT, the TempEval-3 training corpus), every token of every
sentence labelled with the TimeML class of the EVENT it falls in, or ``O``. Model: scikit-learn's
LinearSVC (one-vs-rest, L2, liblinear with a fixed seed) over the features of ``features.py``. The weights are quantised to 16-bit integers with one
scale and written as JSON (sorted feature names, the weights as base64 of little-endian int16), gzip without a time stamp: the same corpus gives the same bytes.

``NONE_BIAS`` is added to the ``O`` score: linear one-vs-rest models under-predict the rarer labels,
and a fixed shift towards recall was the best single setting in 5-fold cross-validation (see the
record). The record beside the model (``data/trigger_model.record.json``) holds the command, the
corpus, the settings, the cross-validated scores and a hash of the text of every training document,
so that evaluation can tell which documents the shipped model has seen.

scikit-learn is needed here and for cross-validated evaluation only (``pip install '.[train]'``);
tagging reads the model with numpy.
"""

from __future__ import annotations

import argparse
import base64
import bisect
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from timeline.errors import InputError, UsageError
from timeline.evaluate.timeml_events import CLASSES, EventDoc, read_event_corpus
from timeline.models import Mention
from timeline.nlp import Sentences

from .dating import MODEL_FILE as DATING_FILE
from .dating import DatingModel
from .detect import MODEL_FILE, NONE, RECORD_FILE, TriggerModel
from .features import sentence_tokens, token_features

LABELS = [NONE, *CLASSES]
C = 0.1
NONE_BIAS = -0.35
MIN_COUNT = 1
DATING_C = 0.3
SEED = 0
QUANT = 32767
CORPUS = "corpora/tbaq"  # under the shared folder beside the repository
DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def text_key(text: str) -> str:
    """What identifies a training document: a hash of its text (a renamed copy is still the same text)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def training_docs(shared: Path = DEFAULT_SHARED) -> list[EventDoc]:
    folder = shared / CORPUS
    if not folder.is_dir():
        raise InputError(str(folder), "training corpus not found (TBAQ-cleaned: see ../shared/corpora/tbaq/SOURCE.md)")
    return sorted(read_event_corpus([folder]), key=lambda d: d.name)


@dataclass
class Examples:
    features: list[list[str]]
    labels: list[str]


def examples(doc: EventDoc) -> Examples:
    """Every token of the document with its features and the class of the gold EVENT it falls in."""
    starts = [e.start for e in doc.events]
    feats: list[list[str]] = []
    labels: list[str] = []
    for toks in sentence_tokens(doc.text, Sentences(doc.text)):
        words = [doc.text[a:b] for a, b in toks]
        for i, (a, b) in enumerate(toks):
            feats.append(token_features(words, i))
            j = bisect.bisect_right(starts, b - 1) - 1  # the last gold event starting inside or before the token
            hit = j >= 0 and doc.events[j].end > a
            labels.append(doc.events[j].cls if hit else NONE)
    return Examples(feats, labels)


def fit(data: Sequence[Examples], c: float = C, none_bias: float = NONE_BIAS, min_count: int = MIN_COUNT) -> dict:
    """The model as the JSON the runtime reads (``TriggerModel.from_json``)."""
    from scipy.sparse import csr_matrix
    from sklearn.svm import LinearSVC

    counts = Counter(f for ex in data for fs in ex.features for f in set(fs))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    indptr, indices, y = [0], [], []
    for ex in data:
        for fs, label in zip(ex.features, ex.labels, strict=True):
            cols = sorted({index[f] for f in fs if f in index})
            indices += cols
            indptr.append(len(indices))
            y.append(LABELS.index(label))
    x = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
                   shape=(len(y), len(names)))
    clf = LinearSVC(C=c, random_state=SEED, max_iter=5000).fit(x, np.array(y))
    order = [list(clf.classes_).index(i) for i in range(len(LABELS))]  # columns in LABELS order
    coef = clf.coef_[order].T  # (features, labels)
    bias = clf.intercept_[order].copy()
    bias[LABELS.index(NONE)] += none_bias
    scale = float(max(np.abs(coef).max(), np.abs(bias).max())) / QUANT
    q = np.rint(coef / scale).astype(int)
    keep = np.flatnonzero(np.abs(q).max(axis=1) > 0)  # a feature whose weights all round to 0 says nothing
    return {
        "format": 1,
        "labels": LABELS,
        "scale": float(f"{scale:.9g}"),
        "bias": [int(v) for v in np.rint(bias / scale)],
        "features": [names[i] for i in keep],  # sorted
        "weights": base64.b64encode(q[keep].astype("<i2").tobytes()).decode("ascii"),  # features x labels
    }


# --- the dating model ------------------------------------------------------------------------------


@dataclass
class DatingExample:
    """The candidates of one gold-dated event and which of them lie inside its gold time."""

    features: list[tuple[str, ...]]
    right: list[bool]


def dating_examples(doc: EventDoc, mentions: Sequence[Mention] | None = None) -> list[DatingExample]:
    """Candidates for every gold-dated event of a document (gold triggers, the tagger's times)."""
    from timeline import temporal
    from timeline.evaluate import article_of
    from timeline.evaluate.triggers import _extent_of, dated_events, inside

    from .dating import contexts, features
    from .detect import Trigger

    text = doc.text
    article = article_of(doc.doc)
    mentions = temporal.tag(article) if mentions is None else mentions
    sents = Sentences(text)
    gold = {(g.start, g.end): g for g in dated_events(doc)}
    trigs = [Trigger(e.start, e.end, e.text, e.cls, 1.0, sents.index(e.start)) for e in doc.events]
    out = []
    for _sent, t, _g, _quoted, cands in contexts(text, sents, trigs, mentions, article.published):
        gd = gold.get((t.start, t.end))
        if gd is None:
            continue
        right = [inside(_extent_of(c.when), gd.extent) for c in cands]
        if len(cands) > 1 and any(right):
            out.append(DatingExample([features(c.kind, c.key) for c in cands], right))
    return out


def fit_dating(data: Sequence[DatingExample], c: float = DATING_C) -> dict:
    """A conditional logit over each event's candidates (the softmax of their scores; the right ones'
    share maximised, with an L2 penalty 1 / (2 c)), fitted by L-BFGS from zero weights; weights rounded,
    as JSON. A ranker learns which of its candidates an event takes, not whether each candidate is right
    on its own, and chose better than a logistic regression over candidates in cross-validation."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    names = sorted({f for ex in data for fs in ex.features for f in fs})
    index = {f: i for i, f in enumerate(names)}
    indptr, indices, right, group = [0], [], [], []
    for gi, ex in enumerate(data):
        for fs, ok in zip(ex.features, ex.right, strict=True):
            indices += sorted({index[f] for f in fs})
            indptr.append(len(indices))
            right.append(ok)
            group.append(gi)
    x = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
                   shape=(len(right), len(names)))
    ok = np.array(right, dtype=bool)
    g = np.array(group, dtype=np.int64)
    n = len(data)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, g, s)
        e = np.exp(s - top[g])
        z = np.bincount(g, e, minlength=n)
        zr = np.bincount(g, e * ok, minlength=n)
        value = float(-(np.log(zr) - np.log(z)).sum() + 0.5 / c * (w @ w))
        grad = x.T @ (e / z[g] - e * ok / zr[g]) + w / c
        return value, grad

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x
    scale = 1e-4
    weights = {n: int(v) for n, v in zip(names, np.rint(w / scale), strict=True) if int(v)}
    return {"format": 1, "scale": scale, "weights": weights}


def fold_dating_models(docs: Sequence[EventDoc], k: int, wanted: set[int] | None = None,
                       tagged: dict[str, list[Mention]] | None = None) -> dict[int, DatingModel]:
    assign = folds([d.name for d in docs], k)
    data = {d.name: dating_examples(d, (tagged or {}).get(d.name)) for d in docs}
    return {f: DatingModel.from_json(fit_dating([x for d in docs if assign[d.name] != f for x in data[d.name]]))
            for f in range(k) if wanted is None or f in wanted}


def dump(model: dict) -> bytes:
    """Deterministic bytes: sorted keys, no white space, gzip with no name and time stamp 0."""
    raw = json.dumps(model, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)


def folds(names: Sequence[str], k: int) -> dict[str, int]:
    """Document -> fold: documents in name order, dealt round-robin (the same split every time)."""
    return {n: i % k for i, n in enumerate(sorted(names))}


def fold_models(docs: Sequence[EventDoc], k: int, wanted: set[int] | None = None) -> dict[int, TriggerModel]:
    """One model per fold, each trained on the other folds' documents."""
    assign = folds([d.name for d in docs], k)
    data = {d.name: examples(d) for d in docs}
    out = {}
    for f in range(k):
        if wanted is not None and f not in wanted:
            continue
        train = [data[d.name] for d in docs if assign[d.name] != f]
        out[f] = TriggerModel.from_json(fit(train))
    return out


def cross_validate(docs: Sequence[EventDoc], k: int) -> dict:
    """k-fold cross-validation over documents (each scored by models that never saw it): Task B of the
    trigger model, and the dating model's choice for the gold-dated events (gold triggers given)."""
    from timeline.evaluate.triggers import TaskB, system_triggers

    assign = folds([d.name for d in docs], k)
    models = fold_models(docs, k)
    task = TaskB()
    for d in docs:
        task.add(d, system_triggers(models[assign[d.name]], d.text))
    dating = fold_dating_models(docs, k)
    right = total = 0
    for d in docs:
        m = dating[assign[d.name]]
        for ex in dating_examples(d):
            scores = [sum(m.weights.get(f, 0.0) for f in fs) for fs in ex.features]
            right += ex.right[scores.index(max(scores))]
            total += 1
    choice = round(100.0 * right / total, 2) if total else None
    return {**task.to_dict(), "dating_choice": {"events": total, "right": choice,
                                                "note": "gold-dated events with two candidates or more, one of them right"}}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(shared: Path, k: int, cv: bool, out: Path | None) -> tuple[list[Path], dict]:
    docs = training_docs(shared)
    started = time.process_time()
    model = fit([examples(d) for d in docs])
    blob = dump(model)
    dating = fit_dating([x for d in docs for x in dating_examples(d)])
    dating_blob = (json.dumps(dating, indent=0, sort_keys=True) + "\n").encode("utf-8")
    root = shared / CORPUS
    listing = "\n".join(sorted(f"{d.doc.path.relative_to(root)} {_sha256(d.doc.path.read_bytes())}" for d in docs))
    record = {
        "command": "timeline train events" + (f" --folds {k}" if k != 5 else "") + ("" if cv else " --no-cv"),
        "data": {
            "corpus": f"../shared/{CORPUS} (TBAQ-cleaned: TimeBank 1.2 + AQUAINT, TempEval-3 training data)",
            "documents": len(docs),
            "events": sum(len(d.events) for d in docs),
            "files_sha256": _sha256(listing.encode()),
        },
        "settings": {"learner": "sklearn.svm.LinearSVC (one-vs-rest, squared hinge, L2)", "C": C, "seed": SEED,
                     "none_bias": NONE_BIAS, "min_count": MIN_COUNT, "quantisation": f"int16, scale = max |w| / {QUANT}",
                     "folds": k, "dating_learner": "conditional logit over each event's candidates (scipy L-BFGS, L2)",
                     "dating_C": DATING_C, "dating_candidates": "publication day, the times of the sentence, the last time "
                     "of each of the two sentences before, the last one before those, the article's first (the "
                     "temporal tagger's)"},
        "model": {"file": f"timeline/events/{MODEL_FILE}", "bytes": len(blob), "sha256": _sha256(blob),
                  "features": len(model["features"]), "labels": model["labels"]},
        "dating_model": {"file": f"timeline/events/{DATING_FILE}", "bytes": len(dating_blob),
                         "sha256": _sha256(dating_blob), "features": len(dating["weights"])},
        "cross_validation": None,
        "trained_on": sorted(text_key(d.text) for d in docs),
    }
    if cv:
        record["cross_validation"] = {"folds": k, "split": "documents in name order, dealt round-robin",
                                      **cross_validate(docs, k)}
    target = out or Path(str(resources.files(__package__)))
    paths = [target / MODEL_FILE, target / DATING_FILE, target / RECORD_FILE]
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    paths[0].write_bytes(blob)
    paths[1].write_bytes(dating_blob)
    paths[2].write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    # CPU time varies by machine: printed, kept out of the record so that it rebuilds byte for byte
    record["_cpu_seconds"] = round(time.process_time() - started, 1)
    return paths, record


def record() -> dict:
    """The record of the shipped model."""
    return json.loads(resources.files(__package__).joinpath(RECORD_FILE).read_text("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="timeline train events", description=__doc__.split("\n\n")[0])
    add_arguments(p)
    return run(p.parse_args(argv))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpora", type=Path, metavar="DIR",
                   help=f"the shared folder holding {CORPUS} (default: ../shared beside the repository)")
    p.add_argument("--output", type=Path, metavar="DIR",
                   help="write data/trigger_model.* under DIR instead of into the package (to compare)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds for the record (default 5)")
    p.add_argument("--no-cv", dest="cv", action="store_false", help="skip cross-validation (the record's scores stay empty)")


def run(args: argparse.Namespace) -> int:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise UsageError("training needs scikit-learn: pip install 'news-timeline[train]'") from None
    if args.folds < 2:
        raise UsageError("--folds must be at least 2")
    paths, rec = build(args.corpora or DEFAULT_SHARED, args.folds, args.cv, args.output)
    cvs = rec.get("cross_validation")
    print(f"{rec['data']['documents']} documents, {rec['data']['events']} events -> "
          + ", ".join(str(p) for p in paths) + f"; trigger model {rec['model']['bytes']:,} bytes "
          f"({rec['model']['features']:,} features, sha256 {rec['model']['sha256'][:12]}), dating model "
          f"{rec['dating_model']['features']:,} features; {rec['_cpu_seconds']} s CPU")
    if cvs:
        r = cvs["relaxed"]
        print(f"{cvs['folds']}-fold cross-validation: relaxed P {r['P']:.2f} R {r['R']:.2f} F1 {r['F1']:.2f}, "
              f"strict F1 {cvs['strict']['F1']:.2f}, class accuracy {cvs['class_accuracy']:.1f}%; dating: the right "
              f"time chosen for {cvs['dating_choice']['right']}% of {cvs['dating_choice']['events']} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
