"""Readers for identity exports: the product's users and the identity provider's.

CONFIGURED (the product side) is a CSV export with a column of login addresses
(Email, Login, User, Email Address, ...), optionally a status and a created or
invited date; or TOML/JSON with a list of users. EXPECTED (the identity-provider
side) is an Entra ID "Download users" CSV as real exports come (UTF-8 with a
byte-order mark, CRLF, ``id`` or ``objectId``, guests' ``#EXT#`` names), a generic
CSV (email, given name, surname, provider, aliases), or TOML/JSON.

Both are read for a large tenant: CSVs are streamed (a line without quotes is
split directly, the rest goes through ``csv.reader``: the same rows either way),
the directory is kept as a dict of addresses plus a byte of flags per identity,
and the product's rows are handed on one at a time. Anything that cannot be used
(a missing column, bytes that are not UTF-8, broken quoting, an unreadable date)
is an ``InputError`` naming the file and line. Files are only ever read.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import accumulate, compress
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Optional

from emailsec_check import tomlcompat
from emailsec_check.errors import InputError
from emailsec_check.rules.dates import parse_when

# Header names are compared in lower case with everything but letters and digits
# removed, so "E-mail", "Email Address" and "email_address" all match.
CONFIGURED_EMAIL = (
    "loginemail", "loginemailaddress", "signinemail", "logonemail",
    "email", "emailaddress", "mail", "primaryemail", "useremail",
    "login", "loginname", "logon", "logonname", "signinname",
    "username", "user", "userprincipalname", "upn", "account", "accountname",
)  # fmt: skip
CONFIGURED_STATUS = (
    "status", "accountstatus", "userstatus", "state", "activationstatus", "activation",
    "activated",
)  # fmt: skip
CONFIGURED_DATE = (
    "invited", "invitedon", "invitedat", "inviteddate", "invitationdate", "invitationsent",
    "dateinvited", "created", "createdon", "createdat", "createddate", "creationdate",
    "datecreated", "createddatetime", "whencreated", "added", "addedon", "dateadded",
)  # fmt: skip
EXPECTED_UPN = ("userprincipalname", "upn")
EXPECTED_EMAIL = (
    "mail", "email", "emailaddress", "primarysmtpaddress", "primaryemail", "address",
    "login", "username", "user", "signinname",
)  # fmt: skip
EXPECTED_GIVEN = ("givenname", "firstname", "first", "forename", "given")
EXPECTED_SURNAME = ("surname", "lastname", "last", "familyname", "sn", "family")
EXPECTED_PROVIDER = (
    "provider", "identityprovider", "idp", "authprovider", "authenticationprovider", "source",
    "directory",
)  # fmt: skip
EXPECTED_ALIASES = (
    "proxyaddresses", "othermails", "alternateemailaddress", "alternateemail", "aliases",
    "alias", "secondaryemails", "secondaryaddresses", "otheremails", "emailaliases",
)  # fmt: skip
EXPECTED_PROXY = ("proxyaddresses",)
EXPECTED_TYPE = ("usertype",)
EXPECTED_ENABLED = ("accountenabled", "enabled")
#: The Microsoft 365 admin center's export says the opposite: "Block credential".
EXPECTED_BLOCKED = ("blockcredential", "blocksignin", "signinblocked")

#: Sections of a TOML/JSON file that hold the list of users.
CONFIGURED_SECTIONS = ("users", "accounts", "logins")
EXPECTED_SECTIONS = ("identities", "users", "people")

# Per-identity flags of the directory (one byte each).
MICROSOFT = 1
NO_GIVEN_NAME = 2
NO_SURNAME = 4
GUEST = 8
DISABLED = 16
NAMES_MISSING = NO_GIVEN_NAME | NO_SURNAME
#: A Microsoft member (not a guest) without a given name or surname.
MICROSOFT_NAMES_MISSING = 32

# Account states of a product export row.
STATE_UNKNOWN = 0  # no status column, or the cell is empty
STATE_ACTIVE = 1
STATE_PENDING = 2  # invited or provisioned, not activated yet
STATE_OTHER = 3  # disabled, suspended, or a word we do not know

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
_FALSE_WORDS = frozenset({"false", "no", "0", "disabled", "blocked"})
_MICROSOFT_WORDS = (
    "microsoft", "entra", "azure", "aad", "office", "m365", "o365", "outlook", "hotmail", "live",
)  # fmt: skip

_CSV_SUFFIXES = {".csv", ".txt", ".tsv"}

#: One row of the product export: (address as given, line or None, state, pending since).
Account = tuple[str, Optional[int], int, Optional[datetime]]


def normalise_header(name: str) -> str:
    """``"Email Address"`` -> ``"emailaddress"``: how column names are compared."""
    return "".join(char for char in name.lower() if char.isalnum())


def guest_address(upn: str) -> str:
    """A guest's own address from its ``#EXT#`` directory name (``jo_mail.test#EXT#@t...``)."""
    local = upn[: upn.lower().find("#ext#")]
    name, underscore, domain = local.rpartition("_")
    return f"{name}@{domain}" if underscore and name and domain else ""


