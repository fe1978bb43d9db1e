"""Figures for the hardened input and DNS layers (issue 11, items 2, 3 and 5/9).

Prints, each against its baseline:

- a 40 KB TOML file of ``a.a.a…=1`` 20,000 keys deep: the bounded reader's time to
  refuse it, and its peak memory, against plain ``tomllib`` parsing it (``--unbounded``
  runs that baseline too; it takes seconds and over a gigabyte);
- a large, legitimate TOML document: the bound scan's time against ``tomllib`` alone;
- a 40 MiB JSON export (200,000 users): the bound check's time against ``json.loads``;
- 2,000 MX look-ups at ``--timeout 1`` against a loopback DNS server that never
  answers: :func:`resolve_many`'s wall time and the queries the server received;
- a dead first nameserver and a live second one: the time to the answer.

    python scripts/bench_hardening.py
    python scripts/bench_hardening.py --unbounded    # also the plain tomllib baseline
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from emailsec_check import tomlcompat  # noqa: E402 - needs the repo on the path
from emailsec_check.errors import InputError  # noqa: E402
from emailsec_check.net.dns import Resolver  # noqa: E402
from emailsec_check.sources.documents import (  # noqa: E402
    Bounds,
    check_json_bounds,
    check_toml_bounds,
    parse_user_toml,
)
from tests.servers.dns_server import dns_server  # noqa: E402


def measured(action: Callable[[], Any]) -> tuple[float, float, str]:
    """Seconds, peak MiB allocated, and what happened."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        action()
        outcome = "parsed"
    except InputError as error:
        outcome = f"InputError: {error}"
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / (1 << 20)
    tracemalloc.stop()
    return seconds, peak, outcome


def deep_toml(unbounded: bool) -> None:
    text = "a" + ".a" * 20_000 + " = 1\n"
    seconds, peak, outcome = measured(lambda: parse_user_toml(text, "deep.toml"))
    print(f"deep dotted keys ({len(text):,} bytes), bounded: {seconds * 1000:.1f} ms,")
    print(f"  peak {peak:.2f} MiB traced -> {outcome}")
    if unbounded:
        seconds, peak, outcome = measured(lambda: tomlcompat.loads(text))
        print(f"  baseline tomllib alone: {seconds:.2f} s, peak {peak:.0f} MiB -> {outcome}")


def large_toml() -> None:
    text = "".join(
        f'[[identity]]\nemail = "user{n}@example.com"\nname = "User {n}"\nenabled = true\n'
        for n in range(20_000)
    )
    start = time.perf_counter()
    check_toml_bounds(text, "large.toml")
    scan = time.perf_counter() - start
    start = time.perf_counter()
    tomlcompat.loads(text)
    parse = time.perf_counter() - start
    print(
        f"legitimate TOML ({len(text) / (1 << 20):.1f} MiB): bound scan {scan * 1000:.0f} ms, "
        f"tomllib {parse * 1000:.0f} ms (scan adds {scan / parse:.0%})"
    )


def large_json() -> None:
    users = [
        {
            "id": str(n),
            "mail": f"user{n}@example.com",
            "displayName": f"User [{n}] M\u00fcller",
            "created": "2026-01-01T10:00:00Z",
            "groups": ["a", "b"],
            "manager": {"id": "m", "mail": "boss@example.com"},
        }
        for n in range(200_000)
    ]
    text = json.dumps({"value": users}, indent=1)
    start = time.perf_counter()
    check_json_bounds(text, "export.json", Bounds(keys=10**8))
    scan = time.perf_counter() - start
    start = time.perf_counter()
    json.loads(text)
    parse = time.perf_counter() - start
    print(
        f"JSON export ({len(text) / (1 << 20):.0f} MiB): bound check {scan * 1000:.0f} ms, "
        f"json.loads {parse * 1000:.0f} ms (check adds {scan / parse:.0%})"
    )


def dead_resolver() -> None:
    names = [f"d{n:05}.example" for n in range(2000)]
    with dns_server({}, default="drop") as dead:
        resolver = Resolver([dead.address], timeout=1)
        start = time.perf_counter()
        found = asyncio.run(resolver.mx_many(names))
        seconds = time.perf_counter() - start
        asked = sum(dead.queries.values())
    kinds = {outcome.kind.value for outcome in found.values()}
    print(
        f"2,000 MX look-ups, dead server, --timeout 1: {seconds:.2f} s "
        f"(baseline before: 111 s), {asked} queries sent, outcomes {sorted(kinds)}"
    )


def failover() -> None:
    zone: dict[str, Any] = {"good.example": {"MX": ["10 mx.good.example."]}}
    with dns_server({}, default="drop") as dead, dns_server(zone) as live:
        resolver = Resolver([dead.address, live.address], timeout=2)
        outcome = asyncio.run(resolver.mx("good.example"))
    print(
        f"dead first nameserver, live second, --timeout 2: {outcome.kind.value} "
        f"after {outcome.seconds:.2f} s (baseline before: timeout after 2 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unbounded", action="store_true", help="also run plain tomllib")
    args = parser.parse_args()
    deep_toml(args.unbounded)
    large_toml()
    large_json()
    dead_resolver()
    failover()


if __name__ == "__main__":
    main()
