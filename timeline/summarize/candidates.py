"""What one article tells the summariser: the days it mentions, in which sentences, and its lead.

``digest`` runs per article (next to the tagger, in whatever executor runs the pipeline) and keeps
only what date and sentence selection need: the sentences that name a single day, the first few
sentences (the lead, which reports the news of the publication day), and the publication date.
The rest of the text is not kept, so memory grows with the candidate sentences, not the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.models import Article, Mention, Modifier, Precision, When
from timeline.nlp import Sentences

LEAD = 5  # sentences at the top of an article that report its publication day's news
MAX_WORDS = 80  # longer "sentences" are tables, lists or run-ons: never summary material
# modifiers that keep a single day a single day ("the end of June 3" is still June 3)
_SAME_DAY = {None, Modifier.START, Modifier.MID, Modifier.END}


@dataclass(frozen=True)
class Candidate:
    """One sentence that may go into a summary, as written, and the days it speaks about."""

    text: str
    days: tuple[dt.date, ...]  # single days it names (empty for an undated lead sentence)
    position: int  # sentence number in its article


@dataclass(frozen=True)
class Digest:
    """An article reduced to what timeline summarisation needs."""

    article: str
    published: dt.date | None
    candidates: tuple[Candidate, ...]

    @property
    def days(self) -> set[dt.date]:
        """Every single day the article names."""
        return {d for c in self.candidates for d in c.days}


def _day(x: dt.date | dt.datetime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


def single_day(when: When) -> dt.date | None:
    """The day a time denotes when it is one day (or a moment of one), else None."""
    if when.start is None or when.end is None or when.precision is None:
        return None
    if when.precision.rank < Precision.DAY.rank or when.modifier not in _SAME_DAY:
        return None
    day = _day(when.start)
    return day if _day(when.end) == day else None


def digest(article: Article, mentions: Iterable[Mention]) -> Digest:
    """The candidate sentences of one article: those naming a single day, and its lead."""
    split = Sentences(article.text)
    days: dict[int, list[dt.date]] = {}
    for m in mentions:
        day = single_day(m.when)
        if day is not None:
            i = split.index(m.start)
            if i >= 0 and day not in days.setdefault(i, []):
                days[i].append(day)
    keep = sorted(set(days) | set(range(min(LEAD, len(split)))))
    candidates = []
    for i in keep:
        a, b = split[i]
        text = " ".join(article.text[a:b].split())  # one line: wrapped lines joined, words untouched
        if 0 < len(text.split()) <= MAX_WORDS:
            candidates.append(Candidate(text, tuple(days.get(i, ())), i))
    published = _day(article.published) if article.published is not None else None
    return Digest(article.id, published, tuple(candidates))
