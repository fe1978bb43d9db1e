"""Readers for identity exports: the product's logins and the identity provider's people.

- :mod:`.product` — CONFIGURED, the product's users: :func:`read_logins` -> :class:`Logins`
- :mod:`.directory` — EXPECTED, the directory: :func:`read_expected`,
  :func:`directory_from_records` (Microsoft Graph records) -> :class:`Directory`
- :mod:`.columns` — which header names mean what; ``--login-column`` / ``--expected-column``
- :mod:`.tables`, :mod:`.csvrows` — CSV, TOML and JSON files as rows of cells
- :mod:`.addresses` — proxy-address cells and guests' ``#EXT#`` names

They read and never judge: every verdict is made in ``emailsec_check.checks.identities``.
Anything unusable (a missing column, bytes that are not UTF-8, broken quoting, an
unreadable date) is an ``InputError`` naming the file and line.
"""

from __future__ import annotations

from emailsec_check.sources.identities.addresses import (
    guest_address,
    primary_smtp,
    split_addresses,
)
from emailsec_check.sources.identities.columns import Header, normalise_header
from emailsec_check.sources.identities.directory import (
    GRAPH_FIELDS,
    Directory,
    DirectoryKind,
    Trait,
    directory_from_records,
    read_expected,
)
from emailsec_check.sources.identities.product import (
    AccountState,
    Logins,
    account_state,
    read_logins,
    read_since,
)
from emailsec_check.sources.identities.tables import Table, open_table

__all__ = [
    "GRAPH_FIELDS",
    "AccountState",
    "Directory",
    "DirectoryKind",
    "Header",
    "Logins",
    "Table",
    "Trait",
    "account_state",
    "directory_from_records",
    "guest_address",
    "normalise_header",
    "open_table",
    "primary_smtp",
    "read_expected",
    "read_logins",
    "read_since",
    "split_addresses",
]
