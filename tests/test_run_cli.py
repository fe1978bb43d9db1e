"""``emailsec-check run`` end to end: config, built-in default, deadline, formats, cron output.

Every network test points ``--nameserver`` at the loopback DNS server, so no look-up
or connection leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Cli
from tests.servers.dns_server import DnsServer, dns_server
from tests.servers.http_server import Route, http_server, statuspage_summary

HOST = "status.acme.test"


@pytest.fixture(autouse=True)
def no_proxies_no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    # No ./emailsec-check.toml and no user config: the built-in default applies.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def dns() -> Iterator[DnsServer]:
    with dns_server({HOST: {"A": ["127.0.0.1"]}, "silent.acme.test": "drop"}) as server:
        yield server


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def acme_profile(folder: Path, status_url: str) -> Path:
    write(
        folder / "acme-mail.toml",
        f"""
id = "acme-mail"
name = "Acme Mail"

[status_page]
url = "{status_url}"
platform = "statuspage"

[[regions]]
id = "north"
name = "North"
console_hosts = ["console.north.acme.example"]

[[regions]]
id = "south"
name = "South"
console_hosts = ["console.south.acme.example"]
""",
    )
    return folder


def results_by_id(out: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for result in json.loads(out)["results"]:
        grouped.setdefault(result["id"], []).append(result)
    return grouped


def test_no_config_and_no_network_ends_in_time_and_says_so(cli: Cli, tmp_path: Path) -> None:
    # A DNS server that never answers stands for a machine with no network at all.
    with dns_server({}, default="drop") as silent:
        started = time.monotonic()
        result = cli("run", "--nameserver", silent.address, "--timeout", "1", "--format", "json")
        elapsed = time.monotonic() - started
    assert elapsed < 5  # every page is bounded by --timeout, and they are probed together
    assert result.code == 1
    grouped = results_by_id(result.out)
    bundled_pages = 3  # SETD and Secure Endpoint (Statuspage), Mimecast (Status.io)
    assert len(grouped["ST001"]) == bundled_pages
    for reach in grouped["ST001"]:
        assert reach["status"] == "fail"
        assert reach["data"]["indicator"] is None
    for report in grouped["ST002"]:
        assert report["status"] == "skip"  # could not read is never a fail of the vendor


def test_no_config_text_names_what_could_not_be_reached(cli: Cli, dns: DnsServer) -> None:
    result = cli("run", "--nameserver", dns.address, "--timeout", "1")
    assert result.code == 1
    assert "status page not reachable" in result.out
    assert "ciscosecureemailthreatdefense.statuspage.io" in result.out
    assert result.err == ""


def test_config_runs_every_area_in_one_report(cli: Cli, dns: DnsServer, tmp_path: Path) -> None:
    with http_server({"/api/v2/summary.json": Route(body=statuspage_summary())}) as page:
        acme_profile(tmp_path / "profiles", page.url(HOST))
        config = write(
            tmp_path / "acme.toml",
            f"""
[settings]
timeout = 2
nameservers = ["{dns.address}"]
profiles_dirs = ["profiles"]

[status]
products = ["acme-mail"]

[[datacenter]]
url = "https://console.north.acme.example/"
expect = "north"

[[datacenter]]
url = "https://console.south.acme.example/"
""",
        )
        result = cli("run", config, "--format", "json")
    assert result.err == ""
    grouped = results_by_id(result.out)
    assert grouped["ST001"][0]["status"] == "pass"
    assert grouped["ST002"][0]["data"]["indicator"] == "none"
    assert [r["data"]["region"] for r in grouped["DC001"]] == ["north", "south"]
    assert grouped["DC004"][0]["status"] == "pass"
    assert grouped["DC005"][0]["status"] == "hint"  # one product in two regions
    assert result.code == 0
    assert cli("run", config, "--strict", "--format", "json").code == 1


def test_deadline_bounds_the_whole_run(cli: Cli, dns: DnsServer, tmp_path: Path) -> None:
    profiles = acme_profile(tmp_path / "profiles", "https://silent.acme.test/")
    started = time.monotonic()
    result = cli(
        "run", "--profiles-dir", profiles, "--nameserver", dns.address,
        "--timeout", "30", "--deadline", "1", "--format", "json",
    )  # fmt: skip
    assert time.monotonic() - started < 6
    skip = results_by_id(result.out)["ST900"][0]
    assert skip["status"] == "skip"
    assert "deadline of 1 s" in skip["message"]
    assert skip["data"] == {"deadline": 1.0, "product": None, "url": None, "indicator": None}


def test_select_ignore_and_quiet(cli: Cli, dns: DnsServer, tmp_path: Path) -> None:
    config = write(
        tmp_path / "c.toml",
        """
