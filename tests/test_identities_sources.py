"""Reading identity exports: Entra ID as it really comes, generic CSVs, TOML/JSON, and
every way a file can be unusable (exit 2 naming the file and line)."""

from __future__ import annotations

import codecs
import csv
import random
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import pytest

from emailsec_check.errors import InputError
from emailsec_check.rules.dates import parse_when
from emailsec_check.sources.identities import (
    AccountState,
    Directory,
    DirectoryKind,
    Trait,
    account_state,
    guest_address,
    open_table,
    primary_smtp,
    read_expected,
    read_logins,
    split_addresses,
)

DISABLED, GUEST, MICROSOFT = Trait.DISABLED, Trait.GUEST, Trait.MICROSOFT
NO_GIVEN_NAME, NO_SURNAME = Trait.NO_GIVEN_NAME, Trait.NO_SURNAME
#: A login as read: (cell as written, line or None, pending since or None when not pending).
Account = tuple[str, Optional[int], Optional[datetime]]

DATA = Path(__file__).parent / "data" / "identities"


def write(folder: Path, name: str, text: str, *, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def accounts(path: Path) -> list[Account]:
    logins = read_logins(path)
    return [
        (cell, logins.line(row), logins.pending.get(row)) for row, cell in enumerate(logins.cells)
    ]


def identity(directory: Directory, address: str) -> tuple[str, int]:
    number = directory.primary[address.lower()]
    return directory.addresses[number], directory.flags[number]


# --------------------------------------------------------------------------- Entra ID


def test_entra_export_with_bom_crlf_guests_and_aliases() -> None:
    raw = (DATA / "entra-users.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"\r\n" in raw  # as the portal writes it

    directory = read_expected(DATA / "entra-users.csv")

    assert directory.kind is DirectoryKind.ENTRA and directory.names_known
    assert len(directory) == 7
    # The sign-in address is the mail address, as the export writes it.
    assert identity(directory, "jane.doe@acme.example") == ("Jane.Doe@acme.example", MICROSOFT)
    # Aliases and a user principal name that differs from the mail are secondary.
    jane = directory.primary["jane.doe@acme.example"]
    assert directory.secondary["jd@acme.example"] == jane
    frank = directory.primary["frank@acme.example"]
    assert directory.secondary["frank.upn@acme.example"] == frank
    # A guest is known by its own address; its #EXT# name is secondary.
    _pat_address, pat_flags = identity(directory, "pat@mail.test")
    assert pat_flags & GUEST and pat_flags & MICROSOFT
    assert (
        directory.secondary["pat_mail.test#ext#@acme.example"] == directory.primary["pat@mail.test"]
    )
    # Missing names of members are marked; a guest's are not held against it.
    assert identity(directory, "bob@acme.example")[1] == MICROSOFT | NO_SURNAME
    assert pat_flags == MICROSOFT | GUEST | NO_GIVEN_NAME | NO_SURNAME
    assert identity(directory, "carl@acme.example")[1] & DISABLED


@pytest.mark.parametrize(
    "header",
    [
        # The documented list, the newer portal's names, and display-name headers.
        "userPrincipalName,displayName,surname,mail,givenName,objectId,userType,accountEnabled",
        "id,displayName,userPrincipalName,userType,givenName,surname,mail,accountEnabled",
        (
            "User principal name,Display name,Last name,Email,First name,Object Id,User type,"
            "Account enabled"
        ),
    ],
)
def test_entra_header_variants(tmp_path: Path, header: str) -> None:
    names = [name.strip().lower().replace(" ", "") for name in header.split(",")]
    values = {
        "userprincipalname": "kim@acme.example",
        "mail": "Kim@acme.example",
        "email": "Kim@acme.example",
        "givenname": "Kim",
        "firstname": "Kim",
        "surname": "",
        "lastname": "",
        "usertype": "Member",
        "accountenabled": "True",
    }
    row = ",".join(values.get(name, "x") for name in names)
    path = write(tmp_path, "entra.csv", f"\ufeff{header}\r\n{row}\r\n")

    directory = read_expected(path)

    assert identity(directory, "kim@acme.example") == (
        "Kim@acme.example",
        MICROSOFT | NO_SURNAME,
    )


def test_guest_without_mail_is_known_by_the_address_in_its_ext_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entra.csv",
        "userPrincipalName,givenName,surname,mail,userType\r\n"
        "lee.roy_home.test#EXT#@acme.example,Lee,Roy,,Guest\r\n",
    )
    directory = read_expected(path)
    assert identity(directory, "lee.roy@home.test")[1] == MICROSOFT | GUEST
    assert guest_address("lee.roy_home.test#EXT#@acme.example") == "lee.roy@home.test"
    assert guest_address("no-ext@acme.example") == ""


def test_microsoft_365_admin_center_export(tmp_path: Path) -> None:
    """No mail column: the primary SMTP address comes from the proxy addresses."""
    path = write(
        tmp_path,
        "m365.csv",
        "Block credential,Display name,First name,Last name,Proxy addresses,User principal name\n"
        "True,Ann,Ann,A,smtp:ann.old@acme.example+SMTP:Ann@acme.example,ann.upn@acme.example\n",
    )
    directory = read_expected(path)
    address, flags = identity(directory, "ann@acme.example")
    assert address == "Ann@acme.example"
    assert flags & DISABLED
    assert set(directory.secondary) == {"ann.old@acme.example", "ann.upn@acme.example"}


def test_proxy_and_alias_cells() -> None:
    assert split_addresses("SMTP:a@x.example;smtp:b@x.example;SIP:a@x.example") == [
        "a@x.example",
        "b@x.example",
    ]
    assert split_addresses('["a+news@x.example", "b@y.example"]') == [
        "a+news@x.example",
        "b@y.example",
    ]
    assert split_addresses("smtp:a+tag@x.example+SMTP:B@x.example+X500:/o=Org") == [
        "a+tag@x.example",
        "B@x.example",
    ]
    assert primary_smtp("smtp:a@x.example;SMTP:B@x.example") == "B@x.example"
    assert primary_smtp("smtp:a@x.example") == ""


# --------------------------------------------------------------------------- generic CSV


def test_generic_csv_with_provider_and_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "people.csv",
        "email,first name,last name,provider,aliases\n"
        "ms@acme.example,Mo,,Microsoft Entra ID,\n"
        "okta@acme.example,Oki,,Okta,o@acme.example; other@acme.example\n"
        "  padded@acme.example  ,Pad,Ded,,\n",
    )
    directory = read_expected(path)

    assert directory.kind is DirectoryKind.GENERIC
    assert identity(directory, "ms@acme.example")[1] == MICROSOFT | NO_SURNAME
    # Not Microsoft: a missing surname does not block its sign-on.
    assert identity(directory, "okta@acme.example")[1] == NO_SURNAME
    assert directory.secondary == {
        "o@acme.example": directory.primary["okta@acme.example"],
        "other@acme.example": directory.primary["okta@acme.example"],
    }
    assert identity(directory, "padded@acme.example")[0] == "padded@acme.example"


