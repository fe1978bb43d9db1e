"""The command line: the one error boundary around the Typer application.

Every expected error (``InputError``, a bad option) becomes one line on stderr
and exit 2; an unexpected one does too, never a traceback. Set
``EMAILSEC_CHECK_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

from emailsec_check.collector import tune_collector

# First, before Typer and pydantic load: start-up allocates much of what the process keeps,
# and the collector would walk it again and again (collector.py says why and how far).
tune_collector()

import typer

from emailsec_check import STARTED, TOOL_NAME
from emailsec_check.app import app, load_commands, usage_error_message
from emailsec_check.environment import Environment
from emailsec_check.errors import InputError
from emailsec_check.model import ExitCode
from emailsec_check.rules.text import one_line

# Typer has bundled its own copy of Click since 0.26; older releases use Click
# itself. Its exception base is found the same way in both.
_CLICK_EXCEPTION: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)
_ABORT: type[BaseException] = typer.Abort


#: The environment variable the shell completion scripts set (completions/).
COMPLETE_VAR = "_EMAILSEC_CHECK_COMPLETE"


def _say(env: Environment, message: str) -> str:
    """One line on stderr, whatever the message holds (a file's text, a URL, a secret)."""
    from emailsec_check.rules.redact import redact  # only when there is something to say

    line = one_line(redact(message))
    env.stderr.write(f"{TOOL_NAME}: error: {line}\n")
    env.stderr.flush()
    return line


def _asks_for_nagios(args: Sequence[str]) -> bool:
    """Whether the command line asks for ``--format nagios`` (read before Typer parses it)."""
    for number, arg in enumerate(args):
        if arg == "--":
            return False
        value = None
        if arg in ("--format", "-f") and number + 1 < len(args):
            value = args[number + 1]
        elif arg.startswith("--format="):
            value = arg.partition("=")[2]
        elif arg.startswith("-f") and not arg.startswith("--"):
            value = arg[2:]
        if value is not None and value.strip().lower() == "nagios":
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    With ``--format nagios`` an input or internal error is the plugins' UNKNOWN (exit 3)
    with one status line on stdout, as well as the usual line on stderr.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    # Run in-process (tests, an embedding script): time from this call, not import.
    env = Environment.from_process(started=STARTED if argv is None else None)
    code, said = _main(args, env)
    if code in (ExitCode.BAD_INPUT, ExitCode.INTERNAL) and said and _asks_for_nagios(args):
        from emailsec_check.report.nagios import PLUGIN, NagiosState, safe

        env.stdout.write(f"{PLUGIN} UNKNOWN - {safe(said)}\n")
        env.stdout.flush()
        return NagiosState.UNKNOWN
    return code


def _main(args: list[str], env: Environment) -> tuple[int, str]:
    """The exit status, and the error line said on stderr ("" when none was)."""
    completing = bool(env.get(COMPLETE_VAR))
    if completing:
        # Tab completion: the app is built without Typer's --install-completion,
        # so register its shell classes here (only when a shell asks).
        from typer.completion import completion_init  # type: ignore[attr-defined]

        completion_init()
    # Only the command named, if any (start-up); all for Typer's own completion.
    load_commands(None if completing else args)
    command = typer.main.get_command(app)
    if not args and not completing:
        # No command: the help is the answer (on stderr, exit 2), the same on every
        # Typer release (older ones end no_args_is_help with exit 0).
        with contextlib.redirect_stdout(env.stderr):
            command.main(args=["--help"], prog_name=TOOL_NAME, standalone_mode=False)
        return ExitCode.BAD_INPUT, ""
    try:
        code = command.main(
            args=args,
            prog_name=TOOL_NAME,
            complete_var=COMPLETE_VAR,
            standalone_mode=False,
            obj=env,
        )
    except KeyboardInterrupt:
        return 130, _say(env, "interrupted")
    except Exception as error:
        return _failure(error, env)
    return (code if isinstance(code, int) else ExitCode.OK), ""


def _failure(error: Exception, env: Environment) -> tuple[int, str]:
    """The one error boundary: each kind of error as one line on stderr and its exit status."""
    if isinstance(error, InputError):
        return ExitCode.BAD_INPUT, _say(env, str(error))
    if isinstance(error, _ABORT):
        return 130, _say(env, "aborted")
    if isinstance(error, _CLICK_EXCEPTION):
        message = usage_error_message(error)
        if type(error).__name__ == "NoArgsIsHelpError":
            # No command given: the help is the answer, not an error line.
            env.stderr.write(message.rstrip() + "\n")
            return ExitCode.BAD_INPUT, ""
        context = getattr(error, "ctx", None)
        where = f"{context.command_path} --help" if context is not None else f"{TOOL_NAME} --help"
        # Always 2: Click gives some of its errors 1, which here means "a check failed".
        return ExitCode.BAD_INPUT, _say(env, f"{message} (see '{where}')")
    if isinstance(error, BrokenPipeError):
        # The reader (head, a closed pager) went away: nothing left to say to it.
        from emailsec_check.output import silence_stdout

        silence_stdout()
        return ExitCode.OK, ""
    if env.get("EMAILSEC_CHECK_DEBUG"):
        raise error
    return ExitCode.INTERNAL, _say(
        env,
        f"internal error ({type(error).__name__}: {error}); please report it, and run with "
        "EMAILSEC_CHECK_DEBUG=1 to see where it happened",
    )
