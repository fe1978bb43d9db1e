"""Helpers shared by the formats: folding passes, ordering, marks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Union

from emailsec_check.model import CheckInfo, Report, Result, Status

MARKS_UNICODE = {Status.PASS: "✓", Status.HINT: "!", Status.FAIL: "✗", Status.SKIP: "–"}
MARKS_ASCII = {Status.PASS: "+", Status.HINT: "!", Status.FAIL: "x", Status.SKIP: "-"}


@dataclass(frozen=True)
class FoldedPasses:
    """Stands for many ``pass`` results of one check in human formats."""

    check: CheckInfo
    count: int


Row = Union[Result, FoldedPasses]


def rows(report: Report, *, fold_over: int, quiet: bool) -> Iterator[Row]:
    """Results in report order; a check's passes become one row above ``fold_over``.

    With ``quiet`` passes are left out entirely (the summary still counts them).
    """
    pass_counts: dict[str, int] = {}
    for result in report.results:
        if result.status is Status.PASS:
            pass_counts[result.id] = pass_counts.get(result.id, 0) + 1
    folded = {check_id for check_id, count in pass_counts.items() if count > fold_over}
    shown: set[str] = set()
    for result in report.results:
        if result.status is Status.PASS:
            if quiet:
                continue
            if result.id in folded:
                if result.id not in shown:
                    shown.add(result.id)
                    yield FoldedPasses(result.check, pass_counts[result.id])
                continue
        yield result


def summary_line(report: Report) -> str:
    counts = report.summary()
    parts = ", ".join(f"{counts[status.value]} {status.value}" for status in Status)
    return f"{len(report.results)} checked: {parts}"
