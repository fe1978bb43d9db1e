"""What every checking command does at the end: render, write, exit."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from emailsec_check.model import Report
from emailsec_check.options import OutputFormat

if TYPE_CHECKING:
    from emailsec_check.profiles import ProfileSet


def use_color(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    out = sys.stdout if stream is None else stream
    if os.environ.get("NO_COLOR", "") != "":
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def can_encode(text: str, stream: object = None) -> bool:
    """Whether the output stream takes these characters (a C locale may not)."""
    out = sys.stdout if stream is None else stream
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def profiles(profiles_dir: Sequence[str] | None) -> ProfileSet:
    """The bundled profiles plus the user's folders (loaded here, not at start-up)."""
    from emailsec_check.profiles import load_profiles

    return load_profiles(list(profiles_dir or ()))


def emit(
    report: Report,
    *,
    fmt: OutputFormat,
    output: Path | None,
    strict: bool,
    quiet: bool = False,
) -> NoReturn:
    """Render ``report`` to ``output`` (atomically) or stdout, then exit by the contract."""
    from emailsec_check.output import write_atomic, write_stream
    from emailsec_check.report import RenderOptions, render

    report.finish()
    to_terminal = output is None
    options = RenderOptions(
        strict=strict,
        quiet=quiet,
        color=to_terminal and fmt is OutputFormat.TEXT and use_color(),
        unicode=(not to_terminal) or can_encode("✓✗–→"),
    )
    chunks = render(report, fmt, options)
    if output is not None:
        write_atomic(output, chunks)
    else:
        write_stream(chunks)
    raise typer.Exit(int(report.exit_code(strict=strict)))
