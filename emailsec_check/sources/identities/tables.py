"""An identity export as a header and rows of text cells, whatever its format.

CSV (UTF-8 with or without a byte-order mark, UTF-16 with one; comma, semicolon,
tab or pipe; Excel's ``sep=`` line) is streamed by :mod:`.csvrows`; TOML and JSON
lists of users (objects or plain addresses) become the same rows here. Files are
opened through :mod:`emailsec_check.sources.files` (regular files only, capped) and
only ever read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime
from itertools import repeat
from pathlib import Path
from typing import Any, Optional, Protocol

from emailsec_check.errors import InputError
from emailsec_check.sources.files import UTF8_BOM, open_user_file, read_user_text, text_encoding
from emailsec_check.sources.identities.columns import Header
from emailsec_check.sources.identities.csvrows import CsvRows

__all__ = ["MAX_DOCUMENT_BYTES", "Table", "cell_text", "open_table"]

#: The largest TOML/JSON list of users read (CSV is streamed, without a cap).
MAX_DOCUMENT_BYTES = 256 << 20
#: A TOML or JSON export of a large tenant holds millions of keys; its size cap bounds it.
EXPORT_MAX_KEYS = 50_000_000

_CSV_SUFFIXES = {".csv", ".txt", ".tsv"}


class Table(Protocol):
    """What the readers need of a file: its header, its rows, and where a row is."""

    path: Path
    header: Header

    @property
    def rows(self) -> Iterator[list[str]]:
        """The rows after the header."""

    @property
    def numbered(self) -> Iterator[tuple[Optional[int], list[str]]]:
        """The same rows with the line each ends on (None in TOML/JSON): one or the other."""

    def line(self) -> Optional[int]:
        """The line the current row ends on (CSV), or None."""

    def key(self) -> Optional[str]:
        """The current item (``users[3]``) of a TOML/JSON file, or None."""

    def reading(self) -> AbstractContextManager[None]:
        """Iterate ``rows`` inside this: it turns read errors into ``InputError``."""

    def close(self) -> None: ...


class ItemTable:
    """A TOML/JSON list of users (objects or plain addresses) as rows."""

    def __init__(
        self, path: Path, section: str, items: Sequence[Any], address_key: str = "email"
    ) -> None:
        self.path = path
        self.section = section
        self.index = -1
        records = [self._record(item, number, address_key) for number, item in enumerate(items)]
        names: list[str] = [] if records else [address_key]  # an empty list is no error
        for record in records:
            names.extend(name for name in record if name not in names)
        self.records = records
        self.header = Header(path, names)
        self.rows = self._rows(names)
        self.numbered: Iterator[tuple[Optional[int], list[str]]] = zip(repeat(None), self.rows)

    def _record(self, item: Any, number: int, address_key: str) -> dict[str, str]:
        if isinstance(item, str):
            return {address_key: item}
        if not isinstance(item, Mapping):
            raise InputError(
                "must be a table/object with an email key, or an address",
                path=self.path,
                key=f"{self.section}[{number}]",
            )
        return {
            str(name): cell_text(value, self.path, f"{self.section}[{number}].{name}")
            for name, value in item.items()
        }

    def _rows(self, names: list[str]) -> Iterator[list[str]]:
        for index, record in enumerate(self.records):
            self.index = index
            yield [record.get(name, "") for name in names]

    def line(self) -> Optional[int]:
        return None

    def key(self) -> Optional[str]:
        return f"{self.section}[{self.index}]" if self.index >= 0 else None

    def reading(self) -> AbstractContextManager[None]:
        return nullcontext()

    def close(self) -> None:
        pass


def cell_text(value: Any, path: Path, key: str) -> str:
    """A TOML/JSON value as the text a CSV cell would hold; ``InputError`` for a table."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ";".join(value)
    raise InputError("must be text, a number, a date or a list of addresses", path=path, key=key)


def open_table(path: Path, sections: Sequence[str], *, what: str = "file") -> Table:
    """The file at ``path`` as a table; ``InputError`` for anything unusable."""
    stream = open_user_file(path, what=what)
    try:
        head = stream.peek(1024)[:1024] if isinstance(stream, io.BufferedReader) else b""
        suffix = path.suffix.lower()
        structured = suffix in (".toml", ".json") or (
            suffix not in _CSV_SUFFIXES and head.lstrip()[:1] in (b"{", b"[")
        )
        if structured:
            stream.close()
            return _structured(path, ".toml" if suffix == ".toml" else ".json", sections, what)
        encoding = text_encoding(head, path, what=what)
        if encoding == "utf-8" and head.startswith(UTF8_BOM):
            stream.read(len(UTF8_BOM))
        elif encoding == "utf-8" and not head:  # empty, or not peekable: the codec drops a BOM
            encoding = "utf-8-sig"
        text = io.TextIOWrapper(stream, encoding=encoding, newline="", errors="strict")
        return CsvRows(path, text, encoding)
    except BaseException:
        stream.close()
        raise


def _structured(path: Path, suffix: str, sections: Sequence[str], what: str) -> ItemTable:
    from emailsec_check.sources import documents  # a CSV export never needs it

    text = read_user_text(path, what=what, max_bytes=MAX_DOCUMENT_BYTES)
    bounds = documents.Bounds(keys=EXPORT_MAX_KEYS)
    data: Any = (
        documents.parse_user_toml(text, path, bounds=bounds)
        if suffix == ".toml"
        else documents.parse_user_json(text, path, bounds=bounds)
    )
    if isinstance(data, list):
        return ItemTable(path, "items", data)
    if isinstance(data, dict):
        for section in sections:
            if section in data:
                items = data[section]
                if not isinstance(items, list):
                    raise InputError("must be a list", path=path, key=section)
                return ItemTable(path, section, items)
    names = " or ".join(f"[[{section}]]" for section in sections[:2])
    raise InputError(f"no list of users found: expected {names} entries", path=path)
