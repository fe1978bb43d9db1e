"""``emailsec-check run [CONFIG]``: everything a config file names, in one report."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from emailsec_check.commands.common import NetOptions, ReportOptions, checking_command, emit
from emailsec_check.environment import Environment


@checking_command("run", network=True)
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
            show_default=False,
        ),
    ] = None,
    config_option: Annotated[
        Optional[Path], typer.Option("--config", "-c", metavar="CONFIG", help="Config file.")
    ] = None,
    progress: Annotated[
        Optional[bool],
        typer.Option(
            "--progress/--no-progress",
            help="Show progress on stderr (default: only when stderr is a terminal).",
            show_default=False,
        ),
    ] = None,
    *,
    options: ReportOptions,
    net: NetOptions,
    env: Environment,
) -> None:
    """Everything a config file names (status pages, console URLs, identity files, requests)
    in one report, for cron health reports and CI steps."""
    import asyncio

    from emailsec_check import runner
    from emailsec_check.errors import InputError
    from emailsec_check.model import Report
    from emailsec_check.profiles import load_profiles
    from emailsec_check.sources.config import RunConfig, find_config, load_config

    if config is not None and config_option is not None and config != config_option:
        raise InputError("give the config file once: as the argument or with --config")
    path = find_config(config or config_option, env.environ)
    settings_file = load_config(path) if path is not None else RunConfig()
    options = options.with_config(settings_file)
    net = net.with_config(settings_file)
    profiles = load_profiles([*settings_file.profiles_dirs, *options.profiles_dirs])
    jobs = runner.plan(settings_file, profiles, net.settings(env), env.environ)
    show_progress = progress if progress is not None else env.is_terminal(env.stderr)
    report = Report(command="run")

    def tell(label: str, done: int, total: int) -> None:
        env.stderr.write(f"\r\x1b[2K[{done}/{total}] {label} done")
        env.stderr.flush()

    if show_progress and jobs:
        env.stderr.write(f"checking {', '.join(job.label for job in jobs)}...\n")
    results = asyncio.run(
        runner.run_jobs(jobs, net.deadline_or_default, tell if show_progress else None)
    )
    if show_progress and jobs:
        env.stderr.write("\n")
    report.extend(results)
    inputs = [str(path)] if path is not None else []
    inputs += [str(entry) for entry in settings_file.input_files()]
    emit(report, options, env, inputs=inputs)
