"""Which kind of request a document is, and which of the kind's fields each label means.

A kind comes from ``--kind``, the file's own ``kind`` line, or its labels (those only one
kind knows decide). Labels are matched loosely by :class:`FieldIndex`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final, Optional

from emailsec_check.errors import InputError
from emailsec_check.profiles import ProfileSet, RequestField, RequestKind
from emailsec_check.record import Record
from emailsec_check.rules.redact import redact
from emailsec_check.rules.text import one_line
from emailsec_check.rules.text import words as text_words
from emailsec_check.sources.request.document import KIND_KEY, Entry, RequestDocument, compact

__all__ = [
    "MAX_SUGGESTIONS",
    "FieldIndex",
    "MatchedRequest",
    "describe_kinds",
    "find_kind",
    "match_fields",
    "require_kind",
    "resolve_kind",
]

#: Suggestions for misspelt labels are worked out for this many unknown labels at most.
MAX_SUGGESTIONS = 50


class MatchedRequest(Record):
    """A document's entries sorted onto one kind's fields."""

    __slots__ = ("kind", "fields", "unknown")

    kind: Final[RequestKind]
    #: field id -> the entries that name it, in file order (empty: not given).
    fields: Final[Mapping[str, tuple[Entry, ...]]]
    #: Entries that are no field of the kind, with the field they may have meant.
    unknown: Final[tuple[tuple[Entry, Optional[RequestField]], ...]]

    def __init__(
        self,
        kind: RequestKind,
        fields: Mapping[str, tuple[Entry, ...]],
        unknown: tuple[tuple[Entry, Optional[RequestField]], ...] = (),
    ) -> None:
        self.kind = kind
        self.fields = fields
        self.unknown = unknown


def describe_kinds(kinds: Sequence[RequestKind]) -> str:
    return ", ".join(f"{kind.id} ({kind.name})" for kind in kinds) or "none"


def _shown(name: str) -> str:
    """A kind name the user typed, fit for a one-line error."""
    return repr(one_line(redact(name[:80])))


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
        raise InputError(f"{prefix}unknown request kind {_shown(name)} (known: {known})")
    return kind


_LEADING_WORDS = frozenset({"the", "a", "an", "your", "my", "our"})


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    if "e-mail" in folded:
        folded = re.sub(r"\be-mail\b", "email", folded)
    words = text_words(folded)
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
                f"unknown request kind {_shown(doc.kind)} (known: {describe_kinds(kinds)})",
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
            sum(1 for who in owners.values() if who == {kind.id}),
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
