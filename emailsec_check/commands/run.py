"""``emailsec-check run [CONFIG]``: everything a config file names, in one report."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.commands.common import emit
from emailsec_check.options import (
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
)


@app.command("run")
def run_command(
    config: Annotated[
        Optional[Path],
        typer.Argument(
            metavar="[CONFIG]",
            help=(
                "Config file (TOML). Without one: EMAILSEC_CHECK_CONFIG, ./emailsec-check.toml, "
                "$XDG_CONFIG_HOME/emailsec-check/config.toml; with none at all, every bundled "
                "product's status page."
            ),
        ),
    ] = None,
    config_option: Annotated[
        Optional[Path], typer.Option("--config", "-c", metavar="CONFIG", help="Config file.")
    ] = None,
    fmt: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    select: Annotated[
        Optional[list[str]],
        typer.Option("--select", metavar="ID", help="Only checks whose ID starts so (repeatable)."),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],
        typer.Option("--ignore", metavar="ID", help="Leave out checks whose ID starts so."),
    ] = None,
    profiles_dir: ProfilesDirOption = None,
    nameserver: NameserverOption = None,
    timeout: Annotated[
        Optional[float],
        typer.Option(
            "--timeout",
            min=0.1,
            max=600.0,
            metavar="SECONDS",
            help="Bound for one whole look-up or request (default 10).",
        ),
    ] = None,
    deadline: Annotated[
        Optional[float],
        typer.Option(
            "--deadline",
            min=0.1,
            max=3600.0,
            metavar="SECONDS",
            help="Bound for the whole run (default 120); unfinished areas are skipped.",
        ),
    ] = None,
    ca_bundle: CaBundleOption = None,
    proxy: ProxyOption = None,
    retries: RetriesOption = None,
    progress: Annotated[
        Optional[bool],
        typer.Option(
            "--progress/--no-progress",
            help="Show progress on stderr (default: only when stderr is a terminal).",
        ),
    ] = None,
) -> None:
    """Everything a config file names (status pages, console URLs, identity files, requests)
    in one report, for cron health reports and CI steps."""
    import asyncio
    import os

    from emailsec_check import runner
    from emailsec_check.catalogue import matching
    from emailsec_check.checks.status import PAGE_CONCURRENCY
    from emailsec_check.errors import InputError
    from emailsec_check.model import Report
    from emailsec_check.net.http import apply_environment
    from emailsec_check.net.settings import NetSettings
    from emailsec_check.options import DEFAULT_TIMEOUT
    from emailsec_check.profiles import load_profiles
    from emailsec_check.sources.config import RunConfig, find_config, load_config

    if config is not None and config_option is not None and config != config_option:
        raise InputError("give the config file once: as the argument or with --config")
    path = find_config(config or config_option)
    settings_file = load_config(path) if path is not None else RunConfig()

    for name, patterns in (("--select", select), ("--ignore", ignore)):
        for pattern in patterns or ():
            if not matching([pattern]):
                raise InputError(
                    f"{name} {pattern!r} matches no check ID (see 'emailsec-check explain')"
                )

    profiles = load_profiles([*settings_file.profiles_dirs, *(profiles_dir or ())])
    net = apply_environment(
        NetSettings(
            timeout=timeout or settings_file.timeout or DEFAULT_TIMEOUT,
            nameservers=tuple(nameserver or settings_file.nameservers),
            ca_bundle=ca_bundle or settings_file.ca_bundle,
            proxy=proxy or settings_file.proxy,
            retries=settings_file.retries if retries is None else retries,
            concurrency=PAGE_CONCURRENCY,
        ),
        os.environ,
    )
    jobs = runner.plan(settings_file, profiles, net)
    show_progress = progress if progress is not None else sys.stderr.isatty()
    report = Report(command="run")

    def tell(label: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r\x1b[2K[{done}/{total}] {label} done")
        sys.stderr.flush()

    if show_progress and jobs:
        sys.stderr.write(f"checking {', '.join(job.label for job in jobs)}...\n")
    results = asyncio.run(
        runner.run_jobs(jobs, deadline or settings_file.deadline, tell if show_progress else None)
    )
    if show_progress and jobs:
        sys.stderr.write("\n")
    report.extend(
        runner.select(
            results,
            list(select or settings_file.select),  # the command line overrides the file
            [*settings_file.ignore, *(ignore or ())],
        )
    )
    emit(
        report,
        fmt=fmt,
        output=output,
        strict=strict or settings_file.strict,
        quiet=quiet,
    )
