"""JUnit XML as GitLab, Jenkins and GitHub test reporters read it.

A ``<testsuite>`` per area and a ``<testcase>`` per result: ``<failure>`` for a
fail (and for a hint under ``--strict``), ``<skipped>`` for a skip; a config block's
name goes into ``classname``. Text from user files or vendors' answers may hold
characters XML forbids, or bidi controls that make one name read as another: they are
shown as escapes (``rules.text.visible``), never emitted.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator

from emailsec_check import TOOL_NAME
from emailsec_check.model import Area, Report, Result, Status, counts_as_problem
from emailsec_check.report import RenderOptions
from emailsec_check.rules.text import visible

__all__ = ["escape", "render"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# Our own escaping: xml.sax.saxutils pulls in urllib.request and http.client (~50 ms).
_MARKUP = re.compile(r"[&<>]")
_ATTR_MARKUP = re.compile('[&<>"\n\r\t]')


#: Test cases joined into one chunk.
_BATCH = 1000


def _clean(text: str) -> str:
    """Every line made :func:`visible` (control and bidi characters, lone surrogates and
    whatever else XML 1.0 forbids shown as escapes); line breaks kept."""
    if text.isprintable():
        return text
    shown = "\n".join(visible(line) for line in text.replace("\r\n", "\n").split("\n"))
    return _NOT_XML.sub("\ufffd", shown)  # nothing left to replace: a safety net


def escape(text: str) -> str:
    """Element text: ``&``, ``<`` and ``>`` escaped."""
    if _MARKUP.search(text) is None:  # the usual case, and much cheaper than replacing
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(text: str) -> str:
    """Element text, made visible and escaped."""
    return escape(_clean(text))


def _attr(text: str) -> str:
    """A double-quoted attribute value; line breaks kept as character references."""
    text = _clean(text)
    if _ATTR_MARKUP.search(text) is not None:
        text = (
            text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
            .replace("\n", "&#10;")
            .replace("\r", "&#13;")
            .replace("\t", "&#9;")
        )
    return f'"{text}"'


def _hostname() -> str:
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().nodename)
    import socket  # pragma: no cover - Windows has no os.uname

    return socket.gethostname()  # pragma: no cover


def _timestamp(epoch: float) -> str:
    # No zone suffix: the Ant/Jenkins schema's timestamp pattern has none; it is UTC.
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch))


def _testcase(result: Result, problems: frozenset[Status]) -> str:
    name = _attr(visible(f"{result.id} {result.subject}"))
    group = f"{result.group}." if result.group else ""
    classname = _attr(visible(f"{TOOL_NAME}.{group}{result.area.value}.{result.id}"))
    head = f'    <testcase classname={classname} name={name} time="0">'
    if result.status in problems:
        body = (
            f"<failure type={_attr(result.status.value)} message={_attr(result.message)}>"
            f"{_text(result.hint or '')}</failure>"
        )
    elif result.status is Status.SKIP:
        body = f"<skipped message={_attr(result.message)}/>"
    else:
        text = result.message + (f"\nHint: {result.hint}" if result.hint else "")
        body = f"<system-out>{_text(text)}</system-out>"
    return f"{head}\n      {body}\n    </testcase>\n"


def _tally(report: Report, problems: frozenset[Status]) -> dict[Area, list[int]]:
    """Per area, in order of first appearance: [tests, failures, skipped]."""
    tally: dict[Area, list[int]] = {}
    for result in report.results:
        counts = tally.get(result.area)
        if counts is None:
            counts = tally[result.area] = [0, 0, 0]
        counts[0] += 1
        if result.status in problems:
            counts[1] += 1
        elif result.status is Status.SKIP:
            counts[2] += 1
    return tally


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    """Streamed: one pass counts, then a pass per area writes its cases (no copy held)."""
    problems = frozenset(s for s in Status if counts_as_problem(s, strict=options.strict))
    tally = _tally(report, problems)
    total = len(report.results)
    failures_total = sum(counts[1] for counts in tally.values())
    skips = sum(counts[2] for counts in tally.values())
    stamp = _timestamp(report.started)
    host = _attr(_hostname() or "localhost")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<testsuites name="{TOOL_NAME}" tests="{total}" failures="{failures_total}" errors="0" '
        f'skipped="{skips}" time="{report.duration:.3f}">\n'
    )
    whole = len(tally) == 1
    for number, (area, (tests, failures, skipped)) in enumerate(tally.items()):
        yield (
            f'  <testsuite id="{number}" name="{area.value}" package="{TOOL_NAME}" '
            f'tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}" '
            f'time="{report.duration:.3f}" timestamp="{stamp}" hostname={host}>\n'
        )
        batch: list[str] = []
        for result in report.results:
            if whole or result.area is area:
                batch.append(_testcase(result, problems))
                if len(batch) >= _BATCH:
                    yield "".join(batch)
                    batch.clear()
        if batch:
            yield "".join(batch)
        yield "  </testsuite>\n"
    yield "</testsuites>\n"