def test_semicolon_csv_from_a_european_spreadsheet(tmp_path: Path) -> None:
    path = write(tmp_path, "users.csv", "sep=;\nE-Mail;Name\nuli@acme.example;Uli\n")
    assert accounts(path) == [("uli@acme.example", 3, None)]


@pytest.mark.parametrize(
    "header", ["Email", "Login", "User", "Email Address", "E-mail", "login_email"]
)
def test_configured_login_column_names(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, "product.csv", f"Name,{header},Role\r\nAl,al@acme.example,Admin\r\n")
    assert accounts(path) == [("al@acme.example", 2, None)]


def test_configured_status_and_date(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "product.csv",
        "Email,Status,Invited\n"
        "a@acme.example,Active,2026-01-01\n"
        "b@acme.example,Pending,2026-02-01T09:30:00Z\n"
        "c@acme.example,pending activation,\n"
        "d@acme.example,Suspended,2026-01-01\n"
        "e@acme.example,,\n"
        "\n"
        ",,\n",
    )
    assert accounts(path) == [
        ("a@acme.example", 2, None),
        ("b@acme.example", 3, datetime(2026, 2, 1, 9, 30, tzinfo=timezone.utc)),
        ("c@acme.example", 4, None),
        ("d@acme.example", 5, None),
        ("e@acme.example", 6, None),
    ]
    assert sorted(read_logins(path).pending) == [1, 2]  # b and c: not activated yet
    assert [account_state(cell) for cell in ("Active", "pending activation", "Suspended", "")] == [
        AccountState.ACTIVE,
        AccountState.PENDING,
        AccountState.OTHER,
        AccountState.UNKNOWN,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", datetime(2026, 3, 1, tzinfo=timezone.utc)),
        ("2026-03-01 10:15", datetime(2026, 3, 1, 10, 15, tzinfo=timezone.utc)),
        ("2026-03-01T10:15:00+02:00", datetime(2026, 3, 1, 8, 15, tzinfo=timezone.utc)),
        ("2026-03-01T10:15:00.1234567Z", datetime(2026, 3, 1, 10, 15, 0, 123456, timezone.utc)),
        ("2026/03/01", datetime(2026, 3, 1, tzinfo=timezone.utc)),
        ("01.03.2026", datetime(2026, 3, 1, tzinfo=timezone.utc)),
        ("1 Mar 2026", datetime(2026, 3, 1, tzinfo=timezone.utc)),
        ("Mar 1, 2026 10:15:00", datetime(2026, 3, 1, tzinfo=timezone.utc)),
        ("03/01/2026", None),  # month or day first? refused
        ("yesterday", None),
    ],
)
def test_dates(text: str, expected: datetime | None) -> None:
    assert parse_when(text) == expected


