"""JUnit XML as GitLab, Jenkins and GitHub test reporters read it.

A ``<testsuite>`` per area and a ``<testcase>`` per result: ``<failure>`` for a
fail (and for a hint under ``--strict``), ``<skipped>`` for a skip. Text from
user files may hold characters XML forbids; they are replaced, never emitted.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator

from emailsec_check import TOOL_NAME
from emailsec_check.model import Area, Report, Result, Status, counts_as_problem
from emailsec_check.report import RenderOptions

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# Our own escaping: xml.sax.saxutils pulls in urllib.request and http.client (~50 ms).
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def escape(text: str) -> str:
    """Element text: ``&``, ``<`` and ``>`` escaped."""
    return text.translate(_TEXT_ESCAPES)


def _attr(text: str) -> str:
    """A double-quoted attribute value; line breaks and tabs kept as character references."""
    return '"' + _clean(text).translate(_ATTR_ESCAPES) + '"'


def _hostname() -> str:
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().nodename)
    import socket  # pragma: no cover - Windows has no os.uname

    return socket.gethostname()  # pragma: no cover


def _timestamp(epoch: float) -> str:
    # No zone suffix: the Ant/Jenkins schema's timestamp pattern has none; it is UTC.
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch))


def _testcase(result: Result, options: RenderOptions) -> str:
    name = _attr(f"{result.id} {result.subject}")
    classname = _attr(f"{TOOL_NAME}.{result.area.value}.{result.id}")
    head = f'    <testcase classname={classname} name={name} time="0">'
    body = ""
    if counts_as_problem(result.status, strict=options.strict):
        body = (
            f"<failure type={_attr(result.status.value)} message={_attr(result.message)}>"
            f"{escape(_clean(result.hint or ''))}</failure>"
        )
    elif result.status is Status.SKIP:
        body = f"<skipped message={_attr(result.message)}/>"
    else:
        text = result.message + (f"\nHint: {result.hint}" if result.hint else "")
        body = f"<system-out>{escape(_clean(text))}</system-out>"
    return f"{head}\n      {body}\n    </testcase>\n"


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    by_area: dict[Area, list[Result]] = {}
    for result in report.results:
        by_area.setdefault(result.area, []).append(result)
    total = len(report.results)
    problems = sum(counts_as_problem(r.status, strict=options.strict) for r in report.results)
    skips = sum(r.status is Status.SKIP for r in report.results)
    stamp = _timestamp(report.started)
    host = _attr(_hostname() or "localhost")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<testsuites name="{TOOL_NAME}" tests="{total}" failures="{problems}" errors="0" '
        f'skipped="{skips}" time="{report.duration:.3f}">\n'
    )
    for number, (area, results) in enumerate(by_area.items()):
        failures = sum(counts_as_problem(r.status, strict=options.strict) for r in results)
        skipped = sum(r.status is Status.SKIP for r in results)
        yield (
            f'  <testsuite id="{number}" name="{area.value}" package="{TOOL_NAME}" '
            f'tests="{len(results)}" failures="{failures}" errors="0" skipped="{skipped}" '
            f'time="{report.duration:.3f}" timestamp="{stamp}" hostname={host}>\n'
        )
        for result in results:
            yield _testcase(result, options)
        yield "  </testsuite>\n"
    yield "</testsuites>\n"
