"""TOML reading: ``tomllib`` where the interpreter has it, ``tomli`` below 3.11."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:
    from emailsec_check.sources.documents import Bounds

__all__ = ["TOMLDecodeError", "error_line", "error_text", "loads", "parse_user_toml"]

if sys.version_info >= (3, 11):
    import tomllib as _toml
else:  # pragma: no cover - exercised on Python 3.9 and 3.10 only
    import tomli as _toml

TOMLDecodeError = _toml.TOMLDecodeError


def loads(text: str) -> dict[str, Any]:
    return _toml.loads(text)


def parse_user_toml(
    text: str, path: Union[str, Path], *, bounds: Optional[Bounds] = None
) -> dict[str, Any]:
    """Parse a file the user handed us; anything wrong is an InputError naming file and line.

    Nesting depth and the number of keys are bounded before the parser runs (``bounds``,
    the defaults when not given), and what the parser refuses is an InputError too: see
    ``sources.documents``, which holds the one implementation (and ``parse_user_json``).
    """
    from emailsec_check.sources.documents import DEFAULT_BOUNDS
    from emailsec_check.sources.documents import parse_user_toml as parse

    return parse(text, path, bounds=bounds or DEFAULT_BOUNDS)


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
