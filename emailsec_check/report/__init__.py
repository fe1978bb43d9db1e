"""Report formats. Each turns a ``Report`` into text, in chunks, and never prints.

Chunks (rather than one string) let a report of a million identity results be
written to a file without holding all of it twice in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from emailsec_check.model import Report, assert_never
from emailsec_check.options import OutputFormat


@dataclass(frozen=True)
class RenderOptions:
    """How to render: decided by the CLI from flags and the terminal."""

    strict: bool = False
    color: bool = False
    unicode: bool = True
    quiet: bool = False
    #: Text and Markdown fold a check's passes into one count above this many.
    fold_passes_over: int = 50


def render(report: Report, fmt: OutputFormat, options: RenderOptions) -> Iterator[str]:
    """The report in ``fmt``, as chunks of text."""
    if fmt is OutputFormat.TEXT:
        from emailsec_check.report import text

        return text.render(report, options)
    if fmt is OutputFormat.JSON:
        from emailsec_check.report import json_format

        return json_format.render(report, options)
    if fmt is OutputFormat.JUNIT:
        from emailsec_check.report import junit

        return junit.render(report, options)
    if fmt is OutputFormat.PROMETHEUS:
        from emailsec_check.report import prometheus

        return prometheus.render(report, options)
    if fmt is OutputFormat.MARKDOWN:
        from emailsec_check.report import markdown

        return markdown.render(report, options)
    assert_never(fmt)  # a new format is a type error here


def render_text(report: Report, fmt: OutputFormat, options: RenderOptions) -> str:
    """The whole report as one string (tests, small reports)."""
    return "".join(render(report, fmt, options))
