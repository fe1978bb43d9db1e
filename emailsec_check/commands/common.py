"""What every checking command shares: its common options, and the end (render, write, exit).

``checking_command`` registers a command with the options every checking command takes
(the contract's list, plus the network ones where the command uses the network), gathered
into :class:`ReportOptions` and :class:`NetOptions`, and hands the command the run's
:class:`~emailsec_check.environment.Environment`. A command spells out only its own options.
"""

import inspect
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Final, NoReturn, Optional, TypeVar

import typer

from emailsec_check.app import app
from emailsec_check.environment import Environment
from emailsec_check.errors import InputError
from emailsec_check.model import Report
from emailsec_check.options import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    AllOption,
    CaBundleOption,
    ChangesOnlyOption,
    ColorOption,
    DeadlineOption,
    FailOnSkipOption,
    FormatOption,
    IgnoreOption,
    NameserverOption,
    OutputFormat,
    OutputOption,
    ProfilesDirOption,
    PrometheusSubjectsOption,
    ProxyOption,
    QuietOption,
    RetriesOption,
    SelectOption,
    StateOption,
    StrictOption,
    TimeoutOption,
)
from emailsec_check.record import Record

if TYPE_CHECKING:
    from emailsec_check.net.settings import NetSettings
    from emailsec_check.profiles import ProfileSet
    from emailsec_check.sources.config import RunConfig

__all__ = [
    "NetOptions",
    "ReportOptions",
    "checking_command",
    "emit",
    "environment",
    "exit_code",
    "profiles",
    "write_text",
]

_F = TypeVar("_F", bound=Callable[..., None])


class ReportOptions(Record):
    """The options about the report, the same on every checking command."""

    __slots__ = (
        "fmt",
        "output",
        "strict",
        "quiet",
        "select",
        "ignore",
        "color",
        "profiles_dirs",
        "fail_on_skip",
        "show_all",
        "state",
        "changes_only",
        "prometheus_subjects",
    )

    fmt: Final[OutputFormat]
    output: Final[Optional[Path]]
    strict: Final[bool]
    quiet: Final[bool]
    select: Final[tuple[str, ...]]
    ignore: Final[tuple[str, ...]]
    color: Final[Optional[bool]]
    profiles_dirs: Final[tuple[str, ...]]
    #: Exit 1 when nothing could be decided (``--fail-on-skip``).
    fail_on_skip: Final[bool]
    #: Show every line of the text report (``--all``): no folding of alike results.
    show_all: Final[bool]
    #: Where the last run's results are remembered (``--state``).
    state: Final[Optional[Path]]
    #: Print nothing when nothing changed since the last run (``--changes-only``).
    changes_only: Final[bool]
    #: Per-result Prometheus series labelled with subjects (``--prometheus-subjects``).
    prometheus_subjects: Final[bool]

    def __init__(
        self,
        fmt: OutputFormat = OutputFormat.TEXT,
        output: Optional[Path] = None,
        strict: bool = False,
        quiet: bool = False,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        color: Optional[bool] = None,
        profiles_dirs: tuple[str, ...] = (),
        fail_on_skip: bool = False,
        show_all: bool = False,
        state: Optional[Path] = None,
        changes_only: bool = False,
        prometheus_subjects: bool = False,
    ) -> None:
        self.fmt = fmt
        self.output = output
        self.strict = strict
        self.quiet = quiet
        self.select = select
        self.ignore = ignore
        self.color = color
        self.profiles_dirs = profiles_dirs
        self.fail_on_skip = fail_on_skip
        self.show_all = show_all
        self.state = state
        self.changes_only = changes_only
        self.prometheus_subjects = prometheus_subjects

    def with_config(self, config: "RunConfig") -> "ReportOptions":
        """Fill in from a ``run`` config what the command line left open (the command line wins)."""
        return self.replace(
            strict=self.strict or config.strict,
            select=self.select or config.select,
            ignore=(*config.ignore, *self.ignore),
            fail_on_skip=self.fail_on_skip or config.fail_on_skip,
            state=self.state if self.state is not None else config.state,
        )


