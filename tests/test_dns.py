"""DNS: a second nameserver is tried when the first is dead, many look-ups stay near one
timeout, and a bad --nameserver is exit 2 naming the option."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.errors import InputError
from emailsec_check.net.dns import (
    DnsKind,
    DnsOutcome,
    Nameserver,
    Resolver,
    parse_nameserver,
    resolve_many,
)
from tests.conftest import Cli
from tests.servers.dns_server import DnsServer, dns_server

ZONE: dict[str, Any] = {"good.example": {"MX": ["10 mx1.good.example."]}}


@pytest.fixture
def dead_server() -> Iterator[DnsServer]:
    """A loopback DNS server that reads every query and never answers."""
    with dns_server({}, default="drop") as server:
        yield server


# --------------------------------------------------------------------------- failover


def test_a_dead_first_nameserver_leaves_time_for_the_second(dead_server: DnsServer) -> None:
    with dns_server(ZONE) as live:
        resolver = Resolver([dead_server.address, live.address], timeout=2)
        outcome = asyncio.run(resolver.mx("good.example"))
        assert live.queries[("good.example", "MX")] >= 1
    assert outcome.kind is DnsKind.ANSWER, outcome.detail
    assert [record.exchange for record in outcome.mx] == ["mx1.good.example"]
    assert dead_server.queries[("good.example", "MX")] >= 1  # asked first, in order


def test_a_refusing_first_nameserver_passes_on_to_the_second() -> None:
    with dns_server({}, default="refused") as refusing, dns_server(ZONE) as live:
        resolver = Resolver([refusing.address, live.address], timeout=2)
        outcome = asyncio.run(resolver.mx("good.example"))
    assert outcome.kind is DnsKind.ANSWER, outcome.detail


def test_all_servers_dead_is_a_timeout_within_the_whole_timeout(dead_server: DnsServer) -> None:
    with dns_server({}, default="drop") as also_dead:
        resolver = Resolver([dead_server.address, also_dead.address], timeout=1)
        outcome = asyncio.run(resolver.mx("good.example"))
        assert also_dead.queries[("good.example", "MX")] >= 1
    assert outcome.kind is DnsKind.TIMEOUT
    assert "within 1 s" in outcome.detail


# --------------------------------------------------------------------------- many look-ups


class FakeLookup:
    """An async look-up that times out (after ``delay``) for names in ``silent``."""

    def __init__(self, delay: float = 0.05, silent: set[str] | None = None) -> None:
        self.delay = delay
        self.silent = silent
        self.started: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0

    async def __call__(self, name: str) -> DnsOutcome:
        self.started.append(name)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        if self.silent is None or name in self.silent:
            return DnsOutcome(DnsKind.TIMEOUT, name, detail=f"no DNS answer for {name}")
        return DnsOutcome(DnsKind.NXDOMAIN, name, detail=f"{name} does not exist")


def domains(count: int) -> list[str]:
    return [f"d{number:05}.example" for number in range(count)]


def test_every_distinct_name_gets_its_outcome_in_order() -> None:
    names = ["b.example", "a.example", "b.example", "c.example"]
    lookup = FakeLookup(delay=0.0, silent=set())
    found = asyncio.run(resolve_many(names, lookup, concurrency=2))
    assert list(found) == ["b.example", "a.example", "c.example"]
    assert all(outcome.kind is DnsKind.NXDOMAIN for outcome in found.values())
    assert sorted(lookup.started) == ["a.example", "b.example", "c.example"]


def test_no_more_than_the_concurrency_in_flight() -> None:
    lookup = FakeLookup(delay=0.01, silent=set())
    asyncio.run(resolve_many(domains(300), lookup, concurrency=25))
    assert lookup.most_in_flight == 25


def test_thousands_of_dead_look_ups_stop_after_one_wave() -> None:
    lookup = FakeLookup(delay=0.05)  # every look-up times out
    found = asyncio.run(resolve_many(domains(2000), lookup, concurrency=200))
    assert len(found) == 2000
    assert all(outcome.kind is DnsKind.TIMEOUT for outcome in found.values())
    assert len(lookup.started) <= 2 * 200  # not 2,000 timeouts one after another
    not_sent = [o for o in found.values() if o.detail.startswith("not looked up")]
    assert len(not_sent) >= 2000 - 2 * 200
    assert "check --nameserver" in not_sent[0].detail


def test_answers_between_timeouts_keep_the_look_ups_going() -> None:
    names = domains(400)
    lookup = FakeLookup(delay=0.0, silent=set(names[::2]))  # every other one times out
    found = asyncio.run(resolve_many(names, lookup, concurrency=10))
    assert len(lookup.started) == 400
    assert sum(o.kind is DnsKind.NXDOMAIN for o in found.values()) == 200


def test_the_deadline_bounds_the_lot() -> None:
    slow = FakeLookup(delay=30.0, silent=set())
    found = asyncio.run(resolve_many(domains(5), slow, concurrency=2, deadline=0.2))
    assert all(outcome.kind is DnsKind.TIMEOUT for outcome in found.values())
    assert all("deadline of 0.2 s" in outcome.detail for outcome in found.values())


def test_two_thousand_domains_against_a_dead_server(dead_server: DnsServer) -> None:
    resolver = Resolver([dead_server.address], timeout=1)
    found = asyncio.run(resolver.mx_many(domains(2000)))
    assert len(found) == 2000
    assert all(outcome.kind is DnsKind.TIMEOUT for outcome in found.values())
    asked = sum(dead_server.queries.values())
    assert asked <= 2 * 200  # the rest were never sent: no flood of a dead resolver


# --------------------------------------------------------------------------- --nameserver


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", Nameserver("127.0.0.1", 53)),
        (" 127.0.0.1:5353 ", Nameserver("127.0.0.1", 5353)),
        ("::1", Nameserver("::1", 53)),
        ("[::1]:5300", Nameserver("::1", 5300)),
        ("[::1]", Nameserver("::1", 53)),
    ],
)
def test_good_nameservers(text: str, expected: Nameserver) -> None:
    assert parse_nameserver(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "127.0.0.1:70000",
        "127.0.0.1:0",
        "127.0.0.1:",
        "127.0.0.1:١٢",
        "127.0.0.1:dns",
        "[::1",
        "[::1]x",
        "https://127.0.0.1/",
        "user@127.0.0.1",
        "127.0.0.1/path",
        "not a server",
        "!!!",
        "a\x00b",
    ],
)
def test_bad_nameservers_name_the_option(text: str) -> None:
    with pytest.raises(InputError, match=r"^--nameserver") as caught:
        parse_nameserver(text)
    assert "\x00" not in str(caught.value)


def test_the_option_name_can_be_a_config_key() -> None:
    with pytest.raises(InputError, match=r"^settings\.nameservers '127\.0\.0\.1:0'"):
        parse_nameserver("127.0.0.1:0", option="settings.nameservers")


@pytest.mark.parametrize("value", ["127.0.0.1:70000", "127.0.0.1:0", "junk junk"])
def test_a_bad_nameserver_on_the_command_line_is_exit_2(
    cli: Cli, tmp_path: Path, value: str
) -> None:
    configured = tmp_path / "product.csv"
    configured.write_text("Email\nann@good.example\n", encoding="utf-8")
    expected = tmp_path / "people.csv"
    expected.write_text("email,provider\nann@good.example,Okta\n", encoding="utf-8")
    result = cli("identities", configured, expected, "--nameserver", value)
    assert result.code == 2, result.err
    assert "--nameserver" in result.err
    assert len(result.err.splitlines()) == 1


def _no_lookups(*args: Any, **kwargs: Any) -> Any:
    raise socket.gaierror(socket.EAI_NONAME, "not looked up in tests")


@settings(max_examples=500)
@given(st.text(max_size=60))
def test_any_text_is_a_nameserver_or_an_input_error(text: str) -> None:
    with mock.patch("socket.getaddrinfo", _no_lookups):
        try:
            server = parse_nameserver(text)
        except InputError as error:
            assert str(error).startswith("--nameserver")
        else:
            assert 0 < server.port < 65536
            assert server.address


def test_a_look_up_that_raises_is_not_swallowed() -> None:
    """A defect in a look-up is an internal error (exit 70), not a made-up outcome."""

    async def broken(name: str) -> DnsOutcome:
        raise RuntimeError(f"defect for {name}")

    with pytest.raises(RuntimeError, match="defect"):
        asyncio.run(resolve_many(domains(50), broken, concurrency=5))


def test_a_resolver_takes_nameservers_parsed_already() -> None:
    with dns_server(ZONE) as live:
        server = parse_nameserver(live.address, option="settings.nameservers")
        outcome = asyncio.run(Resolver([server], timeout=2).mx("good.example"))
    assert outcome.kind is DnsKind.ANSWER


@pytest.fixture(scope="module")
def answering_server() -> Iterator[DnsServer]:
    with dns_server(ZONE) as server:
        yield server


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=80))
def test_any_name_is_an_outcome_never_an_exception(answering_server: DnsServer, name: str) -> None:
    resolver = Resolver([answering_server.address], timeout=2)
    outcome = asyncio.run(resolver.mx(name))
    assert isinstance(outcome.kind, DnsKind)
    assert outcome.name == name


@pytest.mark.parametrize("behaviour", ["garbage", "truncated"])
def test_a_hostile_server_is_could_not_check(behaviour: str) -> None:
    with dns_server({}, default=behaviour) as server:
        outcome = asyncio.run(Resolver([server.address], timeout=1).mx("good.example"))
    assert not outcome.kind.is_answer, outcome
    assert outcome.detail


@pytest.mark.slow
def test_a_slow_first_server_still_counts_after_the_next_is_asked(dead_server: DnsServer) -> None:
    """The next server is asked when the first has used its share, but the first may still
    answer: a slow server is not thrown away for being slow."""
    slow_zone: dict[str, Any] = {"good.example": ("delay", 2.5, ZONE["good.example"])}
    with dns_server(slow_zone) as slow:
        resolver = Resolver([slow.address, dead_server.address], timeout=4)
        outcome = asyncio.run(resolver.mx("good.example"))
        assert dead_server.queries[("good.example", "MX")] >= 1  # asked after 2 s
    assert outcome.kind is DnsKind.ANSWER, outcome.detail


def test_a_failing_server_passes_on_at_once_and_all_failing_is_named() -> None:
    with dns_server({}, default="servfail") as failing, dns_server(ZONE) as live:
        resolver = Resolver([failing.address, live.address], timeout=60)
        outcome = asyncio.run(resolver.mx("good.example"))
        assert outcome.kind is DnsKind.ANSWER
        assert outcome.seconds < 30  # not after the first server's share of 30 s
        alone = asyncio.run(Resolver([failing.address], timeout=2).mx("good.example"))
    assert alone.kind is DnsKind.SERVFAIL
    assert failing.address in alone.detail
