"""``--format prometheus``: what node_exporter's textfile collector reads."""

from __future__ import annotations

import re
from collections import Counter

from prometheus_client.parser import text_string_to_metric_families

from emailsec_check.model import Report
from emailsec_check.options import OutputFormat
from tests.samples import AWKWARD_SUBJECTS, awkward_report, one, rendered, simple_report

# name{labels} value, and nothing after the value: a sample timestamp makes the
# textfile collector reject the whole file.
_SAMPLE = re.compile(r"^[a-z_]+(\{.*\})? -?[0-9.e+]+$")


def _families(report: Report, **options: bool) -> dict[str, list[tuple[dict[str, str], float]]]:
    text = rendered(report, OutputFormat.PROMETHEUS, **options)
    families: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        assert family.type == "gauge", family.name
        for sample in family.samples:
            assert sample.timestamp is None
            families.setdefault(sample.name, []).append((dict(sample.labels), sample.value))
    return families


def test_a_gauge_per_result_with_the_contract_labels() -> None:
    report = simple_report(*(one(status) for status in ("pass", "hint", "fail", "skip")))
    samples = _families(report)["emailsec_check_result"]
    assert len(samples) == 4
    for (labels, value), result in zip(samples, report.results):
        assert labels == {
            "id": result.id,
            "area": "datacenter",
            "subject": result.subject,
            "status": result.status.value,
        }
        assert value == 1


def test_run_timestamp_duration_and_counts() -> None:
    families = _families(awkward_report())
    assert families["emailsec_check_last_run_timestamp_seconds"] == [({}, 1_700_000_000.25)]
    assert families["emailsec_check_run_duration_seconds"] == [({}, 1.5)]
    counts = {labels["status"]: value for labels, value in families["emailsec_check_results"]}
    assert counts == {"pass": 2, "hint": 19, "fail": 2, "skip": 2}
    assert families["emailsec_check_exit_code"] == [({}, 1)]


def test_exit_code_metric_follows_strict() -> None:
    report = simple_report(one("hint"))
    assert _families(report)["emailsec_check_exit_code"] == [({}, 0)]
    assert _families(report, strict=True)["emailsec_check_exit_code"] == [({}, 1)]


def test_labels_escape_quotes_backslashes_and_newlines() -> None:
    subjects = {
        labels["subject"] for labels, _ in _families(awkward_report())["emailsec_check_result"]
    }
    for subject in AWKWARD_SUBJECTS:
        expected = subject.replace("\udcff", "\ufffd")
        assert expected in subjects


def test_no_sample_line_has_a_timestamp_and_no_series_repeats() -> None:
    text = rendered(awkward_report(), OutputFormat.PROMETHEUS)
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    for line in lines:
        assert _SAMPLE.match(line), line
    series = Counter(line.rsplit(" ", 1)[0] for line in lines)
    assert [name for name, count in series.items() if count > 1] == []
    assert text.endswith("\n")
    text.encode("utf-8")


def test_identical_results_become_one_series_counting_them() -> None:
    report = simple_report(one("pass"), one("pass"), one("fail"))
    samples = _families(report)["emailsec_check_result"]
    assert sorted(value for _, value in samples) == [1, 2]


def test_empty_report() -> None:
    families = _families(simple_report())
    assert "emailsec_check_result" not in families
    assert families["emailsec_check_exit_code"] == [({}, 0)]
