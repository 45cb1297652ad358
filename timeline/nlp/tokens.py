"""One tokenizer and one sentence splitter, on character offsets into the untouched text.

Sentences end at a full stop, question or exclamation mark followed by white space and a word
that can open a sentence; at a blank line; and at a line break unless the next line goes on in
lower case (a wrapped line). Headlines and datelines carry no full stop, so a line break is the
only thing that ends them. A stop after a title ("Mr.", "Gen.") never ends a sentence; after
another abbreviation or an initial ("Inc.", "U.S.", "J.") it does only when a closed-class word
("The", "He", "But", ...) follows. The word tables are ``data/abbreviations.json``.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

# Words with their inner hyphens, apostrophes, stops and separators ("well-known", "don't",
# "U.S", "1,000.5", "10:30") and any other single character: one cheap alternation.
_TOKEN = re.compile(r"\w+(?:[-'’&.,:/]\w+)*|\S")
_WORD = re.compile(r"[^\W_](?:[^\W_]|[-'’.&](?=[^\W_]))*\.?")

# A candidate boundary: sentence punctuation (with closing quotes or brackets) then white space;
# a stop glued to the next sentence as scraped pages have it ("Israel.President"); or a line break.
_BOUNDARY = re.compile(
    r"(?P<stop>[.!?…]+)(?:(?P<close>[\"'”’)\]]*)(?P<space>\s+)|(?<=[a-z]{2}[.!?])(?P<glued>)(?=[A-Z][a-z]))"
    r"|(?P<nl>\n\s*)"
)
_LEADING = re.compile(r"[\"'“‘(\[]+")
_NEXT_WORD = re.compile(r"[\"'“‘(\[]*([^\W_]+)")
_INITIAL = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = json.loads(resources.files(__package__).joinpath("data/abbreviations.json").read_text("utf-8"))
    return frozenset(data["titles"]), frozenset(data["abbreviations"]), frozenset(data["openers"])


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each token of ``text[start:end]``."""
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The words (no punctuation or numbers alone) of ``text[start:end]`` as matches."""
    return _WORD.finditer(text, start, len(text) if end is None else end)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    after = m.end()
    nxt = text[after] if after < len(text) else ""
    if m.lastgroup == "nl":
        return "\n" in m.group(0)[m.group(0).index("\n") + 1 :] or not nxt.islower()
    if m.lastgroup == "glued":
        return True
    space = m.group("space")
    if not nxt:
        return True
    if "\n" in space and ("\n" in space[space.index("\n") + 1 :] or not nxt.islower()):
        return True  # a line break that ends the sentence anyway
    if nxt.islower():
        return False  # "approx. five", "U.S. officials", "... and then"
    stop = m.group("stop")
    if "." not in stop or m.group("close"):
        return True  # "?", "!", or a stop inside a closed quotation
    i = m.start()
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    word = _LEADING.sub("", text[j:i]).lower()
    titles, abbreviations, openers = _tables()
    if word in titles:
        return False  # "Mr. Smith", "Gen. Petraeus"
    if word in abbreviations or _INITIAL.fullmatch(word):
        # "Apple Inc. said" vs "bought by Apple Inc. The deal ...": only a closed-class word opens
        w = _NEXT_WORD.match(text, after)
        return w is not None and w.group(1).lower() in openers
    return True


def _split(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, new_paragraph) of each untrimmed sentence."""
    start = 0
    for m in _BOUNDARY.finditer(text):
        if not _ends_sentence(text, m):
            continue
        end = m.start() if m.lastgroup == "nl" else m.end("stop") if m.lastgroup == "glued" else m.end("close")
        yield start, end, "\n" in m.group(0)
        start = m.end()
    yield start, len(text), True


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of white space, in text order."""
    return Sentences(text).spans


class Sentences:
    """The sentences of a text, with lookups by offset (bisect) and paragraph numbers."""

    __slots__ = ("paragraphs", "spans", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.paragraphs: list[int] = []  # paragraph number of each sentence
        para = 0
        for a, b, breaks in _split(text):
            a, b = _trim(text, a, b)
            if a < b:
                self.spans.append((a, b))
                self.paragraphs.append(para)
            if breaks:
                para += 1
        self.starts = [a for a, _ in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.spans[i]

    def index(self, offset: int) -> int:
        """The sentence that holds ``offset`` (or the last one before it); -1 before the first."""
        return bisect.bisect_right(self.starts, offset) - 1

    def bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset``; the whole text if there is none."""
        i = self.index(offset)
        return self.spans[i] if i >= 0 else (0, len(self.text))
