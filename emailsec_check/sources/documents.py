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
from typing import Any, Final, Optional, Union

from emailsec_check.errors import InputError
from emailsec_check.record import Record

__all__ = [
    "DEFAULT_BOUNDS",
    "MAX_DEPTH",
    "MAX_KEYS",
    "Bounds",
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


class Bounds(Record):
    """How deep and how big a document may be. Configs, profiles and requests use the
    defaults; a reader of large exports (identities) raises ``keys`` to what it supports."""

    __slots__ = ("depth", "keys")

    depth: Final[int]
    keys: Final[int]

    def __init__(self, depth: int = MAX_DEPTH, keys: int = MAX_KEYS) -> None:
        self.depth = depth
        self.keys = keys


DEFAULT_BOUNDS = Bounds()

# Python refuses to turn longer digit strings into int (CVE-2020-10735) and the parsers
# pass on its ValueError; we find such a run ourselves to name its line.
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4299,}")


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _too_deep(path: PathLike, line: int, bounds: Bounds) -> InputError:
    return InputError(
        f"nested more than {bounds.depth} levels deep; this is not a document the tool can use",
        path=path,
        line=line,
    )


def _too_many_keys(path: PathLike, line: int, bounds: Bounds) -> InputError:
    return InputError(
        f"more than {bounds.keys:,} keys; this is not a document the tool can use",
        path=path,
        line=line,
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

# The JSON bound check runs in C (bytes methods and the regex engine), so a large export
# costs a fraction of what ``json.loads`` does. JSON strings hold no raw line breaks, so
# every step keeps the line breaks (and so the line of anything found) where they were.
_STRUCTURE = b'"[]{}:\n'
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - set(_STRUCTURE)))
_SKELETON_STRING = re.compile(rb'"[^"\n]*"')
_INNERMOST = re.compile(rb"[\[{][\]}]")
_JSON_TOKEN = re.compile(rb"[\[\]{}:]")


def _json_skeleton(text: str) -> bytes:
    """``text`` with only the brackets, colons and line breaks outside strings left.

    Escaped backslashes and quotes go first (every other escape is letters, dropped with
    the rest), then everything but quotes and structure. Two quotes now side by side
    close one string and open the next, or open and close an empty one: either way no
    structure lies between them, so ``replace`` drops them by the million. What remains
    are strings that held structure, each removed by a match.
    """
    data = text.encode("utf-8", "surrogatepass")
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    return _SKELETON_STRING.sub(b"", skeleton) if b'"' in skeleton else skeleton


def check_json_bounds(text: str, path: PathLike, bounds: Bounds = DEFAULT_BOUNDS) -> None:
    """InputError naming file and line when ``text`` nests too deep or has too many keys.

    Counting first: a document with no more brackets and colons than the bounds allow
    cannot break them. Otherwise, on the skeleton (see :func:`_json_skeleton`) a colon
    follows a key, and innermost bracket pairs are removed ``bounds.depth`` times over:
    a pair still left was nested deeper, and only then is anything walked in Python.
    """
    openers = text.count("[") + text.count("{")
    if openers <= bounds.depth and text.count(":") <= bounds.keys:
        return
    skeleton = _json_skeleton(text)
    if skeleton.count(b":") > bounds.keys:
        over = next(islice(re.finditer(b":", skeleton), bounds.keys, None))
        raise _too_many_keys(path, skeleton.count(b"\n", 0, over.start()) + 1, bounds)
    brackets = skeleton.translate(None, b":\n")
    for _ in range(bounds.depth):
        brackets, removed = _INNERMOST.subn(b"", brackets)
        if not removed:
            break
    left_open = brackets.count(b"[") + brackets.count(b"{")
    if _INNERMOST.search(brackets) or left_open > bounds.depth:
        _find_json_depth(skeleton, path, bounds)


def _find_json_depth(skeleton: bytes, path: PathLike, bounds: Bounds) -> None:
    """Walk the brackets of a document known to nest too deep; raise at the first too deep."""
    depth = 0
    for token in _JSON_TOKEN.finditer(skeleton):
        if token.group() in (b"[", b"{"):
            depth += 1
            if depth > bounds.depth:
                raise _too_deep(path, skeleton.count(b"\n", 0, token.start()) + 1, bounds)
        elif token.group() in (b"]", b"}"):
            depth = max(0, depth - 1)


def parse_user_json(
    text: str,
    path: PathLike,
    *,
    bounds: Bounds = DEFAULT_BOUNDS,
    object_pairs_hook: Optional[Callable[[list[tuple[str, Any]]], Any]] = None,
) -> Any:
    """``json.loads`` for a user's document: bounds first, and every failure an InputError."""
    check_json_bounds(text, path, bounds)
    try:
        return json.loads(text, object_pairs_hook=object_pairs_hook)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", path=path, line=error.lineno) from None
    except RecursionError:  # an unbalanced document the bound check let through
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

    def __init__(self, text: str, path: PathLike, bounds: Bounds) -> None:
        self.text = text
        self.path = path
        self.bounds = bounds
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
        if self.keys + keys > self.bounds.keys:  # name the line of the first key too many
            starts = _SIMPLE_KEY.finditer(self.text, position, end)
            over = next(islice(starts, self.bounds.keys - self.keys, None))
            raise _too_many_keys(self.path, _line_at(self.text, over.start()), self.bounds)
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
        if depth > self.bounds.depth:
            raise _too_deep(self.path, _line_at(self.text, offset), self.bounds)

    def count(self, keys: int, offset: int) -> None:
        self.keys += keys
        if self.keys > self.bounds.keys:
            raise _too_many_keys(self.path, _line_at(self.text, offset), self.bounds)


def check_toml_bounds(text: str, path: PathLike, bounds: Bounds = DEFAULT_BOUNDS) -> None:
    """InputError naming file and line when ``text`` nests too deep or has too many keys."""
    _TomlScan(text, path, bounds).run()


def parse_user_toml(
    text: str, path: PathLike, *, bounds: Bounds = DEFAULT_BOUNDS
) -> dict[str, Any]:
    """Parse a TOML document the user handed us: bounds first, every failure an InputError."""
    from emailsec_check import tomlcompat

    check_toml_bounds(text, path, bounds)
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
