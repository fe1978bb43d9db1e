"""Each identity check, passing and not: logins against the directory (ID001-ID008) and
what the MX answers mean (ID009, with a fake resolver; tests/test_identities_dns.py asks
a real DNS server)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import pytest

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities import (
    ALL_RULES,
    CHECK_MODULES,
    IdentityOptions,
    MxResolver,
    check_identities,
)
from emailsec_check.model import Result, Status
from emailsec_check.net.dns import DnsKind, DnsOutcome, MxRecord
from emailsec_check.profiles import Profile, load_profiles
from emailsec_check.report.cells import formula_safe
from emailsec_check.rules.email import mask_address, syntax_problem, valid_domain
from emailsec_check.sources.identities import read_expected, read_logins

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ENTRA_HEADER = "userPrincipalName,givenName,surname,mail,userType,accountEnabled,proxyAddresses"
PROFILES = load_profiles([])
SETD = PROFILES.require("cisco-secure-email-threat-defense")
ENDPOINT = PROFILES.require("cisco-secure-endpoint")
MIMECAST = PROFILES.require("mimecast-secure-messaging")


def entra(*rows: str) -> str:
    """An Entra ID export: upn,given,surname,mail,type,enabled,proxies per row."""
    return "\ufeff" + "\r\n".join([ENTRA_HEADER, *rows]) + "\r\n"


def run(
    folder: Path,
    configured: str,
    expected: str,
    *,
    profile: Optional[Profile] = None,
    resolver: Optional[MxResolver] = None,
    **options: object,
) -> list[Result]:
    (folder / "product.csv").write_text(configured, encoding="utf-8")
    (folder / "entra.csv").write_text(expected, encoding="utf-8")
    settings = IdentityOptions(now=NOW, **options)  # type: ignore[arg-type]
    logins = read_logins(folder / "product.csv")
    directory = read_expected(folder / "entra.csv")
    return asyncio.run(check_identities(logins, directory, profile, resolver, settings))


def of(results: list[Result], check_id: str) -> list[Result]:
    return [result for result in results if result.id == check_id]


def statuses(results: list[Result], check_id: str) -> list[tuple[str, Status]]:
    return [(result.subject, result.status) for result in of(results, check_id)]


JANE = (
    "jane@acme.example,Jane,Doe,jane@acme.example,Member,True,"
    "SMTP:jane@acme.example;smtp:jd@acme.example"
)
BOB = "bob@acme.example,Bob,Builder,bob@acme.example,Member,True,"


# --------------------------------------------------------------------------- ID001


def test_known_logins_pass_unknown_ones_fail(tmp_path: Path) -> None:
    results = run(
        tmp_path,
        "Email\njane@acme.example\nghost@acme.example\nx_mail.test#EXT#@acme.example\n",
        entra(JANE),
    )
    assert statuses(results, "ID001") == [
        ("jane@acme.example", Status.PASS),
        ("ghost@acme.example", Status.FAIL),
        ("x_mail.test#EXT#@acme.example", Status.FAIL),
    ]
    ghost, guest = of(results, "ID001")[1:]
    assert ghost.message == "no identity in entra.csv has this address"
    assert "remove the account" in (ghost.hint or "")
    assert ghost.data == {"email": "ghost@acme.example", "line": 3}
    assert "#EXT# directory name, not an address" in guest.message
    # Every result of the area names the address it is about.
    assert all("email" in result.data for result in results)


# --------------------------------------------------------------------------- ID002


def test_one_person_with_two_logins(tmp_path: Path) -> None:
    configured = "Email\njane@acme.example\nbob@acme.example\njd@acme.example\n"
    results = run(tmp_path, configured, entra(JANE, BOB), profile=SETD)
    several = of(results, "ID002")
    assert [(r.subject, r.status) for r in several] == [
        ("jane@acme.example", Status.FAIL),
        ("jd@acme.example", Status.FAIL),
    ]
    assert "one address per person" in several[1].message
    assert "jane@acme.example" in several[1].message
    assert "jd@acme.example" in several[0].message
    assert "Keep one account" in (several[1].hint or "")


def test_several_logins_only_a_hint_where_the_product_allows_them(tmp_path: Path) -> None:
    configured = "Email\njane@acme.example\njd@acme.example\n"
    results = run(tmp_path, configured, entra(JANE), profile=MIMECAST)
    assert {result.status for result in of(results, "ID002")} == {Status.HINT}


def test_same_address_in_other_letter_case_is_a_second_login(tmp_path: Path) -> None:
    results = run(tmp_path, "Email\njane@acme.example\nJane@Acme.example\n", entra(JANE))
    assert statuses(results, "ID002") == [
        ("jane@acme.example", Status.FAIL),
        ("Jane@Acme.example", Status.FAIL),
    ]


def test_a_row_listed_twice_is_a_hint(tmp_path: Path) -> None:
    results = run(tmp_path, "Email\nbob@acme.example\nbob@acme.example\n", entra(BOB))
    assert statuses(results, "ID002") == [("bob@acme.example", Status.HINT)]
    assert "more than once" in of(results, "ID002")[0].message


def test_different_people_pass_id002(tmp_path: Path) -> None:
    results = run(tmp_path, "Email\njane@acme.example\nbob@acme.example\n", entra(JANE, BOB))
    assert not of(results, "ID002")
    assert [r.status for r in results if r.id != "ID009"] == [Status.PASS, Status.PASS]


# --------------------------------------------------------------------------- ID003


def test_secondary_address_fails_where_the_login_must_be_primary(tmp_path: Path) -> None:
    results = run(tmp_path, "Email\njd@acme.example\n", entra(JANE), profile=MIMECAST)
    assert statuses(results, "ID001") == [("jd@acme.example", Status.PASS)]
    (secondary,) = of(results, "ID003")
    assert secondary.status is Status.FAIL
    assert "sign-in address is jane@acme.example" in secondary.message
    assert "Change the login" in (secondary.hint or "") and "jane@acme.example" in (
        secondary.hint or ""
    )


def test_secondary_address_is_a_hint_where_the_product_accepts_it(tmp_path: Path) -> None:
    results = run(tmp_path, "Email\njd@acme.example\n", entra(JANE), profile=ENDPOINT)
    assert statuses(results, "ID003") == [("jd@acme.example", Status.HINT)]


def test_user_principal_name_and_guest_name_are_secondary(tmp_path: Path) -> None:
    expected = entra(
        "frank.upn@acme.example,Frank,F,frank@acme.example,Member,True,",
        "pat_mail.test#EXT#@acme.example,,,pat@mail.test,Guest,True,",
    )
    configured = "Email\nfrank.upn@acme.example\npat_mail.test#EXT#@acme.example\npat@mail.test\n"
    results = run(tmp_path, configured, expected)
    assert statuses(results, "ID003") == [
        ("frank.upn@acme.example", Status.FAIL),
        ("pat_mail.test#EXT#@acme.example", Status.FAIL),
    ]
    assert "#EXT# directory name" in of(results, "ID003")[1].message
    assert ("pat@mail.test", Status.PASS) in statuses(results, "ID001")


def test_primary_address_passes_id003(tmp_path: Path) -> None:
    results = run(tmp_path, "Email\njane@acme.example\n", entra(JANE))
    assert not of(results, "ID003")


# --------------------------------------------------------------------------- ID004


def test_letter_case_only_is_a_hint(tmp_path: Path) -> None:
    expected = entra("Mixed.Case@acme.example,M,C,Mixed.Case@acme.example,Member,True,")
    results = run(tmp_path, "Email\nmixed.case@ACME.example\nMixed.Case@acme.example\n", expected)
    (case,) = of(results, "ID004")
    assert case.status is Status.HINT
    assert case.subject == "mixed.case@ACME.example"
    assert "Mixed.Case@acme.example" in case.message and "letter case only" in case.message
    assert "Mixed.Case@acme.example" in (case.hint or "")


# --------------------------------------------------------------------------- ID005


def test_microsoft_account_without_a_name_fails(tmp_path: Path) -> None:
    expected = entra(
        "nolast@acme.example,No,,nolast@acme.example,Member,True,",
        "nofirst@acme.example,,First,nofirst@acme.example,Member,True,",
        BOB,
        "guest_home.test#EXT#@acme.example,,,guest@home.test,Guest,True,",
    )
    configured = (
        "Email\nnolast@acme.example\nnofirst@acme.example\nbob@acme.example\nguest@home.test\n"
    )
    results = run(tmp_path, configured, expected)
    names = of(results, "ID005")
    assert [(r.subject, r.status) for r in names] == [
        ("nolast@acme.example", Status.FAIL),
        ("nofirst@acme.example", Status.FAIL),
    ]
    assert "no last name" in names[0].message and "no first name" in names[1].message
    for result in names:
        assert "400 Bad Request" in result.message
        assert "required properties are missing" in result.message
        assert "Microsoft Entra admin center" in (result.hint or "")
        assert "Microsoft 365 admin center" in (result.hint or "")


def test_names_rule_follows_the_product_and_the_provider(tmp_path: Path) -> None:
    expected = entra("nolast@acme.example,No,,nolast@acme.example,Member,True,")
    assert not of(
        run(tmp_path, "Email\nnolast@acme.example\n", expected, profile=MIMECAST), "ID005"
    )
    generic = "email,given name,surname,provider\nokta@acme.example,Ok,,Okta\n"
    assert not of(run(tmp_path, "Email\nokta@acme.example\n", generic), "ID005")


def test_names_skipped_when_the_export_has_no_name_columns(tmp_path: Path) -> None:
    expected = "\ufeffuserPrincipalName,mail\r\nann@acme.example,ann@acme.example\r\n"
    results = run(tmp_path, "Email\nann@acme.example\n", expected)
    (skip,) = of(results, "ID005")
    assert skip.status is Status.SKIP and "givenName" in skip.message
    assert skip.subject == "entra.csv"


# --------------------------------------------------------------------------- ID006


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("jane doe@acme.example", "contains a space"),
        ("jane.acme.example", "has no @"),
        ("a@b@acme.example", "more than one @"),
        ("@acme.example", "nothing before the @"),
        ("jane@", "nothing after the @"),
        ("jane..doe@acme.example", "two dots in a row"),
        (".jane@acme.example", "dot at the start"),
        ("jane,doe@acme.example", "contains ','"),
        ("jane@localhost", "domain without a dot"),
        ("jane@-acme.example", "not a host name"),
        ("jane@acme.123", "not a host name"),
        ('"jane doe"@acme.example', "contains a space"),
        ("x" * 65 + "@acme.example", "more than 64"),
    ],
)
def test_invalid_addresses_fail(tmp_path: Path, address: str, problem: str) -> None:
    assert problem in syntax_problem(address)
    results = run(tmp_path, f'Email\n"{address.replace(chr(34), chr(34) * 2)}"\n', entra(JANE))
    (invalid,) = of(results, "ID006")
    assert invalid.status is Status.FAIL
    assert problem in invalid.message
    assert invalid.data == {"email": address, "line": 2}
    assert not of(results, "ID001")


@pytest.mark.parametrize(
    "address",
    [
        "o'brien@acme.example",
        "first.last+tag@acme.example",
        "under_score@sub.acme.example",
        "müller@bücher.example",
        "x@xn--bcher-kva.example",
        "UPPER@ACME.EXAMPLE",
    ],
)
def test_valid_addresses_pass_id006(tmp_path: Path, address: str) -> None:
    assert syntax_problem(address) == ""
    results = run(tmp_path, f"Email\n{address}\n", entra(JANE))
    assert not of(results, "ID006")
    assert statuses(results, "ID001") == [(address, Status.FAIL)]  # valid, only unknown


def test_empty_logins_fail_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    results = run(tmp_path, "Email,Name\n,Nobody\n\n,\n", entra(JANE))
    (empty,) = of(results, "ID006")
    assert empty.subject == "(empty login, line 2)" and "is empty" in empty.message


def test_domains() -> None:
    assert valid_domain("acme.example") and valid_domain("bücher.example")
    assert not valid_domain("acme") and not valid_domain("acme..example")
    assert not valid_domain("a" * 64 + ".example")


# --------------------------------------------------------------------------- ID007


def test_expected_identity_without_account_is_listed_with_coverage(tmp_path: Path) -> None:
    expected = entra(JANE, BOB, "carl@acme.example,Carl,C,carl@acme.example,Member,False,")
    results = run(tmp_path, "Email\njane@acme.example\n", expected, coverage=True)
    assert statuses(results, "ID007") == [("bob@acme.example", Status.HINT)]  # carl: disabled
    assert "create the account" in (of(results, "ID007")[0].hint or "")
    everyone = run(tmp_path, "Email\njane@acme.example\nbob@acme.example\n", entra(JANE, BOB))
    assert not of(everyone, "ID007")


def test_a_whole_directory_without_coverage_is_one_count(tmp_path: Path) -> None:
    people = [f"p{n}@acme.example,P,{n},p{n}@acme.example,Member,True," for n in range(5000)]
    results = run(tmp_path, "Email\np1@acme.example\n", entra(*people))
    (summary,) = of(results, "ID007")
    assert summary.status is Status.HINT and summary.subject == "entra.csv"
    assert "4,999 enabled identities" in summary.message
    assert summary.data == {"email": None, "identities": 4999}
    assert "--coverage" in (summary.hint or "")


# --------------------------------------------------------------------------- ID008


def test_activation_overdue_fails_and_recent_passes(tmp_path: Path) -> None:
    configured = (
        "Email,Status,Invited\n"
        "jane@acme.example,Pending,2026-02-01\n"
        "bob@acme.example,Invited,2026-02-27\n"
    )
    results = run(tmp_path, configured, entra(JANE, BOB))
    late, recent = of(results, "ID008")
    assert (late.subject, late.status) == ("jane@acme.example", Status.FAIL)
    assert "28 days" in late.message and "7 days" in late.message
    assert "TAC case" in (late.hint or "") and "new activation link" in (late.hint or "")
    assert (recent.subject, recent.status) == ("bob@acme.example", Status.PASS)
    assert "4 of 7 days left" in recent.message  # 2.5 days since it was created


def test_activation_days_come_from_the_profile(tmp_path: Path) -> None:
    configured = "Email,Status,Created\njane@acme.example,Provisioned,2026-02-25\n"
    three = ENDPOINT.replace(sign_on=ENDPOINT.sign_on.replace(activation_days=3))
    assert statuses(run(tmp_path, configured, entra(JANE), profile=three), "ID008") == [
        ("jane@acme.example", Status.FAIL)
    ]
    assert statuses(run(tmp_path, configured, entra(JANE), profile=ENDPOINT), "ID008") == [
        ("jane@acme.example", Status.PASS)
    ]
    # No activation rule for this product: nothing to say.
    assert not of(run(tmp_path, configured, entra(JANE), profile=SETD), "ID008")


def test_activation_without_dates_is_one_skip(tmp_path: Path) -> None:
    configured = "Email,Status\njane@acme.example,Pending\nbob@acme.example,Active\n"
    results = run(tmp_path, configured, entra(JANE, BOB))
    (skip,) = of(results, "ID008")
    assert skip.status is Status.SKIP and skip.data["accounts"] == 1


# --------------------------------------------------------------------------- ID009


class FakeResolver:
    """Answers from a table; counts look-ups and how many ran at once."""

    def __init__(self, answers: dict[str, DnsOutcome]) -> None:
        self.answers = answers
        self.asked: list[str] = []
        self.running = 0
        self.most = 0

    async def mx(self, domain: str) -> DnsOutcome:
        self.asked.append(domain)
        self.running += 1
        self.most = max(self.most, self.running)
        await asyncio.sleep(0.001)
        self.running -= 1
        return self.answers.get(domain, DnsOutcome(DnsKind.NXDOMAIN, domain))


def mx(*exchanges: str) -> DnsOutcome:
    return DnsOutcome(DnsKind.ANSWER, "", mx=tuple(MxRecord(10, name) for name in exchanges))


def test_mail_domain_answers(tmp_path: Path) -> None:
    domains = {
        "good.example": mx("mx1.good.example"),
        "m365.example": mx("m365-example.mail.protection.outlook.com"),
        "dane.example": mx("dane-example.c-v1.mx.microsoft"),
        "null.example": mx(""),
        "nomx.example": DnsOutcome(DnsKind.NOANSWER, "nomx.example"),
        "slow.example": DnsOutcome(
            DnsKind.TIMEOUT, "slow.example", detail="no DNS answer within 2 s from 127.0.0.1:53"
        ),
        "broken.example": DnsOutcome(DnsKind.SERVFAIL, "broken.example", detail="SERVFAIL"),
    }
    logins = [f"u{n}@{domain}" for domain in [*domains, "gone.example"] for n in range(2)]
    expected = "email\n" + "\n".join(logins) + "\n"
    resolver = FakeResolver(domains)
    results = run(tmp_path, "Email\n" + "\n".join(logins) + "\n", expected, resolver=resolver)

    found = {result.subject: result for result in of(results, "ID009")}
    assert {name: result.status for name, result in found.items()} == {
        "good.example": Status.PASS,
        "m365.example": Status.PASS,
        "dane.example": Status.PASS,
        "null.example": Status.FAIL,
        "nomx.example": Status.FAIL,
        "gone.example": Status.FAIL,
        "slow.example": Status.SKIP,
        "broken.example": Status.SKIP,
    }
    assert sorted(resolver.asked) == sorted(found)  # one look-up per distinct domain
    assert "Other tab" in found["m365.example"].message  # advice, nothing to change
    assert "Junk" in found["m365.example"].message
    assert "null MX" in found["null.example"].message
    assert "no MX record" in found["nomx.example"].message
    assert "does not exist" in found["gone.example"].message
    assert "within 2 s" in found["slow.example"].message
    for name in ("null.example", "nomx.example", "gone.example"):
        assert "cannot arrive" in (found[name].hint or "")
    assert found["good.example"].data == {
        "email": "u0@good.example",
        "domain": "good.example",
        "logins": 2,
    }
    assert "2 login(s)" in found["good.example"].message


def test_look_ups_are_bounded(tmp_path: Path) -> None:
    logins = "\n".join(f"u@d{n}.example" for n in range(30))
    resolver = FakeResolver({f"d{n}.example": mx(f"mx.d{n}.example") for n in range(30)})
    run(tmp_path, f"Email\n{logins}\n", f"email\n{logins}\n", resolver=resolver, concurrency=4)
    assert len(resolver.asked) == 30 and resolver.most <= 4


def test_without_dns_one_skip_says_so(tmp_path: Path) -> None:
    results = run(tmp_path, "Email\njane@acme.example\n", entra(JANE))
    (skip,) = of(results, "ID009")
    assert skip.status is Status.SKIP and "--no-dns" in skip.message


# --------------------------------------------------------------------------- shared


def test_redact_masks_every_address(tmp_path: Path) -> None:
    expected = entra(JANE, BOB, "Mixed@acme.example,M,,Mixed@acme.example,Member,True,")
    configured = (
        "Email,Status,Invited\n"
        "jane@acme.example,Pending,2026-01-01\njd@acme.example,Active,\n"
        "ghost@acme.example,Active,\nmixed@acme.example,Active,\nbad address@acme.example,,\n"
        "=evil@acme.example,Active,\n"
    )
    resolver = FakeResolver({"acme.example": mx("acme-example.mail.protection.outlook.com")})
    results = run(tmp_path, configured, expected, redact=True, resolver=resolver)
    assert {result.id for result in results} >= {
        "ID001", "ID002", "ID003", "ID004", "ID005", "ID006", "ID007", "ID008", "ID009",
    }  # fmt: skip
    for result in results:
        for text in (result.subject, result.message, result.hint or "", str(result.data)):
            for local in ("jane", "jd@", "ghost", "ixed", "bob", "bad add", "evil"):
                assert local not in text, (result.id, text)
    assert of(results, "ID001")[0].data["email"].startswith("j***@acme.example#")


def test_a_login_that_looks_like_a_formula_is_reported_as_written(tmp_path: Path) -> None:
    """Formula safety is the spreadsheet-like formats' business (report/cells.py)."""
    results = run(tmp_path, "Email\n=cmd|x@acme.example\n-x@acme.example\n", entra(JANE))
    subjects = [result.subject for result in of(results, "ID001")]
    assert subjects == ["=cmd|x@acme.example", "-x@acme.example"]
    assert of(results, "ID001")[0].data["email"] == "=cmd|x@acme.example"
    assert [formula_safe(subject) for subject in subjects] == [
        "'=cmd|x@acme.example",
        "'-x@acme.example",
    ]
    assert (
        formula_safe("@SUM(A1)") == "'@SUM(A1)" and formula_safe("ok@x.example") == "ok@x.example"
    )


