"""Support requests complete the first time: every field there, filled, in a usable form.

One result per field of the request kind (the check that decided it: RQ001 when it is
missing, RQ002 for a placeholder, else the check for the field's kind), one per field or
text the kind does not have (RQ010, RQ013), and one for the whole request (RQ012). Every
result's data carries ``kind`` and ``field`` (null for the whole request).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Callable, Optional

from emailsec_check.catalogue import request as rq
from emailsec_check.model import CheckInfo, Result, Status
from emailsec_check.profiles import Profile, ProfileSet, RequestField, RequestKind
from emailsec_check.rules.hosts import HostRules, Verdict, registrable_domain
from emailsec_check.rules.redact import redact
from emailsec_check.sources.request import (
    Entry,
    Form,
    RequestDocument,
    compact,
    match_fields,
    plain_text,
    read_request,
    resolve_kind,
)

#: Longer than this, a value cannot be an address, a number, a date or a name (and the
#: checks below never spend time on a megabyte of text).
MAX_SHORT_VALUE = 300


@dataclass(frozen=True)
class Finding:
    """What one check found about one field's value."""

    check: CheckInfo
    status: Status
    message: str
    hint: str = ""
    #: The value as --render writes it (None: as given).
    value: Optional[str] = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RequestAssessment:
    """A request checked: its results and, field by field, the text --render writes."""

    kind: RequestKind
    results: tuple[Result, ...]
    values: Mapping[str, str]
    extras: tuple[tuple[str, str], ...]

    @property
    def ready(self) -> bool:
        return not any(result.status is Status.FAIL for result in self.results)

    def rendered(self) -> str:
        """The completed request in the plain form, ready to paste."""
        return plain_text(self.kind, self.values, self.extras)


@dataclass(frozen=True)
class _Context:
    kind: RequestKind
    rules: HostRules
    profile: Optional[Profile]


def check_request_file(
    path: Path, profiles: ProfileSet, kind: Optional[str] = None
) -> list[Result]:
    """Read and check one request file; InputError when the file or its kind cannot be used."""
    doc = read_request(path, profiles.request_kinds())
    chosen, how = resolve_kind(doc, profiles, kind)
    return list(assess_request(doc, chosen, HostRules(profiles), how=how).results)


def assess_request(
    doc: RequestDocument, kind: RequestKind, rules: HostRules, *, how: str = ""
) -> RequestAssessment:
    """Check every field of ``kind`` in ``doc``, the extra ones, and the request as a whole."""
    ctx = _Context(kind, rules, rules.profiles.get(kind.profile_id) if kind.profile_id else None)
    matched = match_fields(doc, kind)
    results: list[Result] = []
    values: dict[str, str] = {}
    extras: list[tuple[str, str]] = []
    to_fix: list[str] = []
    for item in kind.fields:
        entry, finding = _pick(item, matched.fields[item.id])
        if finding is None:
            assert entry is not None and entry.value is not None
            finding = _assess_value(item, entry.value, ctx)
            if finding.status is not Status.FAIL:
                values[item.id] = (
                    finding.value if finding.value is not None else entry.value.strip()
                )
        if finding.status is Status.FAIL:
            to_fix.append(item.label)
        line = entry.line if entry is not None else None
        results.append(_result(finding, f"{item.label} ({doc.source})", kind, item.id, doc, line))
    for entry, near in matched.unknown:
        results.append(_extra_field(entry, near, doc, kind))
        extras.append((entry.label, (entry.value or "").strip()))
        if results[-1].status is Status.FAIL:
            to_fix.append(entry.label)
    for stray in doc.stray:
        finding = Finding(
            rq.EXTRA_FIELD,
            Status.HINT,
            f"text outside any field: {_q(stray.text)}",
            "If it continues the field above, indent it; if it is a note to yourself, start it "
            "with #; otherwise give it a label of its own.",
        )
        results.append(
            _result(finding, f"line {stray.line} ({doc.source})", kind, None, doc, stray.line)
        )
        extras.append(("", stray.text))
    results.append(_whole(results, to_fix, kind, doc, how))
    return RequestAssessment(kind, tuple(results), values, tuple(extras))


