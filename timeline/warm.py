"""Imported once by the process pool's fork server (``executors._PRELOAD``), before it forks workers.

The per-article stage loads its tables on first use (the tagger's sub-grammars, the lemmatiser's
tables, the events models: about 90 MB and 5 s of CPU). Run here once, on a short article of our own,
they are loaded before the workers fork and every worker shares those pages (copy on write) instead
of loading its own copy; ``gc.freeze`` keeps the workers' collector from touching, and so copying,
them. A failure here only loses the sharing: each worker then loads what it needs itself.
"""

from __future__ import annotations

import gc

WARM_TEXT = (
    "The city council approved the new budget on Monday, two weeks after the mayor vetoed it. "
    "Shares of the airline fell 4% on Tuesday morning; the company will report its third-quarter "
    "results on 12 November. Last year the storm destroyed the harbour, and rebuilding is expected "
    "to take until 2027, officials said in a statement."
)


def warm() -> bool:
    """Run the per-article stage once; True when it ran."""
    try:
        from timeline import ingest, pipeline

        pipeline.process(ingest.read_text(WARM_TEXT, id="warm-up", published="2025-03-05"))
    except Exception:  # noqa: BLE001 (see the module doc: the workers load what they need themselves)
        return False
    finally:
        gc.collect()
        gc.freeze()
    return True


WARMED = warm()
