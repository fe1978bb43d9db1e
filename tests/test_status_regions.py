"""Status by region: ST002 judged on a region's components (or Status.io locations) and the
incidents that touch them or the whole page, built from the real "Cisco AMP" page layout:
one component group per region ("Reputation Service (Europe)", ...)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from emailsec_check.checks.status import (
    Platform,
    RegionScope,
    StatusTarget,
    build_targets,
    check_status_pages,
    for_region,
    parse_statusio,
    parse_statuspage,
)
from emailsec_check.errors import InputError
from emailsec_check.model import Result, Status
from emailsec_check.profiles import load_profiles
from tests.conftest import Cli
from tests.fakes import FakeProber
from tests.servers.http_server import (
    Route,
    cisco_amp_summary,
    http_server,
    statusio_status,
)

AMP = "https://status.amp.cisco.com"
NA, EU, APJC = (
    "Reputation Service (North America)",
    "Reputation Service (Europe)",
    "Reputation Service (APJC)",
)
EUROPE = RegionScope("europe", "Europe", ("* (Europe)",))
APJC_SCOPE = RegionScope("apjc", "APJC", ("* (APJC)",))


def amp_results(document: Any, *regions: str) -> list[Result]:
    targets = build_targets(load_profiles([]), ["cisco-secure-endpoint"], [], list(regions))
    prober = FakeProber({f"{AMP}/api/v2/summary.json": json.dumps(document).encode()})
    return asyncio.run(check_status_pages(targets, prober, timeout=5.0))


def health(results: list[Result]) -> dict[str, Result]:
    return {r.data.get("region") or "page": r for r in results if r.id == "ST002"}


# --------------------------------------------------------------------------- the page's parts


def test_the_amp_page_is_read_with_its_region_groups() -> None:
    report = parse_statuspage(cisco_amp_summary())
    assert report is not None and report.page_name == "Cisco AMP"
    groups = {c.group for c in report.components}
    assert groups == {NA, EU, APJC}
    assert len(report.components) == 18  # the groups themselves are not counted


def test_a_region_sees_only_its_own_group() -> None:
    report = parse_statuspage(cisco_amp_summary({(APJC, "iOS"): "major_outage"}))
    assert report is not None and report.indicator == "critical"
    europe = for_region(report, EUROPE)
    assert europe is not None
    assert europe.indicator == "none"
    assert {c.group for c in europe.components} == {EU}
    apjc = for_region(report, APJC_SCOPE)
    assert apjc is not None and apjc.indicator == "critical"
    assert [c.label for c in apjc.affected] == [f"{APJC} / iOS"]


def test_patterns_ignore_case_and_treat_only_the_star_as_special() -> None:
    report = parse_statuspage(cisco_amp_summary({(EU, "Private Cloud"): "partial_outage"}))
    assert report is not None
    scope = RegionScope("eu", "EU", ("reputation service (EUROPE)",))
    narrowed = for_region(report, scope)
    assert narrowed is not None and narrowed.indicator == "major"
    assert for_region(report, RegionScope("x", "X", ("Reputation Service (Europ?)",))) is None


# --------------------------------------------------------------------------- verdicts


def test_europe_passes_when_only_apjc_is_down() -> None:
    document = cisco_amp_summary({(APJC, "Enterprise"): "major_outage"})
    results = health(amp_results(document, "europe"))
    europe = results["europe"]
    assert europe.status is Status.PASS
    assert "region Europe" in europe.message
    assert europe.data["indicator"] == "none"
    assert europe.data["region"] == "europe"
    assert europe.data["up"] is True


def test_europe_fails_when_europe_is_down() -> None:
    document = cisco_amp_summary({(EU, "Enterprise"): "major_outage"})
    europe = health(amp_results(document, "eu"))["europe"]  # an alias of europe
    assert europe.status is Status.FAIL
    assert "region Europe" in europe.message
    assert f"{EU} / Enterprise (major outage)" in europe.message
    assert europe.hint is not None and "--region europe" in europe.hint


def test_without_a_region_the_whole_page_decides() -> None:
    document = cisco_amp_summary({(APJC, "Enterprise"): "major_outage"})
    page = health(amp_results(document))["page"]
    assert page.status is Status.FAIL
    assert "region" not in page.data


def test_each_region_asked_for_gets_its_own_verdict() -> None:
    document = cisco_amp_summary({(APJC, "iOS"): "degraded_performance"})
    results = amp_results(document, "europe", "APJC", "emea")  # emea is europe again
    verdicts = health(results)
    assert set(verdicts) == {"europe", "apjc"}
    assert verdicts["europe"].status is Status.PASS
    assert verdicts["apjc"].status is Status.HINT
    assert [r.id for r in results].count("ST001") == 1  # the page is fetched once
    assert verdicts["europe"].subject != verdicts["apjc"].subject


def test_incidents_count_for_the_regions_they_touch_and_whole_page_ones_for_all() -> None:
    apjc_only = {
        "name": "APJC lookups slow",
        "status": "investigating",
        "impact": "minor",
        "shortlink": "https://stspg.io/apjc",
        "affects": [(APJC, "Enterprise")],
    }
    everyone = {"name": "Console sign-in errors", "status": "identified", "impact": "major",
                "shortlink": "https://stspg.io/all"}  # fmt: skip
    verdicts = health(amp_results(cisco_amp_summary(incidents=[apjc_only]), "europe", "apjc"))
    assert verdicts["europe"].status is Status.PASS
    assert verdicts["apjc"].status is Status.HINT
    assert "APJC lookups slow" in verdicts["apjc"].message
    assert "APJC lookups slow" not in verdicts["europe"].message
    document = cisco_amp_summary(incidents=[apjc_only, everyone])
    verdicts = health(amp_results(document, "europe"))
    assert verdicts["europe"].status is Status.FAIL
    assert "Console sign-in errors" in verdicts["europe"].message
    assert "APJC lookups slow" not in verdicts["europe"].message


def test_a_region_whose_components_the_page_no_longer_lists_is_a_skip() -> None:
    document = cisco_amp_summary()
    document["components"] = [c for c in document["components"] if "Europe" not in c["name"]
                              and c.get("group_id") != "amp0group1"]  # fmt: skip
    europe = health(amp_results(document, "europe"))["europe"]
    assert europe.status is Status.SKIP
    assert "* (Europe)" in europe.message and "status_components" in europe.message


# --------------------------------------------------------------------------- Status.io


def test_statusio_regions_match_locations() -> None:
    document = statusio_status(
        {"Email Security": {"UK": 100, "Germany": 100, "USA": 400}, "Archive": {"UK": 100}},
        incidents=[{"name": "US delays", "containers_affected": [{"_id": "loc-usa",
                    "name": "USA"}]}],
    )  # fmt: skip
    report = parse_statusio(document, "https://status.mimecast.example")
    assert report is not None and report.indicator == "major"
    uk = for_region(report, RegionScope("uk", "United Kingdom", ("UK",)))
    assert uk is not None
    assert (uk.indicator, len(uk.components), uk.incidents) == ("none", 2, ())
    usa = for_region(report, RegionScope("us", "United States", ("usa",)))
    assert usa is not None and usa.indicator == "major"
    assert [i.name for i in usa.incidents] == ["US delays"]
    archive = for_region(report, RegionScope("archive", "Archive", ("Archive",)))
    assert archive is not None and archive.indicator == "none"  # the incident is the USA's


# --------------------------------------------------------------------------- choosing regions


def test_an_unknown_region_is_an_input_error_with_the_nearest_name() -> None:
    with pytest.raises(InputError, match=r"region 'eurpe'.*did you mean 'europe'"):
        build_targets(load_profiles([]), ["amp"], [], ["eurpe"])


def test_a_region_needs_its_product() -> None:
    with pytest.raises(InputError, match="--region needs the PRODUCT"):
        build_targets(load_profiles([]), [], [], ["europe"])


def test_regions_by_product_as_run_passes_them() -> None:
    (target,) = build_targets(
        load_profiles([]), ["cisco-secure-endpoint"], [],
        product_regions={"amp": ["Europe", "apac"]},
    )  # fmt: skip
    assert [(s.id, s.patterns) for s in target.regions] == [
        ("europe", ("* (Europe)",)),
        ("apjc", ("* (APJC)",)),
    ]
    assert target.platform is Platform.STATUSPAGE
    assert isinstance(target, StatusTarget)


def test_regions_by_product_never_add_a_product() -> None:
    targets = build_targets(
        load_profiles([]), ["setd"], [], product_regions={"amp": ["europe"], "setd": ["eu"]}
    )
    assert [(t.product, [s.id for s in t.regions]) for t in targets] == [
        ("cisco-secure-email-threat-defense", ["europe"])
    ]


# --------------------------------------------------------------------------- command line, loopback

AMP_PROFILE = """id = "cisco-secure-endpoint"
name = "Cisco Secure Endpoint"
aliases = ["amp"]

