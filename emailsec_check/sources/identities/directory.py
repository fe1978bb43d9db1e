"""The identity provider's people (EXPECTED), read into a compact index of facts.

Sources: an Entra ID "Download users" CSV as the admin center writes it (UTF-8 with a
byte-order mark, CRLF, ``objectId`` or ``id``, guests' ``#EXT#`` names, no alias
column), the Microsoft 365 admin center's "Export users" CSV (``Block credential``,
``Proxy addresses``), a generic CSV (email, given name, surname, provider, aliases),
TOML/JSON, or user records from Microsoft Graph (:func:`directory_from_records`).

Only facts are kept: each person's sign-in address, their other addresses, and a
few :class:`Trait` bits (Microsoft account, guest, disabled, which name is empty).
What the facts mean for a login is decided in ``checks/identities``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum, IntFlag
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path
from typing import Any, Final, Optional

from emailsec_check.record import Record
from emailsec_check.sources.identities import columns as names
from emailsec_check.sources.identities.addresses import (
    guest_address,
    primary_smtp,
    split_addresses,
)
from emailsec_check.sources.identities.columns import Header
from emailsec_check.sources.identities.tables import Table, open_table

__all__ = [
    "EXPECTED_OPTION",
    "EXPECTED_SECTIONS",
    "GRAPH_FIELDS",
    "Directory",
    "DirectoryKind",
    "Trait",
    "directory_from_records",
    "read_expected",
]

#: Sections of a TOML/JSON file that hold the list of people.
EXPECTED_SECTIONS = ("identities", "users", "people")
#: How a user names the address column of EXPECTED.
EXPECTED_OPTION = "--expected-column"
#: The Microsoft Graph user properties :func:`directory_from_records` reads.
GRAPH_FIELDS = (
    "userPrincipalName", "mail", "otherMails", "proxyAddresses", "givenName", "surname",
    "accountEnabled", "userType", "creationType", "createdDateTime", "displayName",
)  # fmt: skip


class Trait(IntFlag):
    """What the directory says about one person (``Directory.traits``)."""

    NONE = 0
    MICROSOFT = 1  # a Microsoft (Entra ID / Microsoft 365) account
    NO_GIVEN_NAME = 2  # the given-name cell is empty
    NO_SURNAME = 4  # the surname cell is empty
    GUEST = 8  # a guest of the tenant (userType Guest, or an #EXT# name)
    DISABLED = 16  # cannot sign in: accountEnabled false, or Block credential true


class DirectoryKind(str, Enum):
    """Where the people come from: the checks word some advice by it."""

    ENTRA = "entra"  # a Microsoft directory (a user principal name column, or Graph)
    GENERIC = "generic"  # any other list


# Plain ints of the traits, for the loop that runs once per person.
_MICROSOFT = int(Trait.MICROSOFT)
_NO_GIVEN_NAME = int(Trait.NO_GIVEN_NAME)
_NO_SURNAME = int(Trait.NO_SURNAME)
_GUEST = int(Trait.GUEST)
_DISABLED = int(Trait.DISABLED)

_FALSE_WORDS = frozenset({"false", "no", "0", "disabled", "blocked"})
_TRUE_WORDS = frozenset({"true", "yes", "1"})
_MICROSOFT_WORDS = (
    "microsoft", "entra", "azure", "aad", "office", "m365", "o365", "outlook", "hotmail", "live",
)  # fmt: skip


class Directory:
    """The people of the directory, compact: an index entry and a byte of traits each.

    ``primary`` maps each sign-in address in lower case to the person's number,
    ``secondary`` their other addresses (aliases, a user principal name that is not
    the mail address, a guest's ``#EXT#`` name); ``addresses[n]`` is person n's
    sign-in address as the source writes it, ``flags[n]`` their :class:`Trait` bits.
    """

    __slots__ = (
        "addresses", "aliases_known", "flags", "kind", "names_known", "path", "primary",
        "scoped", "secondary", "source",
    )  # fmt: skip

    def __init__(
        self,
        source: str,
        path: Optional[Path] = None,
        *,
        names_known: bool = False,
        aliases_known: bool = False,
        scoped: bool = False,
        kind: DirectoryKind = DirectoryKind.GENERIC,
    ) -> None:
        #: What the report calls the source (a file name, or "Microsoft Entra ID").
        self.source = source
        self.path = path
        self.primary: dict[str, int] = {}
        self.secondary: dict[str, int] = {}
        self.addresses: list[str] = []
        self.flags = bytearray()
        #: Whether the source has given-name and surname columns at all.
        self.names_known = names_known
        #: Whether the source can show aliases (a proxy-address, other-mail or alias column).
        self.aliases_known = aliases_known
        #: Whether the people are a chosen part of the directory (a group), not all of it.
        self.scoped = scoped
        self.kind = kind

    def __len__(self) -> int:
        return len(self.addresses)

    def traits(self, number: int) -> Trait:
        return Trait(self.flags[number])


def read_expected(
    path: Path, column: Optional[str] = None, *, option: str = EXPECTED_OPTION
) -> Directory:
    """Read the identity provider's export; ``InputError`` for anything unusable.

    ``column`` names the address column when the header's names are not known ones;
    ``option`` is how errors call the setting that named it (a config says its key).
    """
    table = open_table(path, EXPECTED_SECTIONS, what="expected identities file")
    try:
        return _read(table, path.name, column, option)
    finally:
        table.close()


def directory_from_records(
    records: Iterable[Mapping[str, Any]], source: str, *, scoped: bool = False
) -> Directory:
    """People from Microsoft Graph user records (``GRAPH_FIELDS``), as a CSV with those
    columns would give them; ``scoped`` for a group's members."""
    from emailsec_check.sources.identities.records import RecordTable  # only for Graph

    directory = _read(RecordTable(records, source), source, None, EXPECTED_OPTION)
    directory.path = None
    directory.scoped = scoped
    return directory


class _Columns(Record):
    """Where each fact is in a row (-1: the source has no such column)."""

    __slots__ = (
        "upn",
        "mail",
        "given",
        "surname",
        "provider",
        "user_type",
        "enabled",
        "blocked",
        "proxy",
        "aliases",
    )

    upn: Final[int]
    mail: Final[int]
    given: Final[int]
    surname: Final[int]
    provider: Final[int]
    user_type: Final[int]
    enabled: Final[int]
    blocked: Final[int]
    proxy: Final[int]
    aliases: Final[tuple[int, ...]]

    def __init__(
        self,
        upn: int,
        mail: int,
        given: int,
        surname: int,
        provider: int,
        user_type: int,
        enabled: int,
        blocked: int,
        proxy: int,
        aliases: tuple[int, ...],
    ) -> None:
        self.upn = upn
        self.mail = mail
        self.given = given
        self.surname = surname
        self.provider = provider
        self.user_type = user_type
        self.enabled = enabled
        self.blocked = blocked
        self.proxy = proxy
        self.aliases = aliases

    @classmethod
    def of(cls, header: Header, chosen: Optional[str], option: str) -> _Columns:
        upn = header.find(names.EXPECTED_UPN)
        if chosen is not None or upn < 0:
            mail = header.require(
                "email addresses", names.EXPECTED_UPN + names.EXPECTED_EMAIL, chosen, option
            )
            if mail == upn:
                mail = -1
        else:
            mail = header.find(names.EXPECTED_EMAIL)
        return cls(
            upn=upn,
            mail=mail,
            given=header.find(names.EXPECTED_GIVEN),
            surname=header.find(names.EXPECTED_SURNAME),
            provider=header.find(names.EXPECTED_PROVIDER),
            user_type=header.find(names.EXPECTED_TYPE),
            enabled=header.find(names.EXPECTED_ENABLED),
            blocked=header.find(names.EXPECTED_BLOCKED),
            proxy=header.find(names.EXPECTED_PROXY),
            aliases=tuple(header.find_all(names.EXPECTED_ALIASES)),
        )

    def directory(self, source: str, path: Optional[Path]) -> Directory:
        entra = self.upn >= 0
        return Directory(
            source,
            path,
            names_known=self.given >= 0 and self.surname >= 0,
            aliases_known=bool(self.aliases),
            kind=DirectoryKind.ENTRA if entra else DirectoryKind.GENERIC,
        )


def _read(table: Table, source: str, chosen: Optional[str], option: str) -> Directory:
    columns = _Columns.of(table.header, chosen, option)
    directory = columns.directory(source, table.path)
    reader = _RowReader(columns, directory)
    with table.reading():
        lows, others = _read_rows(table.rows, len(table.header), reader, directory)
    _index(directory, lows, others)
    return directory


def _read_rows(
    rows: Iterable[list[str]], width: int, reader: _RowReader, directory: Directory
) -> tuple[list[str], list[tuple[int, str]]]:
    """Each person's sign-in address in lower case, in row order, and their other
    addresses as (person, address in lower case); ``directory`` gets the rest.

    This runs once per person of a large tenant: the common row (a mail address
    that is also the user principal name, or no user principal name) is handled
    here, anything else by ``reader``.
    """
    lows: list[str] = []
    others: list[tuple[int, str]] = []
    addresses, flags = directory.addresses, directory.flags
    cells_of, aliases = reader.cells_of, reader.columns.aliases
    account_of, accounts, traits = reader.account_of, reader.accounts, reader.traits
    names = reader.names
    for row in rows:
        if len(row) < width:
            if not any(row):
                continue  # a blank line
            row = row + [""] * (width - len(row))
        shown, upn, given, surname = cells_of(row)
        shown = shown.strip()
        upn = upn.strip()
        if not shown or (upn and upn != shown):
            shown, upn = reader.sign_in(row, shown, upn)
            if not shown:
                continue  # no address at all: nothing to compare with
        else:
            upn = ""  # the same as the mail address: nothing more to learn from it
        low = shown.lower()
        lows.append(low)
        addresses.append(low if low == shown else shown)
        # Most people's account cells are a combination seen before, and their names set.
        bits = accounts.get(account_of(row), -1)
        if bits < 0 or (names and not (given.strip() and surname.strip())):
            bits = traits(row)
        if upn:
            upn = upn.lower()
            others.append((len(lows) - 1, upn))
            bits |= _GUEST * ("#ext#" in upn)
        for column in aliases:
            if row[column]:
                others.extend(_other_addresses(row[column], len(lows) - 1, low))
        flags.append(bits)
    return lows, others


class _RowReader:
    """The less common parts of a row: other sign-in names, traits, aliases."""

    def __init__(self, columns: _Columns, directory: Directory) -> None:
        self.columns = columns
        self.base = _MICROSOFT if directory.kind is DirectoryKind.ENTRA else 0
        self.names = directory.names_known
        self.names_of = itemgetter(columns.given, columns.surname)
        self.cells_of: Callable[[list[str]], tuple[str, ...]] = self._cells_without_mail
        if columns.mail >= 0:
            # The mail, user principal name, given name and surname cells, in one call. A
            # column the source lacks reads the mail cell instead, which changes nothing:
            # a user principal name equal to the mail address is ignored, and names are
            # not looked at without name columns.
            cells = (columns.mail, columns.upn, columns.given, columns.surname)
            self.cells_of = itemgetter(*(at if at >= 0 else columns.mail for at in cells))
        # The cells that say what kind of account it is (type, enabled, blocked,
        # provider) have a handful of values: their bits are worked out once each.
        where = [columns.user_type, columns.enabled, columns.blocked, columns.provider]
        self.account_at = [column for column in where if column >= 0]
        self.account_of: Callable[[list[str]], Any] = (
            itemgetter(*self.account_at) if self.account_at else _nothing
        )
        self.accounts: dict[Any, int] = {}

    def _cells_without_mail(self, row: list[str]) -> tuple[str, ...]:
        """The cells ``cells_of`` reads, for a source whose addresses are in its user
        principal name column alone (the mail cell reads as empty)."""
        return ("", row[self.columns.upn], *self.names_of(row))

    def sign_in(self, row: list[str], mail: str, upn: str) -> tuple[str, str]:
        """(the address the person signs in with, another name of theirs or "")."""
        columns = self.columns
        if not mail and columns.proxy >= 0:
            mail = primary_smtp(row[columns.proxy])
        if mail:
            return mail, ("" if upn.lower() == mail.lower() else upn)
        if "#" in upn and "#ext#" in upn.lower():
            guest = guest_address(upn)
            return (guest, upn) if guest else (upn, "")
        return upn, ""

    def traits(self, row: list[str]) -> int:
        """The person's ``Trait`` bits from the account and name columns."""
        key = self.account_of(row)
        bits = self.accounts.get(key)
        if bits is None:
            bits = self.account_bits(row)
            if len(self.accounts) < 1000:
                self.accounts[key] = bits
        if self.names:
            given, surname = self.names_of(row)
            if not (given.strip() and surname.strip()):
                bits |= _NO_GIVEN_NAME * (not given.strip()) | _NO_SURNAME * (not surname.strip())
        return bits

    def account_bits(self, row: list[str]) -> int:
        """MICROSOFT, GUEST and DISABLED from the provider, type and account columns."""
        columns = self.columns
        bits = (
            self.base if columns.provider < 0 else _provider_bits(row[columns.provider], self.base)
        )
        if columns.user_type >= 0 and row[columns.user_type].strip().lower() == "guest":
            bits |= _GUEST
        if columns.enabled >= 0 and row[columns.enabled].strip().lower() in _FALSE_WORDS:
            bits |= _DISABLED
        if columns.blocked >= 0 and row[columns.blocked].strip().lower() in _TRUE_WORDS:
            bits |= _DISABLED
        return bits


def _nothing(row: list[str]) -> None:
    return None


def _provider_bits(cell: str, default: int) -> int:
    """MICROSOFT when a provider cell names Microsoft; ``default`` when it is empty."""
    word = cell.strip().lower()
    if not word:
        return default
    return _MICROSOFT if any(name in word for name in _MICROSOFT_WORDS) else 0


def _other_addresses(cell: str, number: int, low: str) -> list[tuple[int, str]]:
    """(person, address) for each address of an alias cell that is not the sign-in one."""
    found = []
    for alias in split_addresses(cell):
        alias_low = alias.lower()
        if alias_low != low:
            found.append((number, alias_low))
    return found


def _index(directory: Directory, lows: list[str], others: list[tuple[int, str]]) -> None:
    """Fill ``primary`` and ``secondary``: the first row of an address counts.

    Built in C from the reversed rows (so that the first of equal addresses is the
    one left), which is much cheaper than a look-up per row; should an address come
    twice (the same person in two rows), the later rows are taken out again.
    """
    count = len(lows)
    primary = dict(zip(reversed(lows), range(count - 1, -1, -1)))
    if len(primary) < count:  # the same person twice: keep the first row of each
        kept = [primary[low] == row for row, low in enumerate(lows)]
        renumbered = list(accumulate(kept, initial=0))  # a kept row's new number
        primary = {low: renumbered[row] for row, low in enumerate(lows) if kept[row]}
        directory.addresses[:] = compress(directory.addresses, kept)
        directory.flags[:] = bytearray(compress(directory.flags, kept))
        others = [(renumbered[row], other) for row, other in others if kept[row]]
    directory.primary = primary
    secondary = directory.secondary
    add_secondary = secondary.setdefault
    for number, other in others:
        add_secondary(other, number)
    # An address that is someone's sign-in address is never someone else's alias.
    for address in [alias for alias in secondary if alias in primary]:
        del secondary[address]
