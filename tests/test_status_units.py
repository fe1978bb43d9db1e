"""Status pages, units: reading both platforms' JSON (odd values too) and the verdicts,
with HTTP mocked by respx. What only a real socket shows is in test_status_network.py."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
import respx

from emailsec_check.checks.status import (
    Platform,
    StatusTarget,
    build_targets,
    check_status_pages,
    parse_statusio,
    parse_statuspage,
    summary_url,
)
from emailsec_check.errors import InputError
from emailsec_check.model import Result, Status
from emailsec_check.net.dns import DnsKind, DnsOutcome
from emailsec_check.net.http import (
    HttpProber,
    apply_environment,
    bypasses_proxy,
    parse_proxy,
    retry_after_seconds,
)
from emailsec_check.net.settings import NetSettings
from emailsec_check.profiles import load_profiles
from emailsec_check.rules.redact import redact
from tests.servers.http_server import statuspage_summary

PAGE = "https://status.acme.example"
SUMMARY = f"{PAGE}/api/v2/summary.json"
STATUSIO_API = "https://api.statusio.example/1.0/status/abc123"


class NoDns:
    """A resolver that must not be asked: respx answers before any connection is made."""

    async def addresses(self, name: str) -> DnsOutcome:
        raise AssertionError(f"unexpected DNS look-up of {name}")

    def describe(self) -> str:
        return "no resolver"


def run(targets: Sequence[StatusTarget], **settings: Any) -> list[Result]:
    net = NetSettings(timeout=settings.pop("timeout", 5.0), **settings)

    async def check() -> list[Result]:
        prober = HttpProber(net, NoDns())
        return await check_status_pages(list(targets), prober, timeout=net.timeout)

    return asyncio.run(check())


def by_id(results: list[Result]) -> dict[str, Result]:
    return {result.id: result for result in results}


# --------------------------------------------------------------------------- Statuspage JSON


def test_statuspage_all_operational() -> None:
    report = parse_statuspage(statuspage_summary())
    assert report is not None
    assert report.indicator == "none"
    assert report.affected == ()
    assert len(report.components) == 2


def test_statuspage_outage_lists_components_and_open_incidents() -> None:
    document = statuspage_summary(
        "major",
        "Partial System Outage",
        components=[("Email Delivery", "partial_outage"), ("Console", "operational")],
        incidents=[
            {"name": "Delayed mail", "status": "investigating", "impact": "major",
             "shortlink": "https://stspg.io/abc"},
            {"name": "Old one", "status": "resolved", "impact": "critical"},
        ],
    )  # fmt: skip
    report = parse_statuspage(document)
    assert report is not None
    assert report.indicator == "major"
    assert [(c.name, c.status) for c in report.affected] == [("Email Delivery", "partial_outage")]
    assert [(i.name, i.link) for i in report.incidents] == [
        ("Delayed mail", "https://stspg.io/abc")
    ]


@pytest.mark.parametrize(
    ("indicator", "components", "expected"),
    [
        ("purple", [], "minor"),  # an indicator we do not know: looked at, not ignored
        (None, [("Mail", "major_outage")], "critical"),  # no indicator: from the components
        ("none", [("Mail", "degraded_performance")], "minor"),  # the page contradicts itself
        ("none", [("Mail", "sideways")], "minor"),  # an unknown component state
        ("maintenance", [("Mail", "under_maintenance")], "maintenance"),
        ("critical", [], "critical"),
    ],
)
def test_statuspage_indicator(
    indicator: Any, components: list[tuple[str, str]], expected: str
) -> None:
    document = statuspage_summary(components=components or None)
    document["status"]["indicator"] = indicator
    if components:
        document["components"] = [{"name": n, "status": s} for n, s in components]
    report = parse_statuspage(document)
    assert report is not None
    assert report.indicator == expected


def test_statuspage_maintenance_only_when_in_progress() -> None:
    planned = {"name": "Upgrade", "status": "scheduled", "impact": "maintenance"}
    running = {"name": "Database", "status": "in_progress", "impact": "maintenance",
               "shortlink": "https://stspg.io/m1"}  # fmt: skip
    report = parse_statuspage(statuspage_summary(maintenances=[planned]))
    assert report is not None and report.indicator == "none" and report.maintenances == ()
    report = parse_statuspage(statuspage_summary(maintenances=[planned, running]))
    assert report is not None and report.indicator == "maintenance"
    assert [m.name for m in report.maintenances] == ["Database"]


def test_statuspage_groups_are_not_counted_twice() -> None:
    document = statuspage_summary(components=[("Mail", "partial_outage")])
    document["components"].append({"name": "All mail", "status": "partial_outage", "group": True})
    report = parse_statuspage(document)
    assert report is not None
    assert [c.name for c in report.components] == ["Mail"]


@pytest.mark.parametrize(
    "document",
    [
        {"status": {"indicator": 3, "description": ["x"]}, "components": "none"},
        {"page": {}, "components": [None, 1, "x", {"name": 5, "status": None}]},
        {"status": {}, "incidents": {"a": 1}, "scheduled_maintenances": [{"status": 7}]},
        {"status": {"indicator": "none"}, "incidents": [{"impact": "galactic"}]},
    ],
)
def test_statuspage_odd_values_do_not_crash(document: Any) -> None:
    report = parse_statuspage(document)
    assert report is not None
    assert report.indicator in ("none", "maintenance", "minor", "major", "critical")


@pytest.mark.parametrize("document", [[], "ok", None, 3, {"result": {}}, {"foo": "bar"}])
def test_statuspage_rejects_what_is_not_a_summary(document: Any) -> None:
    assert parse_statuspage(document) is None


# --------------------------------------------------------------------------- Status.io JSON


def statusio(code: Any = 100, name: str = "Operational", **result: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "status_overall": {"updated": "2026-11-20T10:00:00Z", "status": name, "status_code": code},
        "status": [
            {"id": "1", "name": "Email Security", "status": "Operational", "status_code": 100,
             "containers": [{"name": "UK", "status": "Operational", "status_code": 100}]},
        ],
        "incidents": [],
        "maintenance": {"active": [], "upcoming": []},
    }  # fmt: skip
    body.update(result)
    return {"result": body}


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        (100, "Operational", "none"),
        (200, "Planned Maintenance", "maintenance"),
        (300, "Degraded Performance", "minor"),
        ("400", "Partial Service Disruption", "major"),
        (500, "Service Disruption", "critical"),
        (350, "Something new", "minor"),
        (None, "Service Disruption", "critical"),
        (None, "Never heard of it", "minor"),
    ],
)
def test_statusio_overall_status(code: Any, name: str, expected: str) -> None:
    report = parse_statusio(statusio(code, name), PAGE)
    assert report is not None
    assert report.indicator == expected


def test_statusio_degraded_location_and_incidents_point_at_the_page() -> None:
    document = statusio(
        300,
        "Degraded Performance",
        status=[
            {"name": "Email Security", "status": "Operational", "status_code": 100,
             "containers": [{"name": "UK", "status": "Degraded Performance", "status_code": 300}]},
        ],
        incidents=[{"name": "Slow delivery in the UK", "_id": "x1"}],
        maintenance={"active": [{"name": "Archive upgrade"}], "upcoming": []},
    )  # fmt: skip
    report = parse_statusio(document, PAGE)
    assert report is not None
    assert report.indicator == "minor"
    assert [c.label for c in report.affected] == ["Email Security (UK)"]
    assert [(i.name, i.link) for i in report.incidents] == [("Slow delivery in the UK", PAGE)]
    assert [m.name for m in report.maintenances] == ["Archive upgrade"]


@pytest.mark.parametrize(
    "document",
    [
        {"result": {"status_overall": {"status_code": True}, "status": "x"}},
        {"result": {"status": [{"containers": "x", "status_code": [1]}], "maintenance": []}},
        {"result": {"status_overall": {"status": 5}, "incidents": [3, {"title": 7}]}},
    ],
)
def test_statusio_odd_values_do_not_crash(document: Any) -> None:
    report = parse_statusio(document, PAGE)
    assert report is not None


@pytest.mark.parametrize("document", [{"result": "ok"}, {"status": {}}, [], {"result": {}}])
def test_statusio_rejects_what_is_not_status_data(document: Any) -> None:
    assert parse_statusio(document, PAGE) is None


# --------------------------------------------------------------------------- verdicts (respx)


def target(platform: str = "statuspage", **fields: Any) -> StatusTarget:
    return StatusTarget(
        url=PAGE, platform=Platform(platform), product="acme-mail", name="Acme Mail", **fields
    )


@respx.mock
def test_operational_page_passes_both_checks() -> None:
    respx.get(SUMMARY).respond(json=statuspage_summary())
    results = by_id(run([target()]))
    assert results["ST001"].status is Status.PASS
    assert results["ST002"].status is Status.PASS
    assert "All Systems Operational" in results["ST002"].message
    for result in results.values():
        assert result.data["product"] == "acme-mail"
        assert result.data["url"] == PAGE
        assert result.data["indicator"] == "none"
        assert result.data["platform"] == "statuspage"


@respx.mock
def test_minor_incident_is_a_hint_naming_the_incident() -> None:
    incident = {"name": "Slow search", "status": "monitoring", "impact": "minor",
                "shortlink": "https://stspg.io/s1"}  # fmt: skip
    respx.get(SUMMARY).respond(
        json=statuspage_summary("minor", "Minor Service Outage", incidents=[incident])
    )
    health = by_id(run([target()]))["ST002"]
    assert health.status is Status.HINT
    assert "'Slow search' (monitoring, minor) https://stspg.io/s1" in health.message
    assert health.hint is not None and "https://stspg.io/s1" in health.hint
    assert "emailsec-check status acme-mail" in health.hint


@respx.mock
def test_maintenance_is_a_hint() -> None:
    running = {"name": "Database", "status": "in_progress", "impact": "maintenance",
               "shortlink": "https://stspg.io/m1"}  # fmt: skip
    respx.get(SUMMARY).respond(json=statuspage_summary("maintenance", "Under Maintenance",
                                                       maintenances=[running]))  # fmt: skip
    health = by_id(run([target()]))["ST002"]
    assert health.status is Status.HINT
    assert health.data["indicator"] == "maintenance"
    assert health.data["maintenances"][0]["link"] == "https://stspg.io/m1"


@respx.mock
def test_major_outage_fails_naming_components_and_incident_links() -> None:
    respx.get(SUMMARY).respond(
        json=statuspage_summary(
            "critical",
            "Major System Outage",
            components=[("Email Delivery", "major_outage"), ("Console", "degraded_performance")],
            incidents=[{"name": "Mail not delivered", "status": "identified",
                        "impact": "critical", "shortlink": "https://stspg.io/crit"}],
        )
    )  # fmt: skip
    results = by_id(run([target()]))
    assert results["ST001"].status is Status.PASS  # reachable: the outage is the vendor's
    health = results["ST002"]
    assert health.status is Status.FAIL
    assert "Email Delivery (major outage)" in health.message
    assert "Console (degraded performance)" in health.message
    assert "https://stspg.io/crit" in health.message
    assert health.hint is not None and "vendor's side" in health.hint
    assert health.data["components"] == [
        {"name": "Email Delivery", "status": "major_outage"},
        {"name": "Console", "status": "degraded_performance"},
    ]
    assert health.data["incidents"][0]["link"] == "https://stspg.io/crit"


@respx.mock
def test_a_block_page_instead_of_json_fails_reachability_in_the_content_phase() -> None:
    respx.get(SUMMARY).respond(
        200,
        text="<html><body>Blocked by policy</body></html>",
        headers={"Content-Type": "text/html"},
    )
    results = by_id(run([target()]))
    reach = results["ST001"]
    assert reach.status is Status.FAIL
    assert reach.data["phase"] == "content"
    assert "text/html" in reach.message and "Blocked by policy" in reach.message
    assert reach.hint is not None and "proxy" in reach.hint
    assert results["ST002"].status is Status.SKIP
    assert results["ST002"].data["indicator"] is None


@respx.mock
def test_json_that_is_not_a_summary_is_not_trusted() -> None:
    respx.get(SUMMARY).respond(json={"hello": "world"})
    reach = by_id(run([target()]))["ST001"]
    assert reach.status is Status.FAIL
    assert reach.data["error"] == "unexpected-body"


@respx.mock
def test_auto_falls_back_to_the_page_for_reachability() -> None:
    respx.get(SUMMARY).respond(404, text="no such page")
    respx.get(PAGE).respond(200, text="<html>status</html>", headers={"Content-Type": "text/html"})
    results = by_id(run([StatusTarget(url=PAGE)]))
    assert results["ST001"].status is Status.PASS
    assert results["ST001"].data["platform"] == "generic"
    assert results["ST001"].data["product"] is None
    health = results["ST002"]
    assert health.status is Status.SKIP
    assert "not a Statuspage page" in health.message
    assert health.data["indicator"] is None


@respx.mock
def test_auto_reads_a_statuspage_it_finds() -> None:
    respx.get(SUMMARY).respond(json=statuspage_summary())
    results = by_id(run([StatusTarget(url=PAGE + "/")]))
    assert results["ST002"].status is Status.PASS
    assert results["ST002"].data["platform"] == "statuspage"


@respx.mock
def test_generic_page_is_checked_for_reachability_only() -> None:
    respx.get(PAGE).respond(200, text="<html>ok</html>")
    results = by_id(run([target("generic")]))
    assert results["ST001"].status is Status.PASS
    assert results["ST002"].status is Status.SKIP
    assert "reachability only" in results["ST002"].message


@respx.mock
def test_statusio_reads_the_api_and_checks_the_page() -> None:
    respx.get(PAGE).respond(200, text="<html>ok</html>")
    respx.get(STATUSIO_API).respond(json=statusio(500, "Service Disruption"))
    results = by_id(run([target("statusio", api_url=STATUSIO_API)]))
    assert results["ST001"].status is Status.PASS
    assert results["ST002"].status is Status.FAIL
    assert results["ST002"].data["platform"] == "statusio"
    assert results["ST002"].data["api_url"] == STATUSIO_API


@respx.mock
def test_statusio_api_unreadable_is_a_skip_not_a_fail() -> None:
    respx.get(PAGE).respond(200, text="<html>ok</html>")
    respx.get(STATUSIO_API).mock(side_effect=httpx.ConnectError("boom"))
    results = by_id(run([target("statusio", api_url=STATUSIO_API)]))
    assert results["ST001"].status is Status.PASS
    assert results["ST002"].status is Status.SKIP
    assert STATUSIO_API in results["ST002"].message


@respx.mock
def test_server_error_fails_reachability_and_skips_the_report() -> None:
    respx.get(SUMMARY).respond(503, text="down")
    results = by_id(run([target()]))
    reach = results["ST001"]
    assert reach.status is Status.FAIL
    assert reach.data["phase"] == "http"
    assert reach.data["http_status"] == 503
    assert reach.hint is not None and "--retries" in reach.hint
    assert results["ST002"].status is Status.SKIP


@respx.mock
def test_mocked_connection_error_is_a_reachability_fail() -> None:
    respx.get(SUMMARY).mock(side_effect=httpx.ConnectError("refused"))
    results = by_id(run([target()]))
    assert results["ST001"].status is Status.FAIL
    assert results["ST002"].status is Status.SKIP


def test_product_without_status_page_is_a_skip() -> None:
    results = run(
        [StatusTarget(url="", product="cisco-secure-endpoint", name="Cisco Secure Endpoint")]
    )
    assert [(r.id, r.status) for r in results] == [("ST001", Status.SKIP)]
    assert results[0].data["indicator"] is None
    assert results[0].data["up"] is None  # no page: no status_page_up gauge either way
    assert "--url" in results[0].message


# --------------------------------------------------------------------------- targets


def test_targets_default_to_every_profile_with_a_status_page() -> None:
    profiles = load_profiles([])
    targets = build_targets(profiles, [], [])
    expected = {p.id for p in profiles if p.status_page is not None}
    assert {t.product for t in targets} == expected
    assert all(t.url for t in targets)


def test_targets_accept_aliases_and_urls_and_drop_duplicates() -> None:
    profiles = load_profiles([])
    targets = build_targets(profiles, ["setd", "cisco-secure-email-threat-defense"], [PAGE, PAGE])
    assert [(t.product, t.url) for t in targets] == [
        (
            "cisco-secure-email-threat-defense",
            "https://ciscosecureemailthreatdefense.statuspage.io",
        ),
        (None, PAGE),
    ]


def test_unknown_product_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown product 'nope'"):
        build_targets(load_profiles([]), ["nope"], [])


@pytest.mark.parametrize(
    "url", ["status.acme.example", "ftp://status.acme.example", "https://", "https://a b"]
)
def test_bad_url_is_an_input_error(url: str) -> None:
    with pytest.raises(InputError, match="--url"):
        build_targets(load_profiles([]), [], [url])


def test_summary_url() -> None:
    assert summary_url("https://s.example/") == "https://s.example/api/v2/summary.json"
    assert summary_url("https://s.example/x?y=1") == "https://s.example/x/api/v2/summary.json"
    assert summary_url(SUMMARY) == SUMMARY  # given the summary itself


# --------------------------------------------------------------------------- net helpers


def test_retry_after_as_seconds_and_as_date() -> None:
    now = datetime(2026, 11, 20, 10, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Fri, 20 Nov 2026 10:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Fri, 20 Nov 2026 09:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


@pytest.mark.parametrize(
    ("host", "no_proxy", "expected"),
    [
        ("status.acme.example", ["acme.example"], True),
        ("status.acme.example", [".acme.example"], True),
        ("notacme.example", ["acme.example"], False),
        ("status.acme.example", ["*"], True),
        ("10.1.2.3", ["10.0.0.0/8"], True),
        ("status.acme.example", ["status.acme.example:443"], True),
        ("status.acme.example", [], False),
    ],
)
def test_no_proxy_matching(host: str, no_proxy: list[str], expected: bool) -> None:
    assert bypasses_proxy(host, no_proxy) is expected


def test_environment_fills_proxies_and_ca_bundle() -> None:
    env = {
        "HTTPS_PROXY": "http://proxy.acme.example:3128",
        "http_proxy": "proxy.acme.example:8080",
        "NO_PROXY": "intranet.acme.example, .corp.example",
        "SSL_CERT_FILE": "/etc/acme/ca.pem",
    }
    settings = apply_environment(NetSettings(), env)
    assert settings.proxy == "http://proxy.acme.example:3128"
    assert settings.http_proxy == "proxy.acme.example:8080"
    assert settings.no_proxy == ("intranet.acme.example", ".corp.example")
    assert settings.ca_bundle == "/etc/acme/ca.pem"


def test_proxy_option_wins_over_the_environment() -> None:
    settings = apply_environment(
        NetSettings(proxy="http://mine.acme.example:1", ca_bundle="/my/ca.pem"),
        {"HTTPS_PROXY": "http://env.acme.example:2", "HTTP_PROXY": "http://env.acme.example:3",
         "SSL_CERT_FILE": "/env/ca.pem"},
    )  # fmt: skip
    assert settings.proxy == "http://mine.acme.example:1"
    assert settings.http_proxy is None  # the --proxy serves http:// pages too
    assert settings.ca_bundle == "/my/ca.pem"


@pytest.mark.parametrize(
    ("value", "message"),
    [("socks5://proxy.acme.example:1080", "not supported"), ("http://", "no proxy host")],
)
def test_bad_proxy_is_an_input_error(value: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        apply_environment(NetSettings(), {"HTTPS_PROXY": value})


def test_proxy_password_never_shown() -> None:
    route = parse_proxy("http://alice:s3cret@proxy.acme.example:3128", "--proxy")
    assert route is not None
    assert route.auth == ("alice", "s3cret")
    assert "s3cret" not in route.display and "alice" not in route.display
    assert (
        redact("http://alice:s3cret@proxy.acme.example:3128/")
        == "http://alice:***@proxy.acme.example:3128/"
    )
    assert parse_proxy("none", "--proxy") is None


def test_dns_outcome_kinds_are_known() -> None:
    # Every kind the resolver can answer has a failure mapping (no KeyError mid-probe).
    from emailsec_check.net.transport import DNS_PROBLEMS

    assert set(DNS_PROBLEMS) == set(DnsKind)