# Between addresses: ; , | or spaces; the Microsoft 365 admin center joins proxy
# addresses with "+", which is split only before a prefix (a+tag@x stays whole).
_ADDRESS_SEPARATORS = re.compile(r"[;,\s|]+|\+(?=[A-Za-z0-9]+:)")


def primary_smtp(cell: str) -> str:
    """The primary address of a proxyAddresses cell: the one marked ``SMTP:`` in capitals."""
    for part in _ADDRESS_SEPARATORS.split(cell.strip().strip("[]{}()")):
        item = part.strip().strip("'\"")
        if item.startswith("SMTP:") and "@" in item:
            return item[5:]
    return ""


def split_addresses(cell: str) -> list[str]:
    """Addresses in a proxyAddresses / otherMails / aliases cell, without ``smtp:`` prefixes.

    Cells come as ``SMTP:a@x;smtp:b@x``, ``["a@x", "b@x"]`` or ``{a@x, b@x}``; entries
    of other types (``SIP:``, ``X500:``) are left out.
    """
    found = []
    for part in _ADDRESS_SEPARATORS.split(cell.strip().strip("[]{}()")):
        item = part.strip().strip("'\"")
        if not item:
            continue
        kind, colon, rest = item.partition(":")
        if colon and "@" not in kind:
            if kind.lower() != "smtp":
                continue
            item = rest
        if "@" in item:
            found.append(item)
    return found


# --------------------------------------------------------------------------- tables


class _Table:
    """Rows of a CSV, TOML or JSON file under one header, with where each row is."""

    def __init__(self, path: Path, header: Sequence[str], rows: Iterator[list[str]]) -> None:
        self.path = path
        self.raw_header = [cell.strip().lstrip("\ufeff") for cell in header]
        self.header = [normalise_header(cell) for cell in self.raw_header]
        self.rows = rows
        self.width = len(self.header)
        #: The header's line (CSV), for a missing column.
        self.header_line: Optional[int] = None

    def column(self, names: Sequence[str]) -> int:
        """Index of the first of ``names`` the header has (in the order of ``names``), or -1."""
        for name in names:
            if name in self.header:
                return self.header.index(name)
        return -1

    def columns(self, names: Sequence[str]) -> list[int]:
        return [index for index, name in enumerate(self.header) if name in names]

    def line(self) -> Optional[int]:
        """The line the current row ends on (CSV), or None."""
        return None

    def key(self) -> Optional[str]:
        """The current item (``users[3]``) of a TOML/JSON file, or None."""
        return None

    def error(self, message: str) -> InputError:
        return InputError(message, path=self.path, line=self.line(), key=self.key())

    def missing(self, what: str, names: Sequence[str]) -> InputError:
        found = ", ".join(cell for cell in self.raw_header if cell) or "none"
        return InputError(
            f"no column with {what} (looked for {', '.join(names[:8])}, ...; found: {found})",
            path=self.path,
            line=self.header_line,
        )

    @contextmanager
    def reading(self) -> Iterator[None]:
        yield

    def close(self) -> None:
        pass


