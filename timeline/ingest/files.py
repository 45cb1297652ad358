"""Input files: which files a run reads (``discover``) and reading one without surprises (``load``).

- Folders are walked recursively in a stable order; hidden names (``.git``, ``.cache``) are
  skipped; a symlinked folder is followed once, so a link back to an ancestor is no loop; a file
  reached twice (two links) is read once.
- Our own outputs are never inputs: the output folder is skipped when it sits inside an input
  folder, and files named like our outputs (``timeline.html``, ``timeline.md``) are skipped in
  every folder walked, wherever an earlier run wrote them. Named on the command line, such a
  file is read, unless it sits in this run's output folder (a shell glob over that folder).
- Nothing blocks: files are opened non-blocking and anything but a regular file (a FIFO, a
  device, a socket) is refused, except ``-``, standard input.
- Nothing is unbounded: a file read whole is refused, before it is read, when it is larger than
  its limit, and a compressed one stops at the limit of what it decompresses to.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from timeline.errors import InputError

STDIN = Path("-")
MB = 2**20


@dataclass(frozen=True)
class Limits:
    """Bounds on what one input may cost. The CLI sets ``max_article_size`` (``--max-article-size``).

    ``max_article_size`` bounds one article: a file read whole (text, Markdown, HTML page), one
    JSON line, one feed entry. A feed is read whole by its parser, so a feed file may be
    ``container_factor`` times larger. JSON and YAML may nest ``max_depth`` levels. An HTML page
    may hold one element per ``bytes_per_element`` of the article limit once scripts and styles
    are gone (50,000 at 10 MB): the extractor's cost grows faster than linearly in them.
    """

    max_article_size: int = 10 * MB
    container_factor: int = 10
    max_depth: int = 100
    bytes_per_element: int = 200

    @property
    def max_container_size(self) -> int:
        return self.max_article_size * self.container_factor

    @property
    def max_html_elements(self) -> int:
        return max(1000, self.max_article_size // self.bytes_per_element)


LIMITS = Limits()


def size_text(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n:,} bytes"


def discover(
    inputs: Iterable[str | Path],
    suffixes: Callable[[Path], bool],
    *,
    output: Path | None = None,
    output_names: Collection[str] = (),
) -> Iterator[Path | InputError]:
    """The files to read, in a stable order, with the problems met on the way (in the same stream).

    ``suffixes`` tells whether a file found in a folder is one we read. ``output`` is the output
    folder and ``output_names`` the names our exporters write: neither is read back as input.
    """
    out = _real(output) if output is not None else None
    seen_files: set[tuple[int, int]] = set()
    for item in inputs:
        path = Path(item)
        if path == STDIN:
            yield STDIN
            continue
        try:
            st = path.stat()
        except FileNotFoundError:
            yield InputError(str(path), "broken symbolic link" if path.is_symlink() else "no such file or folder")
            continue
        except OSError as exc:
            yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            found = list(_walk(path, suffixes, out, output_names))
            if not found:
                yield InputError(str(path), "no articles in this folder (no file of a supported type)")
            for got in found:
                if isinstance(got, InputError) or _first(got, seen_files):
                    yield got
        elif out is not None and path.name in output_names and _real(path.parent) == out:
            continue  # a shell glob over the output folder: our own file, not an article
        elif _first(path, seen_files):
            yield path


def _first(path: Path, seen: set[tuple[int, int]]) -> bool:
    """True the first time a file (by device and inode) is met."""
    try:
        st = path.stat()
    except OSError:
        return True  # the reader reports it
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _walk(root: Path, suffixes: Callable[[Path], bool], out: Path | None, output_names: Collection[str]) -> Iterator[Path | InputError]:
    """Files under ``root`` sorted by path; symlinked folders followed once (by device and inode)."""
    visited: set[tuple[int, int]] = set()
    found: list[Path | InputError] = []
    for top, dirs, files in os.walk(root, followlinks=True, onerror=lambda e: found.append(
            InputError(str(e.filename or root), f"cannot read folder: {e.strerror or e}"))):
        st = os.stat(top)
        real = _real(Path(top))
        if (st.st_dev, st.st_ino) in visited or (out is not None and real == out and Path(top) != root):
            dirs[:] = []  # a second way into a folder already walked (a link loop), or the output folder
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or name in output_names:  # hidden, or what an earlier run wrote here
                continue
            path = Path(top, name)
            if not suffixes(path):
                continue
            try:
                mode = path.stat().st_mode
            except OSError:
                found.append(InputError(str(path), "broken symbolic link" if path.is_symlink() else "cannot read"))
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            else:
                found.append(InputError(str(path), f"not a regular file ({_kind(mode)}): skipped"))
    root_parts = len(root.parts)
    yield from sorted(found, key=lambda p: Path(p.origin if isinstance(p, InputError) else p).parts[root_parts:])


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


# --- reading -------------------------------------------------------------------------------------


def open_input(path: Path) -> BinaryIO:
    """The file opened for reading without ever blocking; anything but a regular file is an error."""
    if path == STDIN:
        return sys.stdin.buffer
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(mode) else _kind(mode)
        raise InputError(str(path), f"not a regular file ({what}); use - to read standard input")
    return os.fdopen(fd, "rb")


def is_gzip(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def stem(path: Path) -> str:
    """The file name without its type: ``story`` for story.md and story.md.gz (ids come from it)."""
    return Path(path.name[:-3]).stem if is_gzip(path) else path.stem


def read_limited(origin: str, fh: BinaryIO, limit: int, compressed: bool, what: str = "article") -> bytes:
    """All bytes of ``fh`` (decompressed when ``compressed``), refused when more than ``limit``."""
    if not compressed:
        try:
            st = os.fstat(fh.fileno())
        except (OSError, AttributeError, io.UnsupportedOperation):
            st = None  # a stream without a file behind it: counted while read
        if st is not None and stat.S_ISREG(st.st_mode) and st.st_size > limit:
            raise InputError(origin, _too_big(st.st_size, limit, what))
    stream: BinaryIO = gzip.GzipFile(fileobj=fh) if compressed else fh
    try:
        data = stream.read(limit + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(origin, f"cannot decompress: {exc}") from None
    if len(data) > limit:
        raise InputError(origin, _too_big(None, limit, what))
    return data


def lines(origin: str, fh: BinaryIO, limit: int, compressed: bool) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, line) of a stream split on ``\\n`` only, each line at most ``limit`` bytes.

    A longer line is reported and skipped without being held in memory.
    """
    stream: BinaryIO = gzip.GzipFile(fileobj=fh) if compressed else io.BufferedReader(fh) if not hasattr(fh, "readline") else fh
    lineno = 0
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            lineno += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(MB)) and not rest.endswith(b"\n"):
                    pass
                yield lineno, InputError(origin, _too_big(None, limit, "line"), lineno)
                continue
            yield lineno, line
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield lineno + 1, InputError(origin, f"cannot decompress: {exc}", lineno + 1)


def _too_big(size: int | None, limit: int, what: str) -> str:
    have = f"is {size_text(size)}" if size is not None else "is larger than that"
    return (f"{what} over the size limit: it {have}, the limit is {size_text(limit)} "
            "(raise it with --max-article-size)")
