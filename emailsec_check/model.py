"""The result model: statuses, checks, results, the report and the one exit-code rule.

Everything else speaks in these terms: a check turns facts into ``Result`` values,
a formatter turns a ``Report`` into text, and only the CLI decides how to exit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum, IntEnum
from operator import attrgetter, itemgetter
from typing import Any, Final, NamedTuple, NoReturn, Optional

from emailsec_check.record import Record

__all__ = [
    "SEVERITY",
    "STATUS_ORDER",
    "SUBJECT_EMAIL",
    "Area",
    "Change",
    "CheckInfo",
    "ExitCode",
    "Report",
    "Resolved",
    "Result",
    "Status",
    "assert_never",
    "counts_as_problem",
    "email_pass",
    "exit_status",
    "failed",
    "hinted",
    "is_decided",
    "passed",
    "skipped",
    "stored_data",
]


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


class CheckInfo(Record):
    """One entry of the check catalogue: a stable ID and what it means."""

    __slots__ = ("id", "area", "title", "explanation")

    id: Final[str]
    area: Final[Area]
    title: Final[str]
    explanation: Final[str]

    def __init__(self, id: str, area: Area, title: str, explanation: str) -> None:
        self.id = id
        self.area = area
        self.title = title
        self.explanation = explanation


class _ResultFields(NamedTuple):
    check: CheckInfo
    subject: str
    status: Status
    message: str
    hint: Optional[str]
    data: Mapping[str, Any]
    group: Optional[str] = None


class Result(_ResultFields):
    """What one check found about one subject.

    ``hint`` says how to fix it and is required for ``hint`` and ``fail``;
    ``data`` carries the machine-readable facts (see the contract's JSON keys);
    ``group`` is the ``name`` of the config block the result came from (``run``), if any.
    Immutable and a tuple underneath: a large identity export makes a million of these,
    and a tuple is the cheapest immutable record Python builds (about a third of a frozen
    dataclass's cost).

    Most of those million are passes whose data is only the subject's own address
    (``{"email": subject}``). Such a result stores ``SUBJECT_EMAIL`` in place of a dict of
    its own (a dict per result was a quarter of a large run's memory), and ``data``
    gives the dict back on reading. Every way of making a result stores it so, so two
    results with the same data are equal however they were made.
    """

    __slots__ = ()

    def __new__(
        cls,
        check: CheckInfo,
        subject: str,
        status: Status,
        message: str,
        hint: Optional[str],
        data: Mapping[str, Any],
        group: Optional[str] = None,
    ) -> Result:
        if not hint and status in _NEEDS_HINT:
            raise ValueError(f"{check.id}: a {status.value} result needs a hint")
        stored = _stored(subject, data)
        return _new_tuple(cls, (check, subject, status, message, hint, stored, group))

    @property  # over the field: its stored form read back as a mapping
    def data(self) -> Mapping[str, Any]:
        """The machine-readable facts (the contract's ``data`` object)."""
        data = stored_data(self)
        return {"email": self.subject} if data is SUBJECT_EMAIL else data

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Result:  # type: ignore[override]  # a Result only
        """A result from its fields, stored as ``Result()`` stores them (``_replace`` too)."""
        return cls(*iterable)

    def _asdict(self) -> dict[str, Any]:
        fields = dict(zip(self._fields, self))
        fields["data"] = self.data
        return fields

    @property
    def id(self) -> str:
        return self.check.id

    @property
    def area(self) -> Area:
        return self.check.area

    def in_group(self, group: Optional[str]) -> Result:
        """The same result, carried by the config block named ``group``."""
        return _new_tuple(Result, (*self[:_GROUP], group))


class _SubjectEmail(Mapping[str, Any]):
    """The stored form of data that is only the subject's address: see ``Result``.

    Stored, never shown: ``Result.data`` reads it as ``{"email": subject}``. As a mapping
    it is empty, so code that reads the stored field as data sees no stray keys.
    """

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:  # itself only: never equal to an empty dict
        return other is self

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return "SUBJECT_EMAIL"


#: What a result stores for the data ``{"email": subject}``.
SUBJECT_EMAIL: Final = _SubjectEmail()
#: A result's data as stored: ``SUBJECT_EMAIL`` or the mapping it was given.
stored_data: Callable[[Result], Mapping[str, Any]] = itemgetter(_ResultFields._fields.index("data"))
_GROUP = _ResultFields._fields.index("group")


def _stored(subject: str, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``data`` as a result keeps it: ``SUBJECT_EMAIL`` when it is ``{"email": subject}``."""
    if type(data) is dict and len(data) == 1 and data.get("email") == subject:
        return SUBJECT_EMAIL
    return data


_new_tuple = tuple.__new__
_NEEDS_HINT = frozenset((Status.HINT, Status.FAIL))
#: Looked up once: an enum class's attributes go through ``EnumType.__getattr__``'s hook
#: (about 0.1 us each on CPython 3.11), which a million passes would pay a million times.
_PASS = Status.PASS


def passed(check: CheckInfo, subject: str, message: str, **data: Any) -> Result:
    """A ``pass`` result."""
    return pass_result(check, subject, message, data)


def pass_result(check: CheckInfo, subject: str, message: str, data: Mapping[str, Any]) -> Result:
    """A ``pass`` result with ``data`` as given (no keyword packing).

    A pass carries no fix, so there is nothing for ``Result`` to refuse: it is built in
    one step.
    """
    return _new_tuple(Result, (check, subject, _PASS, message, None, _stored(subject, data), None))


def email_pass(check: CheckInfo, subject: str, message: str, email: str) -> Result:
    """A ``pass`` result whose data is ``{"email": email}``.

    A large identity export makes a million of these, most with the subject as the
    address: those share ``SUBJECT_EMAIL`` instead of a dict each.
    """
    data = SUBJECT_EMAIL if email == subject else {"email": email}
    return _new_tuple(Result, (check, subject, _PASS, message, None, data, None))


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


class Change(str, Enum):
    """How a result compares with the same check and subject in the last run (``--state``)."""

    NEW = "new"
    SAME = "same"
    WORSE = "worse"
    BETTER = "better"


#: How bad each status is, for ``worse``/``better``: a skip (could not tell) is worse than a
#: pass, better than a finding.
SEVERITY = {Status.PASS: 0, Status.SKIP: 1, Status.HINT: 2, Status.FAIL: 3}


class Resolved(Record):
    """A result of the last run that is gone or now passes (``--state``)."""

    __slots__ = ("id", "subject", "group", "previous")

    id: Final[str]
    subject: Final[str]
    group: Final[Optional[str]]
    previous: Final[Status]

    def __init__(self, id: str, subject: str, group: Optional[str], previous: Status) -> None:
        self.id = id
        self.subject = subject
        self.group = group
        self.previous = previous


class Report:
    """All results of one run, with when it started and how long it took.

    With ``--state``, ``changes`` holds one :class:`Change` per result (same order) and
    ``resolved`` what the last run found that is gone or fixed now; otherwise both are None.
    """

    __slots__ = ("_counts", "changes", "command", "duration", "resolved", "results", "started")

    def __init__(
        self,
        results: Optional[list[Result]] = None,
        started: Optional[float] = None,
        duration: float = 0.0,
        command: str = "",
        changes: Optional[list[Change]] = None,
        resolved: Optional[list[Resolved]] = None,
    ) -> None:
        self.results: list[Result] = [] if results is None else results
        self.started: float = time.time() if started is None else started
        self.duration = duration
        self.command = command
        self.changes = changes
        self.resolved = resolved
        #: The counts taken by ``finish`` (None until then, or after more results).
        self._counts: Optional[dict[str, int]] = None

    def extend(self, results: Iterable[Result]) -> None:
        self.results.extend(results)
        self._counts = None

    def finish(self) -> None:
        """Record the run's duration (wall time since ``started``) and count the results:
        they are final now, and the format and the exit status both need the counts."""
        self.duration = max(0.0, time.time() - self.started)
        self._counts = self._count()

    def summary(self) -> dict[str, int]:
        """Results per status, every status named, in ``STATUS_ORDER``."""
        return dict(self._counts) if self._counts is not None else self._count()

    def _count(self) -> dict[str, int]:
        # Counted by identity: hashing an enum member is a Python call, a million times.
        statuses = list(map(_STATUS, self.results))
        return {status.value: statuses.count(status) for status in STATUS_ORDER}

    @property
    def decided(self) -> bool:
        """False when nothing could be checked: no result, or every one a skip."""
        return is_decided(self.summary())

    def exit_code(self, *, strict: bool = False, fail_on_skip: bool = False) -> ExitCode:
        """The exit status this report calls for: :func:`exit_status` of its summary."""
        return exit_status(self.summary(), strict=strict, fail_on_skip=fail_on_skip)


# The exit rule: one place. Everything that needs "did this run find a problem" asks here.


def counts_as_problem(status: Status, *, strict: bool) -> bool:
    """Whether a result with ``status`` is a problem: a fail, or a hint under ``--strict``."""
    return status is Status.FAIL or (strict and status is Status.HINT)


def is_decided(summary: Mapping[str, int]) -> bool:
    """Whether anything could be decided: at least one pass, hint or fail."""
    return any(summary.get(s.value, 0) for s in (Status.PASS, Status.HINT, Status.FAIL))


def exit_status(
    summary: Mapping[str, int], *, strict: bool = False, fail_on_skip: bool = False
) -> ExitCode:
    """The contract's exit status for a run with these counts (``Report.summary()``).

    1 when a result counts as a problem (:func:`counts_as_problem`), or with
    ``fail_on_skip`` when nothing could be decided; otherwise 0.
    """
    if any(summary.get(s.value, 0) and counts_as_problem(s, strict=strict) for s in Status):
        return ExitCode.PROBLEMS
    if fail_on_skip and not is_decided(summary):
        return ExitCode.PROBLEMS
    return ExitCode.OK


def assert_never(value: NoReturn) -> NoReturn:
    """Mark a branch unreachable: mypy reports a new enum member not handled before it."""
    raise AssertionError(f"unhandled value: {value!r}")