[status_page]
url = "{url}"
platform = "statuspage"

[[regions]]
id = "americas"
name = "North America"
aliases = ["us", "na"]
status_components = ["* (North America)"]

[[regions]]
id = "europe"
name = "Europe"
aliases = ["eu", "emea"]
status_components = ["* (Europe)"]

[[regions]]
id = "apjc"
name = "Asia Pacific, Japan and China"
aliases = ["apac"]
status_components = ["* (APJC)"]
"""


def amp_cli(cli: Cli, tmp_path: Path, document: Any, *args: str) -> tuple[int, list[Any]]:
    routes = {"/api/v2/summary.json": Route(body=document)}
    with http_server(routes) as server:
        (tmp_path / "cisco-secure-endpoint.toml").write_text(
            AMP_PROFILE.format(url=server.url(path="")), encoding="utf-8"
        )
        result = cli("status", "cisco-secure-endpoint", "--profiles-dir", tmp_path,
                     "--format", "json", *args)  # fmt: skip
    assert result.err == ""
    return result.code, json.loads(result.out)["results"]


def test_cli_region_europe_passes_when_only_apjc_is_down(cli: Cli, tmp_path: Path) -> None:
    document = cisco_amp_summary({(APJC, "Enterprise"): "major_outage"})
    code, results = amp_cli(cli, tmp_path, document, "--region", "europe")
    assert code == 0
    (europe,) = [r for r in results if r["id"] == "ST002"]
    assert europe["status"] == "pass"
    assert europe["data"]["region"] == "europe"
    assert "region Europe" in europe["message"]
    assert {"product", "url", "indicator", "up"} <= set(europe["data"])


def test_cli_region_europe_fails_when_europe_is_down(cli: Cli, tmp_path: Path) -> None:
    document = cisco_amp_summary({(EU, "Private Cloud"): "major_outage"})
    code, results = amp_cli(cli, tmp_path, document, "--region", "EMEA")
    assert code == 1
    (europe,) = [r for r in results if r["id"] == "ST002"]
    assert europe["status"] == "fail"
    assert f"{EU} / Private Cloud" in europe["message"]


def test_cli_unknown_region_exits_2_with_a_suggestion(cli: Cli, tmp_path: Path) -> None:
    result = cli("status", "amp", "--region", "europa")
    assert result.code == 2
    assert result.out == ""
    assert "did you mean 'europe'" in result.err
    assert len(result.err.strip().splitlines()) == 1


MIMECAST_PROFILE = """id = "mimecast-secure-messaging"
name = "Mimecast"

