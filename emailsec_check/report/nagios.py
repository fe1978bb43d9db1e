"""``--format nagios``: a check result as the Monitoring Plugins guidelines describe it.

The first line is ``EMAILSEC-CHECK <STATE> - <summary> | <perfdata>``; what follows is
long output, one line per result that is not a pass. Nagios, Icinga, Naemon, Checkmk,
Zabbix agents and Sensu read it; the exit status (0 OK, 1 WARNING, 2 CRITICAL,
3 UNKNOWN) is set by the CLI from the same rule (:func:`nagios_state`).

Perfdata is ``'label'=value[UOM];[warn];[crit];[min];[max]``: labels here have no
spaces or quotes, so they need no quoting; the duration carries ``s``. Long output
never holds a ``|`` (it would start perfdata), and findings fold as in the text
format (more than 20 alike become the first 10 and a count), so a monitoring system's
output limit is met by what matters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import IntEnum

from emailsec_check.model import ExitCode, Report, Result, Status, exit_status, is_decided
from emailsec_check.report import RenderOptions
from emailsec_check.report.common import Folded, shown_sections
from emailsec_check.rules.text import one_line

__all__ = ["PLUGIN", "NagiosState", "nagios_state", "render", "safe"]

#: The service name the status line starts with.
PLUGIN = "EMAILSEC-CHECK"


class NagiosState(IntEnum):
    """Monitoring Plugins service states; the value is the plugin's exit status."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


def nagios_state(summary: Mapping[str, int], *, strict: bool = False) -> NagiosState:
    """The run as a monitoring plugin reports it.

    CRITICAL on a fail (or a hint under ``strict``), WARNING on a hint, UNKNOWN when
    nothing could be decided, otherwise OK: :func:`exit_status` read the plugins' way.
    """
    if exit_status(summary, strict=strict) is ExitCode.PROBLEMS:
        return NagiosState.CRITICAL
    if summary.get(Status.HINT.value, 0):
        return NagiosState.WARNING
    if not is_decided(summary):
        return NagiosState.UNKNOWN
    return NagiosState.OK


def safe(text: str) -> str:
    """One line (:func:`one_line`), with no ``|``: that would start perfdata."""
    return one_line(text).replace("|", "/")


#: The status line's mention of the first finding is cut to this many characters.
_FIRST_MAX = 160


def _summary(report: Report, counts: dict[str, int]) -> str:
    total = len(report.results)
    if not total:
        return "nothing was checked (no result)"
    found = ", ".join(
        f"{counts[status.value]} {status.value}"
        for status in (Status.FAIL, Status.HINT, Status.SKIP, Status.PASS)
        if counts[status.value]
    )
    text = f"{total:,} result{'s' if total != 1 else ''}: {found}"
    if counts[Status.SKIP.value] == total:
        text = f"nothing could be checked ({found})"
    first = None
    for wanted in (Status.FAIL, Status.HINT, Status.SKIP):
        first = next((r for r in report.results if r.status is wanted), None)
        if first is not None:
            break
    if first is not None:
        said = safe(f"{first.check.id} {first.subject}: {first.message}")
        if len(said) > _FIRST_MAX:
            said = said[: _FIRST_MAX - 3].rstrip() + "..."
        text += f"; first: {said}"
    return safe(text)


def _perfdata(report: Report, counts: dict[str, int]) -> str:
    values = " ".join(f"{status.value}={counts[status.value]};;;0" for status in Status)
    return f"{values} duration={report.duration:.3f}s;;;0"


def _line(result: Result) -> str:
    fix = f" (fix: {result.hint})" if result.hint else ""
    return safe(
        f"{result.status.value.upper()} {result.check.id} {result.subject}: {result.message}{fix}"
    )


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    counts = report.summary()
    state = nagios_state(counts, strict=options.strict)
    yield f"{PLUGIN} {state.name} - {_summary(report, counts)} | {_perfdata(report, counts)}\n"
    quiet = RenderOptions(
        quiet=True,
        show_all=options.show_all,
        fold_alike_over=options.fold_alike_over,
        fold_keep=options.fold_keep,
    )
    for _, section_rows in shown_sections(report, quiet):
        for row in section_rows:
            if isinstance(row, Folded):
                yield (
                    safe(
                        f"... and {row.more:,} more {row.status.value.upper()} {row.check.id} "
                        "like these (--all lists them)"
                    )
                    + "\n"
                )
            else:
                yield _line(row.result) + "\n"
