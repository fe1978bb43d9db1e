"""Text for people, doctor style, streamed line by line.

A heading per section (config block, area); a mark per result with its fix indented
under it, said once (a run of results of one check with the same fix gets it once, after
the run); passes without notes; lines wrapped to the terminal's width; then what was
resolved since the last run (``--state``), one summary line, and a pointer to
``emailsec-check explain`` for the first failing check. Colour only when the CLI says so.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Optional

from emailsec_check import TOOL_NAME
from emailsec_check.model import Change, Report, Result, Status
from emailsec_check.report import RenderOptions
from emailsec_check.report.common import (
    MARKS_ASCII,
    MARKS_UNICODE,
    Folded,
    Row,
    explain_target,
    fix_text,
    plain_message,
    section_title,
    shown_sections,
    verdict,
)
from emailsec_check.rules.text import one_line, visible

__all__ = ["render"]

_COLOURS = {Status.PASS: "32", Status.HINT: "33", Status.FAIL: "31", Status.SKIP: "36"}
_BOLD = "1"
#: Where a result's continuation lines and its fix start.
_INDENT = "    "


class _Writer:
    """Wraps, marks and paints lines for one report."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.marks = MARKS_UNICODE if options.unicode else MARKS_ASCII
        self.arrow = "→" if options.unicode else "->"
        self.width = max(options.width, 20)

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.options.color else text

    def wrap(self, line: str, indent: str) -> list[str]:
        """``line`` wrapped to the width (a URL is never broken); lines after the first
        start with ``indent``."""
        if len(line) <= self.width:
            return [line]
        return textwrap.wrap(
            line,
            width=self.width,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]

    def marked(self, status: Status, text: str) -> str:
        """``[mark] text``, wrapped, the mark painted in the status's colour."""
        mark = f"[{self.marks[status]}]"
        lines = self.wrap(f"{mark} {text}", _INDENT)
        lines[0] = self.paint(mark, _COLOURS[status]) + lines[0][len(mark) :]
        return "\n".join(lines) + "\n"

    def indented(self, text: str, lead: str = "") -> str:
        """A block under a result: every line indented, wrapped, the first led by ``lead``."""
        out: list[str] = []
        for number, line in enumerate(_lines(text)):
            first = f"{_INDENT}{lead}{line}" if number == 0 else f"{_INDENT}{' ' * len(lead)}{line}"
            out.extend(self.wrap(first, _INDENT + " " * len(lead)))
        return "\n".join(out) + "\n"

    def result(self, result: Result, change: Optional[Change]) -> str:
        message_lines = _lines(plain_message(result))
        tag = f" [{change.value}]" if change is not None and change is not Change.SAME else ""
        head = f"{result.check.id} {visible(result.subject)}: {message_lines[0]}{tag}"
        text = self.marked(result.status, head)
        if result.status is Status.PASS:
            return text  # passes carry no notes
        for line in message_lines[1:]:
            text += self.indented(line)
        return text

    def fix(self, hint: str) -> str:
        return self.indented(hint, f"{self.arrow} ")

    def folded(self, row: Folded) -> str:
        if row.status is Status.PASS:
            return self.marked(
                Status.PASS,
                f"{row.check.id} {row.check.title}: {row.more:,} passed (listed in --format json)",
            )
        dots = "…" if self.options.unicode else "..."
        noun = row.status.value if row.more == 1 else f"{row.status.value}s"
        text = (
            f"{_INDENT}{dots} and {row.more:,} more {row.check.id} {noun} like these "
            "(--all lists every line; --format json has every result)"
        )
        return "\n".join(self.wrap(text, _INDENT)) + "\n"


def _lines(text: str) -> list[str]:
    """The lines of a message or hint, each made visible (only \\n breaks a line)."""
    return [visible(line) for line in text.replace("\r\n", "\n").split("\n")]


def _section(writer: _Writer, section_rows: Iterator[Row]) -> Iterator[str]:
    """A section's lines; a run of one check's results sharing a fix gets it once, after."""
    pending: Optional[tuple[str, str]] = None  # (check id, fix) not yet said
    for row in section_rows:
        if isinstance(row, Folded):
            yield writer.folded(row)
            continue
        result = row.result
        fix = fix_text(result.message, result.hint) if result.status is not Status.PASS else None
        slot = (result.check.id, fix) if fix else None
        if pending is not None and slot != pending:
            yield writer.fix(pending[1])
            pending = None
        yield writer.result(result, row.change)
        if slot is not None:
            pending = slot
    if pending is not None:
        yield writer.fix(pending[1])


def _resolved(report: Report, writer: _Writer) -> Iterator[str]:
    if not report.resolved:
        return
    yield "\n" + writer.paint("Resolved since the last run", _BOLD) + "\n"
    for gone in report.resolved:
        where = f" ({one_line(gone.group)})" if gone.group else ""
        yield writer.marked(
            Status.PASS,
            f"{gone.id} {visible(gone.subject)}{where}: was {gone.previous.value}, "
            "now passes or is no longer reported",
        )


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    writer = _Writer(options)
    for number, (section, section_rows) in enumerate(shown_sections(report, options)):
        title = one_line(section_title(section, unicode=options.unicode))
        yield ("\n" if number else "") + writer.paint(title, _BOLD) + "\n"
        yield from _section(writer, section_rows)
    yield from _resolved(report, writer)
    counts = report.summary()
    shown = []
    for status in Status:
        part = f"{counts[status.value]} {status.value}"
        shown.append(writer.paint(part, _COLOURS[status]) if counts[status.value] else part)
    yield f"\n{', '.join(shown)} ({verdict(report, options)}, {report.duration:.1f}s)\n"
    target = explain_target(report)
    if target is not None:
        yield f"What {target} means and how to fix it: {TOOL_NAME} explain {target}\n"
