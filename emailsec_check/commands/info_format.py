"""``--format text|json`` of the commands that describe rather than check (profiles, explain)."""

from enum import Enum
from typing import Annotated

import typer

__all__ = ["InfoFormat", "InfoFormatOption"]


class InfoFormat(str, Enum):
    """How ``profiles`` and ``explain`` print: for people, or JSON for scripts."""

    TEXT = "text"
    JSON = "json"


InfoFormatOption = Annotated[
    InfoFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="FORMAT",
        help="text (for people) or json (for scripts).",
    ),
]
