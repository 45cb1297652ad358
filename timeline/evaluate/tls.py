"""Timeline summarisation scores, the way the field computes them (tilse; Martschat & Markert 2017, 2018).

For each gold timeline the system gets the articles of its topic, the number of dates L, the
sentences per date K (the gold's mean, rounded) and the gold's first and last date, and returns a
timeline: dates with sentences. Scores per timeline, then averaged over timelines as news-tls does
(precision and recall averaged, F1 of the averages):

- Date-F1: the selected dates against the gold dates, exact days;
- ROUGE-1/2 "concat": all sentences of the timeline against all of the gold's;
- ROUGE-1/2 "align" (tilse's ``align_date_content_costs_many_to_one``, "align+ m:1"): each system
  date is paired with the gold date of least cost (1 - 1/(days apart + 1)) x (1 - approximate
  ROUGE-1 F of the two summaries); its hits count 1/(days apart + 1). Precision pairs every system
  date, recall every gold date (the same costs seen from the gold side);
- adjacent-day share: of the consecutive selected dates, how many are one day apart (redundancy:
  date-wise systems put 62% there against 45% in journalists' timelines).

N-gram counts come from ``rouge.py`` (ROUGE-1.5.5 with stemming and stopword removal).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.errors import InputError
from timeline.evaluate import rouge
from timeline.models import Article
from timeline.summarize import Digest, digest, summarize
from timeline.temporal import tag

Summary = Mapping[dt.date, Sequence[str]]  # date -> sentences


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def date_prf(system: Summary, gold: Summary) -> PRF:
    shared = len(set(system) & set(gold))
    return PRF(_ratio(shared, len(system)), _ratio(shared, len(gold)))


def concat_prf(system: Summary, gold: Summary, n: int) -> PRF:
    hits, made, wanted = rouge.counts([s for d in sorted(system) for s in system[d]],
                                      [s for d in sorted(gold) for s in gold[d]], n)
    return PRF(_ratio(hits, made), _ratio(hits, wanted))


def _approx_rouge1(a: Sequence[str], b: Sequence[str]) -> float:
    """tilse's cheap ROUGE-1 F used only to choose the alignment: white-space tokens, no stemming."""
    ca = Counter(t for s in a for t in s.split())
    cb = Counter(t for s in b for t in s.split())
    match = sum((ca & cb).values())
    return PRF(_ratio(match, sum(ca.values())), _ratio(match, sum(cb.values()))).f1


