"""What one check is asked to do: a config block or a command line, as plain values.

``run`` builds these from its config file (``sources.config``), the ``identities``
command from its arguments; the pipelines take them. Nothing here reads a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Final, Optional, Union

from emailsec_check.record import Record

__all__ = ["ENTRA_PREFIX", "DatacenterEntry", "IdentitiesEntry", "RequestEntry", "is_entra_spec"]

#: EXPECTED names Entra ID itself, read through Microsoft Graph (``sources.entra``).
ENTRA_PREFIX = "entra:"


def is_entra_spec(text: str) -> bool:
    """Whether EXPECTED names Entra ID (``entra:...``) rather than a file."""
    return text.strip()[: len(ENTRA_PREFIX)].lower() == ENTRA_PREFIX


class DatacenterEntry(Record):
    __slots__ = ("url", "expect", "name", "key")

    url: Final[str]
    expect: Final[Optional[str]]
    #: The block's ``name``: carried by its results (``group``) so blocks can be told apart.
    name: Final[str]
    #: Where the block is (``datacenter[1]``), for errors that name file and line.
    key: Final[str]

    def __init__(
        self, url: str, expect: Optional[str] = None, name: str = "", key: str = ""
    ) -> None:
        self.url = url
        self.expect = expect
        self.name = name
        self.key = key


class IdentitiesEntry(Record):
    __slots__ = (
        "configured",
        "expected",
        "product",
        "dns",
        "name",
        "redact",
        "as_of",
        "coverage",
        "login_column",
        "expected_column",
        "key",
    )

    configured: Final[Path]
    #: A file, or a live source such as ``entra:`` / ``entra:group/<id or name>``.
    expected: Final[Union[Path, str]]
    product: Final[Optional[str]]
    dns: Final[bool]
    name: Final[str]
    redact: Final[bool]
    #: Count activation days up to this date (as --as-of), not today.
    as_of: Final[Optional[date]]
    #: Per-person coverage (ID007) even when the expected set is the whole directory.
    coverage: Final[bool]
    login_column: Final[Optional[str]]
    expected_column: Final[Optional[str]]
    key: Final[str]

    def __init__(
        self,
        configured: Path,
        expected: Union[Path, str],
        product: Optional[str] = None,
        dns: bool = True,
        name: str = "",
        redact: bool = False,
        as_of: Optional[date] = None,
        coverage: bool = False,
        login_column: Optional[str] = None,
        expected_column: Optional[str] = None,
        key: str = "",
    ) -> None:
        self.configured = configured
        self.expected = expected
        self.product = product
        self.dns = dns
        self.name = name
        self.redact = redact
        self.as_of = as_of
        self.coverage = coverage
        self.login_column = login_column
        self.expected_column = expected_column
        self.key = key


class RequestEntry(Record):
    __slots__ = ("file", "kind", "name", "key")

    file: Final[Path]
    kind: Final[Optional[str]]
    name: Final[str]
    key: Final[str]

    def __init__(
        self, file: Path, kind: Optional[str] = None, name: str = "", key: str = ""
    ) -> None:
        self.file = file
        self.kind = kind
        self.name = name
        self.key = key
