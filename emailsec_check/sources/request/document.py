"""A support request as read: its entries (label and value), notes left aside, stray text.

These are plain facts: nothing here says whether a value is good. The checks
(``emailsec_check.checks.request``) judge them.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from typing import NamedTuple, Optional

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


class Entry(NamedTuple):
    """One ``label: value`` pair as the file gives it."""

    label: str
    #: The text; None when the file gives something else (``problem`` says what).
    value: Optional[str]
    line: Optional[int] = None
    problem: str = ""
    #: The plain form's first line as written ("jdoe:S3cret!"); "" for TOML and JSON.
    written: str = ""


class Stray(NamedTuple):
    """A line of a plain request that belongs to no field (a greeting, a sign-off, a remark)."""

    line: int
    text: str


class RequestDocument(NamedTuple):
    """A request file as read, before its kind is known."""

    source: str
    form: Form
    entries: tuple[Entry, ...]
    kind: Optional[str] = None
    kind_line: Optional[int] = None
    stray: tuple[Stray, ...] = ()


_NOT_ALNUM = re.compile(r"[\W_]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def compact(text: str) -> str:
    """A label as lower-case letters and digits: 'Cisco Web Order ID #:' -> 'ciscoweborderid'."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def split_lines(text: str) -> list[str]:
    """The lines of a text, whichever line ends it uses."""
    return _LINE_BREAK.split(text)
