"""pipeline.run: the same bytes from every executor, streaming, per-article isolation, progress.

The corpus is bench/synthetic.py's: our own news-like text across eight kinds of news, with several
outlets reporting the same happenings in different words and date expressions.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from bench import synthetic
from tests.conftest import REPO
from timeline import executors, ingest, pipeline
from timeline.errors import InternalError, UsageError
from timeline.models import Article
from timeline.store import Encoded

FIXTURES = REPO / "fixtures"


def _corpus(folder: Path, count: int, words: int = 250, seed: int = 3) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in synthetic.corpus(count, seed, words)), "utf-8")
    return path


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _options(inputs: list[Path], out: Path, **kw) -> pipeline.BuildOptions:
    return pipeline.BuildOptions(inputs=tuple(str(p) for p in inputs), output=out, formats=("json", "ics", "html"),
                                 plotlyjs="cdn", **kw)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus"), 48)


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory) -> tuple[pipeline.Summary, dict[str, bytes]]:
    out = tmp_path_factory.mktemp("serial")
    summary = pipeline.run(_options([corpus], out, jobs=1))
    return summary, _outputs(out)


def test_serial_build_of_the_synthetic_corpus_merges_reports_across_articles(serial) -> None:
    summary, files = serial
    assert summary.articles == 48 and summary.problems == 0
    assert {"timeline.json", "timeline.ics", "timeline.html"} <= set(files)
    events = json.loads(files["timeline.json"])["events"]
    assert len(events) == summary.events > 0
    assert max(e["source_count"] for e in events) > 1, "several outlets report one happening: some event must merge them"


def test_a_process_pool_writes_the_same_bytes(corpus: Path, serial, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "POOL_AFTER_BATCHES", 1)  # a pool even for this small corpus
    used = []
    real = pipeline._executor
    monkeypatch.setattr(pipeline, "_executor", lambda options, more: used.append(real(options, more)) or used[-1])
    summary = pipeline.run(_options([corpus], tmp_path, jobs=2))
    assert isinstance(used[0], executors.Pool) and used[0].workers == 2
    assert summary.articles == serial[0].articles
    assert _outputs(tmp_path) == serial[1]


def test_dask_local_cluster_writes_the_same_bytes(corpus: Path, serial, tmp_path: Path) -> None:
    from tests.conftest import need

    try:
        from distributed import LocalCluster
    except ImportError:
        need(False, "dask distributed is not installed (pip install '.[dask]')")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        summary = pipeline.run(_options([corpus], tmp_path, jobs=2, engine="dask", scheduler=cluster.scheduler_address))
    assert summary.articles == serial[0].articles
    assert _outputs(tmp_path) == serial[1]


def _modules(_: object) -> list[str]:
    return sorted(m for m in ("plotly", "timeline.export.html", "timeline.pipeline") if m in sys.modules)


def test_workers_never_import_plotly_even_when_the_parent_has() -> None:
    import plotly  # noqa: F401  the parent has it (the HTML export), the workers must not

    pool = executors.Pool(2)
    try:
        assert list(pool.map(_modules, range(4))) == [["timeline.pipeline"]] * 4
    finally:
        pool.close()


def _warmed(_: object) -> tuple[bool, bool]:
    import gc

    warm = sys.modules.get("timeline.warm")
    return (warm is not None and warm.WARMED, gc.get_freeze_count() > 0)


def test_workers_fork_with_the_stage_tables_already_loaded_and_the_server_stops_with_the_pool() -> None:
    from multiprocessing import forkserver

    pool = executors.Pool(2)
    try:
        assert list(pool.map(_warmed, range(4))) == [(True, True)] * 4
        assert forkserver._forkserver._forkserver_pid is not None
    finally:
        pool.close()
    assert forkserver._forkserver._forkserver_pid is None  # its tables no longer count in the build's memory
    again = executors.Pool(2)  # a later pool starts a new server
    try:
        assert list(again.map(_warmed, range(2))) == [(True, True)] * 2
    finally:
        again.close()


def _slow_echo(x: int) -> int:
    import time

    time.sleep(0.05 * (x % 3))
    return x


def test_executors_return_results_in_input_order() -> None:
    pool = executors.Pool(2, window=3)
    try:
        assert list(pool.map(_slow_echo, range(12))) == list(range(12))
    finally:
        pool.close()
    assert list(executors.Serial().map(_slow_echo, range(5))) == list(range(5))


def test_reading_stays_a_bounded_window_ahead_of_the_results(monkeypatch) -> None:
    read = [0]
    ahead = []

    def items():
        for i in range(200):
            read[0] += 1
            yield pipeline._Item(Article(id=f"a{i}", text=f"Item {i} was sold on Monday.", published=None), 0)

    monkeypatch.setattr(pipeline, "process_batch", lambda batch, min_confidence=0.0, periods=None: [
        pipeline.Processed(a.info(), a.id, Encoded(), [], 0, len(a.text)) for a in batch])
    for _ in pipeline._process(pipeline.BuildOptions(jobs=1), items()):
        ahead.append(read[0] - len(ahead) - 1)  # articles read but not yet handed back
    window = (pipeline.POOL_AFTER_BATCHES + 1) * pipeline.BATCH_ARTICLES
    assert len(ahead) == 200 and 0 < max(ahead) <= window


def test_one_article_that_breaks_a_stage_is_reported_and_the_others_are_built(monkeypatch) -> None:
    good = Article(id="good", text="The court ruled on Monday.", published=dt.date(2025, 3, 5), origin="good.txt")
    bad = Article(id="bad", text="The bank cut rates on Tuesday.", published=dt.date(2025, 3, 5), origin="bad.txt")
    real = pipeline.process
    monkeypatch.setattr(pipeline, "process", lambda a, *rest: (_ for _ in ()).throw(ValueError("broken")) if a.id == "bad"
                        else real(a, *rest))
    first, second = pipeline.process_batch([bad, good])
    assert second.problem is None and second.events
    assert isinstance(first.problem, InternalError) and not first.events
    assert str(first.problem).startswith("internal error in bad.txt: ValueError: broken")
    assert "Traceback" in first.problem.details and "broken" in first.problem.details


def test_a_broken_article_in_a_worker_comes_back_as_a_problem() -> None:
    broken = Article.model_construct(id="odd", text=None, title="", published=None, origin="odd.jsonl:3")  # not valid
    fine = Article(id="fine", text="Floods closed the bridge on Friday.", published=dt.date(2025, 3, 9))
    pool = executors.Pool(1)
    try:
        [results] = list(pool.map(pipeline.process_batch, [[broken, fine]]))
    finally:
        pool.close()
    assert isinstance(results[0].problem, InternalError) and str(results[0].problem).startswith("internal error in odd.jsonl:3: ")
    assert results[1].problem is None and results[1].info.id == "fine"


def test_a_reader_that_crashes_loses_its_file_only(tmp_path: Path, monkeypatch) -> None:
    real = ingest.read

    def read(path, *args):
        yield from real(path, *args)
        if path.name.startswith("000"):
            raise KeyError("reader bug")

    monkeypatch.setattr(ingest, "read", read)
    problems = []
    summary = pipeline.run(pipeline.BuildOptions(inputs=(str(FIXTURES),), output=tmp_path, formats=("json",), jobs=1),
                           pipeline.Hooks(on_problem=problems.append))
    assert [str(p).split(":")[0] for p in problems] == [f"internal error in {sorted(FIXTURES.glob('000*'))[0]}"]
    assert summary.problems == 1 and summary.articles == len(list(FIXTURES.glob("*.md")))


def test_progress_counts_articles_and_reaches_the_input_size(corpus: Path, tmp_path: Path) -> None:
    seen: list[pipeline.Progress] = []
    summary = pipeline.run(pipeline.BuildOptions(inputs=(str(corpus), str(FIXTURES)), output=tmp_path, formats=("json",), jobs=1),
                           pipeline.Hooks(on_progress=seen.append))
    total = corpus.stat().st_size + sum(p.stat().st_size for p in FIXTURES.glob("*.md"))
    assert [p.articles for p in seen[:-1]] == list(range(1, summary.articles + 1))
    assert all(p.total_bytes == total for p in seen)
    done = [p.done_bytes for p in seen]
    assert done == sorted(done) and done[-1] == total and done[0] < total


def test_two_inputs_with_one_id_are_both_kept(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.md").write_text("---\npublished: 2025-03-04\n---\nThe mayor resigned on Monday.\n")
    summary = pipeline.run(pipeline.BuildOptions(inputs=(str(tmp_path / "a"), str(tmp_path / "b")), output=tmp_path / "out",
                                                 formats=("json",), jobs=1))
    assert [a.id for a in summary.article_infos] == ["story", "story~2"]


def test_nothing_readable_is_a_usage_error(tmp_path: Path) -> None:
    problems = []
    with pytest.raises(UsageError, match="no articles"):
        pipeline.run(pipeline.BuildOptions(inputs=(str(tmp_path / "missing.md"),), output=tmp_path, jobs=1),
                     pipeline.Hooks(on_problem=problems.append))
    assert "missing.md" in str(problems[0])


def test_strict_stops_at_the_first_problem_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("---\npublished: 2025-03-04\n---\nThe mayor resigned on Monday.\n")
    (src / "b.md").write_bytes(b"---\npublished: 2025-03-04\n---\ncaf\xe9 closed on Monday")
    problems = []
    with pytest.raises(pipeline.Stopped):
        pipeline.run(pipeline.BuildOptions(inputs=(str(src),), output=tmp_path / "out", formats=("json",), jobs=1,
                                           strict=True), pipeline.Hooks(on_problem=problems.append))
    assert len(problems) == 1 and "b.md" in str(problems[0])
    assert not list((tmp_path / "out").glob("timeline*"))
