"""Requests written as TOML or JSON: one table or object of ``field = "value"`` pairs.

Both are parsed through the bounded readers every user document goes through (nesting
depth and key count checked first, every failure an ``InputError`` naming file and line).
A value that is not text (a list, a table, true/false) is kept as an entry with a
``problem``, so the checks can say which field is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Any, Optional

from emailsec_check.errors import InputError
from emailsec_check.sources import documents
from emailsec_check.sources.documents import parse_user_json
from emailsec_check.sources.request.document import (
    KIND_KEY,
    Entry,
    Form,
    RequestDocument,
    compact,
    split_lines,
)

__all__ = ["parse_json", "parse_toml"]


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its key/value pairs in order (keeps repeated keys)."""


def _scalar(value: Any) -> tuple[Optional[str], str]:
    """(text, problem) for one TOML/JSON value."""
    if value is None:
        return "", ""
    if isinstance(value, str):
        return value, ""
    if isinstance(value, bool):
        return None, "true/false, not text"
    if isinstance(value, (int, float)):
        try:
            return str(value), ""
        except ValueError:  # an int too long to turn into text
            return None, "a number too long to read"
    if isinstance(value, (date, time)):  # TOML dates and times, datetime included
        return value.isoformat(), ""
    if isinstance(value, (list, tuple)) and not isinstance(value, _Pairs):
        return None, "a list, not text"
    return None, "a table, not text"


def _from_pairs(
    pairs: Sequence[tuple[str, Any]], source: str, form: Form, lines: Mapping[str, int]
) -> RequestDocument:
    entries: list[Entry] = []
    kind: Optional[str] = None
    kind_line: Optional[int] = None
    for key, value in pairs:
        line = lines.get(key)
        if compact(key) == KIND_KEY:
            if not isinstance(value, str) or not value.strip():
                raise InputError(
                    "must be the id of a request kind, as text", path=source, line=line, key=key
                )
            kind, kind_line = value.strip(), line
            continue
        text, problem = _scalar(value)
        entries.append(Entry(key, text, line, problem))
    return RequestDocument(source, form, tuple(entries), kind, kind_line)


_TOML_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_JSON_KEY = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*:')


def parse_toml(text: str, source: str) -> RequestDocument:
    data = documents.parse_user_toml(text, source)
    lines: dict[str, int] = {}
    for number, line in enumerate(split_lines(text), start=1):
        match = _TOML_KEY.match(line)
        if match:
            lines.setdefault(match.group(1).strip("\"'"), number)
    return _from_pairs(list(data.items()), source, Form.TOML, lines)


def parse_json(text: str, source: str) -> RequestDocument:
    data = parse_user_json(text, source, object_pairs_hook=_Pairs)
    if not isinstance(data, _Pairs):
        raise InputError(
            'a JSON request must be one object of "field": "value" pairs', path=source, line=1
        )
    lines: dict[str, int] = {}
    number, position = 1, 0
    for match in _JSON_KEY.finditer(text):
        number += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match.group(1), number)
    return _from_pairs(data, source, Form.JSON, lines)
