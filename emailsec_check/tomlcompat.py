"""Which TOML parser: ``tomllib`` where the interpreter has it, ``tomli`` below 3.11.

A user's document is read through ``sources.documents.parse_user_toml``, which bounds it
first; this module only picks the parser and reads its error messages.
"""

from __future__ import annotations

import re
import sys
from typing import Any

__all__ = ["TOMLDecodeError", "error_line", "error_text", "loads"]

if sys.version_info >= (3, 11):
    import tomllib as _toml
else:  # pragma: no cover - exercised on Python 3.9 and 3.10 only
    import tomli as _toml

TOMLDecodeError = _toml.TOMLDecodeError


def loads(text: str) -> dict[str, Any]:
    return _toml.loads(text)


def error_line(error: Exception) -> int | None:
    """The line a TOML error points at (tomllib puts it in the message)."""
    lineno = getattr(error, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    match = re.search(r"line (\d+)", str(error))
    return int(match.group(1)) if match else None


def error_text(error: Exception) -> str:
    """The error without its '(at line N, column M)' tail, which we print our own way."""
    msg = getattr(error, "msg", None)
    if isinstance(msg, str):
        return msg
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(error))
