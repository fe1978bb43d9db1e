"""Datacenter: hosts by kind, genuine-but-unlisted vendor hosts, one region vocabulary, ports."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.checks.datacenter import check_urls
from emailsec_check.errors import InputError
from emailsec_check.model import Result, Status
from emailsec_check.profiles import HostKind, load_profiles
from emailsec_check.rules.hosts import HostRules, Verdict
from emailsec_check.rules.regions import resolve_expected_region
from emailsec_check.rules.urls import host_of
from tests.conftest import Cli

PROFILES = load_profiles((), environ={})
RULES = HostRules(PROFILES)
ENDPOINT = "cisco-secure-endpoint"
SETD = "cisco-secure-email-threat-defense"
MIMECAST = "mimecast-secure-messaging"


def _by_id(results: list[Result]) -> dict[str, Result]:
    return {result.id: result for result in results}


def _one(url: str) -> Result:
    [result] = check_urls([url], RULES)
    return result


# --------------------------------------------------------------------------- host kinds


@pytest.mark.parametrize(
    ("url", "words", "kind"),
    [
        ("https://console.eu.amp.cisco.com/", "Cisco Secure Endpoint console in", "console"),
        ("https://api.eu.amp.cisco.com/v1", "Cisco Secure Endpoint API host in", "api"),
        ("mx.eu.etd.cisco.com", "Threat Defense mail-flow host in the Europe", "mail"),
        ("host.in.etd.cisco.com", "mail-flow host in the India datacenter", "mail"),
        ("https://api.de.etd.cisco.com/", "Threat Defense API host in the Europe", "api"),
        ("https://login-eu.mimecast.com/", "Mimecast Secure Messaging console in", "console"),
    ],
)
def test_dc001_says_which_kind_of_host_a_url_is(url: str, words: str, kind: str) -> None:
    result = _one(url)
    assert (result.id, result.status) == ("DC001", Status.PASS)
    assert words in result.message
    assert result.data["kind"] == kind


@pytest.mark.parametrize(
    ("url", "product", "words"),
    [
        ("https://status.amp.cisco.com/", ENDPOINT, "status page"),
        ("https://ciscosecureemailthreatdefense.statuspage.io", SETD, "status page"),
        ("https://status.mimecast.com", MIMECAST, "status page"),
        ("https://sign-on.security.cisco.com/", SETD, "sign-on page"),
    ],
)
def test_status_and_sign_on_hosts_are_known_but_tell_no_region(
    url: str, product: str, words: str
) -> None:
    result = _one(url)
    assert (result.id, result.status) == ("DC007", Status.SKIP)
    assert result.data["product"] == product and result.data["region"] is None
    assert words in result.message


def test_the_setd_console_is_known_and_its_region_marked_unconfirmed() -> None:
    result = _one("https://dashboard.etd.cisco.com/")
    assert (result.id, result.status) == ("DC001", Status.PASS)
    assert (result.data["product"], result.data["region"]) == (SETD, "north-america")
    assert result.data["confidence"] == "uncertain"
    assert "not confirmed" in result.message
    assert "Private Cloud" not in result.message


def test_an_unconfirmed_host_in_another_region_is_a_hint_not_a_fail() -> None:
    results = _by_id(check_urls(["https://dashboard.etd.cisco.com/"], RULES, expect="eu"))
    assert results["DC004"].status is Status.HINT
    assert "not confirmed" in results["DC004"].message
    assert results["DC004"].hint


def test_every_setd_api_and_mail_host_has_its_region() -> None:
    setd = PROFILES.require(SETD)
    for region in setd.regions:
        assert region.api_hosts and region.mail_hosts, region.id
    for code, region_id in (("us", "north-america"), ("de", "europe"), ("in", "india")):
        match = RULES.known[f"api.{code}.etd.cisco.com"]
        assert match.region is not None and match.region.id == region_id
        assert match.role is HostKind.API


# --------------------------------------------------------------------------- vendor domains


@pytest.mark.parametrize(
    "url", ["https://www.cisco.com/", "https://newconsole.eu.amp.cisco.com/", "mimecast.com"]
)
def test_an_unlisted_host_on_a_vendor_domain_is_a_hint_not_a_fail(url: str) -> None:
    result = _one(url)
    assert (result.id, result.status) == ("DC008", Status.HINT)
    assert "genuine" in result.message
    assert result.hint is not None and "--profiles-dir" in result.hint
    assert "Private Cloud" not in result.message + result.hint
    assert result.data["product"] is None and result.data["region"] is None


def test_a_misspelt_vendor_host_gets_did_you_mean() -> None:
    result = _one("https://consle.amp.cisco.com/")
    assert (result.id, result.status) == ("DC008", Status.HINT)
    assert "did you mean console.amp.cisco.com?" in result.message
    assert result.hint is not None
    assert "console.amp.cisco.com (Cisco Secure Endpoint console, Americas)" in result.hint
    assert result.data["suggestion"] == "console.amp.cisco.com"


def test_lookalikes_of_vendor_domains_still_fail() -> None:
    for url in ("https://consle.amp.cisc0.com/", "https://console.amp.cisco.com.example/"):
        result = _one(url)
        assert (result.id, result.status) == ("DC002", Status.FAIL), url


def test_an_unknown_host_mentions_private_cloud_only_when_a_profile_has_one(
    tmp_path: Path,
) -> None:
    bundled = _one("https://console.acme.example/")
    assert bundled.id == "DC003" and bundled.hint is not None
    assert "Private Cloud" in bundled.hint  # Secure Endpoint's profile has one
    (tmp_path / f"{ENDPOINT}.toml").write_text(
        textwrap.dedent(
            f"""\
            id = "{ENDPOINT}"
            name = "Cisco Secure Endpoint"

            [[regions]]
            id = "europe"
            name = "Europe"
            console_hosts = ["console.eu.amp.cisco.com"]
            """
        ),
        encoding="utf-8",
    )
    rules = HostRules(load_profiles([str(tmp_path)], environ={}))
    [plain] = check_urls(["https://console.acme.example/"], rules)
    assert plain.id == "DC003" and plain.hint is not None
    assert "Private Cloud" not in plain.hint


# --------------------------------------------------------------------------- --expect


def _every_region_name() -> list[tuple[str, str, str]]:
    cases = []
    for profile in PROFILES:
        for region in profile.regions:
            host = next((host for host, _kind in region.hosts()), None)
            if host is None:
                continue
            for name in region.names():
                cases.extend([(host, name, region.id), (host, name.upper(), region.id)])
    return cases


@pytest.mark.parametrize(("host", "name", "region"), _every_region_name())
def test_every_region_id_and_alias_is_accepted_in_any_case(
    host: str, name: str, region: str
) -> None:
    results = _by_id(check_urls([f"https://{host}/"], RULES, expect=name))
    assert results["DC004"].status in (Status.PASS, Status.HINT)
    assert results["DC004"].data["expected_region"] == region


def test_one_expect_serves_cisco_and_mimecast_urls() -> None:
    urls = ["https://console.eu.amp.cisco.com/", "https://login-eu.mimecast.com/"]
    expected = resolve_expected_region(PROFILES, "eu", urls)
    results = check_urls(urls, RULES, expect=expected)
    checks = [r for r in results if r.id == "DC004"]
    assert [r.status for r in checks] == [Status.PASS, Status.PASS]
    for name in ("EMEA", "Europe", " eu "):
        results = check_urls(urls[:1], RULES, expect=name)
        assert _by_id(results)["DC004"].status is Status.PASS


def test_an_unknown_region_is_an_input_error_with_did_you_mean() -> None:
    with pytest.raises(InputError, match=r"unknown region 'eruope' \(did you mean 'europe'\?\)"):
        resolve_expected_region(PROFILES, "eruope")
    with pytest.raises(InputError, match="unknown region 'mars'"):
        check_urls(["https://console.eu.amp.cisco.com/"], RULES, expect="mars")
    with pytest.raises(InputError, match="empty"):
        resolve_expected_region(PROFILES, "  ")


def test_a_region_the_urls_product_lacks_is_an_input_error() -> None:
    url = "https://admin:hunter2@login-us.mimecast.com/"
    with pytest.raises(InputError) as caught:
        resolve_expected_region(PROFILES, "apjc", [url])
    text = str(caught.value)
    assert "Mimecast Secure Messaging has no region 'apjc'" in text
    assert "eu (europe, emea, uk)" in text
    assert "hunter2" not in text


def test_unresolved_mismatch_is_a_skip_never_a_fail() -> None:
    # Resolved without the URL (as a check handed a bare name does): nothing to compare.
    results = _by_id(check_urls(["https://login-us.mimecast.com/"], RULES, expect="apjc"))
    assert results["DC004"].status is Status.SKIP
    assert "no region called 'apjc'" in results["DC004"].message


def test_a_cisco_url_in_another_region_still_fails() -> None:
    results = _by_id(check_urls(["https://console.amp.cisco.com/"], RULES, expect="emea"))
    assert results["DC004"].status is Status.FAIL
    assert results["DC004"].hint is not None
    assert "console.eu.amp.cisco.com" in results["DC004"].hint


# --------------------------------------------------------------------------- ports


@pytest.mark.parametrize(
    "url",
    [
        "https://console.amp.cisco.com:\u0661\u0662/",  # Arabic-Indic "12"
        "https://console.amp.cisco.com:\u00b2/",
        "https://console.amp.cisco.com:0/",
        "https://console.amp.cisco.com:00/",
        "https://console.amp.cisco.com:70000/",
        "https://console.amp.cisco.com:" + "9" * 50 + "/",
        "https://console.amp.cisco.com:-1/",
    ],
)
def test_impossible_ports_are_dc006(url: str) -> None:
    result = _one(url)
    assert (result.id, result.status) == ("DC006", Status.FAIL)
    assert "port" in result.message and "1 to 65535" in result.message
    assert "80" not in result.message.replace("65535", "")
    assert len(result.message) < 200


def test_highest_port_is_a_port() -> None:
    result = _one("https://console.amp.cisco.com:65535/")
    assert (result.id, result.status) == ("DC001", Status.HINT)
    assert result.hint is not None and "port 65535" in result.hint


# --------------------------------------------------------------------------- host_of


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("status.cisco.com", "status.cisco.com"),
        ("HTTPS://Status.Mimecast.COM./x", "status.mimecast.com"),
        ("https://user:pw@console.amp.cisco.com:8443/", "console.amp.cisco.com"),
        ("https://console.amp.cisco.com:0/", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_host_of_reads_a_url_or_a_bare_host(text: str, host: str | None) -> None:
    assert host_of(text) == host


# --------------------------------------------------------------------------- properties

SECRET = "Pl4nted-S3cret"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_verdict(text: str) -> None:
    verdict = RULES.classify(text)
    assert isinstance(verdict.verdict, Verdict)
    assert verdict.reason
    assert host_of(text) is None or isinstance(host_of(text), str)


_PIECES = st.sampled_from(
    ["https://", "http://", "//", "console.amp.cisco.com", "consle.amp.cisco.com", "cisco.com",
     "evil.example", "@", ":", "/", "?", "#", "%40", "\\", "token=", "&", ".", ":443", ":0"]
)  # fmt: skip


# What may stand before user information and still leave it user information.
_AUTHORITY = st.sampled_from(
    ["console.amp.cisco.com", "cisco.com", "evil.example", "@", ":", "%40"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_AUTHORITY, max_size=6), st.lists(_PIECES, max_size=8), st.booleans())
def test_a_planted_password_never_reaches_a_result(
    before: list[str], after: list[str], query: bool
) -> None:
    if query:
        url = "https://console.amp.cisco.com/?token=" + SECRET + "".join(after)
    else:
        url = "https://" + "".join(before) + "admin:" + SECRET + "@" + "".join(after)
    for result in check_urls([url, url], RULES):
        shown = " ".join([result.subject, result.message, result.hint or "", str(result.data)])
        assert SECRET not in shown, (url, shown)


def test_regions_named_by_urls_per_product() -> None:
    urls = [
        "https://console.eu.amp.cisco.com/",
        "console.amp.cisco.com",
        "https://console.eu.amp.cisco.com/x",
        "https://login-eu.mimecast.com/",
        "https://login.mimecast.com/",  # every region: names none
        "https://consle.amp.cisco.com/",
        "junk url",
    ]
    assert RULES.regions_of(urls) == {ENDPOINT: ("europe", "americas"), MIMECAST: ("eu",)}


def test_every_address_of_a_status_page_is_known_and_no_statuspage_io_page_is_trusted() -> None:
    for url in ("https://ciscoamp.statuspage.io/", "p5n46sppww3j.statuspage.io"):
        result = _one(url)
        assert (result.id, result.data["product"], result.data["kind"]) == (
            "DC007",
            ENDPOINT,
            "status",
        )
    # statuspage.io hosts anybody's pages: an unlisted one is no vendor host.
    assert _one("https://other.statuspage.io/").id == "DC003"
    assert _one("https://ciscoamp1.statuspage.io/").id == "DC002"


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("name", ["eu", "EU", "emea", "Europe", "EMEA"])
def test_expect_accepts_an_alias_for_cisco_and_mimecast_urls_at_once(cli: Cli, name: str) -> None:
    result = cli(
        "datacenter", "--expect", name, "https://console.eu.amp.cisco.com/",
        "https://login-eu.mimecast.com/", "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    checks = [r for r in json.loads(result.out)["results"] if r["id"] == "DC004"]
    assert [(r["status"], r["data"]["expected_region"]) for r in checks] == [
        ("pass", "europe"),
        ("pass", "eu"),
    ]


def test_expect_an_unknown_region_is_exit_2_with_did_you_mean(cli: Cli) -> None:
    result = cli("datacenter", "--expect", "eruope", "https://console.eu.amp.cisco.com/")
    assert result.code == 2 and result.out == ""
    assert "--expect: unknown region 'eruope' (did you mean 'europe'?)" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_expect_a_region_the_urls_product_lacks_is_exit_2(cli: Cli) -> None:
    result = cli("datacenter", "--expect", "apjc", "https://admin:hunter2@login-us.mimecast.com/")
    assert result.code == 2 and result.out == ""
    assert "Mimecast Secure Messaging has no region 'apjc'" in result.err
    assert "hunter2" not in result.err


def test_the_profiles_command_shows_region_names_kinds_and_confidence(cli: Cli) -> None:
    result = cli("profiles", "amp")
    assert result.code == 0
    assert "europe: Europe (also: eu, emea)" in result.out
    assert "api.eu.amp.cisco.com [3rd]" in result.out
    assert "status components: * (Europe)" in result.out
    assert "status.amp.cisco.com" in result.out


def test_a_config_expect_takes_an_alias_too(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "emailsec-check.toml"
    config.write_text(
        textwrap.dedent(
            """\
            [status]
            enabled = false

            [[datacenter]]
            url = "https://console.eu.amp.cisco.com/"
            expect = "EMEA"

            [[datacenter]]
            url = "https://login-eu.mimecast.com/"
            expect = "eu"
            """
        ),
        encoding="utf-8",
    )
    result = cli("run", str(config), "--format", "json")
    assert result.code == 0, result.err
    checks = [r for r in json.loads(result.out)["results"] if r["id"] == "DC004"]
    assert [r["status"] for r in checks] == ["pass", "pass"]


def test_a_config_expect_no_product_has_is_exit_2_not_a_fail(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "emailsec-check.toml"
    config.write_text(
        '[status]\nenabled = false\n\n[[datacenter]]\nurl = "https://console.amp.cisco.com/"\n'
        'expect = "mars"\n',
        encoding="utf-8",
    )
    result = cli("run", str(config))
    assert result.code == 2
    assert "unknown region 'mars'" in result.err