[status]
enabled = false

[[datacenter]]
url = "https://console.eu.amp.cisco.com/"

[[datacenter]]
url = "https://console.amp.cisco.com.evil.example/"
""",
    )
    everything = results_by_id(cli("run", config, "--format", "json").out)
    assert set(everything) == {"DC001", "DC002"}
    only = results_by_id(cli("run", config, "--select", "DC001", "--format", "json").out)
    assert set(only) == {"DC001"}
    ignored = cli("run", config, "--ignore", "DC002", "--format", "json")
    assert set(results_by_id(ignored.out)) == {"DC001"}
    assert ignored.code == 0
    quiet = cli("run", config, "--quiet")
    assert "DC002" in quiet.out
    assert "DC001" not in quiet.out
    assert "1 pass" in quiet.out  # the summary still counts what --quiet hides


def test_unknown_check_in_select_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "[status]\nenabled = false\n")
    result = cli("run", config, "--select", "XX9")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "XX9" in result.err
    bad = write(tmp_path / "bad.toml", "[settings]\nignore = ['NOPE1']\n")
    result = cli("run", bad)
    assert result.code == 2
    assert f"{bad}:2: settings.ignore:" in result.err


def test_config_errors_name_file_line_and_key(cli: Cli, tmp_path: Path) -> None:
    config = write(tmp_path / "c.toml", "[status]\nenabled = false\n\n[[datacenter]]\nurl = 3\n")
    result = cli("run", config)
    assert result.code == 2
    assert (
        result.err
        == f"emailsec-check: error: {config}:5: datacenter[0].url: must be a string, not a number\n"
    )


def test_config_found_from_environment_and_working_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = '[status]\nenabled = false\n\n[[datacenter]]\nurl = "{url}"\n'
    local = write(
        tmp_path / "emailsec-check.toml", body.format(url="https://console.amp.cisco.com/")
    )
    named = write(tmp_path / "named.toml", body.format(url="https://console.eu.amp.cisco.com/"))
    result = cli("run", "--format", "json")
    assert results_by_id(result.out)["DC001"][0]["data"]["region"] == "americas"
    result = cli("run", "--format", "json", env={"EMAILSEC_CHECK_CONFIG": str(named)})
    assert results_by_id(result.out)["DC001"][0]["data"]["region"] == "europe"
    assert local.exists()


def test_prometheus_output_for_the_textfile_collector(cli: Cli, tmp_path: Path) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    config = write(
        tmp_path / "c.toml",
        '[status]\nenabled = false\n\n[[datacenter]]\nurl = "https://console.amp.cisco.com/"\n',
    )
    target = tmp_path / "textfile" / "emailsec_check.prom"
    target.parent.mkdir()
    result = cli("run", config, "--format", "prometheus", "--output", target)
    assert result.code == 0
    assert result.out == ""
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
    families = {f.name: f for f in text_string_to_metric_families(target.read_text())}
    assert "emailsec_check_result" not in families  # no subjects unless asked for
    sample = families["emailsec_check_results"].samples[0]
    assert sample.labels == {"id": "DC001", "area": "datacenter", "status": "pass", "group": ""}
    assert sample.timestamp is None
    assert families["emailsec_check_last_run_timestamp_seconds"].samples[0].value > 1.7e9
    assert "emailsec_check_run_duration_seconds" in families
    counts = {s.labels["status"]: s.value for s in families["emailsec_check_results"].samples}
    assert counts == {"pass": 1, "hint": 0, "fail": 0, "skip": 0}


def test_junit_for_ci_validates(cli: Cli, tmp_path: Path) -> None:
    import xmlschema

    config = write(
        tmp_path / "c.toml",
        '[status]\nenabled = false\n\n[[datacenter]]\nurl = "https://console.amp.cisco.com.x.example/"\n',
    )
    result = cli("run", config, "--format", "junit")
    assert result.code == 1
    schema = xmlschema.XMLSchema(str(REPO / "tests" / "data" / "junit.xsd"))
    schema.validate(result.out)
    assert "<failure" in result.out


def test_example_organisation_shows_every_area(cli: Cli, dns: DnsServer) -> None:
    example = REPO / "examples" / "acme" / "emailsec-check.toml"
    before = {p: p.read_bytes() for p in example.parent.rglob("*") if p.is_file()}
    result = cli("run", example, "--nameserver", dns.address, "--timeout", "1", "--format", "json")
    assert result.err == ""
    document = json.loads(result.out)
    areas = {r["area"] for r in document["results"]}
    assert areas == {"status", "datacenter", "identities", "request"}
    assert result.code == 1
    after = {p: p.read_bytes() for p in example.parent.rglob("*") if p.is_file()}
    assert after == before  # the user's files are read, never rewritten
