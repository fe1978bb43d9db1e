"""The product's users (CONFIGURED), read into plain facts: each login as written.

A CSV export with a column of login addresses (Email, Login, User, Email Address,
...), optionally a status and a created or invited date; or TOML/JSON with a list
of users. A million rows are a normal day, so the facts are kept lean: the login
cells, the line of each, and for the few accounts not activated yet, their date.
Whether a login is a valid address, known, or late is decided in the checks.
"""

from __future__ import annotations

from array import array
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Optional

from emailsec_check.errors import InputError
from emailsec_check.rules.dates import parse_when
from emailsec_check.sources.identities import columns as names
from emailsec_check.sources.identities.columns import normalise_header
from emailsec_check.sources.identities.tables import Table, open_table

__all__ = [
    "CONFIGURED_SECTIONS",
    "LOGIN_OPTION",
    "AccountState",
    "Logins",
    "account_state",
    "read_logins",
    "read_since",
]

#: Sections of a TOML/JSON file that hold the list of users.
CONFIGURED_SECTIONS = ("users", "accounts", "logins")
#: How a user names the login column of CONFIGURED.
LOGIN_OPTION = "--login-column"


class AccountState(Enum):
    """What a status cell of the product export says about the account."""

    UNKNOWN = "unknown"  # no status column, or the cell is empty
    ACTIVE = "active"
    PENDING = "pending"  # invited or provisioned, not activated yet
    OTHER = "other"  # disabled, suspended, or a word we do not know


_ACTIVE_WORDS = frozenset(
    {"active", "activated", "enabled", "verified", "confirmed", "true", "yes", "ok", "accepted"}
)
_PENDING_WORDS = frozenset(
    {
        "pending", "invited", "provisioned", "notactivated", "pendingactivation",
        "awaitingactivation", "activationpending", "unverified", "staged", "notactive",
        "notyetactivated", "false", "no", "invitationsent", "invitationpending",
        "waitingforactivation", "notaccepted",
    }
)  # fmt: skip


def account_state(cell: str) -> AccountState:
    """The state a status cell names (``Pending``, ``not activated``, ``Active`` ...)."""
    word = normalise_header(cell)
    if not word:
        return AccountState.UNKNOWN
    if word in _ACTIVE_WORDS:
        return AccountState.ACTIVE
    if word in _PENDING_WORDS:
        return AccountState.PENDING
    return AccountState.OTHER


class Logins:
    """The product's logins in file order.

    Row n is ``cells[n]`` (the login cell exactly as written) on line ``lines[n]``
    (0: a TOML/JSON file, which has no lines); ``pending`` holds the rows whose
    status says the account is not activated yet, with their created or invited
    date (None when the export gives none).
    """

    __slots__ = ("cells", "column", "has_status", "lines", "path", "pending", "source")

    def __init__(self, source: str, path: Path, column: str, *, has_status: bool = False) -> None:
        #: What the report calls the file (its name).
        self.source = source
        self.path = path
        #: The login column's name as the header writes it.
        self.column = column
        self.cells: list[str] = []
        self.lines: array[int] = array("q")
        self.pending: dict[int, Optional[datetime]] = {}
        #: Whether the export has a status column (without one, nothing is pending).
        self.has_status = has_status

    def __len__(self) -> int:
        return len(self.cells)

    def line(self, row: int) -> Optional[int]:
        return self.lines[row] or None


def read_logins(path: Path, column: Optional[str] = None, *, option: str = LOGIN_OPTION) -> Logins:
    """Read the product's export; ``InputError`` (file and line) for anything unusable.

    ``column`` names the login column when the header's names are not known ones;
    ``option`` is how errors call the setting that named it (a config says its key).
    """
    table = open_table(path, CONFIGURED_SECTIONS, what="product export")
    try:
        return _read(table, column, option)
    finally:
        table.close()


def _read(table: Table, chosen: Optional[str], option: str) -> Logins:
    header = table.header
    login = header.require("login email addresses", names.CONFIGURED_EMAIL, chosen, option)
    status = header.find(names.CONFIGURED_STATUS)
    dated = _Dates(table, header.find(names.CONFIGURED_DATE))
    logins = Logins(table.path.name, table.path, header.raw[login], has_status=status >= 0)
    cells, lines = logins.cells, logins.lines
    width = len(header)
    states: dict[str, AccountState] = {}
    pending = AccountState.PENDING
    with table.reading():
        for line, row in table.numbered:
            if len(row) < width:
                if not any(row):
                    continue  # a blank line, or a spreadsheet's empty trailing rows
                row = row + [""] * (width - len(row))
            cell = row[login]
            if not cell and not any(row):
                continue
            lines.append(line or 0)
            cells.append(cell)
            if status >= 0:
                state = states.get(row[status])
                if state is None:
                    state = states[row[status]] = account_state(row[status])
                if state is pending:
                    logins.pending[len(cells) - 1] = dated.since(row, line)
    return logins


class _Dates:
    """The created/invited dates of pending accounts, each distinct cell read once."""

    def __init__(self, table: Table, column: int) -> None:
        self.table = table
        self.column = column
        self.name = table.header.raw[column] if column >= 0 else ""
        self.seen: dict[str, Optional[datetime]] = {}

    def since(self, row: list[str], line: Optional[int]) -> Optional[datetime]:
        if self.column < 0:
            return None
        cell = row[self.column]
        if cell in self.seen:
            return self.seen[cell]
        table = self.table
        when = read_since(cell, table.path, self.name, line, table.key())
        if len(self.seen) < 10_000:
            self.seen[cell] = when
        return when


def read_since(
    cell: str, path: Path, column: str, line: Optional[int], key: Optional[str] = None
) -> Optional[datetime]:
    """A created/invited date cell of the product export (None when empty).

    ``InputError`` naming the file, line (or TOML/JSON item) and column when the
    cell is not a date.
    """
    text = cell.strip()
    if not text:
        return None
    when = parse_when(text)
    if when is None:
        raise InputError(
            f"cannot read the date {text!r} in column {column!r}; write dates as YYYY-MM-DD "
            "(or YYYY-MM-DDTHH:MM:SSZ)",
            path=path,
            line=line,
            key=key,
        )
    return when
