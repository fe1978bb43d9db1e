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
import stat
from collections.abc import Iterable, Iterator, Mapping
from json.encoder import encode_basestring_ascii as _quote
from pathlib import Path
from typing import Optional, TextIO, Union

from emailsec_check import TOOL_NAME
from emailsec_check.errors import InputError
from emailsec_check.model import SEVERITY, Change, Report, Resolved, Result, Status
from emailsec_check.rules.text import one_line

__all__ = ["MARKER", "Key", "check_target", "compare", "load", "save", "state_chunks"]

#: How every state file starts: what tells ours from anybody else's file.
MARKER = '{"emailsec-check-state": 1'
_MARKER_BYTES = MARKER.encode("ascii")
#: A state file is read whole; 2 million results take about 150 MB.
MAX_BYTES = 1 << 30

#: A result's identity across runs: check id, subject, config block name ("" for none).
Key = tuple[str, str, str]
_STATUSES = {status.value: status for status in Status}

PathLike = Union[str, Path]


def key(result: Result) -> Key:
    return (result.check.id, result.subject, result.group or "")


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


def load(path: PathLike, stderr: TextIO) -> Optional[dict[Key, Status]]:
    """The last run's statuses by key; None (said once on ``stderr``) for a fresh start."""
    from emailsec_check.sources.files import read_user_bytes

    name = str(path)
    check_target(name)
    if not Path(name).exists() or Path(name).stat().st_size == 0:
        _note(stderr, f"no state in {name} yet: every result counts as new")
        return None
    try:
        previous = _parse(read_user_bytes(name, what="state file", max_bytes=MAX_BYTES))
    except (InputError, ValueError, TypeError, RecursionError) as error:
        _note(stderr, f"the state file {name} cannot be read ({error}); starting afresh")
        return None
    return previous


def _note(stderr: TextIO, text: str) -> None:
    stderr.write(f"{TOOL_NAME}: note: {one_line(text)}\n")
    stderr.flush()


def _parse(data: bytes) -> dict[Key, Status]:
    """The statuses a state file holds; ValueError for anything but what ``save`` writes."""
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or document.get("emailsec-check-state") != 1:
        raise ValueError("not a state document of version 1")
    entries = document.get("results")
    if not isinstance(entries, list):
        raise ValueError("no list of results")
    previous: dict[Key, Status] = {}
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 4):
            raise ValueError("a result is not [id, subject, group, status]")
        check_id, subject, group, status = entry
        if group is None:
            group = ""
        if not (isinstance(check_id, str) and isinstance(subject, str) and isinstance(group, str)):
            raise ValueError("a result's id, subject or group is not text")
        if status not in _STATUSES:
            raise ValueError(f"unknown status {status!r}")
        previous[(check_id, subject, group)] = _STATUSES[status]
    return previous


def _worst(results: Iterable[Result]) -> dict[Key, Status]:
    """Each key's status; where one key has several results, the worst of them."""
    found: dict[Key, Status] = {}
    for result in results:
        slot = key(result)
        known = found.get(slot)
        if known is None or SEVERITY[result.status] > SEVERITY[known]:
            found[slot] = result.status
    return found


def _change(before: Optional[Status], now: Status) -> Change:
    if before is None:
        return Change.NEW
    if before is now:
        return Change.SAME
    return Change.WORSE if SEVERITY[now] > SEVERITY[before] else Change.BETTER


def compare(report: Report, previous: Optional[Mapping[Key, Status]]) -> None:
    """Fill in ``report.changes`` (one per result) and ``report.resolved``.

    Resolved: what the last run found (a hint, fail or skip) that is gone now or passes.
    Without a previous state every result is new and nothing is resolved.
    """
    if previous is None:
        report.changes = [Change.NEW] * len(report.results)
        report.resolved = []
        return
    report.changes = [
        _change(previous.get(key(result)), result.status) for result in report.results
    ]
    now = _worst(report.results)
    report.resolved = [
        Resolved(check_id, subject, group or None, status)
        for (check_id, subject, group), status in previous.items()
        if status is not Status.PASS
        and now.get((check_id, subject, group), Status.PASS) is Status.PASS
    ]


def state_chunks(results: Iterable[Result]) -> Iterator[str]:
    """The state file's text for ``results``, in pieces."""
    yield MARKER + ', "results": ['
    lines: list[str] = []
    first = True
    for (check_id, subject, group), status in _worst(results).items():
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
    yield "\n]}\n"


def save(path: PathLike, results: Iterable[Result]) -> None:
    """Remember ``results`` in ``path``, atomically (checked again: never clobber a user file)."""
    from emailsec_check.output import write_atomic

    check_target(path)
    write_atomic(Path(path), state_chunks(results))
