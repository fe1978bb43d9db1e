"""What the outside world gives a run: variables, streams, terminal, clock.

Commands read none of these directly; they are handed one :class:`Environment`
(the CLI builds it from the process, tests build one with fakes). The idea is
httpie's ``Environment``: one object to swap instead of many things to patch.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Callable, TextIO

__all__ = ["Environment"]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Environment:
    """The process's surroundings, as one value (read-only by convention).

    Every argument left out is the process's own, looked up when the object is made.
    """

    __slots__ = ("clock", "environ", "monotonic", "now", "started", "stderr", "stdin", "stdout")

    def __init__(
        self,
        *,
        environ: Mapping[str, str] | None = None,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = _utc_now,
        started: float | None = None,
    ) -> None:
        self.environ: Mapping[str, str] = dict(os.environ) if environ is None else environ
        self.stdin: TextIO = sys.stdin if stdin is None else stdin
        self.stdout: TextIO = sys.stdout if stdout is None else stdout
        self.stderr: TextIO = sys.stderr if stderr is None else stderr
        #: Seconds since the epoch (wall clock: timestamps in reports).
        self.clock = clock
        #: A monotonic clock for durations and deadlines.
        self.monotonic = monotonic
        self.now = now
        #: When the process started (``clock`` time): reports count start-up in their duration.
        self.started: float = time.time() if started is None else started

    @classmethod
    def from_process(cls, started: float | None = None) -> Environment:
        """The real environment of this process (streams looked up now, not at import)."""
        return cls(
            environ=os.environ,
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            started=time.time() if started is None else started,
        )

    def get(self, name: str, default: str = "") -> str:
        return self.environ.get(name, default)

    def is_terminal(self, stream: TextIO) -> bool:
        isatty = getattr(stream, "isatty", None)
        try:
            return bool(isatty and isatty())
        except (OSError, ValueError):
            return False

    def use_color(self, requested: bool | None, stream: TextIO | None = None) -> bool:
        """``--color/--no-color`` when given; else NO_COLOR, FORCE_COLOR, then the terminal."""
        if requested is not None:
            return requested
        if self.get("NO_COLOR"):
            return False
        if self.get("FORCE_COLOR"):
            return True
        return self.is_terminal(self.stdout if stream is None else stream)

    def can_encode(self, text: str, stream: TextIO | None = None) -> bool:
        """Whether the stream takes these characters (a C locale may not)."""
        out = self.stdout if stream is None else stream
        encoding = getattr(out, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            return False
        return True
