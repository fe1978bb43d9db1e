"""Prometheus text exposition for node_exporter's textfile collector.

No personal data and bounded cardinality by default: series are per check, status,
config block (``group``), product and region, never per subject. The metric set (the
README's "Prometheus metrics" table):

- ``emailsec_check_results{area,id,status,group}``: results of each check per status
  (every status of a check that ran, 0 included, so an alert's series does not vanish);
- ``emailsec_check_status_page_up{product,region}``: 1 when the status page answered, 0
  when not (from the status results' ``up``);
- ``emailsec_check_status_page_vendor_indicator{product,region,indicator}``: 1 for the
  indicator the vendor reports, 0 for the others;
- ``emailsec_check_decided``: 0 when nothing could be checked (every result a skip);
- ``emailsec_check_last_run_timestamp_seconds``, ``emailsec_check_run_duration_seconds``,
  ``emailsec_check_exit_code``;
- only with ``--prometheus-subjects``: ``emailsec_check_result{area,id,subject,status,group}``,
  1 per result (the count when several share the labels).

Every metric is a gauge (values of the last run, not counters). No sample carries a
timestamp: the textfile collector rejects them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, Optional

from emailsec_check.model import STATUS_ORDER, Area, Report, exit_status, is_decided
from emailsec_check.report import RenderOptions
from emailsec_check.rules.redact import redact
from emailsec_check.rules.text import visible

__all__ = ["INDICATORS", "PREFIX", "render"]

PREFIX = "emailsec_check"
#: The Statuspage indicators (the contract's closed set), in order of severity.
INDICATORS = ("none", "maintenance", "minor", "major", "critical")

_SURROGATE = re.compile("[\ud800-\udfff]")


def _label(value: Any) -> str:
    """A label value as the exposition format escapes it (backslash, quote, line feed).

    URL credentials are masked first: a ``--url`` page or a subject may carry them, and
    metrics are kept and shown far and wide. Control and bidi characters are shown as
    escapes (:func:`visible`), as in every other format: a dashboard shows them too.
    """
    text = "" if value is None else visible(redact(str(value)))
    # The format is UTF-8: a lone surrogate (undecodable bytes in argv) cannot be written.
    text = _SURROGATE.sub("\ufffd", text)
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: Any) -> str:
    return "{" + ",".join(f'{name}="{_label(value)}"' for name, value in labels.items()) + "}"


def _help(name: str, text: str) -> str:
    return f"# HELP {PREFIX}_{name} {text}\n# TYPE {PREFIX}_{name} gauge\n"


#: A status page's series key: (product, region).
_Page = tuple[str, str]


def _pages(report: Report) -> tuple[dict[_Page, int], dict[_Page, Optional[str]]]:
    """Per status page: up (0/1) and the vendor's indicator, from the status results' data.

    A page named by ``--url`` (no product) is labelled by its URL, so two such pages stay
    apart. Where several results speak of one page, the worst wins: down over up, the
    more severe indicator over the milder.
    """
    up: dict[_Page, int] = {}
    indicator: dict[_Page, Optional[str]] = {}
    for result in report.results:
        if result.area is not Area.STATUS:
            continue
        data: Mapping[str, Any] = result.data
        page = (str(data.get("product") or data.get("url") or result.subject), _region(data))
        value = data.get("up")
        if isinstance(value, bool):
            up[page] = min(up.get(page, 1), int(value))
        if "indicator" in data:
            found = data["indicator"] if data["indicator"] in INDICATORS else None
            known = indicator.get(page)
            if page not in indicator or _severity(found) > _severity(known):
                indicator[page] = found
    return up, indicator


def _region(data: Mapping[str, Any]) -> str:
    region = data.get("region")
    return "" if region is None else str(region)


def _severity(indicator: Optional[str]) -> int:
    return -1 if indicator is None else INDICATORS.index(indicator)


def render(report: Report, options: RenderOptions) -> Iterator[str]:
    counts: Counter[tuple[str, str, str, str]] = Counter(
        (r.area.value, r.check.id, r.group or "", r.status.value) for r in report.results
    )
    checks = dict.fromkeys((area, check_id, group) for area, check_id, group, _ in counts)
    yield _help("results", "Results of each check in the last run, per status.")
    for area, check_id, group in checks:
        for status in STATUS_ORDER:
            labels = _labels(area=area, id=check_id, status=status.value, group=group)
            yield f"{PREFIX}_results{labels} {counts[(area, check_id, group, status.value)]}\n"
    up, indicator = _pages(report)
    if up:
        yield _help("status_page_up", "1 when the vendor's status page answered, 0 when not.")
        for (product, region), value in up.items():
            yield f"{PREFIX}_status_page_up{_labels(product=product, region=region)} {value}\n"
    if indicator:
        yield _help(
            "status_page_vendor_indicator",
            "1 for the indicator the vendor's status page reports (none, maintenance, minor, "
            "major, critical); all 0 when the page could not be read.",
        )
        for (product, region), found in indicator.items():
            for name in INDICATORS:
                labels = _labels(product=product, region=region, indicator=name)
                yield f"{PREFIX}_status_page_vendor_indicator{labels} {int(name == found)}\n"
    if options.prometheus_subjects:
        yield from _per_subject(report)
    summary = report.summary()
    yield _help("decided", "0 when nothing could be checked in the last run (all skipped).")
    yield f"{PREFIX}_decided {int(is_decided(summary))}\n"
    yield _help("last_run_timestamp_seconds", "When the last run started, in Unix time.")
    yield f"{PREFIX}_last_run_timestamp_seconds {report.started:.3f}\n"
    yield _help("run_duration_seconds", "How long the last run took.")
    yield f"{PREFIX}_run_duration_seconds {report.duration:.3f}\n"
    yield _help("exit_code", "The exit status of the last run (0 ok, 1 problems found).")
    code = exit_status(summary, strict=options.strict, fail_on_skip=options.fail_on_skip)
    yield f"{PREFIX}_exit_code {int(code)}\n"


def _per_subject(report: Report) -> Iterator[str]:
    """One series per result, labelled with its subject: only when asked for."""
    series: Counter[tuple[str, str, str, str, str]] = Counter(
        (r.area.value, r.check.id, r.subject, r.status.value, r.group or "") for r in report.results
    )
    yield _help("result", "One result of a check; the status label says what it found.")
    for (area, check_id, subject, status, group), count in series.items():
        labels = _labels(area=area, id=check_id, subject=subject, status=status, group=group)
        yield f"{PREFIX}_result{labels} {count}\n"
