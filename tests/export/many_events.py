"""A synthetic timeline of many events (for the page's speed test and the bench): our own sentences
across kinds of news, spread over three years, from several outlets, with key, faint and minor events."""

from __future__ import annotations

import datetime as dt
import random

from timeline.models import (
    Article,
    Event,
    Precision,
    Source,
    Timeline,
    When,
    event_sort_key,
)

OUTLETS = ("Harbor Gazette", "Metro Wire", "Valley Post", "Coastal Times", "Capital Ledger", "Northern Star")
ACTORS = ("city council", "central bank", "river authority", "football club", "supreme court", "health ministry",
          "orchestra", "mining company", "election board", "space agency", "teachers union", "port operator")
DEEDS = (("approves", "decision"), ("opens", "action"), ("rejects", "decision"), ("announces", "statement"),
         ("signs", "agreement"), ("postpones", "decision"), ("wins", "result"), ("warns about", "statement"),
         ("investigates", "action"), ("launches", "action"))
THINGS = ("the new budget", "a flood barrier", "the transfer window", "the appeal", "a vaccine campaign",
          "the autumn season", "a copper mine", "the recount", "a lunar probe", "the wage deal", "a container terminal",
          "interest rates")


def make_many_timeline(n: int, seed: int = 7) -> Timeline:
    rng = random.Random(seed)
    first = dt.date(2022, 1, 1)
    per_article = 10
    articles: list[Article] = []
    events: list[Event] = []
    for a in range((n + per_article - 1) // per_article):
        published = first + dt.timedelta(days=rng.randrange(3 * 365))
        lines, whens, meta = [], [], []
        for _ in range(min(per_article, n - a * per_article)):
            actor, (verb, kind), thing = rng.choice(ACTORS), rng.choice(DEEDS), rng.choice(THINGS)
            lines.append(f"The {actor} {verb} {thing}.")
            roll = rng.random()
            day = published - dt.timedelta(days=rng.randrange(20))
            if roll < 0.75:
                when = When(value=day.isoformat(), start=day, end=day, precision=Precision.DAY)
            else:
                end = day + dt.timedelta(days=rng.randrange(10, 120))
                when = When(value=f"{day:%Y-%m}", start=day, end=end, precision=Precision.MONTH)
            whens.append(when)
            meta.append((actor, kind, rng.random()))
        text = " ".join(lines)
        art = Article(id=f"syn{a:05d}", title=f"Report {a}", text=text, published=published,
                      source=OUTLETS[a % len(OUTLETS)], url=f"https://news.example/syn/{a}")
        articles.append(art)
        offset = 0
        for line, when, (actor, kind, r) in zip(lines, whens, meta, strict=True):
            src = Source(article=art.id, start=offset, end=offset + len(line), quote=line, url=art.url)
            offset += len(line) + 1
            events.append(Event(id=f"ev-{art.id}-{src.start}", title=line.rstrip("."), when=when, quote=line,
                                sources=[src], actors=[actor], kind=kind, confidence=0.3 if r < 0.15 else 0.6,
                                salience=round(r, 3), key=r > 0.995))
    events.sort(key=event_sort_key)
    return Timeline(title=f"{n} synthetic events", articles=[a.info() for a in articles], events=events)
