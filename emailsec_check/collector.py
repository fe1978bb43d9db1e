"""The one place the tool sets CPython's cyclic garbage collector, for the whole process.

A large identity export leaves a million results (and their data) alive until the report
is written. With CPython's default first-generation threshold (a collection every 700 new
container objects), the collector walks that growing heap thousands of times in one run,
about a fifth of the run's CPU time, looking for reference cycles our results never form.
The command line raises the threshold once, as its module loads, before Typer and pydantic
are imported (their start-up makes most of a small run's objects, and the default
threshold walked them again and again: about 8 M instructions of a 790 M start-up).
Collections still happen (every ``YOUNG_THRESHOLD`` new objects), just not so often that
they dominate a large run. No check, reader or formatter switches the collector off or on.
"""

from __future__ import annotations

import gc

__all__ = ["YOUNG_THRESHOLD", "tune_collector"]

#: New container objects between two first-generation collections (CPython's default: 700).
YOUNG_THRESHOLD = 100_000


def tune_collector() -> None:
    """Raise the first-generation threshold to ``YOUNG_THRESHOLD`` (never lower it)."""
    young, middle, old = gc.get_threshold()
    if young and young < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, middle, old)
