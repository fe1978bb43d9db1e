"""The Typer application object; the command modules attach themselves to it.

Only Typer and the standard library are imported here and in ``commands/``:
``--help`` and the offline commands must start fast.

Help reads like a man page on every Typer release: arguments show as ``URL...`` or
``[CONFIG]`` (never a Python type such as ``<list[str]>``), and each command's help
ends with two examples, kept here in :data:`EXAMPLES` next to the wiring that shows them.
"""

import re
from collections.abc import Sequence
from typing import Any, Callable, Optional, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from emailsec_check import TOOL_NAME, __version__

__all__ = [
    "COMMANDS",
    "EXAMPLES",
    "ManPageCommand",
    "app",
    "argument_usage",
    "load_commands",
    "usage_error_message",
]

_F = TypeVar("_F", bound=Callable[..., Any])

#: Two examples per command: (what it does, the command line). The root's are under "".
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (
        ("Check every bundled product's status page:", "emailsec-check run"),
        ("What a check means and how to fix it:", "emailsec-check explain ID005"),
    ),
    "status": (
        ("Every bundled product's status page:", "emailsec-check status"),
        (
            "Secure Endpoint's page only, as JSON for a script:",
            "emailsec-check status amp --format json",
        ),
    ),
    "datacenter": (
        (
            "Which product and region a console URL belongs to:",
            "emailsec-check datacenter https://console.eu.amp.cisco.com/",
        ),
        (
            "Fail unless the URL is in the European datacenter:",
            "emailsec-check datacenter console.eu.amp.cisco.com --expect eu",
        ),
    ),
    "identities": (
        (
            "A product's users against an Entra ID export:",
            "emailsec-check identities endpoint-users.csv entra-users.csv",
        ),
        (
            "With Secure Endpoint's rules, without DNS, addresses masked:",
            "emailsec-check identities users.csv entra.csv -p amp --no-dns --redact",
        ),
    ),
    "request": (
        (
            "A blank Cisco licensing request to fill in:",
            "emailsec-check request --template cisco-glo-licensing -o glo.txt",
        ),
        ("Check it, then print it ready to paste:", "emailsec-check request glo.txt --render"),
    ),
    "run": (
        ("Everything your config file names:", "emailsec-check run emailsec-check.toml"),
        (
            "The same for node_exporter's textfile collector:",
            "emailsec-check run -f prometheus -o /var/lib/node_exporter/emailsec.prom",
        ),
    ),
    "profiles": (
        ("The products known:", "emailsec-check profiles"),
        ("One product in full, as JSON:", "emailsec-check profiles amp --format json"),
    ),
    "explain": (
        ("Every identities check with its title:", "emailsec-check explain ID"),
        ("One check in full:", "emailsec-check explain ID005"),
    ),
    "completion": (
        (
            "Complete in this bash (add the line to ~/.bashrc to keep it):",
            'eval "$(emailsec-check completion bash)"',
        ),
        (
            "Install zsh completion (~/.zfunc on $fpath, before compinit):",
            "mkdir -p ~/.zfunc && emailsec-check completion zsh > ~/.zfunc/_emailsec-check",
        ),
    ),
}


def _examples_text(name: str) -> Optional[str]:
    examples = EXAMPLES.get(name)
    if not examples:
        return None
    return "\n".join(f"{what}\n  {line}" for what, line in examples)


def argument_usage(param: Any) -> str:
    """An argument as usage shows it: ``URL...``, ``[CONFIG]``, ``[PRODUCT]...``.

    Built from the argument itself (name, required, how many), whatever brackets its
    metavar already has, so every Typer release shows the same words.
    """
    name = _bare_name(param)
    if not param.required:
        name = f"[{name}]"
    return f"{name}..." if param.nargs != 1 else name


def _bare_name(param: Any) -> str:
    """An argument's name without the brackets and dots a metavar may carry: ``CONFIG``."""
    return re.sub(r"[\[\]{}.<>]", "", param.metavar or param.name.upper()) or "ARG"


def _write_examples(text: Optional[str], formatter: Any) -> None:
    """The examples, line for line (Click would rewrap them into one paragraph)."""
    if not text:
        return
    with formatter.section("Examples"):
        for line in text.splitlines():
            formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


class ManPageCommand(TyperCommand):
    """A command whose help names its arguments without Python types and ends in examples."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [argument_usage(p) for p in self.get_params(ctx) if _is_argument(p)]
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        arguments = [
            (argument_usage(p), getattr(p, "help", None) or "")
            for p in params
            if _is_argument(p) and not getattr(p, "hidden", False)
        ]
        options = [
            (record[0], _plain_range(record[1]))
            for p in params
            if not _is_argument(p)
            for record in [p.get_help_record(ctx)]
            if record is not None
        ]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_examples(self.epilog, formatter)


class ManPageGroup(TyperGroup):
    """The top level: commands listed from :data:`COMMANDS`, and its help ends in examples."""

    def list_commands(self, ctx: Any) -> list[str]:
        # Commands register as their modules are imported (see load_commands): sort, so
        # the order never depends on which were imported first.
        return sorted(super().list_commands(ctx))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(sorted(COMMANDS.items()))

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        _write_examples(self.epilog, formatter)


def _plain_range(text: str) -> str:
    """Click's ``[0.1<=x<=600.0]`` as ``[0.1 to 600.0]``."""
    text = re.sub(r"(\S+)<=x<=(\S+?)(?=[;\]])", r"\1 to \2", text)
    text = re.sub(r"x>=(\S+?)(?=[;\]])", r"at least \1", text)
    return re.sub(r"x<=(\S+?)(?=[;\]])", r"at most \1", text)


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


