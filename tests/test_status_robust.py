"""Status pages, hostile answers: any JSON a page sends (NaN, Infinity, "²", huge numbers,
wrong types anywhere) costs that page at most, never the other pages or the report.

Properties run the two platform readers and the whole pipeline (with a fake prober)
on generated documents; the end-to-end cases use the loopback HTTP server and the CLI.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emailsec_check.checks.status import (
    Indicator,
    Platform,
    StatusTarget,
    build_targets,
    check_status_pages,
    parse_statusio,
    parse_statuspage,
)
from emailsec_check.errors import InputError
from emailsec_check.model import Result, Status
from emailsec_check.net.retry import retry_after_seconds
from emailsec_check.profiles import load_profiles
from tests.conftest import Cli
from tests.fakes import FakeProber
from tests.servers.http_server import Route, http_server, statuspage_summary

GOOD = "https://good.acme.example"
BAD = "https://bad.acme.example"
STATUSIO_API = "https://api.acme.example/1.0/status/p1"


def run(targets: list[StatusTarget], bodies: Mapping[str, bytes]) -> list[Result]:
    return asyncio.run(
        check_status_pages(
            targets, FakeProber(bodies, content_type="application/json"), timeout=5.0
        )
    )


# --------------------------------------------------------------------------- generated JSON

_ODD_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -0.0, 100.0, 100.5]),
    st.text(max_size=12),
    st.sampled_from(["²", "١٠٠", "100", " 300 ", "operational", "major_outage", "Infinity"]),
)
_KEYS = st.sampled_from(
    [
        "status", "status_code", "name", "id", "_id", "group", "group_id", "components",
        "containers", "indicator", "impact", "shortlink", "url", "incidents", "result",
        "status_overall", "maintenance", "active", "page", "updated", "description",
        "scheduled_maintenances", "containers_affected", "components_affected", "title",
    ]
)  # fmt: skip
JSON = st.recursive(
    _ODD_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(_KEYS, st.text(max_size=5)), inner, max_size=6),
    ),
    max_leaves=30,
)


def _statusio_shaped(value: Any) -> dict[str, Any]:
    """A document in Status.io's shape with ``value`` planted in every slot."""
    cell = {"name": value, "status": value, "status_code": value, "id": value}
    return {
        "result": {
            "status_overall": {"status": value, "status_code": value, "updated": value},
            "status": [{**cell, "containers": [cell, value]}, value],
            "incidents": [{"name": value, "containers_affected": [cell], "state": value}],
            "maintenance": {"active": [{"name": value}, value], "upcoming": value},
        }
    }


def _statuspage_shaped(value: Any) -> dict[str, Any]:
    """A document in Statuspage's shape with ``value`` planted in every slot."""
    member = {"id": value, "name": value, "status": value, "group_id": value, "group": value}
    group = {"id": value, "name": value, "group": True, "components": [value, member]}
    incident = {"name": value, "status": value, "impact": value, "components": [member, value]}
    return {
        "page": {"id": value, "name": value, "updated_at": value},
        "status": {"indicator": value, "description": value},
        "components": [member, group, value],
        "incidents": [incident, value],
        "scheduled_maintenances": [incident],
    }


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_statuspage_reader_never_raises(document: Any) -> None:
    for candidate in (document, _statuspage_shaped(document)):
        report = parse_statuspage(candidate)
        assert report is None or isinstance(report.indicator, Indicator)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_statusio_reader_never_raises(document: Any) -> None:
    for candidate in (document, _statusio_shaped(document)):
        report = parse_statusio(candidate, GOOD)
        assert report is None or isinstance(report.indicator, Indicator)


def _encoded(document: Any) -> bytes:
    # Python's json writes NaN and Infinity as the bare words a hostile page may send.
    return json.dumps(document, allow_nan=True).encode()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON, st.sampled_from([Platform.STATUSPAGE, Platform.STATUSIO, Platform.AUTO]))
def test_one_bad_page_never_costs_the_others(document: Any, platform: Platform) -> None:
    bad_doc = _statusio_shaped(document) if platform is Platform.STATUSIO else document
    bodies = {
        f"{GOOD}/api/v2/summary.json": _encoded(statuspage_summary()),
        f"{BAD}/api/v2/summary.json": _encoded(bad_doc),
        STATUSIO_API: _encoded(bad_doc),
        BAD: b"<html><title>Bad page</title></html>",
    }
    bad = StatusTarget(BAD, platform, api_url=STATUSIO_API, product="bad", name="Bad")
    good = StatusTarget(GOOD, Platform.STATUSPAGE, product="good", name="Good")
    results = run([bad, good], bodies)
    assert [r.data["product"] for r in results] == ["bad", "bad", "good", "good"]
    assert [(r.id, r.status) for r in results[2:]] == [
        ("ST001", Status.PASS),
        ("ST002", Status.PASS),
    ]
    for result in results:
        assert {"product", "url", "indicator", "up"} <= set(result.data)
        assert "Error" not in result.message  # no exception text reaches a message