def test_every_check_of_the_area_is_one_hop_from_its_id() -> None:
    from importlib import import_module

    for check in cat.CHECKS:
        module = import_module(f"emailsec_check.checks.identities.{CHECK_MODULES[check.id]}")
        assert check.id in (module.__doc__ or ""), check.id


def test_masking() -> None:
    assert mask_address("jane.doe@acme.example") == "j***@acme.example"
    assert mask_address(" =x@acme.example") == "***@acme.example"
    assert mask_address("no address") == "***"


def test_default_rules_are_every_products() -> None:
    assert ALL_RULES.one_address_per_user and ALL_RULES.login_is_primary_address
    assert ALL_RULES.microsoft_names_required and ALL_RULES.activation_days == 7


def test_a_resolver_that_hides_names_makes_missing_domains_skips(tmp_path: Path) -> None:
    logins = "Email\nu@gone.example\nv@good.example\n"
    people = "email\nu@gone.example\nv@good.example\n"
    hiding = FakeResolver({"good.example": mx("mx.good.example")})  # NXDOMAIN for the rest
    results = run(tmp_path, logins, people, resolver=hiding, probe_domains=("vendor.example",))
    assert statuses(results, "ID009") == [
        ("gone.example", Status.SKIP),
        ("good.example", Status.PASS),
    ]
    skip = of(results, "ID009")[0]
    assert "vendor.example does not exist either" in skip.message
    assert "--nameserver" in skip.message and skip.data["logins"] == 1
    assert hiding.asked.count("vendor.example") == 1  # asked once, after a domain was missing

    honest = FakeResolver({"good.example": mx("mx.good.example"), "vendor.example": mx("mx.v")})
    results = run(tmp_path, logins, people, resolver=honest, probe_domains=("vendor.example",))
    assert statuses(results, "ID009")[0] == ("gone.example", Status.FAIL)


