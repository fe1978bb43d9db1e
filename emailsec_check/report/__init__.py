"""Report formats. Each turns a ``Report`` into text, in chunks, and never prints.

Chunks (rather than one string) let a report of a million identity results be
written to a file without holding all of it twice in memory.
"""

import importlib
from collections.abc import Iterator
from typing import NamedTuple

from emailsec_check.model import Report
from emailsec_check.options import OutputFormat

__all__ = ["RenderOptions", "render", "render_text"]


class RenderOptions(NamedTuple):
    """How to render: decided by the CLI from flags and the terminal."""

    strict: bool = False
    color: bool = False
    unicode: bool = True
    quiet: bool = False
    #: ``--fail-on-skip``: a run that decided nothing exits 1 (the exit code some formats show).
    fail_on_skip: bool = False
    #: ``--all``: no folding; every result on its own line.
    show_all: bool = False
    #: ``--prometheus-subjects``: a series per result, labelled with its subject.
    prometheus_subjects: bool = False
    #: Columns the text report is wrapped to.
    width: int = 100
    #: Text and Markdown fold a check's passes into one count above this many.
    fold_passes_over: int = 50
    #: ... and more than this many alike findings (one check, one status) into the first
    #: ``fold_keep`` and a count line.
    fold_alike_over: int = 20
    fold_keep: int = 10


#: Each format's module (imported on first use, so start-up stays light).
_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TEXT: "text",
    OutputFormat.JSON: "json_format",
    OutputFormat.JUNIT: "junit",
    OutputFormat.PROMETHEUS: "prometheus",
    OutputFormat.MARKDOWN: "markdown",
    OutputFormat.NAGIOS: "nagios",
}


def render(report: Report, fmt: OutputFormat, options: RenderOptions) -> Iterator[str]:
    """The report in ``fmt``, as chunks of text."""
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    chunks: Iterator[str] = module.render(report, options)
    return chunks


def render_text(report: Report, fmt: OutputFormat, options: RenderOptions) -> str:
    """The whole report as one string (tests, small reports)."""
    return "".join(render(report, fmt, options))
