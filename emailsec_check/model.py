"""The result model: statuses, checks, results, the report and the exit-code rule.

Everything else speaks in these terms: a check turns facts into ``Result`` values,
a formatter turns a ``Report`` into text, and only the CLI decides how to exit.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from operator import attrgetter
from typing import Any, NoReturn


class Status(str, Enum):
    """What one check found."""

    PASS = "pass"  # noqa: S105 - a status, not a password
    HINT = "hint"
    FAIL = "fail"
    SKIP = "skip"


#: The order statuses are counted and listed in, most urgent last in the summary.
STATUS_ORDER = (Status.PASS, Status.HINT, Status.FAIL, Status.SKIP)


class Area(str, Enum):
    """The part of the tool a check belongs to (the JSON ``area`` key)."""

    STATUS = "status"
    DATACENTER = "datacenter"
    IDENTITIES = "identities"
    REQUEST = "request"


class ExitCode(IntEnum):
    """Exit statuses fixed by the command-line contract."""

    OK = 0
    PROBLEMS = 1
    BAD_INPUT = 2
    #: A defect of the tool (BSD sysexits' EX_SOFTWARE, the field's convention).
    INTERNAL = 70


@dataclass(frozen=True)
class CheckInfo:
    """One entry of the check catalogue: a stable ID and what it means."""

    id: str
    area: Area
    title: str
    explanation: str


@dataclass(frozen=True)
class Result:
    """What one check found about one subject.

    ``hint`` says how to fix it and is required for ``hint`` and ``fail``;
    ``data`` carries the machine-readable facts (see the contract's JSON keys).
    Slots keep a million of these affordable for large identity exports.
    """

    __slots__ = ("check", "data", "hint", "message", "status", "subject")

    check: CheckInfo
    subject: str
    status: Status
    message: str
    hint: str | None
    data: Mapping[str, Any]

    def __post_init__(self) -> None:
        if self.status in (Status.HINT, Status.FAIL) and not self.hint:
            raise ValueError(f"{self.check.id}: a {self.status.value} result needs a hint")

    @property
    def id(self) -> str:
        return self.check.id

    @property
    def area(self) -> Area:
        return self.check.area


def passed(check: CheckInfo, subject: str, message: str, **data: Any) -> Result:
    """A ``pass`` result."""
    return Result(check, subject, Status.PASS, message, None, data)


def hinted(check: CheckInfo, subject: str, message: str, hint: str, **data: Any) -> Result:
    """A ``hint`` result: works, but should be changed as ``hint`` says."""
    return Result(check, subject, Status.HINT, message, hint, data)


def failed(check: CheckInfo, subject: str, message: str, hint: str, **data: Any) -> Result:
    """A ``fail`` result: broken, fix as ``hint`` says."""
    return Result(check, subject, Status.FAIL, message, hint, data)


def skipped(check: CheckInfo, subject: str, why: str, **data: Any) -> Result:
    """A ``skip`` result: could not be decided, ``why`` says what stopped it."""
    return Result(check, subject, Status.SKIP, why, None, data)


_STATUS = attrgetter("status")


@dataclass
class Report:
    """All results of one run, with when it started and how long it took."""

    results: list[Result] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    duration: float = 0.0
    command: str = ""

    def extend(self, results: Iterable[Result]) -> None:
        self.results.extend(results)

    def finish(self) -> None:
        """Record the run's duration (wall time since ``started``)."""
        self.duration = max(0.0, time.time() - self.started)

    def summary(self) -> dict[str, int]:
        counts = Counter(result.status for result in self.results)
        return {status.value: counts.get(status, 0) for status in STATUS_ORDER}

    def exit_code(self, *, strict: bool = False) -> ExitCode:
        """0 when nothing failed; 1 on a ``fail`` (or a ``hint`` under ``strict``)."""
        # The same as exit_code_for(self.summary()), without counting everything: a
        # report of a million results is searched up to its first problem.
        found = Status.FAIL in map(_STATUS, self.results) or (
            strict and Status.HINT in map(_STATUS, self.results)
        )
        return ExitCode.PROBLEMS if found else ExitCode.OK


def counts_as_problem(status: Status, *, strict: bool) -> bool:
    """Whether ``status`` makes the run exit 1."""
    return status is Status.FAIL or (strict and status is Status.HINT)


def exit_code_for(summary: Mapping[str, int], *, strict: bool) -> ExitCode:
    if summary.get(Status.FAIL.value, 0) or (strict and summary.get(Status.HINT.value, 0)):
        return ExitCode.PROBLEMS
    return ExitCode.OK


def assert_never(value: NoReturn) -> NoReturn:
    """Mark a branch unreachable: mypy reports a new enum member not handled before it."""
    raise AssertionError(f"unhandled value: {value!r}")
