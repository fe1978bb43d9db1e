"""The contract's JSON shape, streamed: written in batches, never built whole.

Optional keys (see the contract): ``group`` on a result from a named config block,
``change`` on every result with ``--state``; top-level ``decided`` always, and
``resolved`` with ``--state``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, repeat
from json.encoder import encode_basestring_ascii as _quote
from operator import attrgetter, is_, itemgetter
from typing import Any, Optional

from emailsec_check import TOOL_NAME, __version__
from emailsec_check.model import (
    SUBJECT_EMAIL,
    Change,
    Report,
    Result,
    exit_status,
    is_decided,
    stored_data,
)
from emailsec_check.report import RenderOptions

__all__ = ["SCHEMA_VERSION", "render", "result_dict"]

SCHEMA_VERSION = 1

#: Results written at once (one chunk each).
_BATCH = 1000
#: Consecutive results alike in all but subject and data written together from this many.
_RUN = 4
# The message first: neighbours of different checks differ there already, so the
# check itself (a dataclass, slow to compare) is compared only within a run.
_SHAPE = attrgetter("message", "check", "status", "hint", "group")
_SUBJECT = attrgetter("subject")
_DATA = attrgetter("data")


def result_dict(result: Result, change: Optional[Change] = None) -> dict[str, Any]:
    """One result as the contract's object (``group``, ``change`` only when there is one)."""
    item = {
        "id": result.id,
        "area": result.area.value,
        "subject": result.subject,
        "status": result.status.value,
        "message": result.message,
        "hint": result.hint,
        "data": dict(result.data),
    }
    if result.group is not None:
        item["group"] = result.group
    if change is not None:
        item["change"] = change.value
    return item


def _tail(group: Optional[str], change: Optional[Change]) -> str:
    """What follows ``data`` in a result's object, as the encoder writes it."""
    text = "" if group is None else f', "group": {_quote(group)}'
    return text if change is None else f'{text}, "change": "{change.value}"'


# A large identity report holds a million results; the general encoder spends most
# of its time on each result's small dicts. The functions below write the same
# characters (the same key order, separators and ASCII escapes) for results whose
# data is flat (text, whole numbers, true/false, null), and give up (None) on
# anything else, which then goes the general way.


