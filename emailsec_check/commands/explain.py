"""``emailsec-check explain [CHECK_ID]``: one check in full, or the checks an ID prefix names."""

import textwrap
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from emailsec_check.app import app
from emailsec_check.commands.info_format import InfoFormat, InfoFormatOption
from emailsec_check.errors import InputError

if TYPE_CHECKING:
    from emailsec_check.model import CheckInfo


@app.command("explain")
def explain_command(
    check_id: Annotated[
        Optional[str],
        typer.Argument(
            metavar="CHECK_ID",
            help=(
                "A check ID such as DC001 (any letter case), an ID prefix such as ID or DC00, "
                "or an area such as identities; none lists every check."
            ),
        ),
    ] = None,
    fmt: InfoFormatOption = InfoFormat.TEXT,
) -> None:
    """What a check means and how to fix what it finds (no ID: the whole catalogue)."""
    from emailsec_check import catalogue

    if check_id is None:
        _print_list(catalogue.all_checks(), fmt)
        return
    check = catalogue.find(check_id)
    if check is not None:
        _print_one(check, fmt)
        return
    found = _by_prefix_or_area(check_id)
    if not found:
        raise InputError(_unknown(check_id))
    _print_list(found, fmt)


def _by_prefix_or_area(word: str) -> "tuple[CheckInfo, ...]":
    """The checks whose ID starts with ``word`` (``ID``, ``dc00``), or of the area it names."""
    from emailsec_check import catalogue

    wanted = word.strip()
    if not wanted.isalnum():
        return ()
    checks = catalogue.all_checks()
    by_area = tuple(c for c in checks if c.area.value == wanted.lower())
    return by_area or tuple(c for c in checks if c.id.startswith(wanted.upper()))


def _unknown(word: str) -> str:
    from emailsec_check import catalogue
    from emailsec_check.rules.redact import redact
    from emailsec_check.rules.suggest import did_you_mean

    checks = catalogue.all_checks()
    names = [c.id for c in checks] + sorted({c.area.value for c in checks})
    nearest = did_you_mean(word.strip(), names)
    hint = f" (did you mean {nearest}?)" if nearest else ""
    return f"unknown check ID {redact(word)!r}{hint}; 'emailsec-check explain' lists the catalogue"


def _print_list(checks: "tuple[CheckInfo, ...]", fmt: InfoFormat) -> None:
    if fmt is InfoFormat.JSON:
        rows = [{"id": c.id, "area": c.area.value, "title": c.title} for c in checks]
        _print_json(rows)
        return
    for check in checks:
        typer.echo(f"{check.id}  {check.area.value:<11} {check.title}")


def _print_one(check: "CheckInfo", fmt: InfoFormat) -> None:
    if fmt is InfoFormat.JSON:
        entry = {
            "id": check.id,
            "area": check.area.value,
            "title": check.title,
            "explanation": check.explanation,
        }
        _print_json(entry)
        return
    typer.echo(f"{check.id}: {check.title}")
    typer.echo(f"area: {check.area.value}\n")
    typer.echo(textwrap.fill(check.explanation, width=78))


def _print_json(value: object) -> None:
    import json

    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))
