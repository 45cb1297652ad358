"""Time of the events stage per 1,000 words of news, on one core, start-up excluded.

    python bench/events.py [--repeat 3] [--json bench/results/events.json] [--profile]

The articles are the document texts of the news corpora in ../shared/corpora (TBAQ: TimeBank and
AQUAINT wire stories; MEANTIME: WikiNews), with their publication dates. The temporal tagger runs first
and is not timed: the events stage is ``timeline.events.analyse(article, mentions)`` (triggers, dating,
events with titles and actors). Start-up (reading the models, the lemmatiser's tables) is excluded by
one untimed pass over the other half of the articles: the documents are split in two by position, the
first half warms the process up, the second half is timed, so no timed article's words were seen
before in the run beyond what any long run would have seen. The best of --repeat passes is reported
(CPU time, ``time.process_time``, which other processes on a shared machine disturb least).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from timeline import events, temporal  # noqa: E402
from timeline.evaluate import article_of  # noqa: E402
from timeline.evaluate.timeml import read_corpus  # noqa: E402
from timeline.nlp import words  # noqa: E402

CORPORA = ("tbaq/TimeBank", "tbaq/AQUAINT", "meantime-dev/tml")


def load() -> list:
    docs = []
    for name in CORPORA:
        folder = SHARED / "corpora" / name
        if not folder.is_dir():
            sys.exit(f"bench: {folder} not found (the shared corpora sit beside the repository)")
        docs += [article_of(d) for d in read_corpus([folder])]
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, metavar="FILE")
    ap.add_argument("--profile", action="store_true", help="print where the time goes (cProfile, one pass)")
    args = ap.parse_args(argv)
    articles = load()
    warm, timed = articles[0::2], articles[1::2]
    tagged = [(a, temporal.tag(a)) for a in articles]
    by_id = {a.id: m for a, m in tagged}
    for a in warm:
        events.analyse(a, by_id[a.id])
    n_words = sum(sum(1 for _ in words(a.text)) for a in timed)
    best = None
    n_events = 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        n_events = sum(len(events.analyse(a, by_id[a.id])[1]) for a in timed)
        spent = time.process_time() - t0
        best = spent if best is None else min(best, spent)
    assert best is not None
    ms_per_kw = 1000.0 * best / (n_words / 1000.0)
    result = {
        "articles": len(timed), "words": n_words, "words_per_article": round(n_words / len(timed)),
        "events": n_events, "cpu_seconds": round(best, 3), "ms_per_1000_words": round(ms_per_kw, 2),
        "python": platform.python_version(), "machine": platform.machine(),
    }
    print(f"events stage: {len(timed)} news articles, {n_words:,} words ({result['words_per_article']} a piece), "
          f"{n_events} events: {best:.3f} s CPU, {ms_per_kw:.2f} ms per 1,000 words (best of {args.repeat}; "
          f"start-up excluded: {len(warm)} other articles first)")
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for a in timed:
            events.analyse(a, by_id[a.id])
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
