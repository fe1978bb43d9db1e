"""Start-up time of ``emailsec-check --help`` against ``python -c "import typer"``.

Both are measured in the same run, alternating, so the machine's speed cancels
out of the ratio. The goal: the CLI costs at most 1.5 times a bare Typer import
(``--help`` and every TAB of shell completion pay it). Run:

    python scripts/bench_startup.py [--repeat N]

It prints figures and never fails on a slow machine; profile a regression with
``python -X importtime -m emailsec_check --help 2> import.log``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL = 1.5

CASES: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import typer"': [sys.executable, "-c", "import typer"],
    "emailsec-check --help": [sys.executable, "-m", "emailsec_check", "--help"],
    "emailsec-check explain DC001": [sys.executable, "-m", "emailsec_check", "explain", "DC001"],
    "emailsec-check datacenter URL": [
        sys.executable,
        "-m",
        "emailsec_check",
        "datacenter",
        "https://console.eu.amp.cisco.com/",
    ],
    "TAB completion (bash)": [sys.executable, "-m", "emailsec_check"],
}
COMPLETION_ENV = {
    "_EMAILSEC_CHECK_COMPLETE": "complete_bash",
    "COMP_WORDS": "emailsec-check da",
    "COMP_CWORD": "1",
}


def _once(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command (median)")
    args = parser.parse_args(argv)

    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    env.pop("EMAILSEC_CHECK_PROFILES", None)
    timings: dict[str, list[float]] = {name: [] for name in CASES}
    for name, command in CASES.items():  # warm the disk cache and .pyc files
        _once(command, {**env, **COMPLETION_ENV} if name.startswith("TAB") else env)
    for _ in range(args.repeat):
        for name, command in CASES.items():
            run_env = {**env, **COMPLETION_ENV} if name.startswith("TAB") else env
            timings[name].append(_once(command, run_env))

    medians = {name: statistics.median(values) for name, values in timings.items()}
    baseline = medians['python -c "import typer"']
    print(f"Python {sys.version.split()[0]} on {sys.platform}; median of {args.repeat} runs each")
    print(f"{'command':<32} {'median ms':>10} {'min ms':>8} {'x typer':>8}")
    for name, values in timings.items():
        print(
            f"{name:<32} {medians[name] * 1000:>10.1f} {min(values) * 1000:>8.1f} "
            f"{medians[name] / baseline:>8.2f}"
        )
    ratio = medians["emailsec-check --help"] / baseline
    verdict = "within" if ratio <= GOAL else "OVER"
    print(f"\nemailsec-check --help / import typer = {ratio:.2f} ({verdict} the goal of {GOAL})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