class _CsvTable(_Table):
    def __init__(self, path: Path, stream: IO[str], encoding: str) -> None:
        self.path = path
        self.stream = stream
        self.encoding = encoding
        #: Lines read before the header (blank lines, Excel's "sep=;" line).
        self.offset = 0
        self.reader: Optional[Any] = None
        #: Lines read up to the end of the current row, once past the header (``line()``).
        self.count = -1
        with self._translating():
            first = self._first_line()
            delimiter = ","
            if first.lower().startswith("sep=") and len(first.strip()) == 5:
                delimiter = first.strip()[4]  # Excel's "sep=;" line names the delimiter
                self.offset += 1
                first = self._first_line()
            elif first.count(",") == 0:
                counts = {char: first.count(char) for char in (";", "\t", "|")}
                best = max(counts, key=lambda char: counts[char])
                delimiter = best if counts[best] else ","
            feed = _Feed(stream)
            feed.line = first
            reader = csv.reader(feed, delimiter=delimiter, strict=True)
            self.reader = reader
            header = next(reader, [])
        super().__init__(path, header, self._rows(stream, feed, reader, delimiter))
        self.header_line = reader.line_num + self.offset
        self.count = self.header_line

    def _first_line(self) -> str:
        """The next line that is not blank (a file may start with empty lines)."""
        for line in self.stream:
            if line.strip():
                return line
            self.offset += 1
        return ""

    def _rows(
        self, lines: Iterator[str], feed: _Feed, reader: Any, delimiter: str
    ) -> Iterator[list[str]]:
        """The rows after the header, as ``csv.reader`` gives them, most of them faster.

        A line without a quote, a NUL or an over-long field is split on the
        delimiter directly, which is what the csv module does with it too; any
        other line goes to the csv module (with the lines after it that a quoted
        cell spans), so quoting and its errors are the csv module's own.
        """
        count = self.count
        limit = csv.field_size_limit()
        for line in lines:
            if '"' in line or "\0" in line or len(line) > limit:
                feed.line = line
                before = reader.line_num
                try:
                    row = next(reader, None)
                finally:
                    count += reader.line_num - before
                    self.count = count
                if row is None:
                    return
                yield row
                continue
            count += 1
            self.count = count
            if line[-1:] == "\n":
                line = line[:-2] if line[-2:-1] == "\r" else line[:-1]
            elif line[-1:] == "\r":
                line = line[:-1]
            yield line.split(delimiter) if line else []

    def line(self) -> int:
        if self.count < 0:  # still reading the header
            reader = self.reader
            return (reader.line_num if reader is not None else 0) + self.offset
        return self.count

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._translating():
            yield

    @contextmanager
    def _translating(self) -> Iterator[None]:
        """Turn the csv module's and the decoder's errors into one line naming file and line."""
        try:
            yield
        except csv.Error as error:
            line = self.line()
            text = str(error)
            if "unexpected end of data" in text or "EOF" in text:
                raise InputError(
                    'broken CSV quoting: a quoted cell is never closed (a stray " in a cell?)',
                    path=self.path,
                    line=_quote_start(self.path, self.encoding, line) or line,
                ) from None
            raise InputError(f"broken CSV quoting: {text}", path=self.path, line=line) from None
        except UnicodeDecodeError:
            raise _not_utf8(self.path, self.encoding, self.line()) from None

    def close(self) -> None:
        self.stream.close()


class _Feed:
    """The csv module's input: the line the fast path hands over, then the file's next lines."""

    __slots__ = ("line", "lines")

    def __init__(self, lines: Iterator[str]) -> None:
        self.line: Optional[str] = None
        self.lines = lines

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.line
        if line is None:
            return next(self.lines)
        self.line = None
        return line


