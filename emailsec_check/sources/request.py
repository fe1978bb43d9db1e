"""Support request files: read plain "Label: value" text, TOML or JSON; write the plain form.

The plain form is what the vendors' own instructions show::

    Cisco.com ID: jdoe
    Cisco Web Order ID #: 12345678
    Issue/Request Details: Applied the licence on Monday,
      nothing arrived since.

Labels are matched loosely (letter case, spacing and punctuation do not count, and a
field's other spellings come from its profile). A value continues on the following
lines while they are indented deeper than its label, or follow it without a blank
line. Lines starting with ``#`` are notes. ``kind: ID`` names the request kind.

Reading never raises anything but ``InputError``: a file that is binary, empty, larger
than ``MAX_REQUEST_BYTES``, not UTF-8, or broken TOML/JSON is refused with its line.
"""

from __future__ import annotations

import difflib
import json
import re
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO, Optional

from emailsec_check import tomlcompat
from emailsec_check.errors import InputError
from emailsec_check.profiles import ProfileSet, RequestField, RequestKind

MAX_REQUEST_BYTES = 1024 * 1024
KIND_KEY = "kind"
MAX_SUGGESTIONS = 50


class Form(str, Enum):
    """How a request file is written."""

    TEXT = "text"
    TOML = "toml"
    JSON = "json"


@dataclass(frozen=True)
class Entry:
    """One ``label: value`` pair as the file gives it."""

    label: str
    #: The text; None when the file gives something else (``problem`` says what).
    value: Optional[str]
    line: Optional[int] = None
    problem: str = ""


@dataclass(frozen=True)
class Stray:
    """Text in a plain request that belongs to no field."""

    line: int
    text: str


@dataclass(frozen=True)
class RequestDocument:
    """A request file as read, before its kind is known."""

    source: str
    form: Form
    entries: tuple[Entry, ...]
    kind: Optional[str] = None
    kind_line: Optional[int] = None
    stray: tuple[Stray, ...] = ()


@dataclass(frozen=True)
class MatchedRequest:
    """A document's entries sorted onto one kind's fields."""

    kind: RequestKind
    #: field id -> the entries that name it, in file order (empty: not given).
    fields: Mapping[str, tuple[Entry, ...]]
    #: Entries that are no field of the kind, with the field they may have meant.
    unknown: tuple[tuple[Entry, Optional[RequestField]], ...] = field(default_factory=tuple)


_NOT_ALNUM = re.compile(r"[\W_]+")


