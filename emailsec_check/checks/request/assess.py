"""A request checked as a whole: one result per field, per extra, per secret, and one overall.

Order of the results: the kind's fields in the kind's order (RQ001-RQ009, RQ011, or RQ013
when the value holds a credential), then entries the kind does not have (RQ010, or RQ013
for a credential's label), then text between fields (RQ010), then the request (RQ012).

A request pasted from a mail keeps its greeting and its sign-off: lines before the first
field and from the first loose line after the last field of the kind (a signature may
carry "Tel: ..." lines) are neither checked nor dropped: ``--render`` writes them back in
place. Credentials are never written back, and never quoted in a result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, Optional

from emailsec_check.catalogue import request as rq
from emailsec_check.model import Result, Status
from emailsec_check.profiles import RequestField, RequestKind
from emailsec_check.record import Record
from emailsec_check.rules.hosts import HostRules
from emailsec_check.rules.redact import MASK
from emailsec_check.sources.request.document import Entry, Form, RequestDocument, Stray
from emailsec_check.sources.request.kinds import match_fields
from emailsec_check.sources.request.writing import plain_line, plain_lines

from .findings import Context, Finding, shown
from .presence import pick
from .secrets import mask_secrets, secret_label, shown_label
from .validators import assess_value

__all__ = ["RequestAssessment", "assess_request"]

_NEVER_SENT = (
    "Remove it: a support desk never needs a password, token or cookie, and a case is read by "
    "many people and kept for years. If the request was already sent with it, change (rotate) "
    "that secret now."
)


class RequestAssessment(Record):
    """A request checked: its results and, field by field, the text ``--render`` writes."""

    __slots__ = ("kind", "results", "values", "extras", "opening", "closing")

    kind: Final[RequestKind]
    results: Final[tuple[Result, ...]]
    values: Final[Mapping[str, str]]
    extras: Final[tuple[tuple[str, str], ...]]
    #: Lines before the first field (a greeting) and after the last (a sign-off), in place.
    opening: Final[tuple[Stray, ...]]
    closing: Final[tuple[Stray, ...]]

    def __init__(
        self,
        kind: RequestKind,
        results: tuple[Result, ...],
        values: Mapping[str, str],
        extras: tuple[tuple[str, str], ...],
        opening: tuple[Stray, ...] = (),
        closing: tuple[Stray, ...] = (),
    ) -> None:
        self.kind = kind
        self.results = results
        self.values = values
        self.extras = extras
        self.opening = opening
        self.closing = closing

    @property
    def ready(self) -> bool:
        return not any(result.status is Status.FAIL for result in self.results)

    def rendered(self) -> str:
        """The completed request in the plain form, ready to paste (credentials left out)."""
        body = [
            plain_line(item.label, self.values[item.id])
            for item in self.kind.fields
            if item.id in self.values
        ]
        body.extend(plain_line(label, value) for label, value in self.extras)
        blocks = ["\n".join(plain_lines(self.opening)), "\n".join(body)]
        blocks.append("\n".join(plain_lines(self.closing)))
        return "\n\n".join(block for block in blocks if block) + "\n"


class _Layout(Record):
    """Where a plain request's own text is: greeting, body, sign-off (lines from/to)."""

    __slots__ = ("opening", "middle", "closing", "opening_ends", "closing_starts")

    opening: Final[tuple[Stray, ...]]
    middle: Final[tuple[Stray, ...]]
    closing: Final[tuple[Stray, ...]]
    #: Entries no field claims that stand in the greeting ("Subject: ...") end before this
    #: line; those in the sign-off ("Tel: ..." under a name) start after that one.
    opening_ends: Final[float]
    closing_starts: Final[float]

    def __init__(
        self,
        opening: tuple[Stray, ...] = (),
        middle: tuple[Stray, ...] = (),
        closing: tuple[Stray, ...] = (),
        opening_ends: float = 0,
        closing_starts: float = float("inf"),
    ) -> None:
        self.opening = opening
        self.middle = middle
        self.closing = closing
        self.opening_ends = opening_ends
        self.closing_starts = closing_starts

    def around(self, entry: Entry) -> bool:
        """Whether an entry belongs to the greeting or the sign-off, not the request."""
        line = entry.line or 0
        return line < self.opening_ends or line > self.closing_starts


