"""``emailsec-check request FILE`` and ``emailsec-check request --template KIND``."""

from typing import Annotated, Optional

import typer

from emailsec_check.commands.common import (
    ReportOptions,
    checking_command,
    emit,
    profiles,
    write_text,
)
from emailsec_check.environment import Environment
from emailsec_check.errors import InputError


def _complete_kinds(incomplete: str) -> list[str]:
    """Tab completion for --kind and --template: the request kinds of the bundled profiles."""
    try:
        known = profiles(None)
    except InputError:
        return []
    return [kind.id for kind in known.request_kinds() if kind.id.startswith(incomplete)]


@checking_command("request")
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
    *,
    options: ReportOptions,
    env: Environment,
) -> None:
    """A support request (Cisco GLO licensing, Mimecast escalation) has every field it needs."""
    from emailsec_check.sources.request.kinds import require_kind, resolve_kind

    known = profiles(options.profiles_dirs)
    if template is not None:
        if file is not None:
            raise InputError("--template prints a blank request; give it no FILE")
        from emailsec_check.sources.request.writing import template_text

        write_text(
            template_text(require_kind(known, template, option="--template")), options.output
        )
        raise typer.Exit(0)
    # The checks are loaded only here: a blank template needs none of them.
    from emailsec_check.checks.request import assess_request
    from emailsec_check.model import Report, Status
    from emailsec_check.rules.hosts import HostRules
    from emailsec_check.rules.text import one_line
    from emailsec_check.sources.request.reading import read_request

    if file is None:
        raise InputError("give a request FILE to check, or --template KIND for a blank one")
    # The file (or the command's standard input for "-") is read by sources: regular files
    # only, at most 1 MiB; the checks get the document as facts.
    stdin = env.stdin.buffer if file == "-" else None
    doc = read_request(file, known.request_kinds(), stdin=stdin)
    chosen, how = resolve_kind(doc, known, kind)
    assessment = assess_request(doc, chosen, HostRules(known), how=how)
    report = Report(command="request")
    report.extend(assessment.results)
    if render and not report.exit_code(strict=options.strict):
        for result in assessment.results:
            if result.status is Status.HINT:
                said = one_line(f"{result.id} {result.subject}: {result.message}")
                env.stderr.write(f"hint: {said}\n")
        write_text(assessment.rendered(), options.output)
        raise typer.Exit(0)
    emit(report, options, env, inputs=(file,))
