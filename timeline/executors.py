"""Where the per-article stage runs: in this process, in a local process pool, or on a Dask cluster.

Every executor has one method, ``map(fn, items)``: results come back in the order of ``items``, with
at most ``window`` items in flight, so the input is read only as fast as it is processed (memory stays
bounded by the window, not by the corpus) and the outputs are the same for every executor and every
number of workers. ``fn`` must be a module-level function (it is pickled by reference) and pure.
Spark or Ray would fit the same interface: an ordered, bounded ``map`` of one pure function.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from timeline.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

# Workers start from a fork server that has imported only the per-article stage and loaded its tables
# (timeline.warm): they share its pages, do not inherit the parent's threads (the progress bar's) and
# never import what the parent imports later (plotly, for the HTML export).
_PRELOAD = ["timeline.pipeline", "timeline.warm"]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Executor(Protocol):
    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class Serial:
    """In this process, one item after the other."""

    workers = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass


def _ordered(submit: Callable[[T], Any], wait: Callable[[Any], R], items: Iterable[T], window: int) -> Iterator[R]:
    """Submit up to ``window`` items ahead and hand back results in submission order."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())


class Pool:
    """A pool of ``workers`` local processes."""

    def __init__(self, workers: int, window: int | None = None) -> None:
        self.workers = workers
        self.window = window or 3 * workers
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        def submit(item: T) -> Future[R]:
            return self._pool.submit(fn, item)

        return _ordered(submit, Future.result, items, self.window)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        _stop_fork_server()


def _stop_fork_server() -> None:
    """Stop the fork server once the pool's workers are gone: it holds the stage's tables
    (timeline.warm, about 90 MB), which would otherwise count in the build's memory through the merge
    and the exports. The next pool starts a new one. multiprocessing has no public call for this
    (``_stop`` since Python 3.8); without it the server lives until the process exits."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


class Dask:
    """A Dask distributed cluster: the scheduler at ``address``, or a local cluster of ``workers`` processes.

    The workers need this package installed (same version); the client sends them the articles and
    gets the events back, and the merge runs here.
    """

    def __init__(self, address: str | None, workers: int, window: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster  # imported only for this engine
        except ImportError:
            raise UsageError("--engine dask needs Dask distributed: pip install 'news-timeline[dask]'") from None

        self._cluster = None
        if address is None:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None)
            self._client = Client(self._cluster)
        else:
            self._client = Client(address)
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values()))
        self.window = window or 3 * self.workers

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        def submit(item: T) -> Any:
            return self._client.submit(fn, item, pure=False)

        def wait(future: Any) -> R:
            try:
                return future.result()
            finally:
                future.release()

        return _ordered(submit, wait, items, self.window)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


__all__ = ["Dask", "Executor", "Pool", "Serial", "default_jobs"]