def _result(
    finding: Finding,
    subject: str,
    kind: RequestKind,
    field_id: Optional[str],
    doc: RequestDocument,
    line: Optional[int],
) -> Result:
    data = {"kind": kind.id, "field": field_id, "file": doc.source, "line": line, **finding.data}
    return Result(
        finding.check, subject, finding.status, finding.message, finding.hint or None, data
    )


def _fix(text: str, item: Optional[RequestField] = None) -> str:
    """A hint: what to do, then the field's own advice from the profile."""
    advice = item.advice.strip() if item is not None else ""
    return f"{text} {advice}".strip() if advice else text


def _q(value: str, limit: int = 60) -> str:
    """A value quoted for a message: one line, shortened, nothing a terminal would act on."""
    shown = value if len(value) <= limit else value[: limit - 3] + "..."
    shown = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in shown
    )
    return f"'{shown}'"


# --------------------------------------------------------------------------- presence


def _pick(
    item: RequestField, entries: tuple[Entry, ...]
) -> tuple[Optional[Entry], Optional[Finding]]:
    """The entry to check, or a finding that settles the field already (missing, empty, twice)."""
    if not entries:
        if not item.required:
            return None, Finding(rq.FILLED, Status.PASS, "not given (optional)")
        return None, Finding(
            rq.FILLED,
            Status.FAIL,
            "missing",
            _fix(f"Add the field ('{item.label}: ...') and fill it in.", item),
        )
    wrong = next((entry for entry in entries if entry.value is None), None)
    if wrong is not None:
        return wrong, Finding(
            rq.FILLED,
            Status.FAIL,
            f"is {wrong.problem}",
            _fix("Give the value as one piece of text (in quotes in TOML and JSON).", item),
        )
    filled = [entry for entry in entries if entry.value and entry.value.strip()]
    if not filled:
        if not item.required:
            return entries[0], Finding(rq.FILLED, Status.PASS, "left empty (optional)")
        return entries[0], Finding(
            rq.FILLED, Status.FAIL, "is empty", _fix("Fill it in after the label.", item)
        )
    distinct = list(dict.fromkeys((entry.value or "").strip() for entry in filled))
    if len(distinct) == 1:
        return filled[0], None
    if item.kind == "datetime" and len(distinct) == 2:
        # "Date: 2026-11-20" and "Time: 14:05 UTC" are one date and time.
        label = " + ".join(entry.label for entry in filled)
        return Entry(label, " ".join(distinct), filled[0].line), None
    where = ", ".join(
        f"{_q(entry.label, 30)}" + (f" (line {entry.line})" if entry.line else "")
        for entry in filled
    )
    return filled[0], Finding(
        rq.DUPLICATE,
        Status.FAIL,
        f"given {len(filled)} times with different values: {where}",
        _fix("Keep one of them, or join them into one value.", item),
    )


_PLACEHOLDER_WORDS = frozenset(
    {
        "tbd", "tba", "tbc", "na", "n/a", "n.a", "none", "null", "nil", "unknown", "todo",
        "to do", "fixme", "pending", "to be confirmed", "to be determined", "to be announced",
        "not sure", "not known", "unsure", "dont know", "don't know", "see above",
        "same as above", "lorem ipsum", "placeholder", "changeme", "change me", "asdf",
        "sample", "example", "test", "value", "xyz", "abc",
    }
)  # fmt: skip
_PLACEHOLDER_PATTERNS = (
    re.compile(r"^[\W_]+$"),  # only punctuation: -, ?, ..., ***
    re.compile(r"^x+(?:[\s./@#-]*x+)*$"),  # xxx, XXXX-XXXX, xxx@xxx.xx
    re.compile(r"^(?:<[^<>@/.]*>|\[[^\[\]@/.]*\]|\{\{?[^{}@/.]*\}?\})$"),  # <order number>
    re.compile(
        r"^(?:please\s+)?(?:enter|insert|type|add|put|fill\s*in|write|provide|paste)\b.{0,50}$"
    ),
    re.compile(r"^(?:your|the|customer'?s?|user'?s?|company)\b.{0,40}\bhere$"),
    re.compile(r"^your\s+\S+(?:\s+\S+){0,3}$"),  # your name, your email address
    re.compile(r"^(\d)\1{3,}$"),  # 0000, 11111111
)


