"""``emailsec-check datacenter URL ...``"""

from typing import Annotated, Optional

import typer

from emailsec_check.commands.common import ReportOptions, checking_command, emit, profiles
from emailsec_check.environment import Environment
from emailsec_check.errors import InputError
from emailsec_check.model import Report


@checking_command("datacenter")
def datacenter_command(
    urls: Annotated[
        list[str],
        typer.Argument(metavar="URL...", help="Console, API or admin URLs.", show_default=False),
    ],
    expect: Annotated[
        Optional[str],
        typer.Option("--expect", metavar="REGION", help="Fail for a URL in any other region."),
    ] = None,
    *,
    options: ReportOptions,
    env: Environment,
) -> None:
    """Which product and regional datacenter a console URL belongs to; look-alikes fail."""
    from emailsec_check.checks.datacenter import check_urls
    from emailsec_check.rules.hosts import HostRules
    from emailsec_check.rules.regions import resolve_expected_region

    known = profiles(options.profiles_dirs)
    expected = None
    if expect is not None:
        try:
            expected = resolve_expected_region(known, expect, urls)
        except InputError as error:
            raise InputError(f"--expect: {error.message}") from None
    report = Report(command="datacenter")
    report.extend(check_urls(urls, HostRules(known), expect=expected))
    emit(report, options, env)