def test_the_profile_names_the_domain_that_surely_exists(tmp_path: Path) -> None:
    resolver = FakeResolver({"good.example": mx("mx.good.example")})
    run(tmp_path, "Email\nv@good.example\n", "email\nv@good.example\n", resolver=resolver)
    assert resolver.asked == ["good.example"]  # nothing missing: no probe
    resolver = FakeResolver({})
    run(tmp_path, "Email\nv@gone.example\n", entra(BOB), profile=SETD, resolver=resolver)
    assert resolver.asked == ["gone.example", SETD.vendor_domains[0]]


def test_redact_tells_two_people_of_the_same_initial_apart(tmp_path: Path) -> None:
    expected = entra(
        "bob.smith@acme.example,Bob,Smith,bob.smith@acme.example,Member,True,"
        "SMTP:bob.smith@acme.example;smtp:bsmith@acme.example"
    )
    configured = "Email\nbob.smith@acme.example\nbsmith@acme.example\n"
    results = run(tmp_path, configured, expected, redact=True)
    first, second = of(results, "ID002")
    assert first.subject != second.subject
    assert first.subject.startswith("b***@acme.example#")
    assert second.subject in first.message and first.subject in second.message
    assert {r.subject for r in of(results, "ID001")} == {first.subject, second.subject}
