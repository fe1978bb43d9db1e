"""Status pages over real loopback sockets: what a mock cannot show.

Names under ``.test`` are answered by the loopback DNS server (``--nameserver``) with
127.0.0.1, so a probe reaches the loopback HTTP server by name, the way it reaches a
vendor's page. Tests that wait on a timeout use one of a second.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from tests.conftest import Cli
from tests.servers.dns_server import DnsServer, dns_server
from tests.servers.http_server import (
    Route,
    blackhole,
    closed_port,
    http_server,
    statuspage_summary,
)

HOST = "status.acme.test"
SUMMARY = "/api/v2/summary.json"
ZONE: dict[str, Any] = {
    HOST: {"A": ["127.0.0.1"]},
    "api.acme.test": {"A": ["127.0.0.1"]},
    "mail-only.acme.test": {"MX": ["10 mx.acme.test."]},
    "gone.acme.test": "nxdomain",
    "broken.acme.test": "servfail",
    "silent.acme.test": "drop",
}
PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE")


@pytest.fixture(autouse=True)
def no_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def dns() -> Iterator[DnsServer]:
    with dns_server(ZONE) as server:
        yield server


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "inspection-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST).configure_cert(context)
    return context


def status(
    cli: Cli, dns: DnsServer, *args: str, env: dict[str, str] | None = None
) -> tuple[int, dict[str, dict[str, Any]], float]:
    """Run ``status`` with JSON output; the exit code, results by ID, and the wall time."""
    started = time.monotonic()
    result = cli("status", "--nameserver", dns.address, "--format", "json", *args, env=env)
    seconds = time.monotonic() - started
    assert result.err == "", result.err
    document = json.loads(result.out)
    return result.code, {r["id"]: r for r in document["results"]}, seconds


def summary_route(**state: Any) -> dict[str, Route]:
    return {SUMMARY: Route(body=statuspage_summary(**state))}


# --------------------------------------------------------------------------- by name, end to end


def test_page_reached_by_name_through_the_loopback_dns(cli: Cli, dns: DnsServer) -> None:
    with http_server(summary_route()) as page:
        code, results, _ = status(cli, dns, "--url", page.url(HOST))
    assert code == 0
    reach = results["ST001"]
    assert reach["status"] == "pass"
    assert reach["data"]["address"] == "127.0.0.1"
    assert reach["data"]["dns"] == dns.address
    timings = reach["data"]["timings"]
    assert all(isinstance(timings[k], float) for k in ("dns", "connect", "first_byte", "total"))
    assert timings["tls"] is None  # plain http
    assert results["ST002"]["status"] == "pass"
    assert page.hosts == [f"{HOST}:{page.port}"]  # Host stays the real name
    assert dns.queries[(HOST, "A")] >= 1


def test_major_outage_exits_1_and_names_the_incident(cli: Cli, dns: DnsServer) -> None:
    incident = {"name": "Mail delayed", "status": "investigating", "impact": "major",
                "shortlink": "https://stspg.io/x1"}  # fmt: skip
    state = summary_route(
        indicator="major",
        description="Partial System Outage",
        components=[("Email Delivery", "partial_outage")],
        incidents=[incident],
    )
    with http_server(state) as page:
        code, results, _ = status(cli, dns, "--url", page.url(HOST))
    assert code == 1
    assert results["ST001"]["status"] == "pass"
    assert results["ST002"]["status"] == "fail"
    assert "https://stspg.io/x1" in results["ST002"]["message"]
    assert results["ST002"]["data"]["indicator"] == "major"


# --------------------------------------------------------------------------- TLS


def test_untrusted_certificate_fails_in_the_tls_phase(
    cli: Cli, dns: DnsServer, ca: trustme.CA
) -> None:
    with http_server(summary_route(), tls=server_tls(ca)) as page:
        code, results, _ = status(cli, dns, "--url", page.url(HOST))
    assert code == 1
    reach = results["ST001"]
    assert reach["status"] == "fail"
    assert reach["data"]["phase"] == "tls"
    assert reach["data"]["error"] == "untrusted"
    assert "--ca-bundle" in reach["hint"] and "SSL_CERT_FILE" in reach["hint"]
    assert results["ST002"]["status"] == "skip"


def test_ca_bundle_makes_the_inspected_page_pass_with_the_real_name_in_sni(
    cli: Cli, dns: DnsServer, ca: trustme.CA, ca_file: Path
) -> None:
    with http_server(summary_route(), tls=server_tls(ca)) as page:
        code, results, _ = status(cli, dns, "--url", page.url(HOST), "--ca-bundle", str(ca_file))
    assert code == 0, results
    assert results["ST001"]["data"]["timings"]["tls"] is not None
    assert page.sni == [HOST]
    assert page.hosts == [f"{HOST}:{page.port}"]


def test_ssl_cert_file_is_honoured(cli: Cli, dns: DnsServer, ca: trustme.CA, ca_file: Path) -> None:
    with http_server(summary_route(), tls=server_tls(ca)) as page:
        code, results, _ = status(
            cli, dns, "--url", page.url(HOST), env={"SSL_CERT_FILE": str(ca_file)}
        )
    assert code == 0, results


def test_missing_ca_bundle_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "status", "--url", "https://status.acme.test", "--ca-bundle", str(tmp_path / "nope.pem")
    )
    assert result.code == 2
    assert "CA bundle not found" in result.err and "nope.pem" in result.err


# --------------------------------------------------------------------------- DNS


@pytest.mark.parametrize(
    ("name", "error"),
    [("gone.acme.test", "nxdomain"), ("broken.acme.test", "dns-failed"),
     ("mail-only.acme.test", "noanswer")],
)  # fmt: skip
def test_dns_answers_are_told_apart(cli: Cli, dns: DnsServer, name: str, error: str) -> None:
    code, results, _ = status(cli, dns, "--url", f"https://{name}", "--timeout", "2")
    assert code == 1
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("dns", error)
    assert "--nameserver" in reach["hint"]
    assert dns.address in reach["hint"]


def test_dns_server_that_never_answers_ends_within_the_timeout(cli: Cli, dns: DnsServer) -> None:
    _, results, seconds = status(cli, dns, "--url", "https://silent.acme.test", "--timeout", "1")
    assert seconds < 3
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("dns", "timeout")
    assert "1 s" in reach["message"]


# --------------------------------------------------------------------------- connection


def test_refused_connection(cli: Cli, dns: DnsServer) -> None:
    _, results, _ = status(cli, dns, "--url", f"http://{HOST}:{closed_port()}")
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("connect", "refused")
    assert "refused" in reach["message"]
    assert "--proxy" in reach["hint"] and "HTTPS_PROXY" in reach["hint"]


def test_connection_that_hangs_ends_within_the_timeout(cli: Cli, dns: DnsServer) -> None:
    with blackhole() as port:
        _, results, seconds = status(cli, dns, "--url", f"http://{HOST}:{port}", "--timeout", "1")
    reach = results["ST001"]
    if reach["data"]["phase"] != "connect":
        pytest.skip("this system completes connections to a full accept queue")
    assert seconds < 2.5
    assert reach["data"]["error"] == "timeout"
    assert "--timeout of 1 s" in reach["message"]


# --------------------------------------------------------------------------- faulty servers


@pytest.mark.parametrize(
    ("route", "phase"),
    [(Route(delay=5), "http"), (Route(body=b'{"status": {}}' * 10, drip=1.0), "body")],
    ids=["slow-head", "drip"],
)
def test_stalling_server_ends_within_the_timeout_naming_the_phase(
    cli: Cli, dns: DnsServer, route: Route, phase: str
) -> None:
    with http_server({SUMMARY: route}) as page:
        _, results, seconds = status(cli, dns, "--url", page.url(HOST), "--timeout", "1")
    assert seconds < 2.5
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == (phase, "timeout")
    assert "--timeout of 1 s" in reach["message"]
    assert results["ST002"]["status"] == "skip"


def test_connection_reset(cli: Cli, dns: DnsServer) -> None:
    with http_server({SUMMARY: Route(reset=True)}) as page:
        _, results, _ = status(cli, dns, "--url", page.url(HOST))
    reach = results["ST001"]
    assert reach["status"] == "fail"
    assert reach["data"]["phase"] == "http"
    # A reset reads as a reset, or (on some Python versions) as the connection closing.
    assert reach["data"]["error"] in ("reset", "closed")
    assert "connection broke before the answer arrived" in reach["hint"]


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_huge_body_is_not_read_whole(
    cli: Cli, dns: DnsServer, tmp_path: Path, chunked: bool
) -> None:
    huge = 1 << 30
    with http_server({SUMMARY: Route(huge=huge, chunked=chunked)}) as page:
        write_profile(tmp_path, "acme-mail", page.url(HOST, ""), "statuspage")
        _, results, seconds = status(
            cli, dns, "acme-mail", "--profiles-dir", str(tmp_path), "--timeout", "5"
        )
        sent = page.sent[SUMMARY]
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("content", "too-large")
    assert sent < 64 * 1024 * 1024  # the client stopped long before 1 GiB
    assert seconds < 5


def test_redirect_loop_is_cut_short(cli: Cli, dns: DnsServer) -> None:
    with http_server({SUMMARY: Route(status=302, location=SUMMARY)}) as page:
        _, results, _ = status(cli, dns, "--url", page.url(HOST))
        hits = page.hits[SUMMARY]
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("http", "redirects")
    assert hits == 6  # the first request and five redirects
    assert "captive portal" in reach["hint"]


def test_server_error_without_retries_is_asked_once(cli: Cli, dns: DnsServer) -> None:
    with http_server({SUMMARY: Route(fail_times=5, fail_status=503)}) as page:
        _, results, _ = status(cli, dns, "--url", page.url(HOST))
        hits = page.hits[SUMMARY]
    assert hits == 1
    assert results["ST001"]["data"]["http_status"] == 503
    assert results["ST002"]["status"] == "skip"


def test_retries_honour_retry_after(cli: Cli, dns: DnsServer) -> None:
    route = Route(body=statuspage_summary(), fail_times=1, retry_after="1")
    with http_server({SUMMARY: route}) as page:
        code, results, seconds = status(
            cli, dns, "--url", page.url(HOST), "--retries", "2", "--timeout", "4"
        )
    assert code == 0
    assert results["ST001"]["data"]["attempts"] == 2
    assert "on attempt 2" in results["ST001"]["message"]
    assert seconds >= 1.0


def test_retry_after_beyond_the_timeout_is_not_waited_for(cli: Cli, dns: DnsServer) -> None:
    route = Route(body=statuspage_summary(), fail_times=1, retry_after="30")
    with http_server({SUMMARY: route}) as page:
        _, results, seconds = status(
            cli, dns, "--url", page.url(HOST), "--retries", "3", "--timeout", "2"
        )
    assert seconds < 2
    reach = results["ST001"]
    assert reach["data"]["http_status"] == 503
    assert any("retry after 30 s" in note for note in reach["data"]["notes"])


# --------------------------------------------------------------------------- proxies


def test_https_through_a_proxy_leaves_dns_to_the_proxy(
    cli: Cli, dns: DnsServer, ca: trustme.CA, ca_file: Path
) -> None:
    with (
        http_server(summary_route(), tls=server_tls(ca)) as page,
        http_server({}, proxy=True) as proxy,
    ):
        code, results, _ = status(
            cli, dns, "--url", page.url(HOST), "--ca-bundle", str(ca_file),
            "--proxy", f"http://127.0.0.1:{proxy.port}",
        )  # fmt: skip
    assert code == 0, results
    reach = results["ST001"]
    assert "through the proxy" in reach["message"]
    assert reach["data"]["dns"] == "left to the proxy"
    assert reach["data"]["timings"]["dns"] is None
    assert proxy.connects == [f"{HOST}:{page.port}"]
    assert page.sni == [HOST]
    assert (HOST, "A") not in dns.queries


def test_https_proxy_variable_and_no_proxy(cli: Cli, dns: DnsServer) -> None:
    with http_server(summary_route()) as page, http_server({}, proxy=True) as proxy:
        env = {"HTTP_PROXY": f"http://127.0.0.1:{proxy.port}"}
        code, results, _ = status(cli, dns, "--url", page.url(HOST), env=env)
        assert code == 0, results
        assert proxy.proxied == [page.url(HOST, SUMMARY)]
        code, results, _ = status(
            cli, dns, "--url", page.url(HOST), env={**env, "NO_PROXY": "acme.test"}
        )
        assert code == 0, results
        assert len(proxy.proxied) == 1  # the second run went direct
        assert results["ST001"]["data"]["proxy"] is None


def test_proxy_that_cannot_be_reached(cli: Cli, dns: DnsServer) -> None:
    _, results, _ = status(
        cli, dns, "--url", f"https://{HOST}", "--proxy", f"http://127.0.0.1:{closed_port()}"
    )
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("proxy", "refused")
    assert "NO_PROXY" in reach["hint"]


@pytest.mark.parametrize(("answer", "error"), [(407, "proxy-auth"), (403, "proxy-denied")])
def test_proxy_that_says_no_and_no_password_shown(
    cli: Cli, dns: DnsServer, answer: int, error: str
) -> None:
    with http_server({}, proxy=True, proxy_status=answer) as proxy:
        result = cli(
            "status", "--nameserver", dns.address, "--format", "json", "--url", f"https://{HOST}",
            "--proxy", f"http://alice:s3cret@127.0.0.1:{proxy.port}",
        )  # fmt: skip
    assert "s3cret" not in result.out + result.err
    reach = {r["id"]: r for r in json.loads(result.out)["results"]}["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("proxy", error)
    assert str(answer) in reach["message"]


def test_socks_proxy_is_refused_as_input(cli: Cli) -> None:
    result = cli("status", "--url", f"https://{HOST}", "--proxy", "socks5://127.0.0.1:1080")
    assert result.code == 2
    assert "not supported" in result.err


# --------------------------------------------------------------------------- platforms and products


def test_auto_falls_back_to_the_page_itself(cli: Cli, dns: DnsServer) -> None:
    routes = {"/": Route(body="<html>Acme status</html>", content_type="text/html")}
    with http_server(routes) as page:
        code, results, _ = status(cli, dns, "--url", page.url(HOST, "/"))
    assert code == 0
    assert results["ST001"]["status"] == "pass"
    assert results["ST001"]["data"]["platform"] == "generic"
    assert results["ST002"]["status"] == "skip"
    assert "not a Statuspage page" in results["ST002"]["message"]


def write_profile(
    folder: Path, profile_id: str, page: str, platform: str, api_url: str = ""
) -> None:
    api = f'api_url = "{api_url}"\n' if api_url else ""
    (folder / f"{profile_id}.toml").write_text(
        f'id = "{profile_id}"\nname = "{profile_id} (test)"\n\n'
        f'[status_page]\nurl = "{page}"\nplatform = "{platform}"\n{api}',
        encoding="utf-8",
    )


def test_no_product_checks_every_profile_with_a_status_page(
    cli: Cli, dns: DnsServer, tmp_path: Path
) -> None:
    overall = {"status": "Operational", "status_code": 100}
    statusio = {"result": {"status_overall": overall, "status": [], "incidents": []}}
    routes = {
        SUMMARY: Route(body=statuspage_summary()),
        "/mimecast": Route(body="<html>ok</html>", content_type="text/html"),
        "/api/status": Route(body=statusio),
    }
    with http_server(routes) as page:
        # Replace the bundled profiles that have a status page with loopback copies.
        setd, mimecast = "cisco-secure-email-threat-defense", "mimecast-secure-messaging"
        write_profile(tmp_path, setd, page.url(HOST, ""), "statuspage")
        write_profile(tmp_path, "cisco-secure-endpoint", page.url(HOST, ""), "statuspage")
        api = page.url("api.acme.test", "/api/status")
        write_profile(tmp_path, mimecast, page.url(HOST, "/mimecast"), "statusio", api)
        result = cli("status", "--nameserver", dns.address, "--format", "json",
                     "--profiles-dir", str(tmp_path))  # fmt: skip
    assert result.code == 0, result.out
    results = json.loads(result.out)["results"]
    seen = {(r["id"], r["data"]["product"], r["status"]) for r in results}
    assert seen == {
        ("ST001", "cisco-secure-email-threat-defense", "pass"),
        ("ST002", "cisco-secure-email-threat-defense", "pass"),
        ("ST001", "cisco-secure-endpoint", "pass"),
        ("ST002", "cisco-secure-endpoint", "pass"),
        ("ST001", "mimecast-secure-messaging", "pass"),
        ("ST002", "mimecast-secure-messaging", "pass"),
    }
    for item in results:
        assert {"product", "url", "indicator"} <= set(item["data"])


def test_explicit_statuspage_with_a_block_page(cli: Cli, dns: DnsServer, tmp_path: Path) -> None:
    routes = {
        SUMMARY: Route(body="<html>Access denied by web filter</html>", content_type="text/html")
    }
    with http_server(routes) as page:
        write_profile(tmp_path, "acme-mail", page.url(HOST, ""), "statuspage")
        _, results, _ = status(cli, dns, "acme-mail", "--profiles-dir", str(tmp_path))
    reach = results["ST001"]
    assert (reach["data"]["phase"], reach["data"]["error"]) == ("content", "unexpected-body")
    assert "Access denied" in reach["message"]
    assert "emailsec-check status acme-mail" in reach["hint"]


def test_unknown_product_exits_2(cli: Cli) -> None:
    result = cli("status", "no-such-product")
    assert result.code == 2
    assert result.out == ""
    assert "unknown product 'no-such-product'" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_product_without_a_status_page_is_skipped(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "acme-mail.toml").write_text('id = "acme-mail"\nname = "Acme Mail"\n')
    result = cli("status", "acme-mail", "--profiles-dir", tmp_path, "--format", "json")
    assert result.code == 0
    (only,) = json.loads(result.out)["results"]
    assert (only["id"], only["status"]) == ("ST001", "skip")


def test_pages_are_probed_concurrently(cli: Cli, dns: DnsServer) -> None:
    routes = {f"/page{n}{SUMMARY}": Route(body=statuspage_summary(), delay=1.0) for n in range(20)}
    with http_server(routes) as page:
        urls = [arg for n in range(20) for arg in ("--url", page.url(HOST, f"/page{n}"))]
        code, _, seconds = status(cli, dns, *urls, "--timeout", "30")
    assert code == 0
    assert seconds < 10  # one after the other would take 20 s