def _is_placeholder(text: str) -> bool:
    lowered = re.sub(r"\s+", " ", text.casefold()).strip()
    if lowered.strip(" .!'\"") in _PLACEHOLDER_WORDS:
        return True
    if len(lowered) >= 5 and ("1234567890".startswith(lowered) or "0123456789".startswith(lowered)):
        return True
    return any(pattern.match(lowered) for pattern in _PLACEHOLDER_PATTERNS)


# --------------------------------------------------------------------------- values


def _assess_value(item: RequestField, value: str, ctx: _Context) -> Finding:
    text = value.strip()
    if _is_placeholder(text):
        return Finding(
            rq.PLACEHOLDER,
            Status.FAIL,
            f"holds a placeholder, not a value: {_q(text)}",
            _fix("Put the real value in; find it out before opening the case.", item),
        )
    check, what, validate = _VALIDATORS.get(item.kind, _VALIDATORS["text"])
    if item.kind != "text":
        if len(text) > MAX_SHORT_VALUE:
            return Finding(
                check,
                Status.FAIL,
                f"is {len(text):,} characters, too long to be {what}",
                _fix(f"Give {what} alone; put any story in the details.", item),
            )
        if "\n" in text:
            lines = text.split("\n")
            return Finding(
                check,
                Status.FAIL,
                f"runs over {len(lines)} lines (the second: {_q(lines[1].strip(), 40)}); "
                f"it should be {what} alone",
                _fix(
                    "Keep the value on one line; if the next line is a field of its own, give it "
                    "its label, and put other text in the details.",
                    item,
                ),
            )
    return validate(item, text, ctx)


def _text(item: RequestField, text: str, ctx: _Context) -> Finding:
    lines = text.count("\n") + 1
    shown = f"{lines} lines" if lines > 1 else _q(text)
    return Finding(rq.FILLED, Status.PASS, f"filled in: {shown}")


_LOCAL_PART = re.compile(r"^[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*$")
_DOMAIN_LABEL = re.compile(r"^[^\W_](?:[\w-]{0,61}[^\W_])?$")
_TOP_LABEL = re.compile(r"^(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})$")


def _email(item: RequestField, text: str, ctx: _Context) -> Finding:
    address, set_aside = text, []
    if address.casefold().startswith("mailto:"):
        address, set_aside = address[7:].strip(), ["the mailto: prefix"]
    named = re.fullmatch(r"[^<>]*<([^<>]*)>", address)
    if named:
        address = named.group(1).strip()
        set_aside.append("the display name")
    example = "Give one address, like jane.doe@acme.example."
    parts = [part for part in re.split(r"[\s,;]+", address) if part]
    if len(parts) > 1:
        several = sum("@" in part for part in parts) > 1
        return Finding(
            rq.EMAIL,
            Status.FAIL,
            "holds several addresses" if several else f"{_q(address)} contains spaces",
            _fix(example, item),
        )
    problem = ""
    local, _, domain = address.rpartition("@")
    labels = domain.split(".")
    if address.count("@") != 1:
        problem = "needs exactly one @"
    elif not local or len(local) > 64 or not _LOCAL_PART.match(local):
        problem = f"the part before the @ ({_q(local, 30)}) is not valid"
    elif (
        len(domain) > 253
        or len(labels) < 2
        or not all(_DOMAIN_LABEL.match(label) for label in labels)
        or not _TOP_LABEL.match(labels[-1].casefold())
    ):
        problem = f"{_q(domain, 40)} is not a domain name"
    if problem:
        return Finding(
            rq.EMAIL,
            Status.FAIL,
            f"{_q(address)} is not an email address: {problem}",
            _fix(example, item),
        )
    aside = f" ({' and '.join(set_aside)} set aside)" if set_aside else ""
    return Finding(rq.EMAIL, Status.PASS, f"{address}{aside}", value=address)


