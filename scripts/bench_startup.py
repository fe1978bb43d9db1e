"""Start-up of every emailsec-check command against a two-command Typer app (goal: 1.1 times).

    python scripts/bench_startup.py [--repeat N] [--only WORD]

The yardstick is the smallest honest Typer program: two commands (``hello NAME`` and
``bye NAME [--formal]``) on the same Typer release and interpreter, with the same
app settings as ours (no Rich help, no completion options). Each emailsec-check command
line is paired with the yardstick line doing the same kind of thing (``--help`` with
``--help``, a subcommand's help with ``hello --help``, work with ``hello World``); the
two run alternately, each pair's ratio is taken and the median of those is reported,
so a machine that speeds up or slows down during the run moves neither side alone.
Both run from compiled bytecode (cached in a temporary folder), as an installed tool does.

It prints figures and never fails on a slow machine. To see where time goes:
``python -X importtime -m emailsec_check profiles 2> import.log``.

``--instructions`` counts instructions instead (valgrind's callgrind, where it is
installed): one run each, since the count hardly moves between runs, and, unlike a
time, not at all when other work shares the machine. It is the figure to compare two
versions of the code by on a busy machine.

    python scripts/bench_startup.py --repeat 11
    python scripts/bench_startup.py --instructions --only identities
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from emailsec_check.app import COMMANDS  # noqa: E402 - needs the repo on the path

GOAL = 1.1
EXAMPLES = REPO / "examples" / "acme"

YARDSTICK = '''\
import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"Hello {name}")


@app.command()
def bye(name: str, formal: bool = False) -> None:
    """Say goodbye."""
    print(f"Goodbye {name}" if formal else f"Bye {name}")


app()
'''

TOOL = [sys.executable, "-m", "emailsec_check"]
#: (label, emailsec-check arguments, the yardstick's arguments of the same kind)
CASES: tuple[tuple[str, list[str], list[str]], ...] = (
    ("--help", ["--help"], ["--help"]),
    *(
        (f"{command} --help", [command, "--help"], ["hello", "--help"])
        for command in COMMANDS  # every command the app has
    ),
    ("explain", ["explain"], ["hello", "World"]),
    ("explain ID005", ["explain", "ID005"], ["hello", "World"]),
    ("profiles", ["profiles"], ["hello", "World"]),
    ("profiles amp", ["profiles", "amp"], ["hello", "World"]),
    (
        "datacenter URL",
        ["datacenter", "https://console.eu.amp.cisco.com/"],
        ["hello", "World"],
    ),
    (
        "request --template KIND",
        ["request", "--template", "cisco-glo-licensing"],
        ["hello", "World"],
    ),
    (
        "request FILE",
        ["request", str(EXAMPLES / "requests" / "glo-licensing.txt")],
        ["hello", "World"],
    ),
    (
        "identities A B --no-dns",
        [
            "identities",
            str(EXAMPLES / "exports" / "endpoint-users.csv"),
            str(EXAMPLES / "exports" / "entra-users.csv"),
            "--no-dns",
            "--as-of",
            "2026-11-20",
        ],
        ["hello", "World"],
    ),
    ("completion bash", ["completion", "bash"], ["hello", "World"]),
)


def _children_cpu() -> float:
    """User + system seconds of the finished children (0 where the platform cannot say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _once(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``command``."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start, _children_cpu() - cpu


Runs = dict[str, list[tuple[float, float]]]
Case = tuple[str, list[str], list[str]]


@contextlib.contextmanager
def _workplace(env: dict[str, str]) -> Iterator[tuple[list[str], dict[str, str]]]:
    """(the yardstick's command, the environment to run both in), in a temporary folder.

    Compiled modules are cached as an installed tool has them (pip compiles at install),
    in a folder of this run's own, whatever PYTHONDONTWRITEBYTECODE says.
    """
    with tempfile.TemporaryDirectory() as folder:
        env = {**env, "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        yardstick = Path(folder) / "two_commands.py"
        yardstick.write_text(YARDSTICK, encoding="utf-8")
        yield [sys.executable, str(yardstick)], env


def _measure(cases: Sequence[Case], repeat: int, env: dict[str, str]) -> tuple[Runs, Runs]:
    """(ours, the yardstick's) (wall, cpu) seconds per case, run in alternated pairs."""
    ours: Runs = {label: [] for label, _, _ in cases}
    theirs: Runs = {label: [] for label, _, _ in cases}
    with _workplace(env) as (base, env):
        for _label, tool_args, base_args in cases:  # warm the disk cache, compile the modules
            _once([*TOOL, *tool_args], env)
            _once([*base, *base_args], env)
        for round_number in range(repeat):
            for label, tool_args, base_args in cases:
                pair = [([*TOOL, *tool_args], ours), ([*base, *base_args], theirs)]
                for command, into in pair if round_number % 2 == 0 else reversed(pair):
                    into[label].append(_once(command, env))
    return ours, theirs


def _instructions(command: Sequence[str], env: dict[str, str]) -> float:
    """Instructions (millions) one run of ``command`` executes, counted by callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        # valgrind follows the system allocator; a fixed hash seed makes the count repeatable
        env={**env, "PYTHONMALLOC": "malloc", "PYTHONHASHSEED": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : ([0-9]+)", done.stderr)
    return int(found.group(1)) / 1e6 if found else float("nan")


def _count(cases: Sequence[Case], env: dict[str, str]) -> None:
    """Print each case's instructions against the yardstick's."""
    with _workplace(env) as (base, env):
        print(f"{'emailsec-check ...':<26} {'M instr':>8} {'yardstick':>9} {'ratio':>6}")
        worst = ("", 0.0)
        for label, tool_args, base_args in cases:
            _once([*TOOL, *tool_args], env)  # compile the modules first
            _once([*base, *base_args], env)
            mine = _instructions([*TOOL, *tool_args], env)
            theirs = _instructions([*base, *base_args], env)
            ratio = mine / theirs
            worst = max(worst, (label, ratio), key=lambda item: item[1])
            print(f"{label:<26} {mine:>8.1f} {theirs:>9.1f} {ratio:>6.3f}")
    verdict = "within" if worst[1] <= GOAL else "OVER"
    print(
        f"most against the yardstick (instructions): {worst[0]}, {worst[1]:.3f} ({verdict} {GOAL})"
    )


def _row(label: str, mine: list[tuple[float, float]], base: list[tuple[float, float]]) -> str:
    """Medians and the median pair ratio, for wall and (where known) CPU time."""
    row = f"{label:<26}"
    for index in (0, 1):  # wall, then cpu
        a_runs = [run[index] for run in mine]
        b_runs = [run[index] for run in base]
        if not all(b_runs):
            continue
        ratio = statistics.median(a / b for a, b in zip(a_runs, b_runs))
        row += (
            f" {statistics.median(a_runs) * 1000:>8.1f} "
            f"{statistics.median(b_runs) * 1000:>9.1f} {ratio:>6.2f}"
        )
    return row


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="pairs per command (median)")
    parser.add_argument("--only", default="", help="only the cases whose label holds this")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions (valgrind) instead"
    )
    args = parser.parse_args(argv)

    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    env.pop("EMAILSEC_CHECK_PROFILES", None)
    cases = [case for case in CASES if args.only in case[0]]
    if args.instructions:
        if shutil.which("valgrind") is None:
            print("--instructions needs valgrind (apt install valgrind)", file=sys.stderr)
            return 2
        _count(cases, env)
        return 0
    ours, theirs = _measure(cases, args.repeat, env)

    import typer

    print(
        f"Python {sys.version.split()[0]}, Typer {typer.__version__}, {sys.platform}; "
        f"median of {args.repeat} alternated pairs"
    )
    print(
        f"{'emailsec-check ...':<26} {'wall ms':>8} {'yardstick':>9} {'ratio':>6} "
        f"{'cpu ms':>8} {'yardstick':>9} {'ratio':>6}"
    )
    for label, _, base_args in cases:
        print(f"{_row(label, ours[label], theirs[label])}  (vs {' '.join(base_args)})")
    print("ratio: the median of the pairs' ratios (ours / yardstick's)")
    wall = {
        label: statistics.median(a[0] / b[0] for a, b in zip(ours[label], theirs[label]))
        for label, _, _ in cases
    }
    worst = max(wall, key=lambda label: wall[label])
    verdict = "within" if wall[worst] <= GOAL else "OVER"
    print(f"slowest against the yardstick (wall): {worst}, {wall[worst]:.2f} ({verdict} {GOAL})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
