"""A Markdown summary, fit for a CI job summary: a table per section.

GitHub caps a job summary at 1 MiB, so rows fold as in the text format (a check's
passes into one count, more than 20 alike findings into the first 10 and a count).
Cells are one line, with Markdown's and HTML's special characters escaped and a
leading ``=``/``+``/``-``/``@`` neutralised (the report may be pasted into a sheet).
"""

from __future__ import annotations

from collections.abc import Iterator

from emailsec_check import TOOL_NAME
from emailsec_check.model import Change, Report, Status
from emailsec_check.report import RenderOptions
from emailsec_check.report.cells import formula_safe
from emailsec_check.report.common import (
    MARKS_UNICODE,
    Folded,
    explain_target,
    fix_text,
    plain_message,
    section_title,
    shown_sections,
    verdict,
)
from emailsec_check.rules.text import one_line

__all__ = ["cell", "render"]

_LABELS = {Status.PASS: "pass", Status.HINT: "hint", Status.FAIL: "**fail**", Status.SKIP: "skip"}
_HEAD = "| Status | Check | Subject | Result | How to fix |\n|---|---|---|---|---|\n"


def cell(text: str) -> str:
    """One table cell: no line breaks or pipes; a leading = + - @ cannot become a formula."""
    flat = formula_safe(one_line(text)).replace("\\", "\\\\").replace("|", "\\|")
    for char in "<>*_`[]":
        flat = flat.replace(char, "\\" + char)
    return flat


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    counts = report.summary()
    yield f"## {TOOL_NAME}: {verdict(report, options)}\n\n"
    yield " · ".join(f"{MARKS_UNICODE[s]} {counts[s.value]} {s.value}" for s in Status) + "\n"
    for section, section_rows in shown_sections(report, options):
        yield f"\n### {cell(section_title(section))}\n\n" + _HEAD
        for row in section_rows:
            if isinstance(row, Folded):
                yield _folded(row)
                continue
            result = row.result
            label = f"{MARKS_UNICODE[result.status]} {_LABELS[result.status]}"
            message = plain_message(result)
            if row.change is not None and row.change is not Change.SAME:
                message = f"{message} ({row.change.value})"
            fix = (
                fix_text(result.message, result.hint) if result.status is not Status.PASS else None
            )
            yield (
                f"| {label} | {result.check.id} | {cell(result.subject)} | {cell(message)} "
                f"| {cell(fix or '')} |\n"
            )
    if report.resolved:
        yield "\n### Resolved since the last run\n\n| Check | Subject | Group | Was |\n"
        yield "|---|---|---|---|\n"
        for gone in report.resolved:
            yield (
                f"| {gone.id} | {cell(gone.subject)} | {cell(gone.group or '')} "
                f"| {gone.previous.value} |\n"
            )
    target = explain_target(report)
    if target is not None:
        yield f"\nWhat {target} means and how to fix it: `{TOOL_NAME} explain {target}`\n"


def _folded(row: Folded) -> str:
    if row.status is Status.PASS:
        return (
            f"| {MARKS_UNICODE[Status.PASS]} pass | {row.check.id} | {row.more:,} subjects "
            f"| {cell(row.check.title)} |  |\n"
        )
    label = f"{MARKS_UNICODE[row.status]} {_LABELS[row.status]}"
    return (
        f"| {label} | {row.check.id} | {row.more:,} more | like the {row.listed} above "
        "(--all lists every one; --format json has every result) |  |\n"
    )
