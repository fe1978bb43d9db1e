"""``emailsec-check identities CONFIGURED EXPECTED``"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from emailsec_check.commands.common import (
    NetOptions,
    ReportOptions,
    checking_command,
    emit,
    profiles,
)
from emailsec_check.environment import Environment
from emailsec_check.errors import InputError


@checking_command("identities", network=True)
def identities_command(
    configured: Annotated[
        Path,
        typer.Argument(
            metavar="CONFIGURED",
            help=(
                "The product's users: a CSV export with a column of login addresses (Email, "
                "Login, User, ...; optional status and created/invited date), or TOML/JSON."
            ),
            show_default=False,
        ),
    ],
    expected: Annotated[
        Path,
        typer.Argument(
            metavar="EXPECTED",
            help=(
                "The identity provider's users: an Entra ID 'Download users' CSV, a CSV with "
                "email, given name, surname, provider and aliases columns, or TOML/JSON."
            ),
            show_default=False,
        ),
    ],
    product: Annotated[
        Optional[str],
        typer.Option(
            "--product",
            "-p",
            metavar="ID",
            help=(
                "Apply this product's sign-on rules (profile id or alias, see 'emailsec-check "
                "profiles'). Default: every product's rules, the strictest set."
            ),
        ),
    ] = None,
    dns: Annotated[
        bool,
        typer.Option(
            "--dns/--no-dns",
            help="Look up the MX records of each login's mail domain (default) or not.",
        ),
    ] = True,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help=(
                "Mask addresses (j***@acme.example) in every format, for reports shared "
                "outside the team."
            ),
        ),
    ] = False,
    as_of: Annotated[
        Optional[str],
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=(
                "Count activation days up to this date (YYYY-MM-DD, for example the day of "
                "the export) instead of now."
            ),
        ),
    ] = None,
    *,
    options: ReportOptions,
    net: NetOptions,
    env: Environment,
) -> None:
    """Login emails configured in a product against the identity provider's users: unknown
    logins, several logins per person, aliases, letter case, Microsoft accounts without names,
    invalid addresses, missing accounts, late activation, and mail domains that cannot receive
    the product's mails."""
    import asyncio

    from emailsec_check.checks.identities import IdentityOptions, check_identities
    from emailsec_check.model import Report
    from emailsec_check.rules.dates import parse_when

    known = profiles(options.profiles_dirs)
    chosen = known.require(product) if product is not None else None
    now = None
    if as_of is not None:
        now = parse_when(as_of)
        if now is None:
            raise InputError(f"--as-of {as_of!r}: expected a date such as 2026-03-01")
    resolver = None
    if dns:
        from emailsec_check.net.dns import Resolver

        resolver = Resolver(list(net.nameservers), net.timeout_or_default)
    report = Report(command="identities")
    checking = IdentityOptions(redact=redact, now=now)
    report.extend(asyncio.run(check_identities(configured, expected, chosen, resolver, checking)))
    emit(report, options, env, inputs=(str(configured), str(expected)))
