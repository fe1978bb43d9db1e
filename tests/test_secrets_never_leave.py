"""Secrets typed into URLs never reach a report or stderr, in any format.

Users paste console URLs with a password in them, proxies with credentials, status
pages with a token in the query. Whatever the command and the format, what it prints
must not carry the secret (the one redactor, rules/redact.py, is applied everywhere).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Cli

FORMATS = ("text", "json", "junit", "markdown", "prometheus")


def _secrets(count: int) -> Iterator[str]:
    # Passwords of the shapes people use, the URL delimiters / ? # included.
    shapes = ("S3cr3t{n}PW", "pa/ss{n}word", "q?uery{n}pw", "hash#{n}tag", "Tok{n}en-AbCdEf")
    for n in range(count):
        yield shapes[n % len(shapes)].format(n=n)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _check(cli: Cli, secret: str, *args: str, formats: tuple[str, ...] = FORMATS) -> None:
    for fmt in formats:
        result = cli(*args, "--format", fmt)
        assert result.code in (0, 1, 2), (args, result.err)
        assert "Traceback" not in result.err
        assert secret not in result.out, (fmt, args)
        assert secret not in result.err, (fmt, args)


@pytest.mark.parametrize("secret", list(_secrets(60)))
def test_console_urls_with_a_password(cli: Cli, secret: str) -> None:
    for url in (
        f"https://admin:{secret}@console.eu.amp.cisco.com/",
        f"https://admin:{secret}@console.eu.amp.cisco.com.evil.example/",
        f"admin:{secret}@dashboard.etd.cisco.com",
        f"https://admin:{secret}@console.amp.cisco.com:99999/",
    ):
        _check(cli, secret, "datacenter", url)


def _one_format(secret: str) -> tuple[str, ...]:
    """A format per secret, in turn: every format is met, and the network tests stay short."""
    return (FORMATS[sum(map(ord, secret)) % len(FORMATS)],)


@pytest.mark.parametrize("secret", list(_secrets(25)))
def test_status_page_urls_with_credentials(cli: Cli, secret: str) -> None:
    port = _closed_port()
    for url in (
        f"http://admin:{secret}@127.0.0.1:{port}/",
        f"http://127.0.0.1:{port}/status?token={secret.replace('#', '').replace('?', '')}",
    ):
        planted = secret if "@" in url else secret.replace("#", "").replace("?", "")
        _check(
            cli,
            planted,
            "status",
            "--url",
            url,
            "--timeout",
            "1",
            "--deadline",
            "5",
            formats=_one_format(secret),
        )


@pytest.mark.parametrize("secret", list(_secrets(20)))
def test_proxy_with_credentials(cli: Cli, secret: str, tmp_path: Path) -> None:
    port = _closed_port()
    _check(
        cli,
        secret,
        "status",
        "--url",
        f"http://127.0.0.1:{port}/",
        "--proxy",
        f"http://alice:{secret}@127.0.0.1:{port}",
        "--timeout",
        "1",
        formats=_one_format(secret),
    )
    config = tmp_path / "c.toml"
    config.write_text(
        f'[settings]\nproxy = "http://alice:{secret}@proxy bad host"\n[status]\n', encoding="utf-8"
    )
    _check(cli, secret, "run", str(config))


@pytest.mark.parametrize("secret", ["S3cr3tPW", "pa/ss#w?rd", "TOKEN0123456789abcdef"])
def test_input_errors_never_echo_a_password(cli: Cli, secret: str) -> None:
    for args in (
        ("status", "--url", f"ftp://admin:{secret}@status.acme.example/"),
        ("status", "--url", f"https://admin:{secret}@bad host.example/"),
        ("status", "--proxy", f"socks5://admin:{secret}@proxy.acme.example", "cisco-amp"),
        ("datacenter", "--expect", "mars", f"https://admin:{secret}@console.amp.cisco.com/"),
    ):
        result = cli(*args)
        assert result.code == 2, (args, result.err)
        assert secret not in result.err and secret not in result.out, args
        assert result.err.startswith("emailsec-check: error: ")
