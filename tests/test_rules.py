"""The shared rules (rules/): each holds for any input, and never raises on junk."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.rules.dates import parse_when
from emailsec_check.rules.email import mask_address, syntax_problem, valid_domain
from emailsec_check.rules.hostnames import is_dns_name
from emailsec_check.rules.redact import MASK, redact
from emailsec_check.rules.text import one_line, visible, words

# A password of the characters people really use, the URL delimiters included.
_SECRET = st.text(
    alphabet=st.characters(
        min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters="@'\"<> \\"
    ),
    min_size=8,
    max_size=24,
).map(lambda text: "Zq" + text + "9!")
_HOST = st.from_regex(r"[a-z][a-z0-9-]{0,10}\.(example|test)", fullmatch=True)
_USER = st.from_regex(r"[a-z][a-z0-9._-]{0,10}", fullmatch=True)


@given(st.text(max_size=300))
def test_email_rule_answers_any_text(text: str) -> None:
    problem = syntax_problem(text)
    assert isinstance(problem, str)
    mask_address(text)  # never raises


@pytest.mark.parametrize(
    "address",
    [
        "jane.doe@acme.example",
        "j+tag@mail.acme.example",
        "o'brien@acme.example",
        "x@bücher.example",
    ],
)
def test_real_addresses_pass(address: str) -> None:
    assert syntax_problem(address) == ""


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("a@b.c", "not a host name"),  # one-letter top-level domain
        ("jo@acme.x1", "not a host name"),  # a top-level domain has no digits
        ("jane@acme", "without a dot"),
        ("jane doe@acme.example", "space"),
        ('"jane"@acme.example', "quoted"),
        ("jane..doe@acme.example", "two dots"),
        ("@acme.example", "nothing before"),
        ("jane@@acme.example", "more than one @"),
    ],
)
def test_broken_addresses_say_what_is_wrong(address: str, problem: str) -> None:
    assert problem in syntax_problem(address)


def test_domains() -> None:
    assert valid_domain("acme.example") and valid_domain("xn--bcher-kva.example")
    assert not valid_domain("acme.123") and not valid_domain("-acme.example")


@given(st.text(max_size=80))
def test_date_reader_answers_any_text(text: str) -> None:
    when = parse_when(text)
    assert when is None or when.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=timezone.utc)),
        ("2026-11-20T09:30:00.1234567Z", datetime(2026, 11, 20, 9, 30, 0, 123456, timezone.utc)),
        ("20.11.2026", datetime(2026, 11, 20, tzinfo=timezone.utc)),
        ("20 Nov 2026", datetime(2026, 11, 20, tzinfo=timezone.utc)),
        ("20/11/2026", None),  # day or month first? refused everywhere
        ("03/01/2026", None),
        ("yesterday", None),
        ("２０２６-11-20", None),  # full-width digits are not a date we read
    ],
)
def test_dates(text: str, expected: datetime | None) -> None:
    assert parse_when(text) == expected


@settings(max_examples=300)
@given(user=_USER, secret=_SECRET, host=_HOST, form=st.integers(0, 5))
def test_redactor_never_lets_a_planted_password_through(
    user: str, secret: str, host: str, form: int
) -> None:
    text = [
        f"https://{user}:{secret}@{host}/console",
        f"{user}:{secret}@{host}",
        f"error: netloc '{user}:{secret}@{host}' is not valid",
        # A bare token (no "user:"): base64 or hex, or a JWT (dots, no "/"). One holding both
        # "." and "/" before the "@" reads exactly like a host and a path, so is not made here.
        f"https://{secret.replace('.', '') if '/' in secret else secret}@{host}/",
        f"https://{host}/api?token={secret.replace('&', '').replace('#', '')}&x=1",
        f"see http://{user}:{secret}@{host}:8080/x and more",
    ][form]
    planted = {4: secret.replace("&", "").replace("#", "")}.get(form, secret)
    if form == 3 and "/" in secret:
        planted = secret.replace(".", "")
    shown = redact(text)
    assert planted not in shown
    assert MASK in shown
    assert host in shown  # the host stays: reports are about it


@pytest.mark.parametrize(
    "text",
    [
        "https://console.amp.cisco.com/",
        "https://h.example:8443/x?e=jane@acme.example",
        "https://h.example/?login=u:p@x",
        "jane.doe@acme.example",
        "mailto:jane.doe@acme.example",
    ],
)
def test_redactor_leaves_what_is_not_a_secret(text: str) -> None:
    assert redact(text) == text


@given(st.text(max_size=200))
def test_redactor_answers_any_text(text: str) -> None:
    assert isinstance(redact(text), str)


@given(st.text(max_size=200))
def test_escaper_shows_only_printable_text(text: str) -> None:
    assert visible(text).isprintable()
    flat = one_line(text)
    assert "\n" not in flat and flat.isprintable()


def test_escaper_shows_what_a_terminal_would_act_on() -> None:
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert visible("pay\u202eliame") == "pay\\u202eliame"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("cisco.com", True),
        ("console.eu.amp.cisco.com", True),
        ("a-b.example", True),
        ("localhost", False),  # one label: not a registered name
        ("127.0.0.1", False),  # an address, not a name
        ("-a.example", False),
        ("a-.example", False),
        ("a..example", False),
        ("cisco.com\n", False),  # a line break is no part of a host
        ("Cisco.com", False),  # hosts are kept in lower case
        ("a.c", False),  # a one-letter top-level domain
        ("a.xn--p1ai", False),  # an international TLD only where the caller allows it
        (("a" * 64) + ".example", False),
        (".".join(["a" * 63] * 4), False),  # 255 characters
    ],
)
def test_dns_names(host: str, expected: bool) -> None:
    assert is_dns_name(host) is expected


def test_email_domains_may_end_in_an_international_tld() -> None:
    assert valid_domain("bücher.xn--p1ai")
    assert not valid_domain("a.xn--")
    assert not valid_domain("a.xn--p1ai-")


@given(st.text(max_size=60))
def test_words_are_the_letter_and_digit_runs(text: str) -> None:
    found = words(text)
    assert all(word.isalnum() for word in found)
    assert "".join(found) == "".join(char for char in text if char.isalnum())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cisco Web Order ID #:", ["Cisco", "Web", "Order", "ID"]),
        ("e-mail_address", ["e", "mail", "address"]),
        ("Straße–Nr. 7", ["Straße", "Nr", "7"]),
        ("", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected
