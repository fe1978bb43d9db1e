"""Report formats. Each turns a ``Report`` into text, in chunks, and never prints.

Chunks (rather than one string) let a report of a million identity results be
written to a file without holding all of it twice in memory.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Final

from emailsec_check.model import Report
from emailsec_check.options import OutputFormat
from emailsec_check.record import Record

__all__ = ["RenderOptions", "render", "render_text"]


class RenderOptions(Record):
    """How to render: decided by the CLI from flags and the terminal."""

    __slots__ = (
        "strict",
        "color",
        "unicode",
        "quiet",
        "fail_on_skip",
        "show_all",
        "prometheus_subjects",
        "width",
        "fold_passes_over",
        "fold_alike_over",
        "fold_keep",
    )

    strict: Final[bool]
    color: Final[bool]
    unicode: Final[bool]
    quiet: Final[bool]
    #: ``--fail-on-skip``: a run that decided nothing exits 1 (the exit code some formats show).
    fail_on_skip: Final[bool]
    #: ``--all``: no folding; every result on its own line.
    show_all: Final[bool]
    #: ``--prometheus-subjects``: a series per result, labelled with its subject.
    prometheus_subjects: Final[bool]
    #: Columns the text report is wrapped to.
    width: Final[int]
    #: Text and Markdown fold a check's passes into one count above this many.
    fold_passes_over: Final[int]
    #: ... and more than this many alike findings (one check, one status) into the first
    #: ``fold_keep`` and a count line.
    fold_alike_over: Final[int]
    fold_keep: Final[int]

    def __init__(
        self,
        strict: bool = False,
        color: bool = False,
        unicode: bool = True,
        quiet: bool = False,
        fail_on_skip: bool = False,
        show_all: bool = False,
        prometheus_subjects: bool = False,
        width: int = 100,
        fold_passes_over: int = 50,
        fold_alike_over: int = 20,
        fold_keep: int = 10,
    ) -> None:
        self.strict = strict
        self.color = color
        self.unicode = unicode
        self.quiet = quiet
        self.fail_on_skip = fail_on_skip
        self.show_all = show_all
        self.prometheus_subjects = prometheus_subjects
        self.width = width
        self.fold_passes_over = fold_passes_over
        self.fold_alike_over = fold_alike_over
        self.fold_keep = fold_keep


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
