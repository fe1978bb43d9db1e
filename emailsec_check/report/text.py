"""Text for people, doctor style: a mark per result, the hint indented under it,
one summary line. Colour only when the CLI says so (a terminal, no ``NO_COLOR``)."""

from __future__ import annotations

from collections.abc import Iterator

from emailsec_check.model import Report, Status
from emailsec_check.report import RenderOptions
from emailsec_check.report.common import MARKS_ASCII, MARKS_UNICODE, FoldedPasses, rows
from emailsec_check.rules.text import visible

_COLOURS = {Status.PASS: "32", Status.HINT: "33", Status.FAIL: "31", Status.SKIP: "36"}


def _paint(text: str, code: str, options: RenderOptions) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if options.color else text


def _lines(text: str) -> list[str]:
    """The lines of a message or hint, each made visible (only \\n breaks a line)."""
    return [visible(line) for line in text.replace("\r\n", "\n").split("\n")]


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in _lines(text))


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    marks = MARKS_UNICODE if options.unicode else MARKS_ASCII
    arrow = "→" if options.unicode else "->"
    for row in rows(report, fold_over=options.fold_passes_over, quiet=options.quiet):
        if isinstance(row, FoldedPasses):
            mark = _paint(f"[{marks[Status.PASS]}]", _COLOURS[Status.PASS], options)
            yield (
                f"{mark} {row.check.id} {row.check.title}: {row.count:,} passed "
                "(listed in --format json)\n"
            )
            continue
        mark = _paint(f"[{marks[row.status]}]", _COLOURS[row.status], options)
        first, *more = _lines(row.message)
        yield f"{mark} {row.id} {visible(row.subject)}: {first}\n"
        for line in more:
            yield f"    {line}\n"
        if row.hint:
            yield _indent(f"{arrow} {row.hint}", "    ") + "\n"
    counts = report.summary()
    parts = []
    for status in Status:
        part = f"{counts[status.value]} {status.value}"
        parts.append(_paint(part, _COLOURS[status], options) if counts[status.value] else part)
    verdict = "problems found" if report.exit_code(strict=options.strict) else "no problems"
    if not report.results:
        verdict = "nothing was checked"
    yield f"\n{', '.join(parts)} ({verdict}, {report.duration:.1f}s)\n"