def test_an_unreadable_date_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path, "product.csv", "Email,Status,Created\na@acme.example,Invited,03/01/2026\n"
    )
    with pytest.raises(InputError) as caught:
        accounts(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: ")
    assert "'03/01/2026'" in message and "'Created'" in message and "YYYY-MM-DD" in message


# --------------------------------------------------------------------------- TOML / JSON


def test_toml_and_json_on_both_sides(tmp_path: Path) -> None:
    expected = write(
        tmp_path,
        "people.toml",
        "[[identities]]\n"
        'email = "Toml@acme.example"\n'
        'given_name = "To"\n'
        'surname = ""\n'
        'provider = "entra"\n'
        'aliases = ["t@acme.example"]\n'
        "enabled = false\n",
    )
    directory = read_expected(expected)
    assert identity(directory, "toml@acme.example") == (
        "Toml@acme.example",
        MICROSOFT | NO_SURNAME | DISABLED,
    )
    assert "t@acme.example" in directory.secondary

    configured = write(
        tmp_path,
        "product.json",
        '{"users": [{"email": "a@acme.example", "status": "invited", "invited": "2026-02-01"},'
        ' "b@acme.example"]}',
    )
    assert accounts(configured) == [
        ("a@acme.example", None, datetime(2026, 2, 1, tzinfo=timezone.utc)),
        ("b@acme.example", None, None),
    ]
    plain = write(tmp_path, "logins.toml", 'logins = ["c@acme.example"]\n')
    assert [account[0] for account in accounts(plain)] == ["c@acme.example"]
    assert accounts(write(tmp_path, "none.json", '{"users": []}')) == []


def test_a_person_listed_twice_counts_once_as_first_listed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "people.csv",
        "email,givenName,surname,aliases\n"
        "a@x.example,A,A,alias1@x.example\n"
        "b@x.example,B,B,a@x.example\n"  # someone's sign-in address is no one's alias
        "a@x.example,A2,,alias2@x.example\n"  # a again: this row counts for nothing
        "c@x.example,C,C,alias1@x.example\n"  # already a's alias
        "A@X.example,A3,A3,alias3@x.example\n"  # a again, in capitals
        ",,,\n"
        "d@x.example,,,alias2@x.example\n",
    )
    directory = read_expected(path)
    assert directory.primary == {f"{name}@x.example": n for n, name in enumerate("abcd")}
    assert directory.addresses == [f"{name}@x.example" for name in "abcd"]
    assert directory.secondary == {"alias1@x.example": 0, "alias2@x.example": 3}
    assert list(directory.flags) == [0, 0, 0, NO_GIVEN_NAME | NO_SURNAME]


