"""Writing reports: to standard output, or atomically to a file.

``--output`` writes to a temporary file in the same folder, flushes it to disk
and renames it over the target, so a reader (node_exporter's textfile
collector, a CI artifact upload) never sees half a report.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from emailsec_check.errors import InputError


def write_atomic(path: Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` to ``path`` so that it appears whole or not at all."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise InputError("is a folder; --output needs a file name", path=target)
    if not folder.is_dir():
        raise InputError("cannot write report: its folder does not exist", path=target)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise InputError(f"cannot write report: {error.strerror or error}", path=target) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        # Keep the mode an existing report had (a textfile collector may need to read it).
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise InputError(f"cannot write report: {error.strerror or error}", path=target) from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def write_stream(chunks: Iterable[str], stream: TextIO | None = None) -> None:
    """Write ``chunks`` to standard output (or ``stream``)."""
    out = stream if stream is not None else sys.stdout
    for chunk in chunks:
        out.write(chunk)
    out.flush()