def _closeness(a: dt.date, b: dt.date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _partner(day: dt.date, text: Sequence[str], other: Summary) -> dt.date:
    """The date of ``other`` with the least date-and-content cost (the first on ties, as argmin)."""
    def cost(o: dt.date) -> float:
        return (1 - _closeness(day, o)) * (1 - _approx_rouge1(text, other[o]))  # the F1 is symmetric

    return min(sorted(other), key=cost)


def align_prf(system: Summary, gold: Summary, n: int) -> PRF:
    """tilse's align+ m:1 ROUGE-N: hits weighted by date closeness, micro-averaged over dates."""
    if not system or not gold:
        return PRF(0.0, 0.0)
    p_num = p_den = r_num = r_den = 0.0
    for day in sorted(system):
        ref = _partner(day, system[day], gold)
        hits, made, _ = rouge.counts(system[day], gold[ref], n)
        p_num += _closeness(day, ref) * hits
        p_den += made
    for day in sorted(gold):
        got = _partner(day, gold[day], system)
        hits, _, wanted = rouge.counts(system[got], gold[day], n)
        r_num += _closeness(day, got) * hits
        r_den += wanted
    return PRF(_ratio(p_num, p_den), _ratio(r_num, r_den))


def adjacent_share(dates: Sequence[dt.date]) -> float:
    """Share of consecutive dates (in order) that are one day apart."""
    days = sorted(dates)
    pairs = list(itertools.pairwise(days))
    return _ratio(sum((b - a).days == 1 for a, b in pairs), len(pairs))


MEASURES = ("date", "concat_rouge1", "concat_rouge2", "align_rouge1", "align_rouge2")


def score(system: Summary, gold: Summary) -> dict[str, PRF]:
    """Every measure for one system timeline against one gold timeline."""
    return {
        "date": date_prf(system, gold),
        "concat_rouge1": concat_prf(system, gold, 1),
        "concat_rouge2": concat_prf(system, gold, 2),
        "align_rouge1": align_prf(system, gold, 1),
        "align_rouge2": align_prf(system, gold, 2),
    }


def average(scores: Sequence[Mapping[str, PRF]]) -> dict[str, PRF]:
    """news-tls's average: precision and recall averaged over timelines, F1 of the averages."""
    n = len(scores)
    return {m: PRF(sum(s[m].precision for s in scores) / n, sum(s[m].recall for s in scores) / n)
            for m in MEASURES} if n else {}


# --- the Timeline17 / Crisis layout and the protocol -------------------------------------------


@dataclass(frozen=True)
class GoldTimeline:
    """One journalists' timeline and the topic whose articles a system summarises for it."""

    topic: str
    name: str
    dates: dict[dt.date, tuple[str, ...]]

    @property
    def first(self) -> dt.date:
        return min(self.dates)

    @property
    def last(self) -> dt.date:
        return max(self.dates)

    @property
    def sentences_per_date(self) -> int:
        """K: the gold's mean sentences per date, rounded (news-tls)."""
        return max(1, round(sum(map(len, self.dates.values())) / len(self.dates)))


def _corpus_root(path: Path) -> Path:
    for p in (path, path.parent, path.parent.parent):
        if (p / "articles").is_dir() and (p / "timelines").is_dir():
            return p
    raise InputError(str(path), "not a Timeline17-style corpus (a folder with articles/ and timelines/)")


def read_gold(paths: Sequence[Path]) -> list[tuple[Path, GoldTimeline]]:
    """(corpus root, gold timeline) for each timeline in ``paths``: corpus folders, their
    ``timelines/`` folder, or ``<topic>__*.jsonl`` files (one timeline per line: [[date, [sentence, ...]], ...]).
    Two entries for one date are one date with the sentences of both."""
    out = []
    for path in paths:
        root = _corpus_root(path)
        files = [path] if path.is_file() else sorted((root / "timelines").glob("*.jsonl"))
        for f in files:
            topic = f.name.split("__")[0]
            for number, line in enumerate(f.read_text("utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    dates: dict[dt.date, tuple[str, ...]] = {}
                    for day, sents in json.loads(line):
                        d = dt.date.fromisoformat(str(day)[:10])
                        dates[d] = dates.get(d, ()) + tuple(" ".join(s.split()) for s in sents if s.strip())
                except (ValueError, TypeError) as exc:
                    raise InputError(f"{f}:{number}", f"not a timeline ([[date, [sentence, ...]], ...]): {exc}") from None
                if dates:
                    out.append((root, GoldTimeline(topic, f"{f.stem}#{number}", dates)))
    return out


def read_topic(root: Path, topic: str, problems: list[str]) -> list[Article]:
    """The articles of a topic: ``articles/<topic>__<date>__<id>.txt``, dated by ``dct.json`` (else the name)."""
    dct_file = root / "dct.json"
    dct = json.loads(dct_file.read_text("utf-8")) if dct_file.exists() else {}
    articles = []
    for f in sorted((root / "articles").glob(f"{topic}__*.txt")):
        text = f.read_text("utf-8")
        if not text.strip():
            problems.append(f"{f}: empty article (no text)")
            continue
        day = dct.get(f.name) or f.name.split("__")[1]
        articles.append(Article(id=f.stem, title=text.strip().splitlines()[0][:120], text=text,
                                published=dt.date.fromisoformat(day), origin=str(f)))
    return articles


def baseline(digests: Sequence[Digest], dates: int, sentences: int, since: dt.date, until: dt.date) -> dict[dt.date, list[str]]:
    """Most-mentioned days (sentences naming them), each told by the first K sentences naming it."""
    named: Counter[dt.date] = Counter()
    first: dict[dt.date, list[str]] = {}
    for dg in digests:
        for c in dg.candidates:
            for d in c.days:
                if since <= d <= until:
                    named[d] += 1
                    if len(first.setdefault(d, [])) < sentences and c.text not in first[d]:
                        first[d].append(c.text)
    top = sorted(named, key=lambda d: (-named[d], d))[:dates]
    return {d: first[d] for d in sorted(top)}


System = Callable[[Sequence[Digest], int, int, dt.date, dt.date], dict[dt.date, list[str]]]


def ours(digests: Sequence[Digest], dates: int, sentences: int, since: dt.date, until: dt.date) -> dict[dt.date, list[str]]:
    return {s.date: list(s.sentences) for s in summarize(digests, dates=dates, sentences=sentences, since=since, until=until)}


@dataclass
class TimelineResult:
    gold: GoldTimeline
    articles: int
    scores: dict[str, dict[str, PRF]]  # system name -> measure -> PRF
    adjacent: dict[str, float]  # system name (and "gold") -> adjacent-day share


@dataclass
class TlsReport:
    results: list[TimelineResult]
    systems: tuple[str, ...]
    problems: list[str]
    seconds: float

    def averages(self) -> dict[str, dict[str, PRF]]:
        return {s: average([r.scores[s] for r in self.results]) for s in self.systems}

    def adjacency(self) -> dict[str, float]:
        n = len(self.results) or 1
        return {k: sum(r.adjacent[k] for r in self.results) / n for k in ("gold", *self.systems)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "timelines": [{"timeline": r.gold.name, "topic": r.gold.topic, "articles": r.articles,
                           "dates": len(r.gold.dates), "sentences_per_date": r.gold.sentences_per_date,
                           "scores": {s: {m: p.to_dict() for m, p in r.scores[s].items()} for s in self.systems},
                           "adjacent_days": {k: round(v, 4) for k, v in r.adjacent.items()}}
                          for r in self.results],
            "average": {s: {m: p.to_dict() for m, p in v.items()} for s, v in self.averages().items()},
            "adjacent_days": {k: round(v, 4) for k, v in self.adjacency().items()},
            "problems": self.problems,
        }

    def render(self) -> str:
        head = f"{'timeline':34s} {'L':>4s} {'K':>2s}  " + "  ".join(f"{SHORT[m]:>7s}" for m in MEASURES) + "  adjacent"
        lines = [(f"Timeline summarisation: {len(self.results)} timeline(s), F1 per measure "
                  "(ROUGE-1.5.5 -m -s counts; align = tilse's align+ m:1)"), "", head]
        for r in self.results:
            for s in self.systems:
                label = r.gold.name if s == self.systems[0] else f"  {s}"
                lines.append(f"{label[:34]:34s} {len(r.gold.dates):4d} {r.gold.sentences_per_date:2d}  "
                             + "  ".join(f"{r.scores[s][m].f1:7.3f}" for m in MEASURES) + f"  {r.adjacent[s]:8.0%}")
        lines.append("")
        adj = self.adjacency()
        for s, avg in self.averages().items():
            lines.append(f"{'average: ' + s:34s} {'':4s} {'':2s}  " + "  ".join(f"{avg[m].f1:7.3f}" for m in MEASURES)
                         + f"  {adj[s]:8.0%}")
        lines.append(f"{'journalists (gold)':34s} {'':4s} {'':2s}  " + "  ".join(f"{'':7s}" for _ in MEASURES)
                     + f"  {adj['gold']:8.0%}")
        lines += ["", ("Averages as news-tls: precision and recall averaged over timelines, F1 of the averages. "
                       "adjacent = share of consecutive dates one day apart."),
                  f"{len(self.problems)} input problem(s); {self.seconds:.1f} s."]
        return "\n".join(lines) + "\n"


SHORT = {"date": "date-F1", "concat_rouge1": "cat-R1", "concat_rouge2": "cat-R2", "align_rouge1": "al-R1",
         "align_rouge2": "al-R2"}


def evaluate_tls(paths: Sequence[Path | str], systems: Mapping[str, System] | None = None,
                 on_topic: Callable[[str, int], None] | None = None) -> TlsReport:
    """Run each system (default: ours and the baseline) on every gold timeline under ``paths``."""
    started = time.perf_counter()
    run = dict(systems or {"ours": ours, "baseline": baseline})
    gold = read_gold([Path(p) for p in paths])
    if not gold:
        raise InputError(", ".join(map(str, paths)), "no gold timelines (timelines/*.jsonl)")
    problems: list[str] = []
    digests: dict[tuple[Path, str], list[Digest]] = {}
    results = []
    for root, g in gold:
        if (root, g.topic) not in digests:
            arts = read_topic(root, g.topic, problems)
            digests[(root, g.topic)] = [digest(a, tag(a)) for a in arts]
            if on_topic:
                on_topic(g.topic, len(arts))
        # the protocol: the articles published within the gold's span, L, K, the first and last date
        inside = [d for d in digests[(root, g.topic)] if d.published and g.first <= d.published <= g.last]
        L, K = len(g.dates), g.sentences_per_date
        made = {name: system(inside, L, K, g.first, g.last) for name, system in run.items()}
        results.append(TimelineResult(
            g, len(inside), {name: score(tl, g.dates) for name, tl in made.items()},
            {"gold": adjacent_share(list(g.dates)), **{name: adjacent_share(list(tl)) for name, tl in made.items()}}))
    return TlsReport(results, tuple(run), problems, time.perf_counter() - started)
