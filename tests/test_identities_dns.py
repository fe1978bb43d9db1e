"""Mail domains looked up for real, on the loopback DNS server: every answer a domain can
give, failures that are skips, and one query per distinct domain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from emailsec_check.profiles import load_profiles
from tests.conftest import Cli
from tests.servers.dns_server import dns_server

#: The domain that surely exists, asked once before a domain is reported missing.
PROBE = next(domain for profile in load_profiles([]) for domain in profile.vendor_domains)

ZONE: dict[str, Any] = {
    "good.example": {"MX": ["10 mx1.good.example.", "20 mx2.good.example."]},
    "m365.example": {"MX": ["0 m365-example.mail.protection.outlook.com."]},
    "dane.example": {"MX": ["0 dane-example.l-v1.mx.microsoft."]},
    "null.example": {"MX": ["0 ."]},
    "nomx.example": {"A": ["192.0.2.10"]},
    "broken.example": "servfail",
    # gone.example is not in the zone: NXDOMAIN
}
DOMAINS = [*ZONE, "gone.example"]
VENDOR = {PROBE: {"MX": [f"10 mx.{PROBE}."]}}


def files(folder: Path, domains: list[str], per_domain: int = 3) -> tuple[Path, Path]:
    logins = [f"user{n}@{domain}" for domain in domains for n in range(per_domain)]
    configured = folder / "product.csv"
    configured.write_text("Email\n" + "\n".join(logins) + "\n", encoding="utf-8")
    expected = folder / "people.csv"
    expected.write_text("email,provider\n" + "\n".join(f"{a},Okta" for a in logins) + "\n")
    return configured, expected


def domain_results(output: str) -> dict[str, dict[str, Any]]:
    document = json.loads(output)
    return {item["subject"]: item for item in document["results"] if item["id"] == "ID009"}


def test_every_kind_of_answer_and_one_query_per_domain(cli: Cli, tmp_path: Path) -> None:
    configured, expected = files(tmp_path, DOMAINS)
    with dns_server({**ZONE, **VENDOR}) as server:
        result = cli(
            "identities", configured, expected,
            "--nameserver", server.address, "--timeout", "3", "--format", "json",
        )  # fmt: skip
        queries = dict(server.queries)
    assert result.code == 1, result.err
    found = domain_results(result.out)
    assert {name: item["status"] for name, item in found.items()} == {
        "good.example": "pass",
        "m365.example": "pass",
        "dane.example": "pass",
        "null.example": "fail",
        "nomx.example": "fail",
        "gone.example": "fail",
        "broken.example": "skip",
    }
    assert "mx1.good.example" in found["good.example"]["message"]
    assert "Focused Inbox" in found["m365.example"]["message"]
    assert "null MX" in found["null.example"]["message"]
    assert "no MX record" in found["nomx.example"]["message"]
    assert "NXDOMAIN" in found["gone.example"]["message"]
    assert "SERVFAIL" in found["broken.example"]["message"]
    assert server.address in found["broken.example"]["message"]
    assert found["null.example"]["data"] == {
        "email": "user0@null.example",
        "domain": "null.example",
        "logins": 3,
    }
    # Three logins per domain, one MX query per domain, and once the vendor's domain
    # (a domain was missing: the resolver is tested before that is reported).
    assert queries == {**{(domain, "MX"): 1 for domain in DOMAINS}, (PROBE, "MX"): 1}


def test_a_resolver_that_hides_names_makes_no_domain_missing(cli: Cli, tmp_path: Path) -> None:
    configured, expected = files(tmp_path, ["good.example", "gone.example"])
    with dns_server({"good.example": ZONE["good.example"]}) as server:  # no vendor domain
        result = cli(
            "identities", configured, expected,
            "--nameserver", server.address, "--timeout", "3", "--format", "json",
        )  # fmt: skip
    assert result.code == 0, result.err  # nothing failed: the missing domain is unproven
    gone = domain_results(result.out)["gone.example"]
    assert gone["status"] == "skip"
    assert f"{PROBE} does not exist either" in gone["message"]
    assert "--nameserver" in gone["message"]


@pytest.mark.slow
def test_a_timeout_is_a_skip_naming_the_timeout(cli: Cli, tmp_path: Path) -> None:
    configured, expected = files(tmp_path, ["good.example", "slow.test"])
    zone = {"good.example": ZONE["good.example"], "slow.test": "drop"}
    with dns_server(zone) as server:
        result = cli(
            "identities", configured, expected,
            "--nameserver", server.address, "--timeout", "0.5", "--format", "json",
        )  # fmt: skip
    assert result.code == 0, result.err  # a timeout is not a fail
    slow = domain_results(result.out)["slow.test"]
    assert slow["status"] == "skip"
    assert "within 0.5 s" in slow["message"] and server.address in slow["message"]
    assert domain_results(result.out)["good.example"]["status"] == "pass"


def test_no_dns_asks_nothing(cli: Cli, tmp_path: Path) -> None:
    configured, expected = files(tmp_path, ["good.example"])
    with dns_server(ZONE) as server:
        result = cli("identities", configured, expected, "--no-dns", "--nameserver", server.address)
        assert not server.queries
    assert result.code == 0
    assert "DNS look-ups are turned off (--no-dns)" in result.out


def test_text_report_of_the_domains(cli: Cli, tmp_path: Path) -> None:
    configured, expected = files(tmp_path, ["m365.example"], per_domain=1)
    with dns_server(ZONE) as server:
        result = cli("identities", configured, expected, "--nameserver", server.address)
    assert result.code == 0
    flowing = " ".join(result.out.split())  # the text format wraps long messages
    assert "[✓] ID009 m365.example: mail goes to Microsoft 365" in flowing
    assert "Other tab of the Focused Inbox" in flowing
    assert "used by user0@m365.example" in flowing


def test_a_dead_first_nameserver_leaves_time_for_the_second(cli: Cli, tmp_path: Path) -> None:
    """The README's example lists two nameservers: the second must be asked in time."""
    configured, expected = files(tmp_path, ["good.example"])
    with dns_server({}, default="drop") as dead, dns_server(ZONE) as live:
        result = cli(
            "identities", configured, expected,
            "--nameserver", dead.address, "--nameserver", live.address,
            "--timeout", "2", "--format", "json",
        )  # fmt: skip
        asked_dead = dead.queries[("good.example", "MX")]
    assert result.code == 0, result.err
    assert domain_results(result.out)["good.example"]["status"] == "pass"
    assert asked_dead >= 1  # the first server was tried first, and given up in time
