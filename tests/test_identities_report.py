"""The JSON report of a large identity check: runs of results written together are the
same characters the general encoder writes for each of them."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

from emailsec_check.catalogue import identities as cat
from emailsec_check.model import Report, Result, failed, hinted, passed, skipped
from emailsec_check.options import OutputFormat
from emailsec_check.report.json_format import result_dict
from tests.samples import AWKWARD_SUBJECTS, rendered

KNOWN = "known to the identity provider"


def _result_lines(text: str) -> list[str]:
    body = text[text.index('"results": [') + len('"results": [') : text.rindex("]")]
    return [line.strip().rstrip(",") for line in body.strip().split("\n")]


def _general(result: Result) -> str:
    return json.JSONEncoder(ensure_ascii=True, indent=None, default=str).encode(result_dict(result))


def _assert_same_as_the_encoder(results: list[Result]) -> None:
    text = rendered(Report(results=results), OutputFormat.JSON)
    assert json.loads(text)["summary"] == Report(results=results).summary()
    assert _result_lines(text) == [_general(result) for result in results]


def _login(number: int, **data: Any) -> Result:
    return passed(cat.KNOWN, f"user{number}@acme.example", KNOWN, **data)


def test_runs_of_passes_between_other_results() -> None:
    results: list[Result] = []
    for number in range(2600):  # runs longer than a batch, and runs of every length
        results.append(_login(number, email=f"user{number}@acme.example"))
        if number % 7 == 0 or 1200 < number < 1300:
            results.append(
                hinted(cat.LETTER_CASE, f"U{number}@acme.example", "case", "fix", email="x", line=3)
            )
    _assert_same_as_the_encoder(results)


def test_awkward_subjects_and_values_in_a_run() -> None:
    results = [_login(0, email=subject) for subject in AWKWARD_SUBJECTS]
    results += [passed(cat.KNOWN, subject, KNOWN, email="e") for subject in AWKWARD_SUBJECTS]
    _assert_same_as_the_encoder(results)


def test_runs_whose_data_differ_in_shape_or_kind() -> None:
    values: list[Any] = ["a", None, 3, True, False, -7, "", 2**70]
    runs = [
        [_login(n, email="a@acme.example", line=value) for n, value in enumerate(values)],
        [_login(n, email=value) for n, value in enumerate(values)],
        [_login(n, line=1, email="a") if n % 2 else _login(n, email="a", line=1) for n in range(6)],
        [_login(n, email="a") if n % 3 else _login(n, mail="a") for n in range(6)],
        [_login(n) for n in range(6)],
        [_login(n, seconds=0.5 * n) for n in range(6)],
        [_login(n, path=Path("/tmp") / str(n), regions=("a", "b")) for n in range(6)],
        [_login(n, email="a") if n != 3 else _login(n) for n in range(6)],
        [
            skipped(cat.ACTIVATION, "export.csv", "no dates", email=None, accounts=n)
            for n in range(5)
        ],
        [
            failed(cat.SYNTAX, f"s{n}", "not valid", "fix\nit", email=f"s{n}", line=n)
            for n in range(5)
        ],
    ]
    for run in runs:
        _assert_same_as_the_encoder(run)


def _odd_keys() -> dict[Any, str]:
    return {1: "one", "email": "e"}


def test_data_that_is_not_a_dict_or_has_keys_that_are_not_text() -> None:
    mapping = [
        Result(cat.KNOWN, f"u{n}", passed(cat.KNOWN, "", "").status, KNOWN, None, proxy)
        for n, proxy in enumerate([MappingProxyType({"email": f"u{n}"}) for n in range(5)])
    ]
    odd_keys = [
        Result(cat.KNOWN, f"u{n}", mapping[0].status, KNOWN, None, _odd_keys()) for n in range(5)
    ]
    _assert_same_as_the_encoder(mapping)
    _assert_same_as_the_encoder(odd_keys)
    _assert_same_as_the_encoder(mapping + odd_keys + mapping)


def test_exit_code_follows_the_summary_without_counting_everything() -> None:
    from itertools import product

    from emailsec_check.model import exit_status

    makers = [
        lambda: passed(cat.KNOWN, "a", KNOWN),
        lambda: hinted(cat.KNOWN, "a", "m", "fix"),
        lambda: failed(cat.KNOWN, "a", "m", "fix"),
        lambda: skipped(cat.KNOWN, "a", "m"),
    ]
    for length in range(4):
        for kinds in product(range(4), repeat=length):
            report = Report(results=[makers[kind]() for kind in kinds])
            for strict in (False, True):
                expected = exit_status(report.summary(), strict=strict)
                assert report.exit_code(strict=strict) == expected
