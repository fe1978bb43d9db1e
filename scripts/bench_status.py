"""How long ``status`` takes for 1 page and for many, each answering after a fixed latency.

Serves a Statuspage summary on loopback under N host names (answered by a loopback DNS
server, so every page costs a look-up and a connection, as real ones do), waiting
``--latency`` seconds before each answer, and times ``check_status_pages`` for 1 page
(the baseline) and for N pages in the same run. The servers run in their own
processes so their work is not counted against the probes. Pages are probed
concurrently, so the goal is a ratio of at most 2.

    python scripts/bench_status.py [--pages 50] [--latency 0.2] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from emailsec_check.checks.status import (
    PAGE_CONCURRENCY,
    StatusTarget,
    check_status_pages,
)
from emailsec_check.model import Status
from emailsec_check.net.settings import NetSettings
from tests.servers.dns_server import dns_server
from tests.servers.http_server import Route, http_server, statuspage_summary

_SPAWN = multiprocessing.get_context("spawn")


def _serve_dns(names: list[str], conn: Connection) -> None:
    with dns_server({name: {"A": ["127.0.0.1"]} for name in names}) as server:
        conn.send(server.address)
        conn.recv()


def _serve_pages(latency: float, conn: Connection) -> None:
    route = Route(body=statuspage_summary(), delay=latency)
    with http_server({"/api/v2/summary.json": route}) as server:
        conn.send(server.port)
        conn.recv()


@contextmanager
def _child(target: Callable[..., None], argument: Any) -> Iterator[Any]:
    """Run a server in its own process; yields what it sends once listening."""
    parent, child = _SPAWN.Pipe()
    process = _SPAWN.Process(target=target, args=(argument, child), daemon=True)
    process.start()
    try:
        yield parent.recv()
    finally:
        parent.send("stop")
        process.join(timeout=5)


def timed(targets: list[StatusTarget], settings: NetSettings) -> float:
    started = time.perf_counter()
    results = asyncio.run(check_status_pages(targets, settings))
    seconds = time.perf_counter() - started
    broken = [r for r in results if r.status is not Status.PASS]
    if broken:
        raise SystemExit(f"bench: a page did not pass: {broken[0].message}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50, help="pages in the big run (50)")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds each page waits (0.2)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each size; the median counts"
    )
    args = parser.parse_args()

    names = [f"page-{number}.bench.test" for number in range(args.pages)]
    with _child(_serve_dns, names) as nameserver, _child(_serve_pages, args.latency) as port:
        settings = NetSettings(
            timeout=30.0, nameservers=(nameserver,), concurrency=PAGE_CONCURRENCY
        )
        targets = [StatusTarget(f"http://{name}:{port}", "statuspage") for name in names]
        timed(targets[:1], settings)  # warm-up: imports, first connections
        one: list[float] = []
        many: list[float] = []
        for _ in range(args.repeat):  # interleaved, so a slow moment hits both sizes
            one.append(timed(targets[:1], settings))
            many.append(timed(targets, settings))

    baseline, big = statistics.median(one), statistics.median(many)
    print(f"latency per page {args.latency:.3f} s, concurrency limit {PAGE_CONCURRENCY}, "
          f"median of {args.repeat} runs")  # fmt: skip
    print(f"pages=1 (baseline): {baseline:.3f} s")
    print(f"pages={args.pages}: {big:.3f} s")
    print(f"ratio: {big / baseline:.2f} (goal: at most 2)")


if __name__ == "__main__":
    main()
