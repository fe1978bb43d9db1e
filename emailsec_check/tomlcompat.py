"""TOML reading: ``tomllib`` where the interpreter has it, ``tomli`` below 3.11."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Union

from emailsec_check.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib as _toml
else:  # pragma: no cover - exercised on Python 3.9 and 3.10 only
    import tomli as _toml

TOMLDecodeError = _toml.TOMLDecodeError


def loads(text: str) -> dict[str, Any]:
    return _toml.loads(text)


def parse_user_toml(text: str, path: Union[str, Path]) -> dict[str, Any]:
    """Parse a file the user handed us; anything wrong is an InputError naming file and line.

    Besides syntax errors, the parser can raise RecursionError (arrays nested thousands
    deep) and ValueError (an integer of thousands of digits): junk, not a traceback.
    """
    try:
        return _toml.loads(text)
    except TOMLDecodeError as error:
        raise InputError(
            f"not valid TOML: {error_text(error)}", path=path, line=error_line(error)
        ) from None
    except RecursionError:
        raise InputError("not usable TOML: nested too deeply", path=path) from None
    except ValueError as error:
        raise InputError(f"not usable TOML: {error}", path=path) from None


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
