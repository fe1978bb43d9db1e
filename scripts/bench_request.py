"""How long ``request`` takes: a real-sized request, and files at the 1 MiB cap built to be slow.

Prints figures; the baseline (reading the same bytes and splitting them into lines, which
every form has to do) is measured in the same run so the numbers compare on any machine.

    python scripts/bench_request.py
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable

from emailsec_check.checks.request import assess_request
from emailsec_check.profiles import load_profiles
from emailsec_check.rules.hosts import HostRules
from emailsec_check.sources.request.document import MAX_REQUEST_BYTES
from emailsec_check.sources.request.kinds import resolve_kind
from emailsec_check.sources.request.reading import parse_request

REPO = Path(__file__).resolve().parent.parent
GLO = (REPO / "tests" / "data" / "requests" / "glo-licensing.txt").read_bytes()


def _fill(line: bytes, head: bytes = b"") -> bytes:
    """``head`` then ``line`` repeated up to just under the 1 MiB cap."""
    room = MAX_REQUEST_BYTES - len(head) - 1
    return head + line * (room // len(line))


CASES: dict[str, tuple[bytes, str]] = {
    "real GLO request (9 lines)": (GLO, ".txt"),
    "1 MiB: 60k unknown short labels": (_fill(b"Extra field: some value here\n", GLO), ".txt"),
    "1 MiB: details of 50k lines": (
        _fill(
            b"  we tried again, no confirmation\n", GLO.replace(b"\nCisco Web", b"\n\nCisco Web")
        ),
        ".txt",
    ),
    "1 MiB: one long email value": (
        b"Customer email address: " + b"a" * (MAX_REQUEST_BYTES - 40),
        ".txt",
    ),
    "1 MiB: a line like user:password": (
        b"Cisco Web Order ID #: a:" + b"1" * (MAX_REQUEST_BYTES - 40) + b" z",
        ".txt",
    ),
    "1 MiB: 'x' run (placeholder pattern)": (
        b"Cisco Web Order ID #: " + b"x" * (MAX_REQUEST_BYTES - 40) + b"!",
        ".txt",
    ),
    "1 MiB: JSON of 60k unknown keys": (
        b"{" + b",".join(b'"key %d": "v"' % i for i in range(60_000)) + b"}",
        ".json",
    ),
}


def _best(run: Callable[[], object], repeat: int) -> float:
    """Best of ``repeat`` runs, in seconds (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    known = load_profiles(environ={})
    rules = HostRules(known)
    kinds = known.request_kinds()
    glo = next(kind for kind in kinds if kind.id == "cisco-glo-licensing")
    print(f"{'case':<36} {'bytes':>9} {'baseline':>10} {'request':>10} {'ratio':>7}")
    for name, (data, suffix) in CASES.items():
        repeat = 200 if len(data) < 10_000 else 5

        def baseline(data: bytes = data) -> object:
            return re.split(r"\r\n|\r|\n", data.decode("utf-8"))

        def request(data: bytes = data, suffix: str = suffix) -> object:
            doc = parse_request(data, "bench" + suffix, suffix=suffix, kinds=kinds)
            return assess_request(doc, resolve_kind(doc, known, glo.id)[0], rules).results

        base, took = _best(baseline, repeat), _best(request, repeat)
        print(
            f"{name:<36} {len(data):>9,} {base * 1000:>8.2f}ms {took * 1000:>8.2f}ms "
            f"{took / base if base else 0:>6.0f}x"
        )


if __name__ == "__main__":
    main()
