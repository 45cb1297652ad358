"""The shared vocabulary of every stage: Article, When, Mention, Source, Event, Timeline.

Models are the contract (see DESIGN.md): validators make invalid states unrepresentable, and
changing a field here is a change of the JSON contract, so bump SCHEMA_VERSION with it.

Offsets are Python ``str`` (code point) offsets into ``Article.text`` as read; ``end`` is
exclusive and ``text[start:end]`` is always the quoted text. Dates are intervals with a
precision: ``When.start``/``When.end`` are inclusive bounds, never more precise than the text.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

SCHEMA_VERSION = "2.0"

# --- TIMEX3 values -----------------------------------------------------------------------------
# A TIMEX3 value (TimeML 1.2.1 / ISO-TimeML) is one of: a reference word, a calendar date of some
# grain (possibly with X placeholders and a time), a bare time, or an ISO 8601-style duration.
_YEAR = r"(?:BC)?[0-9X]{1,4}"  # 2025, 202 (decade), 20 (century), XXXX, BC0264
_DATE_TAIL = (
    r"(?:-(?:W[0-9X]{1,2}(?:-(?:[1-7X]|WE))?"  # week, weekday or weekend
    r"|Q[1-4X]|H[12X]|SP|SU|FA|WI"  # quarter, half, season
    r"|[0-9X]{2}(?:-[0-9X]{2})?))?"  # month, day
)
_TIME = (
    r"T(?:MO|MI|AF|EV|NI|DT"  # parts of day
    r"|[0-9X]{2}(?::[0-9X]{2}(?::[0-9X]{2}(?:\.\d+)?)?)?)"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_NUM}(?:ML|CE|DE|Y|Q|M|W|D|H))+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
TIMEX3_VALUE = re.compile(
    rf"^(?:PRESENT_REF|PAST_REF|FUTURE_REF|{_DURATION}|{_TIME}|{_YEAR}{_DATE_TAIL}(?:{_TIME})?)$"
)


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Precision(StrEnum):
    """The grain of a resolved interval, coarsest first."""

    MILLENNIUM = "millennium"
    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    PART_OF_DAY = "part_of_day"
    HOUR = "hour"
    MINUTE = "minute"
    SECOND = "second"

    @property
    def rank(self) -> int:
        """0 for the coarsest grain; larger is finer (used to sort events)."""
        return _PRECISION_RANK[self]


_PRECISION_RANK = {p: i for i, p in enumerate(Precision)}  # rank is on hot paths: look it up, don't rebuild


class Modifier(StrEnum):
    """TIMEX3 ``mod`` values, lower-cased."""

    APPROX = "approx"
    BEFORE = "before"
    AFTER = "after"
    ON_OR_BEFORE = "on_or_before"
    ON_OR_AFTER = "on_or_after"
    START = "start"
    MID = "mid"
    END = "end"
    LESS_THAN = "less_than"
    MORE_THAN = "more_than"
    EQUAL_OR_LESS = "equal_or_less"
    EQUAL_OR_MORE = "equal_or_more"


class Anchor(StrEnum):
    """How a time got its position on the calendar."""

    EXPLICIT = "explicit"  # the text gives it in full ("June 10, 2025")
    PUBLICATION = "publication"  # relative to the publication date ("on Tuesday", "yesterday")
    INFERRED = "inferred"  # a missing part was inferred (year from context, a named period)
    DISCOURSE = "discourse"  # from the narrative's last explicit time ("the next day")
    UNRESOLVED = "unresolved"  # nothing to resolve against (no publication date, a bare duration)


def _date_or_time(v: Any) -> Any:
    """An ISO string is a date-time exactly when it has a time part: pydantic's lax union would read
    "1989-03-24T00:00:00" from a JSON document loaded with json.loads as a date, and the round trip
    would change the event's sort key."""
    if isinstance(v, str):
        try:
            return dt.datetime.fromisoformat(v) if "T" in v or " " in v.strip() else dt.date.fromisoformat(v)
        except ValueError:
            return v  # let pydantic report it
    return v


DateOrTime = Annotated[dt.date | dt.datetime, BeforeValidator(_date_or_time)]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


def _date_part(x: DateOrTime) -> dt.date:
    return x.date() if isinstance(x, dt.datetime) else x


