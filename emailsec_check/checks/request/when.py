"""RQ005: a date and time support can find in its logs, read by the one date reader.

``rules.dates.read_when`` reads the value with the same ambiguity policy as every other
area (a slash date with the year last is refused); this check turns what it read into a
verdict: refused is a fail, a missing time or zone (or one with several meanings) a hint.
"""

from __future__ import annotations

from datetime import timezone

from emailsec_check.catalogue import request as rq
from emailsec_check.model import Status
from emailsec_check.profiles import RequestField

from .findings import Context, Finding, fix, shown

__all__ = ["check_date_time"]


def _like(item: RequestField) -> str:
    """The example, unless the field's own advice (said after it) gives it already."""
    from emailsec_check.rules.dates import EXAMPLE

    return "" if EXAMPLE in item.advice else f", like {EXAMPLE}"


def check_date_time(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ005 for one value."""
    # The date reader loads for requests with a date field only (start-up of the rest).
    from emailsec_check.rules.dates import read_when

    reading = read_when(text)
    moment = reading.moment
    if moment is None:
        return Finding(
            rq.DATETIME,
            Status.FAIL,
            f"{shown(text)} {reading.problem}",
            fix(f"Write the date as year-month-day{_like(item)}.", item),
        )
    said = f"{moment:%Y-%m-%d %H:%M}" + (f" {reading.zone}" if reading.zone else "")
    offset = moment.utcoffset()
    utc = None
    if offset is not None:
        utc = moment.astimezone(timezone.utc).replace(tzinfo=None)
        if offset:
            said += f" ({utc:%Y-%m-%d %H:%M} UTC)"
    data = {"utc": utc.isoformat() + "Z" if utc is not None else None}
    if reading.notes:
        missing = (
            "the time and its offset from UTC" if not reading.has_time else "its offset from UTC"
        )
        return Finding(
            rq.DATETIME,
            Status.HINT,
            f"{said}: " + "; ".join(reading.notes),
            fix(f"Add {missing}{_like(item)}.", item),
            data=data,
        )
    return Finding(rq.DATETIME, Status.PASS, said, data=data)
