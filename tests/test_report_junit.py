"""``--format junit``: parses, validates against the readers' constraints, counts add up."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.model import Report, Status, failed, passed
from emailsec_check.options import OutputFormat
from emailsec_check.report import RenderOptions, render
from emailsec_check.rules.text import visible
from tests.samples import (
    AWKWARD_SUBJECTS,
    STATUS_CHECK,
    awkward_report,
    one,
    rendered,
    simple_report,
)

SCHEMA = xmlschema.XMLSchema(Path(__file__).parent / "data" / "junit.xsd")
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _junit(report: Report, *, strict: bool = False) -> ET.Element:
    text = rendered(report, OutputFormat.JUNIT, strict=strict)
    SCHEMA.validate(text)
    return ET.fromstring(text.encode("utf-8"))


def test_validates_and_groups_by_area() -> None:
    report = awkward_report()
    root = _junit(report)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [
        "datacenter",
        "status",
        "identities",
        "request",
    ]
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(report.results)
    assert root.get("tests") == str(len(report.results))


def test_counts_match_the_cases() -> None:
    for strict in (False, True):
        root = _junit(awkward_report(), strict=strict)
        for suite in root.findall("testsuite"):
            cases = suite.findall("testcase")
            assert suite.get("tests") == str(len(cases))
            assert suite.get("failures") == str(len(suite.findall("testcase/failure")))
            assert suite.get("skipped") == str(len(suite.findall("testcase/skipped")))
            assert suite.get("errors") == "0"
        assert root.get("failures") == str(len(root.findall("testsuite/testcase/failure")))
        assert root.get("skipped") == str(len(root.findall("testsuite/testcase/skipped")))


@pytest.mark.parametrize(
    ("status", "strict", "child"),
    [
        ("pass", False, "system-out"),
        ("hint", False, "system-out"),
        ("hint", True, "failure"),
        ("fail", False, "failure"),
        ("fail", True, "failure"),
        ("skip", False, "skipped"),
        ("skip", True, "skipped"),
    ],
)
def test_verdict_element_per_status(status: str, strict: bool, child: str) -> None:
    root = _junit(simple_report(one(status)), strict=strict)
    case = root.find("testsuite/testcase")
    assert case is not None
    assert [element.tag for element in case] == [child]


def test_failure_carries_message_and_hint() -> None:
    result = one("fail")
    case = _junit(simple_report(result)).find("testsuite/testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == result.message
    assert failure.get("type") == "fail"
    assert failure.text == result.hint
    assert case.get("name") == f"{result.id} {result.subject}"
    assert case.get("classname") == "emailsec-check.datacenter.DC002"


def test_hint_text_appears_for_a_hint_that_does_not_fail() -> None:
    result = one("hint")
    out = _junit(simple_report(result)).find("testsuite/testcase/system-out")
    assert out is not None and out.text is not None
    assert result.message in out.text
    assert str(result.hint) in out.text


def test_awkward_subjects_round_trip_or_are_shown_escaped() -> None:
    root = _junit(awkward_report())
    names = {case.get("name") for case in root.iter("testcase")}
    for subject in AWKWARD_SUBJECTS:
        assert "DC001 " + visible(subject) in names
    assert "DC001 bidi \\u202egnp.exe and zero\\u200bwidth" in names


def test_no_forbidden_or_bidi_character_reaches_the_xml() -> None:
    vendor = "Status \u202eevil\u202c \x00\x1b\ufffe\udcff \U0010ffff done"
    report = simple_report(
        failed(STATUS_CHECK, vendor, vendor, f"see {vendor}\nthen {vendor}", product=None)
    )
    text = rendered(report, OutputFormat.JUNIT)
    SCHEMA.validate(text)
    assert _XML_ILLEGAL.search(text) is None
    for char in "\u202e\u202c\x00\x1b\ufffe\udcff\U0010ffff":
        assert char not in text
    failure = ET.fromstring(text.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure is not None and failure.text is not None
    assert failure.get("message") == visible(vendor)
    assert failure.text.split("\n") == [f"see {visible(vendor)}", f"then {visible(vendor)}"]


def test_config_block_name_in_classname() -> None:
    report = simple_report(one("fail").in_group("tenant-a"), one("pass"))
    cases = _junit(report).findall("testsuite/testcase")
    assert cases[0].get("classname") == "emailsec-check.tenant-a.datacenter.DC002"
    assert cases[1].get("classname") == "emailsec-check.datacenter.DC001"


def test_many_results_are_written_in_pieces_by_area() -> None:
    results = [one("pass", f"https://h{n}.acme.example/") for n in range(2500)]
    results.insert(1000, failed(STATUS_CHECK, "s", "m", "h"))
    report = simple_report(*results)
    chunks = list(render(report, OutputFormat.JUNIT, RenderOptions()))
    assert max(map(len, chunks)) < 400_000  # never the whole report in one piece
    root = _junit(report)
    assert [suite.get("tests") for suite in root.findall("testsuite")] == ["2500", "1"]


def test_empty_report_validates() -> None:
    root = _junit(simple_report())
    assert root.findall("testsuite") == []
    assert root.get("tests") == "0"


def test_timestamp_and_time() -> None:
    suite = _junit(awkward_report()).find("testsuite")
    assert suite is not None
    assert suite.get("timestamp") == "2023-11-14T22:13:20"
    assert suite.get("time") == "1.500"


def test_every_status_is_rendered() -> None:
    report = simple_report(*(one(status.value) for status in Status))
    root = _junit(report)
    assert len(root.findall("testsuite/testcase")) == 4


_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.text(min_size=1, max_size=40))
def test_any_text_gives_well_formed_xml(subject: str, message: str, hint: str) -> None:
    report = simple_report(
        failed(STATUS_CHECK, subject, message, hint).in_group(subject),
        passed(STATUS_CHECK, subject, message),
    )
    text = rendered(report, OutputFormat.JUNIT)
    assert _XML_ILLEGAL.search(text) is None
    assert not _BIDI & set(text)
    root = ET.fromstring(text.encode("utf-8"))
    assert len(root.findall("testsuite/testcase")) == 2
