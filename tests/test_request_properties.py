"""Property tests of the request's parsers and the date reader (Hypothesis).

Whatever a user hands in (plain lines, TOML, JSON, a typed date), nothing but the tool's
``InputError`` escapes, the checks and ``--render`` cope with what was read, and a planted
credential never comes out again.
"""

from __future__ import annotations

import contextlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emailsec_check.catalogue import request as rq
from emailsec_check.checks.request import RequestAssessment, assess_request, mask_secrets
from emailsec_check.errors import InputError
from emailsec_check.model import Status
from emailsec_check.profiles import ProfileSet, load_profiles
from emailsec_check.rules.dates import parse_when, read_when
from emailsec_check.rules.hosts import HostRules
from emailsec_check.sources.request.kinds import resolve_kind
from emailsec_check.sources.request.reading import parse_request

DATA = Path(__file__).parent / "data" / "requests"
GLO = (DATA / "glo-licensing.txt").read_text()
KNOWN: ProfileSet = load_profiles(environ={})
RULES = HostRules(KNOWN)
KINDS = KNOWN.request_kinds()
# No deadline: a slow machine must not fail a test; the speed lives in scripts/bench_request.py.
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LABELS = st.sampled_from(
    ["Cisco.com ID", "Product Name", "Issue/Request Details", "Cisco Web Order ID #",
     "Customer Full Name", "Customer email address", "Date / time of the logon attempt",
     "URL used to access the portal", "Web browser and version", "kind", "Phone", "**Details**",
     "- Order number", "1. Email", "# note", "https", "Password", "Login/PW"]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["2026-11-20 14:05 +01:00", "03/04/2026", "jane.doe@acme.example", "TBD", "98765432",
         "https://login-eu.mimecast.com/", "Firefox 128.0", "Jane Doe", "cisco-glo-licensing",
         "Bearer abc123def456", "mailto:a@b.example", "x" * 400]
    ),
)  # fmt: skip
LINES = st.lists(
    st.one_of(
        st.builds(lambda label, value: f"{label}: {value}", LABELS, VALUES),
        st.builds(lambda value: "  " + value, VALUES),
        st.just(""),
        st.text(max_size=30),
    ),
    max_size=25,
)


def _check_all_kinds(data: bytes, suffix: str) -> list[RequestAssessment]:
    """Parse and check under every kind; InputError is the only refusal allowed."""
    try:
        doc = parse_request(data, "prop" + suffix, suffix=suffix, kinds=KINDS)
    except InputError:
        return []
    assessments = [assess_request(doc, kind, RULES) for kind in KINDS]
    for assessment in assessments:
        assessment.rendered()
        assert assessment.results[-1].check is rq.COMPLETE
    with contextlib.suppress(InputError):
        resolve_kind(doc, KNOWN)
    return assessments


@SETTINGS
@given(LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_plain_requests_never_raise_but_input_error(lines: list[str], end: str) -> None:
    _check_all_kinds(end.join(lines).encode("utf-8", "surrogatepass"), ".txt")


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["", ".txt", ".toml", ".json"]))
def test_any_bytes_never_raise_but_input_error(data: bytes, suffix: str) -> None:
    _check_all_kinds(data, suffix)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(st.dictionaries(st.one_of(LABELS, st.text(max_size=20)), JSON_VALUES, max_size=12))
def test_json_requests_never_raise_but_input_error(document: dict[str, object]) -> None:
    _check_all_kinds(json.dumps(document).encode(), ".json")
    _check_all_kinds(json.dumps(document).encode(), "")


@SETTINGS
@given(st.dictionaries(st.one_of(LABELS, st.text(max_size=20)), JSON_VALUES, max_size=12))
def test_toml_requests_never_raise_but_input_error(document: dict[str, object]) -> None:
    # JSON's way of writing keys and strings is (nearly always) TOML's too; lists and
    # tables written inline, where TOML refuses them the reader must say so.
    text = "".join(f"{json.dumps(key)} = {json.dumps(value)}\n" for key, value in document.items())
    _check_all_kinds(text.encode(), ".toml")


@SETTINGS
@given(st.text(max_size=80))
def test_dates_never_raise(text: str) -> None:
    reading = read_when(text)
    assert (reading.moment is None) == bool(reading.problem)
    when = parse_when(text)
    if when is not None:
        assert when.utcoffset() == timedelta(0)


DIGITS = st.integers(min_value=1, max_value=12)


