"""Test helpers for the ICS/JSON tests: a real Radicale CalDAV server, libical's checker, ``need``,
extra timelines (edge cases, every kind of date) and a render in a separate interpreter.

Radicale runs as a child process on 127.0.0.1 with a free port, no auth and a temporary storage
folder (formats.md §1.8), and is terminated when the context exits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import ctypes
import ctypes.util
import importlib.util
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from timeline.models import Article, Event, Modifier, Precision, Source, Timeline, When, event_sort_key

# tests/conftest.py is imported by pytest under the bare name "conftest", which a conftest.py in
# tests/export/ shadows; load it by path so every test uses the one shared ``need``.
_spec = importlib.util.spec_from_file_location("_timeline_tests_root_conftest", Path(__file__).parents[1] / "conftest.py")
_root = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_root)
need: Callable[[bool, str], None] = _root.need


def has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def radicale(storage: Path, timeout: float = 20.0) -> Iterator[str]:
    """Run Radicale until the block ends; yields its base URL (http://127.0.0.1:PORT/)."""
    port = _free_port()
    log = (storage.parent / "radicale.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", "", "--server-hosts", f"127.0.0.1:{port}",
         "--auth-type", "none", "--storage-filesystem-folder", str(storage)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"radicale exited with {proc.returncode}: {(storage.parent / 'radicale.log').read_text()}")
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except urllib.error.HTTPError:  # any HTTP answer means it is serving
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"radicale did not answer on {url} within {timeout}s") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def libical() -> ctypes.CDLL | None:
    """Debian's libical3 through ctypes (formats.md §1.7), or None when it is not installed."""
    for name in ("libical.so.3", ctypes.util.find_library("ical")):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.icalparser_parse_string.restype = ctypes.c_void_p
        lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
        lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
        lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_count_components.argtypes = [ctypes.c_void_p, ctypes.c_int]
        return lib
    return None


ICAL_VEVENT_COMPONENT = 4  # enum icalcomponent_kind in libical 3


def libical_check(lib: ctypes.CDLL, data: bytes) -> tuple[int, list[str]]:
    """(number of VEVENTs libical parsed, the X-LIC-ERROR lines its parser and iTIP check added)."""
    comp = lib.icalparser_parse_string(data)
    if not comp:
        return 0, ["libical could not parse the calendar at all"]
    try:
        lib.icalrestriction_check(comp)
        count = lib.icalcomponent_count_components(comp, ICAL_VEVENT_COMPONENT)
        text = lib.icalcomponent_as_ical_string(comp).decode("utf-8").replace("\r\n ", "")
        return count, [line for line in text.splitlines() if line.startswith("X-LIC-ERROR")]
    finally:
        lib.icalcomponent_free(comp)


# --- timelines and renders shared by the test modules -------------------------------------------

D = dt.date
UTC = dt.timezone.utc


def edge_timeline() -> Timeline:
    """Dates the sample lacks: a day range, zoned and unzoned times, a season, an undated event, a comma outlet."""
    text = ("Strikes ran from June 1 to June 3. The vote closed at 18:00 UTC on June 4. "
            "Polls opened on the night of June 5 at 23:00 and closed June 6 at 01:00. "
            "A review is due in summer 2025. Someone, at some point, objected.")
    a = Article(id="edge", title="Edge, cases", url="https://news.example/edge?a=1,2", source="Smith, Jones & Co",
                published=dt.datetime(2025, 6, 7, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))), text=text)

    def ev(phrase: str, title: str, when: When, kind: str | None = None) -> Event:
        start = text.index(phrase)
        src = Source.at(a, start, start + len(phrase))
        return Event(id=f"ev-edge-{start}", title=title, when=when, quote=src.quote, sources=[src], kind=kind)

    events = [
        ev("Strikes ran from June 1 to June 3.", "Strikes",
           When(value="2025-06-01", start=D(2025, 6, 1), end=D(2025, 6, 3), precision=Precision.DAY), "strike, general"),
        ev("The vote closed at 18:00 UTC on June 4.", "Vote closes",
           When(value="2025-06-04T18:00Z", type="TIME", start=dt.datetime(2025, 6, 4, 18, tzinfo=UTC),
                end=dt.datetime(2025, 6, 4, 18, tzinfo=UTC), precision=Precision.MINUTE)),
        ev("Polls opened on the night of June 5 at 23:00 and closed June 6 at 01:00.", "Polls open overnight",
           When(value="2025-06-05T23:00", type="TIME", start=dt.datetime(2025, 6, 5, 23), end=dt.datetime(2025, 6, 6, 1),
                precision=Precision.MINUTE)),
        ev("A review is due in summer 2025.", "Review due",
           When(value="2025-SU", start=D(2025, 6, 1), end=D(2025, 8, 31), precision=Precision.SEASON)),
        ev("Someone, at some point, objected.", "Someone objects", When(value="XXXX")),
    ]
    events.sort(key=event_sort_key)
    return Timeline(title="Edge\r\ncases\x00 timeline", articles=[a.info()], events=events)


def many_timeline() -> Timeline:
    """Every precision x modifier x kind of bound (date, time with and without zone, open end): the
    exporters must give valid output for each, whatever the temporal stage produces."""
    text = "x" * 4000
    a = Article(id="many", title="Many", url="https://news.example/many", source="Wire", published=D(2025, 6, 11), text=text)
    zone = dt.timezone(dt.timedelta(hours=-5))
    bounds = {
        "date": (D(2024, 2, 28), D(2024, 3, 2)),
        "same-date": (D(2024, 2, 29), D(2024, 2, 29)),
        "naive": (dt.datetime(2024, 2, 29, 23, 30), dt.datetime(2024, 3, 1, 0, 30)),
        "same-naive": (dt.datetime(2024, 2, 29, 23, 30), dt.datetime(2024, 2, 29, 23, 30)),
        "zoned": (dt.datetime(2024, 2, 29, 22, 0, tzinfo=zone), dt.datetime(2024, 2, 29, 22, 0, tzinfo=zone)),
        "open": (D(2024, 2, 29), None),
    }
    events, i = [], 0
    for precision in [None, *Precision]:
        for modifier in [None, Modifier.APPROX, Modifier.AFTER, Modifier.START]:
            for kind, (start, end) in bounds.items():
                src = Source.at(a, i, i + 1)
                when = When(value="2024-02-29", start=start, end=end, precision=precision, modifier=modifier)
                events.append(Event(id=f"ev-many-{i}", title=f"{kind} {precision} {modifier}", when=when,
                                    quote=src.quote, sources=[src]))
                i += 1
    events.sort(key=event_sort_key)
    return Timeline(title="Many", articles=[a.info()], events=events)


_RENDER_IN_CHILD = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("c", sys.argv[1]); c = importlib.util.module_from_spec(spec)
spec.loader.exec_module(c)
from timeline.export import render
sys.stdout.buffer.write(render(c.make_sample_timeline(), sys.argv[2])[sys.argv[3]])
"""


def render_in_child(fmt: str, name: str, hash_seed: str) -> bytes:
    """The file as another interpreter renders it (other hash seed: set and dict-order effects show)."""
    conftest = Path(__file__).parents[1] / "conftest.py"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-c", _RENDER_IN_CHILD, str(conftest), fmt, name],
                          env=env, check=True, capture_output=True).stdout
