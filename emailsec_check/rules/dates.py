"""Reading a date (and maybe a time and zone) someone typed: one reader, one ambiguity policy.

:func:`read_when` is the reader. It finds a date, then an optional time of day, then an
optional time zone, and says what it read, what is missing and what it could not use:

- dates: year first (``2026-11-20``, ``2026/11/20``, ``2026.11.20``), day first with dots
  (``20.11.2026``), or with the month's name (``20 Nov 2026``, ``Nov 20, 2026``,
  ``20-Nov-2026``);
- times: ``14:05``, ``14:05:33.1234567``, ``2:05 pm``, ``2 pm``;
- zones: ``Z``, ``UTC``/``GMT``, an offset (``+01:00``, ``+0530``, ``GMT-5``), an IANA name
  (``Europe/Berlin``) or an abbreviation with one meaning (``CET``, ``PST``).

**The ambiguity policy** (the same for every area): a numeric date with slashes or dashes
and the year last (``03/01/2026``, ``20/11/2026``, ``11-20-2026``) is refused. Whether the
day or the month comes first depends on who wrote it, and a wrong guess moves a date by
months, silently; even ``20/11/2026``, readable only one way, is refused so that one rule
holds for every date. Dots with the year last (``20.11.2026``) are always day first.

Only ASCII digits count as digits. :func:`parse_when` is the reader as the identities area
uses it: an aware UTC datetime, or None when the text is refused.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from enum import Enum
from typing import Final, Optional

from emailsec_check.record import Record
from emailsec_check.rules.text import lazy_pattern

__all__ = [
    "EXAMPLE",
    "MAX_WHEN_LENGTH",
    "DateForm",
    "WhenReading",
    "parse_when",
    "read_when",
]

#: How a date should be written; every refusal points here.
EXAMPLE = "2026-11-20 14:05 +01:00"
#: Longer than this, a text is not a date (and the reader never spends time on a page of text).
MAX_WHEN_LENGTH = 120


class DateForm(Enum):
    """How the date part was written."""

    ISO = "iso"  # 2026-11-20
    YEAR_FIRST = "year-first"  # 2026/11/20, 2026.11.20
    DAY_FIRST = "day-first"  # 20.11.2026
    MONTH_NAME = "month-name"  # 20 Nov 2026, Nov 20, 2026


class WhenReading(Record):
    """What a typed date says.

    ``moment`` is aware when a zone was written and understood, naive otherwise (then
    ``notes`` says why). ``problem`` is set, and ``moment`` None, when the text cannot be
    used as a date at all.
    """

    __slots__ = ("moment", "problem", "notes", "zone", "has_time", "form")

    moment: Final[Optional[datetime]]
    problem: Final[str]
    notes: Final[tuple[str, ...]]
    #: The zone as it is shown back: "UTC", "+01:00", "CET", "Europe/Berlin" ("" for none).
    zone: Final[str]
    has_time: Final[bool]
    form: Final[Optional[DateForm]]

    def __init__(
        self,
        moment: Optional[datetime] = None,
        problem: str = "",
        notes: tuple[str, ...] = (),
        zone: str = "",
        has_time: bool = False,
        form: Optional[DateForm] = None,
    ) -> None:
        self.moment = moment
        self.problem = problem
        self.notes = notes
        self.zone = zone
        self.has_time = has_time
        self.form = form


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)


# Compiled on first use (rules.text.lazy_pattern): a date in one of the plain ISO forms
# (see _plain_iso) needs none of them, and most exports write nothing else.
#: Numeric dates with the year last and ``/`` or ``-``: day and month cannot be told apart.
_AMBIGUOUS = lazy_pattern(r"(?<![0-9])[0-9]{1,2}([/-])[0-9]{1,2}\1(?:[0-9]{4}|[0-9]{2})(?![0-9])")
#: The date forms, in the order they are tried.
_DATES = (
    (
        DateForm.ISO,
        lazy_pattern(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![0-9])"),
    ),
    (
        DateForm.YEAR_FIRST,
        lazy_pattern(
            r"(?<![0-9])(?P<y>[0-9]{4})(?P<sep>[/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
            r"(?![0-9])"
        ),
    ),
    (
        DateForm.MONTH_NAME,
        lazy_pattern(
            r"(?<![0-9])(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|\s+|-)"
            + _MON
            + r"(?:,?\s+|-)(?P<y>[0-9]{4})(?![0-9])",
            re.I,
        ),
    ),
    (
        DateForm.MONTH_NAME,
        lazy_pattern(
            r"\b" + _MON + r"\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{4})(?![0-9])",
            re.I,
        ),
    ),
    (
        DateForm.DAY_FIRST,
        lazy_pattern(r"(?<![0-9])(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})(?![0-9])"),
    ),
)
_TIMES = (
    lazy_pattern(
        r"(?<![0-9:])(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})"
        r"(?::(?P<s>[0-9]{2})(?:[.,](?P<f>[0-9]{1,9}))?)?"
        r"(?:\s*(?P<ap>[ap])\.?m\.?(?![a-z]))?(?![0-9:])",
        re.I,
    ),
    lazy_pattern(r"(?<![0-9:.])(?P<h>[0-9]{1,2})\s*(?P<ap>[ap])\.?m\.?(?![a-z])", re.I),
)
_FILLER = lazy_pattern(
    r"\b(?:at|on|around|about|approx(?:imately)?|ca|time|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?|[(),@]",
    re.I,
)
_OFFSET = lazy_pattern(
    r"^(?:(?:utc|gmt|ut)\s*)?(?P<sign>[+\-−])\s*(?P<h>[0-9]{1,2})(?::?(?P<m>[0-9]{2}))?$", re.I
)
#: Abbreviations with one meaning; minutes east of UTC.
_ZONE_ABBREVIATIONS = {
    "WET": 0, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "AKST": -540, "AKDT": -480, "HST": -600, "JST": 540, "KST": 540, "SGT": 480, "HKT": 480,
    "AWST": 480, "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "SAST": 120,
}  # fmt: skip
#: Abbreviations that name several zones (India/Israel/Ireland, China/Central US, ...).
_AMBIGUOUS_ZONES = frozenset({"IST", "CST", "BST", "AST", "ADT", "GST", "ECT", "PKT"})


_IANA_NAME = lazy_pattern(r"[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2}")


class _Zone(Record):
    """A written time zone: the zone (None if unusable), how it is shown, and any note."""

    __slots__ = ("zone", "label", "note")

    zone: Final[Optional[tzinfo]]
    label: Final[str]
    note: Final[str]

    def __init__(self, zone: Optional[tzinfo] = None, label: str = "", note: str = "") -> None:
        self.zone = zone
        self.label = label
        self.note = note


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:27] + "...")


def _zone(text: str) -> _Zone:
    """A written time zone; an empty ``_Zone`` when the text is no zone at all."""
    word = text.strip()
    if word.casefold() in ("z", "utc", "gmt", "ut", "zulu"):
        return _Zone(timezone.utc, "UTC")
    offset = _OFFSET().match(word)
    if offset:
        hours, minutes = int(offset.group("h")), int(offset.group("m") or 0)
        if hours > 14 or minutes > 59:
            return _Zone()
        sign = -1 if offset.group("sign") in "-−" else 1
        delta = timedelta(hours=hours, minutes=minutes) * sign
        return _Zone(timezone(delta), f"{'+' if sign > 0 else '-'}{hours:02d}:{minutes:02d}")
    upper = word.upper()
    if upper in _ZONE_ABBREVIATIONS:
        return _Zone(timezone(timedelta(minutes=_ZONE_ABBREVIATIONS[upper]), upper), upper)
    if upper in _AMBIGUOUS_ZONES:
        return _Zone(None, upper, f"{upper} names several time zones")
    if _IANA_NAME().fullmatch(word):
        try:
            from zoneinfo import ZoneInfo

            return _Zone(ZoneInfo(word), word)
        except (ValueError, OSError, LookupError):  # ZoneInfoNotFoundError is a KeyError
            return _Zone(None, word, f"time zone {_quoted(word)} is not one this system knows")
    return _Zone()


def _leftover_zone(leftover: str) -> tuple[Optional[_Zone], str]:
    """The zone in what is left after the date and time, or the problem with it."""
    whole = _zone(leftover)
    if whole.zone is not None or whole.note:
        return whole, ""
    # "CET UTC+1": the first that is a zone; the rest must be zones or words.
    readings = [(token, _zone(token)) for token in leftover.split()]
    junk = [token for token, zone in readings if zone.zone is None and not zone.note]
    if any(not token.isalpha() for token in junk):
        return None, f"cannot read {_quoted(leftover)} in it"
    found = next((zone for _token, zone in readings if zone.zone is not None or zone.note), None)
    if found is None:
        return _Zone(None, "", f"time zone {_quoted(leftover)} is not one we can read"), ""
    return found, ""


def _date_of(written: str) -> tuple[Optional[re.Match[str]], Optional[DateForm], str]:
    """The date's match and form, or the reason there is none."""
    ambiguous = _AMBIGUOUS().search(written)
    if ambiguous is not None:
        return (
            None,
            None,
            (
                f"{ambiguous.group()} reads as day/month or month/day; write the date as "
                f"year-month-day, like {EXAMPLE}"
            ),
        )
    for form, pattern in _DATES:
        found = pattern().search(written)
        if found is not None:
            return found, form, ""
    has_time = any(pattern().search(written) for pattern in _TIMES)
    return None, None, "has a time but no date" if has_time else "cannot be read as a date"