@SETTINGS
@given(DIGITS, DIGITS, st.integers(min_value=1900, max_value=2100), st.sampled_from("/-"))
def test_slash_and_dash_dates_with_the_year_last_are_always_refused(
    first: int, second: int, year: int, sep: str
) -> None:
    text = f"{first:02d}{sep}{second:02d}{sep}{year}"
    assert parse_when(text) is None
    assert "day/month or month/day" in read_when(text + " 14:05 UTC").problem


# Credentials as people have them: letters, digits and the usual symbols, with a digit.
SECRETS = st.text(
    alphabet="abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#$%&*+-./:;=?^_~",
    min_size=8,
    max_size=30,
).filter(lambda text: any(char.isdigit() for char in text) and text.strip() == text)
TOKENS = st.text(
    alphabet="abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-._~+/",
    min_size=12,
    max_size=60,
).filter(lambda text: any(char.isdigit() for char in text))
SECRET_LABELS = st.sampled_from(
    ["Password", "PW", "Login/PW", "Passwort", "Kennwort", "Mot de passe", "Contraseña",
     "Credentials", "Secret", "API key", "Token", "Authorization", "Session cookie", "Cookie"]
)  # fmt: skip


def _never_shown(assessment: RequestAssessment, secret: str) -> None:
    assert assessment.results[-1].status is Status.FAIL
    for result in assessment.results:
        shown = [result.subject, result.message, result.hint or "", json.dumps(result.data)]
        assert all(secret not in text for text in shown), result
    assert secret not in assessment.rendered()


@SETTINGS
@given(SECRET_LABELS, SECRETS, st.sampled_from(["{}", "jdoe / {}", "Bearer {}"]))
def test_a_labelled_secret_never_comes_out(label: str, secret: str, shape: str) -> None:
    text = GLO + f"{label}: {shape.format(secret)}\n"
    doc = parse_request(text.encode(), "r.txt", kinds=KINDS)
    kind, _how = resolve_kind(doc, KNOWN)
    _never_shown(assess_request(doc, kind, RULES), secret)


@SETTINGS
@given(SECRET_LABELS, TOKENS.filter(lambda token: "~" not in token))
def test_a_secret_written_into_a_label_never_comes_out(label: str, token: str) -> None:
    text = GLO + f"{label} {token}: see the ticket\n"
    doc = parse_request(text.encode(), "r.txt", kinds=KINDS)
    kind, _how = resolve_kind(doc, KNOWN)
    _never_shown(assess_request(doc, kind, RULES), token)


@SETTINGS
@given(TOKENS, st.sampled_from(["Bearer {}", "Authorization: Bearer {}", "token={}"]))
def test_a_token_in_any_value_never_comes_out(token: str, shape: str) -> None:
    line = shape.format(token)
    assert token not in mask_secrets(line)
    text = GLO.replace("has arrived.", f"has arrived.\n  {line}")
    doc = parse_request(text.encode(), "r.txt", kinds=KINDS)
    kind, _how = resolve_kind(doc, KNOWN)
    _never_shown(assess_request(doc, kind, RULES), token)


@SETTINGS
# No "/" in these passwords: "https://jdoe:2222222/@host" is host "jdoe", port 2222222 and a
# path by the URL standard, and the one redactor (rules.redact) reads it that way.
@given(SECRETS.filter(lambda s: "@" not in s and "/" not in s), st.sampled_from(["", " see"]))
def test_a_url_password_never_comes_out(password: str, tail: str) -> None:
    url = f"https://jdoe:{password}@console.eu.amp.cisco.com/{tail}"
    assert password not in mask_secrets(url)


@pytest.mark.parametrize("line", ["jdoe:S3cret!", "  jdoe:S3cret!  "])
def test_user_password_alone_on_a_line_is_masked(line: str) -> None:
    assert "S3cret!" not in mask_secrets(line)


@pytest.mark.parametrize(
    "token",
    [
        "github_pat_" + "A1b2" * 6,
        "ghp_" + "A1b2" * 6,
        "xoxb-" + "1234567890ab",
        "glpat-" + "A1b2" * 6,
        "AKIA" + "ABCDEFGH12345678",
        "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
    ],
)
def test_a_well_known_token_alone_on_a_line_is_masked(token: str) -> None:
    # Nothing else on the line names a credential: the token's own shape must be enough.
    assert token not in mask_secrets(f"see {token} for details")
