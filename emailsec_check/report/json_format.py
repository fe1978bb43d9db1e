"""The contract's JSON shape, streamed one result at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

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
    first = True
    for result in report.results:
        yield ("\n    " if first else ",\n    ") + encoder.encode(result_dict(result))
        first = False
    yield ("\n  ]\n}\n" if not first else "]\n}\n")
