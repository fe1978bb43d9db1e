"""``emailsec-check request FILE`` and ``emailsec-check request --template KIND``."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.commands.common import emit, profiles
from emailsec_check.errors import InputError
from emailsec_check.options import (
    FormatOption,
    OutputFormat,
    OutputOption,
    ProfilesDirOption,
    StrictOption,
)


def _complete_kinds(incomplete: str) -> list[str]:
    """Tab completion for --kind and --template: the request kinds of the bundled profiles."""
    try:
        known = profiles(None)
    except InputError:
        return []
    return [kind.id for kind in known.request_kinds() if kind.id.startswith(incomplete)]


@app.command("request")
def request_command(
    file: Annotated[
        Optional[str],
        typer.Argument(
            metavar="FILE",
            help="The request: plain 'Label: value' text, TOML or JSON ('-': standard input).",
        ),
    ] = None,
    kind: Annotated[
        Optional[str],
        typer.Option(
            "--kind",
            metavar="KIND",
            help="The kind of request, when the file has no 'kind' and its fields do not tell.",
            autocompletion=_complete_kinds,
        ),
    ] = None,
    template: Annotated[
        Optional[str],
        typer.Option(
            "--template",
            metavar="KIND",
            help="Print a blank request of this kind to fill in, and exit.",
            autocompletion=_complete_kinds,
        ),
    ] = None,
    render: Annotated[
        bool,
        typer.Option(
            "--render",
            help="When nothing fails, print the completed request ready to paste (hints go to "
            "standard error); otherwise the report.",
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    strict: StrictOption = False,
    profiles_dir: ProfilesDirOption = None,
) -> None:
    """A support request (Cisco GLO licensing, Mimecast escalation) has every field it needs."""
    import sys

    from emailsec_check.checks.request import assess_request
    from emailsec_check.model import Report, Status
    from emailsec_check.rules.hosts import HostRules
    from emailsec_check.sources.request import (
        read_request,
        read_request_stream,
        require_kind,
        resolve_kind,
        template_text,
    )

    known = profiles(profiles_dir)
    if template is not None:
        if file is not None:
            raise InputError("--template prints a blank request; give it no FILE")
        _write(template_text(require_kind(known, template, option="--template")), output)
        raise typer.Exit(0)
    if file is None:
        raise InputError("give a request FILE to check, or --template KIND for a blank one")
    kinds = known.request_kinds()
    if file == "-":
        doc = read_request_stream(sys.stdin.buffer, kinds)
    else:
        doc = read_request(Path(file), kinds)
    chosen, how = resolve_kind(doc, known, kind)
    assessment = assess_request(doc, chosen, HostRules(known), how=how)
    report = Report(command="request")
    report.extend(assessment.results)
    if render and not report.exit_code(strict=strict):
        for result in assessment.results:
            if result.status is Status.HINT:
                sys.stderr.write(f"hint: {result.id} {result.subject}: {result.message}\n")
        _write(assessment.rendered(), output)
        raise typer.Exit(0)
    emit(report, fmt=fmt, output=output, strict=strict)


def _write(text: str, output: Optional[Path]) -> None:
    from emailsec_check.output import write_atomic, write_stream

    if output is not None:
        write_atomic(output, [text])
    else:
        write_stream([text])
