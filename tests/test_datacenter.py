"""``emailsec-check datacenter``: product and region of a console URL, look-alikes fail."""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest

from emailsec_check.checks.datacenter import check_urls
from emailsec_check.model import Report, Status
from emailsec_check.options import OutputFormat
from emailsec_check.profiles import load_profiles
from emailsec_check.report import RenderOptions, render_text
from emailsec_check.rules.hosts import HostRules
from emailsec_check.rules.redact import redact
from tests.conftest import Cli
from tests.fakes import random_url_text

EU = "https://console.eu.amp.cisco.com/"
AMERICAS = "https://console.amp.cisco.com/"
APJC = "https://console.apjc.amp.cisco.com/"
RULES = HostRules(load_profiles((), environ={}))


def _json(cli: Cli, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = cli("datacenter", *args, "--format", "json")
    assert result.err == ""
    document = json.loads(result.out)
    for item in document["results"]:
        # The contract's data keys for this area, on every result.
        assert "product" in item["data"] and "region" in item["data"], item
        assert item["area"] == "datacenter"
    return result.code, document["results"]


def _only(cli: Cli, url: str, *extra: str) -> tuple[int, dict[str, Any]]:
    code, results = _json(cli, url, *extra)
    assert len(results) == 1, results
    return code, results[0]


# --------------------------------------------------------------------------- recognised


def test_text_output(cli: Cli) -> None:
    result = cli("datacenter", EU)
    assert result.code == 0
    flowing = " ".join(result.out.split())  # the same whatever the terminal's width
    assert (
        "[✓] DC001 https://console.eu.amp.cisco.com/: Cisco Secure Endpoint console in the "
        "Europe datacenter"
    ) in flowing
    assert re.search(r"\n1 pass, 0 hint, 0 fail, 0 skip \(no problems, [0-9.]+s\)\n$", result.out)


@pytest.mark.parametrize(
    "url",
    [
        EU,
        "HTTPS://CONSOLE.EU.AMP.CISCO.COM/",
        "https://Console.Eu.Amp.Cisco.Com",
        "https://console.eu.amp.cisco.com./",
        "console.eu.amp.cisco.com",
        "console.eu.amp.cisco.com/#/dashboard",
        "https://console.eu.amp.cisco.com/computers?group=all&page=2#top",
        "https://console.eu.amp.cisco.com:443/",
        "  https://console.eu.amp.cisco.com/\t",
    ],
)
def test_genuine_console_in_any_spelling_a_browser_accepts(cli: Cli, url: str) -> None:
    code, result = _only(cli, url)
    assert code == 0
    assert (result["id"], result["status"]) == ("DC001", "pass")
    assert result["subject"] == url
    assert result["data"]["product"] == "cisco-secure-endpoint"
    assert result["data"]["region"] == "europe"
    assert result["hint"] is None


@pytest.mark.parametrize(
    ("url", "product", "region"),
    [
        (AMERICAS, "cisco-secure-endpoint", "americas"),
        (APJC, "cisco-secure-endpoint", "apjc"),
        ("https://api.eu.amp.cisco.com/v1/computers", "cisco-secure-endpoint", "europe"),
        ("https://api.de.etd.cisco.com/", "cisco-secure-email-threat-defense", "europe"),
        ("mx.us.etd.cisco.com", "cisco-secure-email-threat-defense", "north-america"),
        ("https://login-us.mimecast.com/", "mimecast-secure-messaging", "us"),
        ("za-smtp-inbound-1.mimecast.co.za", "mimecast-secure-messaging", "za"),
        ("https://je-api.mimecast.com", "mimecast-secure-messaging", "offshore"),
    ],
)
def test_products_and_regions(cli: Cli, url: str, product: str, region: str) -> None:
    code, result = _only(cli, url)
    assert code == 0
    assert result["data"]["product"] == product
    assert result["data"]["region"] == region


def test_region_notes_and_confidence_are_in_the_result(cli: Cli) -> None:
    _, result = _only(cli, APJC)
    assert "licensing portal" in result["message"]
    assert result["data"]["notes"] == [
        (
            "The only datacenter whose licensing portal can be shown in English, Japanese, "
            "Chinese or Korean."
        )
    ]
    assert result["data"]["confidence"] == "seed"
    _, result = _only(cli, "https://api.au.etd.cisco.com/")
    assert "[region facts not confirmed]" in result["message"]
    assert result["data"]["confidence"] == "uncertain"


# --------------------------------------------------------------------------- hints


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://console.eu.amp.cisco.com/", "https://"),
        ("https://admin:secret@console.eu.amp.cisco.com/", "change that password"),
        ("https://evil.example@console.eu.amp.cisco.com/", "user name"),
        ("https://console.eu.amp.cisco.com:8443/", "port 8443"),
    ],
)
def test_works_but_should_change_is_a_hint(cli: Cli, url: str, words: str) -> None:
    code, result = _only(cli, url)
    assert code == 0
    assert (result["id"], result["status"]) == ("DC001", "hint")
    assert words in result["hint"]
    assert result["data"]["region"] == "europe"
    assert cli("datacenter", url, "--strict").code == 1


