"""Reading a vendor's JSON leniently: any value of any type is taken or ignored, never fatal.

A status page is outside text. ``json.loads`` accepts ``NaN``, ``Infinity`` and integers
of any size, and a field may hold a list where a string was expected. These helpers
turn such values into text, tables and numbers we can use, or into nothing; they never
raise, so one odd page cannot end the run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Optional

from emailsec_check.rules.text import one_line

__all__ = ["MAX_TEXT", "code_of", "table", "tables", "text"]

#: Characters of one vendor string kept (a name, a description).
MAX_TEXT = 300
_ASCII_INT = re.compile(r"[0-9]{1,9}\Z")


def text(value: Any) -> str:
    """A string or a plain number as one bounded, escaped line; "" for anything else."""
    if isinstance(value, str):
        return one_line(value[: MAX_TEXT * 4])[:MAX_TEXT]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    number = code_of(value)
    return "" if number is None else str(number)


def tables(value: Any) -> list[Mapping[str, Any]]:
    """The tables (JSON objects) in a list; [] when ``value`` is not a list."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def table(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a table (a JSON object), else an empty one."""
    return value if isinstance(value, Mapping) else {}


def code_of(value: Any) -> Optional[int]:
    """A status code as a small int: from an int, a whole finite float, or ASCII digits.

    None for NaN, infinities, fractions, booleans, huge or negative numbers and any
    other text (``"²"`` included: ``str.isdigit`` would accept it, ``int`` would not).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**9 else None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or not 0 <= value < 1e9:
            return None
        return int(value)
    if isinstance(value, str):
        stripped = value.strip()
        return int(stripped) if _ASCII_INT.match(stripped) else None
    return None
