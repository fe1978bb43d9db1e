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
    login_column: Annotated[
        Optional[str],
        typer.Option(
            "--login-column",
            metavar="NAME",
            help="The column of CONFIGURED that holds the login addresses, by its header.",
        ),
    ] = None,
    expected_column: Annotated[
        Optional[str],
        typer.Option(
            "--expected-column",
            metavar="NAME",
            help="The column of EXPECTED that holds each person's address, by its header.",
        ),
    ] = None,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help=(
                "List every expected person without a login (ID007), not only their number: "
                "for an EXPECTED that holds just the people who need the product."
            ),
        ),
    ] = False,
    *,
    options: ReportOptions,
    net: NetOptions,
    env: Environment,
) -> None:
    """Login emails configured in a product against the identity provider's users: unknown
    logins, several logins per person, aliases, letter case, Microsoft accounts without names,
    invalid addresses, missing accounts, late activation, mail domains that cannot receive the
    product's mails, and logins of people disabled in the directory."""
    import asyncio

    from emailsec_check.checks.identities import IdentityOptions, check_identities
    from emailsec_check.model import Report
    from emailsec_check.rules.dates import parse_when
    from emailsec_check.sources.identities import read_expected, read_logins

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
    logins = read_logins(configured, login_column)
    directory = read_expected(expected, expected_column)
    checking = IdentityOptions(
        redact=redact,
        now=now,
        coverage=coverage,
        probe_domains=tuple(domain for profile in known for domain in profile.vendor_domains),
    )
    report = Report(command="identities")
    report.extend(asyncio.run(check_identities(logins, directory, chosen, resolver, checking)))
    emit(report, options, env, inputs=(str(configured), str(expected)))