def _layout(doc: RequestDocument, known: Sequence[Entry]) -> _Layout:
    """The greeting runs to the last loose line before the first field of the kind; the
    sign-off from the first loose line after its last field."""
    if doc.form is not Form.TEXT or not doc.stray:
        return _Layout(middle=doc.stray)
    lines = [entry.line or 0 for entry in known or doc.entries] or [doc.kind_line or 0]
    first, last = min(lines), max(lines)
    opening, middle, closing = _split(doc.stray, first, last)
    return _Layout(
        opening,
        middle,
        closing,
        opening[-1].line if opening else 0,
        closing[0].line if closing else float("inf"),
    )


def _split(
    strays: Sequence[Stray], first: int, last: int
) -> tuple[tuple[Stray, ...], tuple[Stray, ...], tuple[Stray, ...]]:
    """Loose lines before ``first``, between ``first`` and ``last``, and after ``last``."""
    parts: tuple[list[Stray], list[Stray], list[Stray]] = ([], [], [])
    for stray in strays:
        parts[0 if stray.line < first else 2 if stray.line > last else 1].append(stray)
    return tuple(parts[0]), tuple(parts[1]), tuple(parts[2])


class _Collector:
    """The results as they are made, and what ``--render`` will write."""

    __slots__ = ("doc", "extras", "kind", "results", "to_fix", "values")

    def __init__(self, kind: RequestKind, doc: RequestDocument) -> None:
        self.kind = kind
        self.doc = doc
        self.results: list[Result] = []
        self.values: dict[str, str] = {}
        self.extras: list[tuple[str, str]] = []
        self.to_fix: list[str] = []

    def result(
        self, finding: Finding, subject: str, field_id: Optional[str], line: Optional[int]
    ) -> Result:
        data = {
            "kind": self.kind.id,
            "field": field_id,
            "file": self.doc.source,
            "line": line,
            **finding.data,
        }
        hint = finding.hint or None
        return Result(finding.check, subject, finding.status, finding.message, hint, data)

    def add(
        self,
        finding: Finding,
        subject: str,
        field_id: Optional[str],
        line: Optional[int],
        fix_name: str = "",
    ) -> None:
        """A result about one part of the request (its subject names the file too)."""
        self.results.append(self.result(finding, f"{subject} ({self.doc.source})", field_id, line))
        if finding.status is Status.FAIL and fix_name:
            self.to_fix.append(fix_name)


def _secret(message: str) -> Finding:
    """RQ013: the message says where; the value itself is never part of it."""
    return Finding(rq.SECRET, Status.FAIL, message, _NEVER_SENT)


_IN_VALUE = "the value holds what looks like a password, token or cookie (not shown)"
_IN_TEXT = "this text holds what looks like a password, token or cookie (not shown)"


def _secret_field(label: str) -> Finding:
    return _secret(
        f"{shown(label, 40)} looks like a password or other credential (its value is not shown)"
    )


def _check_field(
    item: RequestField, entries: tuple[Entry, ...], ctx: Context, out: _Collector
) -> None:
    entry, finding = pick(item, entries)
    if finding is None and entry is not None and entry.value is not None:
        if mask_secrets(entry.value) != entry.value:
            finding = _secret(_IN_VALUE)
        else:
            finding = assess_value(item, entry.value, ctx)
            if finding.status is not Status.FAIL:
                out.values[item.id] = (
                    finding.value if finding.value is not None else entry.value.strip()
                )
    if finding is None:  # pick() settles every field it returns no entry for
        raise ValueError(f"field {item.id}: neither an entry nor a finding")
    out.add(finding, item.label, item.id, entry.line if entry else None, item.label)


def _holds_secret(entry: Entry) -> bool:
    """A value, or a line the plain form read as one ("jdoe:S3cret!"), holding a credential."""
    value = entry.value or ""
    return mask_secrets(value) != value or mask_secrets(entry.written) != entry.written


def _extra_field(entry: Entry, near: Optional[RequestField], out: _Collector) -> None:
    value = entry.value or ""
    if _holds_secret(entry):
        label = shown_label(entry.label) if secret_label(entry.label) else entry.label
        label = mask_secrets(label)  # "ghp_...: x": the token is the label
        if label == MASK:
            label = f"line {entry.line}" if entry.line else "a key"
        out.add(_secret(_IN_VALUE), label, label, entry.line, label)
        return
    out.extras.append((entry.label, value.strip()))
    guess = f"Did you mean '{near.label}'? " if near is not None else ""
    if out.doc.form is Form.TEXT:
        how = (
            "If it is the next line of the field above, indent it; otherwise it is sent as "
            "extra text after the fields."
        )
    else:
        how = "Rename the key to one of the kind's fields, or leave it to be sent as extra text."
    wrong = f" and is {entry.problem}" if entry.value is None else ""
    finding = Finding(
        rq.EXTRA_FIELD,
        Status.FAIL if wrong else Status.HINT,
        f"{shown(entry.label, 40)} is not a field of the {out.kind.name}{wrong}",
        guess + how + (" Give it as text." if wrong else ""),
        data={"suggestion": near.id if near is not None else None},
    )
    out.add(finding, entry.label, entry.label, entry.line, entry.label)


