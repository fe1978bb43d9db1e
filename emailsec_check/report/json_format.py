"""The contract's JSON shape, streamed one result at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring_ascii as _quote
from typing import Any, Optional

from emailsec_check import TOOL_NAME, __version__
from emailsec_check.model import Report, Result
from emailsec_check.report import RenderOptions

SCHEMA_VERSION = 1


def result_dict(result: Result) -> dict[str, Any]:
    return {
        "id": result.id,
        "area": result.area.value,
        "subject": result.subject,
        "status": result.status.value,
        "message": result.message,
        "hint": result.hint,
        "data": dict(result.data),
    }


def _fast_line(result: Result, heads: dict[tuple[int, int], tuple[str, str]]) -> Optional[str]:
    """``result`` as the encoder below writes it, for flat data of text, numbers and null.

    A large identity report holds a million results; the general encoder spends
    most of its time on each result's small dicts. This writes the same characters
    (the same key order, separators and ASCII escapes) and returns None for
    anything else, which then goes the general way.
    """
    check, status = result.check, result.status
    slot = (id(check), id(status))  # identities: hashing the dataclass itself costs more
    head = heads.get(slot)
    if head is None:
        head = heads[slot] = (
            f'{{"id": {_quote(check.id)}, "area": {_quote(check.area.value)}, "subject": ',
            f', "status": {_quote(status.value)}, "message": ',
        )
    fields = []
    for key, value in result.data.items():
        kind = type(value)
        if kind is str:
            text = _quote(value)
        elif value is None:
            text = "null"
        elif kind is bool:
            text = "true" if value else "false"
        elif kind is int:
            text = int.__repr__(value)
        else:
            return None
        if type(key) is not str:
            return None
        fields.append(f"{_quote(key)}: {text}")
    hint = result.hint
    return (
        f"{head[0]}{_quote(result.subject)}{head[1]}{_quote(result.message)}, "
        f'"hint": {"null" if hint is None else _quote(hint)}, "data": {{{", ".join(fields)}}}}}'
    )


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    head = {
        "schema": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "summary": report.summary(),
        "started": round(report.started, 3),
        "duration": round(report.duration, 3),
        "strict": options.strict,
        "exit_code": int(report.exit_code(strict=options.strict)),
    }
    # ASCII only: valid JSON on any console encoding, and a lone surrogate (bytes
    # in argv that were not UTF-8) becomes an escape instead of an encoding error.
    encoder = json.JSONEncoder(ensure_ascii=True, indent=None, default=str)
    opening = json.dumps(head, ensure_ascii=False, indent=2)
    yield opening[: opening.rfind("}")].rstrip() + ',\n  "results": ['
    heads: dict[tuple[int, int], tuple[str, str]] = {}
    lines: list[str] = []
    first = True
    for result in report.results:
        line = _fast_line(result, heads)
        lines.append(line if line is not None else encoder.encode(result_dict(result)))
        if len(lines) == 1000:  # written in batches, not a million small pieces
            yield ("\n    " if first else ",\n    ") + ",\n    ".join(lines)
            first = False
            lines.clear()
    if lines:
        yield ("\n    " if first else ",\n    ") + ",\n    ".join(lines)
    yield "\n  ]\n}\n" if report.results else "]\n}\n"
