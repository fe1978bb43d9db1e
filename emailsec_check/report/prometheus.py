"""Prometheus text exposition for node_exporter's textfile collector.

Metric set (documented in the README):
- ``emailsec_check_result{id,area,subject,status}``: 1 per result (the number of
  results when several share the same labels, so no series is written twice);
- ``emailsec_check_results{status}``: results per status;
- ``emailsec_check_last_run_timestamp_seconds`` and ``emailsec_check_run_duration_seconds``;
- ``emailsec_check_exit_code``: the exit status the run ended with.
No sample carries a timestamp: the textfile collector rejects them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from emailsec_check.model import Report
from emailsec_check.report import RenderOptions

PREFIX = "emailsec_check"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _label(value: str) -> str:
    # The format is UTF-8: a lone surrogate (undecodable bytes in argv) cannot be written.
    value = _SURROGATE.sub("\ufffd", value)
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _help(name: str, text: str, kind: str = "gauge") -> str:
    return f"# HELP {PREFIX}_{name} {text}\n# TYPE {PREFIX}_{name} {kind}\n"


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    series: Counter[tuple[str, str, str, str]] = Counter(
        (r.id, r.area.value, r.subject, r.status.value) for r in report.results
    )
    yield _help("result", "One result of a check; the status label says what it found.")
    for (check_id, area, subject, status), count in series.items():
        yield (
            f'{PREFIX}_result{{id="{_label(check_id)}",area="{_label(area)}",'
            f'subject="{_label(subject)}",status="{_label(status)}"}} {count}\n'
        )
    yield _help("results", "Number of results per status in the last run.")
    for status, count in report.summary().items():
        yield f'{PREFIX}_results{{status="{status}"}} {count}\n'
    yield _help("last_run_timestamp_seconds", "When the last run started, in Unix time.")
    yield f"{PREFIX}_last_run_timestamp_seconds {report.started:.3f}\n"
    yield _help("run_duration_seconds", "How long the last run took.")
    yield f"{PREFIX}_run_duration_seconds {report.duration:.3f}\n"
    yield _help("exit_code", "The exit status of the last run (0 ok, 1 problems found).")
    yield f"{PREFIX}_exit_code {int(report.exit_code(strict=options.strict))}\n"
