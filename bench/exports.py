"""Time the exporters on a large timeline: N events (default 100,000) from N/20 articles.

    python bench/exports.py [--events 100000] [--formats ics,json] [--json FILE]

The timeline is made here, deterministically: events of one to three sources each, with day, time,
week, month, year, approximate and open dates, titles and quotes of news-like text with non-ASCII
characters, commas and semicolons (what the ICS writer must escape and fold). Each format is
rendered once (``timeline.export.render``, no disk) and timed in CPU seconds; the ICS writer is
also timed against icalendar's own objects on the first --compare events, for the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.export import ExportOptions, render  # noqa: E402
from timeline.export import ics  # noqa: E402
from timeline.models import Article, Event, Modifier, Precision, Source, Timeline, When, event_sort_key  # noqa: E402

WORDS = ("council approved budget; storm closed roads, ports and schools — Zürich court ruled on appeal, "
         "shares fell 3% after the forecast; the minister said talks would resume").split()


def _when(rng: random.Random, base: dt.date) -> When:
    d = base + dt.timedelta(days=rng.randrange(0, 900))
    kind = rng.randrange(7)
    if kind == 0:
        t = dt.datetime(d.year, d.month, d.day, rng.randrange(24), rng.randrange(60), tzinfo=dt.UTC)
        return When(value=f"{t:%Y-%m-%dT%H:%M}", type="TIME", start=t, end=t, precision=Precision.MINUTE)
    if kind == 1:
        first = d - dt.timedelta(days=d.weekday())
        return When(value=f"{first:%G-W%V}", start=first, end=first + dt.timedelta(days=6), precision=Precision.WEEK)
    if kind == 2:
        last = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return When(value=f"{d:%Y-%m}", start=d.replace(day=1), end=last, precision=Precision.MONTH)
    if kind == 3:
        return When(value=str(d.year), start=dt.date(d.year, 1, 1), end=dt.date(d.year, 12, 31), precision=Precision.YEAR)
    if kind == 4:
        return When(value="PAST_REF", start=d - dt.timedelta(days=30), end=d, modifier=Modifier.APPROX)
    if kind == 5:
        return When(value="FUTURE_REF", start=d, modifier=Modifier.AFTER)
    return When(value=d.isoformat(), start=d, end=d, precision=Precision.DAY)


def timeline(n: int, seed: int = 1) -> Timeline:
    rng = random.Random(seed)
    base = dt.date(2023, 1, 1)
    articles = []
    for i in range(max(1, n // 20)):
        text = " ".join(rng.choice(WORDS) for _ in range(400))
        articles.append(Article(id=f"a{i:06d}", title=" ".join(rng.sample(WORDS, 6)), text=text,
                                url=f"https://news.example/{i}", source=f"Outlet {i % 40}",
                                published=base + dt.timedelta(days=rng.randrange(900))))
    events = []
    for i in range(n):
        sources = []
        for art in rng.sample(articles, rng.choice([1, 1, 1, 2, 3])):
            start = rng.randrange(0, len(art.text) - 300)
            sources.append(Source.at(art, start, start + rng.randrange(60, 300), ))
        events.append(Event(id=f"ev-{i:07d}", title=" ".join(rng.sample(WORDS, 8))[:90], when=_when(rng, base),
                            quote=sources[0].quote, sources=sources, actors=rng.sample(["Acme", "the Fed", "WHO"], 1),
                            kind=rng.choice([None, "decision", "statement"]), date_text=rng.choice([None, "on Monday"])))
    events.sort(key=event_sort_key)
    return Timeline(title=f"{n} events", articles=[a.info() for a in articles], events=events)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--formats", default="ics,json")
    p.add_argument("--compare", type=int, default=2000, help="events for the icalendar comparison (0: none)")
    p.add_argument("--json", type=Path, metavar="FILE")
    args = p.parse_args(argv)
    t = time.process_time()
    tl = timeline(args.events)
    results: dict = {"events": args.events, "articles": len(tl.articles), "make_s": round(time.process_time() - t, 2)}
    print(f"timeline: {args.events:,} events from {len(tl.articles):,} articles (made in {results['make_s']} s)")
    for fmt in args.formats.split(","):
        t = time.process_time()
        files = render(tl, fmt, ExportOptions())
        took = time.process_time() - t
        size = sum(len(b) for b in files.values())
        results[fmt] = {"cpu_s": round(took, 2), "mb": round(size / 1e6, 1)}
        print(f"  {fmt}: {took:.2f} s CPU, {size / 1e6:.1f} MB")
    if args.compare:
        small = tl.model_copy(update={"events": tl.events[: args.compare]})
        t = time.process_time()
        ics.render(small, ExportOptions())
        ours = time.process_time() - t
        t = time.process_time()
        ics.calendar(small, ExportOptions()).to_ical()
        theirs = time.process_time() - t
        results["ics_vs_icalendar"] = {"events": args.compare, "ours_s": round(ours, 3), "icalendar_s": round(theirs, 3),
                                       "ratio": round(theirs / ours, 1)}
        print(f"  ics on {args.compare:,} events: {ours:.2f} s, icalendar objects {theirs:.2f} s ({theirs / ours:.0f}x)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
