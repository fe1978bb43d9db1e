"""``emailsec-check completion bash|zsh|fish``: print the shell completion script.

The scripts are static (``scripts/gen_completions.py`` writes them from the app and
the bundled profiles): a TAB press runs no Python. They live in the checkout's
``completions/`` and travel inside the wheel (``emailsec_check/_completions/``), as the
bundled profiles do, so every installation has them.
"""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from emailsec_check import TOOL_NAME
from emailsec_check.app import app

__all__ = ["Shell", "script_path"]


class Shell(str, Enum):
    """The shells a completion script is shipped for."""

    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


def script_path(shell: Shell) -> Path:
    """The shipped script for ``shell``: inside the installed wheel, else the checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_completions"
    folder = installed if installed.is_dir() else package.parent / "completions"
    return folder / f"{TOOL_NAME}.{shell.value}"


@app.command("completion")
def completion_command(
    shell: Annotated[
        Shell,
        typer.Argument(metavar="SHELL", case_sensitive=False, help="bash, zsh or fish."),
    ],
) -> None:
    """Print the shell completion script (static: a TAB press starts no program).

    Save it where your shell looks for completions; see the examples.
    """
    from emailsec_check.output import write_stream

    path = script_path(shell)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        # The scripts are part of the package: a missing one is a broken installation.
        raise RuntimeError(f"the {shell.value} completion script is missing ({path})") from error
    write_stream([text])