class When(BaseModel):
    """A normalised time: the TIMEX3 value plus the calendar interval it denotes.

    ``start`` and ``end`` are inclusive; either may be missing ("the upcoming conference" has a
    start after the publication date and no end). ``precision`` is the grain the text gave.
    """

    model_config = _FROZEN

    value: str = Field(description="TIMEX3 value, e.g. 2025-06-10, 2025-W24, P3Y, PAST_REF, XXXX-10-07")
    type: TimexType = TimexType.DATE
    start: DateOrTime | None = Field(None, description="first instant of the interval (inclusive)")
    end: DateOrTime | None = Field(None, description="last day or instant of the interval (inclusive)")
    precision: Precision | None = None
    modifier: Modifier | None = None
    anchor: Anchor = Anchor.EXPLICIT

    @field_validator("value")
    @classmethod
    def _timex3(cls, v: str) -> str:
        if not TIMEX3_VALUE.match(v):
            raise ValueError(f"not a TIMEX3 value: {v!r}")
        return v

    @model_validator(mode="after")
    def _ordered(self) -> When:
        if self.start is not None and self.end is not None:
            a, b = self.start, self.end
            if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
                a, b = _date_part(a), _date_part(b)  # compare mixed bounds by day
            elif isinstance(a, dt.datetime) and (a.tzinfo is None) != (b.tzinfo is None):
                raise ValueError("start and end must both have a time zone or neither")
            if a > b:
                raise ValueError(f"start {self.start} is after end {self.end}")
        return self

    @property
    def resolved(self) -> bool:
        return self.start is not None or self.end is not None


class _Span(BaseModel):
    """Character offsets into an article's text, checked against it when the text is known.

    Pass ``context={"texts": {article_id: text}}`` to ``model_validate`` to check the offsets and
    the quoted text against the article; ``Mention.at`` and ``Source.at`` do this for you.
    """

    model_config = _FROZEN

    article: str = Field(min_length=1, description="Article.id the offsets refer to")
    start: int = Field(ge=0, description="character offset of the first character")
    end: int = Field(gt=0, description="character offset after the last character (exclusive)")

    def _check_text(self, quoted: str, info: ValidationInfo) -> None:
        if self.start >= self.end:
            raise ValueError(f"empty or reversed span {self.start}..{self.end}")
        if len(quoted) != self.end - self.start:
            raise ValueError(f"text of length {len(quoted)} does not fit span {self.start}..{self.end}")
        texts = (info.context or {}).get("texts") if info else None
        if texts is not None and self.article in texts:
            full = texts[self.article]
            if self.end > len(full):
                raise ValueError(f"span {self.start}..{self.end} is outside the text ({len(full)} characters)")
            if full[self.start : self.end] != quoted:
                raise ValueError(f"text at {self.start}..{self.end} is not {quoted!r}")


class Mention(_Span):
    """A temporal expression found in an article: its span and what it means."""

    text: str = Field(description="the expression exactly as written: article text[start:end]")
    when: When

    @model_validator(mode="after")
    def _fits(self, info: ValidationInfo) -> Mention:
        self._check_text(self.text, info)
        return self

    @classmethod
    def at(cls, article: Article, start: int, end: int, when: When) -> Mention:
        return cls.model_validate(
            {"article": article.id, "start": start, "end": end, "text": article.text[start:end], "when": when},
            context={"texts": {article.id: article.text}},
        )


class Source(_Span):
    """Where an event is reported: an article span (the quote) and the article's link."""

    quote: str = Field(description="the exact source text: article text[start:end]")
    url: str | None = None
    trigger_start: int | None = Field(None, ge=0, description="offset of the event's trigger word(s) in the article text")
    trigger_end: int | None = Field(None, gt=0, description="offset after the trigger (exclusive)")

    @model_validator(mode="after")
    def _fits(self, info: ValidationInfo) -> Source:
        self._check_text(self.quote, info)
        if (self.trigger_start is None) != (self.trigger_end is None):
            raise ValueError("trigger_start and trigger_end go together")
        if self.trigger_start is not None and self.trigger_end is not None and not (
            self.start <= self.trigger_start < self.trigger_end <= self.end
        ):
            raise ValueError(f"trigger {self.trigger_start}..{self.trigger_end} is not inside {self.start}..{self.end}")
        return self

    @classmethod
    def at(cls, article: Article, start: int, end: int, trigger: tuple[int, int] | None = None) -> Source:
        return cls.model_validate(
            {"article": article.id, "start": start, "end": end, "quote": article.text[start:end], "url": article.url,
             "trigger_start": trigger[0] if trigger else None, "trigger_end": trigger[1] if trigger else None},
            context={"texts": {article.id: article.text}},
        )


