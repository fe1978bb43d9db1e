"""The model: results stay cheap and immutable; one exit rule, read two ways."""

from __future__ import annotations

from itertools import product

import pytest

from emailsec_check.catalogue import datacenter as dc
from emailsec_check.model import (
    ExitCode,
    Result,
    Status,
    counts_as_problem,
    email_pass,
    exit_status,
    failed,
    hinted,
    is_decided,
    pass_result,
    passed,
    skipped,
)
from emailsec_check.report.nagios import NagiosState, nagios_state
from tests.samples import one, simple_report


def _summary(**counts: int) -> dict[str, int]:
    return {status.value: counts.get(status.value, 0) for status in Status}


def test_result_is_immutable_and_carries_an_optional_group() -> None:
    result = passed(dc.RECOGNISED, "s", "m", product="p")
    assert result.group is None
    assert not hasattr(result, "__dict__")
    with pytest.raises(AttributeError):
        result.group = "x"  # type: ignore[misc]
    grouped = result.in_group("tenant-a")
    assert grouped.group == "tenant-a"
    assert (grouped.check, grouped.subject, grouped.status, grouped.message) == (
        result.check,
        "s",
        Status.PASS,
        "m",
    )
    assert grouped != result
    assert result._replace(group="tenant-a") == grouped
    assert Result(dc.RECOGNISED, "s", Status.PASS, "m", None, {}, "g").group == "g"


def test_data_of_just_the_subjects_address_reads_back_the_same_however_made() -> None:
    """The common identity pass keeps no dict of its own; nobody reading it can tell."""
    address = "ann.lee@acme.example"
    ways = [
        email_pass(dc.RECOGNISED, address, "m", address),
        email_pass(dc.RECOGNISED, address, "m", "".join(address)),
        pass_result(dc.RECOGNISED, address, "m", {"email": address}),
        passed(dc.RECOGNISED, address, "m", email=address),
        Result(dc.RECOGNISED, address, Status.PASS, "m", None, {"email": address}),
    ]
    for result in ways:
        assert result == ways[0]
        assert hash(result) == hash(ways[0])
        assert result.data == {"email": address}
        assert dict(result.data) == {"email": address}
    assert ways[0].in_group("g").data == {"email": address}
    assert ways[0]._asdict()["data"] == {"email": address}
    assert ways[3]._replace(message="n") == ways[0]._replace(message="n")
    assert ways[2]._replace(data={"email": address}) == ways[0]
    assert ways[0].in_group("g") == ways[3].in_group("g")
    # Other data stays as given and is never taken for the subject's address.
    others = [
        email_pass(dc.RECOGNISED, address, "m", " " + address),
        passed(dc.RECOGNISED, address, "m"),
        passed(dc.RECOGNISED, address, "m", email=address, n=1),
        passed(dc.RECOGNISED, address, "m", email=address.upper()),
        passed(dc.RECOGNISED, address, "m", mail=address),
    ]
    assert [r.data for r in others] == [
        {"email": " " + address},
        {},
        {"email": address, "n": 1},
        {"email": address.upper()},
        {"mail": address},
    ]
    assert all(other != ways[0] for other in others)


def test_a_finding_without_a_fix_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a hint"):
        Result(dc.LOOKALIKE, "s", Status.FAIL, "m", None, {})
    with pytest.raises(ValueError, match="needs a hint"):
        hinted(dc.RECOGNISED, "s", "m", "")


@pytest.mark.parametrize(
    ("counts", "strict", "fail_on_skip", "code"),
    [
        ({}, False, False, ExitCode.OK),
        ({}, False, True, ExitCode.PROBLEMS),
        ({"skip": 3}, False, False, ExitCode.OK),
        ({"skip": 3}, False, True, ExitCode.PROBLEMS),
        ({"skip": 3, "pass": 1}, False, True, ExitCode.OK),
        ({"hint": 1}, False, False, ExitCode.OK),
        ({"hint": 1}, True, False, ExitCode.PROBLEMS),
        ({"fail": 1}, False, False, ExitCode.PROBLEMS),
        ({"pass": 5, "fail": 1, "skip": 1}, False, False, ExitCode.PROBLEMS),
    ],
)
def test_exit_status(counts: dict[str, int], strict: bool, fail_on_skip: bool, code: int) -> None:
    summary = _summary(**counts)
    assert exit_status(summary, strict=strict, fail_on_skip=fail_on_skip) == code


def test_the_report_counts_and_applies_the_same_rule() -> None:
    makers = [
        lambda: passed(dc.RECOGNISED, "a", "m"),
        lambda: hinted(dc.RECOGNISED, "a", "m", "fix"),
        lambda: failed(dc.LOOKALIKE, "a", "m", "fix"),
        lambda: skipped(dc.GLOBAL_HOST, "a", "m"),
    ]
    for length in range(4):
        for kinds in product(range(4), repeat=length):
            report = simple_report(*(makers[kind]() for kind in kinds))
            summary = report.summary()
            assert sum(summary.values()) == length
            assert report.decided is any(kind != 3 for kind in kinds)
            for strict, fail_on_skip in product((False, True), repeat=2):
                expected = exit_status(summary, strict=strict, fail_on_skip=fail_on_skip)
                got = report.exit_code(strict=strict, fail_on_skip=fail_on_skip)
                assert got == expected
                problem = any(counts_as_problem(makers[k]().status, strict=strict) for k in kinds)
                assert (expected is ExitCode.PROBLEMS) is (
                    problem or (fail_on_skip and not report.decided)
                )


def test_decided_needs_a_pass_hint_or_fail() -> None:
    assert not is_decided(_summary())
    assert not is_decided(_summary(skip=2))
    assert is_decided(_summary(skip=2, hint=1))
    assert not simple_report().decided
    assert not simple_report(one("skip")).decided


@pytest.mark.parametrize(
    ("counts", "strict", "state"),
    [
        ({"pass": 1}, False, NagiosState.OK),
        ({"pass": 1, "skip": 1}, False, NagiosState.OK),
        ({"hint": 1}, False, NagiosState.WARNING),
        ({"hint": 1}, True, NagiosState.CRITICAL),
        ({"fail": 1, "hint": 1}, False, NagiosState.CRITICAL),
        ({"skip": 1}, False, NagiosState.UNKNOWN),
        ({}, False, NagiosState.UNKNOWN),
    ],
)
def test_nagios_state(counts: dict[str, int], strict: bool, state: NagiosState) -> None:
    assert nagios_state(_summary(**counts), strict=strict) is state
    assert int(state) == {"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}[state.name]