class NetOptions(Record):
    """The network options; None where the command line left it to a config or the default."""

    __slots__ = ("nameservers", "timeout", "deadline", "ca_bundle", "proxy", "retries")

    nameservers: Final[tuple[str, ...]]
    timeout: Final[Optional[float]]
    deadline: Final[Optional[float]]
    ca_bundle: Final[Optional[str]]
    proxy: Final[Optional[str]]
    retries: Final[Optional[int]]

    def __init__(
        self,
        nameservers: tuple[str, ...] = (),
        timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        ca_bundle: Optional[str] = None,
        proxy: Optional[str] = None,
        retries: Optional[int] = None,
    ) -> None:
        self.nameservers = nameservers
        self.timeout = timeout
        self.deadline = deadline
        self.ca_bundle = ca_bundle
        self.proxy = proxy
        self.retries = retries

    @property
    def timeout_or_default(self) -> float:
        return DEFAULT_TIMEOUT if self.timeout is None else self.timeout

    @property
    def deadline_or_default(self) -> float:
        return DEFAULT_DEADLINE if self.deadline is None else self.deadline

    def with_config(self, config: "RunConfig") -> "NetOptions":
        """Fill in from a ``run`` config what the command line left open (the command line wins)."""
        return NetOptions(
            nameservers=self.nameservers or config.nameservers,
            timeout=self.timeout if self.timeout is not None else config.timeout,
            deadline=self.deadline if self.deadline is not None else config.deadline,
            ca_bundle=self.ca_bundle or config.ca_bundle,
            proxy=self.proxy or config.proxy,
            retries=self.retries if self.retries is not None else config.retries,
        )

    def settings(self, env: Environment) -> "NetSettings":
        """Network settings for this run: these options, then the environment's variables."""
        from emailsec_check.net.http import apply_environment
        from emailsec_check.net.settings import NetSettings

        return apply_environment(
            NetSettings(
                timeout=self.timeout_or_default,
                nameservers=self.nameservers,
                ca_bundle=self.ca_bundle,
                proxy=self.proxy,
                retries=self.retries or 0,
            ),
            env.environ,
        )


# The common options, as (name, annotation, default): added to each command's signature.
_REPORT_PARAMETERS: tuple[tuple[str, Any, Any], ...] = (
    ("fmt", FormatOption, OutputFormat.TEXT),
    ("output", OutputOption, None),
    ("quiet", QuietOption, False),
    ("strict", StrictOption, False),
    ("select", SelectOption, None),
    ("ignore", IgnoreOption, None),
    ("fail_on_skip", FailOnSkipOption, False),
    ("show_all", AllOption, False),
    ("state", StateOption, None),
    ("changes_only", ChangesOnlyOption, False),
    ("prometheus_subjects", PrometheusSubjectsOption, False),
    ("color", ColorOption, None),
    ("profiles_dir", ProfilesDirOption, None),
)
_NET_PARAMETERS: tuple[tuple[str, Any, Any], ...] = (
    ("nameserver", NameserverOption, None),
    ("timeout", TimeoutOption, None),
    ("deadline", DeadlineOption, None),
    ("ca_bundle", CaBundleOption, None),
    ("proxy", ProxyOption, None),
    ("retries", RetriesOption, None),
)
_CONTEXT = "_typer_context"
#: Names a command function may ask for to be handed the shared values.
_INJECTED = ("options", "net", "env")