class _ItemTable(_Table):
    """A TOML/JSON list of users (objects or plain addresses) as rows."""

    def __init__(self, path: Path, section: str, items: Sequence[Any], address_key: str) -> None:
        self.path = path
        self.section = section
        self.index = -1
        records = [self._record(item, number, address_key) for number, item in enumerate(items)]
        header: list[str] = [] if records else [address_key]  # an empty list is no error
        for record in records:
            header.extend(name for name in record if name not in header)
        self.records = records
        super().__init__(path, header, self._rows(header))

    def _record(self, item: Any, number: int, address_key: str) -> dict[str, str]:
        if isinstance(item, str):
            return {address_key: item}
        if not isinstance(item, Mapping):
            raise InputError(
                "must be a table/object with an email key, or an address",
                path=self.path,
                key=f"{self.section}[{number}]",
            )
        record: dict[str, str] = {}
        for name, value in item.items():
            record[str(name)] = _cell_text(value, self.path, f"{self.section}[{number}].{name}")
        return record

    def _rows(self, header: list[str]) -> Iterator[list[str]]:
        for index, record in enumerate(self.records):
            self.index = index
            yield [record.get(name, "") for name in header]

    def key(self) -> Optional[str]:
        return f"{self.section}[{self.index}]" if self.index >= 0 else None


def _cell_text(value: Any, path: Path, key: str) -> str:
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


def _open_table(path: Path, sections: Sequence[str], address_key: str) -> _Table:
    try:
        with path.open("rb") as probe:
            head = probe.read(4)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from None
    encoding = "utf-16" if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8-sig"
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json"):
        return _structured(path, encoding, suffix, sections, address_key)
    if suffix not in _CSV_SUFFIXES and head.lstrip()[:1] in (b"{", b"["):
        return _structured(path, encoding, ".json", sections, address_key)
    try:
        stream = path.open(encoding=encoding, newline="", errors="strict")
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from None
    try:
        return _CsvTable(path, stream, encoding)
    except BaseException:
        stream.close()
        raise


def _structured(
    path: Path, encoding: str, suffix: str, sections: Sequence[str], address_key: str
) -> _Table:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise _not_utf8(path, encoding, 0) from None
    data: Any
    if suffix == ".toml":
        data = tomlcompat.parse_user_toml(text, path)
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"not valid JSON: {error.msg}", path=path, line=error.lineno) from None
        except RecursionError:
            raise InputError("not valid JSON: nested too deeply", path=path) from None
    if isinstance(data, list):
        return _ItemTable(path, "items", data, address_key)
    if isinstance(data, dict):
        for section in sections:
            if section in data:
                items = data[section]
                if not isinstance(items, list):
                    raise InputError("must be a list", path=path, key=section)
                return _ItemTable(path, section, items, address_key)
    names = " or ".join(f"[[{section}]]" for section in sections[:2])
    raise InputError(f"no list of users found: expected {names} entries", path=path)


def _not_utf8(path: Path, encoding: str, fallback: int) -> InputError:
    line = _undecodable_line(path) if encoding != "utf-16" else None
    return InputError(
        "not UTF-8 text (save the export as 'CSV UTF-8')",
        path=path,
        line=line or (fallback + 1 if fallback else None),
    )


def _undecodable_line(path: Path) -> Optional[int]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    decoder.decode(line)
                except UnicodeDecodeError:
                    return number
    except OSError:
        return None
    return None


def _quote_start(path: Path, encoding: str, end: int) -> Optional[int]:
    """Where the cell that is never closed opens: after the last row that parsed."""
    try:
        with path.open(encoding=encoding, newline="", errors="replace") as stream:
            reader = csv.reader(stream, strict=False)
            last = 0
            for _row in reader:
                if reader.line_num >= end:
                    break
                last = reader.line_num
            return last + 1
    except (OSError, csv.Error):
        return None


# --------------------------------------------------------------------------- expected


