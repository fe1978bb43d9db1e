"""Spreadsheet safety for text that ends up in a cell (CSV-like report formats).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return) as a formula: a login such as ``=HYPERLINK(...)@x`` copied
into a report must be shown, not run. This is presentation, so it is applied by the
formats that people open in a spreadsheet; JSON keeps every value exactly as given.
"""

from __future__ import annotations

__all__ = ["FORMULA_START", "formula_safe"]

#: What a cell may start with for a spreadsheet to treat it as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it rather than runs it: a leading quote if needed."""
    return "'" + text if text.startswith(FORMULA_START) else text
