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

    known = profiles(options.profiles_dirs)
    if expect is not None:
        expect = expect.strip().lower()
        if expect not in known.region_ids():
            raise InputError(
                f"--expect: unknown region {expect!r} "
                f"(known: {', '.join(sorted(known.region_ids()))})"
            )
    report = Report(command="datacenter")
    report.extend(check_urls(urls, HostRules(known), expect=expect))
    emit(report, options, env)
