"""Leave-one-story-out check of the summariser's one free constant, the neighbour discount ECHO.

    python bench/tls_crossval.py [CORPUS ...]       (default ../shared/corpora/t17-dev)

For each story (the topic's name before the first "_": bpoil, H1N1, MJ), ECHO is chosen on the
other stories' timelines (best mean of Date-F1 and alignment ROUGE-1 F) from a grid, and the
held-out story is scored with it. Prints the held-out scores beside those of the shipped ECHO.
"""

from __future__ import annotations

import sys

from timeline.evaluate import tls
from timeline.summarize import ECHO, summarize

GRID = (0.0, 0.15, 0.25, 0.35, 0.5, 0.65, 0.8)


def system(echo: float) -> tls.System:
    def run(digests, dates, sentences, since, until):  # type: ignore[no-untyped-def]
        return {s.date: list(s.sentences)
                for s in summarize(digests, dates=dates, sentences=sentences, since=since, until=until, echo=echo)}
    return run


def story(topic: str) -> str:
    return topic.split("_")[0]


def main(paths: list[str]) -> None:
    names = {f"echo={e}": e for e in GRID}
    report = tls.evaluate_tls(paths or ["../shared/corpora/t17-dev"], {n: system(e) for n, e in names.items()})
    stories = sorted({story(r.gold.topic) for r in report.results})

    def objective(results: list[tls.TimelineResult], name: str) -> float:
        avg = tls.average([r.scores[name] for r in results])
        return (avg["date"].f1 + avg["align_rouge1"].f1) / 2

    held_out = []
    print(f"{'held-out story':16s} {'chosen ECHO':>11s}  {'date-F1':>7s} {'al-R1':>6s} {'al-R2':>6s} {'adjacent':>8s}")
    for s in stories:
        train = [r for r in report.results if story(r.gold.topic) != s]
        test = [r for r in report.results if story(r.gold.topic) == s]
        best = max(names, key=lambda n: (objective(train, n), -names[n])) if train else f"echo={ECHO}"
        avg = tls.average([r.scores[best] for r in test])
        adj = sum(r.adjacent[best] for r in test) / len(test)
        held_out.extend((r, best) for r in test)
        print(f"{s:16s} {names[best]:11.2f}  {avg['date'].f1:7.3f} {avg['align_rouge1'].f1:6.3f} "
              f"{avg['align_rouge2'].f1:6.3f} {adj:8.0%}")
    avg = tls.average([r.scores[n] for r, n in held_out])
    adj = sum(r.adjacent[n] for r, n in held_out) / len(held_out)
    print(f"{'all, held out':16s} {'':11s}  {avg['date'].f1:7.3f} {avg['align_rouge1'].f1:6.3f} "
          f"{avg['align_rouge2'].f1:6.3f} {adj:8.0%}")
    print()
    print(f"{'ECHO on all':16s} {'':11s}  {'date-F1':>7s} {'al-R1':>6s} {'al-R2':>6s} {'adjacent':>8s}")
    adjacency = report.adjacency()
    for n, e in names.items():
        a = report.averages()[n]
        mark = "  <- shipped" if e == ECHO else ""
        print(f"{'':16s} {e:11.2f}  {a['date'].f1:7.3f} {a['align_rouge1'].f1:6.3f} {a['align_rouge2'].f1:6.3f} "
              f"{adjacency[n]:8.0%}{mark}")
    print(f"{'gold adjacent':16s} {'':11s}  {'':7s} {'':6s} {'':6s} {adjacency['gold']:8.0%}")


if __name__ == "__main__":
    main(sys.argv[1:])
