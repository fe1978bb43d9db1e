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
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, TextIO

__all__ = ["Environment"]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Environment:
    """The process's surroundings, as one value."""

    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    #: Seconds since the epoch (wall clock: timestamps in reports).
    clock: Callable[[], float] = time.time
    #: A monotonic clock for durations and deadlines.
    monotonic: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = _utc_now
    #: When the process started (``clock`` time): reports count start-up in their duration.
    started: float = field(default_factory=time.time)

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
