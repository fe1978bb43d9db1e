"""How much memory rendering a large report takes: streamed, and held whole for comparison.

Builds N identity results (mostly passes, some hints and fails, the shape of a large
tenant's ``identities`` run), then renders them in a fresh process each:

- ``streamed``: the format's chunks written one by one to a file through
  ``output.write_atomic`` (what ``--output`` does);
- ``whole``: the same chunks joined into one string first, then written (how a
  report was written before the writers streamed).

For each it prints the peak RSS after building the results and after rendering
(``ru_maxrss``; the difference is what rendering cost), the file's size and the time.

    python scripts/bench_report.py                          # 2,000,000 results, json
    python scripts/bench_report.py --results 200000 --format junit text --all
    python scripts/bench_report.py --format json --state   # and --state's two runs
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from emailsec_check.model import Report  # noqa: E402 - needs the repo on the path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _build(count: int) -> Report:
    from emailsec_check.catalogue import identities as cat
    from emailsec_check.model import Result, Status

    checks = list(cat.CHECKS)[:3]
    results = []
    for number in range(count):
        email = f"user{number:07d}@org{number % 300:03d}.example"
        kind = number % 50
        if kind == 0:
            result = Result(
                checks[1], email, Status.FAIL, "no identity has this address",
                "Remove the login or add the person to the directory.", {"email": email},
            )  # fmt: skip
        elif kind == 1:
            result = Result(
                checks[2], email, Status.HINT, f"the surname of {email} is empty",
                "Fill in the surname in the directory.", {"email": email},
            )  # fmt: skip
        else:
            result = Result(
                checks[0], email, Status.PASS, "matches an identity", None, {"email": email}
            )
        results.append(result)
    return Report(results=results, command="identities")


def child(count: int, fmt_name: str, mode: str, target: str, *, show_all: bool) -> None:
    from emailsec_check.options import OutputFormat
    from emailsec_check.output import write_atomic
    from emailsec_check.report import RenderOptions, render

    report = _build(count)
    built = _peak_mb()
    started = time.perf_counter()
    options = RenderOptions(show_all=show_all)
    chunks = render(report, OutputFormat(fmt_name), options)
    if mode == "whole":
        write_atomic(Path(target), ["".join(chunks)])
    else:
        write_atomic(Path(target), chunks)
    seconds = time.perf_counter() - started
    print(json.dumps({"built_mb": built, "peak_mb": _peak_mb(), "seconds": seconds}))


def state_child(count: int, target: str) -> None:
    """--state: the first run (compare with nothing, save) and the second (load, compare)."""
    import io

    from emailsec_check import state

    report = _build(count)
    built = _peak_mb()
    started = time.perf_counter()
    state.save(target, state.compare(report, None))
    first = time.perf_counter() - started
    started = time.perf_counter()
    state.compare(report, state.load(target, io.StringIO()))
    second = time.perf_counter() - started
    print(json.dumps({"built_mb": built, "peak_mb": _peak_mb(), "first": first, "second": second}))


def _in_child(*args: str) -> dict[str, float]:
    """Run this script with ``args`` in a fresh process; the figures it prints."""
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    ).stdout
    figures: dict[str, float] = json.loads(out)
    return figures


def _state_figures(results: int, folder: str) -> None:
    target = str(Path(folder) / "state.json")
    figures = _in_child("--state-child", str(results), target)
    size = Path(target).stat().st_size / 1e6
    print(
        f"--state: first run (save) {figures['first']:.1f} s, second run (load, compare) "
        f"{figures['second']:.1f} s; peak {figures['peak_mb']:.0f} MB "
        f"(+{figures['peak_mb'] - figures['built_mb']:.0f}); state file {size:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=2_000_000)
    parser.add_argument("--format", nargs="+", default=["json"], dest="formats")
    parser.add_argument("--all", action="store_true", dest="show_all", help="as --all does")
    parser.add_argument("--state", action="store_true", help="also time --state's two runs")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--state-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.state_child:
        state_child(int(args.state_child[0]), args.state_child[1])
        return
    if args.child:
        count, fmt_name, mode, target, fold = args.child
        child(int(count), fmt_name, mode, target, show_all=fold == "all")
        return
    print(f"{args.results:,} results; peak RSS in MB (ru_maxrss of a fresh process each)")
    print(f"{'format':<11}{'mode':<10}{'built':>8}{'peak':>8}{'render':>8}{'file MB':>9}{'s':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for fmt_name in args.formats:
            for mode in ("streamed", "whole"):
                target = str(Path(folder) / f"report.{fmt_name}")
                fold = "all" if args.show_all else "folded"
                figures = _in_child("--child", str(args.results), fmt_name, mode, target, fold)
                size = Path(target).stat().st_size / 1e6
                print(
                    f"{fmt_name:<11}{mode:<10}{figures['built_mb']:>8.0f}{figures['peak_mb']:>8.0f}"
                    f"{figures['peak_mb'] - figures['built_mb']:>8.0f}{size:>9.0f}"
                    f"{figures['seconds']:>7.1f}"
                )
        if args.state:
            _state_figures(args.results, folder)


if __name__ == "__main__":
    main()
