"""TOML and JSON documents users hand us, parsed with bounds checked first.

A parser builds the whole structure before we see any of it, and some shapes cost far
more than their size: ``a.a.a…=1`` twenty thousand keys deep is 40 KB of text but
gigabytes for ``tomllib``; brackets nested thousands deep exhaust the recursion limit.
So a cheap scan of the text (strings and comments skipped, nothing built) measures
nesting depth and counts keys first, and anything over :data:`MAX_DEPTH` or
:data:`MAX_KEYS` is an :class:`InputError` naming file and line before the parser runs.
What the parser itself refuses (bad syntax, an integer of over 4,300 digits) is an
``InputError`` naming the file too, never a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Any, Optional, Union

from emailsec_check.errors import InputError

__all__ = [
    "MAX_DEPTH",
    "MAX_KEYS",
    "check_json_bounds",
    "check_toml_bounds",
    "parse_user_json",
    "parse_user_toml",
]

#: Deepest nesting accepted: tables, arrays and dotted-key levels together. Real configs,
#: profiles, requests and exports stay under 6.
MAX_DEPTH = 32
#: Most keys accepted in one document (each part of a dotted key or header counts).
MAX_KEYS = 100_000

PathLike = Union[str, Path]

# Python refuses to turn longer digit strings into int (CVE-2020-10735) and the parsers
# pass on its ValueError; we find such a run ourselves to name its line.
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4299,}")


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _too_deep(path: PathLike, text: str, offset: int) -> InputError:
    return InputError(
        f"nested more than {MAX_DEPTH} levels deep; this is not a document the tool can use",
        path=path,
        line=_line_at(text, offset),
    )


def _too_many_keys(path: PathLike, text: str, offset: int) -> InputError:
    return InputError(
        f"more than {MAX_KEYS:,} keys; this is not a document the tool can use",
        path=path,
        line=_line_at(text, offset),
    )


def _not_usable(text: str, path: PathLike, kind: str, error: ValueError) -> InputError:
    """What a parser refused beyond syntax: in practice a number too long to convert."""
    found = _LONG_NUMBER.search(text)
    if found is None:
        return InputError(f"not usable {kind}: {error}", path=path)
    return InputError(
        f"not usable {kind}: a number of more than 4,300 digits",
        path=path,
        line=_line_at(text, found.start()),
    )


# --------------------------------------------------------------------------- JSON

_JSON_TOKEN = re.compile(r'["\[\]{}:]')
# The rest of a string once its opening quote is read. Unrolled loop: linear time, even
# for a string that never ends.
_JSON_STRING_END = re.compile(r'[^"\\]*(?:\\[\s\S][^"\\]*)*"')


def check_json_bounds(text: str, path: PathLike) -> None:
    """InputError naming file and line when ``text`` nests too deep or has too many keys."""
    depth = 0
    keys = 0
    position = 0
    while True:
        token = _JSON_TOKEN.search(text, position)
        if token is None:
            return
        char = token.group()
        position = token.end()
        if char == '"':
            end = _JSON_STRING_END.match(text, position)
            if end is None:
                return  # an unterminated string: the parser says where
            position = end.end()
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(path, text, token.start())
        elif char in "]}":
            depth = max(0, depth - 1)
        else:  # ":" outside a string follows a key
            keys += 1
            if keys > MAX_KEYS:
                raise _too_many_keys(path, text, token.start())


def parse_user_json(
    text: str,
    path: PathLike,
    *,
    object_pairs_hook: Optional[Callable[[list[tuple[str, Any]]], Any]] = None,
) -> Any:
    """``json.loads`` for a user's document: bounds first, and every failure an InputError."""
    check_json_bounds(text, path)
    try:
        return json.loads(text, object_pairs_hook=object_pairs_hook)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", path=path, line=error.lineno) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise InputError("not usable JSON: nested too deeply", path=path) from None
    except ValueError as error:
        raise _not_usable(text, path, "JSON", error) from None