@dataclass
class Directory:
    """The identity provider's people, compact: an index entry and a flag byte each.

    ``primary`` maps each sign-in address in lower case to the identity's number,
    ``secondary`` its other addresses (aliases, a user principal name that is not
    the mail address, a guest's ``#EXT#`` name); ``addresses[n]`` is identity n's
    sign-in address as the export writes it, ``flags[n]`` its ``MICROSOFT``,
    ``NO_GIVEN_NAME``, ``NO_SURNAME``, ``GUEST`` and ``DISABLED`` bits.
    """

    path: Path
    primary: dict[str, int] = field(default_factory=dict)
    secondary: dict[str, int] = field(default_factory=dict)
    addresses: list[str] = field(default_factory=list)
    flags: bytearray = field(default_factory=bytearray)
    #: Whether the export has given-name and surname columns at all.
    names_known: bool = False
    #: "entra" for an Entra ID export, else "generic".
    kind: str = "generic"

    def __len__(self) -> int:
        return len(self.addresses)


def read_expected(path: Path) -> Directory:
    """Read the identity provider's export; ``InputError`` for anything unusable."""
    table = _open_table(path, EXPECTED_SECTIONS, "email")
    try:
        return _read_directory(table)
    finally:
        table.close()


def _read_directory(table: _Table) -> Directory:
    c_upn = table.column(EXPECTED_UPN)
    c_mail = table.column(EXPECTED_EMAIL)
    if c_upn < 0 and c_mail < 0:
        raise table.missing("email addresses", EXPECTED_UPN + EXPECTED_EMAIL)
    c_given = table.column(EXPECTED_GIVEN)
    c_surname = table.column(EXPECTED_SURNAME)
    c_provider = table.column(EXPECTED_PROVIDER)
    c_type = table.column(EXPECTED_TYPE)
    c_enabled = table.column(EXPECTED_ENABLED)
    c_blocked = table.column(EXPECTED_BLOCKED)
    c_proxy = table.column(EXPECTED_PROXY)
    c_aliases = table.columns(EXPECTED_ALIASES)
    entra = c_upn >= 0
    names = c_given >= 0 and c_surname >= 0
    directory = Directory(table.path, names_known=names, kind="entra" if entra else "generic")
    # Row by row: each identity's address in lower case, as written, its flags and its
    # other addresses; the index of the addresses is made afterwards, in one go.
    lows: list[str] = []
    lows_append = lows.append
    addresses_append = directory.addresses.append
    flags_append = directory.flags.append
    others: list[tuple[int, str]] = []  # (row, another address of its identity)
    others_append = others.append
    width = table.width
    provider_cache: dict[str, int] = {}
    base = MICROSOFT if entra else 0

    with table.reading():
        for row in table.rows:
            if len(row) < width:
                if not any(row):
                    continue  # a blank line
                row = row + [""] * (width - len(row))
            mail = row[c_mail].strip() if c_mail >= 0 else ""
            if not mail and c_proxy >= 0:
                mail = primary_smtp(row[c_proxy])
            upn = ""
            if c_upn < 0:
                shown = mail
            else:
                upn = row[c_upn].strip()
                if mail:
                    shown = mail
                    if upn == mail:
                        upn = ""  # nothing more to learn from it
                elif "#" in upn and "#ext#" in upn.lower():
                    shown = guest_address(upn) or upn
                else:
                    shown, upn = upn, ""
            low = shown.lower()
            if not low:
                continue  # no address at all: nothing to compare with
            number = len(lows)
            lows_append(low)
            addresses_append(low if low == shown else shown)
            bits = (
                _provider_bits(row[c_provider], provider_cache, base) if c_provider >= 0 else base
            )
            if names:
                if not row[c_given].strip():
                    bits |= NO_GIVEN_NAME
                if not row[c_surname].strip():
                    bits |= NO_SURNAME
            if c_type >= 0:
                kind = row[c_type]
                if kind != "Member" and kind.strip().lower() == "guest":
                    bits |= GUEST
            if c_enabled >= 0:
                enabled = row[c_enabled]
                if enabled != "True" and enabled.strip().lower() in _FALSE_WORDS:
                    bits |= DISABLED
            if c_blocked >= 0 and row[c_blocked].strip().lower() in ("true", "yes", "1"):
                bits |= DISABLED
            if upn:
                upn_low = upn.lower()
                if upn_low != low:
                    others_append((number, upn_low))
                    if "#ext#" in upn_low:
                        bits |= GUEST
            for column in c_aliases:
                cell = row[column]
                if cell:
                    for alias in split_addresses(cell):
                        alias_low = alias.lower()
                        if alias_low != low:
                            others_append((number, alias_low))
            if bits & NAMES_MISSING and bits & (MICROSOFT | GUEST) == MICROSOFT:
                bits |= MICROSOFT_NAMES_MISSING
            flags_append(bits)
    _index(directory, lows, others)
    return directory


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


