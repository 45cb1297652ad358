"""MEANTIME / NewsReader CAT XML reader: tokens, EVENT_MENTION and TIMEX3 markables, TLINKs.

CAT files carry tokens, not text. To make gold offsets comparable with what our pipeline reports,
the tokens are aligned onto the TimeML version of the same document (``tml/<topic>__<name>.tml``
beside ``cat/<topic>/<name>.xml``), whose text is what the tagger reads. The TimeML text covers
the annotated part of the article only, so tokens past its end stay unaligned; markables that
touch an unaligned token are counted and dropped. Without a TimeML twin the text is rebuilt from
the tokens (spaces between tokens, a line break between sentences).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import InputError
from timeline.evaluate.timeml import dct_date, read_timeml

_SPACE = re.compile(r"\s*")
_LOOKAHEAD = 12  # characters a token may be displaced by (stray markup residue) before giving up


@dataclass(frozen=True)
class Token:
    t_id: str
    sentence: int
    word: str
    start: int | None = None  # None when the token is not in the document text
    end: int | None = None


@dataclass(frozen=True)
class Markable:
    m_id: str
    kind: str  # EVENT_MENTION or TIMEX3
    start: int
    end: int
    text: str
    attrs: dict[str, str] = field(hash=False, compare=False)

    @property
    def is_dct(self) -> bool:
        return self.attrs.get("functionInDocument") == "CREATION_TIME"


@dataclass(frozen=True)
class TLink:
    source: str
    target: str
    reltype: str


@dataclass
class CatDoc:
    name: str  # "<topic>__<doc_name>", the TimeML twin's name
    path: Path
    text: str
    dct: str | None
    tokens: list[Token]
    markables: dict[str, Markable]  # EVENT_MENTION and TIMEX3 with their spans
    timex_attrs: dict[str, dict[str, str]]  # every TIMEX3, including the DCT with no tokens
    tlinks: list[TLink]
    text_source: str  # "timeml" or "tokens"
    unaligned_markables: int = 0

    @property
    def published(self) -> dt.date | None:
        return dct_date(self.dct)

    def events(self) -> list[Markable]:
        return [m for m in self.markables.values() if m.kind == "EVENT_MENTION"]


def timeml_twin(path: Path) -> Path:
    """cat/<topic>/<name>.xml -> tml/<topic>__<name>.tml in the corpus folder."""
    return path.parent.parent.parent / "tml" / f"{path.parent.name}__{path.stem}.tml"


def _align(words: list[str], text: str) -> list[tuple[int, int] | None]:
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for w in words:
        p = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(w, p):
            spans.append((p, p + len(w)))
            pos = p + len(w)
            continue
        found = text.find(w, p, p + _LOOKAHEAD + len(w)) if w else -1
        if found >= 0:
            spans.append((found, found + len(w)))
            pos = found + len(w)
        else:
            spans.append(None)  # keep pos: the next token may still align
    return spans


def _rebuild(tokens: list[tuple[str, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, last_sentence = 0, None
    for _, sentence, word in tokens:
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence else " "
            parts.append(sep)
            pos += 1
        parts.append(word)
        spans.append((pos, pos + len(word)))
        pos += len(word)
        last_sentence = sentence
    return "".join(parts), spans


def read_cat(path: Path, *, text_from_timeml: bool = True) -> CatDoc:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not well-formed XML ({exc})") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    if root.tag != "Document":
        raise InputError(str(path), f"not a CAT document (root <{root.tag}>)")
    raw = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    if not raw:
        raise InputError(str(path), "no tokens")

    twin = timeml_twin(path)
    dct = None
    if text_from_timeml and twin.is_file():
        tml = read_timeml(twin)
        text, spans, source, dct = tml.text, _align([w for *_, w in raw], tml.text), "timeml", tml.dct
    else:
        text, rebuilt = _rebuild(raw)
        spans, source = list(rebuilt), "tokens"
    tokens = [Token(tid, sent, w, *(sp or (None, None))) for (tid, sent, w), sp in zip(raw, spans, strict=True)]
    by_id = {t.t_id: t for t in tokens}

    markables: dict[str, Markable] = {}
    timex_attrs: dict[str, dict[str, str]] = {}
    unaligned = 0
    for el in root.findall("Markables/*"):
        if el.tag not in ("EVENT_MENTION", "TIMEX3"):
            continue
        m_id = el.get("m_id", "")
        attrs = dict(el.attrib)
        if el.tag == "TIMEX3":
            timex_attrs[m_id] = attrs
        toks = [by_id.get(a.get("t_id", "")) for a in el.iter("token_anchor")]
        if not toks:
            continue  # e.g. a DCT that is not written in the text
        if any(t is None or t.start is None for t in toks):
            unaligned += 1
            continue
        start = min(t.start for t in toks)  # type: ignore[type-var]
        end = max(t.end for t in toks)  # type: ignore[type-var]
        markables[m_id] = Markable(m_id, el.tag, start, end, text[start:end], attrs)

    if dct is None:
        dct = next((a.get("value") for a in timex_attrs.values() if a.get("functionInDocument") == "CREATION_TIME"), None)
    tlinks = [
        TLink(src.get("m_id", ""), tgt.get("m_id", ""), tl.get("reltype", ""))
        for tl in root.findall("Relations/TLINK")
        if (src := tl.find("source")) is not None and (tgt := tl.find("target")) is not None
    ]
    name = f"{path.parent.name}__{path.stem}"
    return CatDoc(name, path, text, dct, tokens, markables, timex_attrs, tlinks, source, unaligned)


def find_cat(paths: list[Path]) -> list[Path]:
    """CAT files given directly, or every *.xml under folders given (recursively: cat/<topic>/*.xml)."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*.xml") if f.is_file() and not f.name.startswith(".")))
        elif p.is_file():
            found.append(p)
        else:
            raise InputError(str(p), "no such file or folder")
    return found
