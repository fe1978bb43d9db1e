"""Options shared by the checking commands, as the contract names them.

The Typer declarations live here once; ``commands.common.checking_command`` adds
them to every checking command, so each command spells out only its own options.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from emailsec_check.net.settings import DEFAULT_DEADLINE, DEFAULT_TIMEOUT

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "OutputFormat",
]


class OutputFormat(str, Enum):
    """Report formats (``--format``)."""

    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    PROMETHEUS = "prometheus"
    MARKDOWN = "markdown"
    NAGIOS = "nagios"


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, metavar="FORMAT", help="Report format."),
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        metavar="PATH",
        help="Write the report to this file (atomically) instead of standard output ('-': stdout).",
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Count a hint like a fail for the exit code.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Show only results that are not a pass.")
]
SelectOption = Annotated[
    Optional[list[str]],
    typer.Option("--select", metavar="ID", help="Only checks whose ID starts so (repeatable)."),
]
IgnoreOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--ignore", metavar="ID", help="Leave out checks whose ID starts so (repeatable)."
    ),
]
FailOnSkipOption = Annotated[
    bool,
    typer.Option(
        "--fail-on-skip",
        help="Exit 1 when nothing could be checked (every result a skip, or none).",
    ),
]
AllOption = Annotated[
    bool,
    typer.Option(
        "--all",
        help=(
            "List every result in text, Markdown and Nagios output (by default a check's "
            "passes above 50 become a count, and more than 20 alike findings the first 10 "
            "and a count)."
        ),
    ),
]
StateOption = Annotated[
    Optional[Path],
    typer.Option(
        "--state",
        dir_okay=False,
        metavar="FILE",
        help=(
            "Remember this run's results in FILE and report what changed since the last run "
            "(new, worse, better, resolved). Created when missing."
        ),
    ),
]
ChangesOnlyOption = Annotated[
    bool,
    typer.Option(
        "--changes-only",
        help=(
            "With --state: print nothing at all when nothing changed since the last run "
            "(cron then mails only on change); the exit status still follows the results."
        ),
    ),
]
PrometheusSubjectsOption = Annotated[
    bool,
    typer.Option(
        "--prometheus-subjects",
        help=(
            "--format prometheus: also write one series per result, labelled with its "
            "subject (email addresses: personal data, and many series)."
        ),
    ),
]
ColorOption = Annotated[
    Optional[bool],
    typer.Option(
        "--color/--no-color",
        help="Colour the text report (default: on a terminal, unless NO_COLOR is set).",
        show_default=False,
    ),
]
ProfilesDirOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--profiles-dir",
        metavar="DIR",
        help=(
            "Extra profile folder (repeatable; also EMAILSEC_CHECK_PROFILES). A profile there "
            "replaces a bundled one with the same id."
        ),
    ),
]
NameserverOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--nameserver",
        metavar="HOST[:PORT]",
        help="Ask this DNS server instead of the system's resolver (repeatable; tried in turn).",
    ),
]
TimeoutOption = Annotated[
    Optional[float],
    typer.Option(
        "--timeout",
        min=0.1,
        max=600.0,
        metavar="SECONDS",
        help=f"Bound for one whole look-up or request (default {DEFAULT_TIMEOUT:g}).",
        show_default=False,
    ),
]
DeadlineOption = Annotated[
    Optional[float],
    typer.Option(
        "--deadline",
        min=0.1,
        max=3600.0,
        metavar="SECONDS",
        help=(
            f"Bound for the whole command (default {DEFAULT_DEADLINE:g}); what has not finished "
            "by then is reported as skip."
        ),
        show_default=False,
    ),
]
CaBundleOption = Annotated[
    Optional[str],
    typer.Option(
        "--ca-bundle",
        metavar="PATH",
        help=(
            "Also trust the CA certificates in this PEM file (a TLS-inspecting proxy's CA); "
            "default: SSL_CERT_FILE."
        ),
    ),
]
ProxyOption = Annotated[
    Optional[str],
    typer.Option(
        "--proxy",
        metavar="URL",
        help=(
            "HTTP proxy for every page (http://[USER:PASS@]HOST:PORT; 'none' goes direct); "
            "default: HTTPS_PROXY / HTTP_PROXY, with NO_PROXY."
        ),
    ),
]
RetriesOption = Annotated[
    Optional[int],
    typer.Option(
        "--retries",
        min=0,
        max=10,
        metavar="N",
        help="Try a failed page again up to N times within --timeout (honours Retry-After).",
    ),
]