class _Clock(Record):
    __slots__ = ("hour", "minute", "second", "micro")

    hour: Final[int]
    minute: Final[int]
    second: Final[int]
    micro: Final[int]

    def __init__(self, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0) -> None:
        self.hour = hour
        self.minute = minute
        self.second = second
        self.micro = micro


def _time_of(found: re.Match[str]) -> tuple[Optional[_Clock], str]:
    parts = found.groupdict()
    hour = int(parts["h"])
    if parts.get("ap"):
        if not 1 <= hour <= 12:
            return None, f"{found.group().strip()} is not a time"
        hour = hour % 12 + (12 if parts["ap"].casefold() == "p" else 0)
    fraction = (parts.get("f") or "")[:6].ljust(6, "0")
    return _Clock(hour, int(parts.get("mi") or 0), int(parts.get("s") or 0), int(fraction)), ""


def _zone_in(rest: str, *, has_time: bool) -> tuple[_Zone, str]:
    """The zone written in what is left after the date and time, or the problem with it."""
    tokens = _FILLER().sub(" ", rest).split()
    leftover = " ".join(token for token in tokens if token not in ("-", "–"))
    if leftover:
        found, problem = _leftover_zone(leftover)
        return (found, "") if found is not None else (_Zone(), problem)
    return _Zone(note="has no time zone" if has_time else ""), ""


