"""The Typer application object; the command modules attach themselves to it.

Only Typer and the standard library are imported here and in ``commands/``:
``--help``, tab completion and the offline commands must start fast.
"""

import typer

from emailsec_check import TOOL_NAME, __version__

app = typer.Typer(
    name=TOOL_NAME,
    help=(
        "Health checks for the accounts, licences and sign-on set-up of email- and "
        "endpoint-security cloud products (Cisco Secure Email Threat Defense, Cisco Secure "
        "Endpoint, Mimecast). Every result is pass, hint, fail or skip; exit 0 when nothing "
        "failed, 1 when something did, 2 when the input could not be used."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{TOOL_NAME} {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    # A plain bool (not Optional): Typer skips its pydantic-based coercion for it.
    version: bool = typer.Option(
        False,
        "--version",
        callback=_show_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Health checks for email- and endpoint-security cloud accounts."""