def _stray(stray: Stray, out: _Collector) -> None:
    subject = f"line {stray.line}"
    if mask_secrets(stray.text) != stray.text:
        out.add(_secret(_IN_TEXT), subject, None, stray.line, subject)
        return
    finding = Finding(
        rq.EXTRA_FIELD,
        Status.HINT,
        f"text outside any field: {shown(stray.text)}",
        "If it continues the field above, indent it; if it is a note to yourself, start it "
        "with #; otherwise give it a label of its own.",
    )
    out.add(finding, subject, None, stray.line)
    out.extras.append(("", stray.text))


def _kept(strays: Sequence[Stray], out: _Collector) -> tuple[Stray, ...]:
    """A greeting or sign-off, written back as it was (a line holding a credential: failed)."""
    kept = []
    for stray in strays:
        if mask_secrets(stray.text) != stray.text:
            subject = f"line {stray.line}"
            out.add(_secret(_IN_TEXT), subject, None, stray.line, subject)
        else:
            kept.append(stray)
    return tuple(kept)


def _whole(out: _Collector, how: str) -> Result:
    kind = out.kind
    told = f" ({how})" if how else ""
    data: dict[str, Any] = {"how": how, "fields": len(kind.fields)}
    if out.to_fix:
        names = ", ".join(dict.fromkeys(out.to_fix))
        finding = Finding(
            rq.COMPLETE,
            Status.FAIL,
            f"{kind.name}{told}: not ready to send; to fix: {names}",
            " ".join(["Fix what is marked above and check again.", *kind.advice]),
            data=data,
        )
    else:
        where = f"open it in {kind.where}" if kind.where else "send it to the support desk"
        follow = (
            f"; follow up when no confirmation arrives within {kind.follow_up_hours} hours"
            if kind.follow_up_hours
            else ""
        )
        finding = Finding(
            rq.COMPLETE,
            Status.PASS,
            f"{kind.name}{told}: complete, ready to send; {where}{follow}",
            data=data,
        )
    return out.result(finding, out.doc.source, None, None)


def _unknown(
    unknown: Sequence[tuple[Entry, Optional[RequestField]]], layout: _Layout, out: _Collector
) -> tuple[list[Stray], list[Stray]]:
    """Entries the kind does not have: RQ010 each, but those in a greeting or sign-off join
    it (as they were written)."""
    opening, closing = list(layout.opening), list(layout.closing)
    for entry, near in unknown:
        if layout.around(entry) and not _holds_secret(entry):
            written = Stray(entry.line or 0, plain_line(entry.label, entry.value or ""))
            (opening if (entry.line or 0) < layout.opening_ends else closing).append(written)
        else:
            _extra_field(entry, near, out)
    return sorted(opening, key=_line), sorted(closing, key=_line)


def _line(stray: Stray) -> int:
    return stray.line


def assess_request(
    doc: RequestDocument, kind: RequestKind, rules: HostRules, *, how: str = ""
) -> RequestAssessment:
    """Check every field of ``kind`` in ``doc``, the extra ones, and the request as a whole."""
    ctx = Context(kind, rules, rules.profiles.get(kind.profile_id) if kind.profile_id else None)
    out = _Collector(kind, doc)
    secret: list[Entry] = []
    others: list[Entry] = []
    for entry in doc.entries:
        (secret if secret_label(entry.label) else others).append(entry)
    plain = doc.replace(entries=tuple(others))
    matched = match_fields(plain, kind)
    for item in kind.fields:
        _check_field(item, matched.fields[item.id], ctx, out)
    known = [entry for entries in matched.fields.values() for entry in entries]
    layout = _layout(plain, known)
    opening, closing = _unknown(matched.unknown, layout, out)
    for entry in secret:
        label = shown_label(entry.label)
        out.add(_secret_field(label), label, label, entry.line, label)
    for stray in layout.middle:
        _stray(stray, out)
    kept = (_kept(opening, out), _kept(closing, out))
    out.results.append(_whole(out, how))
    return RequestAssessment(kind, tuple(out.results), out.values, tuple(out.extras), *kept)
