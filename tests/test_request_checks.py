"""The request checks: one result per field, each check's pass and non-pass cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from emailsec_check.catalogue import request as rq
from emailsec_check.checks.request import RequestAssessment, assess_request
from emailsec_check.errors import InputError
from emailsec_check.model import Result, Status
from emailsec_check.profiles import ProfileSet, load_profiles
from emailsec_check.rules.hosts import HostRules
from emailsec_check.sources.request.kinds import resolve_kind
from emailsec_check.sources.request.reading import parse_request, read_request

DATA = Path(__file__).parent / "data" / "requests"
GLO = "cisco-glo-licensing"
MIMECAST = "mimecast-secure-messaging-support"


@pytest.fixture(scope="module")
def known() -> ProfileSet:
    return load_profiles(environ={})


def assess(
    known: ProfileSet, text: str, kind_id: str = GLO, suffix: str = ".txt"
) -> RequestAssessment:
    doc = parse_request(text.encode(), "req" + suffix, suffix=suffix, kinds=known.request_kinds())
    kind, how = resolve_kind(doc, known, kind_id)
    return assess_request(doc, kind, HostRules(known), how=how)


def check_request_file(path: Path, known: ProfileSet, kind: str | None = None) -> list[Result]:
    """What the command does with a file: read it (sources), tell its kind, check it."""
    doc = read_request(path, known.request_kinds())
    chosen, how = resolve_kind(doc, known, kind)
    return list(assess_request(doc, chosen, HostRules(known), how=how).results)


def by_field(assessment: RequestAssessment) -> dict[object, Result]:
    return {result.data["field"]: result for result in assessment.results}


def one(known: ProfileSet, field_id: str, value: str, kind_id: str = MIMECAST) -> Result:
    """The result for one field given alone (by its id as the label)."""
    return by_field(assess(known, f"{field_id}: {value}\n", kind_id))[field_id]


# --------------------------------------------------------------------------- shape


def test_one_result_per_field_and_one_for_the_whole(known: ProfileSet) -> None:
    results = check_request_file(DATA / "glo-licensing.txt", known)
    kind = next(k for k in known.request_kinds() if k.id == GLO)
    assert [r.data["field"] for r in results] == [f.id for f in kind.fields] + [None]
    assert all(r.data["kind"] == GLO for r in results)
    assert all(r.status is Status.PASS for r in results)
    assert results[-1].check is rq.COMPLETE


def test_every_result_id_is_in_the_catalogue(known: ProfileSet) -> None:
    results = check_request_file(DATA / "glo-incomplete.txt", known)
    assert {r.check for r in results} <= set(rq.CHECKS)
    assert all(r.hint for r in results if r.status in (Status.HINT, Status.FAIL))


def test_check_request_file_refuses_unusable_files(known: ProfileSet, tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n\n")
    with pytest.raises(InputError, match="empty"):
        check_request_file(path, known)
    path.write_text("Colour: blue\n")
    with pytest.raises(InputError, match="cannot tell which kind"):
        check_request_file(path, known)
    assert check_request_file(path, known, kind=GLO)[-1].status is Status.FAIL


# --------------------------------------------------------------------------- RQ001, RQ002, RQ011


def test_missing_and_empty_fields_fail_with_the_fields_advice(known: ProfileSet) -> None:
    fields = by_field(assess(known, "Cisco.com ID: jdoe\nCustomer email address:\n"))
    assert fields["cisco_com_id"].status is Status.PASS
    missing, empty = fields["web_order_id"], fields["customer_email"]
    assert (missing.check, missing.status, missing.message) == (rq.FILLED, Status.FAIL, "missing")
    assert (empty.check, empty.status, empty.message) == (rq.FILLED, Status.FAIL, "is empty")
    # The seed's advice: a missing entitlement email often means the order had no address.
    assert empty.hint and "missing address on the order" in empty.hint


def test_value_that_is_not_text_fails(known: ProfileSet) -> None:
    result = by_field(assess(known, '{"customer_email": ["a@acme.example"]}', GLO, ".json"))
    assert result["customer_email"].status is Status.FAIL
    assert "a list, not text" in result["customer_email"].message


def test_optional_field_left_out_passes() -> None:
    user = load_profiles([str(DATA / "profiles")], environ={})
    fields = by_field(assess(user, "Tenant ID: t-1\n", "acme-gateway-ticket"))
    assert fields["ticket_ref"].status is Status.PASS
    assert fields["ticket_ref"].message == "not given (optional)"
    assert fields["console"].status is Status.FAIL


@pytest.mark.parametrize(
    "value",
    ["TBD", "tbc", "n/a", "N/A.", "none", "xxx", "XXXX-XXXX", "-", "?", "...", "<order number>",
     "[customer name]", "your name here", "Your email", "enter your email", "00000", "12345678",
     "unknown", "to be confirmed"],
)  # fmt: skip
def test_placeholders_fail(known: ProfileSet, value: str) -> None:
    result = by_field(assess(known, f"Cisco Web Order ID #: {value}\n"))["web_order_id"]
    assert (result.check, result.status) == (rq.PLACEHOLDER, Status.FAIL), value


@pytest.mark.parametrize("value", ["Nathan Xu", "Acme Ltd", "Nadia", "Tbilisi Trading", "Xxeon"])
def test_real_values_are_not_placeholders(known: ProfileSet, value: str) -> None:
    result = by_field(assess(known, f"End Customer Business Name: {value}\n"))["end_customer"]
    assert result.status is Status.PASS, value


def test_same_field_twice_with_different_values_fails(known: ProfileSet) -> None:
    fields = by_field(assess(known, "Issue: licence missing\nDetails: something else\n"))
    assert (fields["details"].check, fields["details"].status) == (rq.DUPLICATE, Status.FAIL)
    assert "line 1" in fields["details"].message and "line 2" in fields["details"].message


def test_repeats_with_one_value_merge_and_date_plus_time_join(known: ProfileSet) -> None:
    fields = by_field(assess(known, "Email: a@acme.example\ne-mail: a@acme.example\n"))
    assert fields["customer_email"].status is Status.PASS
    fields = by_field(assess(known, "Date: 2026-11-20\nTime: 14:05 UTC\n", MIMECAST))
    assert fields["attempt_time"].status is Status.PASS
    assert fields["attempt_time"].message == "2026-11-20 14:05 UTC"


# --------------------------------------------------------------------------- RQ003 email


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("jane.doe@acme.example", "jane.doe@acme.example"),
        ("Jane Doe <jane.doe@acme.example>", "jane.doe@acme.example (the display name set aside)"),
        ("mailto:jane@mail.test", "jane@mail.test (the mailto: prefix set aside)"),
        ("josé+licences@bücher.example", "josé+licences@bücher.example"),
    ],
)
def test_email_passes(known: ProfileSet, value: str, message: str) -> None:
    result = one(known, "login_email", value)
    assert (result.check, result.status, result.message) == (rq.EMAIL, Status.PASS, message)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("jane.doe.acme.example", "has no @"),
        ("jane@@acme.example", "has more than one @"),
        ("jane@acme", "has a domain without a dot"),
        ("jane@acme.example.", "is not a host name"),
        ("jane..doe@acme.example", "two dots in a row"),
        ("a@acme.example, b@acme.example", "several addresses"),
        ("jane doe@acme.example", "contains a space"),
        ("jane@acme.example\nthanks", "runs over 2 lines"),
    ],
)
def test_email_fails(known: ProfileSet, value: str, why: str) -> None:
    # A second line straight after the value goes on with it.
    result = by_field(assess(known, f"login_email: {value}\n", MIMECAST))["login_email"]
    assert (result.check, result.status) == (rq.EMAIL, Status.FAIL)
    assert why in result.message


# --------------------------------------------------------------------------- RQ004 order number


@pytest.mark.parametrize(
    ("value", "digits"),
    [("98765432", "98765432"), ("9876 5432", "98765432"), ("#98-765-432", "98765432")],
)
def test_order_number_digits_with_separators_tolerated(
    known: ProfileSet, value: str, digits: str
) -> None:
    assessment = assess(known, f"Cisco Web Order ID #: {value}\n")
    result = by_field(assessment)["web_order_id"]
    assert (result.check, result.status) == (rq.ORDER_NUMBER, Status.PASS)
    assert result.message.startswith(digits)
    assert assessment.values["web_order_id"] == digits  # what --render writes


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("SO-98765432", "characters other than digits"),
        ("98765432.", "characters other than digits"),
        ("９８７６５４３２", "characters other than digits"),  # full-width digits
        ("98765432, 12345679", "several order numbers"),
        ("98765432 and 12345679", "several order numbers"),
    ],
)
def test_order_number_fails(known: ProfileSet, value: str, why: str) -> None:
    result = by_field(assess(known, f"Cisco Web Order ID #: {value}\n"))["web_order_id"]
    assert (result.check, result.status) == (rq.ORDER_NUMBER, Status.FAIL)
    assert why in result.message and result.hint and "digits" in result.hint


# --------------------------------------------------------------------------- RQ005 date and time


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-11-20 14:05 +01:00", "2026-11-20 14:05 +01:00 (2026-11-20 13:05 UTC)"),
        ("2026-11-20T14:05:33Z", "2026-11-20 14:05 UTC"),
        ("2026-11-20 14:05 UTC", "2026-11-20 14:05 UTC"),
        ("20.11.2026 14:05 CET", "2026-11-20 14:05 CET (2026-11-20 13:05 UTC)"),
        ("Fri, 20 Nov 2026 2:05 pm GMT-5", "2026-11-20 14:05 -05:00 (2026-11-20 19:05 UTC)"),
        ("November 20th, 2026 at 12:30am +0530", "2026-11-20 00:30 +05:30 (2026-11-19 19:00 UTC)"),
        ("2026-11-20 14:05 Europe/Berlin", "2026-11-20 14:05 Europe/Berlin (2026-11-20 13:05 UTC)"),
        ("2026/11/20 14:05 UTC", "2026-11-20 14:05 UTC"),
        ("2026-11-20 14:05 CET (UTC+1)", "2026-11-20 14:05 CET (2026-11-20 13:05 UTC)"),
    ],
)
def test_date_time_passes(known: ProfileSet, value: str, shown: str) -> None:
    result = one(known, "attempt_time", value)
    assert (result.check, result.status, result.message) == (rq.DATETIME, Status.PASS, shown)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2026-11-20 14:05", "has no time zone"),
        ("2026-11-20", "has a date but no time of day"),
        ("2026-11-20 14:05 IST", "IST names several time zones"),
        ("2026-11-20 14:05 Berlin", "is not one we can read"),
    ],
)
def test_date_time_hints(known: ProfileSet, value: str, why: str) -> None:
    result = one(known, "attempt_time", value)
    assert (result.check, result.status) == (rq.DATETIME, Status.HINT)
    assert why in result.message
    assert result.hint and "2026-11-20 14:05 +01:00" in result.hint


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("yesterday afternoon", "cannot be read as a date"),
        ("14:05 UTC", "has a time but no date"),
        ("2026-02-30 14:05 UTC", "not a real date"),
        ("2026-11-20 25:05 UTC", "not a real date"),
        ("2026-11-20 13:05 pm UTC", "is not a time"),
        ("2026-11-20 14:05 +01:00 #42", "cannot read"),
    ],
)
def test_date_time_fails(known: ProfileSet, value: str, why: str) -> None:
    result = one(known, "attempt_time", value)
    assert (result.check, result.status) == (rq.DATETIME, Status.FAIL)
    assert why in result.message


@pytest.mark.parametrize(
    "value", ["03/04/2026 14:05 UTC", "20/11/2026 14:05 UTC", "11/20/2026 14:05", "20-11-2026"]
)
def test_slash_or_dash_dates_with_the_year_last_fail_with_the_iso_form(
    known: ProfileSet, value: str
) -> None:
    # The one ambiguity policy of rules.dates: identities refuse these dates too.
    result = one(known, "attempt_time", value)
    assert (result.check, result.status) == (rq.DATETIME, Status.FAIL)
    assert "reads as day/month or month/day" in result.message
    assert result.hint and "2026-11-20 14:05 +01:00" in result.hint


def test_date_time_hints_say_each_thing_once(known: ProfileSet) -> None:
    result = one(known, "attempt_time", "2026-11-20 14:05")
    assert result.hint and result.hint.count("2026-11-20 14:05 +01:00") == 1


# --------------------------------------------------------------------------- RQ006 URL


def test_genuine_vendor_url_over_https_passes(known: ProfileSet) -> None:
    result = one(known, "portal_url", "https://login-eu.mimecast.com/m/secure-messaging/")
    assert (result.check, result.status) == (rq.PORTAL_URL, Status.PASS)
    assert result.data["region"] == "eu"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("http://login-eu.mimecast.com/", "plain http://"),
        ("login-eu.mimecast.com/m/", "no https:// in front"),
        ("https://webmail.mimecast.com/", "no profile lists it"),
    ],
)
def test_url_hints(known: ProfileSet, value: str, why: str) -> None:
    result = one(known, "portal_url", value)
    assert (result.check, result.status) == (rq.PORTAL_URL, Status.HINT)
    assert why in result.message


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("https://login-eu.mimecast.com.secure-login.test/", "only looks like a vendor address"),
        ("https://login-eu.mimecasт.com/", "only looks like a vendor address"),  # Cyrillic т
        ("https://rnimecast.com/", "only looks like a vendor address"),
        ("https://portal.acme.example/", "not an address of Mimecast"),
        ("https://console.eu.amp.cisco.com/", "belongs to Cisco Secure Endpoint"),
        ("javascript:alert(1)", "cannot be read as a web address"),
    ],
)
def test_url_fails(known: ProfileSet, value: str, why: str) -> None:
    result = one(known, "portal_url", value)
    assert (result.check, result.status) == (rq.PORTAL_URL, Status.FAIL)
    assert why in result.message


def test_url_with_a_password_fails_without_showing_it(known: ProfileSet) -> None:
    assessment = assess(
        known, "portal_url: https://jane:hunter2@login-eu.mimecast.com/\n", MIMECAST
    )
    result = by_field(assessment)["portal_url"]
    assert (result.check, result.status) == (rq.SECRET, Status.FAIL)
    assert "password, token or cookie" in result.message
    assert result.hint and "change (rotate) that secret" in result.hint
    assert all("hunter2" not in r.message + (r.hint or "") for r in assessment.results)
    result = one(known, "portal_url", "https://jane:hunter2@login-eu.mimecast.com/ x")
    assert result.status is Status.FAIL and "hunter2" not in result.message


def test_lookalike_hint_says_not_to_sign_in(known: ProfileSet) -> None:
    result = one(known, "portal_url", "https://login-eu.mimecast.com.secure-login.test/")
    assert result.hint and "Do not sign in" in result.hint


# --------------------------------------------------------------------------- RQ007 browser


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Firefox 128.0", "Firefox 128.0"),
        ("Google Chrome Version 126.0.6478.127 (Official Build) (64-bit)", "Chrome 126.0.6478.127"),
        ("microsoft edge v125", "Edge 125"),
        ("Safari 17.5 on macOS 14", "Safari 17.5"),
        (
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
                "(KHTML, like Gecko) Version/17.5 Safari/605.1.15"
            ),
            "Safari 17.5 (read from the user-agent string)",
        ),
    ],
)
def test_browser_passes(known: ProfileSet, value: str, shown: str) -> None:
    result = one(known, "browser", value)
    assert (result.check, result.status, result.message) == (rq.BROWSER, Status.PASS, shown)


@pytest.mark.parametrize(
    ("value", "status", "why"),
    [
        ("Firefox", Status.FAIL, "names Firefox but not its version"),
        ("Firefox (64-bit)", Status.FAIL, "not its version"),
        ("Chrome, latest", Status.FAIL, "'latest' is not a version number"),
        ("the one on my laptop", Status.FAIL, "names no browser and no version"),
        ("Firefux 128.0", Status.HINT, "names no browser we know"),
    ],
)
def test_browser_non_pass(known: ProfileSet, value: str, status: Status, why: str) -> None:
    result = one(known, "browser", value)
    assert (result.check, result.status) == (rq.BROWSER, status)
    assert why in result.message


def test_misspelt_browser_gets_a_suggestion(known: ProfileSet) -> None:
    result = one(known, "browser", "Firefux 128.0")
    assert result.hint and result.hint.startswith("Did you mean Firefox?")


# --------------------------------------------------------------------------- RQ008 product


@pytest.mark.parametrize(
    "value",
    ["Cisco Secure Endpoint", "cisco secure-endpoint", "FireAMP", "Mimecast Secure Messaging",
     "Cisco Secure Endpoint Advantage"],
)  # fmt: skip
def test_known_product_names_pass(known: ProfileSet, value: str) -> None:
    result = one(known, "product_name", value, GLO)
    assert (result.check, result.status) == (rq.PRODUCT, Status.PASS)


def test_unknown_product_suggests_the_nearest(known: ProfileSet) -> None:
    result = one(known, "product_name", "Cisco Secure Endpiont", GLO)
    assert (result.check, result.status) == (rq.PRODUCT, Status.HINT)
    assert result.hint and result.hint.startswith("Did you mean 'Cisco Secure Endpoint'?")
    assert result.data["suggestion"] == "Cisco Secure Endpoint"


def test_product_far_from_any_lists_known_names(known: ProfileSet) -> None:
    result = one(known, "product_name", "Widget Pro", GLO)
    assert result.status is Status.HINT and result.data["suggestion"] is None
    assert result.hint and "Known names: Cisco Secure Endpoint" in result.hint


# --------------------------------------------------------------------------- RQ009 name


def test_full_name_passes(known: ProfileSet) -> None:
    result = one(known, "customer_name", "Jane van der Berg", GLO)
    assert (result.check, result.status) == (rq.PERSON_NAME, Status.PASS)


@pytest.mark.parametrize(
    ("value", "why"),
    [("Jane", "one name only"), ("jane@acme.example", "email address"), ("J4ne Doe", "digits")],
)
def test_name_hints(known: ProfileSet, value: str, why: str) -> None:
    result = one(known, "customer_name", value, GLO)
    assert (result.check, result.status) == (rq.PERSON_NAME, Status.HINT)
    assert why in result.message


# --------------------------------------------------------------------------- RQ010, RQ013 extras


def test_unknown_field_is_a_hint_with_a_suggestion_and_is_kept(known: ProfileSet) -> None:
    text = (DATA / "glo-licensing.txt").read_text() + "Phone: +1 555 0100\nCustomer emial: x\n"
    assessment = assess(known, text)
    extras = [r for r in assessment.results if r.check is rq.EXTRA_FIELD]
    assert [(r.data["field"], r.status) for r in extras] == [
        ("Phone", Status.HINT),
        ("Customer emial", Status.HINT),
    ]
    assert extras[1].hint and extras[1].hint.startswith("Did you mean 'Customer email address'?")
    rendered = assessment.rendered()
    assert "Phone: +1 555 0100\n" in rendered and "Customer emial: x\n" in rendered


def test_text_between_fields_is_a_hint_and_kept(known: ProfileSet) -> None:
    lines = (DATA / "glo-licensing.txt").read_text().splitlines(keepends=True)
    text = "".join(lines[:6]) + "\nSee the attached screenshot.\n" + "".join(lines[6:])
    assessment = assess(known, text)
    stray = [r for r in assessment.results if r.check is rq.EXTRA_FIELD]
    assert len(stray) == 1 and stray[0].data["field"] is None and stray[0].data["line"] == 8
    assert stray[0].status is Status.HINT
    assert assessment.rendered().endswith("See the attached screenshot.\n")


MAIL = """Hello GLO team,

