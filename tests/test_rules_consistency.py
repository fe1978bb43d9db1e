"""One rule per fact: identities and requests give the same verdict for the same input.

Identities judge a login's syntax with ``rules.email.syntax_problem`` (ID006) and read
created/invited dates with ``rules.dates.parse_when``; the request area's RQ003 and RQ005
are reached here through the request's public API (a request document, checked). The
same 200 addresses and 50 dates go to both, and the verdicts must agree.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.catalogue import request as rq
from emailsec_check.checks.request import assess_request
from emailsec_check.model import Result, Status
from emailsec_check.profiles import ProfileSet, load_profiles
from emailsec_check.rules.dates import parse_when
from emailsec_check.rules.email import syntax_problem
from emailsec_check.rules.hosts import HostRules
from emailsec_check.sources.request.kinds import resolve_kind
from emailsec_check.sources.request.reading import parse_request

MIMECAST = "mimecast-secure-messaging-support"

_GOOD_LOCALS = (
    "jane", "jane.doe", "j", "jane+tag", "o'brien", "first_last", "x-y", "a1", "UPPER",
    "josé", "müller", "1234", "a.b.c", "jane!", "#hash", "~tilde", "a{b}", "a=b",
    "user%host", "a^b",
)  # fmt: skip
_GOOD_DOMAINS = (
    "acme.example", "mail.acme.example", "bücher.example", "xn--bcher-kva.example",
    "a-b.example", "ACME.EXAMPLE",
)  # fmt: skip
_BAD_LOCALS = (
    ".jane", "jane.", "ja..ne", '"quoted"', "ja ne", "ja\tne", "a(b)", "a,b", "a[b]", "a;b",
    "a:b", "a\\b", "a<b", "a\x00b", "q" * 65, "ja\u200bne", "a>b",
)  # fmt: skip
_BAD_DOMAINS = (
    "acme", "acme.", ".acme.example", "acme..example", "-acme.example", "acme-.example",
    "acme.x1", "acme.c", "acme.123", "ac_me.example", "a" * 64 + ".example", "acme.example.",
    "[127.0.0.1]", "acme .example", "acme.ex ample", "acme.exam\u202eple",
)  # fmt: skip
_ODD = (
    "no-at.example", "a@@b.example", "a@b@c.example", "@acme.example", "jane@", "a@b.c",
    "jo@acme.x1", "", "   ", "jane@acme.example ", " jane@acme.example",
    "j" * 60 + "@" + "d" * 60 + "." + "e" * 60 + "." + "f" * 60 + ".example",
    "jane@sub.sub.acme.example", "a@b.co", "jane@acme.museum",
)  # fmt: skip

ADDRESSES = (
    [f"{local}@{domain}" for local in _GOOD_LOCALS for domain in _GOOD_DOMAINS]
    + [f"{local}@{domain}" for local in _BAD_LOCALS for domain in _GOOD_DOMAINS[:2]]
    + [f"{local}@{domain}" for local in ("jane", "a.b") for domain in _BAD_DOMAINS]
    + list(_ODD)
)[:200]

DATES = (
    # refused by the one ambiguity policy
    "03/01/2026", "20/11/2026", "11/20/2026", "1/2/2026", "03/01/26", "20-11-2026",
    "11-20-2026 14:05", "03/04/2026 14:05 UTC",
    # read
    "2026-03-01", "2026-03-01 10:15", "2026-03-01T10:15:00Z", "2026-03-01T10:15:00+02:00",
    "2026-03-01T10:15:00.1234567Z", "2026/03/01", "2026.03.01", "01.03.2026", "1.3.2026",
    "1 Mar 2026", "01-Mar-2026", "Mar 1, 2026", "March 1, 2026 10:15:00", "1st of March 2026",
    "2026-11-20 14:05 +01:00", "2026-11-20 14:05 CET", "2026-11-20 14:05 Europe/Berlin",
    "Fri, 20 Nov 2026 2:05 pm GMT-5", "November 20th, 2026 at 12:30am +0530",
    "2026-11-20 14:05 UTC", "2026-11-20 14:05 IST", "2026-11-20 2 pm", "2026-11-20 14:05 −01:00",
    "20.11.2026 14:05 CET (UTC+1)", "2026-02-28", "2028-02-29",
    # not dates at all, or not real ones
    "yesterday", "soon", "", "14:05 UTC", "2026-02-30", "2026-13-01", "2027-02-29",
    "2026-11-20 25:05", "2026-11-20 13:05 pm", "2026-11-20 14:05 +01:00 #42", "20261120",
    "٢٠٢٦-١١-٢٠", "2026-11-20 14:05 +15:00", "Mar 32, 2026", "2026-11-20 14:05 :",
    "2026-11-20 14:05 " + "at the office " * 9,
)  # fmt: skip


@pytest.fixture(scope="module")
def known() -> ProfileSet:
    return load_profiles(environ={})


def _request_result(known: ProfileSet, field_id: str, value: str) -> Result:
    """The result for one field of a Mimecast request holding ``value`` exactly (JSON form)."""
    data = json.dumps({"kind": MIMECAST, field_id: value}).encode()
    doc = parse_request(data, "request.json", suffix=".json", kinds=known.request_kinds())
    kind, how = resolve_kind(doc, known)
    results = assess_request(doc, kind, HostRules(known), how=how).results
    return next(result for result in results if result.data["field"] == field_id)


def test_the_inputs_are_as_many_as_promised() -> None:
    assert len(ADDRESSES) == 200 and len(set(ADDRESSES)) == 200
    assert len(DATES) == 50 and len(set(DATES)) == 50


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_address_gets_one_verdict_in_both_areas(known: ProfileSet, address: str) -> None:
    identities_accept = syntax_problem(address) == ""
    result = _request_result(known, "login_email", address)
    if not address.strip():
        # An empty value never reaches RQ003: the request says it is empty (RQ001).
        assert (result.check, result.status) == (rq.FILLED, Status.FAIL)
        assert not identities_accept
        return
    assert result.check in (rq.EMAIL, rq.SECRET), result
    assert (result.status is Status.PASS) == identities_accept, (address, result.message)
    if not identities_accept and result.check is rq.EMAIL:
        # The request says what the identities area says.
        assert syntax_problem(address) in result.message


def _day_of(result: Result) -> str:
    """The UTC day a request's RQ005 result read (its written day when no zone was given)."""
    utc = result.data.get("utc")
    return str(utc)[:10] if utc else result.message[:10]


