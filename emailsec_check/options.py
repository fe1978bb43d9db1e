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
