"""TimeML event gold: EVENT triggers with their class, TIMEX3 spans, and the TLINKs that date events.

The text is the one ``timeml.read_timeml`` reads (the character content of ``<TEXT>`` as an XML parser
delivers it), so gold offsets, the temporal tagger's offsets and ``timeline extract --events`` offsets
are offsets into the same string. ``MAKEINSTANCE`` ties an event instance (``eiid``, what TLINKs name)
to its EVENT (``eid``); an event with several instances keeps the first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import InputError
from timeline.evaluate.timeml import (
    TimeMLDoc,
    _find_dct,
    _local,
    find_gold,
    matches,
    read_timeml,
    text_and_spans,
)

# TimeML 1.2.1 event classes, the label set of the trigger model and of Task B's class accuracy.
CLASSES = ("OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")


@dataclass(frozen=True)
class GoldEvent:
    eid: str
    start: int
    end: int
    text: str
    cls: str
    tense: str | None = None  # from MAKEINSTANCE
    aspect: str | None = None
    pos: str | None = None


@dataclass(frozen=True)
class GoldTime:
    tid: str
    start: int | None  # None for the DCT when it is not written in <TEXT>
    end: int | None
    type: str | None
    value: str | None
    dct: bool = False


@dataclass(frozen=True)
class EventLink:
    """A TLINK between an event and a time, read from the event's side (``event relType time``)."""

    eid: str
    tid: str
    reltype: str


@dataclass
class EventDoc:
    doc: TimeMLDoc
    events: list[GoldEvent]
    times: dict[str, GoldTime]
    links: list[EventLink] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.doc.name

    @property
    def text(self) -> str:
        return self.doc.text


# The relation seen from the other side: "t INCLUDES e" is "e IS_INCLUDED t".
INVERSE = {
    "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY", "ENDED_BY": "ENDS", "BEFORE": "AFTER", "AFTER": "BEFORE", "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE", "DURING": "DURING_INV", "DURING_INV": "DURING",
}


def read_event_doc(path: Path) -> EventDoc:
    """One TimeML file's events, times and event-time links; InputError names the file when unusable."""
    doc = read_timeml(path)  # the text and the checks every TimeML reader makes
    root = ET.fromstring(path.read_bytes())
    [text_el] = [el for el in root.iter() if _local(el.tag) == "TEXT"]
    text, spans = text_and_spans(text_el, ("EVENT", "TIMEX3"))
    if text != doc.text:
        raise InputError(str(path), "EVENT reading disagrees with the TimeML text")
    instances: dict[str, dict[str, str]] = {}  # eiid -> MAKEINSTANCE attributes
    first_instance: dict[str, dict[str, str]] = {}  # eid -> its first instance
    for el in root.iter():
        if _local(el.tag) == "MAKEINSTANCE" and el.get("eiid") and el.get("eventID"):
            instances[el.get("eiid", "")] = dict(el.attrib)
            first_instance.setdefault(el.get("eventID", ""), dict(el.attrib))
    events = []
    times: dict[str, GoldTime] = {}
    for tag, a, b, attrs in sorted(spans, key=lambda s: (s[1], -s[2])):
        if tag == "EVENT" and b > a and attrs.get("eid"):
            inst = first_instance.get(attrs["eid"], {})
            events.append(GoldEvent(attrs["eid"], a, b, text[a:b], attrs.get("class", "OCCURRENCE"),
                                    inst.get("tense"), inst.get("aspect"), inst.get("pos")))
        elif tag == "TIMEX3" and attrs.get("tid"):
            dct = attrs.get("functionInDocument") == "CREATION_TIME"
            times[attrs["tid"]] = GoldTime(attrs["tid"], a, b, attrs.get("type"), attrs.get("value"), dct)
    dct_value = _find_dct(root)
    for el in root.iter():  # the DCT timex outside <TEXT>
        if _local(el.tag) == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME" and el.get("tid") \
                and el.get("tid") not in times:
            times[el.get("tid", "")] = GoldTime(el.get("tid", ""), None, None, el.get("type"), el.get("value") or dct_value,
                                                True)
    links = []
    for el in root.iter():
        if _local(el.tag) != "TLINK":
            continue
        rel = el.get("relType", "")
        ei, tid = el.get("eventInstanceID"), el.get("relatedToTime")
        if ei and tid:
            eid = instances.get(ei, {}).get("eventID")
            if eid:
                links.append(EventLink(eid, tid, rel))
            continue
        tid, ei = el.get("timeID"), el.get("relatedToEventInstance")
        if tid and ei and (eid := instances.get(ei, {}).get("eventID")):
            links.append(EventLink(eid, tid, INVERSE.get(rel, rel)))
    return EventDoc(doc, events, times, links)


def read_event_corpus(paths: Iterable[Path | str], include: str | Sequence[str] | None = None) -> list[EventDoc]:
    """Every TimeML document under ``paths`` (files, or folders searched one level deep for sub-folders)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            subdirs = sorted(d for d in p.iterdir() if d.is_dir() and not d.name.startswith("."))
            files += find_gold([p, *subdirs])
        else:
            files += find_gold([p])
    docs = [read_event_doc(f) for f in files if matches(f.name, include)]
    seen: dict[str, Path] = {}
    for d in docs:
        if d.name in seen:
            raise InputError(str(d.doc.path), f"same document name as {seen[d.name]}")
        seen[d.name] = d.doc.path
    return docs
