"""``emailsec-check status [PRODUCT ...] [--url URL ...] [--region REGION ...]``"""

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
from emailsec_check.model import Report


@checking_command("status", network=True)
def status_command(
    products: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[PRODUCT]...",
            help=(
                "Product profile ids or aliases; none and no --url: every profile that has a "
                "status page."
            ),
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        Optional[list[str]],
        typer.Option(
            "--url",
            metavar="URL",
            help=(
                "Another status page to check (repeatable; https:// when no scheme is given); "
                "its platform is found by probing."
            ),
        ),
    ] = None,
    region: Annotated[
        Optional[list[str]],
        typer.Option(
            "--region",
            metavar="REGION",
            help=(
                "Judge only the status-page components serving this region (id or alias, "
                "repeatable), and incidents touching them or the whole page."
            ),
        ),
    ] = None,
    *,
    options: ReportOptions,
    net: NetOptions,
    env: Environment,
) -> None:
    """Reachability of vendor status pages from this network, and what the vendor reports."""
    import asyncio

    from emailsec_check.checks.status import build_targets, check_status_pages
    from emailsec_check.net.prober import make_prober

    targets = build_targets(
        profiles(options.profiles_dirs), products or [], url or [], region or []
    )
    settings = net.settings(env)
    report = Report(command="status")
    report.extend(
        asyncio.run(
            check_status_pages(
                targets,
                make_prober(settings),
                timeout=settings.timeout,
                deadline=net.deadline_or_default,
            )
        )
    )
    emit(report, options, env)
