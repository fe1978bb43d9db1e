"""Options shared by the checking commands, as the contract names them."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class OutputFormat(str, Enum):
    """Report formats (``--format``)."""

    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    PROMETHEUS = "prometheus"
    MARKDOWN = "markdown"


DEFAULT_TIMEOUT = 10.0

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Report format."),
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        help="Write the report to this file (atomically) instead of standard output.",
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Count a hint like a fail for the exit code.")
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
        help="Ask this DNS server instead of the system's resolver (repeatable).",
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.1,
        max=600.0,
        metavar="SECONDS",
        help="Bound for one whole look-up or request.",
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Show only results that are not a pass.")
]
