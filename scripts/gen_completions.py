"""Write the shell completion scripts shipped in ``completions/``.

    python scripts/gen_completions.py          # (re)write them
    python scripts/gen_completions.py --check  # exit 1 if they are out of date (CI)

The scripts list no commands or options themselves: on every TAB the shell runs
``emailsec-check`` with ``_EMAILSEC_CHECK_COMPLETE`` set and the program answers,
so they stay right as commands are added. They change only with Typer's templates.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from typer.completion import get_completion_script  # type: ignore[attr-defined]

PROG_NAME = "emailsec-check"
COMPLETE_VAR = "_EMAILSEC_CHECK_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
FOLDER = Path(__file__).resolve().parent.parent / "completions"


def script(shell: str) -> str:
    """The completion script for ``shell``, as it should be on disk."""
    text = get_completion_script(prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=shell)
    return text.rstrip("\n") + "\n"


def expected() -> dict[Path, str]:
    return {FOLDER / f"{PROG_NAME}.{shell}": script(shell) for shell in SHELLS}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check completions/emailsec-check.*")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if out of date")
    args = parser.parse_args(argv)

    stale = []
    for path, text in expected().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            print(f"wrote {path.relative_to(FOLDER.parent)}")
    if args.check and stale:
        names = ", ".join(str(path.relative_to(FOLDER.parent)) for path in stale)
        print(f"out of date: {names}; run python scripts/gen_completions.py", file=sys.stderr)
        return 1
    if args.check:
        print("completions are current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
