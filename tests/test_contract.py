"""The JSON contract, checked across every command on real inputs.

Scripts rely on these keys (../shared/spec/cli-contract.md): each result has exactly
id, area, subject, status, message, hint, data; a hint and a fail carry a non-empty
hint, a pass and a skip carry null; every ID is in the catalogue under its area; and
``data`` holds the keys promised for the area.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from emailsec_check import catalogue
from tests.conftest import REPO, Cli
from tests.servers.dns_server import DnsServer, dns_server

EXAMPLE = REPO / "examples" / "acme"
AREA_KEYS = {
    "status": {"product", "url", "indicator"},
    "datacenter": {"product", "region"},
    "identities": {"email"},
    "request": {"kind", "field"},
}
INDICATORS = {None, "none", "minor", "major", "critical", "maintenance"}


@pytest.fixture
def dns() -> Iterator[DnsServer]:
    zone = {"acme.example": {"MX": ["10 acme-example.mail.protection.outlook.com."]},
            "supplier.example": {"MX": ["0 ."]}}  # fmt: skip
    with dns_server(zone) as server:
        yield server


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def commands(dns: DnsServer) -> list[list[str]]:
    net = ["--nameserver", dns.address, "--timeout", "1"]
    exports = [
        str(EXAMPLE / "exports" / "setd-users.csv"),
        str(EXAMPLE / "exports" / "entra-users.csv"),
    ]
    return [
        ["datacenter", "https://console.eu.amp.cisco.com/", "console.amp.cisco.com",
         "https://console.amp.cisco.com@evil.example/", "javascript:x", "https://example.com",
         "https://sign-on.security.cisco.com/", "--expect", "europe"],
        ["status", "cisco-secure-endpoint", "setd", "mimecast",
         "--url", "http://127.0.0.1:9/", *net],
        ["identities", *exports, "--product", "setd", *net],
        ["identities", *exports, "--no-dns", "--redact"],
        ["request", str(EXAMPLE / "requests" / "glo-licensing.txt")],
        ["request", str(EXAMPLE / "requests" / "mimecast-logon.toml")],
        ["run", str(EXAMPLE / "emailsec-check.toml"), *net],
    ]  # fmt: skip


def check_result(result: dict[str, Any]) -> None:
    required = {"id", "area", "subject", "status", "message", "hint", "data"}
    assert required <= set(result) <= required | {"group", "change"}  # the contract's optional
    if "group" in result:
        assert isinstance(result["group"], str) and result["group"]
    if "change" in result:
        assert result["change"] in ("new", "same", "worse", "better")
    assert re.fullmatch(r"[A-Z]{2,4}[0-9]{3}", result["id"])
    info = catalogue.find(result["id"])
    assert info is not None, result["id"]
    assert info.area.value == result["area"]
    assert result["status"] in ("pass", "hint", "fail", "skip")
    if result["status"] in ("hint", "fail"):
        assert isinstance(result["hint"], str) and result["hint"].strip(), result
    else:
        assert result["hint"] is None, result
    assert isinstance(result["subject"], str) and result["subject"]
    assert isinstance(result["message"], str) and result["message"]
    missing = AREA_KEYS[result["area"]] - set(result["data"])
    assert not missing, (result["id"], missing)
    if result["area"] == "status":
        assert result["data"]["indicator"] in INDICATORS


def test_every_command_keeps_the_json_contract(cli: Cli, dns: DnsServer) -> None:
    seen_areas: set[str] = set()
    for args in commands(dns):
        outcome = cli(*args, "--format", "json")
        assert outcome.code in (0, 1), (args, outcome.err)
        document = json.loads(outcome.out)
        assert document["schema"] == 1
        assert document["tool"]["name"] == "emailsec-check"
        results = document["results"]
        assert results, args
        counts = dict.fromkeys(("pass", "hint", "fail", "skip"), 0)
        for result in results:
            check_result(result)
            counts[result["status"]] += 1
            seen_areas.add(result["area"])
        assert document["summary"] == counts
        assert outcome.code == (1 if counts["fail"] else 0)
    assert seen_areas == set(AREA_KEYS)


def test_redacted_report_shows_no_address(cli: Cli) -> None:
    exports = [EXAMPLE / "exports" / "setd-users.csv", EXAMPLE / "exports" / "entra-users.csv"]
    for fmt in ("text", "json", "junit", "prometheus", "markdown"):
        out = cli("identities", *exports, "--no-dns", "--redact", "--format", fmt).out
        for address in ("jane.doe@", "mallory@", "robert.smith@", "carol.jones@"):
            assert address not in out.lower(), (fmt, address)