def read_when(text: str) -> WhenReading:
    """Read a typed date and time (see the module docstring for what is accepted)."""
    if len(text) > MAX_WHEN_LENGTH:
        return WhenReading(problem=f"is too long to be a date ({len(text):,} characters)")
    written = re.sub(r"(?<=[0-9])T(?=[0-9])", " ", text.strip())
    date_match, form, problem = _date_of(written)
    if date_match is None:
        return WhenReading(problem=problem)
    parts = date_match.groupdict()
    year, day = int(parts["y"]), int(parts["d"])
    month = _MONTHS[parts["mon"][:3].casefold()] if parts.get("mon") else int(parts["m"])
    rest = written[: date_match.start()] + " " + written[date_match.end() :]
    notes: list[str] = []
    clock = _Clock()
    time_match = next((m for m in (p().search(rest) for p in _TIMES) if m), None)
    if time_match is None:
        notes.append("has a date but no time of day")
    else:
        read, problem = _time_of(time_match)
        if read is None:
            return WhenReading(problem=problem, form=form)
        clock = read
        rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
    try:
        moment = datetime(year, month, day, clock.hour, clock.minute, clock.second, clock.micro)
    except ValueError as error:
        return WhenReading(problem=f"is not a real date and time ({error})", form=form)
    zone, problem = _zone_in(rest, has_time=time_match is not None)
    if problem:
        return WhenReading(problem=problem, form=form)
    if zone.note:
        notes.append(zone.note)
    if zone.zone is not None:
        moment = moment.replace(tzinfo=zone.zone)
    return WhenReading(moment, "", tuple(notes), zone.label, time_match is not None, form)


def parse_when(text: str) -> Optional[datetime]:
    """A date or time as an aware UTC datetime; None when :func:`read_when` refuses it.

    No zone (or one that cannot be used) is read as UTC. As it always has for the
    identities area, a date written other than in ISO form counts to the day: its time of
    day, if any, is not used (``Mar 1, 2026 10:15`` is 2026-03-01 00:00 UTC).
    """
    plain, moment = _plain_iso(text)
    return moment if plain else _as_utc(read_when(text))


def _as_utc(reading: WhenReading) -> Optional[datetime]:
    """:func:`parse_when` of what :func:`read_when` read."""
    moment = reading.moment
    if moment is None:
        return None
    if reading.form is not DateForm.ISO:
        return datetime(moment.year, moment.month, moment.day, tzinfo=timezone.utc)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _plain_iso(text: str) -> tuple[bool, Optional[datetime]]:
    """(True, the moment or None) when ``text`` is ``2026-11-20`` or ``2026-11-20T14:05:33Z``
    exactly, the forms exports write most; (False, None) for anything else.

    What :func:`read_when` makes of these forms, found without it: digits where the
    form has them, UTC, and None for a date that does not exist (2026-02-30).
    """
    written = text.strip()
    size = len(written)
    if size == 10:
        digits = written[:4] + written[5:7] + written[8:]
    elif size == 20 and written[10] == "T" and written[13] == ":" and written[16] == ":":
        if written[19] != "Z":
            return False, None
        digits = written[:4] + written[5:7] + written[8:10] + written[11:13] + written[14:16]
        digits += written[17:19]
    else:
        return False, None
    if written[4] != "-" or written[7] != "-" or not (digits.isascii() and digits.isdigit()):
        return False, None
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    hour, minute, second = (
        (int(digits[8:10]), int(digits[10:12]), int(digits[12:])) if size == 20 else (0, 0, 0)
    )
    try:
        return True, datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        return True, None
