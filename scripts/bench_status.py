"""How long ``status`` takes for many pages: all answering, or some of them hanging.

Serves a Statuspage summary on loopback under N host names (answered by a loopback DNS
server, so every page costs a look-up and a connection, as real ones do). The servers
run in their own processes so their work is not counted against the probes.

Two measurements:

- latency (default): every page answers after ``--latency`` seconds; times 1 page (the
  baseline) and N pages. Pages are probed concurrently, so the goal is a ratio of at
  most 2.
- hanging (``--hanging 0.25``): that share of the pages never answers; the run is bounded
  by ``--timeout`` per page. The goal is a wall time near one ``--timeout`` (at most 1.5x),
  every answering page passing and every hanging one a skip-free ST001 fail naming the
  timeout.

    python scripts/bench_status.py [--pages 50] [--latency 0.2] [--repeat 5]
    python scripts/bench_status.py --pages 300 --hanging 0.25 --timeout 3 [--concurrency 64]
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
    Platform,
    StatusTarget,
    check_status_pages,
)
from emailsec_check.model import Result, Status
from emailsec_check.net.prober import make_prober
from emailsec_check.net.settings import NetSettings
from tests.servers.dns_server import dns_server
from tests.servers.http_server import Route, http_server, statuspage_summary

_SPAWN = multiprocessing.get_context("spawn")
_HANG = "/hang"


def _serve_dns(names: list[str], conn: Connection) -> None:
    with dns_server({name: {"A": ["127.0.0.1"]} for name in names}) as server:
        conn.send(server.address)
        conn.recv()


def _serve_pages(latency: float, conn: Connection) -> None:
    routes = {
        "/api/v2/summary.json": Route(body=statuspage_summary(), delay=latency),
        f"{_HANG}/api/v2/summary.json": Route(body=statuspage_summary(), delay=3600.0),
    }
    with http_server(routes) as server:
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


def timed(
    targets: list[StatusTarget], settings: NetSettings, concurrency: int, deadline: float
) -> tuple[float, list[Result]]:
    async def check() -> list[Result]:
        prober = make_prober(settings)
        return await check_status_pages(
            targets, prober, timeout=settings.timeout, deadline=deadline, concurrency=concurrency
        )

    started = time.perf_counter()
    results = asyncio.run(check())
    return time.perf_counter() - started, results


def _latency(args: argparse.Namespace, targets: list[StatusTarget], settings: NetSettings) -> None:
    one: list[float] = []
    many: list[float] = []
    for _ in range(args.repeat):  # interleaved, so a slow moment hits both sizes
        for size, found in ((1, one), (len(targets), many)):
            seconds, results = timed(targets[:size], settings, args.concurrency, args.deadline)
            broken = [r for r in results if r.status is not Status.PASS]
            if broken:
                raise SystemExit(f"bench: a page did not pass: {broken[0].message}")
            found.append(seconds)
    baseline, big = statistics.median(one), statistics.median(many)
    print(f"latency per page {args.latency:.3f} s, concurrency limit {args.concurrency}, "
          f"median of {args.repeat} runs")  # fmt: skip
    print(f"pages=1 (baseline): {baseline:.3f} s")
    print(f"pages={len(targets)}: {big:.3f} s")
    print(f"ratio: {big / baseline:.2f} (goal: at most 2)")


def _hanging(args: argparse.Namespace, targets: list[StatusTarget], settings: NetSettings) -> None:
    hanging = {t.url for t in targets if t.url.endswith(_HANG)}
    urls = [t.url for t in targets]
    walls: list[float] = []
    for _ in range(args.repeat):
        seconds, results = timed(targets, settings, args.concurrency, args.deadline)
        walls.append(seconds)
        reach = [r for r in results if r.id == "ST001"]
        expected = {url: Status.FAIL if url in hanging else Status.PASS for url in urls}
        wrong = [r for r in reach if r.status is not expected[r.subject]]
        if wrong:
            raise SystemExit(f"bench: unexpected {wrong[0].status.value}: {wrong[0].message}")
    wall = statistics.median(walls)
    print(f"pages={len(targets)}, hanging={len(hanging)}, --timeout {args.timeout:g} s, "
          f"concurrency limit {args.concurrency}, median of {args.repeat} runs")  # fmt: skip
    print(f"wall time: {wall:.2f} s ({wall / args.timeout:.2f}x --timeout; goal: at most 1.5x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50, help="pages in the big run (50)")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds each page waits (0.2)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each size; the median counts"
    )
    parser.add_argument(
        "--hanging", type=float, default=0.0, help="share of pages that never answer (0)"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="--timeout per page (30)")
    parser.add_argument("--deadline", type=float, default=120.0, help="--deadline (120)")
    parser.add_argument(
        "--concurrency", type=int, default=PAGE_CONCURRENCY, help="pages read at once"
    )
    args = parser.parse_args()

    names = [f"page-{number}.bench.test" for number in range(args.pages)]
    every = round(1 / args.hanging) if args.hanging > 0 else 0
    with _child(_serve_dns, names) as nameserver, _child(_serve_pages, args.latency) as port:
        settings = NetSettings(timeout=args.timeout, nameservers=(nameserver,))
        targets = [
            StatusTarget(
                f"http://{name}:{port}" + (_HANG if every and n % every == 0 else ""),
                Platform.STATUSPAGE,
            )
            for n, name in enumerate(names)
        ]
        timed(targets[:1], settings, args.concurrency, args.deadline)  # warm-up
        if every:
            _hanging(args, targets, settings)
        else:
            _latency(args, targets, settings)


if __name__ == "__main__":
    main()