def compact(text: str) -> str:
    """A label as lower-case letters and digits: 'Cisco Web Order ID #:' -> 'ciscoweborderid'."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


# --------------------------------------------------------------------------- reading


def read_request(path: Path, kinds: Sequence[RequestKind] = ()) -> RequestDocument:
    """Read a request file (at most ``MAX_REQUEST_BYTES``); InputError when it cannot be used.

    ``kinds`` lets the plain form know long labels ("The date / time of the logon attempt")
    for what they are; without them only short labels start a field.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_REQUEST_BYTES + 1)
    except FileNotFoundError:
        raise InputError("request file not found", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder; give a request file", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from None
    return parse_request(data, str(path), suffix=path.suffix, kinds=kinds)


def read_request_stream(
    stream: BinaryIO, kinds: Sequence[RequestKind] = (), name: str = "<stdin>"
) -> RequestDocument:
    """Read a request from a stream (standard input for ``-``)."""
    try:
        data = stream.read(MAX_REQUEST_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=name) from None
    return parse_request(data, name, kinds=kinds)


def parse_request(
    data: bytes, source: str, *, suffix: str = "", kinds: Sequence[RequestKind] = ()
) -> RequestDocument:
    """Parse a request's bytes; ``suffix`` (.toml, .json) names the form, else it is sniffed."""
    text = _decode(data, source)
    form = _detect_form(text, suffix)
    if form is Form.JSON:
        return _parse_json(text, source)
    if form is Form.TOML:
        return _parse_toml(text, source)
    return _parse_text(text, source, [FieldIndex(kind) for kind in kinds])


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_REQUEST_BYTES:
        raise InputError(
            "larger than 1 MiB; a support request is a few lines: is this the right file?",
            path=source,
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Windows editors save "Unicode" as UTF-16 with a byte-order mark: still text.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("broken UTF-16 text; save the file as UTF-8", path=source) from None
    else:
        if b"\x00" in data:
            raise InputError(
                "binary data, not a text file; give the request as plain text, TOML or JSON",
                path=source,
                line=data[: data.index(b"\x00")].count(b"\n") + 1,
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(
                f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
                path=source,
                line=data[: error.start].count(b"\n") + 1,
            ) from None
    bad = _CONTROL.search(text)
    if bad is not None:
        raise InputError(
            f"control character U+{ord(bad.group()):04X} in the text; is this a binary file?",
            path=source,
            line=len(_lines(text[: bad.start()])),
        )
    if not any(line.strip() and not line.lstrip().startswith("#") for line in _lines(text)):
        raise InputError(
            "the request is empty; 'emailsec-check request --template KIND' prints a blank one",
            path=source,
        )
    return text


# Tab, line feed and carriage return are the only control characters a text request has.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


_TOML_KEY_LINE = re.compile(r"""^\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _detect_form(text: str, suffix: str) -> Form:
    lowered = suffix.lower()
    if lowered == ".json":
        return Form.JSON
    if lowered == ".toml":
        return Form.TOML
    first = next(
        (
            line.strip()
            for line in _lines(text)
            if line.strip() and not line.lstrip().startswith("#")
        ),
        "",
    )
    if first.startswith("{"):
        return Form.JSON
    if _TOML_KEY_LINE.match(first) or re.match(r"^\[[^\]]+\]$", first):
        return Form.TOML
    return Form.TEXT


# --------------------------------------------------------------------------- plain text

_FIELD_LINE = re.compile(
    r"^(?P<indent>\s*)(?:[-*•·]\s+|\d{1,2}[.)]\s+)?(?P<label>[^:：\s][^:：]{0,79}?)\s*[:：](?P<value>.*)$"
)
_LABEL_LIKE = re.compile(r"^[^\W\d_][\w .,'’/#&()+*-]*$")
#: A label no kind knows starts a field only when it is this short ("Phone", "Case number"):
#: a longer one is more likely a sentence that goes on the value above.
_MAX_UNKNOWN_LABEL_WORDS = 4


@dataclass
class _Open:
    label: str
    line: int
    indent: int
    parts: list[str]
    after_blank: bool = False


def _label_of(
    line: str, current: Optional[_Open], indexes: Sequence[FieldIndex]
) -> Optional[tuple[str, str, int]]:
    """(label, value, indent) when ``line`` starts a field."""
    match = _FIELD_LINE.match(line)
    if match is None:
        return None
    indent = len(match.group("indent").expandtabs(4))
    if current is not None and indent > current.indent:
        return None  # indented deeper than the field above: its continuation
    label = match.group("label").strip()
    value = match.group("value")
    if label.startswith(("**", "__")):  # Markdown bold: **Label:** value or **Label**: value
        label = label.strip("*_ ")
        value = value.lstrip("*_")
    if value.lstrip().startswith("//"):
        return None  # a bare URL ("https://...") is not a label
    if not _LABEL_LIKE.match(label):
        return None
    if len(label.split()) > _MAX_UNKNOWN_LABEL_WORDS and not any(
        index.find(label) for index in indexes
    ):
        return None
    return label, value.strip(), indent


def _parse_text(text: str, source: str, indexes: Sequence[FieldIndex]) -> RequestDocument:
    entries: list[Entry] = []
    stray: list[Stray] = []
    kind: Optional[str] = None
    kind_line: Optional[int] = None
    current: Optional[_Open] = None

    def close() -> None:
        if current is not None:
            parts = current.parts
            while parts and not parts[-1]:
                parts.pop()
            while parts and not parts[0]:
                parts.pop(0)
            entries.append(Entry(current.label, "\n".join(parts), current.line))

    for number, line in enumerate(_lines(text), start=1):
        stripped = line.strip()
        if not stripped:
            if current is not None:
                current.parts.append("")
                current.after_blank = True
            continue
        indent = len(line[: len(line) - len(line.lstrip())].expandtabs(4))
        deeper = current is not None and indent > current.indent
        if stripped.startswith("#") and not deeper:
            continue  # a note
        started = _label_of(line, current, indexes)
        if started is not None:
            close()
            label, value, field_indent = started
            current = None
            if compact(label) == KIND_KEY:
                kind, kind_line = value, number
                continue
            current = _Open(label, number, field_indent, [value])
        elif current is not None and (deeper or not current.after_blank or not any(current.parts)):
            current.parts.append(stripped)
            current.after_blank = False
        else:
            close()
            current = None
            stray.append(Stray(number, stripped))
    close()
    return RequestDocument(source, Form.TEXT, tuple(entries), kind, kind_line, tuple(stray))


# --------------------------------------------------------------------------- TOML and JSON


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its key/value pairs in order (keeps repeated keys)."""


def _scalar(value: Any) -> tuple[Optional[str], str]:
    """(text, problem) for one TOML/JSON value."""
    if value is None:
        return "", ""
    if isinstance(value, str):
        return value, ""
    if isinstance(value, bool):
        return None, "true/false, not text"
    if isinstance(value, (int, float)):
        try:
            return str(value), ""
        except ValueError:  # an int too long to turn into text
            return None, "a number too long to read"
    if isinstance(value, (date, time)):  # TOML dates and times, datetime included
        return value.isoformat(), ""
    if isinstance(value, (list, tuple)) and not isinstance(value, _Pairs):
        return None, "a list, not text"
    return None, "a table, not text"


def _from_pairs(
    pairs: Sequence[tuple[str, Any]], source: str, form: Form, lines: Mapping[str, int]
) -> RequestDocument:
    entries: list[Entry] = []
    kind: Optional[str] = None
    kind_line: Optional[int] = None
    for key, value in pairs:
        line = lines.get(key)
        if compact(key) == KIND_KEY:
            if not isinstance(value, str) or not value.strip():
                raise InputError(
                    "must be the id of a request kind, as text", path=source, line=line, key=key
                )
            kind, kind_line = value.strip(), line
            continue
        text, problem = _scalar(value)
        entries.append(Entry(key, text, line, problem))
    return RequestDocument(source, form, tuple(entries), kind, kind_line)


def _parse_toml(text: str, source: str) -> RequestDocument:
    data = tomlcompat.parse_user_toml(text, source)
    lines: dict[str, int] = {}
    for number, line in enumerate(_lines(text), start=1):
        match = re.match(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""", line)
        if match:
            lines.setdefault(match.group(1).strip("\"'"), number)
    return _from_pairs(list(data.items()), source, Form.TOML, lines)


def _parse_json(text: str, source: str) -> RequestDocument:
    try:
        data = json.loads(text, object_pairs_hook=_Pairs)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", path=source, line=error.lineno) from None
    except (ValueError, RecursionError) as error:
        raise InputError(f"not valid JSON: {error}", path=source) from None
    if not isinstance(data, _Pairs):
        raise InputError(
            'a JSON request must be one object of "field": "value" pairs', path=source, line=1
        )
    lines: dict[str, int] = {}
    number, position = 1, 0
    for match in re.finditer(r'"((?:[^"\\\n]|\\.)*)"\s*:', text):
        number += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match.group(1), number)
    return _from_pairs(data, source, Form.JSON, lines)


# --------------------------------------------------------------------------- kinds


def describe_kinds(kinds: Sequence[RequestKind]) -> str:
    return ", ".join(f"{kind.id} ({kind.name})" for kind in kinds) or "none"


def find_kind(profiles: ProfileSet, name: str) -> Optional[RequestKind]:
    """A kind by id or name (loosely), or by a product that has exactly one kind."""
    wanted = compact(name)
    kinds = profiles.request_kinds()
    found = next((k for k in kinds if wanted in (compact(k.id), compact(k.name))), None)
    if found is not None:
        return found
    profile = profiles.get(name)
    if profile is not None and len(profile.requests) == 1:
        return profile.requests[0]
    return None


def require_kind(profiles: ProfileSet, name: str, *, option: str = "") -> RequestKind:
    kind = find_kind(profiles, name)
    if kind is None:
        prefix = f"{option}: " if option else ""
        known = describe_kinds(profiles.request_kinds())
        raise InputError(f"{prefix}unknown request kind {name!r} (known: {known})")
    return kind


_LEADING_WORDS = frozenset({"the", "a", "an", "your", "my", "our"})


def _words(text: str) -> list[str]:
    folded = re.sub(r"\be-mail\b", "email", unicodedata.normalize("NFKC", text).casefold())
    words = re.findall(r"[^\W_]+", folded)
    while len(words) > 1 and words[0] in _LEADING_WORDS:
        words.pop(0)
    return words


class FieldIndex:
    """Finds which field of one kind a label means, loosely.

    First the label as letters and digits against each field's id, label and other
    spellings ('Cisco Web Order ID #' is 'cisco_web_order_id'), leading 'the'/'your'
    dropped; then a spelling of two words or more standing inside a longer label
    ('The URL used to access the Secure Messaging Portal' holds 'URL used'), the longest
    winning. A label two fields claim alike matches neither.
    """

    def __init__(self, kind: RequestKind) -> None:
        self.kind = kind
        self.exact: dict[str, RequestField] = {}
        self.phrases: dict[tuple[str, ...], RequestField] = {}
        for item in kind.fields:
            for name in (item.id, item.label, *item.aliases):
                words = _words(name)
                self.exact.setdefault("".join(words), item)
                if len(words) >= 2:
                    self.phrases.setdefault(tuple(words), item)
        self.longest = max((len(phrase) for phrase in self.phrases), default=0)
        # A file may repeat a label thousands of times; each is looked up once.
        self._seen: dict[str, Optional[RequestField]] = {}

    def find(self, label: str) -> Optional[RequestField]:
        if label not in self._seen:
            self._seen[label] = self._find(label)
        return self._seen[label]

    def _find(self, label: str) -> Optional[RequestField]:
        words = _words(label)
        found = self.exact.get("".join(words)) or self.exact.get(compact(label))
        if found is not None or len(words) < 2:
            return found
        for size in range(min(self.longest, len(words)), 1, -1):
            claims = {
                id(item): item
                for start in range(len(words) - size + 1)
                for item in [self.phrases.get(tuple(words[start : start + size]))]
                if item is not None
            }
            if claims:
                # Two fields claiming it alike: it is neither.
                return next(iter(claims.values())) if len(claims) == 1 else None
        return None

    def suggest(self, label: str) -> Optional[RequestField]:
        """The field a misspelt label probably meant."""
        key = "".join(_words(label))[:60]
        close = difflib.get_close_matches(key, list(self.exact), n=1, cutoff=0.75)
        return self.exact[close[0]] if close else None


def resolve_kind(
    doc: RequestDocument, profiles: ProfileSet, wanted: Optional[str] = None
) -> tuple[RequestKind, str]:
    """The kind of request and how it was told: ``--kind``, the file's ``kind``, or its fields."""
    kinds = profiles.request_kinds()
    if not kinds:
        raise InputError("no profile defines a request kind", path=doc.source)
    chosen = require_kind(profiles, wanted, option="--kind") if wanted is not None else None
    if doc.kind is not None:
        named = find_kind(profiles, doc.kind)
        if named is None:
            raise InputError(
                f"unknown request kind {doc.kind!r} (known: {describe_kinds(kinds)})",
                path=doc.source,
                line=doc.kind_line,
                key=KIND_KEY,
            )
        if chosen is not None and chosen.id != named.id:
            raise InputError(
                f"the file says kind {named.id} but --kind says {chosen.id}; drop one of them",
                path=doc.source,
                line=doc.kind_line,
                key=KIND_KEY,
            )
        return named, "named in the file"
    if chosen is not None:
        return chosen, "named by --kind"
    return _recognise(doc, kinds), "recognised from its fields"


def _recognise(doc: RequestDocument, kinds: Sequence[RequestKind]) -> RequestKind:
    labels = {entry.label for entry in doc.entries}
    owners: dict[str, set[str]] = {}
    for kind in kinds:
        index = FieldIndex(kind)
        for label in labels:
            if index.find(label) is not None:
                owners.setdefault(label, set()).add(kind.id)
    # Labels only one kind knows decide; shared ones ("email") only break ties.
    scores = {
        kind.id: (
            sum(1 for label, who in owners.items() if who == {kind.id}),
            sum(1 for who in owners.values() if kind.id in who),
        )
        for kind in kinds
    }
    ranked = sorted(kinds, key=lambda kind: scores[kind.id], reverse=True)
    best = ranked[0]
    how = "add a line 'kind: ID' (TOML/JSON: a kind key) or pass --kind ID"
    if scores[best.id] == (0, 0):
        raise InputError(
            f"cannot tell which kind of request this is: no label names a field of a known kind; "
            f"{how} (known kinds: {describe_kinds(kinds)})",
            path=doc.source,
        )
    tied = [kind for kind in ranked if scores[kind.id] == scores[best.id]]
    if len(tied) > 1:
        raise InputError(
            f"cannot tell which kind of request this is: its fields fit "
            f"{' and '.join(kind.id for kind in tied)} alike; {how} "
            f"(known kinds: {describe_kinds(kinds)})",
            path=doc.source,
        )
    return best


def match_fields(doc: RequestDocument, kind: RequestKind) -> MatchedRequest:
    """Sort the document's entries onto the kind's fields; the rest are unknown."""
    index = FieldIndex(kind)
    given: dict[str, list[Entry]] = {item.id: [] for item in kind.fields}
    unknown: list[tuple[Entry, Optional[RequestField]]] = []
    for entry in doc.entries:
        found = index.find(entry.label)
        if found is not None:
            given[found.id].append(entry)
            continue
        # Suggestions cost a string comparison each: a file of thousands of junk labels gets
        # them for its first few only.
        near = index.suggest(entry.label) if len(unknown) < MAX_SUGGESTIONS else None
        unknown.append((entry, near))
    return MatchedRequest(kind, {key: tuple(value) for key, value in given.items()}, tuple(unknown))


# --------------------------------------------------------------------------- writing


def plain_line(label: str, value: str) -> str:
    """One field in the plain form; further lines of the value indented so they read back.

    An empty label stands for text that belonged to no field: it is written as it was.
    """
    if not label:
        return value
    first, *rest = value.split("\n")
    lines = [f"{label}: {first}".rstrip()]
    lines.extend(f"  {line}" if line.strip() else "" for line in rest)
    return "\n".join(lines)


def plain_text(
    kind: RequestKind, values: Mapping[str, str], extras: Sequence[tuple[str, str]] = ()
) -> str:
    """The request in the plain form, fields in the kind's order, extras after them."""
    lines = [plain_line(item.label, values[item.id]) for item in kind.fields if item.id in values]
    lines.extend(plain_line(label, value) for label, value in extras)
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: str = "# ") -> list[str]:
    return textwrap.wrap(text, width=76, initial_indent="# ", subsequent_indent=indent)


def template_text(kind: RequestKind) -> str:
    """A blank request of this kind in the plain form, with the profile's advice as notes."""
    lines = _comment(f"{kind.name} (kind {kind.id}).")
    if kind.where:
        lines += _comment(f"Open it in: {kind.where}.")
    if kind.severity is not None and "severity" not in kind.where.casefold():
        lines += _comment(f"Severity: {kind.severity}.")
    if kind.follow_up_hours:
        lines += _comment(
            f"Follow up when no confirmation arrives within {kind.follow_up_hours} hours."
        )
    for advice in kind.advice:
        lines += _comment(f"- {advice}", indent="#   ")
    lines += ["#"]
    lines += _comment(
        "Write each value after its colon. A value may go on over the next lines when they "
        "are indented. Lines starting with # are notes and are not sent."
    )
    lines += _comment(
        "Check it with: emailsec-check request FILE (add --render for the text to paste)."
    )
    lines += [f"{KIND_KEY}: {kind.id}", ""]
    for item in kind.fields:
        note = item.advice + ("" if item.required else " (optional)")
        lines += _comment(note.strip()) if note.strip() else []
        lines += [f"{item.label}:", ""]
    return "\n".join(lines)
