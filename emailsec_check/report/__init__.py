"""Report formats. Each turns a ``Report`` into text, in chunks, and never prints.

Chunks (rather than one string) let a report of a million identity results be
written to a file without holding all of it twice in memory.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass

from emailsec_check.model import Report
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


#: Each format's module (imported on first use, so start-up stays light).
_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TEXT: "text",
    OutputFormat.JSON: "json_format",
    OutputFormat.JUNIT: "junit",
    OutputFormat.PROMETHEUS: "prometheus",
    OutputFormat.MARKDOWN: "markdown",
}


def render(report: Report, fmt: OutputFormat, options: RenderOptions) -> Iterator[str]:
    """The report in ``fmt``, as chunks of text."""
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    chunks: Iterator[str] = module.render(report, options)
    return chunks


def render_text(report: Report, fmt: OutputFormat, options: RenderOptions) -> str:
    """The whole report as one string (tests, small reports)."""
    return "".join(render(report, fmt, options))