@pytest.mark.parametrize(
    "code", [math.inf, -math.inf, math.nan, "²", "١٠٠", 10**400 // 10**380, 1e300, [100], {"a": 1}]
)
def test_statusio_odd_status_codes_give_a_result_for_that_page(code: Any) -> None:
    document = {
        "result": {
            "status_overall": {"status": "Operational", "status_code": code},
            "status": [{"name": "Email", "status_code": code, "containers": [{"name": "EU",
                        "status_code": code}]}],
        }
    }  # fmt: skip
    bad = StatusTarget(BAD, Platform.STATUSIO, api_url=STATUSIO_API, product="mimecast")
    results = run([bad], {STATUSIO_API: _encoded(document), BAD: b"<html>ok</html>"})
    assert [r.id for r in results] == ["ST001", "ST002"]
    # "Operational" still decides: an unreadable code is no code, not a crash.
    assert results[1].status is Status.PASS


@pytest.mark.parametrize("value", ["²", "١٢", "-1", "1.5", "soon", "", "9" * 5000])
def test_retry_after_accepts_ascii_digits_only(value: str) -> None:
    seconds = retry_after_seconds(value)
    if value == "9" * 5000:
        assert seconds is not None and seconds > 1e6  # "longer than we would wait"
    else:
        assert seconds is None


def test_retry_after_of_a_superscript_is_no_error_in_st001(cli: Cli) -> None:
    route = Route(body=statuspage_summary(), fail_times=5, fail_status=503, retry_after="²")
    with http_server({"/api/v2/summary.json": route}) as server:
        result = cli("status", "--url", server.url(path=""), "--retries", "1", "--format", "json")
    document = json.loads(result.out)
    reach = next(r for r in document["results"] if r["id"] == "ST001")
    assert reach["status"] == "fail"
    assert reach["data"]["http_status"] == 503
    assert "ValueError" not in reach["message"] and "²" not in reach["message"]
    assert reach["data"]["attempts"] == 2  # retried as if no Retry-After had been sent


def test_run_writes_its_prometheus_file_despite_an_infinite_status_code(
    cli: Cli, tmp_path: Path
) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    hostile = {
        "result": {
            "status_overall": {"status_code": math.inf},
            "status": [
                {"name": "Email", "status_code": math.nan, "containers": [{"status_code": "²"}]}
            ],
        }
    }
    routes = {
        "/hostile/api": Route(body=_encoded(hostile)),
        "/hostile": Route(body="<html><title>Hostile</title></html>", content_type="text/html"),
        "/good/api/v2/summary.json": Route(body=statuspage_summary()),
    }  # fmt: skip
    with http_server(routes) as server:
        profiles = tmp_path / "profiles"
        profiles.mkdir()
        (profiles / "hostile-mail.toml").write_text(
            'id = "hostile-mail"\nname = "Hostile Mail"\n\n[status_page]\n'
            f'url = "{server.url(path="/hostile")}"\nplatform = "statusio"\n'
            f'api_url = "{server.url(path="/hostile/api")}"\n',
            encoding="utf-8",
        )
        config = tmp_path / "c.toml"
        config.write_text(
            f'[status]\nproducts = ["hostile-mail"]\nurls = ["{server.url(path="/good")}"]\n',
            encoding="utf-8",
        )
        target = tmp_path / "x.prom"
        result = cli(
            "run", config, "--profiles-dir", profiles, "--format", "prometheus", "-o", target
        )
    assert result.code in (0, 1), result.err
    assert result.err == ""
    families = {f.name: f for f in text_string_to_metric_families(target.read_text())}
    up = {s.labels["product"]: s.value for s in families["emailsec_check_status_page_up"].samples}
    good = server.url(path="/good")
    assert up == {"hostile-mail": 1.0, good: 1.0}  # both pages kept their results
    counts = {
        (s.labels["id"], s.labels["status"]): s.value
        for s in families["emailsec_check_results"].samples
    }
    assert counts[("ST001", "pass")] == 2
    assert counts[("ST002", "pass")] + counts[("ST002", "skip")] == 2


# --------------------------------------------------------------------------- what users type


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_retry_after_of_any_text_is_a_wait_or_nothing(value: str) -> None:
    seconds = retry_after_seconds(value)
    assert seconds is None or 0.0 <= seconds <= 365 * 24 * 3600.0


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(lambda rest: f"https://{rest}", st.text(max_size=40)),
        st.builds(lambda port: f"http://status.acme.example:{port}/", st.text(max_size=8)),
    )
)
def test_any_url_is_taken_or_an_input_error(text: str) -> None:
    try:
        (target,) = build_targets(load_profiles([]), [], [text])
    except InputError as error:
        assert "--url" in str(error)
    else:
        assert target.url == text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_any_region_name_is_a_region_or_an_input_error(name: str) -> None:
    try:
        (target,) = build_targets(load_profiles([]), ["amp"], [], [name])
    except InputError as error:
        assert "region" in str(error)
    else:
        assert len(target.regions) == 1
