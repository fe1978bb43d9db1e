"""Writing reports: to standard output, or atomically to a file.

``--output`` writes to a temporary file in the same folder, flushes it to disk
and renames it over the target, so a reader (node_exporter's textfile
collector, a CI artifact upload) never sees half a report. ``-`` means standard
output. Chunks are written as they come, so a long report never has to be held
in memory whole. Nothing about the target can end in a traceback: a name too
long, a pipe nobody reads, a full disk and text the encoding cannot hold are
all either handled or an :class:`InputError` naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO, Union

from emailsec_check.errors import InputError

__all__ = [
    "PIPE_GRACE_SECONDS",
    "STDOUT",
    "check_output_not_input",
    "silence_stdout",
    "write_atomic",
    "write_stream",
]

#: What ``--output -`` means: standard output.
STDOUT = "-"
#: How long a named pipe given as ``--output`` may go without a reader before we give up
#: (a reader started in the background at the same moment may need a little while).
PIPE_GRACE_SECONDS = 2.0
# Longest file name most file systems take, in bytes; the system's own figure when it has one.
_NAME_MAX = 255
PathLike = Union[str, Path]


def check_output_not_input(
    output: PathLike, inputs: Iterable[PathLike], *, option: str = "--output"
) -> None:
    """InputError when ``output`` names one of ``inputs``: a report never replaces the user's file.

    Compared by device and inode (so a hard link, a symbolic link or another spelling of
    the same path is caught), and by resolved path where a file cannot be looked at.
    ``-`` (standard input or output) is never a clash.
    """
    from emailsec_check.sources.files import user_file_identity

    if str(output) == STDOUT:
        return
    target = user_file_identity(output)
    target_path = _resolved(output)
    for given in inputs:
        if str(given) == STDOUT:
            continue
        same = (target is not None and target == user_file_identity(given)) or (
            target_path is not None and target_path == _resolved(given)
        )
        if same:
            raise InputError(
                f"{option} would replace your input file {given}; choose another name for "
                "what it writes",
                path=output,
            )


def _resolved(path: PathLike) -> str | None:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return None


def _check_name(path: Path) -> None:
    """A name no file system takes is the user's to fix: say which part is too long."""
    limit = _name_max(path)
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > limit:
            shown = part if len(part) <= 40 else part[:37] + "..."
            raise InputError(
                f"cannot write report: the name {shown!r} is {size} bytes long; "
                f"at most {limit} fit in one part of a path",
                path=path,
            )


def _name_max(path: Path) -> int:
    folder = path.parent
    try:
        return int(os.pathconf(folder if folder.is_dir() else ".", "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return _NAME_MAX


def write_atomic(path: PathLike, chunks: Iterable[str]) -> None:
    """Write ``chunks`` to ``path`` so that it appears whole or not at all.

    ``-`` is standard output. A symbolic link is followed (the file it points at is
    replaced, the link kept); a target that is not a regular file (``/dev/stdout``,
    a named pipe, a device) is written into as it is, never replaced.
    """
    if str(path) == STDOUT:
        write_stream(chunks)
        return
    given = Path(path)
    _check_name(given)
    try:
        _write_to(given, chunks)
    except OSError as error:  # looking at the target, before any temporary file exists
        raise InputError(f"cannot write report: {_reason(error)}", path=given) from None


def _write_to(given: Path, chunks: Iterable[str]) -> None:
    if given.is_dir():
        raise InputError("is a folder; --output needs a file name", path=given)
    try:
        special = not stat.S_ISREG(given.stat().st_mode)  # follows links, /proc's too
    except FileNotFoundError:
        special = False  # not there yet: a new report file
    if special:
        _write_special(given, chunks)
        return
    target = Path(os.path.realpath(given))
    if not target.parent.is_dir():
        raise InputError("cannot write report: its folder does not exist", path=given)
    _replace(given, target, chunks)


def _replace(given: Path, target: Path, chunks: Iterable[str]) -> None:
    # The temporary name must fit too: a long report name keeps only its start.
    stem = target.name if len(os.fsencode(target.name)) <= 200 else target.name[:50]
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{stem}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise InputError(f"cannot write report: {_reason(error)}", path=given) from None
    try:
        with _text_writer(descriptor) as handle:
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
        raise InputError(f"cannot write report: {_reason(error)}", path=given) from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _write_special(path: Path, chunks: Iterable[str]) -> None:
    """Write into a pipe or device in place: renaming over it would destroy it.

    Opened without blocking, so a named pipe nobody reads is an error after a short
    grace period instead of a hang; the writing itself then blocks as usual.
    """
    descriptor = _open_special(path)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        handle = _text_writer(descriptor)
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        for chunk in chunks:
            handle.write(chunk)


def _text_writer(descriptor: int) -> TextIO:
    """UTF-8 text into ``descriptor``; a lone surrogate (it can come from a user's JSON)
    is written as its escape rather than ending the run."""
    return os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace", newline="\n")


def _open_special(path: Path) -> int:
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    give_up = time.monotonic() + PIPE_GRACE_SECONDS
    while True:
        try:
            return os.open(path, flags)
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
            if time.monotonic() >= give_up:
                raise InputError(
                    "nobody reads the pipe; start its reader first, or write the report to a file",
                    path=path,
                ) from None
            time.sleep(0.02)


def _reason(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return error.strerror or str(error)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_stream(chunks: Iterable[str], stream: TextIO | None = None) -> None:
    """Write ``chunks`` to standard output (or ``stream``).

    A character the stream cannot encode (a Cyrillic host name on an ASCII
    console, a lone surrogate) is written as an escape instead of ending the run.
    A reader that went away (``| head``) ends the writing quietly; the exit
    status still holds.
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