# --------------------------------------------------------------------------- TOML


class _Expect(Enum):
    KEY = "key"  # a key (at a line start, or after "{" or "," in an inline table)
    VALUE = "value"  # a value (after "=", or in an array)
    HEADER = "header"  # inside a [table] or [[array]] header
    REST = "rest"  # after a value or header, up to the line end or a comma


# One of these starts every stretch that matters; the regex engine skips all else.
_TOML_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\n\[\]{},=.]")
# The rest of a string once its opening quotes are read (unrolled loops, linear time).
_TOML_STRING_END = {
    '"': re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*"'),
    "'": re.compile(r"[^'\n]*'"),
    '"""': re.compile(r'[^"\\]*(?:(?:\\[\s\S]|"{1,2}(?!"))[^"\\]*)*"{3,5}'),
    "'" * 3: re.compile(r"[^']*(?:'{1,2}(?!')[^']*)*'{3,5}"),
}

# Most lines of a real document are "key = scalar", blank or a comment: a run of them
# is taken in one match and its keys counted by another, both in C. A plain header
# ("[a.b]", "[[a]]") is taken whole the same way.
_BARE = r"[A-Za-z0-9_-]+"
_SCALAR = r"""(?:"[^"\\\n]*"|'[^'\n]*'|[A-Za-z0-9_+:.-]+)"""
_SIMPLE_LINES = re.compile(rf"(?:[ \t]*(?:{_BARE}[ \t]*=[ \t]*{_SCALAR}[ \t]*)?(?:#[^\n]*)?\r?\n)+")
_SIMPLE_KEY = re.compile(r"^[ \t]*[A-Za-z0-9_-]", re.MULTILINE)
_SIMPLE_HEADER = re.compile(
    rf"[ \t]*(\[\[?)([ \t]*{_BARE}(?:[ \t]*\.[ \t]*{_BARE})*)[ \t]*\]\]?[ \t]*(?:#[^\n]*)?\r?\n"
)


