"""``--format json``: the contract's object, exactly, for any subject."""

from __future__ import annotations

import json
from typing import Any

import pytest

from emailsec_check import __version__
from emailsec_check.options import OutputFormat
from tests.samples import AWKWARD_SUBJECTS, awkward_report, one, rendered, simple_report

RESULT_KEYS = {"id", "area", "subject", "status", "message", "hint", "data"}


def _parse(text: str) -> dict[str, Any]:
    document = json.loads(text)
    assert isinstance(document, dict)
    return document


def test_contract_shape() -> None:
    report = awkward_report()
    document = _parse(rendered(report, OutputFormat.JSON))

    assert document["schema"] == 1
    assert document["tool"] == {"name": "emailsec-check", "version": __version__}
    assert document["summary"] == report.summary()
    assert list(document["summary"]) == ["pass", "hint", "fail", "skip"]
    assert len(document["results"]) == len(report.results)
    for item, result in zip(document["results"], report.results):
        assert set(item) == RESULT_KEYS
        assert item["id"] == result.id
        assert item["area"] in ("status", "datacenter", "identities", "request")
        assert item["area"] == result.area.value
        assert item["subject"] == result.subject
        assert item["status"] == result.status.value
        assert item["message"] == result.message
        assert item["data"] == dict(result.data)
        if item["status"] in ("hint", "fail"):
            assert isinstance(item["hint"], str) and item["hint"]
        else:
            assert item["hint"] is None


def test_every_awkward_subject_survives_the_round_trip() -> None:
    document = _parse(rendered(awkward_report(), OutputFormat.JSON))
    subjects = [item["subject"] for item in document["results"]]
    for subject in AWKWARD_SUBJECTS:
        assert subject in subjects


def test_output_is_ascii_so_any_console_takes_it() -> None:
    text = rendered(awkward_report(), OutputFormat.JSON)
    assert text.isascii()
    assert text.endswith("}\n")


def test_contract_example_result() -> None:
    document = _parse(rendered(simple_report(one("pass")), OutputFormat.JSON))
    assert document["results"][0] == {
        "id": "DC001",
        "area": "datacenter",
        "subject": "https://console.eu.amp.cisco.com/",
        "status": "pass",
        "message": "recognised",
        "hint": None,
        "data": {"product": "p", "region": "r"},
    }


def test_empty_report_is_valid_json() -> None:
    document = _parse(rendered(simple_report(), OutputFormat.JSON))
    assert document["results"] == []
    assert document["summary"] == {"pass": 0, "hint": 0, "fail": 0, "skip": 0}


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_exit_code_in_the_document_follows_strict(strict: bool, code: int) -> None:
    document = _parse(rendered(simple_report(one("hint")), OutputFormat.JSON, strict=strict))
    assert document["exit_code"] == code
    assert document["strict"] is strict


def test_data_values_json_cannot_hold_are_written_as_text() -> None:
    from pathlib import Path

    from emailsec_check.catalogue import datacenter as dc
    from emailsec_check.model import passed

    result = passed(dc.RECOGNISED, "s", "m", path=Path("/tmp/x"), regions=("a", "b"))
    document = _parse(rendered(simple_report(result), OutputFormat.JSON))
    assert document["results"][0]["data"] == {"path": "/tmp/x", "regions": ["a", "b"]}


def test_decided_is_always_there() -> None:
    assert _parse(rendered(simple_report(one("pass")), OutputFormat.JSON))["decided"] is True
    assert _parse(rendered(simple_report(one("skip")), OutputFormat.JSON))["decided"] is False
    assert _parse(rendered(simple_report(), OutputFormat.JSON))["decided"] is False


def test_fail_on_skip_in_the_exit_code() -> None:
    report = simple_report(one("skip"))
    assert _parse(rendered(report, OutputFormat.JSON))["exit_code"] == 0
    assert _parse(rendered(report, OutputFormat.JSON, fail_on_skip=True))["exit_code"] == 1


def test_group_only_on_results_that_have_one() -> None:
    report = simple_report(one("pass").in_group("tenant-a"), one("fail"))
    items = _parse(rendered(report, OutputFormat.JSON))["results"]
    assert items[0]["group"] == "tenant-a"
    assert set(items[0]) == RESULT_KEYS | {"group"}
    assert set(items[1]) == RESULT_KEYS


def test_every_way_of_writing_a_result_gives_the_encoders_object() -> None:
    """Runs of alike results, single ones and odd data: each line is what json would write."""
    from emailsec_check.catalogue import datacenter as dc
    from emailsec_check.model import Change, passed
    from emailsec_check.report.json_format import result_dict

    results = []
    for group in (None, "g1", 'g\u202e"2'):
        results += [
            passed(dc.RECOGNISED, f"u{n}@acme.example", "ok", email=f"u{n}@acme.example", n=n,
                   flag=n % 2 == 0, none=None).in_group(group)
            for n in range(7)
        ]  # fmt: skip
        results += [one("fail", f"x{n}").in_group(group) for n in range(2)]
        results += [passed(dc.RECOGNISED, "odd", "ok", nested={"a": [1, 2]}, f=1.5).in_group(group)]
    for changes in (None, [list(Change)[n % 4] for n in range(len(results))]):
        report = simple_report(*results)
        report.changes = changes
        report.resolved = [] if changes is not None else None
        text = rendered(report, OutputFormat.JSON)
        items = _parse(text)["results"]
        assert len(items) == len(results)
        for number, (item, result) in enumerate(zip(items, results)):
            change = None if changes is None else changes[number]
            assert item == json.loads(json.dumps(result_dict(result, change), default=str))
        assert text.isascii()


def test_alike_results_with_others_between_are_each_the_encoders_line() -> None:
    """A pass per login with findings between (written together, then put back in place):
    every line is byte for byte what the encoder writes for that result, in order."""
    from emailsec_check.catalogue import datacenter as dc
    from emailsec_check.model import Change, passed
    from emailsec_check.report.json_format import result_dict

    results = []
    for n in range(40):
        results.append(
            passed(dc.RECOGNISED, f"u{n}@acme.example", "ok", email=f"u{n}@acme.example")
        )
        if n % 3 == 0:
            results.append(one("fail", f'x{n} "quoted"'))
        if n % 7 == 0:  # same check and message, other data keys or values
            results.append(passed(dc.RECOGNISED, f"v{n}", "ok", n=n, email=f"v{n}\u00e9"))
            results.append(passed(dc.RECOGNISED, f"w{n}", "ok", email=None))
        if n % 5 == 0:  # an address that is not quite the subject, among those that are
            results.append(
                passed(dc.RECOGNISED, f"u{n}@acme.example", "ok", email=f" u{n}@acme.example")
            )
    encoder = json.JSONEncoder(ensure_ascii=True, indent=None, default=str)
    for changes in (None, [list(Change)[n % 4] for n in range(len(results))]):
        report = simple_report(*results)
        report.changes = changes
        report.resolved = [] if changes is not None else None
        text = rendered(report, OutputFormat.JSON)
        body = text[text.index('"results": [\n    ') + 17 : text.rindex("\n  ]")]
        expected = [
            encoder.encode(result_dict(result, None if changes is None else changes[number]))
            for number, result in enumerate(results)
        ]
        assert body.split(",\n    ") == expected
