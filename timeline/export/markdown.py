"""Markdown: the timeline as a table a person can read, paste into a document or review in a diff."""

from __future__ import annotations

from timeline.export import ExportOptions
from timeline.export.text import first_link, one_line, outlets, when_text
from timeline.models import Timeline

QUOTE_CHARS = 160


def _cell(text: str) -> str:
    """One table cell: a single line, pipes and markup characters escaped so the table stays a table."""
    text = one_line(text)
    for ch in "\\|*_`[]<>":
        text = text.replace(ch, "\\" + ch)
    return text


def _quote(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "\u2026"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render(timeline: Timeline, options: ExportOptions) -> dict[str, bytes]:
    articles = {a.id: a for a in timeline.articles}
    lines = [f"# {_cell(timeline.title)}", "",
             f"{_count(len(timeline.events), 'event')} from {_count(len(timeline.articles), 'article')}.", ""]
    if timeline.events:
        lines += ["| When | Event | Source | Quote |", "|---|---|---|---|"]
    for ev in timeline.events:
        names = outlets(ev, articles) or [articles[s.article].title for s in ev.sources[:1]]
        source = _cell(", ".join(names))
        link = first_link(ev, articles)
        if link:
            source = f"[{source}](<{link.replace('>', '%3E')}>)"
        if len(ev.sources) > 1:
            source += f" (+{len(ev.sources) - 1})"
        lines.append(f"| {_cell(when_text(ev.when))} | {_cell(ev.title)} | {source} | {_cell(_quote(ev.quote))} |")
    return {"timeline.md": ("\n".join(lines) + "\n").encode("utf-8")}