def test_a_password_in_the_url_is_not_repeated(cli: Cli) -> None:
    secret = "https://admin:hunter2@console.eu.amp.cisco.com/"
    for fmt in ("text", "json", "junit", "prometheus", "markdown"):
        output = cli("datacenter", secret, "http://u:hunter2@console.amp.cisco.com", "-f", fmt)
        assert "hunter2" not in output.out
    _, result = _only(cli, secret)
    assert result["subject"] == "https://admin:***@console.eu.amp.cisco.com/"


# --------------------------------------------------------------------------- look-alikes


@pytest.mark.parametrize(
    "url",
    [
        "https://eu.console.eu.amp.cisco.com/",
        "https://console.eu.amp.cisco.com.evil.example/",
        "https://console.eu.amp.cisco.com-login.example/",
        "https://console.eu.amp.cisco.com@evil.example/",
        "https://evil.example\\@console.eu.amp.cisco.com/",
        "https://console.eu.amp.сisco.com/",
        "https://console.eu.amp.c1sco.com/",
        "https://console.eu.amp.xn--isco-k6d.com/",
        "https://evil.example/console.eu.amp.cisco.com/",
        "https://evil.example/?redirect=cisco",
        "https://%63onsole.eu.amp.cisco.com/",
        "https://cisco-secure-endpoint.example/",
    ],
)
def test_lookalikes_fail(cli: Cli, url: str) -> None:
    code, result = _only(cli, url)
    assert code == 1
    assert (result["id"], result["status"]) == ("DC002", "fail")
    assert "phishing" in result["message"]
    assert "Do not sign in" in result["hint"]
    assert result["data"]["product"] is None and result["data"]["region"] is None


# --------------------------------------------------------------------------- unknown and junk


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://console.acme.example/", "not a host of any known product"),
        ("https://192.0.2.10/", "IP address"),
        ("https://[2001:db8::10]:8443/", "IP address"),
    ],
)
def test_unknown_hosts_fail_with_dc003(cli: Cli, url: str, words: str) -> None:
    code, result = _only(cli, url)
    assert code == 1
    assert (result["id"], result["status"]) == ("DC003", "fail")
    assert words in result["message"]
    assert "--profiles-dir" in result["hint"]


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "https://console.eu amp.cisco.com/",
        "https://console.eu.amp.cisco.com/\x1b[2J",
        "javascript:alert(1)",
        "https://console.eu.amp.cisco.com:99999/",
        "https://" + "a" * 5000,
        "https://",
    ],
)
def test_junk_is_dc006_not_a_crash(cli: Cli, url: str) -> None:
    code, result = _only(cli, url)
    assert code == 1
    assert (result["id"], result["status"]) == ("DC006", "fail")
    assert result["hint"]


def test_your_own_profile_makes_a_private_console_known(cli: Cli) -> None:
    from tests.test_profiles import DATA

    url = "https://console.acme.example/"
    code, result = _only(cli, url, "--profiles-dir", str(DATA / "private"))
    assert code == 0
    assert result["data"] == {
        "product": "acme-private-cloud",
        "region": "acme-dc1",
        "host": "console.acme.example",
        "kind": "console",
        "role": "console",
        "notes": ["Run by ACME IT, room 101."],
        "confidence": "seed",
    }


# --------------------------------------------------------------------------- several URLs


