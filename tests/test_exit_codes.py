"""Exit statuses exactly as the contract says, and one stderr line for anything unusable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from emailsec_check import __version__
from emailsec_check.cli import main
from emailsec_check.errors import InputError
from tests.conftest import REPO, Cli, CliResult

GENUINE = "https://console.eu.amp.cisco.com/"
HINTED = "http://console.eu.amp.cisco.com/"
FAILING = "https://console.eu.amp.cisco.com.evil.example/"
SKIPPED = "https://sign-on.security.cisco.com/"


def _one_error_line(result: CliResult, code: int = 2) -> str:
    assert result.code == code
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("emailsec-check: error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("urls", "strict", "code"),
    [
        ([GENUINE], False, 0),
        ([GENUINE], True, 0),
        ([HINTED], False, 0),
        ([HINTED], True, 1),
        ([SKIPPED], False, 0),
        ([SKIPPED], True, 0),
        ([FAILING], False, 1),
        ([GENUINE, FAILING], False, 1),
        ([GENUINE, SKIPPED], True, 0),
    ],
)
def test_zero_one_by_the_contract(cli: Cli, urls: list[str], strict: bool, code: int) -> None:
    args = ["datacenter", *urls, *(["--strict"] if strict else [])]
    for fmt in ("text", "json", "junit", "prometheus", "markdown"):
        result = cli(*args, "--format", fmt)
        assert result.code == code, (fmt, result.err)
        assert result.err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["datacenter", GENUINE, "--format", "xml"],
        ["datacenter", GENUINE, "--bogus"],
        ["datacenter"],
        ["nonsense"],
        ["explain", "DC001", "extra"],
        ["datacenter", GENUINE, "--expect"],
        ["profiles", "--json", "--json=3"],
    ],
)
def test_bad_options_are_one_line_and_exit_2(cli: Cli, args: list[str]) -> None:
    line = _one_error_line(cli(*args))
    assert "--help" in line  # says where to read more


def test_format_is_case_insensitive(cli: Cli) -> None:
    assert cli("datacenter", GENUINE, "--format", "JSON").code == 0


def test_unknown_check_id_for_explain(cli: Cli) -> None:
    line = _one_error_line(cli("explain", "ZZ999"))
    assert "ZZ999" in line


def test_explain_knows_ids_in_any_case(cli: Cli) -> None:
    result = cli("explain", "dc001")
    assert result.code == 0
    assert result.out.startswith("DC001: ")


def test_unknown_profile(cli: Cli) -> None:
    line = _one_error_line(cli("profiles", "no-such-product"))
    assert "no-such-product" in line
    assert "cisco-secure-endpoint" in line  # names the known ones


def test_unknown_expected_region(cli: Cli) -> None:
    line = _one_error_line(cli("datacenter", GENUINE, "--expect", "mars"))
    assert "mars" in line and "europe" in line


def test_no_command_shows_the_help_and_exits_2(cli: Cli) -> None:
    result = cli()
    assert result.code == 2
    assert "Usage: emailsec-check" in result.err
    assert "datacenter" in result.err
    assert "error:" not in result.err


def test_help_and_version_exit_0(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0 and "datacenter" in result.out
    result = cli("datacenter", "--help")
    assert result.code == 0 and "--expect" in result.out
    result = cli("--version")
    assert result.code == 0 and result.out.strip() == f"emailsec-check {__version__}"


def test_unexpected_exception_is_one_line_exit_70(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nwith a second line\x1b[31m")

    monkeypatch.setattr("emailsec_check.checks.datacenter.check_urls", explode)
    monkeypatch.delenv("EMAILSEC_CHECK_DEBUG", raising=False)
    line = _one_error_line(cli("datacenter", GENUINE), code=70)
    assert "internal error (RuntimeError: boom with a second line\\x1b[31m)" in line
    assert "EMAILSEC_CHECK_DEBUG=1" in line


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("emailsec_check.checks.datacenter.check_urls", explode)
    monkeypatch.setenv("EMAILSEC_CHECK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["datacenter", GENUINE])


def test_input_error_message_stays_on_one_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise InputError("bad\nvalue", path="/tmp/x.toml", line=3, key="regions")

    monkeypatch.setattr("emailsec_check.commands.datacenter.profiles", refuse)
    line = _one_error_line(cli("datacenter", GENUINE))
    assert line == "emailsec-check: error: /tmp/x.toml:3: regions: bad value"


def test_interrupt_is_not_a_traceback(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("emailsec_check.checks.datacenter.check_urls", interrupt)
    result = cli("datacenter", GENUINE)
    assert result.code == 130
    assert "Traceback" not in result.err


# --------------------------------------------------------------------------- a real process


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    env.pop("EMAILSEC_CHECK_PROFILES", None)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "emailsec_check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        **kwargs,
    )


def test_process_exit_statuses() -> None:
    assert _run("datacenter", GENUINE).returncode == 0
    assert _run("datacenter", FAILING).returncode == 1
    bad = _run("datacenter", GENUINE, "--format", "xml")
    assert bad.returncode == 2
    assert len(bad.stderr.splitlines()) == 1


def test_undecodable_argument_bytes_are_no_crash() -> None:
    # A UTF-8 console that refuses what is not UTF-8 (argv still decodes bytes to surrogates).
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "PYTHONPATH": str(REPO),
        "PYTHONIOENCODING": "utf-8:strict",
    }
    for fmt in ("text", "json", "junit", "prometheus", "markdown"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "emailsec_check",
                "datacenter",
                b"https://x\xff.example/",
                "-f",
                fmt,
            ],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1, (fmt, done.stderr)
        assert done.stderr == b""


def test_closed_pipe_keeps_the_exit_status() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-m", "emailsec_check", "datacenter", FAILING],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("urls", "code"),
    [([SKIPPED], 1), ([GENUINE, SKIPPED], 0), ([GENUINE], 0), ([FAILING, SKIPPED], 1)],
)
def test_fail_on_skip_exits_1_when_nothing_was_decided(
    cli: Cli, urls: list[str], code: int
) -> None:
    for fmt in ("text", "json", "junit", "prometheus", "markdown"):
        result = cli("datacenter", *urls, "--fail-on-skip", "--format", fmt)
        assert result.code == code, (fmt, result.err)
    assert cli("datacenter", SKIPPED).code == 0  # without the option: nothing failed


def test_nothing_checked_is_said_in_the_summary(cli: Cli) -> None:
    result = cli("datacenter", SKIPPED)
    assert "(nothing could be checked, " in result.out
