"""HTML to plain text, one block (paragraph, heading, list item, <br> line) per line.

A small converter rather than trafilatura: feed content is already the article body, so
boilerplate heuristics could only drop text (short summaries, one-line items); this keeps every
word, in order, repeats included. It is linear in the markup and deterministic. The HTML page
reader uses ``blocks`` to check trafilatura's choice against the page (repeated paragraphs,
pages whose only text is links).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}
_SKIPPED = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"}


@dataclass(frozen=True)
class Block:
    text: str  # whitespace collapsed
    linked: bool  # every letter or digit of it is inside a link


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: list[str] = []
        self.plain = False  # the current block has text outside links
        self.skip = 0  # depth inside elements whose content is not text
        self.pre = 0
        self.link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        elif tag in _BLOCKS:
            self.flush()
            self.pre += tag == "pre"
        elif tag == "a":
            self.link += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.flush()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
        elif tag == "a":
            self.link = max(0, self.link - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.link and any(c.isalnum() for c in data):
            self.plain = True
        if self.pre:  # preformatted: its own line breaks are the text's
            parts = data.split("\n")
            for part in parts[:-1]:
                self.current.append(part)
                self.flush()
            self.current.append(parts[-1])
        else:
            self.current.append(data)

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.blocks.append(Block(line, linked=not self.plain))
        self.current = []
        self.plain = False


def blocks(markup: str) -> list[Block]:
    """The text blocks of an HTML document or fragment, in order."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return parser.blocks


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one block (paragraph, heading, item, <br> line) per line."""
    return "\n".join(b.text for b in blocks(markup))
