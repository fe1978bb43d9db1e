"""Writing reports: to standard output, or atomically to a file.

``--output`` writes to a temporary file in the same folder, flushes it to disk
and renames it over the target, so a reader (node_exporter's textfile
collector, a CI artifact upload) never sees half a report.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from emailsec_check.errors import InputError


def write_atomic(path: Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` to ``path`` so that it appears whole or not at all.

    A symbolic link is followed (the file it points at is replaced, the link kept);
    a target that is not a regular file (``/dev/stdout``, a named pipe, a device) is
    written into as it is, never replaced.
    """
    given = Path(path)
    if given.is_dir():
        raise InputError("is a folder; --output needs a file name", path=given)
    try:
        special = not stat.S_ISREG(given.stat().st_mode)  # follows links, /proc's too
    except OSError:
        special = False  # not there yet: a new report file
    if special:
        _write_special(given, chunks)
        return
    target = Path(os.path.realpath(given))
    folder = target.parent
    if not folder.is_dir():
        raise InputError("cannot write report: its folder does not exist", path=given)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise InputError(f"cannot write report: {error.strerror or error}", path=given) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        # Keep the mode an existing report had (a textfile collector may need to read
        # it); a new one gets what open() would give it (mkstemp's is owner-only).
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        Path(temporary).chmod(mode)
        # os.replace, not Path.replace: the same call on every Python we support.
        os.replace(temporary, target)  # noqa: PTH105
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise InputError(f"cannot write report: {error.strerror or error}", path=given) from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _write_special(path: Path, chunks: Iterable[str]) -> None:
    """Write into a pipe or device in place: renaming over it would destroy it."""
    try:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as error:
        raise InputError(f"cannot write report: {error.strerror or error}", path=path) from None


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_stream(chunks: Iterable[str], stream: TextIO | None = None) -> None:
    """Write ``chunks`` to standard output (or ``stream``).

    A character the stream cannot encode (a Cyrillic host name on an ASCII
    console) is written as an escape instead of ending the run. A reader that
    went away (``| head``) ends the writing quietly; the exit status still holds.
    """
    out = stream if stream is not None else sys.stdout
    try:
        for chunk in chunks:
            try:
                out.write(chunk)
            except UnicodeEncodeError:
                encoding = getattr(out, "encoding", None) or "utf-8"
                out.write(chunk.encode(encoding, "backslashreplace").decode(encoding))
        out.flush()
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """Point stdout at /dev/null, so flushing it at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