_ORDER = re.compile(r"#?\s*([0-9](?:[0-9 -]*[0-9])?)")
_SEVERAL_ORDERS = re.compile(r"[#0-9 -]+(?:\s*(?:[,;/&+]|\band\b)\s*[#0-9 -]+)+", re.I)


def _order_number(item: RequestField, text: str, ctx: _Context) -> Finding:
    match = _ORDER.fullmatch(text)
    if match:
        digits = re.sub(r"[ -]", "", match.group(1))
        if digits == text:
            return Finding(rq.ORDER_NUMBER, Status.PASS, digits, value=digits)
        return Finding(
            rq.ORDER_NUMBER,
            Status.PASS,
            f"{digits} (read from {_q(text)}; --render writes the digits alone)",
            value=digits,
            data={"normalised": digits},
        )
    if _SEVERAL_ORDERS.fullmatch(text):
        return Finding(
            rq.ORDER_NUMBER,
            Status.FAIL,
            f"holds several order numbers: {_q(text)}",
            _fix("Give one order number here and name the others in the details.", item),
        )
    others = sorted({c for c in text if c not in "0123456789 -#"})
    shown = " ".join(_q(c, 3) for c in others[:8])
    return Finding(
        rq.ORDER_NUMBER,
        Status.FAIL,
        f"{_q(text)} is not an order number: it has characters other than digits ({shown})",
        _fix("Write the order number with digits only.", item),
    )


