"""Real directory exports as their admin centers write them, Microsoft Graph records,
leavers (ID010) and columns named by the user."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Optional

import pytest

from emailsec_check.checks.identities import IdentityOptions, check_identities
from emailsec_check.errors import InputError
from emailsec_check.model import Result, Status
from emailsec_check.profiles import Profile, load_profiles
from emailsec_check.sources.identities import (
    Directory,
    DirectoryKind,
    Trait,
    directory_from_records,
    read_expected,
    read_logins,
)

DATA = Path(__file__).parent / "data" / "identities"
ENTRA_DOWNLOAD = DATA / "entra-download.csv"
M365_EXPORT = DATA / "m365-export.csv"
PROFILES = load_profiles([])
MIMECAST = PROFILES.require("mimecast-secure-messaging")


def check(
    folder: Path,
    configured: str,
    directory: Directory,
    profile: Optional[Profile] = None,
    **options: Any,
) -> list[Result]:
    path = folder / "product.csv"
    path.write_text(configured, encoding="utf-8")
    settings = IdentityOptions(**options)
    return asyncio.run(check_identities(read_logins(path), directory, profile, None, settings))


def found(results: list[Result], check_id: str) -> list[tuple[str, Status]]:
    return [(result.subject, result.status) for result in results if result.id == check_id]


# --------------------------------------------------------------------------- Entra download


def test_the_entra_download_as_the_admin_center_writes_it() -> None:
    raw = ENTRA_DOWNLOAD.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 6
    assert raw.split(b"\r\n")[0].count(b",") == 28  # 29 columns

    directory = read_expected(ENTRA_DOWNLOAD)

    assert directory.kind is DirectoryKind.ENTRA
    assert directory.names_known and not directory.aliases_known
    assert len(directory) == 5
    # alternateEmailAddress is a contact address outside the tenant, not an alias.
    assert "jane.private@home.test" not in directory.secondary
    number = directory.primary["leaver@acme.example"]
    assert directory.traits(number) == Trait.MICROSOFT | Trait.DISABLED
    guest = directory.primary["pat@mail.test"]
    assert Trait.GUEST in directory.traits(guest)


def test_without_aliases_an_unknown_login_is_a_skip_not_a_fail(tmp_path: Path) -> None:
    results = check(
        tmp_path,
        "Email\njane.doe@acme.example\njd@acme.example\nx_y.test#EXT#@acme.example\n",
        read_expected(ENTRA_DOWNLOAD),
    )
    assert found(results, "ID001") == [
        ("jane.doe@acme.example", Status.PASS),
        ("jd@acme.example", Status.SKIP),  # may be Jane's alias: the file cannot tell
        ("x_y.test#EXT#@acme.example", Status.FAIL),  # a guest name is no alias
    ]
    skip = next(result for result in results if result.subject == "jd@acme.example")
    assert "lists no aliases" in skip.message and skip.data["line"] == 3
    (note,) = [result for result in results if result.id == "ID003"]
    assert note.status is Status.SKIP and note.subject == "entra-download.csv"
    assert "entra:" in note.message and "Proxy addresses" in note.message


def test_a_generic_list_without_alias_column_still_fails_unknown_logins(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("email,provider\na@acme.example,Okta\n")
    results = check(tmp_path, "Email\nb@acme.example\n", read_expected(tmp_path / "people.csv"))
    assert found(results, "ID001") == [("b@acme.example", Status.FAIL)]
    assert not found(results, "ID003")


# --------------------------------------------------------------------------- Microsoft 365 export


def test_the_microsoft_365_export_shows_aliases_and_blocked_sign_in(tmp_path: Path) -> None:
    directory = read_expected(M365_EXPORT)
    assert directory.aliases_known and directory.names_known
    assert directory.addresses[directory.primary["jane.doe@acme.example"]] == (
        "Jane.Doe@acme.example"
    )
    results = check(tmp_path, "Email\njd@acme.example\nlv@acme.example\n", directory, MIMECAST)
    assert found(results, "ID001") == [
        ("jd@acme.example", Status.PASS),
        ("lv@acme.example", Status.PASS),
    ]
    assert found(results, "ID003") == [
        ("jd@acme.example", Status.FAIL),
        ("lv@acme.example", Status.FAIL),
    ]
    assert found(results, "ID010") == [("lv@acme.example", Status.FAIL)]


def test_a_microsoft_365_usage_report_marks_deleted_people(tmp_path: Path) -> None:
    report = tmp_path / "ActiveUsers.csv"
    report.write_text(
        "\ufeffReport Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,"
        "Has Exchange License,Last Activity Date\r\n"
        "2026-11-19,ann@acme.example,Ann,False,,True,2026-11-18\r\n"
        "2026-11-19,gone@acme.example,Gone,True,2026-10-01,False,2026-09-30\r\n",
        encoding="utf-8",
    )
    directory = read_expected(report)
    assert directory.kind is DirectoryKind.ENTRA and not directory.names_known
    assert Trait.DISABLED in directory.traits(directory.primary["gone@acme.example"])
    results = check(tmp_path, "Email\ngone@acme.example\n", directory)
    assert found(results, "ID010") == [("gone@acme.example", Status.FAIL)]
    assert found(results, "ID005") == [("ActiveUsers.csv", Status.SKIP)]  # no name columns


# --------------------------------------------------------------------------- ID010


def test_a_login_of_a_disabled_account_fails_id010(tmp_path: Path) -> None:
    results = check(
        tmp_path,
        "Email\nleaver@acme.example\njane.doe@acme.example\n",
        read_expected(ENTRA_DOWNLOAD),
    )
    assert found(results, "ID001") == [
        ("leaver@acme.example", Status.PASS),
        ("jane.doe@acme.example", Status.PASS),
    ]
    (leaver,) = [result for result in results if result.id == "ID010"]
    assert leaver.status is Status.FAIL and leaver.subject == "leaver@acme.example"
    assert "disabled" in leaver.message
    hint = leaver.hint or ""
    assert "Remove or deactivate this account" in hint and "open session" in hint
    assert leaver.data == {"email": "leaver@acme.example", "line": 2}


# --------------------------------------------------------------------------- Graph records

GRAPH_USERS: list[dict[str, Any]] = [
    {
        "id": "0b6f1c9e-0001-4d6a-9c7e-5b2f0a1d3e01",
        "userPrincipalName": "jane.doe@acme.example",
        "mail": "Jane.Doe@acme.example",
        "otherMails": ["jane.private@home.test"],
        "proxyAddresses": ["SMTP:Jane.Doe@acme.example", "smtp:jd@acme.example", "SIP:j@x"],
        "givenName": "Jane",
        "surname": "Doe",
        "accountEnabled": True,
        "userType": "Member",
        "creationType": None,
        "createdDateTime": "2025-04-02T09:15:27Z",
        "displayName": "Jane Doe",
    },
    {
        "userPrincipalName": "leaver@acme.example",
        "mail": None,
        "otherMails": [],
        "proxyAddresses": ["SMTP:leaver@acme.example"],
        "givenName": "Lee",
        "surname": None,
        "accountEnabled": False,
        "userType": "Member",
    },
    {
        "userPrincipalName": "pat_mail.test#EXT#@acme.example",
        "mail": "pat@mail.test",
        "otherMails": [],
        "proxyAddresses": [],
        "givenName": None,
        "surname": None,
        "accountEnabled": True,
        "userType": "Guest",
        "creationType": "Invitation",
    },
]

GRAPH_CSV = (
    "userPrincipalName,mail,otherMails,proxyAddresses,givenName,surname,accountEnabled,userType\n"
    "jane.doe@acme.example,Jane.Doe@acme.example,jane.private@home.test,"
    '"SMTP:Jane.Doe@acme.example;smtp:jd@acme.example;SIP:j@x",Jane,Doe,true,Member\n'
    "leaver@acme.example,,,SMTP:leaver@acme.example,Lee,,false,Member\n"
    "pat_mail.test#EXT#@acme.example,pat@mail.test,,,,,true,Guest\n"
)


def test_graph_records_give_what_the_same_csv_gives(tmp_path: Path) -> None:
    (tmp_path / "graph.csv").write_text(GRAPH_CSV, encoding="utf-8")
    from_csv = read_expected(tmp_path / "graph.csv")
    live = directory_from_records(iter(GRAPH_USERS), "Microsoft Entra ID")
    for name in ("primary", "secondary", "addresses", "flags", "names_known", "kind"):
        assert getattr(live, name) == getattr(from_csv, name), name
    assert live.source == "Microsoft Entra ID" and live.aliases_known and not live.scoped
    assert live.traits(live.primary["leaver@acme.example"]) == (
        Trait.MICROSOFT | Trait.DISABLED | Trait.NO_SURNAME
    )
    group = directory_from_records(GRAPH_USERS, "group Sales", scoped=True)
    assert group.scoped
    results = check(tmp_path, "Email\njd@acme.example\n", group, coverage=False)
    assert {subject for subject, _ in found(results, "ID007")} == {
        "leaver@acme.example",
        "pat@mail.test",
    } - {"leaver@acme.example"}  # scoped: each person; the disabled one needs no account


def test_no_graph_records_is_an_empty_directory() -> None:
    empty = directory_from_records([], "Microsoft Entra ID")
    assert len(empty) == 0 and empty.kind is DirectoryKind.ENTRA


# --------------------------------------------------------------------------- named columns


def test_columns_named_by_the_user(tmp_path: Path) -> None:
    product = tmp_path / "product.csv"
    product.write_text("Name,User Email Address,Backup Email\nAl,al@acme.example,x@home.test\n")
    assert read_logins(product, "user email address").cells == ["al@acme.example"]
    assert read_logins(product, "Backup Email").cells == ["x@home.test"]
    people = tmp_path / "people.csv"
    people.write_text("Person,Work Mail\nAl,AL@acme.example\n")
    directory = read_expected(people, "Work Mail")
    assert directory.primary == {"al@acme.example": 0}


@pytest.mark.parametrize(
    ("column", "suggestion"),
    [("User Emial Address", "did you mean 'User Email Address'?"), ("Nothing", "")],
)
def test_an_unknown_column_lists_the_headers(tmp_path: Path, column: str, suggestion: str) -> None:
    product = tmp_path / "product.csv"
    product.write_text("Name,User Email Address\nAl,al@acme.example\n")
    with pytest.raises(InputError) as caught:
        read_logins(product, column)
    message = str(caught.value)
    assert message.startswith(f"{product}:1: --login-column {column!r}: no such column")
    assert "the header has: Name, User Email Address" in message
    assert (suggestion in message) if suggestion else "did you mean" not in message
    with pytest.raises(InputError, match="--expected-column 'Mial'"):
        read_expected(product, "Mial")


@pytest.mark.parametrize(
    ("value", "disabled"),
    [(False, True), ("False", True), (None, False), (True, False), ("yes", False)],
)
def test_graph_records_of_unusual_types_are_read_or_refused(value: Any, disabled: bool) -> None:
    record = {"userPrincipalName": "a@acme.example", "mail": 5, "accountEnabled": value}
    directory = directory_from_records([record], "Microsoft Entra ID")
    assert (Trait.DISABLED in directory.traits(0)) is disabled
    with pytest.raises(InputError, match=r"records\[0\]\.proxyAddresses"):
        directory_from_records([{**record, "proxyAddresses": [{"x": 1}]}], "Microsoft Entra ID")
