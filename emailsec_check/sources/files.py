"""Opening what users hand us: regular files (or ``-`` for stdin) only, always bounded.

A device (``/dev/zero``), a FIFO with no writer or a socket must never hang the tool or
grow its memory without end, and ``st_size`` says nothing about them (it is 0). So every
user file is opened without blocking, checked with ``fstat`` on the open descriptor (no
race between a check and the open), and read in pieces up to a byte cap. Anything that
is not a regular file is an :class:`InputError` naming the path, at once.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Union

from emailsec_check.errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "open_user_file",
    "read_user_bytes",
    "user_file_identity",
]

#: What ``-`` means where a file is asked for.
STDIN = "-"
#: The default cap for documents (configs, profiles, request files): 1 MiB.
DEFAULT_MAX_BYTES = 1024 * 1024
_CHUNK = 1 << 20

PathLike = Union[str, Path]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def open_user_file(path: PathLike, *, what: str = "file") -> BinaryIO:
    """Open a regular file for reading in binary; InputError for anything else.

    ``O_NONBLOCK`` keeps ``open`` of a FIFO from waiting for a writer; the descriptor is
    checked with ``fstat`` before a byte is read, and closed again if it is not a file.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(name, flags)
    except FileNotFoundError:
        raise InputError(f"{what} not found", path=name) from None
    except IsADirectoryError:
        raise InputError(f"{what} is a folder, not a file", path=name) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(f"cannot open {what}: {reason}", path=name) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{what} {_kind(mode)}", path=name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _chunks(stream: BinaryIO, name: str, what: str, max_bytes: int) -> Iterator[bytes]:
    total = 0
    while True:
        try:
            piece = stream.read(min(_CHUNK, max_bytes + 1 - total))
        except OSError as error:
            raise InputError(f"cannot read {what}: {error.strerror or error}", path=name) from None
        if not piece:
            return
        total += len(piece)
        if total > max_bytes:
            raise InputError(
                f"{what} is larger than {_size(max_bytes)}; is this the right file?", path=name
            )
        yield piece


def _size(count: int) -> str:
    if count >= 1 << 20 and count % (1 << 20) == 0:
        return f"{count >> 20} MiB"
    if count >= 1 << 10 and count % (1 << 10) == 0:
        return f"{count >> 10} KiB"
    return f"{count} bytes"


def read_user_bytes(
    path: PathLike, *, what: str = "file", max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """The whole of a user file (``-``: standard input), at most ``max_bytes``."""
    name = str(path)
    if name == STDIN:
        stream: BinaryIO = sys.stdin.buffer
        return b"".join(_chunks(stream, "<stdin>", what, max_bytes))
    with open_user_file(name, what=what) as stream:
        return b"".join(_chunks(stream, name, what, max_bytes))


def user_file_identity(path: PathLike) -> tuple[int, int] | None:
    """``(device, inode)`` of an existing file, to tell whether two names are one file."""
    try:
        info = Path(path).stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)