# --------------------------------------------------------------------------- unusable input


def _error(path: Path, expected: bool = True) -> str:
    with pytest.raises(InputError) as caught:
        if expected:
            read_expected(path)
        else:
            accounts(path)
    return str(caught.value)


def test_missing_address_column(tmp_path: Path) -> None:
    path = write(tmp_path, "entra.csv", "\ufeffdisplayName,givenName\r\nJo,Jo\r\n")
    message = _error(path)
    assert message.startswith(f"{path}:1: no column with email addresses")
    assert "found: displayName, givenName" in message
    product = write(tmp_path, "product.csv", "\n\nName,Role\nJo,Admin\n")
    assert _error(product, expected=False).startswith(f"{product}:3: no column with login email")


def test_broken_quoting_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "product.csv", 'Email,Name\na@acme.example,A\n"b@acme.example"x,B\n')
    message = _error(path, expected=False)
    assert message.startswith(f"{path}:3: broken CSV quoting")


def test_a_quote_never_closed_names_where_it_opens(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entra.csv",
        'mail,givenName\r\na@acme.example,A\r\n"b@acme.example,B\r\nc@acme.example,C\r\n',
    )
    message = _error(path)
    assert message.startswith(f"{path}:3: broken CSV quoting: a quoted cell is never closed")


def test_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "entra.csv"
    lines = [b"mail,givenName"] + [b"user%d@acme.example,U" % n for n in range(3000)]
    lines.insert(2500, "m\u00fcller@acme.example,M".encode("latin-1"))
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    message = _error(path)
    assert message.startswith(f"{path}:2501: not UTF-8 text")


def test_utf16_export_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entra.csv",
        "\ufeffmail\tgivenName\r\nw@acme.example\tW\r\n",
        encoding="utf-16-le",
    )
    assert identity(read_expected(path), "w@acme.example")[0] == "w@acme.example"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("bad.toml", "[[users]\nemail = 1\n", ":1: not valid TOML"),
        ("deep.toml", "users = " + "[" * 5000 + "]" * 5000, ": nested more than"),
        ("giant.toml", "n = " + "9" * 20000 + "\nusers = []\n", ": not usable TOML"),
        ("giant.json", '{"n": ' + "9" * 5000 + ', "users": []}', ": not usable JSON"),
        ("bad.json", '{"users": [\n{"email": }\n]}', ":2: not valid JSON"),
        ("odd.json", '{"members": []}', ": no list of users found"),
        ("odd.toml", 'users = "a@acme.example"\n', ": users: must be a list"),
        ("nested.json", '{"users": [{"email": {"x": 1}}]}', ": users[0].email: must be text"),
        ("number.json", "[1]", ": items[0]: must be a table/object"),
    ],
)
def test_broken_structured_files(tmp_path: Path, name: str, text: str, where: str) -> None:
    path = write(tmp_path, name, text)
    message = _error(path, expected=False)
    assert message.startswith(f"{path}:")
    assert where.lstrip(":0123456789 ") in message
    if where.startswith(":") and where[1:2].isdigit():  # the line, where the error has one
        assert message.startswith(f"{path}{where}")


def test_missing_file_folder_and_fifo_are_exit_2_at_once(tmp_path: Path) -> None:
    import os

    assert "not found" in _error(tmp_path / "nope.csv")
    assert "folder" in _error(tmp_path, expected=False)
    fifo = tmp_path / "users.csv"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait for ever
    assert "pipe (FIFO)" in _error(fifo)
    assert "pipe (FIFO)" in _error(fifo, expected=False)


