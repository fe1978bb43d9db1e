"""Change reports (``--state FILE``): what this run found, compared with the last one.

The state file remembers, per result, only what the comparison needs: the check id,
the subject, the config block's name (``group``) and the status. Nothing else of the
report (no messages, no data) is kept. It is JSON that starts with a marker, so a file
that is not ours (a config, an export given by mistake) is recognised and never
overwritten: that is exit 2, at once. A state file that is missing, or ours but damaged,
is a fresh start (every result ``new``), said once on stderr.

The file is written after the report, atomically (``output.write_atomic``), so a run
that dies half-way leaves the last good state in place.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii as _quote
from pathlib import Path
from typing import BinaryIO, Optional, TextIO, Union

from emailsec_check import TOOL_NAME
from emailsec_check.errors import InputError
from emailsec_check.model import SEVERITY, Change, Report, Resolved, Result, Status
from emailsec_check.rules.text import one_line

__all__ = [
    "MARKER",
    "Key",
    "Previous",
    "check_target",
    "compare",
    "load",
    "remembered",
    "save",
    "state_chunks",
]

#: How every state file starts: what tells ours from anybody else's file.
MARKER = '{"emailsec-check-state": 1'
_MARKER_BYTES = MARKER.encode("ascii")
#: A state file is read whole; 2 million results take about 150 MB.
MAX_BYTES = 1 << 30

#: A result's identity across runs: check id, subject, config block name ("" for none).
Key = tuple[str, str, str]
_STATUSES = {status.value: status for status in Status}

PathLike = Union[str, Path]


def check_target(path: PathLike) -> None:
    """Refuse (``InputError``, exit 2) a ``--state`` path that is not absent, empty or ours."""
    from emailsec_check.sources.files import open_user_file

    name = str(path)
    try:
        info = Path(name).stat()
    except FileNotFoundError:
        return
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(f"cannot use it as --state: {reason}", path=name) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("--state needs a regular file (it is created when missing)", path=name)
    if info.st_size == 0:
        return
    with open_user_file(name, what="state file") as stream:
        head = stream.read(len(_MARKER_BYTES))
    if head != _MARKER_BYTES:
        raise InputError(
            f"is not a state file of {TOOL_NAME}; it is left alone. Give --state a new "
            "file name (the file is created on the first run)",
            path=name,
        )


@dataclass
class Previous:
    """The last run, as read back: what passed, by a fingerprint of its key only (a tenant's
    million passes cost little memory), and every other status with its key (they are
    listed when resolved).

    The fingerprint is Python's ``hash`` of the key, taken in this process: two keys share
    one in about one case in 10^12 for a million results; such a result would read as
    ``same`` instead of ``new``.
    """

    passes: set[int] = field(default_factory=set)
    others: dict[Key, Status] = field(default_factory=dict)

    def get(self, slot: Key) -> Optional[Status]:
        found = self.others.get(slot)
        if found is None and hash(slot) in self.passes:
            return Status.PASS
        return found

    def add(self, slot: Key, status: Status) -> None:
        if status is Status.PASS:
            if slot not in self.others:
                self.passes.add(hash(slot))
        else:
            self.others[slot] = status


def load(path: PathLike, stderr: TextIO) -> Optional[Previous]:
    """The last run's statuses by key; None (said once on ``stderr``) for a fresh start."""
    from emailsec_check.sources.files import open_user_file

    name = str(path)
    check_target(name)
    if not Path(name).exists() or Path(name).stat().st_size == 0:
        _note(stderr, f"no state in {name} yet: every result counts as new")
        return None
    try:
        with open_user_file(name, what="state file") as stream:
            return _parse(stream)
    except (InputError, ValueError, TypeError, RecursionError, OSError) as error:
        _note(stderr, f"the state file {name} cannot be read ({error}); starting afresh")
        return None


def _note(stderr: TextIO, text: str) -> None:
    stderr.write(f"{TOOL_NAME}: note: {one_line(text)}\n")
    stderr.flush()


_OPENING = MARKER + ', "results": ['
_CLOSING = "]}"
#: The entry lines decoded at once: about this many bytes per ``json.loads``.
_CHUNK = 1 << 20


