"""The command line starts and the datacenter command answers."""

from __future__ import annotations

from tests.conftest import Cli


def test_datacenter_recognises_europe_console(cli: Cli) -> None:
    result = cli("datacenter", "https://console.eu.amp.cisco.com/")
    assert result.code == 0
    assert "Europe datacenter" in result.out
