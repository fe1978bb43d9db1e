"""``emailsec-check datacenter URL ...``"""

from typing import Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.commands.common import emit, profiles
from emailsec_check.errors import InputError
from emailsec_check.model import Report
from emailsec_check.options import (
    FormatOption,
    OutputFormat,
    OutputOption,
    ProfilesDirOption,
    StrictOption,
)


@app.command("datacenter")
def datacenter_command(
    urls: Annotated[
        list[str], typer.Argument(metavar="URL...", help="Console, API or admin URLs.")
    ],
    expect: Annotated[
        Optional[str],
        typer.Option("--expect", metavar="REGION", help="Fail for a URL in any other region."),
    ] = None,
    fmt: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    strict: StrictOption = False,
    profiles_dir: ProfilesDirOption = None,
) -> None:
    """Which product and regional datacenter a console URL belongs to; look-alikes fail."""
    from emailsec_check.checks.datacenter import check_urls
    from emailsec_check.rules.hosts import HostRules

    known = profiles(profiles_dir)
    if expect is not None:
        expect = expect.strip().lower()
        if expect not in known.region_ids():
            raise InputError(
                f"--expect: unknown region {expect!r} "
                f"(known: {', '.join(sorted(known.region_ids()))})"
            )
    report = Report(command="datacenter")
    report.extend(check_urls(urls, HostRules(known), expect=expect))
    emit(report, fmt=fmt, output=output, strict=strict)
