"""A Markdown summary table, fit for a CI job summary (GitHub's is capped at 1 MiB,
so passes fold into a count per check as in the text format)."""

from __future__ import annotations

from collections.abc import Iterator

from emailsec_check import TOOL_NAME
from emailsec_check.model import Report, Status
from emailsec_check.report import RenderOptions
from emailsec_check.report.common import MARKS_UNICODE, FoldedPasses, rows
from emailsec_check.rules.text import visible

_LABELS = {Status.PASS: "pass", Status.HINT: "hint", Status.FAIL: "**fail**", Status.SKIP: "skip"}


def cell(text: str) -> str:
    """One table cell: no line breaks or pipes; a leading = + - @ cannot become a formula."""
    flat = visible(" ".join(text.split())).replace("\\", "\\\\").replace("|", "\\|")
    for char in "<>*_`[]":
        flat = flat.replace(char, "\\" + char)
    if flat[:1] in ("=", "+", "-", "@"):
        flat = "'" + flat
    return flat


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    counts = report.summary()
    verdict = "problems found" if report.exit_code(strict=options.strict) else "no problems"
    yield f"## {TOOL_NAME}: {verdict}\n\n"
    yield " · ".join(f"{MARKS_UNICODE[s]} {counts[s.value]} {s.value}" for s in Status) + "\n\n"
    yield "| Status | Check | Subject | Result | How to fix |\n"
    yield "|---|---|---|---|---|\n"
    for row in rows(report, fold_over=options.fold_passes_over, quiet=options.quiet):
        if isinstance(row, FoldedPasses):
            yield (
                f"| {MARKS_UNICODE[Status.PASS]} pass | {row.check.id} | {row.count:,} subjects "
                f"| {cell(row.check.title)} |  |\n"
            )
            continue
        label = f"{MARKS_UNICODE[row.status]} {_LABELS[row.status]}"
        yield (
            f"| {label} | {row.id} | {cell(row.subject)} | {cell(row.message)} "
            f"| {cell(row.hint or '')} |\n"
        )