def _scalar(value: Any) -> Optional[str]:
    """A flat data value as the encoder writes it; None for anything else."""
    kind = type(value)
    if kind is str:
        return _quote(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return None


def _fast_line(
    result: Result, change: Optional[Change], heads: dict[tuple[int, int], tuple[str, str]]
) -> Optional[str]:
    """One result as the encoder below writes it (None when its data is not flat)."""
    check, status = result.check, result.status
    slot = (id(check), id(status))  # hashing the dataclass itself costs more
    head = heads.get(slot)
    if head is None:
        head = heads[slot] = (
            f'{{"id": {_quote(check.id)}, "area": {_quote(check.area.value)}, "subject": ',
            f', "status": {_quote(status.value)}, "message": ',
        )
    fields = []
    for key, value in result.data.items():
        text = _scalar(value)
        if text is None or type(key) is not str:
            return None
        fields.append(f"{_quote(key)}: {text}")
    hint = result.hint
    return (
        f"{head[0]}{_quote(result.subject)}{head[1]}{_quote(result.message)}, "
        f'"hint": {"null" if hint is None else _quote(hint)}, "data": {{{", ".join(fields)}}}'
        f"{_tail(result.group, change)}}}"
    )


def _run_lines(
    shape: tuple[Any, ...],
    run: Sequence[Result],
    changes: Optional[Sequence[Change]],
    texts: dict[tuple[int, ...], tuple[str, str]],
) -> Optional[list[str]]:
    """Results alike in check, status, message and hint, as ``_fast_line`` writes them.

    Only subjects and data values differ, so the rest is encoded once per run and
    the lines are put together without a Python step per result. None unless every
    data has the same keys in the same order, with flat values.
    """
    subjects = list(map(_SUBJECT, run))
    columns = _data_columns(run, subjects)
    if columns is None:
        return None
    message, check, status, hint, group = shape
    slot = (id(check), id(status), id(message), id(hint))  # all alive while rendering
    constant = texts.get(slot)
    if constant is None:
        hint_text = "null" if hint is None else _quote(hint)
        constant = texts[slot] = (
            f'{{"id": {_quote(check.id)}, "area": {_quote(check.area.value)}, "subject": ',
            (
                f', "status": {_quote(status.value)}, "message": {_quote(message)}, '
                f'"hint": {hint_text}, "data": {{'
            ),
        )
    head, text = constant
    try:
        quoted = list(map(_quote, subjects))
        parts: list[Iterable[str]] = [repeat(head), quoted]
        for key, values in columns.items():
            parts.append(repeat(f"{text}{_quote(key)}: "))
            column = _column(values, subjects, quoted)
            if column is None:
                return None
            parts.append(column)
            text = ", "
    except TypeError:  # a subject or key that is not text
        return None
    closing = "}" if columns else f"{text}}}"
    if changes is None:
        parts.append(repeat(f"{closing}{_tail(group, None)}}}"))
    else:
        parts.append(repeat(closing))
        parts.append([f"{_tail(group, change)}}}" for change in changes])
    return list(map("".join, zip(*parts)))


def _data_columns(run: Sequence[Result], subjects: list[str]) -> Optional[dict[str, list[Any]]]:
    """Each data key's values over ``run``; None unless every result's data has the same
    keys in the same order."""
    datas = list(map(stored_data, run))
    if all(map(is_, datas, repeat(SUBJECT_EMAIL))):  # the common identity pass
        return {"email": subjects}
    if any(map(is_, datas, repeat(SUBJECT_EMAIL))):
        datas = list(map(_DATA, run))
    keys = tuple(datas[0])
    if set(map(len, datas)) != {len(keys)} or (len(keys) > 1 and set(map(tuple, datas)) != {keys}):
        return None
    try:
        return {key: list(map(itemgetter(key), datas)) for key in keys}
    except KeyError:  # data that is odd
        return None


def _column(values: list[Any], subjects: list[str], quoted: list[str]) -> Optional[list[str]]:
    """One data key's values as the encoder writes them; None if one is not flat."""
    if all(map(is_, values, subjects)):  # the subjects themselves (an email, as a rule)
        return quoted
    try:
        return list(map(_quote, values))
    except TypeError:  # not all of them text
        scalars = list(map(_scalar, values))
        return None if None in scalars else scalars  # type: ignore[return-value]


def _batch_lines(
    results: Sequence[Result],
    changes: Optional[Sequence[Change]],
    encoder: json.JSONEncoder,
    heads: dict[tuple[int, int], tuple[str, str]],
    texts: dict[tuple[int, ...], tuple[str, str]],
) -> list[str]:
    """Each of ``results`` as a line.

    Results alike in check, status, message, hint and group are written together, also
    when others come between them (an identity report has a pass for each login and a
    finding now and then); each line is then put back in its place.
    """
    alike: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[Result], list[slice]]] = {}
    start = 0
    for shape, consecutive in groupby(results, _SHAPE):
        run = list(consecutive)
        end = start + len(run)
        message, check, status, hint, group = shape
        slot = (id(message), id(check), id(status), id(hint), group)  # all alive while rendering
        known = alike.get(slot)
        if known is None:
            alike[slot] = (shape, run, [slice(start, end)])
        else:
            known[1].extend(run)
            known[2].append(slice(start, end))
        start = end
    lines = [""] * len(results)
    for shape, members, places in alike.values():
        member_changes = None if changes is None else [c for at in places for c in changes[at]]
        made = _run_lines(shape, members, member_changes, texts) if len(members) >= _RUN else None
        if made is None:
            made = [
                _fast_line(result, change, heads) or encoder.encode(result_dict(result, change))
                for result, change in zip(members, member_changes or repeat(None))
            ]
        taken = 0
        for at in places:
            lines[at] = made[taken : taken + at.stop - at.start]
            taken += at.stop - at.start
    return lines


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    summary = report.summary()
    head: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "summary": summary,
        "decided": is_decided(summary),
        "started": round(report.started, 3),
        "duration": round(report.duration, 3),
        "strict": options.strict,
        "exit_code": int(
            exit_status(summary, strict=options.strict, fail_on_skip=options.fail_on_skip)
        ),
    }
    if report.resolved is not None:
        head["resolved"] = [
            {"id": r.id, "subject": r.subject, "group": r.group, "previous": r.previous.value}
            for r in report.resolved
        ]
    # ASCII only: valid JSON on any console encoding, and a lone surrogate (bytes
    # in argv that were not UTF-8) becomes an escape instead of an encoding error.
    encoder = json.JSONEncoder(ensure_ascii=True, indent=None, default=str)
    opening = json.dumps(head, ensure_ascii=True, indent=2, default=str)
    yield opening[: opening.rfind("}")].rstrip() + ',\n  "results": ['
    heads: dict[tuple[int, int], tuple[str, str]] = {}
    texts: dict[tuple[int, ...], tuple[str, str]] = {}
    results, changes = report.results, report.changes
    for start in range(0, len(results), _BATCH):  # written in batches, not a million pieces
        end = start + _BATCH
        batch = None if changes is None else changes[start:end]
        lines = _batch_lines(results[start:end], batch, encoder, heads, texts)
        yield ("\n    " if start == 0 else ",\n    ") + ",\n    ".join(lines)
    yield "\n  ]\n}\n" if results else "]\n}\n"
