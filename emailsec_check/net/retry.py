"""When to ask a server again: the answers worth a retry and ``Retry-After`` (stdlib only).

``Retry-After`` is outside text: only ASCII digits count as a number of seconds
(``str.isdigit`` would take ``²`` or Arabic-Indic digits, which ``int`` then refuses),
and an HTTP date is the other form. Anything else is treated as absent.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Optional

__all__ = ["LONGEST_WAIT", "RETRY_STATUSES", "ascii_int", "retry_after_seconds"]

#: Answers worth another try when --retries allows it.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: A wait longer than this is "longer than anything we would wait" (a year, in seconds).
LONGEST_WAIT = 365 * 24 * 3600.0

_ASCII_DIGITS = re.compile(r"[0-9]+\Z")
# More digits than this is not a count we would ever act on; it is never converted whole.
_MAX_DIGITS = 18


def ascii_int(text: str) -> Optional[int]:
    """``text`` (surrounding white space allowed) as a non-negative int of ASCII digits.

    None for anything else: signs, non-ASCII digits, or more than 18 digits.
    """
    stripped = text.strip()
    if not _ASCII_DIGITS.match(stripped) or len(stripped) > _MAX_DIGITS:
        return None
    return int(stripped)


def retry_after_seconds(value: Optional[str], now: Optional[datetime] = None) -> Optional[float]:
    """``Retry-After`` in seconds (a number or an HTTP date); None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if _ASCII_DIGITS.match(text):
        number = ascii_int(text)
        return LONGEST_WAIT if number is None else min(float(number), LONGEST_WAIT)
    if not text.isascii():
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    seconds = (when - (now or datetime.now(timezone.utc))).total_seconds()
    return min(max(0.0, seconds), LONGEST_WAIT)