def _report_options(values: dict[str, Any]) -> ReportOptions:
    state = values.get("state")
    if state is not None:  # a file that is not ours is refused now, not after the checks
        from emailsec_check.state import check_target

        check_target(state)
    return ReportOptions(
        fmt=values.pop("fmt"),
        output=values.pop("output"),
        quiet=values.pop("quiet"),
        strict=values.pop("strict"),
        select=_check_patterns("--select", values.pop("select")),
        ignore=_check_patterns("--ignore", values.pop("ignore")),
        color=values.pop("color"),
        profiles_dirs=tuple(values.pop("profiles_dir") or ()),
        fail_on_skip=values.pop("fail_on_skip"),
        show_all=values.pop("show_all"),
        state=values.pop("state"),
        changes_only=values.pop("changes_only"),
        prometheus_subjects=values.pop("prometheus_subjects"),
    )


def _net_options(values: dict[str, Any]) -> NetOptions:
    return NetOptions(
        nameservers=tuple(values.pop("nameserver") or ()),
        timeout=values.pop("timeout"),
        deadline=values.pop("deadline"),
        ca_bundle=values.pop("ca_bundle"),
        proxy=values.pop("proxy"),
        retries=values.pop("retries"),
    )


def _check_patterns(option: str, patterns: Optional[list[str]]) -> tuple[str, ...]:
    """``--select``/``--ignore`` entries, each matching at least one check ID."""
    from emailsec_check.catalogue import matching

    for pattern in patterns or ():
        if not matching([pattern]):
            raise InputError(
                f"{option} {pattern!r} matches no check ID (see 'emailsec-check explain')"
            )
    return tuple(pattern.strip().upper() for pattern in patterns or () if pattern.strip())


def environment(context: Optional[typer.Context] = None) -> Environment:
    """The run's environment: what the CLI put in the context, else this process's."""
    found = getattr(context, "obj", None)
    return found if isinstance(found, Environment) else Environment.from_process()


def checking_command(name: str, *, network: bool = False) -> Callable[[_F], _F]:
    """Register ``function`` as command ``name`` with the options every checking command takes.

    ``function`` declares its own options as usual, and may ask for ``options``
    (:class:`ReportOptions`), ``net`` (:class:`NetOptions`, when ``network``) and ``env``.
    """
    shared = _REPORT_PARAMETERS + (_NET_PARAMETERS if network else ())

    def register(function: _F) -> _F:
        own = inspect.signature(function).parameters
        wanted = [p for p in own.values() if p.name not in _INJECTED]
        keyword = inspect.Parameter.KEYWORD_ONLY
        parameters = [
            inspect.Parameter(_CONTEXT, keyword, annotation=typer.Context),
            *(p.replace(kind=keyword) for p in wanted),
            *(inspect.Parameter(n, keyword, annotation=a, default=d) for n, a, d in shared),
        ]

        def command(**values: Any) -> None:
            env = environment(values.pop(_CONTEXT))
            options = _report_options(values)
            # Refused before any work; run's config may still name a state file.
            _refuse_odd_combinations(options, state_from_config=name == "run")
            injected: dict[str, Any] = {"options": options, "env": env}
            if network:
                injected["net"] = _net_options(values)
            values.update({key: value for key, value in injected.items() if key in own})
            function(**values)

        command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in parameters}
        command.__name__ = function.__name__
        command.__doc__ = function.__doc__
        app.command(name)(command)
        return function

    return register


def profiles(profiles_dir: Optional[Sequence[str]]) -> "ProfileSet":
    """The bundled profiles plus the user's folders (loaded here, not at start-up)."""
    from emailsec_check.profiles import load_profiles

    return load_profiles(list(profiles_dir or ()))


