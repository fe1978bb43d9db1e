"""Property tests for what users hand the identities area: any CSV text is read or is
an InputError (never another exception), the fast address rule is the full rule, and
masked addresses stay apart."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emailsec_check.errors import InputError
from emailsec_check.rules.email import AddressSyntax, Masker, syntax_problem
from emailsec_check.sources.identities import read_expected, read_logins

CELL_PIECES = st.sampled_from(
    [
        "a", "B@x.example", "jo@acme.example", ",", ";", "\t", " ", '"', '""', "\r\n", "\n",
        "\r", "\x00", "é", "#EXT#", "SMTP:", "True", "False", "Guest", "=1+2", "\ufeff",
    ]
)  # fmt: skip
HEADERS = st.sampled_from(
    [
        "Email", "mail", "userPrincipalName", "givenName", "surname", "accountEnabled",
        "proxyAddresses", "Status", "Invited", "User Email Address", "Block credential",
        "userType", "x", "",
    ]
)  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_both(data: bytes, column: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(data)
        for reader in (read_logins, read_expected):
            try:
                reader(path, column)
            except InputError as error:
                assert str(error).startswith(str(path))


@SETTINGS
@given(st.lists(HEADERS, min_size=1, max_size=6), st.lists(CELL_PIECES, max_size=80))
def test_any_rows_under_a_header_are_read_or_refused(header: list[str], body: list[str]) -> None:
    _read_both((",".join(header) + "\r\n" + "".join(body)).encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    _read_both(data)


@SETTINGS
@given(st.lists(HEADERS, min_size=1, max_size=6), st.text(max_size=20))
def test_any_named_column_is_found_or_refused(header: list[str], column: str) -> None:
    _read_both((",".join(header) + "\na@x.example\n").encode("utf-8"), column)


ADDRESS_PIECES = st.sampled_from(
    [
        "a", "Z", "0", ".", "..", "@", "-", "_", "+", "'", '"', " ", "é", "ß", "xn--bcher-kva",
        "example", "acme", ".example", "x" * 30, "\t", "(", ",", "１", "²",
    ]
)  # fmt: skip


@SETTINGS
@given(st.lists(ADDRESS_PIECES, max_size=12))
def test_the_fast_address_rule_is_the_full_rule(pieces: list[str]) -> None:
    address = "".join(pieces).strip()
    syntax = AddressSyntax()
    domain = syntax.mail_domain(address)
    assert (domain != "") == (syntax_problem(address) == "")
    if domain:
        assert domain == address.rpartition("@")[2].lower()
    assert syntax.mail_domain(address) == domain  # the same once the domain is known


class _ShortTags(Masker):
    """One hex digit of tag: clashes are certain among a few dozen addresses."""

    __slots__ = ()
    TAG_DIGITS = 1


@SETTINGS
@given(st.lists(st.from_regex(r"[a-z]{1,6}(\.[a-z]{1,6})?@acme\.example", fullmatch=True)))
def test_masks_tell_addresses_apart_and_stay_the_same(addresses: list[str]) -> None:
    masker = _ShortTags()
    masks = {address: masker.mask(address) for address in addresses}
    assert len(set(masks.values())) == len(masks)  # different addresses, different text
    for address, masked in masks.items():
        assert masker.mask(f" {address} ") == masked
        assert masked.partition("@")[0] == address[0] + "***"  # only the first letter shows


def test_the_tag_is_keyed_per_report() -> None:
    first, second = Masker(), Masker()
    assert first.mask("bob.smith@acme.example").startswith("b***@acme.example#")
    assert first.mask("bsmith@acme.example") != first.mask("bob.smith@acme.example")
    assert Masker(b"k" * 16).mask("a@acme.example") == Masker(b"k" * 16).mask("a@acme.example")
    assert first.mask("a@acme.example") != second.mask("a@acme.example") or (
        first.mask("b@acme.example") != second.mask("b@acme.example")
    )