# ----- dates and times

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = (
    re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
    re.compile(
        r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|\s+|-)"
        + _MON
        + r"(?:,?\s+|-)(?P<y>\d{4})(?!\d)",
        re.I,
    ),
    re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"),
)
_TIMES = (
    re.compile(
        r"(?<![\d:])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?"
        r"(?:\s*(?P<ap>[ap])\.?m\.?(?![a-z]))?(?![\d:])",
        re.I,
    ),
    re.compile(r"(?<![\d:.])(?P<h>\d{1,2})\s*(?P<ap>[ap])\.?m\.?(?![a-z])", re.I),
)
_FILLER = re.compile(
    r"\b(?:at|on|around|about|approx(?:imately)?|ca|time|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?|[(),@]",
    re.I,
)
_OFFSET = re.compile(
    r"^(?:(?:utc|gmt|ut)\s*)?(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$", re.I
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
_AMBIGUOUS_ZONES = frozenset({"IST", "CST", "BST", "AST", "ADT", "GST", "MST7", "ECT", "PKT"})
_WHEN_EXAMPLE = "2026-11-20 14:05 +01:00"


@dataclass
class _When:
    moment: Optional[datetime] = None
    problem: str = ""
    notes: list[str] = field(default_factory=list)
    zone: str = ""


def _zone(text: str) -> tuple[Optional[tzinfo], str, str]:
    """(zone, label, note) for a written time zone; (None, "", "") when it is no zone at all."""
    word = text.strip()
    if word.casefold() in ("z", "utc", "gmt", "ut", "zulu"):
        return timezone.utc, "UTC", ""
    offset = _OFFSET.match(word)
    if offset:
        hours, minutes = int(offset.group("h")), int(offset.group("m") or 0)
        if hours > 14 or minutes > 59:
            return None, "", ""
        sign = -1 if offset.group("sign") in "-−" else 1
        delta = timedelta(hours=hours, minutes=minutes) * sign
        return timezone(delta), f"{'+' if sign > 0 else '-'}{hours:02d}:{minutes:02d}", ""
    upper = word.upper()
    if upper in _ZONE_ABBREVIATIONS:
        return timezone(timedelta(minutes=_ZONE_ABBREVIATIONS[upper]), upper), upper, ""
    if upper in _AMBIGUOUS_ZONES:
        return None, upper, f"{upper} names several time zones"
    if re.fullmatch(r"[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2}", word):
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(word), word, ""
        except (ValueError, OSError, LookupError):  # ZoneInfoNotFoundError is a KeyError
            return None, word, f"time zone {_q(word, 30)} is not one this system knows"
    return None, "", ""


def _parse_when(text: str) -> _When:
    when = _When()
    written = re.sub(r"(?<=\d)T(?=\d)", " ", text)
    date_match = next((m for m in (p.search(written) for p in _DATES) if m), None)
    if date_match is None:
        has_time = any(p.search(written) for p in _TIMES)
        when.problem = "has a time but no date" if has_time else "cannot be read as a date and time"
        return when
    groups = date_match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month, day = _MONTHS[groups["mon"][:3].casefold()], int(groups["d"])
    elif groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        day, month = first, second  # day first, as most of the world writes it
        if groups["sep"] != "." and first <= 12 and second <= 12 and first != second:
            when.notes.append(f"{date_match.group()} reads as day/month or month/day")
        elif second > 12 >= first:
            day, month = second, first  # US order: 11/20/2026
    else:
        month, day = int(groups["m"]), int(groups["d"])
    rest = written[: date_match.start()] + " " + written[date_match.end() :]
    hour = minute = second_ = 0
    time_match = next((m for m in (p.search(rest) for p in _TIMES) if m), None)
    if time_match is None:
        when.notes.append("has a date but no time of day")
    else:
        times = time_match.groupdict()
        hour, minute, second_ = int(times["h"]), int(times.get("mi") or 0), int(times.get("s") or 0)
        if times.get("ap"):
            if not 1 <= hour <= 12:
                when.problem = f"{time_match.group().strip()} is not a time"
                return when
            hour = hour % 12 + (12 if times["ap"].casefold() == "p" else 0)
        rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
    try:
        moment = datetime(year, month, day, hour, minute, second_)
    except ValueError as error:
        when.problem = f"is not a real date and time ({error})"
        return when
    tokens = _FILLER.sub(" ", rest).split()
    leftover = " ".join(token for token in tokens if token not in ("-", "–"))
    zone: Optional[tzinfo] = None
    if leftover:
        zone, label, note = _zone(leftover)
        if zone is None and not note:
            # "CET UTC+1": the first that is a zone; the rest must be zones or words.
            readings = [(token, _zone(token)) for token in leftover.split()]
            junk = [token for token, (tz, _l, n) in readings if tz is None and not n]
            if any(not token.isalpha() for token in junk):
                when.problem = f"cannot read {_q(leftover, 30)} in it"
                return when
            zone, label, note = next(
                (reading for _token, reading in readings if reading[0] or reading[2]),
                (None, "", f"time zone {_q(leftover, 30)} is not one we can read"),
            )
        if note:
            when.notes.append(note)
        when.zone = label
    elif time_match is not None:
        when.notes.append("has no time zone")
    when.moment = moment.replace(tzinfo=zone) if zone is not None else moment
    return when


def _date_time(item: RequestField, text: str, ctx: _Context) -> Finding:
    when = _parse_when(text)
    fix = _fix(
        f"Write it like {_WHEN_EXAMPLE}: the date as year-month-day, the time, and the "
        "offset from UTC (or UTC itself).",
        item,
    )
    if when.moment is None:
        return Finding(rq.DATETIME, Status.FAIL, f"{_q(text)} {when.problem}", fix)
    moment = when.moment
    shown = f"{moment:%Y-%m-%d %H:%M}" + (f" {when.zone}" if when.zone else "")
    offset = moment.utcoffset()
    if offset is not None and offset:
        shown += f" ({(moment - offset):%Y-%m-%d %H:%M} UTC)"
    data = {"utc": (moment - offset).isoformat() + "Z" if offset is not None else None}
    if when.notes:
        return Finding(
            rq.DATETIME, Status.HINT, f"{shown}: " + "; ".join(when.notes), fix, data=data
        )
    return Finding(rq.DATETIME, Status.PASS, shown, data=data)


# ----- URLs, browsers, products, names


def _vendor_domains(profile: Profile) -> set[str]:
    hosts = [host for region in profile.regions for host, _role in region.hosts()]
    hosts += [known.host for known in profile.known_hosts]
    return {registrable_domain(host) for host in hosts}


def _url(item: RequestField, text: str, ctx: _Context) -> Finding:
    verdict = ctx.rules.classify(text)
    profile = ctx.profile
    product = profile.name if profile is not None else "the vendor"
    if verdict.verdict is Verdict.INVALID:
        return Finding(
            rq.PORTAL_URL,
            Status.FAIL,
            f"{_q(redact(text))} cannot be read as a web address: {verdict.reason}",
            _fix("Copy the whole address from the browser's address bar (https://...).", item),
        )
    parsed = verdict.url
    assert parsed is not None
    host = parsed.host
    if verdict.verdict is Verdict.LOOKALIKE:
        resembles = verdict.resembles
        imitates = (
            f", imitating {resembles}" if resembles and resembles not in verdict.reason else ""
        )
        return Finding(
            rq.PORTAL_URL,
            Status.FAIL,
            f"{host} only looks like a vendor address ({verdict.reason}{imitates}); "
            "it may be a phishing page",
            "Do not sign in there. Reach the portal through the link in the message you received "
            "or a bookmark of your own, and report this address to your security team.",
            data={"host": host},
        )
    if verdict.verdict is Verdict.UNKNOWN:
        domain = registrable_domain(host)
        if profile is not None and domain in _vendor_domains(profile):
            return Finding(
                rq.PORTAL_URL,
                Status.HINT,
                f"{host} is in {domain}, but no profile lists it as a {product} host",
                "Make sure it is the address the link in the message led to. If it is genuine, "
                "add it to a profile of your own (--profiles-dir) and check again.",
                data={"host": host},
            )
        return Finding(
            rq.PORTAL_URL,
            Status.FAIL,
            f"{host} is not an address of {product} ({verdict.reason})",
            _fix(f"Give the address of {product}'s portal exactly as the browser showed it.", item),
            data={"host": host},
        )
    match = verdict.match
    assert match is not None
    data = {"host": host, "region": match.region.id if match.region else None}
    if profile is not None and match.profile.id != profile.id:
        same_vendor = bool(profile.vendor) and profile.vendor == match.profile.vendor
        return Finding(
            rq.PORTAL_URL,
            Status.HINT if same_vendor else Status.FAIL,
            f"{host} belongs to {match.profile.name}, not {product}",
            _fix(f"Give the address used to reach {product}.", item),
            data=data,
        )
    where = f" ({match.region.name})" if match.region is not None else ""
    message = f"{host} is {product}'s genuine {match.role} host{where}"
    if ":" in parsed.userinfo:
        return Finding(
            rq.PORTAL_URL,
            Status.FAIL,
            f"{message}, but the URL carries a password before the host",
            "Remove the user name and password from the URL before sending it anywhere, and "
            "change that password.",
            data=data,
        )
    if parsed.scheme != "https" or not parsed.scheme_given:
        problem = "uses plain http://" if parsed.scheme_given else "has no https:// in front"
        return Finding(
            rq.PORTAL_URL,
            Status.HINT,
            f"{message}, but the URL {problem}",
            _fix("Give the address as the browser showed it, starting with https://.", item),
            data=data,
        )
    return Finding(rq.PORTAL_URL, Status.PASS, message, data=data)


_BROWSERS = {
    "google chrome": "Chrome", "chrome": "Chrome", "chromium": "Chromium",
    "mozilla firefox": "Firefox", "firefox": "Firefox", "microsoft edge": "Edge", "edge": "Edge",
    "apple safari": "Safari", "safari": "Safari", "opera": "Opera", "brave": "Brave",
    "vivaldi": "Vivaldi", "internet explorer": "Internet Explorer", "ie": "Internet Explorer",
    "samsung internet": "Samsung Internet",
}  # fmt: skip
_BROWSER_NAME = re.compile(
    r"\b("
    + "|".join(re.escape(name) for name in sorted(_BROWSERS, key=len, reverse=True))
    + r")\b",
    re.I,
)
_VERSION = re.compile(
    r"(?<![\w.])(?:v|version\s*)?(\d{1,4}(?:\.\d{1,6}){0,4})(?![\w.])(?!\s?-?\s?bit)", re.I
)
#: In a user-agent string, the token that names the browser, most specific first.
_AGENT_TOKENS = (
    ("Edg", "Edge"), ("EdgA", "Edge"), ("EdgiOS", "Edge"), ("OPR", "Opera"),
    ("SamsungBrowser", "Samsung Internet"), ("Vivaldi", "Vivaldi"), ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"), ("CriOS", "Chrome"), ("Chrome", "Chrome"), ("Version", "Safari"),
)  # fmt: skip


def _from_user_agent(text: str) -> Optional[tuple[str, str]]:
    if "mozilla/" not in text.casefold():
        return None
    tokens = dict(re.findall(r"\b([A-Za-z]+)/(\d+(?:\.\d+)*)", text))
    for product, name in _AGENT_TOKENS:
        if product in tokens and (product != "Version" or "Safari" in tokens):
            return name, tokens[product]
    return None


def _browser(item: RequestField, text: str, ctx: _Context) -> Finding:
    agent = _from_user_agent(text)
    if agent is not None:
        return Finding(
            rq.BROWSER, Status.PASS, f"{agent[0]} {agent[1]} (read from the user-agent string)"
        )
    name_match = _BROWSER_NAME.search(text)
    after = text[name_match.end() :] if name_match else text
    version = _VERSION.search(after) or _VERSION.search(text)
    fix = _fix(
        "Give the browser's name and its version number (Help > About in most browsers).", item
    )
    if name_match and version:
        name = _BROWSERS[name_match.group(1).casefold()]
        return Finding(rq.BROWSER, Status.PASS, f"{name} {version.group(1)}")
    if name_match:
        name = _BROWSERS[name_match.group(1).casefold()]
        vague = re.search(r"latest|newest|current|up[ -]?to[ -]?date|recent", text, re.I)
        said = f" ({_q(vague.group(), 20)} is not a version number)" if vague else ""
        return Finding(rq.BROWSER, Status.FAIL, f"names {name} but not its version{said}", fix)
    if version:
        first = text.split()[0] if text.split() else text
        near = difflib.get_close_matches(first.casefold(), list(_BROWSERS), n=1, cutoff=0.6)
        guess = f"Did you mean {_BROWSERS[near[0]]}? " if near else ""
        return Finding(
            rq.BROWSER,
            Status.HINT,
            f"{_q(text)} has a version but names no browser we know",
            guess + fix,
        )
    return Finding(rq.BROWSER, Status.FAIL, f"{_q(text)} names no browser and no version", fix)


def _product(item: RequestField, text: str, ctx: _Context) -> Finding:
    known = list(dict.fromkeys([*item.choices, *(profile.name for profile in ctx.rules.profiles)]))
    exact = next((name for name in known if compact(name) == compact(text)), None)
    if exact is not None:
        return Finding(rq.PRODUCT, Status.PASS, exact)
    lowered = text.casefold()
    inside = [
        name
        for name in known
        if re.search(r"(?<!\w)" + re.escape(name.casefold()) + r"(?!\w)", lowered)
    ]
    if inside:
        name = max(inside, key=len)
        return Finding(rq.PRODUCT, Status.PASS, f"{_q(text)}: a form of {name}")
    near = difflib.get_close_matches(lowered, [name.casefold() for name in known], n=1, cutoff=0.6)
    if near:
        suggestion = next(name for name in known if name.casefold() == near[0])
        told = f"Did you mean '{suggestion}'?"
        data: dict[str, Any] = {"suggestion": suggestion}
    else:
        told = f"Known names: {', '.join(known[:8])}."
        data = {"suggestion": None}
    return Finding(
        rq.PRODUCT,
        Status.HINT,
        f"{_q(text)} is not a product name we know",
        _fix(told, item),
        data=data,
    )


def _person(item: RequestField, text: str, ctx: _Context) -> Finding:
    problem = ""
    if "@" in text:
        problem = "looks like an email address, not a name"
    elif any(char.isdigit() for char in text):
        problem = "has digits in it"
    elif len(re.findall(r"[^\W\d_]+", text)) < 2:
        problem = "gives one name only"
    if problem:
        return Finding(
            rq.PERSON_NAME,
            Status.HINT,
            f"{_q(text)} {problem}",
            _fix("Give the person's first and last name.", item),
        )
    return Finding(rq.PERSON_NAME, Status.PASS, text)


_Validator = Callable[[RequestField, str, _Context], Finding]
#: Field kind -> (its check, what a value of it is called, the check itself).
_VALIDATORS: dict[str, tuple[CheckInfo, str, _Validator]] = {
    "text": (rq.FILLED, "text", _text),
    "email": (rq.EMAIL, "an email address", _email),
    "order_number": (rq.ORDER_NUMBER, "an order number", _order_number),
    "datetime": (rq.DATETIME, "a date and time", _date_time),
    "url": (rq.PORTAL_URL, "a web address", _url),
    "browser": (rq.BROWSER, "a browser and its version", _browser),
    "product": (rq.PRODUCT, "a product name", _product),
    "name": (rq.PERSON_NAME, "a person's name", _person),
}


# --------------------------------------------------------------------------- the rest

_SECRET_LABEL = re.compile(
    r"\b(?:pass(?:word|wd|phrase|code)?|pwd|secret|token|api[ _-]?key|private[ _-]?key|pin|otp)"
    r"s?\b",
    re.I,
)


def _extra_field(
    entry: Entry, near: Optional[RequestField], doc: RequestDocument, kind: RequestKind
) -> Result:
    subject = f"{entry.label} ({doc.source})"
    if _SECRET_LABEL.search(entry.label.replace("_", " ")):
        finding = Finding(
            rq.SECRET,
            Status.FAIL,
            f"{_q(entry.label, 40)} looks like a password or other secret (its value is not shown)",
            "Remove this field: a support desk never needs it, and cases are read by many people "
            "and kept for years. If the request was sent with it, change the secret.",
        )
    else:
        guess = f"Did you mean '{near.label}'? " if near is not None else ""
        if doc.form is Form.TEXT:
            how = (
                "If it is the next line of the field above, indent it; otherwise it is sent as "
                "extra text after the fields."
            )
        else:
            how = (
                "Rename the key to one of the kind's fields, or leave it to be sent as extra text."
            )
        wrong = f" and is {entry.problem}" if entry.value is None else ""
        finding = Finding(
            rq.EXTRA_FIELD,
            Status.FAIL if wrong else Status.HINT,
            f"{_q(entry.label, 40)} is not a field of the {kind.name}{wrong}",
            guess + how + (" Give it as text." if wrong else ""),
            data={"suggestion": near.id if near is not None else None},
        )
    return _result(finding, subject, kind, entry.label, doc, entry.line)


def _whole(
    results: list[Result], to_fix: list[str], kind: RequestKind, doc: RequestDocument, how: str
) -> Result:
    hints = sum(1 for result in results if result.status is Status.HINT)
    where = f"open it in {kind.where}" if kind.where else "send it to the support desk"
    follow = (
        f"; follow up when no confirmation arrives within {kind.follow_up_hours} hours"
        if kind.follow_up_hours
        else ""
    )
    told = f" ({how})" if how else ""
    data: dict[str, Any] = {"how": how, "fields": len(kind.fields)}
    if to_fix:
        names = ", ".join(dict.fromkeys(to_fix))
        finding = Finding(
            rq.COMPLETE,
            Status.FAIL,
            f"{kind.name}{told}: not ready to send; to fix: {names}",
            " ".join(
                [f"Fix what is marked above and check again; then {where}{follow}.", *kind.advice]
            ),
            data=data,
        )
    else:
        worth = f" (look at the {hints} hint{'s' if hints != 1 else ''} above)" if hints else ""
        finding = Finding(
            rq.COMPLETE,
            Status.PASS,
            f"{kind.name}{told}: complete, ready to send{worth}; {where}{follow}",
            data=data,
        )
    return _result(finding, doc.source, kind, None, doc, None)