please find our licensing request below.

{body}
Kind regards,
Jane Doe
Acme Ltd | IT operations
Tel: +1 555 0100
"""


def test_greeting_and_sign_off_of_a_pasted_mail_are_kept_in_place(known: ProfileSet) -> None:
    body = (DATA / "glo-licensing.txt").read_text() + "\n"
    assessment = assess(known, MAIL.format(body=body))
    assert [r.check for r in assessment.results if r.status is not Status.PASS] == []
    rendered = assessment.rendered()
    assert rendered.startswith("Hello GLO team,\n\nplease find our licensing request below.\n\n")
    assert rendered.endswith(
        "\n\nKind regards,\nJane Doe\nAcme Ltd | IT operations\nTel: +1 555 0100\n"
    )
    assert "Cisco.com ID: jdoe-acme\n" in rendered


def test_password_field_fails_without_showing_it(known: ProfileSet) -> None:
    assessment = assess(known, "Cisco.com ID: jdoe\nPassword: hunter2\n")
    secret = next(r for r in assessment.results if r.check is rq.SECRET)
    assert secret.status is Status.FAIL
    assert all("hunter2" not in (r.message + (r.hint or "")) for r in assessment.results)


# --------------------------------------------------------------------------- RQ012


def test_complete_request_says_where_to_open_it_and_when_to_follow_up(known: ProfileSet) -> None:
    whole = check_request_file(DATA / "glo-licensing.txt", known)[-1]
    assert (whole.check, whole.status, whole.data["field"]) == (rq.COMPLETE, Status.PASS, None)
    assert "Security Related Licensing" in whole.message and "severity 3" in whole.message
    assert "48 hours" in whole.message


def test_incomplete_request_names_the_fields_and_repeats_the_advice(known: ProfileSet) -> None:
    whole = check_request_file(DATA / "glo-incomplete.txt", known)[-1]
    assert (whole.check, whole.status) == (rq.COMPLETE, Status.FAIL)
    assert "Cisco Web Order ID #" in whole.message
    assert "Product Name" not in whole.message  # a hint only: not in the list to fix
    assert whole.hint and "No entitlement email?" in whole.hint


def test_hints_alone_leave_the_request_ready(known: ProfileSet) -> None:
    text = (DATA / "mimecast-logon.txt").read_text().replace(" +01:00", "")
    assessment = assess(known, text, MIMECAST)
    assert assessment.ready
    whole = assessment.results[-1]
    assert (whole.status, whole.hint) == (Status.PASS, None)
    assert whole.message.endswith("complete, ready to send; open it in " + assessment.kind.where)


# --------------------------------------------------------------------------- hints said once


@pytest.mark.parametrize(
    ("field_id", "value", "kind_id", "said_once"),
    [
        ("attempt_time", "2026-11-20 14:05", MIMECAST, "2026-11-20 14:05 +01:00"),
        ("attempt_time", "2026-11-20", MIMECAST, "2026-11-20 14:05 +01:00"),
        ("attempt_time", "20/11/2026 14:05", MIMECAST, "2026-11-20 14:05 +01:00"),
        ("browser", "Firefox", MIMECAST, "Help > About"),
        ("browser", "Firefux 128.0", MIMECAST, "Help > About"),
        ("browser", "the one on my laptop", MIMECAST, "Help > About"),
        ("customer_name", "Jane", GLO, "first and last name"),
        ("customer_name", "J4ne Doe", GLO, "first and last name"),
    ],
)
def test_a_hint_says_each_thing_once(
    known: ProfileSet, field_id: str, value: str, kind_id: str, said_once: str
) -> None:
    result = one(known, field_id, value, kind_id)
    assert result.status in (Status.HINT, Status.FAIL) and result.hint
    assert result.hint.casefold().count(said_once.casefold()) == 1, result.hint
    sentences = [s.strip().casefold() for s in result.hint.split(". ") if s.strip()]
    assert len(sentences) == len(set(sentences)), result.hint


def test_the_whole_requests_hint_says_each_thing_once(known: ProfileSet) -> None:
    whole = check_request_file(DATA / "glo-incomplete.txt", known)[-1]
    assert whole.status is Status.FAIL and whole.hint
    assert whole.hint.count("48 hours") == 1
    assert whole.hint.count("Support Case Manager") == 0  # where to open it: once it is ready


def test_passes_carry_no_notes(known: ProfileSet) -> None:
    results = check_request_file(DATA / "glo-licensing.txt", known)
    assert all(r.status is Status.PASS and r.hint is None for r in results)
    assert "hint" not in results[-1].message


def test_field_kinds_are_the_profiles_field_kinds() -> None:
    from emailsec_check.checks.request import VALIDATORS, FieldKind
    from emailsec_check.profiles import FIELD_KINDS

    assert {kind.value for kind in FieldKind} == set(FIELD_KINDS) == set(VALIDATORS)


@pytest.mark.parametrize(
    "value", ["x" * 60 + "!", "x-" * 40 + "y", "a:" + "1" * 5000 + " z", "eyJ" * 2000]
)
def test_values_built_to_make_patterns_backtrack_are_still_judged(
    known: ProfileSet, value: str
) -> None:
    # Each of these took exponential (or quadratic, at 1 MiB) time in an earlier pattern.
    result = by_field(assess(known, f"Cisco Web Order ID #: {value}\n"))["web_order_id"]
    assert result.status is Status.FAIL


def test_every_field_kind_names_a_check_that_exists() -> None:
    """The validator table names each check by module and function: a typo would only show
    on the first request with a field of that kind."""
    from importlib import import_module

    from emailsec_check.checks.request import VALIDATORS, FieldKind

    assert set(VALIDATORS) == set(FieldKind)
    for kind, validator in VALIDATORS.items():
        module, _, name = validator.code.partition(".")
        function = getattr(import_module(f"emailsec_check.checks.request.{module}"), name)
        assert callable(function), kind
        assert validator.check.id.startswith("RQ")