@pytest.mark.parametrize("text", DATES)
def test_a_date_gets_one_verdict_in_both_areas(known: ProfileSet, text: str) -> None:
    identities = parse_when(text)
    result = _request_result(known, "attempt_time", text)
    if not text.strip():
        assert identities is None and result.status is Status.FAIL
        return
    assert result.check is rq.DATETIME
    assert (result.status is not Status.FAIL) == (identities is not None), (text, result.message)
    if identities is not None:
        # Both read the same day (identities count non-ISO dates to the written day).
        assert isinstance(identities, datetime)
        assert identities.date().isoformat() in (_day_of(result), result.message[:10])


# The plain ISO forms exports write are read without the general reader: the same answer.

_DIGITS = st.text(alphabet="0123456789", min_size=2, max_size=2)


@st.composite
def _plain_iso_texts(draw: st.DrawFn) -> str:
    year = draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
    month, day = draw(_DIGITS), draw(_DIGITS)
    text = f"{year}-{month}-{day}"
    if draw(st.booleans()):
        text += f"T{draw(_DIGITS)}:{draw(_DIGITS)}:{draw(_DIGITS)}Z"
    return draw(st.sampled_from(["{}", " {} ", "{}\t"])).format(text)


@settings(max_examples=400, deadline=None)
@given(_plain_iso_texts())
def test_plain_iso_dates_read_as_the_general_reader_reads_them(text: str) -> None:
    from emailsec_check.rules import dates

    assert dates._plain_iso(text)[0]  # the quick path took it
    assert parse_when(text) == dates._as_utc(dates.read_when(text))


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20", "2026-02-30", "0000-01-01", "2026-11-20T14:05:33Z", "2026-11-20T24:00:00Z",
        "2026-11-20T14:05:33+01:00", "2026-11-20t14:05:33Z", "2026-11-20T14:05:33z",
        "2026-1-20", "٢٠٢٦-11-20", "2026/11/20", "20-11-2026", "2026-11-20 14:05:33",
    ],
)  # fmt: skip
def test_dates_near_the_plain_forms_read_as_before(text: str) -> None:
    from emailsec_check.rules import dates

    assert parse_when(text) == dates._as_utc(dates.read_when(text))
