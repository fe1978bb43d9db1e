"""Opening what users hand us: regular files (or ``-`` for stdin) only, always bounded.

A device (``/dev/zero``), a FIFO with no writer or a socket must never hang the tool or
grow its memory without end, and ``st_size`` says nothing about them (it is 0). So every
user file is opened without blocking, checked with ``fstat`` on the open descriptor (no
race between a check and the open), and read in pieces up to a byte cap. Anything that
is not a regular file is an :class:`InputError` naming the path, at once.

Text is UTF-8 (a byte-order mark is allowed) or UTF-16 with a byte-order mark;
:func:`decode_user_text` (whole files) and :func:`text_encoding` (streamed files) hold
that one rule, so UTF-16 saved without a mark is a clear error everywhere, never text
full of NUL characters.
"""

from __future__ import annotations

import errno
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
    "UTF8_BOM",
    "decode_user_text",
    "open_user_file",
    "read_user_bytes",
    "read_user_text",
    "text_encoding",
    "user_file_identity",
]

#: What ``-`` means where a file is asked for.
STDIN = "-"
#: The default cap for documents (configs, profiles, request files): 1 MiB.
DEFAULT_MAX_BYTES = 1024 * 1024
_CHUNK = 1 << 20

PathLike = Union[str, Path]


def _refusal(what: str, mode: int) -> str:
    """Why a path that is not a regular file is not read (``what`` names its role)."""
    if stat.S_ISDIR(mode):
        kind = "a folder, not a file"
    elif stat.S_ISFIFO(mode):
        kind = "a pipe (FIFO), not a regular file"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device, not a regular file"
    elif stat.S_ISSOCK(mode):
        kind = "a socket, not a regular file"
    else:
        kind = "not a regular file"
    return f"cannot read {what}: it is {kind}"


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
        raise InputError(_refusal(what, stat.S_IFDIR), path=name) from None
    except OSError as error:
        raise InputError(_open_failure(name, what, error), path=name) from None
    except ValueError as error:  # a NUL byte in the name
        raise InputError(f"cannot open {what}: {error}", path=name) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(_refusal(what, mode), path=name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _open_failure(name: str, what: str, error: OSError) -> str:
    """Why ``open`` failed, in the user's terms: a socket gives ENXIO, which says nothing."""
    if error.errno in (errno.ENXIO, errno.EOPNOTSUPP, errno.ENODEV):
        try:
            mode = Path(name).stat().st_mode
        except OSError:
            mode = 0
        if mode and not stat.S_ISREG(mode):
            return _refusal(what, mode)
    if error.errno == errno.ENAMETOOLONG:
        return f"cannot open {what}: the name is too long"
    return f"cannot open {what}: {error.strerror or error}"


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
        stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
        if stream is None:  # started with standard input closed
            raise InputError(f"no standard input to read the {what} from", path="<stdin>")
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


#: How much of the start of a file is sampled to recognise UTF-16 saved without a BOM.
_SNIFF_BYTES = 1024
_BOMS_UTF32 = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")
#: The UTF-8 byte-order mark Windows tools (Excel, the Entra admin center) write first.
UTF8_BOM = b"\xef\xbb\xbf"


def text_encoding(head: bytes, path: PathLike, *, what: str = "file") -> str:
    """The codec for a user file starting with ``head`` (its first KiB or so):
    ``"utf-16"`` after a UTF-16 byte-order mark, else ``"utf-8"`` (a reader skips a
    leading :data:`UTF8_BOM` itself: plain UTF-8 needs no codec module of its own).

    For readers that stream (CSV): the same rule as :func:`decode_user_text`, so UTF-16
    saved without a byte-order mark, or UTF-32, is an InputError naming the file at once.
    """
    name = str(path) if str(path) != STDIN else "<stdin>"
    if head.startswith(_BOMS_UTF32):
        raise InputError(f"{what} is UTF-32 text; save it as UTF-8", path=name)
    if head.startswith(_BOMS_UTF16):
        return "utf-16"
    if _looks_like_bomless_utf16(head[:_SNIFF_BYTES]):
        raise InputError(
            f"{what} looks like UTF-16 without a byte-order mark; save it as UTF-8", path=name
        )
    return "utf-8"


def decode_user_text(data: bytes, path: PathLike, *, what: str = "file") -> str:
    """The text of a user file: UTF-8 (with or without a byte-order mark) or UTF-16 with one.

    Anything else is an :class:`InputError` naming the file (and the line where it helps):
    UTF-16 saved without a byte-order mark (Windows "Unicode" exports often are), UTF-32,
    bytes that are not UTF-8, or NUL bytes (binary data). The byte-order mark is dropped.
    """
    name = str(path) if str(path) != STDIN else "<stdin>"
    if text_encoding(data[:_SNIFF_BYTES], path, what=what) == "utf-16":
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{what} is broken UTF-16 text; save it as UTF-8", path=name) from None
    if b"\x00" in data:
        first = data.index(b"\x00")
        raise InputError(
            f"{what} holds binary data (a NUL byte), not text",
            path=name,
            line=data.count(b"\n", 0, first) + 1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{what} is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8",
            path=name,
            line=data.count(b"\n", 0, error.start) + 1,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _looks_like_bomless_utf16(sample: bytes) -> bool:
    """Mostly-ASCII text in UTF-16 has a NUL in every other byte, all on one side."""
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    many, few = max(even, odd), min(even, odd)
    return many * 10 >= pairs * 3 and few * 10 <= many


def read_user_text(
    path: PathLike, *, what: str = "file", max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """:func:`read_user_bytes` then :func:`decode_user_text`: the one way to read a text file."""
    return decode_user_text(read_user_bytes(path, what=what, max_bytes=max_bytes), path, what=what)
