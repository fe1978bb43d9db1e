"""What one check is asked to do: a config block or a command line, as plain values.

``run`` builds these from its config file (``sources.config``), the ``identities``
command from its arguments; the pipelines take them. Nothing here reads a file.
"""

from datetime import date
from pathlib import Path
from typing import NamedTuple, Optional, Union

__all__ = ["ENTRA_PREFIX", "DatacenterEntry", "IdentitiesEntry", "RequestEntry", "is_entra_spec"]

#: EXPECTED names Entra ID itself, read through Microsoft Graph (``sources.entra``).
ENTRA_PREFIX = "entra:"


def is_entra_spec(text: str) -> bool:
    """Whether EXPECTED names Entra ID (``entra:...``) rather than a file."""
    return text.strip()[: len(ENTRA_PREFIX)].lower() == ENTRA_PREFIX


class DatacenterEntry(NamedTuple):
    url: str
    expect: Optional[str] = None
    #: The block's ``name``: carried by its results (``group``) so blocks can be told apart.
    name: str = ""
    #: Where the block is (``datacenter[1]``), for errors that name file and line.
    key: str = ""


class IdentitiesEntry(NamedTuple):
    configured: Path
    #: A file, or a live source such as ``entra:`` / ``entra:group/<id or name>``.
    expected: Union[Path, str]
    product: Optional[str] = None
    dns: bool = True
    name: str = ""
    redact: bool = False
    #: Count activation days up to this date (as --as-of), not today.
    as_of: Optional[date] = None
    #: Per-person coverage (ID007) even when the expected set is the whole directory.
    coverage: bool = False
    login_column: Optional[str] = None
    expected_column: Optional[str] = None
    key: str = ""


class RequestEntry(NamedTuple):
    file: Path
    kind: Optional[str] = None
    name: str = ""
    key: str = ""