# --------------------------------------------------------------------------- the fast CSV path


def _rows_and_lines(path: Path) -> tuple[list[tuple[list[str], int | None]], str]:
    """What the product reader hands on: each row with its line, and the error if any."""
    got: list[tuple[list[str], int | None]] = []
    try:
        table = open_table(path, ("users",))
        try:
            with table.reading():
                for line, row in table.numbered:
                    got.append((row, line))
        finally:
            table.close()
    except InputError as error:
        return got, str(error)
    return got, ""


def _csv_module(path: Path) -> tuple[list[tuple[list[str], int]], str]:
    """The same through the csv module alone, as the reader worked before its fast path."""
    got: list[tuple[list[str], int]] = []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream, strict=True)
        next(reader)
        try:
            for row in reader:
                got.append((row, reader.line_num))
        except csv.Error as error:
            return got, f"{path}:{reader.line_num}: broken CSV quoting: {error}"
    return got, ""


@pytest.mark.parametrize(
    "body",
    [
        "a@acme.example,A\r\nb@acme.example,B\r\n",
        "a@acme.example,A\nb@acme.example,B",  # no newline at the end
        "a@acme.example,A\rb@acme.example,B\r",  # old Mac line ends
        'a@acme.example,"Doe, Jane"\nb@acme.example,B\n',
        'a@acme.example,"two\r\nlines"\r\nb@acme.example,"and\nmore\nlines"\nc@acme.example,C\n',
        '"a@acme.example",A\n\n\r\n  ,  \n,,,\nb@acme.example , B ,\n',
        "a@acme.example,x\x00y\nb@acme.example,B\n",
        'a@acme.example,A"B""\nb@acme.example,"B ""quoted"""\n',
        "a@acme.example," + "x" * 200_000 + "\nb@acme.example,B\n",
        'a@acme.example,A\n"b@acme.example"x,B\nc@acme.example,C\n',
    ],
)
def test_rows_and_lines_are_the_csv_modules(tmp_path: Path, body: str) -> None:
    path = write(tmp_path, "product.csv", "Email,Name\n" + body)
    got, error = _rows_and_lines(path)
    expected_rows, expected_error = _csv_module(path)
    assert got == expected_rows
    assert error == expected_error


def test_random_files_read_as_the_csv_module_reads_them(tmp_path: Path) -> None:
    rnd = random.Random(4)
    pieces = ["a", "b@x.example", ",", ",", " ", '"', '""', "\r\n", "\n", "\r", ";", "\x00", "é"]
    for number in range(300):
        body = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 60)))
        path = write(tmp_path, f"product{number}.csv", "Email,Name\r\n" + body)
        got, error = _rows_and_lines(path)
        expected_rows, expected_error = _csv_module(path)
        assert got == expected_rows, body
        if "unexpected end of data" in expected_error:
            assert "a quoted cell is never closed" in error, body
        else:
            assert error == expected_error, body


def test_a_large_file_reads_as_the_csv_module_reads_it(tmp_path: Path) -> None:
    """Megabytes: plain stretches and quoted cells spanning lines, wherever reading pauses."""
    rnd = random.Random(9)
    parts = []
    for number in range(60_000):
        roll = rnd.random()
        if roll < 0.001:
            parts.append(f'q{number}@acme.example,"line one\r\nline two, {number}"\r\n')
        elif roll < 0.002:
            parts.append(f"r{number}@acme.example,lone\r")
        elif roll < 0.003:
            parts.append("\r\n")
        else:
            parts.append(f"user{number}@acme.example,User {number}\r\n")
    path = write(tmp_path, "product.csv", "Email,Name\r\n" + "".join(parts))
    assert path.stat().st_size > 1_500_000
    got, error = _rows_and_lines(path)
    expected_rows, expected_error = _csv_module(path)
    assert not error and not expected_error
    assert got == expected_rows
