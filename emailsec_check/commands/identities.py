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
        str,
        typer.Argument(
            metavar="EXPECTED",
            help=(
                "The identity provider's users: an Entra ID 'Download users' CSV, a CSV with "
                "email, given name, surname, provider and aliases columns, TOML/JSON, or "
                "Entra ID itself through Microsoft Graph: 'entra:' (every user) or "
                "'entra:group/NAME-OR-ID' (a group's members)."
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
    from emailsec_check.entries import IdentitiesEntry
    from emailsec_check.model import Report
    from emailsec_check.pipeline import IdentitiesRun, LiveSources, identities_results
    from emailsec_check.rules.dates import parse_when

    day = None
    if as_of is not None:
        when = parse_when(as_of)
        if when is None:
            raise InputError(f"--as-of {as_of!r}: expected a date such as 2026-03-01")
        day = when.date()
    entry = IdentitiesEntry(
        configured=configured,
        expected=expected,
        product=product,
        dns=dns,
        redact=redact,
        as_of=day,
        coverage=coverage,
        login_column=login_column,
        expected_column=expected_column,
    )
    live = LiveSources(
        nameservers=net.nameservers,
        timeout=net.timeout_or_default,
        settings=lambda: net.settings(env),
        environ=env.environ,
        budget=net.deadline_or_default,
    )
    report = Report(command="identities")
    report.extend(identities_results(entry, IdentitiesRun(profiles(options.profiles_dirs), live)))
    emit(report, options, env, inputs=(str(configured), expected))
