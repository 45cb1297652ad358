"""`python -m timeline.evaluate GOLD... [--events] [--errors N] [--include GLOB] [--json]`.

The same as `timeline eval`, usable while the CLI is being wired and from scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from timeline.errors import TimelineError
from timeline.evaluate import evaluate_events, evaluate_timex


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m timeline.evaluate", description=__doc__)
    ap.add_argument("gold", nargs="+", type=Path, help="TimeML files/folders, or MEANTIME CAT files/folders with --events")
    ap.add_argument("--events", action="store_true", help="score events against MEANTIME CAT anchors")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N errors of each kind")
    ap.add_argument("--include", action="append", metavar="GLOB", help="only documents whose name matches")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    try:
        run = evaluate_events if args.events else evaluate_timex
        report = run(args.gold, include=args.include)
    except TimelineError as exc:
        print(f"timeline eval: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        if args.errors:
            sys.stderr.write(report.errors(args.errors))
    else:
        sys.stdout.write(report.render(errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
