"""A support request as read: its entries (label and value), notes left aside, stray text.

These are plain facts: nothing here says whether a value is good. The checks
(``emailsec_check.checks.request``) judge them.
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from typing import Final, Optional

from emailsec_check.record import Record

__all__ = [
    "KIND_KEY",
    "MAX_REQUEST_BYTES",
    "Entry",
    "Form",
    "RequestDocument",
    "Stray",
    "compact",
    "split_lines",
]

#: A support request is a few lines; more than this is not the right file.
MAX_REQUEST_BYTES = 1024 * 1024
#: The label (plain form) or key (TOML, JSON) that names the request kind.
KIND_KEY = "kind"


class Form(str, Enum):
    """How a request file is written."""

    TEXT = "text"
    TOML = "toml"
    JSON = "json"


class Entry(Record):
    """One ``label: value`` pair as the file gives it."""

    __slots__ = ("label", "value", "line", "problem", "written")

    label: Final[str]
    #: The text; None when the file gives something else (``problem`` says what).
    value: Final[Optional[str]]
    line: Final[Optional[int]]
    problem: Final[str]
    #: The plain form's first line as written ("jdoe:S3cret!"); "" for TOML and JSON.
    written: Final[str]

    def __init__(
        self,
        label: str,
        value: Optional[str],
        line: Optional[int] = None,
        problem: str = "",
        written: str = "",
    ) -> None:
        self.label = label
        self.value = value
        self.line = line
        self.problem = problem
        self.written = written


class Stray(Record):
    """A line of a plain request that belongs to no field (a greeting, a sign-off, a remark)."""

    __slots__ = ("line", "text")

    line: Final[int]
    text: Final[str]

    def __init__(self, line: int, text: str) -> None:
        self.line = line
        self.text = text


class RequestDocument(Record):
    """A request file as read, before its kind is known."""

    __slots__ = ("source", "form", "entries", "kind", "kind_line", "stray")

    source: Final[str]
    form: Final[Form]
    entries: Final[tuple[Entry, ...]]
    kind: Final[Optional[str]]
    kind_line: Final[Optional[int]]
    stray: Final[tuple[Stray, ...]]

    def __init__(
        self,
        source: str,
        form: Form,
        entries: tuple[Entry, ...],
        kind: Optional[str] = None,
        kind_line: Optional[int] = None,
        stray: tuple[Stray, ...] = (),
    ) -> None:
        self.source = source
        self.form = form
        self.entries = entries
        self.kind = kind
        self.kind_line = kind_line
        self.stray = stray


def compact(text: str) -> str:
    """A label as lower-case letters and digits: 'Cisco Web Order ID #:' -> 'ciscoweborderid'."""
    return "".join(filter(str.isalnum, unicodedata.normalize("NFKC", text).casefold()))


def split_lines(text: str) -> list[str]:
    """The lines of a text, whichever line ends it uses (CR LF, LF or CR alone)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
