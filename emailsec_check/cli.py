"""The command line: the one error boundary around the Typer application.

Every expected error (``InputError``, a bad option) becomes one line on stderr
and exit 2; an unexpected one does too, never a traceback. Set
``EMAILSEC_CHECK_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

import typer

from emailsec_check import STARTED, TOOL_NAME
from emailsec_check.app import app, load_commands, usage_error_message
from emailsec_check.environment import Environment
from emailsec_check.errors import InputError
from emailsec_check.model import ExitCode, NagiosState

# Typer has bundled its own copy of Click since 0.26; older releases use Click
# itself. Its exception base is found the same way in both.
_CLICK_EXCEPTION: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)
_ABORT: type[BaseException] = typer.Abort


#: The environment variable the shell completion scripts set (completions/).
COMPLETE_VAR = "_EMAILSEC_CHECK_COMPLETE"


#: The error line said last in this call of ``main`` (``--format nagios`` repeats it).
_said: list[str] = []


def _say(message: str) -> None:
    """One line on stderr, whatever the message holds (a file's text, a URL)."""
    line = " ".join(message.split())
    line = "".join(char if char.isprintable() else repr(char)[1:-1] for char in line)
    _said[:] = [line]
    sys.stderr.write(f"{TOOL_NAME}: error: {line}\n")
    sys.stderr.flush()


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
    _said.clear()
    code = _main(argv)
    if code in (ExitCode.BAD_INPUT, ExitCode.INTERNAL) and _said and _asks_for_nagios(args):
        from emailsec_check.report.nagios import PLUGIN, safe

        sys.stdout.write(f"{PLUGIN} UNKNOWN - {safe(_said[0])}\n")
        sys.stdout.flush()
        return NagiosState.UNKNOWN
    return code


def _main(argv: Sequence[str] | None) -> int:
    if os.environ.get(COMPLETE_VAR):
        # Tab completion: the app is built without Typer's --install-completion,
        # so register its shell classes here (only when a shell asks).
        from typer.completion import completion_init  # type: ignore[attr-defined]

        completion_init()
    args = list(sys.argv[1:] if argv is None else argv)
    load_commands(args)  # only the command named, when one is: start-up
    command = typer.main.get_command(app)
    if not args and not os.environ.get(COMPLETE_VAR):
        # No command: the help is the answer (on stderr, exit 2), the same on every
        # Typer release (older ones end no_args_is_help with exit 0).
        with contextlib.redirect_stdout(sys.stderr):
            command.main(args=["--help"], prog_name=TOOL_NAME, standalone_mode=False)
        return ExitCode.BAD_INPUT
    try:
        code = command.main(
            args=args,
            prog_name=TOOL_NAME,
            complete_var=COMPLETE_VAR,
            standalone_mode=False,
            # Run in-process (tests, an embedding script): time from this call, not import.
            obj=Environment.from_process(started=STARTED if argv is None else None),
        )
    except InputError as error:
        _say(str(error))
        return ExitCode.BAD_INPUT
    except _CLICK_EXCEPTION as error:
        message = usage_error_message(error)
        if type(error).__name__ == "NoArgsIsHelpError":
            # No command given: the help is the answer, not an error line.
            sys.stderr.write(message.rstrip() + "\n")
            return ExitCode.BAD_INPUT
        context = getattr(error, "ctx", None)
        where = f"{context.command_path} --help" if context is not None else f"{TOOL_NAME} --help"
        _say(f"{message} (see '{where}')")
        # Always 2: Click gives some of its errors 1, which here means "a check failed".
        return ExitCode.BAD_INPUT
    except _ABORT:
        _say("aborted")
        return 130
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        # The reader (head, a closed pager) went away: nothing left to say to it.
        from emailsec_check.output import silence_stdout

        silence_stdout()
        return ExitCode.OK
    except Exception as error:
        if os.environ.get("EMAILSEC_CHECK_DEBUG"):
            raise
        _say(
            f"internal error ({type(error).__name__}: {error}); please report it, and run with "
            "EMAILSEC_CHECK_DEBUG=1 to see where it happened"
        )
        return ExitCode.INTERNAL
    if isinstance(code, int):
        return code
    return ExitCode.OK
