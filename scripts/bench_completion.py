"""How long a TAB press takes with the shipped bash completion script (goal: under 50 ms).

    python scripts/bench_completion.py [--repeat N]

Two figures, both with bash only (the script is static: no Python starts on TAB):
- in a running shell: the completion function called N times in a loop, per call;
- from nothing: a new bash that sources the script and completes once (an upper bound:
  the first TAB of a new terminal), against a bare ``bash -c true``.

It prints figures and never fails; the goal is the issue's, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "completions" / "emailsec-check.bash"
GOAL_MS = 50.0
#: (what is typed, COMP_WORDS as bash splits it)
LINES = (
    ("emailsec-check st", "emailsec-check st"),
    ("emailsec-check datacenter --expect e", "emailsec-check datacenter --expect e"),
    ("emailsec-check run --timeout 5 --select D", "emailsec-check run --timeout 5 --select D"),
    ("emailsec-check status --format=", "emailsec-check status --format ="),
)

_LOOP = """
source "$1"
read -r -a COMP_WORDS <<< "$2"
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
start=$EPOCHREALTIME
for (( n = 0; n < $3; n++ )); do _emailsec_check; done
end=$EPOCHREALTIME
echo "${start/[.,]/} ${end/[.,]/}"
"""
_ONCE = """
source "$1"
read -r -a COMP_WORDS <<< "$2"
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_emailsec_check
"""


def _in_shell_ms(bash: str, words: str, calls: int) -> float:
    done = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", _LOOP, "bench", str(SCRIPT), words, str(calls)],
        capture_output=True,
        text=True,
        check=True,
    )
    start, end = (int(field) for field in done.stdout.split())
    return (end - start) / 1000 / calls


def _process_ms(command: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each (median)")
    args = parser.parse_args(argv)
    bash = shutil.which("bash")
    if bash is None:
        print("bash is not installed here: nothing to measure", file=sys.stderr)
        return 0
    version = subprocess.run(
        [bash, "-c", "echo $BASH_VERSION"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"bash {version}; {SCRIPT.relative_to(REPO)}; median of {args.repeat} runs")
    print(f"{'line typed before TAB':<44} {'in shell ms':>12} {'new bash ms':>12}")
    worst = 0.0
    bare = statistics.median(
        _process_ms([bash, "--norc", "--noprofile", "-c", "true"]) for _ in range(args.repeat)
    )
    for typed, words in LINES:
        in_shell = statistics.median(
            _in_shell_ms(bash, words, 200) for _ in range(max(3, args.repeat // 5))
        )
        once = [bash, "--norc", "--noprofile", "-c", _ONCE, "bench", str(SCRIPT), words]
        fresh = statistics.median(_process_ms(once) for _ in range(args.repeat))
        worst = max(worst, fresh)
        print(f"{typed:<44} {in_shell:>12.2f} {fresh:>12.1f}")
    print(f"{'(bash -c true, for comparison)':<44} {'':>12} {bare:>12.1f}")
    verdict = "within" if worst <= GOAL_MS else "OVER"
    print(f"\nslowest TAB from a new bash: {worst:.1f} ms ({verdict} the goal of {GOAL_MS:g} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