class ArticleInfo(BaseModel):
    """What a timeline says about an article it was built from (no body text)."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    title: str = ""
    url: str | None = None
    source: str | None = Field(None, description="publisher or outlet, e.g. Reuters")
    published: DateOrTime | None = Field(None, description="publication date: the document creation time (DCT)")


class Article(ArticleInfo):
    """An input document: its metadata and its text exactly as read."""

    text: str
    origin: str | None = Field(None, description="where it was read from (file path, URL, feed item)")

    def info(self) -> ArticleInfo:
        return ArticleInfo(id=self.id, title=self.title, url=self.url, source=self.source, published=self.published)


MAX_TITLE = 90


class Event(BaseModel):
    """A happening on the timeline, dated as precisely as the text allows, with its provenance."""

    model_config = _FROZEN

    id: str = Field(min_length=1, description="stable across runs: derived from the first source's article and span")
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    when: When
    quote: str = Field(min_length=1, description="the first source's exact text")
    sources: Annotated[list[Source], Field(min_length=1)]
    actors: list[str] = Field(default_factory=list)
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    date_text: str | None = Field(None, description="the temporal expression the date came from, as written")
    kind: str | None = Field(None, description="statement, meeting, attack, decision, ...")
    event_class: str | None = Field(None, description="TimeML class of the trigger: OCCURRENCE, REPORTING, STATE, "
                                    "I_ACTION, I_STATE, ASPECTUAL or PERCEPTION")
    salience: float = Field(0.5, ge=0.0, le=1.0, description="how much the event matters to the story (sources, "
                            "date specificity, happening vs report vs state), 0-1")
    source_count: int = Field(1, ge=1, description="number of distinct articles that report the event")
    minor: bool = Field(False, description="a state or weak event: kept in the JSON, left out of the HTML and ICS by default")
    key: bool = Field(False, description="one of the key events the summary timeline selects")

    @model_validator(mode="before")
    @classmethod
    def _count_sources(cls, data: Any) -> Any:
        if isinstance(data, dict) and "source_count" not in data and data.get("sources"):
            data = {**data, "source_count": len({(s["article"] if isinstance(s, dict) else s.article) for s in data["sources"]})}
        return data

    @model_validator(mode="after")
    def _quote_is_first_source(self) -> Event:
        if self.quote != self.sources[0].quote:
            raise ValueError("quote must be the first source's text")
        if self.source_count != len({s.article for s in self.sources}):
            raise ValueError(f"source_count {self.source_count} is not the number of articles in sources")
        return self


def event_sort_key(event: Event) -> tuple[Any, ...]:
    """Time order: start (undated last), then finer precision first, then source order."""
    src = event.sources[0]
    return sort_key(event.when, src.article, src.start, event.id)


def sort_key(when: When, article: str, start: int, event_id: str) -> tuple[Any, ...]:
    """``event_sort_key`` of an event dated ``when``, first reported at ``article[start:]``."""
    first = when.start
    day = _date_part(first) if first is not None else dt.date.max
    moment = first.time().isoformat() if isinstance(first, dt.datetime) else ""
    rank = -(when.precision.rank if when.precision else -1)
    return (day, moment, rank, article, start, event_id)


class Timeline(BaseModel):
    """The product: events in time order, with the articles they came from."""

    model_config = _FROZEN

    schema_version: Literal["2.0"] = SCHEMA_VERSION
    title: str = "Timeline"
    articles: list[ArticleInfo] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Timeline:
        known = {a.id for a in self.articles}
        ids: set[str] = set()
        for ev in self.events:
            if ev.id in ids:
                raise ValueError(f"duplicate event id {ev.id}")
            ids.add(ev.id)
            for s in ev.sources:
                if s.article not in known:
                    raise ValueError(f"event {ev.id} cites unknown article {s.article!r}")
        keys = [event_sort_key(e) for e in self.events]
        if keys != sorted(keys):
            raise ValueError("events are not in time order (use event_sort_key)")
        return self


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of timeline.json (Draft 2020-12)."""
    schema = Timeline.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://news-timeline.invalid/schema/timeline-{SCHEMA_VERSION}.json",
        **schema,
    }
