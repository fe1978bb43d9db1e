"""Typed, strict reading of TOML tables, for profiles and the run config.

``Table`` hands out typed values and remembers which keys were asked for;
``done()`` then rejects any other key (a typo). Errors name file, key and
the line the key is on (found in the text: tomllib keeps no positions).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, TypeVar

from emailsec_check.errors import InputError
from emailsec_check.rules.hostnames import is_dns_name
from emailsec_check.sources.files import read_user_text


class Where:
    """Names file, key and line for error messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def table_line(self, prefix: str) -> int | None:
        """The line opening table ``prefix`` (``settings``, ``requests[1].fields[0]``).

        A nested array table is counted from its parent's header on, up to the
        parent's next sibling, so ``requests[1].fields[0]`` is the first field of
        the second request, not of the first.
        """
        if not prefix:
            return None
        parent, _, own = prefix.rpartition(".")
        begin = 0
        stop: re.Pattern[str] | None = None
        if parent:
            parent_line = self.table_line(parent)
            if parent_line is None:
                return None
            begin = parent_line
            parent_plain = re.sub(r"\[\d+\]", "", parent)
            stop = re.compile(rf"^\s*\[\[?\s*{re.escape(parent_plain)}\s*\]\]?\s*(#.*)?$")
        index_match = re.search(r"\[(\d+)\]$", own)
        wanted = int(index_match.group(1)) if index_match else 0
        plain = re.sub(r"\[\d+\]", "", prefix)
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(plain)}\s*\]\]?\s*(#.*)?$")
        seen = 0
        for number in range(begin + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if stop is not None and stop.match(line):
                break
            if pattern.match(line):
                if seen == wanted:
                    return number
                seen += 1
        return None

    def line_of(self, key: str, *, missing: bool = False) -> int | None:
        """Best effort: the line that sets ``key`` (searched from its table's header on);
        for a missing key, the line of the table it is missing from."""
        prefix, _, last = key.rpartition(".")
        last = re.sub(r"\[\d+\]$", "", last)
        start = self.table_line(prefix) if prefix else None
        if missing:
            return start
        pattern = re.compile(
            rf'^\s*(\[\[?\s*[\w.-]*{re.escape(last)}\s*\]\]?|"?{re.escape(last)}"?\s*=)'
        )
        for number, line in enumerate(self.lines[(start or 1) - 1 :], start=start or 1):
            if pattern.match(line):
                return number
        return start

    def error(self, key: str, message: str, *, missing: bool = False) -> InputError:
        line = self.line_of(key, missing=missing)
        return InputError(message, path=self.path, line=line, key=key)


_T = TypeVar("_T")


class Table:
    """Reads one TOML table, typed; ``done()`` rejects keys nobody asked for."""

    def __init__(self, data: Any, prefix: str, where: Where) -> None:
        if not isinstance(data, dict):
            raise where.error(prefix or "(top)", "must be a table")
        self.data = data
        self.prefix = prefix
        self.where = where
        self.seen: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def _get(self, name: str, required: bool) -> Any:
        self.seen.add(name)
        if name not in self.data:
            if required:
                raise self.where.error(self.key(name), "required key is missing", missing=True)
            return None
        return self.data[name]

    def text(self, name: str, *, required: bool = False, default: str = "") -> str:
        value = self._get(name, required)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.where.error(self.key(name), f"must be a string, not {type_name(value)}")
        if required and not value.strip():
            raise self.where.error(self.key(name), "must not be empty")
        return value

    def choice(self, name: str, choices: Sequence[str], default: str) -> str:
        value = self.text(name, default=default)
        if value not in choices:
            raise self.where.error(
                self.key(name), f"must be one of {', '.join(choices)}; got {value!r}"
            )
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        value = self._get(name, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.where.error(self.key(name), f"must be true or false, not {type_name(value)}")
        return value

    def number(self, name: str, default: int | None = None) -> int | None:
        value = self._get(name, False)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.where.error(self.key(name), "must be a whole number, 0 or more")
        return int(value)

    def strings(self, name: str) -> tuple[str, ...]:
        value = self._get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.where.error(self.key(name), "must be a list of strings")
        return tuple(value)

    def hosts(self, name: str) -> tuple[str, ...]:
        hosts = tuple(host.strip().lower().rstrip(".") for host in self.strings(name))
        for host in hosts:
            if not is_dns_name(host):
                raise self.where.error(self.key(name), f"{host!r} is not a host name")
        return hosts

    def tables(self, name: str, parse: Callable[[Table], _T]) -> tuple[_T, ...]:
        value = self._get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.where.error(self.key(name), f"must be an array of tables ([[{name}]])")
        return tuple(
            parsed(parse, Table(item, f"{self.key(name)}[{i}]", self.where))
            for i, item in enumerate(value)
        )

    def table(self, name: str, parse: Callable[[Table], _T]) -> _T | None:
        value = self._get(name, False)
        if value is None:
            return None
        return parsed(parse, Table(value, self.key(name), self.where))

    def sub(self, name: str) -> Table | None:
        """The sub-table ``name`` to read key by key (call its ``done()`` yourself)."""
        value = self._get(name, False)
        return None if value is None else Table(value, self.key(name), self.where)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise self.where.error(self.key(unknown[0]), "unknown key (a typo?)")


def parsed(parse: Callable[[Table], _T], table: Table) -> _T:
    result = parse(table)
    table.done()
    return result


def type_name(value: Any) -> str:
    return {
        dict: "a table",
        list: "a list",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


def read_toml_file(
    path: Path, *, what: str, max_bytes: int = 1024 * 1024
) -> tuple[dict[str, Any], Where]:
    """Read and parse a user's TOML file; every failure is an InputError naming the file.

    Only a regular file is read, in pieces and at most ``max_bytes`` of it (a device, a
    FIFO or a socket is refused at once); see :func:`parse_toml_text` for the parse.
    """
    return parse_toml_text(path, read_user_text(path, what=what, max_bytes=max_bytes))


def parse_toml_text(path: Path, text: str) -> tuple[dict[str, Any], Where]:
    """Parse the TOML ``text`` read from ``path``: nesting and key counts are bounded before
    the parser builds anything (see ``sources.documents.parse_user_toml``)."""
    from emailsec_check.sources.documents import parse_user_toml  # its patterns: when used

    return parse_user_toml(text, path), Where(path, text)
