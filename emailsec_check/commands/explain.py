"""``emailsec-check explain [CHECK_ID]``"""

import textwrap
from typing import Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.errors import InputError


def _complete_id(incomplete: str) -> list[tuple[str, str]]:
    """Check IDs (with their titles) for tab completion."""
    from emailsec_check import catalogue

    wanted = incomplete.strip().upper()
    return [(c.id, c.title) for c in catalogue.all_checks() if c.id.startswith(wanted)]


@app.command("explain")
def explain_command(
    check_id: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[CHECK_ID]",
            help="A check ID such as DC001; none lists them all.",
            autocompletion=_complete_id,
        ),
    ] = None,
) -> None:
    """What a check means and how to fix what it finds (no ID: the whole catalogue)."""
    from emailsec_check import catalogue

    if check_id is None:
        for entry in catalogue.all_checks():
            typer.echo(f"{entry.id}  {entry.area.value:<11} {entry.title}")
        return
    check = catalogue.find(check_id)
    if check is None:
        raise InputError(
            f"unknown check ID {check_id!r}; 'emailsec-check explain' lists the catalogue"
        )
    typer.echo(f"{check.id}: {check.title}")
    typer.echo(f"area: {check.area.value}\n")
    typer.echo(textwrap.fill(check.explanation, width=78))
