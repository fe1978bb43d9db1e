"""``--format prometheus``: what node_exporter's textfile collector reads, without personal data."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from prometheus_client.parser import text_string_to_metric_families

from emailsec_check.model import Report, failed, hinted, passed, skipped
from emailsec_check.options import OutputFormat
from emailsec_check.report import RenderOptions, render_text
from emailsec_check.rules.text import visible
from tests.samples import (
    AWKWARD_SUBJECTS,
    IDENTITY_CHECK,
    STATUS_CHECK,
    awkward_report,
    one,
    simple_report,
)

# name{labels} value, and nothing after the value: a sample timestamp makes the
# textfile collector reject the whole file.
_SAMPLE = re.compile(r"^[a-z_]+(\{.*\})? -?[0-9.e+]+$")
_NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")

Samples = dict[str, list[tuple[dict[str, str], float]]]


def _text(report: Report, **options: bool) -> str:
    return render_text(report, OutputFormat.PROMETHEUS, RenderOptions(**options))


def _families(report: Report, **options: bool) -> Samples:
    text = _text(report, **options)
    families: Samples = {}
    for family in text_string_to_metric_families(text):
        assert family.type == "gauge", family.name
        assert family.documentation, family.name  # a HELP line for each
        for sample in family.samples:
            assert sample.timestamp is None
            assert _NAME.match(sample.name)
            families.setdefault(sample.name, []).append((dict(sample.labels), sample.value))
    return families


def _counts(families: Samples) -> dict[tuple[str, str, str], float]:
    return {
        (labels["id"], labels["status"], labels["group"]): value
        for labels, value in families["emailsec_check_results"]
    }


def test_counts_per_area_check_and_status_every_status_named() -> None:
    report = simple_report(*(one(status) for status in ("pass", "hint", "fail", "skip", "fail")))
    samples = _families(report)["emailsec_check_results"]
    assert {labels["area"] for labels, _ in samples} == {"datacenter"}
    assert set(samples[0][0]) == {"area", "id", "status", "group"}
    counts = _counts(_families(report))
    assert counts[("DC001", "pass", "")] == 1
    assert counts[("DC001", "hint", "")] == 1
    assert counts[("DC001", "fail", "")] == 0  # every status of a check that ran
    assert counts[("DC002", "fail", "")] == 2
    assert counts[("DC007", "skip", "")] == 1
    assert len(samples) == 3 * 4


def test_no_subject_and_no_per_result_series_by_default() -> None:
    text = _text(awkward_report())
    assert "emailsec_check_result{" not in text
    assert "subject=" not in text
    assert "dave@acme.example" not in text


def test_five_thousand_users_bounded_series_and_no_address() -> None:
    results = [
        passed(IDENTITY_CHECK, f"user{n}@acme.example", "ok", email=f"user{n}@acme.example")
        for n in range(4_990)
    ] + [
        failed(IDENTITY_CHECK, f"gone{n}@acme.example", "gone", "remove", email=f"g{n}")
        for n in range(10)
    ]
    report = simple_report(*results)
    text = _text(report)
    assert "@" not in text
    series = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(series) < 20
    assert _counts(_families(report))[("ZI901", "pass", "")] == 4_990


def test_per_subject_series_only_when_asked() -> None:
    report = simple_report(one("pass"), one("pass"), one("fail"))
    families = _families(report, prometheus_subjects=True)
    samples = families["emailsec_check_result"]
    assert sorted(value for _, value in samples) == [1, 2]  # no series written twice
    assert {labels["subject"] for labels, _ in samples} == {"https://console.eu.amp.cisco.com/"}
    assert set(samples[0][0]) == {"area", "id", "subject", "status", "group"}


def test_group_label_keeps_config_blocks_apart() -> None:
    report = simple_report(
        failed(IDENTITY_CHECK, "a@acme.example", "m", "h").in_group("tenant-a"),
        failed(IDENTITY_CHECK, "b@acme.example", "m", "h").in_group("tenant-b"),
        failed(IDENTITY_CHECK, "c@acme.example", "m", "h").in_group("tenant-b"),
    )
    counts = _counts(_families(report))
    assert counts[("ZI901", "fail", "tenant-a")] == 1
    assert counts[("ZI901", "fail", "tenant-b")] == 2


def test_status_page_gauges_per_product_and_region() -> None:
    report = simple_report(
        passed(STATUS_CHECK, "https://status.a.example", "up", product="a", url="u", up=True),
        hinted(
            STATUS_CHECK, "https://status.a.example", "minor", "follow it", product="a",
            region="europe", url="u", indicator="minor", up=True,
        ),
        passed(STATUS_CHECK, "https://status.a.example", "ok", product="a", region="apjc",
               url="u", indicator="none", up=True),
        skipped(STATUS_CHECK, "https://status.b.example", "no answer", product="b", url="v",
                indicator=None, up=False),
        passed(STATUS_CHECK, "https://x.example/", "ok", product=None, url="https://x.example/",
               indicator="none", up=True),
    )  # fmt: skip
    families = _families(report)
    up = {(s["product"], s["region"]): v for s, v in families["emailsec_check_status_page_up"]}
    assert up == {
        ("a", ""): 1,
        ("a", "europe"): 1,
        ("a", "apjc"): 1,
        ("b", ""): 0,
        ("https://x.example/", ""): 1,
    }
    indicator = families["emailsec_check_status_page_vendor_indicator"]
    shown = {(s["product"], s["region"], s["indicator"]): v for s, v in indicator}
    assert shown[("a", "europe", "minor")] == 1
    assert shown[("a", "europe", "none")] == 0
    assert shown[("a", "apjc", "none")] == 1
    assert [v for (p, _, _), v in shown.items() if p == "b"] == [0] * 5  # page not read
    assert {s["indicator"] for s, _ in indicator} == {
        "none", "minor", "major", "critical", "maintenance",
    }  # fmt: skip


def test_run_timestamp_duration_decided_and_exit_code() -> None:
    families = _families(awkward_report())
    assert families["emailsec_check_last_run_timestamp_seconds"] == [({}, 1_700_000_000.25)]
    assert families["emailsec_check_run_duration_seconds"] == [({}, 1.5)]
    assert families["emailsec_check_exit_code"] == [({}, 1)]
    assert families["emailsec_check_decided"] == [({}, 1)]
    nothing = _families(simple_report(one("skip")), fail_on_skip=True)
    assert nothing["emailsec_check_decided"] == [({}, 0)]
    assert nothing["emailsec_check_exit_code"] == [({}, 1)]


def test_exit_code_metric_follows_strict() -> None:
    report = simple_report(one("hint"))
    assert _families(report)["emailsec_check_exit_code"] == [({}, 0)]
    assert _families(report, strict=True)["emailsec_check_exit_code"] == [({}, 1)]


def test_label_values_escape_quotes_backslashes_and_newlines() -> None:
    results = [
        failed(STATUS_CHECK, subject, "m", "h", product=subject, indicator="major", up=False)
        for subject in AWKWARD_SUBJECTS
    ]
    report = simple_report(*[r.in_group(r.subject) for r in results])
    families = _families(report, prometheus_subjects=True)
    subjects = {labels["subject"] for labels, _ in families["emailsec_check_result"]}
    groups = {labels["group"] for labels, _ in families["emailsec_check_results"]}
    products = {labels["product"] for labels, _ in families["emailsec_check_status_page_up"]}
    for subject in AWKWARD_SUBJECTS:
        expected = visible(subject)  # control and bidi characters shown as escapes
        assert expected in subjects
        assert expected in groups
        if subject:
            assert expected in products


def test_no_sample_line_has_a_timestamp_and_no_series_repeats() -> None:
    text = _text(awkward_report(), prometheus_subjects=True)
    lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    for line in lines:
        assert _SAMPLE.match(line), line
    series = Counter(line.rsplit(" ", 1)[0] for line in lines)
    assert [name for name, count in series.items() if count > 1] == []
    assert text.endswith("\n")
    text.encode("utf-8")


def test_empty_report() -> None:
    families = _families(simple_report())
    assert "emailsec_check_results" not in families
    assert families["emailsec_check_exit_code"] == [({}, 0)]
    assert families["emailsec_check_decided"] == [({}, 0)]


def test_url_credentials_never_reach_a_label() -> None:
    url = "https://monitor:S3cr3tPW@status.acme.example/?token=T0k3nV4lue"
    report = simple_report(
        failed(STATUS_CHECK, url, "down", "check", product=None, url=url, indicator=None, up=False)
    )
    text = _text(report, prometheus_subjects=True)
    assert "S3cr3tPW" not in text and "T0k3nV4lue" not in text
    assert "status.acme.example" in text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_label_text_parses(name: str, product: str) -> None:
    report = simple_report(
        failed(STATUS_CHECK, name, "m", "h", product=product, indicator="minor", up=True).in_group(
            name
        ),
    )
    text = _text(report, prometheus_subjects=True)
    assert not set("\u202e\x1b\r\x00") & set(text)
    families = _families(report, prometheus_subjects=True)
    assert families["emailsec_check_status_page_up"][0][1] == 1
    assert len(families["emailsec_check_results"]) == 4
