"""Reading a date (and maybe a time) someone typed: one reader, one ambiguity policy.

Accepted: ISO 8601 (``2026-03-01``, ``2026-03-01T09:30:00Z``, with an offset or the
7-digit fractions .NET writes), ``2026/03/01``, ``01.03.2026``, ``1 Mar 2026`` and
``Mar 1, 2026``. A date written with slashes and the year last (``03/01/2026``,
``20/11/2026``) is refused everywhere: whether it is month or day first depends on
who wrote it, and a wrong guess moves a date by months.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Optional

__all__ = ["AMBIGUOUS_DATE", "parse_when"]

#: Slash dates with the year last: day and month cannot be told apart.
AMBIGUOUS_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")

_DATE_FORMATS = (
    "%Y/%m/%d", "%d.%m.%Y", "%d %b %Y", "%b %d, %Y", "%d-%b-%Y", "%d %B %Y", "%B %d, %Y",
)  # fmt: skip
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$", re.I)
_FRACTION = re.compile(r"(\.\d{6})\d+")


def parse_when(text: str) -> Optional[datetime]:
    """A date or time as an aware UTC datetime; None if it is not one we accept."""
    value = text.strip()
    if not value.isascii() or len(value) > 64:
        return None
    iso = _FRACTION.sub(r"\1", value)
    if iso.endswith(("Z", "z")):
        iso = iso[:-1] + "+00:00"
    try:
        when: Optional[datetime] = datetime.fromisoformat(iso)
    except ValueError:
        when = None
    if when is None:
        day_part = _TIME_TAIL.sub("", value)
        for pattern in _DATE_FORMATS:
            try:
                when = datetime.strptime(day_part, pattern)
                break
            except ValueError:
                continue
    if when is None:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)
