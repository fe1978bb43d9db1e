"""User records of Microsoft Graph as rows of the directory reader.

A live directory hands over records with Graph's property names (strings, null,
``accountEnabled`` true or false, ``otherMails`` and ``proxyAddresses`` lists). They
become the rows a CSV with those columns would give, so both are read by the one
reader; 100,000 users must cost about what the same CSV costs. A value of another
type is an ``InputError`` naming the record and property.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from itertools import repeat
from pathlib import Path
from typing import Any, Optional

from emailsec_check.sources.identities.columns import Header
from emailsec_check.sources.identities.tables import cell_text

__all__ = ["GRAPH_COLUMNS", "RecordTable"]

#: The Graph properties the directory reader uses, in the order of the rows made.
GRAPH_COLUMNS = (
    "userPrincipalName", "mail", "givenName", "surname", "userType", "accountEnabled",
    "otherMails", "proxyAddresses",
)  # fmt: skip
_TEXT = GRAPH_COLUMNS[:5]
_ENABLED = {True: "true", False: "false", None: ""}


class RecordTable:
    """Graph user records as a table: ``GRAPH_COLUMNS`` and one row per record."""

    def __init__(self, records: Iterable[Mapping[str, Any]], source: str) -> None:
        self.path = Path(source)
        self.header = Header(self.path, GRAPH_COLUMNS)
        self.index = -1
        self.rows: Iterator[list[str]] = self._rows(records)
        self.numbered: Iterator[tuple[Optional[int], list[str]]] = zip(repeat(None), self.rows)

    def _rows(self, records: Iterable[Mapping[str, Any]]) -> Iterator[list[str]]:
        for index, record in enumerate(records):
            self.index = index
            row = [value or "" for value in map(record.get, _TEXT)]
            try:
                "".join(row)  # only text: anything else goes the slow way
                row.append(_ENABLED[record.get("accountEnabled")])
                row.append(";".join(record.get("otherMails") or ()))
                row.append(";".join(record.get("proxyAddresses") or ()))
            except (TypeError, KeyError):
                row = self._checked(record)
            yield row

    def _checked(self, record: Mapping[str, Any]) -> list[str]:
        """The row of a record with a value of an unusual type (InputError if unusable)."""
        return [
            cell_text(record.get(name), self.path, f"records[{self.index}].{name}")
            for name in GRAPH_COLUMNS
        ]

    def line(self) -> Optional[int]:
        return None

    def key(self) -> Optional[str]:
        return f"records[{self.index}]" if self.index >= 0 else None

    def reading(self) -> AbstractContextManager[None]:
        return nullcontext()

    def close(self) -> None:
        pass
