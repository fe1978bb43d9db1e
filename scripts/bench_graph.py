"""Benchmark: 100,000 Entra ID users read through Graph vs the same users from a CSV file.

The bar (issue 10): the tool's own CPU time (user + system) reading 100,000 users in
101 pages from a loopback fake Graph is at most 1.5x that of reading the same users
from a CSV file with the csv module, and its memory stays under 300 MB.

How it is measured, so that nothing but the reading counts:
- The fake Graph (``tests/servers/graph_server.py``) runs in its own process, so its
  CPU is not ours; it is asked once before timing so that it has built its pages.
- Each reading runs in a fresh child process that imports what it needs first, then
  times the reading alone with ``time.process_time()`` (user + system CPU of the
  process) and reports its peak resident memory (``ru_maxrss``, the whole process).
- The import of the network layer (httpx, once per run) is timed apart and printed.
- The CSV reading builds the same records (Graph's field names, lists split on ";")
  with ``csv.DictReader``. Each side runs ``--rounds`` times; the least CPU counts.

Run from the repository root: ``python scripts/bench_graph.py`` (``--users``, ``--rounds``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from emailsec_check.sources.entra import USER_FIELDS  # noqa: E402

CPU_BAR = 1.5
MEMORY_BAR_MB = 300.0
LIST_FIELDS = ("otherMails", "proxyAddresses")
TOKEN = "bench-token"


def peak_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_graph(url: str) -> dict[str, Any]:
    loading = time.process_time()
    from emailsec_check.net import graph  # noqa: F401  (imported before the clock starts)

    imports = time.process_time() - loading
    from emailsec_check.net.settings import NetSettings
    from emailsec_check.sources.entra import parse_entra_spec, read_entra_users

    environ = {"EMAILSEC_CHECK_GRAPH_TOKEN": TOKEN, "EMAILSEC_CHECK_GRAPH_URL": url}
    started = time.process_time()
    users = read_entra_users(
        parse_entra_spec("entra:"), settings=NetSettings(timeout=60), environ=environ
    )
    cpu = time.process_time() - started
    return {"cpu": cpu, "imports": imports, "peak_mb": peak_mb(), "users": len(users)}


def child_csv(path: str) -> dict[str, Any]:
    started = time.process_time()
    users: list[dict[str, Any]] = []
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            record: dict[str, Any] = dict(row)
            for name in LIST_FIELDS:
                record[name] = row[name].split(";") if row[name] else []
            record["accountEnabled"] = row["accountEnabled"] == "true"
            users.append(record)
    cpu = time.process_time() - started
    return {"cpu": cpu, "peak_mb": peak_mb(), "users": len(users)}


def write_csv(path: Path, count: int) -> None:
    from tests.servers.graph_server import make_user

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(USER_FIELDS)
        for number in range(count):
            user = make_user(number)
            cells = []
            for name in USER_FIELDS:
                value = user[name]
                if isinstance(value, list):
                    value = ";".join(value)
                elif isinstance(value, bool):
                    value = "true" if value else "false"
                cells.append("" if value is None else str(value))
            writer.writerow(cells)


def run_child(kind: str, target: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, target],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def start_fake(count: int) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.servers.graph_server", "--users", str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert server.stdout is not None
    url = server.stdout.readline().strip()
    return server, url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "TARGET"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        kind, target = options.child
        print(json.dumps(child_graph(target) if kind == "graph" else child_csv(target)))
        return 0

    server, url = start_fake(options.users)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "users.csv"
            write_csv(path, options.users)
            run_child("graph", url)  # the fake builds and keeps its pages
            graph = [run_child("graph", url) for _ in range(options.rounds)]
            table = [run_child("csv", str(path)) for _ in range(options.rounds)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    pages = -(-options.users // 999)
    best_graph = min(graph, key=lambda item: item["cpu"])
    best_csv = min(table, key=lambda item: item["cpu"])
    assert best_graph["users"] == best_csv["users"] == options.users
    ratio = best_graph["cpu"] / best_csv["cpu"]
    peak = max(item["peak_mb"] for item in graph)
    print(f"users: {options.users:,} ({pages} Graph pages of up to 999), best of {options.rounds}")
    print(f"Graph (loopback fake): CPU {best_graph['cpu']:.3f} s, peak memory {peak:.0f} MB")
    print(
        f"  (+ {best_graph['imports']:.3f} s to import the network layer once, httpx included: "
        f"{(best_graph['cpu'] + best_graph['imports']) / best_csv['cpu']:.2f}x with it)"
    )
    print(
        f"CSV (csv.DictReader):  CPU {best_csv['cpu']:.3f} s, "
        f"peak memory {max(item['peak_mb'] for item in table):.0f} MB"
    )
    cpu_ok = ratio <= CPU_BAR
    memory_ok = peak < MEMORY_BAR_MB
    print(f"ratio Graph/CSV CPU: {ratio:.2f} (bar {CPU_BAR}): {'ok' if cpu_ok else 'OVER'}")
    print(f"Graph peak memory under {MEMORY_BAR_MB:.0f} MB: {'ok' if memory_ok else 'OVER'}")
    return 0 if cpu_ok and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main())