def _provider_bits(cell: str, cache: dict[str, int], default: int) -> int:
    bits = cache.get(cell)
    if bits is None:
        word = cell.strip().lower()
        if not word:
            bits = default
        else:
            bits = MICROSOFT if any(name in word for name in _MICROSOFT_WORDS) else 0
        if len(cache) < 1000:
            cache[cell] = bits
    return bits


# --------------------------------------------------------------------------- configured


class _States(dict[str, int]):
    """Status cell -> account state, each distinct cell classified once."""

    def __missing__(self, cell: str) -> int:
        state = _state(cell)
        if len(self) < 1000:  # a status column has a handful of values
            self[cell] = state
        return state


class ConfiguredExport:
    """The product's users, row by row (use as a context manager).

    For speed the rows are handed out as they come (lists of cells, ``width`` long
    or shorter): ``column`` is the login's cell, ``status_column`` and
    ``date_column`` the optional status and date (-1 when absent), ``states`` turns
    a status cell into ``STATE_*``, ``since(row)`` reads a date cell, ``line()``
    says where the current row is. Iterate ``rows`` inside ``reading()``, which
    turns broken quoting and undecodable bytes into an ``InputError``.
    ``accounts()`` gives the same as ``Account`` tuples.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        table = _open_table(path, CONFIGURED_SECTIONS, "email")
        self._table = table
        try:
            self.column = table.column(CONFIGURED_EMAIL)
            if self.column < 0:
                raise table.missing("login email addresses", CONFIGURED_EMAIL)
            self.status_column = table.column(CONFIGURED_STATUS)
            self.date_column = table.column(CONFIGURED_DATE)
        except BaseException:
            table.close()
            raise
        self.column_name = table.raw_header[self.column]
        #: The date column's name as the header writes it ("" without one).
        self.date_name = table.raw_header[self.date_column] if self.date_column >= 0 else ""
        self.rows = table.rows
        self.width = table.width
        self.states = _States()
        self.line = table.line
        #: Where the current row is in a TOML/JSON file (``users[3]``), else None.
        self.key = table.key
        self.reading = table.reading

    def __enter__(self) -> ConfiguredExport:
        return self

    def __exit__(
        self,
        kind: Optional[type[BaseException]],
        value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self._table.close()

    def since(self, row: list[str]) -> Optional[datetime]:
        """The created/invited date of ``row`` (None: no date column, or the cell is empty)."""
        if self.date_column < 0:
            return None
        return read_since(row[self.date_column], self.path, self.date_name, self.line(), self.key())

    def accounts(self) -> Iterator[Account]:
        """Every row as (address as given, line, state, since): the plain view."""
        width = self.width
        with self.reading():
            for row in self.rows:
                if len(row) < width:
                    row = row + [""] * (width - len(row))
                if not any(row):
                    continue  # a blank line, or a spreadsheet's empty trailing rows
                state = self.states[row[self.status_column]] if self.status_column >= 0 else 0
                since = self.since(row) if state == STATE_PENDING else None
                yield row[self.column], self.line(), state, since


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


def open_configured(path: Path) -> ConfiguredExport:
    """Open the product's export; iterate it inside ``with``. ``InputError`` if unusable."""
    return ConfiguredExport(path)


def _state(cell: str) -> int:
    word = normalise_header(cell)
    if not word:
        return STATE_UNKNOWN
    if word in _ACTIVE_WORDS:
        return STATE_ACTIVE
    if word in _PENDING_WORDS:
        return STATE_PENDING
    return STATE_OTHER