def emit(
    report: Report,
    options: ReportOptions,
    env: Environment,
    *,
    inputs: Iterable[str] = (),
) -> NoReturn:
    """Render ``report`` to ``--output`` (atomically) or stdout, then exit by the contract.

    With ``--state`` the report is compared with the last run first, and this run's
    results are remembered after the report is written.
    """
    from emailsec_check.catalogue import select_results
    from emailsec_check.output import check_output_not_input, write_atomic, write_stream
    from emailsec_check.report import RenderOptions, render

    _refuse_odd_combinations(options)
    if options.select or options.ignore:
        report.results = select_results(report.results, options.select, options.ignore)
    report.started = min(report.started, env.started)
    report.finish()
    output = options.output
    if output is not None and str(output) == "-":
        output = None
    if output is not None:
        check_output_not_input(output, inputs)
    remember = None
    if options.state is not None:
        check_output_not_input(options.state, inputs, option="--state")
        from emailsec_check import state  # only with --state

        remember = state.compare(report, state.load(options.state, env.stderr))
    to_terminal = output is None
    render_options = RenderOptions(
        strict=options.strict,
        quiet=options.quiet,
        color=to_terminal
        and options.fmt is OutputFormat.TEXT
        and env.use_color(options.color, env.stdout),
        unicode=(not to_terminal) or env.can_encode("✓✗–→"),
        fail_on_skip=options.fail_on_skip,
        show_all=options.show_all,
        prometheus_subjects=options.prometheus_subjects,
        width=_width(env, to_terminal),
    )
    if not (options.changes_only and not _changed(report)):
        chunks = render(report, options.fmt, render_options)
        if output is not None:
            write_atomic(output, chunks)
        else:
            write_stream(chunks, env.stdout)
    if options.state is not None and remember is not None:
        from emailsec_check.state import save

        save(options.state, remember)
    raise typer.Exit(exit_code(report, options))


def exit_code(report: Report, options: ReportOptions) -> int:
    """The process's exit status for ``report``: the contract's, or the plugins' for nagios."""
    from emailsec_check.model import exit_status

    summary = report.summary()
    if options.fmt is OutputFormat.NAGIOS:
        from emailsec_check.report.nagios import nagios_state

        return int(nagios_state(summary, strict=options.strict))
    return int(exit_status(summary, strict=options.strict, fail_on_skip=options.fail_on_skip))


def _changed(report: Report) -> bool:
    """Whether anything differs from the last run (always true without ``--state``)."""
    from emailsec_check.model import Change

    if report.changes is None:
        return True
    return bool(report.resolved) or any(change is not Change.SAME for change in report.changes)


def _refuse_odd_combinations(options: ReportOptions, *, state_from_config: bool = False) -> None:
    """Options that do not go together: exit 2 (checked again in :func:`emit`)."""
    import os

    if (
        options.state is not None
        and options.output is not None
        and os.path.realpath(options.state) == os.path.realpath(options.output)
    ):
        raise InputError("--state and --output name the same file; give each its own")
    if options.changes_only and options.state is None and not state_from_config:
        raise InputError("--changes-only needs --state FILE (where the last run is remembered)")
    if options.changes_only and options.fmt in (OutputFormat.NAGIOS, OutputFormat.PROMETHEUS):
        raise InputError(
            f"--changes-only does not go with --format {options.fmt.value}: a monitoring "
            "system needs the report on every run"
        )


#: Text reports are wrapped to the terminal, or to this many columns elsewhere.
DEFAULT_WIDTH = 100
_MIN_WIDTH = 40


def _width(env: Environment, to_terminal: bool) -> int:
    """Columns to wrap the text report to: COLUMNS, else the terminal's, else 100."""
    columns = env.get("COLUMNS").strip()
    if columns.isascii() and columns.isdigit() and 0 < int(columns) < 10_000:
        return max(_MIN_WIDTH, int(columns))
    if to_terminal and env.is_terminal(env.stdout):
        import os

        try:
            return max(_MIN_WIDTH, os.get_terminal_size(env.stdout.fileno()).columns)
        except (AttributeError, OSError, ValueError):
            pass
    return DEFAULT_WIDTH


def write_text(text: str, output: Optional[Path]) -> None:
    """Write plain text (a template, a rendered request) like a report: atomically or to stdout."""
    from emailsec_check.output import write_atomic, write_stream

    if output is not None and str(output) != "-":
        write_atomic(output, [text])
    else:
        write_stream([text])