[status_page]
url = "{page}"
platform = "statusio"
api_url = "{api}"

[[regions]]
id = "uk"
name = "United Kingdom"
status_components = ["UK"]

[[regions]]
id = "us"
name = "United States"
status_components = ["USA"]
"""


def test_cli_statusio_region_by_location(cli: Cli, tmp_path: Path) -> None:
    document = statusio_status({"Email Security": {"UK": 100, "USA": 500}, "Archive": {"UK": 100}})
    routes = {
        "/api": Route(body=document),
        "/": Route(body="<title>Mimecast Status</title>", content_type="text/html"),
    }
    with http_server(routes) as server:
        (tmp_path / "mimecast-secure-messaging.toml").write_text(
            MIMECAST_PROFILE.format(page=server.url(path="/"), api=server.url(path="/api")),
            encoding="utf-8",
        )
        base = ("status", "mimecast-secure-messaging", "--profiles-dir", tmp_path)
        uk = cli(*base, "--region", "uk", "--format", "json")
        us = cli(*base, "--region", "us", "--format", "json")
    assert uk.code == 0, uk.out
    assert us.code == 1, us.out
    (us_health,) = [r for r in json.loads(us.out)["results"] if r["id"] == "ST002"]
    assert "Email Security (USA)" in us_health["message"]
    assert us_health["data"]["indicator"] == "critical"
