"""Writing requests: the plain form ``--render`` prints, and the blank ``--template``."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from emailsec_check.profiles import RequestKind
from emailsec_check.sources.request.document import KIND_KEY, Stray

__all__ = ["plain_line", "plain_lines", "template_text"]


def plain_line(label: str, value: str) -> str:
    """One field in the plain form; further lines of the value indented so they read back.

    An empty label stands for text that belonged to no field: it is written as it was.
    """
    if not label:
        return value
    first, *rest = value.split("\n")
    lines = [f"{label}: {first}".rstrip()]
    lines.extend(f"  {line}" if line.strip() else "" for line in rest)
    return "\n".join(lines)


def plain_lines(stray: Sequence[Stray]) -> list[str]:
    """Lines that belong to no field as they stood, a blank line where the file had a gap."""
    lines: list[str] = []
    previous = None
    for item in stray:
        if previous is not None and item.line > previous + 1:
            lines.append("")
        lines.append(item.text)
        previous = item.line
    return lines


def _comment(text: str, indent: str = "# ") -> list[str]:
    return textwrap.wrap(text, width=76, initial_indent="# ", subsequent_indent=indent)


def template_text(kind: RequestKind) -> str:
    """A blank request of this kind in the plain form, with the profile's advice as notes."""
    lines = _comment(f"{kind.name} (kind {kind.id}).")
    if kind.where:
        lines += _comment(f"Open it in: {kind.where}.")
    if kind.severity is not None and "severity" not in kind.where.casefold():
        lines += _comment(f"Severity: {kind.severity}.")
    if kind.follow_up_hours:
        lines += _comment(
            f"Follow up when no confirmation arrives within {kind.follow_up_hours} hours."
        )
    for advice in kind.advice:
        lines += _comment(f"- {advice}", indent="#   ")
    lines += ["#"]
    lines += _comment(
        "Write each value after its colon. A value may go on over the next lines when they "
        "are indented. Lines starting with # are notes and are not sent."
    )
    lines += _comment(
        "Check it with: emailsec-check request FILE (add --render for the text to paste)."
    )
    lines += [f"{KIND_KEY}: {kind.id}", ""]
    for item in kind.fields:
        note = item.advice + ("" if item.required else " (optional)")
        lines += _comment(note.strip()) if note.strip() else []
        lines += [f"{item.label}:", ""]
    return "\n".join(lines)
