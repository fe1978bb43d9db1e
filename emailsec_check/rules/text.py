"""Text as every area handles it: the one escaper of the tool, words, and patterns.

Subjects and messages carry user input (a URL, a cell of an export, a vendor's JSON):
an escape sequence there could recolour, hide or rewrite a report, and a bidirectional
override could make one host read as another. Everything shown goes through
:func:`visible`; one-line places (stderr, a status line) use :func:`one_line`.

:func:`words` splits a label or a name into its runs of letters and digits, and
:func:`lazy_pattern` keeps a regular expression uncompiled until a run needs it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

__all__ = ["lazy_pattern", "one_line", "visible", "word_char", "words"]


def lazy_pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled when first used: ``PATTERN().search(text)``.

    Compiling is most of what importing a module with patterns costs, and many patterns
    serve only some runs (a TOML request, an error message); this keeps them off
    start-up. Patterns used on every run, or per row of a large export, stay compiled
    at import.
    """

    @cache
    def pattern() -> re.Pattern[str]:
        return re.compile(source, flags)

    return pattern


def visible(text: str) -> str:
    """``text`` with what a terminal would act on shown as escapes, not passed through."""
    if text.isprintable():
        return text
    return "".join(
        char
        if char.isprintable()
        else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        for char in text
    )


def one_line(text: str) -> str:
    """``text`` on one line: runs of white space become one space, the rest :func:`visible`."""
    return visible(" ".join(text.split()))


#: ASCII's characters other than letters and digits, each made a space by ``str.translate``.
_ASCII_SEPARATORS = str.maketrans(
    {chr(code): " " for code in range(128) if not chr(code).isalnum()}
)
#: The same, keeping ``_``.
_ASCII_SEPARATORS_BUT_UNDERSCORE = {
    code: space for code, space in _ASCII_SEPARATORS.items() if code != ord("_")
}


def word_char(char: str) -> bool:
    """A letter, a digit or ``_`` (what a regular expression's ``\\w`` matches)."""
    return char.isalnum() or char == "_"


def words(text: str, *, underscore: bool = False) -> list[str]:
    """The runs of letters and digits in ``text`` (and ``_`` with ``underscore``); anything
    else only separates them."""
    if text.isascii():  # nearly always: one pass in C
        table = _ASCII_SEPARATORS_BUT_UNDERSCORE if underscore else _ASCII_SEPARATORS
        return text.translate(table).split()
    keep = word_char if underscore else str.isalnum
    return "".join(char if keep(char) else " " for char in text).split()
