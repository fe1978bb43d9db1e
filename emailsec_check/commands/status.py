"""``emailsec-check status [PRODUCT ...] [--url URL ...]``"""

from typing import Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.commands.common import emit, profiles
from emailsec_check.model import Report
from emailsec_check.options import (
    DEFAULT_TIMEOUT,
    CaBundleOption,
    FormatOption,
    NameserverOption,
    OutputFormat,
    OutputOption,
    ProfilesDirOption,
    ProxyOption,
    QuietOption,
    RetriesOption,
    StrictOption,
    TimeoutOption,
)


@app.command("status")
def status_command(
    products: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="PRODUCT",
            help=(
                "Product profile ids or aliases; none and no --url: every profile that has a "
                "status page."
            ),
        ),
    ] = None,
    url: Annotated[
        Optional[list[str]],
        typer.Option(
            "--url",
            metavar="URL",
            help="Another status page to check (repeatable); its platform is found by probing.",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    profiles_dir: ProfilesDirOption = None,
    nameserver: NameserverOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    ca_bundle: CaBundleOption = None,
    proxy: ProxyOption = None,
    retries: RetriesOption = None,
) -> None:
    """Reachability of vendor status pages from this network, and what the vendor reports."""
    import asyncio
    import os

    from emailsec_check.checks.status import PAGE_CONCURRENCY, build_targets, check_status_pages
    from emailsec_check.net.http import apply_environment
    from emailsec_check.net.settings import NetSettings

    targets = build_targets(profiles(profiles_dir), products or [], url or [])
    settings = apply_environment(
        NetSettings(
            timeout=timeout,
            nameservers=tuple(nameserver or ()),
            ca_bundle=ca_bundle,
            proxy=proxy,
            retries=retries or 0,
            concurrency=PAGE_CONCURRENCY,
        ),
        os.environ,
    )
    report = Report(command="status")
    report.extend(asyncio.run(check_status_pages(targets, settings)))
    emit(report, fmt=fmt, output=output, strict=strict, quiet=quiet)
