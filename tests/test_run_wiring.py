"""``run`` wiring: config blocks named in the report, names checked before anything runs,
Entra ID as the expected side of an identities block, regions taken from console URLs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli
from tests.servers.graph_server import TENANT_DOMAIN, fake_graph, make_user


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _results(out: str) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = json.loads(out)["results"]
    return results


def test_each_block_name_is_the_group_of_its_results(cli: Cli, tmp_path: Path) -> None:
    config = _write(
        tmp_path / "c.toml",
        """
[[datacenter]]
name = "EU console"
url = "https://console.eu.amp.cisco.com/"
expect = "emea"

[[datacenter]]
url = "https://console.amp.cisco.com/"
""",
    )
    result = cli("run", config, "--format", "json")
    assert result.code == 0, result.err
    results = _results(result.out)
    grouped = {r["subject"]: r.get("group") for r in results if r["id"] == "DC001"}
    assert grouped == {
        "https://console.eu.amp.cisco.com/": "EU console",
        "https://console.amp.cisco.com/": None,
    }
    # A config with no [status] table checks no status page.
    assert not [r for r in results if r["area"] == "status"]
    # Two regions of one product, judged once over both blocks.
    assert [r["status"] for r in results if r["id"] == "DC005"] == ["hint"]


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("[[datacenter]]\nurl = 'https://console.amp.cisco.com/'\nexpect = 'mars'\n", "expect", 3),
        (
            "\n[[identities]]\nconfigured = 'a.csv'\nexpected = 'b.csv'\nproduct = 'nope'\n",
            "product",
            5,
        ),
        ("[status]\nproducts = ['cisco-secure-endpoint']\nregions = ['atlantis']\n", "regions", 3),
    ],
)
def test_unknown_names_in_a_config_are_exit_2_with_file_and_line(
    cli: Cli, tmp_path: Path, text: str, key: str, line: int
) -> None:
    config = _write(tmp_path / "bad.toml", text)
    result = cli("run", config, "--format", "json")
    assert result.code == 2
    assert result.out == ""
    assert f"bad.toml:{line}: " in result.err and key in result.err


def test_entra_group_as_the_expected_side(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [make_user(1), make_user(2), make_user(3, accountEnabled=False)]
    configured = _write(
        tmp_path / "logins.csv",
        f"Email\nuser1@{TENANT_DOMAIN}\nuser3@{TENANT_DOMAIN}\nstranger@{TENANT_DOMAIN}\n",
    )
    with fake_graph(people) as graph:
        monkeypatch.setenv("EMAILSEC_CHECK_GRAPH_TOKEN", "test-token-not-secret")
        config = _write(
            tmp_path / "c.toml",
            f"""
[settings]
graph_url = "{graph.url}"

[[identities]]
name = "Tenant"
configured = "{configured.name}"
expected = "entra:"
dns = false
""",
        )
        result = cli("run", config, "--format", "json")
    assert result.code == 1, result.err
    results = _results(result.out)
    assert {r.get("group") for r in results} == {"Tenant"}
    by_check = {(r["id"], r["data"].get("email")): r["status"] for r in results}
    assert by_check[("ID001", f"user1@{TENANT_DOMAIN}")] == "pass"
    assert by_check[("ID001", f"stranger@{TENANT_DOMAIN}")] == "fail"
    assert by_check[("ID010", f"user3@{TENANT_DOMAIN}")] == "fail"  # a leaver's login
    assert "test-token-not-secret" not in result.out + result.err


def test_identities_command_reads_entra_like_run_does(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured = _write(tmp_path / "logins.csv", f"Email\nuser1@{TENANT_DOMAIN}\n")
    with fake_graph([make_user(1), make_user(2)]) as graph:
        monkeypatch.setenv("EMAILSEC_CHECK_GRAPH_TOKEN", "test-token-not-secret")
        monkeypatch.setenv("EMAILSEC_CHECK_GRAPH_URL", graph.url)
        result = cli("identities", configured, "entra:", "--no-dns", "--format", "json")
    assert result.code == 0, result.err
    statuses = {(r["id"], r["data"].get("email")): r["status"] for r in _results(result.out)}
    assert statuses[("ID001", f"user1@{TENANT_DOMAIN}")] == "pass"


def test_output_naming_an_input_file_is_refused_and_the_file_kept(cli: Cli, tmp_path: Path) -> None:
    configured = _write(tmp_path / "logins.csv", "Email\njane@acme.example\n")
    expected = _write(tmp_path / "people.csv", "userPrincipalName\njane@acme.example\n")
    before = expected.read_bytes()
    result = cli("identities", configured, expected, "--no-dns", "-o", expected)
    assert result.code == 2
    assert "would replace your input file" in result.err
    assert expected.read_bytes() == before


def test_config_state_and_fail_on_skip(cli: Cli, tmp_path: Path) -> None:
    export = _write(tmp_path / "logins.csv", "Email\njane@acme.example\n")
    people = _write(tmp_path / "people.csv", "userPrincipalName\njane@acme.example\n")
    config = _write(
        tmp_path / "c.toml",
        f"""