class _App(typer.Typer):
    """Typer, with every command made a :class:`ManPageCommand` carrying its examples."""

    def command(self, name: Optional[str] = None, **settings: Any) -> Callable[[_F], _F]:
        settings.setdefault("cls", ManPageCommand)
        if settings.get("epilog") is None and name is not None:
            settings["epilog"] = _examples_text(name)
        return super().command(name, **settings)


app = _App(
    name=TOOL_NAME,
    cls=ManPageGroup,
    help=(
        "Health checks for the accounts, licences and sign-on set-up of email- and "
        "endpoint-security cloud products (Cisco Secure Email Threat Defense, Cisco Secure "
        "Endpoint, Mimecast). Every result is pass, hint, fail or skip; exit 0 when nothing "
        "failed, 1 when something did, 2 when the input could not be used."
    ),
    epilog=_examples_text(""),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


#: Every command (registered by ``emailsec_check.commands.<name>`` when that is imported),
#: with the line the top-level help lists it by: that help then imports no command module.
COMMANDS = {
    "completion": "Print the shell completion script (bash, zsh, fish).",
    "datacenter": "Which product and region a console URL belongs to.",
    "explain": "What a check means and how to fix what it finds.",
    "identities": "Product logins against the identity provider's users.",
    "profiles": "The product profiles known, or one in full.",
    "request": "Whether a support request has every field, in a valid form.",
    "run": "Everything a config file names, in one report.",
    "status": "Vendor status pages: reachable from here, and what they report.",
}
#: Options of the top level alone: the command line needs no command module.
_TOP_LEVEL = ("-h", "--help", "--version")


def load_commands(args: Optional[Sequence[str]] = None) -> None:
    """Import the command modules a command line needs (``None``: all of them).

    ``emailsec-check explain ID005`` imports and builds one command, not eight;
    ``--help`` and ``--version`` none; a mistyped command name all of them (for Click's
    "did you mean").
    """
    import importlib

    if args is None:
        names: Sequence[str] = tuple(COMMANDS)
    elif args and args[0] in COMMANDS:
        names = (args[0],)
    elif not args or args[0] in _TOP_LEVEL:
        names = ()
    else:
        names = tuple(COMMANDS)
    for name in names:
        importlib.import_module(f"emailsec_check.commands.{name}")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{TOOL_NAME} {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    # A plain bool (not Optional): Typer skips its pydantic-based coercion for it.
    version: bool = typer.Option(
        False,
        "--version",
        callback=_show_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Health checks for email- and endpoint-security cloud accounts."""


# --------------------------------------------------------------------------- error wording

_CHOICES = r"^'(?P<value>.*)' is not one of (?P<choices>.+?)\.?$"
# Typer 0.29 checks values with pydantic, whose messages are worded for programmers; older
# releases use Click's. Patterns stay strings until an error needs them (start-up).
_REWORDED = (
    (r"^Value error, ", ""),
    (r"^Input should be a valid number.*", "not a number"),
    (r"^Input should be a valid integer.*", "not a whole number"),
    (r"^Input should be greater than or equal to (.+)$", r"must be at least \1"),
    (r"^Input should be less than or equal to (.+)$", r"must be at most \1"),
    (r"^'(.*)' is not a valid float range\.$", r"'\1' is not a number"),
    (r"^'(.*)' is not a valid integer range\.$", r"'\1' is not a whole number"),
    (r"^(.*) is not in the range (\S+)<=x<=(\S+)\.?$", r"\1 is not between \2 and \3"),
)


def _parameter_name(param: Any) -> str:
    """``--format`` for an option (its long name), ``URL`` for an argument."""
    if _is_argument(param):
        return _bare_name(param)
    names: Sequence[str] = [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]
    longest = max(names, key=len, default=param.name or "")
    return str(longest)


def usage_error_message(error: Exception) -> str:
    """Click's or Typer's usage error in plain words, the same on every Typer release.

    A bad value reads ``invalid value for '--format': 'bogus' is not one of text, json, ...``;
    other usage errors keep Click's wording.
    """
    param = getattr(error, "param", None)
    reason = str(getattr(error, "message", "") or "")
    if param is None or type(error).__name__ != "BadParameter":
        return str(error.format_message())  # type: ignore[attr-defined]
    for pattern, replacement in _REWORDED:
        reason = re.sub(pattern, replacement, reason)
    choices = re.match(_CHOICES, reason, re.DOTALL)
    if choices:
        names = ", ".join(c.strip().strip("'\"") for c in choices["choices"].split(","))
        reason = f"'{choices['value']}' is not one of {names}"
    return f"invalid value for '{_parameter_name(param)}': {reason.rstrip('.')}"
