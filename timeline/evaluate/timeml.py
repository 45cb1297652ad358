"""TimeML gold reader: document text, DCT and TIMEX3 spans with offsets into that text.

The text is the character content of ``<TEXT>`` exactly as an XML parser delivers it (tags removed,
entities decoded, line ends CR LF / CR turned into LF by the parser), so the offsets are the ones a
system sees when it reads the same text. TIMEX3 with ``tid="t0"`` (the DCT copied into the text by
some conversions) and empty TIMEX3 are not gold expressions, as in the TempEval-3 scorer.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import InputError

SUFFIXES = (".TE3input", ".tml", ".timeml")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str | None
    value: str | None
    tid: str | None = None


@dataclass(frozen=True)
class TimeMLDoc:
    name: str  # file name without the TimeML suffixes, e.g. "17_AlgerianWar"
    path: Path
    text: str
    dct: str | None  # the DCT's TIMEX3 value as written, e.g. "2009-12-19"
    timexes: tuple[GoldTimex, ...]

    @property
    def file(self) -> str:
        """The document's name in timexeval.py's files (``<name>.txt``)."""
        return self.name + ".txt"

    @property
    def published(self) -> dt.date | None:
        return dct_date(self.dct)


def doc_stem(name: str) -> str:
    """'x.tml' -> 'x', 'x.TE3input.tml' -> 'x' (suffixes may be stacked)."""
    stripped = True
    while stripped:
        stripped = False
        for suf in (*SUFFIXES, ".xml", ".txt"):
            if name.endswith(suf) and len(name) > len(suf):
                name, stripped = name[: -len(suf)], True
    return name


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def dct_date(value: str | None) -> dt.date | None:
    """The calendar day of a DCT value ('2005-06-13', '2005-06-13T10:00'); None if it has no full date."""
    m = _DATE.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""  # comments/PIs have non-str tags


def text_and_spans(text_el: ET.Element, tags: tuple[str, ...] = ("TIMEX3",)
                   ) -> tuple[str, list[tuple[str, int, int, dict[str, str]]]]:
    """The character data under <TEXT>, concatenated, and the (tag, start, end, attributes) of each
    element named in ``tags`` in it (appended when closed, like a streaming reader)."""
    parts: list[str] = []
    spans: list[tuple[str, int, int, dict[str, str]]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        tag = _local(el.tag)
        if el is not text_el and tag in tags:
            spans.append((tag, start, pos, dict(el.attrib)))

    walk(text_el)
    return "".join(parts), spans


def _find_dct(root: ET.Element) -> str | None:
    """CREATION_TIME TIMEX3 (preferring one inside <DCT>), else a TIMEX3 in <DCT>, else <DCT>'s text."""
    in_dct: set[int] = set()
    dct_els = [el for el in root.iter() if _local(el.tag) == "DCT"]
    for d in dct_els:
        in_dct.update(id(t) for t in d.iter() if _local(t.tag) == "TIMEX3")
    creation = [
        (id(t) in in_dct, t.get("value"))
        for t in root.iter()
        if _local(t.tag) == "TIMEX3" and t.get("functionInDocument") == "CREATION_TIME" and t.get("value") is not None
    ]
    if creation:
        inside = [v for is_in, v in creation if is_in]
        return inside[0] if inside else creation[0][1]
    for d in dct_els:
        for t in d.iter():
            if _local(t.tag) == "TIMEX3" and t.get("value") is not None:
                return t.get("value")
    text = "".join("".join(d.itertext()) for d in dct_els).strip()
    return text or None


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one TimeML file; raises InputError naming the file when it is not usable gold."""
    try:
        root = ET.fromstring(path.read_bytes())  # bytes: the parser handles the BOM and the encoding
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(str(path), f"not well-formed XML ({exc})", line) from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    text_els = [el for el in root.iter() if _local(el.tag) == "TEXT"]
    if len(text_els) != 1:
        raise InputError(str(path), f"expected one <TEXT> element, found {len(text_els)}")
    text, tagged = text_and_spans(text_els[0])
    spans = [(a, b, attrs) for _, a, b, attrs in tagged]
    spans.sort(key=lambda s: (s[0], -s[1]))
    timexes = tuple(
        GoldTimex(a, b, text[a:b], attrs.get("type"), attrs.get("value"), attrs.get("tid"))
        for a, b, attrs in spans
        if attrs.get("tid") != "t0" and b > a
    )
    return TimeMLDoc(doc_stem(path.name), path, text, _find_dct(root), timexes)


def find_gold(paths: Iterable[Path | str], suffixes: Sequence[str] = SUFFIXES) -> list[Path]:
    """Files given directly, plus every TimeML file in folders given (not recursive), sorted per folder."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.is_file() and f.name.endswith(suffixes)
                                and not f.name.startswith(".")))
        elif p.is_file():
            found.append(p)
        else:
            raise InputError(str(p), "no such file or folder")
    return found


def matches(name: str, globs: str | Sequence[str] | None) -> bool:
    """Whether a document name (with or without .txt / TimeML suffix) matches any of the globs."""
    if not globs:
        return True
    pats = [globs] if isinstance(globs, str) else list(globs)
    stem = doc_stem(name)
    return any(fnmatch.fnmatch(n, g) for g in pats for n in (name, stem, stem + ".txt"))


def read_corpus(paths: Iterable[Path | str], *, docs_glob: str | Sequence[str] | None = None) -> list[TimeMLDoc]:
    docs = [read_timeml(p) for p in find_gold(paths) if matches(p.name, docs_glob)]
    seen: dict[str, Path] = {}
    for d in docs:
        if d.name in seen:
            raise InputError(str(d.path), f"same document name as {seen[d.name]}")
        seen[d.name] = d.path
    return docs
