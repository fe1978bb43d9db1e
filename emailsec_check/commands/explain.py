"""``emailsec-check explain [CHECK_ID]``"""

import textwrap
from typing import Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.errors import InputError


@app.command("explain")
def explain_command(
    check_id: Annotated[
        Optional[str],
        typer.Argument(metavar="[CHECK_ID]", help="A check ID such as DC001; none lists them all."),
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