def test_one_product_in_several_regions_is_a_hint(cli: Cli) -> None:
    code, results = _json(cli, EU, AMERICAS, EU)
    assert code == 0
    assert [r["id"] for r in results] == ["DC001", "DC001", "DC001", "DC005"]
    several = results[-1]
    assert several["status"] == "hint"
    assert several["subject"] == "Cisco Secure Endpoint"
    assert several["data"]["product"] == "cisco-secure-endpoint"
    assert several["data"]["region"] is None
    assert several["data"]["regions"] == ["americas", "europe"]
    assert "Cisco Sales" in several["hint"]  # the profile's own note
    assert cli("datacenter", EU, AMERICAS, "--strict").code == 1


def test_different_products_in_different_regions_are_fine(cli: Cli) -> None:
    code, results = _json(cli, EU, "https://login-us.mimecast.com/")
    assert code == 0
    assert [r["id"] for r in results] == ["DC001", "DC001"]


def test_global_host_is_a_skip(cli: Cli) -> None:
    code, result = _only(cli, "https://sign-on.security.cisco.com/")
    assert code == 0
    assert (result["id"], result["status"]) == ("DC007", "skip")
    assert result["data"]["region"] is None
    assert result["data"]["product"] is not None
    code, result = _only(cli, "https://login.mimecast.com/")
    assert (result["id"], result["status"]) == ("DC007", "skip")
    assert "does not tell" in result["message"]


# --------------------------------------------------------------------------- --expect


def test_expect_the_right_region(cli: Cli) -> None:
    code, results = _json(cli, EU, "--expect", "Europe")
    assert code == 0
    assert [(r["id"], r["status"]) for r in results] == [("DC001", "pass"), ("DC004", "pass")]
    assert results[1]["data"]["expected"] == "europe"


def test_expect_another_region_fails(cli: Cli) -> None:
    code, results = _json(cli, AMERICAS, "--expect", "europe")
    assert code == 1
    check = results[1]
    assert (check["id"], check["status"]) == ("DC004", "fail")
    assert "Americas" in check["message"] and "Europe" in check["message"]
    assert "console.eu.amp.cisco.com" in check["hint"]


def test_expect_a_region_this_product_does_not_have(cli: Cli) -> None:
    result = cli("datacenter", EU, "--expect", "za")
    assert result.code == 2  # an input error, never a DC004 fail
    assert result.out == ""
    assert "Cisco Secure Endpoint has no region 'za'" in result.err
    assert "americas (us, na, north-america, amer), europe (eu, emea)" in result.err


def test_expect_with_a_global_host_is_a_skip(cli: Cli) -> None:
    code, results = _json(cli, "https://login.mimecast.com/", "--expect", "eu")
    assert code == 0
    assert [(r["id"], r["status"]) for r in results] == [("DC007", "skip"), ("DC004", "skip")]


def test_expect_is_not_checked_for_unrecognised_urls(cli: Cli) -> None:
    code, results = _json(cli, "https://evil.example/", "--expect", "europe")
    assert code == 1
    assert [r["id"] for r in results] == ["DC003"]


def test_expect_an_unknown_region_is_exit_2(cli: Cli) -> None:
    result = cli("datacenter", EU, "--expect", "atlantis")
    assert result.code == 2
    assert result.out == ""
    assert "atlantis" in result.err and "europe" in result.err
    assert len(result.err.splitlines()) == 1


# --------------------------------------------------------------------------- terminal safety


def test_control_characters_in_urls_are_shown_escaped(cli: Cli) -> None:
    result = cli("datacenter", "https://evil.example/\x1b]0;owned\x07\x1b[2J", "\u202eevil")
    assert "\x1b" not in result.out and "\x07" not in result.out and "\u202e" not in result.out
    assert "\\x1b]0;owned\\x07\\x1b[2J" in result.out
    assert "\\u202eevil" in result.out


# --------------------------------------------------------------------------- never a crash


def test_random_urls_give_one_result_each_in_every_format() -> None:
    generator = random.Random(7)
    urls = [random_url_text(generator) for _ in range(400)]
    results = check_urls(urls, RULES, expect="europe")
    first = [r for r in results if r.id in ("DC001", "DC002", "DC003", "DC006", "DC007", "DC008")]
    assert [r.subject for r in first] == [redact(url) for url in urls]
    for result in results:
        assert result.status in Status
        if result.status in (Status.HINT, Status.FAIL):
            assert result.hint
    report = Report(results=results)
    for fmt in OutputFormat:
        text = render_text(report, fmt, RenderOptions())
        text.encode("utf-8")