class _TomlScan:
    """Walks the tokens of a TOML text, tracking depth and counting keys.

    Depth counts the tables a value sits in: ``a = 1`` is 1, ``a.b = 1`` (or ``[a]``
    then ``b = 1``) is 2, and each array or inline table around it adds one. Invalid
    TOML is scanned as well as it goes; the parser reports it properly afterwards.
    """

    def __init__(self, text: str, path: PathLike) -> None:
        self.text = text
        self.path = path
        self.expect = _Expect.KEY
        self.table_depth = 0  # levels of the current [table] header
        self.frames: list[tuple[str, int]] = []  # open "[" / "{" values with their depth
        self.base = 0  # depth of the table the key (or header) being read starts from
        self.dots = 0  # dots in that key or header so far
        self.value_depth = 0  # depth of the value being read
        self.keys = 0
        self.line_start = True  # at the start of a line outside any value

    def run(self) -> None:
        text = self.text
        position = 0
        while True:
            if self.line_start:
                position = self.simple_lines(position)
                self.line_start = False
            token = _TOML_TOKEN.search(text, position)
            if token is None:
                return
            position = token.end()
            char = token.group()
            if char[0] in "\"'":
                end = _TOML_STRING_END[char].match(text, position)
                if end is None:
                    return  # unterminated: the parser names the line
                position = end.end()
            elif char == "#":
                newline = text.find("\n", position)
                if newline < 0:
                    return
                position = newline
            else:
                self.punctuation(char, token.start())

    def simple_lines(self, position: int) -> int:
        """Past the plain lines and headers from ``position`` on, keys counted."""
        while True:
            header = _SIMPLE_HEADER.match(self.text, position)
            if header is not None:
                parts = header.group(2).count(".") + 1
                self.count(parts, position)
                self.table_depth = parts + len(header.group(1)) - 1
                self.check(self.table_depth, position)
                position = header.end()
            run = _SIMPLE_LINES.match(self.text, position)
            if run is None:
                if header is None:
                    self.start_key(self.table_depth)  # the header may have moved it
                    return position
                continue
            position = self.simple_run(position, run.end())

    def simple_run(self, position: int, end: int) -> int:
        keys = len(_SIMPLE_KEY.findall(self.text, position, end))
        if self.keys + keys > MAX_KEYS:  # name the line of the first key too many
            starts = _SIMPLE_KEY.finditer(self.text, position, end)
            over = next(islice(starts, MAX_KEYS - self.keys, None))
            raise _too_many_keys(self.path, self.text, over.start())
        self.keys += keys
        self.check(self.table_depth + 1, position)
        return end

    def punctuation(self, char: str, offset: int) -> None:
        if char == "\n":
            if not self.frames:
                self.start_key(self.table_depth)
                self.line_start = True
        elif char == ".":
            if self.expect in (_Expect.KEY, _Expect.HEADER):
                self.dots += 1  # checked at once: 20,000 dots fail at the 32nd
                self.check(self.base + self.dots + 1, offset)
        elif char == "=":
            if self.expect is _Expect.KEY:
                self.key_done(offset)
        elif char in "[{":
            self.opening(char, offset)
        elif char in "]}":
            self.closing(offset)
        else:  # ","
            self.comma()

    def start_key(self, base: int) -> None:
        self.expect = _Expect.KEY
        self.base = base
        self.dots = 0

    def key_done(self, offset: int) -> None:
        self.count(self.dots + 1, offset)
        self.value_depth = self.base + self.dots + 1
        self.check(self.value_depth, offset)
        self.expect = _Expect.VALUE

    def opening(self, char: str, offset: int) -> None:
        if char == "[" and self.expect is _Expect.KEY and not self.frames:
            self.expect = _Expect.HEADER  # "[table]" or "[[array]]"
            self.base = self.dots = 0
            return
        if self.expect is _Expect.HEADER:
            self.base = 1  # the second "[" of "[[": an array of tables is one level more
            return
        depth = self.value_depth
        self.frames.append((char, depth))
        self.check(depth + 1, offset)
        if char == "[":
            self.value_depth = depth + 1
            self.expect = _Expect.VALUE
        else:
            self.start_key(depth)

    def closing(self, offset: int) -> None:
        if self.expect is _Expect.HEADER:
            self.count(self.dots + 1, offset)
            self.table_depth = self.base + self.dots + 1
            self.expect = _Expect.REST  # the second "]" of "]]" lands here harmlessly
            return
        if self.frames:
            self.frames.pop()
        self.expect = _Expect.REST

    def comma(self) -> None:
        if not self.frames:
            return
        kind, depth = self.frames[-1]
        if kind == "[":
            self.value_depth = depth + 1
            self.expect = _Expect.VALUE
        else:
            self.start_key(depth)

    def check(self, depth: int, offset: int) -> None:
        if depth > MAX_DEPTH:
            raise _too_deep(self.path, self.text, offset)

    def count(self, keys: int, offset: int) -> None:
        self.keys += keys
        if self.keys > MAX_KEYS:
            raise _too_many_keys(self.path, self.text, offset)


def check_toml_bounds(text: str, path: PathLike) -> None:
    """InputError naming file and line when ``text`` nests too deep or has too many keys."""
    _TomlScan(text, path).run()


def parse_user_toml(text: str, path: PathLike) -> dict[str, Any]:
    """Parse a TOML document the user handed us: bounds first, every failure an InputError."""
    from emailsec_check import tomlcompat

    check_toml_bounds(text, path)
    try:
        return tomlcompat.loads(text)
    except tomlcompat.TOMLDecodeError as error:
        raise InputError(
            f"not valid TOML: {tomlcompat.error_text(error)}",
            path=path,
            line=tomlcompat.error_line(error),
        ) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise InputError("not usable TOML: nested too deeply", path=path) from None
    except ValueError as error:
        raise _not_usable(text, path, "TOML", error) from None