[settings]
state = "state.json"

[[identities]]
configured = "{export.name}"
expected = "{people.name}"
dns = false
""",
    )
    first = cli("run", config, "--format", "json")
    assert first.code == 0, first.err
    assert (tmp_path / "state.json").is_file()  # relative to the config file
    assert {r["change"] for r in _results(first.out)} == {"new"}
    again = cli("run", config, "--format", "json")
    assert {r["change"] for r in _results(again.out)} == {"same"}

    # Nothing decided (every result a skip): fail_on_skip makes cron notice.
    skipped = _write(
        tmp_path / "skip.toml",
        "[settings]\nfail_on_skip = true\n[status]\nproducts = []\nurls = []\n",
    )
    result = cli("run", skipped, "--format", "json")
    assert json.loads(result.out)["decided"] is False
    assert result.code == 1


def test_the_readme_shows_the_example_config_as_it_is() -> None:
    from tests.conftest import REPO

    example = (REPO / "examples" / "acme" / "emailsec-check.toml").read_text(encoding="utf-8")
    assert f"```toml\n{example}```" in (REPO / "README.md").read_text(encoding="utf-8")


def test_two_thousand_domains_behind_a_dead_resolver_end_near_one_timeout(
    cli: Cli, tmp_path: Path
) -> None:
    import time

    from tests.servers.dns_server import dns_server

    logins = "".join(f"user@domain{n}.example\n" for n in range(2000))
    configured = _write(tmp_path / "logins.csv", "Email\n" + logins)
    expected = _write(tmp_path / "people.csv", "userPrincipalName\n" + logins)
    with dns_server({}, default="drop") as dead:
        started = time.monotonic()
        result = cli(
            "identities", configured, expected, "--nameserver", dead.address,
            "--timeout", "1", "--format", "json",
        )  # fmt: skip
        elapsed = time.monotonic() - started
    # A hang check, not a speed test: 2,000 look-ups one after another would take 2,000 s.
    assert elapsed < 30
    domains = [r for r in _results(result.out) if r["id"] == "ID009"]
    assert len(domains) == 2000
    assert {r["status"] for r in domains} == {"skip"}  # could not check, not a failure
    assert result.code == 0, result.err


def test_identities_exports_that_cannot_be_read_are_exit_2_naming_the_file(
    cli: Cli, tmp_path: Path
) -> None:
    people = _write(tmp_path / "people.csv", "userPrincipalName\njane@acme.example\n")
    bomless = tmp_path / "unicode.csv"
    bomless.write_bytes("Email\njane@acme.example\n".encode("utf-16-le"))
    result = cli("identities", bomless, people, "--no-dns")
    assert result.code == 2
    assert "unicode.csv" in result.err and "UTF-16 without a byte-order mark" in result.err

    huge = tmp_path / "users.json"
    huge.write_text('{"users": [{"email": "jane@acme.example", "n": ' + "9" * 5000 + "}]}")
    result = cli("identities", huge, people, "--no-dns")
    assert result.code == 2
    assert "users.json" in result.err and "digits" in result.err


def test_a_directory_that_cannot_be_read_stops_the_run_before_any_mx_lookup(
    cli: Cli, tmp_path: Path
) -> None:
    """The mail domains are looked up after the directory is read; when that read fails,
    the error comes at once and no look-up is sent (a dead resolver would hold them for
    the whole timeout)."""
    import time

    from tests.servers.dns_server import dns_server

    logins = "".join(f"user@domain{n}.example\n" for n in range(50))
    configured = _write(tmp_path / "logins.csv", "Email\n" + logins)
    unreadable = tmp_path / "people.csv"
    unreadable.write_bytes("userPrincipalName\njane@acme.example\n".encode("utf-16-le"))
    with dns_server({}, default="drop") as dead:
        started = time.monotonic()
        result = cli(
            "identities", configured, unreadable, "--nameserver", dead.address,
            "--timeout", "60",
        )  # fmt: skip
        assert result.code == 2
        assert "people.csv" in result.err
        assert time.monotonic() - started < 30  # not the 60 s of the look-ups
        assert sum(dead.queries.values()) == 0
