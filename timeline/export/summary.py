"""The summary timeline (``timeline summarize``) as JSON lines, Markdown or a small HTML page.

One entry per selected day, in date order: the date, the sentences as written in the articles,
and the ids of the timeline's events on that day. The HTML page has no script at all and a CSP
that forbids every request: it is the summary as a reader would print it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from timeline.export._html_text import attr
from timeline.export.markdown import _cell
from timeline.export.text import day
from timeline.summarize import DaySummary

FORMATS = ("jsonl", "markdown", "html")
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"  # no script at all


def jsonl(days: Sequence[DaySummary]) -> str:
    return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in days)


def markdown(days: Sequence[DaySummary], title: str) -> str:
    lines = [f"# {_cell(title)}", ""]
    for d in days:
        lines += [f"## {day(d.date)}", ""]
        lines += [f"- {_cell(s)}" for s in d.sentences] or ["- (no sentence)"]
        lines.append("")
    return "\n".join(lines)


def html(days: Sequence[DaySummary], title: str) -> str:
    items = []
    for d in days:
        sents = "".join(f"<li>{attr(s)}</li>" for s in d.sentences)
        items.append(f'<li><h2><time datetime="{d.date.isoformat()}">{attr(day(d.date))}</time></h2><ul>{sents}</ul></li>')
    body = "<ol class=\"summary\">" + "\n".join(items) + "</ol>" if items else "<p>No key dates.</p>"
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{attr(title)}</title>\n<style>body{{font-family:system-ui,sans-serif;margin:1.5rem;max-width:50rem}}"
        "ol.summary{list-style:none;padding:0}h2{font-size:1.1rem;margin:1.2rem 0 .3rem}</style>\n</head>\n"
        f"<body>\n<h1>{attr(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def render(days: Sequence[DaySummary], fmt: str, title: str) -> str:
    if fmt == "jsonl":
        return jsonl(days)
    if fmt == "markdown":
        return markdown(days, title)
    if fmt == "html":
        return html(days, title)
    raise ValueError(f"unknown summary format {fmt!r} (choose from {', '.join(FORMATS)})")
