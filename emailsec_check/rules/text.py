"""Making user text safe to show: the one escaper of the tool.

Subjects and messages carry user input (a URL, a cell of an export, a vendor's JSON):
an escape sequence there could recolour, hide or rewrite a report, and a bidirectional
override could make one host read as another. Everything shown goes through
:func:`visible`; one-line places (stderr, a status line) use :func:`one_line`.
"""

from __future__ import annotations

__all__ = ["one_line", "visible"]


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
