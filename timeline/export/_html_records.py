"""The page's one copy of every event's facts: compact column arrays the page's script reads.

The chart's hover labels, the click-through links, the search index and the table rows beyond the
first page are all built in the browser from these records (``data/timeline.js``), so each fact is
carried once: a 20,000-event page shrank from 29.6 MB to about 9 MB (see docs/html.md). Repeated
strings (outlets, URLs, actors, kinds, precision labels) are indexes into shared tables.

Texts are cleaned here (``clean``), never escaped: the script inserts them as DOM text or escapes them
for plotly's pseudo-HTML itself, exactly as ``_html_text.pseudo`` does.
"""

from __future__ import annotations

from typing import Any

from timeline.export._html_rows import Row
from timeline.export._html_text import clean

KEY, FAINT, UNDATED = 1, 2, 4  # bits of the "f" column


class _Table:
    """Distinct strings in order of first use; ``index`` gives a string's position."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._at: dict[str, int] = {}

    def index(self, text: str) -> int:
        at = self._at.get(text)
        if at is None:
            at = self._at[text] = len(self.items)
            self.items.append(text)
        return at


def quote_parts(row: Row) -> tuple[str, str, str] | None:
    """(before, trigger, after), each cleaned, when the row's trigger lies within its quote."""
    q = row.quote
    if row.trigger is None or not 0 <= row.trigger[0] < row.trigger[1] <= len(q):
        return None
    a, b = row.trigger
    return clean(q[:a]), clean(q[a:b]), clean(q[b:])


def records(rows: list[Row]) -> dict[str, Any]:
    """Column arrays, one entry per row in table order, and the string tables they index.

    ``q`` is the cleaned quote; when the trigger is known it is ``before + " " + trigger + " " + after``
    and ``m`` holds the trigger's [start, end) in it (else 0). ``l`` lists [outlet, url] index pairs
    flat, url -1 when the source has no http(s) link. ``a`` lists actor indexes."""
    outlets, urls, actors, kinds, precisions = _Table(), _Table(), _Table(), _Table(), _Table()
    cols: dict[str, list[Any]] = {k: [] for k in ("id", "t", "d", "p", "w", "q", "m", "a", "k", "l", "f")}
    for r in rows:
        parts = quote_parts(r)
        if parts is None:
            cols["q"].append(clean(r.quote))
            cols["m"].append(0)
        else:
            before, word, after = parts
            cols["q"].append(f"{before} {word} {after}")
            cols["m"].append([len(before) + 1, len(before) + 1 + len(word)])
        cols["id"].append(r.event_id)
        cols["t"].append(r.title)
        cols["d"].append(r.date)
        cols["p"].append(precisions.index(r.precision))
        cols["w"].append(r.date_text)
        cols["a"].append([actors.index(a) for a in r.actors])
        cols["k"].append(kinds.index(r.kind))
        cols["l"].append([i for link in r.links
                          for i in (outlets.index(link.name), urls.index(link.url) if link.url else -1)])
        cols["f"].append((KEY if r.key else 0) | (FAINT if r.faint else 0)
                         | (UNDATED if r.shape.kind == "undated" else 0))
    tables = {"outlets": outlets, "urls": urls, "actors": actors, "kinds": kinds, "precisions": precisions}
    return {**cols, **{name: t.items for name, t in tables.items()}}


def pack(values: Any) -> Any:
    """A list of few distinct strings (colours) as a table and indexes into it; anything else as it is."""
    if not isinstance(values, list):
        return values
    table = _Table()
    index = [table.index(v) for v in values]
    return {"$s": table.items, "$i": index}
