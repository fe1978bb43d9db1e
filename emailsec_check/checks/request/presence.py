"""Whether a field is there at all: missing or empty (RQ001), given twice differently (RQ011).

:func:`pick` settles a field from the entries that name it: either the one entry whose
value the field's check should look at, or a finding that decides the field already.
"""

from __future__ import annotations

from typing import Optional

from emailsec_check.catalogue import request as rq
from emailsec_check.model import Status
from emailsec_check.profiles import RequestField
from emailsec_check.sources.request.document import Entry

from .findings import FieldKind, Finding, fix, shown

__all__ = ["pick"]


def _absent(item: RequestField) -> Finding:
    if not item.required:
        return Finding(rq.FILLED, Status.PASS, "not given (optional)")
    return Finding(
        rq.FILLED,
        Status.FAIL,
        "missing",
        fix(f"Add the field ('{item.label}: ...') and fill it in.", item),
    )


def _empty(item: RequestField) -> Finding:
    if not item.required:
        return Finding(rq.FILLED, Status.PASS, "left empty (optional)")
    return Finding(rq.FILLED, Status.FAIL, "is empty", fix("Fill it in after the label.", item))


def _twice(item: RequestField, filled: list[Entry]) -> Finding:
    where = ", ".join(
        shown(entry.label, 30) + (f" (line {entry.line})" if entry.line else "") for entry in filled
    )
    return Finding(
        rq.DUPLICATE,
        Status.FAIL,
        f"given {len(filled)} times with different values: {where}",
        fix("Keep one of them, or join them into one value.", item),
    )


def pick(
    item: RequestField, entries: tuple[Entry, ...]
) -> tuple[Optional[Entry], Optional[Finding]]:
    """The entry to check, or a finding that settles the field already (missing, empty, twice)."""
    if not entries:
        return None, _absent(item)
    wrong = next((entry for entry in entries if entry.value is None), None)
    if wrong is not None:
        return wrong, Finding(
            rq.FILLED,
            Status.FAIL,
            f"is {wrong.problem}",
            fix("Give the value as one piece of text (in quotes in TOML and JSON).", item),
        )
    filled = [entry for entry in entries if entry.value and entry.value.strip()]
    if not filled:
        return entries[0], _empty(item)
    distinct = list(dict.fromkeys((entry.value or "").strip() for entry in filled))
    if len(distinct) == 1:
        return filled[0], None
    if item.kind == FieldKind.DATETIME.value and len(distinct) == 2:
        # "Date: 2026-11-20" and "Time: 14:05 UTC" are one date and time.
        label = " + ".join(entry.label for entry in filled)
        return Entry(label, " ".join(distinct), filled[0].line), None
    return filled[0], _twice(item, filled)