def _parse(stream: BinaryIO) -> Previous:
    """The statuses a state file holds; ValueError for anything but what ``save`` writes.

    The entries (one a line) are decoded a megabyte at a time, so a state of millions of
    results never exists twice in memory as objects: only the :class:`Previous` it becomes.
    """
    if os.fstat(stream.fileno()).st_size > MAX_BYTES:
        raise ValueError("larger than 1 GiB")
    data = stream.read()
    head = _OPENING.encode("ascii") + b"\n"
    tail = b"\n" + _CLOSING.encode("ascii")
    if not data.startswith(head):
        raise ValueError("the first line is not a state's")
    end = data.rfind(tail)
    if end < len(head) - 1 or data[end + len(tail) :].strip():
        raise ValueError("cut short")
    previous = Previous()
    start = len(head)
    while start < end:
        stop = data.find(b"\n", start + _CHUNK, end)
        stop = end if stop < 0 else stop
        _take(json.loads(b"[" + data[start:stop].rstrip(b", \n") + b"]"), previous)
        start = stop + 1
    return previous


def _take(entries: object, previous: Previous) -> None:
    """Decoded entries into ``previous``; ValueError for anything ``save`` does not write."""
    if type(entries) is not list:
        raise ValueError("not a list of results")
    passes, others = previous.passes, previous.others
    for entry in entries:
        if type(entry) is not list or len(entry) != 4:
            raise ValueError("a result is not [id, subject, group, status]")
        check_id, subject, group, status = entry
        if group is None:
            group = ""
        if type(check_id) is not str or type(subject) is not str or type(group) is not str:
            raise ValueError("a result's id, subject or group is not text")
        found = _STATUSES.get(status) if type(status) is str else None
        if found is None:
            raise ValueError(f"unknown status {status!r}")
        if found is Status.PASS:
            passes.add(hash((check_id, subject, group)))
        else:
            others[(check_id, subject, group)] = found


def _change(before: Optional[Status], now: Status) -> Change:
    if before is None:
        return Change.NEW
    if before is now:
        return Change.SAME
    return Change.WORSE if SEVERITY[now] > SEVERITY[before] else Change.BETTER


def compare(report: Report, previous: Optional[Previous]) -> dict[Key, Status]:
    """Fill in ``report.changes`` (one per result) and ``report.resolved``; return what to
    remember of this run (for :func:`save`).

    Resolved: what the last run found (a hint, fail or skip) that is gone now or passes.
    Without a previous state every result is new and nothing is resolved.
    """
    now: dict[Key, Status] = {}
    changes: list[Change] = []
    for result in report.results:  # one pass: a key is made once per result
        slot = (result.check.id, result.subject, result.group or "")
        status = result.status
        known = now.get(slot)
        if known is None or SEVERITY[status] > SEVERITY[known]:
            now[slot] = status
        if previous is not None:
            changes.append(_change(previous.get(slot), status))
    if previous is None:
        report.changes = [Change.NEW] * len(report.results)
        report.resolved = []
        return now
    report.changes = changes
    report.resolved = [
        Resolved(check_id, subject, group or None, status)
        for (check_id, subject, group), status in previous.others.items()
        if now.get((check_id, subject, group), Status.PASS) is Status.PASS
    ]
    return now


def state_chunks(statuses: Mapping[Key, Status]) -> Iterator[str]:
    """The state file's text, in pieces: an opening line, one result a line, a closing one."""
    yield _OPENING
    lines: list[str] = []
    first = True
    for (check_id, subject, group), status in statuses.items():
        lines.append(
            f"[{_quote(check_id)}, {_quote(subject)}, "
            f'{_quote(group) if group else "null"}, "{status.value}"]'
        )
        if len(lines) >= 1000:
            yield ("\n" if first else ",\n") + ",\n".join(lines)
            first = False
            lines.clear()
    if lines:
        yield ("\n" if first else ",\n") + ",\n".join(lines)
    yield f"\n{_CLOSING}\n"


def remembered(results: Iterable[Result]) -> dict[Key, Status]:
    """What a state file keeps of ``results``: each key's status (the worst, if several)."""
    return compare(Report(results=list(results)), None)


def save(path: PathLike, statuses: Mapping[Key, Status]) -> None:
    """Remember ``statuses`` in ``path``, atomically (checked again: never clobber a user file)."""
    from emailsec_check.output import write_atomic

    check_target(path)
    write_atomic(Path(path), state_chunks(statuses))
