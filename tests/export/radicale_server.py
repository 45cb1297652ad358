"""Test helpers for the ICS/JSON tests: a real Radicale CalDAV server, libical's checker, ``need``.

Radicale runs as a child process on 127.0.0.1 with a free port, no auth and a temporary storage
folder (formats.md §1.8), and is terminated when the context exits.
"""

from __future__ import annotations

import contextlib
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
