"""python -m timeline.temporal FILE [DCT]: print the mentions of a text file as JSONL."""

from __future__ import annotations

import datetime as dt
import json
import sys

from timeline.models import Article

from . import tag_with_warnings


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print("usage: python -m timeline.temporal FILE [DCT]", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8", newline="") as f:
        text = f.read()
    dct = dt.date.fromisoformat(argv[1][:10]) if len(argv) > 1 and argv[1] else None
    mentions, warnings = tag_with_warnings(Article(id="doc", text=text, published=dct))
    for m in mentions:
        w = m.when
        print(json.dumps({"start": m.start, "end": m.end, "text": m.text, "type": str(w.type), "value": w.value,
                          "start_date": w.start.isoformat() if w.start else None,
                          "end_date": w.end.isoformat() if w.end else None,
                          "precision": str(w.precision) if w.precision else None,
                          "modifier": str(w.modifier) if w.modifier else None, "anchor": str(w.anchor)},
                         ensure_ascii=False))
    for msg in warnings:
        print(f"warning: {msg}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
