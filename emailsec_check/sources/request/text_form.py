"""The plain form of a request: ``Label: value`` lines, as the vendors' own instructions show.

A value continues on the following lines while they are indented deeper than its label,
or follow it without a blank line. Lines starting with ``#`` are notes. Text that
belongs to no field (a greeting, a remark, a sign-off) is kept as :class:`Stray` lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Optional

from emailsec_check.sources.request.document import (
    KIND_KEY,
    Entry,
    Form,
    RequestDocument,
    Stray,
    compact,
    split_lines,
)
from emailsec_check.sources.request.kinds import FieldIndex

__all__ = ["parse_text"]

_FIELD_LINE = re.compile(
    r"^(?P<indent>\s*)(?:[-*•·]\s+|\d{1,2}[.)]\s+)?(?P<label>[^:：\s][^:：]{0,79}?)\s*[:：](?P<value>.*)$"
)
#: What a label holds besides letters and digits: "Order no.", "Cisco Web Order ID #".
_LABEL_PUNCTUATION = frozenset("_ .,'’/#&()+*-")
#: A label no kind knows starts a field only when it is this short ("Phone", "Case number"):
#: a longer one is more likely a sentence that goes on the value above.
_MAX_UNKNOWN_LABEL_WORDS = 4


def _label_like(label: str) -> bool:
    """Words a label could be: a letter first, then letters, digits and a little punctuation."""
    first = label[:1]
    return (
        first.isalnum()
        and not first.isdecimal()
        and all(char.isalnum() or char in _LABEL_PUNCTUATION for char in label[1:])
    )


class _Open:
    """The field being read: its label and the lines of its value so far."""

    __slots__ = ("after_blank", "indent", "label", "line", "parts", "written")

    def __init__(self, label: str, line: int, indent: int, parts: list[str], written: str) -> None:
        self.label = label
        self.line = line
        self.indent = indent
        self.parts = parts
        self.written = written
        self.after_blank = False

    def entry(self) -> Entry:
        parts = list(self.parts)
        while parts and not parts[-1]:
            parts.pop()
        while parts and not parts[0]:
            parts.pop(0)
        return Entry(self.label, "\n".join(parts), self.line, written=self.written)

    def takes(self, deeper: bool) -> bool:
        """Whether a line that starts no field goes on this value."""
        return deeper or not self.after_blank or not any(self.parts)


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
    if not _label_like(label):
        return None
    if len(label.split()) > _MAX_UNKNOWN_LABEL_WORDS and not any(
        index.find(label) for index in indexes
    ):
        return None
    return label, value.strip(), indent


class _Reader:
    """The plain form read line by line."""

    __slots__ = ("current", "entries", "indexes", "kind", "kind_line", "stray")

    def __init__(self, indexes: Sequence[FieldIndex]) -> None:
        self.indexes = indexes
        self.entries: list[Entry] = []
        self.stray: list[Stray] = []
        self.kind: Optional[str] = None
        self.kind_line: Optional[int] = None
        self.current: Optional[_Open] = None

    def close(self) -> None:
        if self.current is not None:
            self.entries.append(self.current.entry())
        self.current = None

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        current = self.current
        if not stripped:
            if current is not None:
                current.parts.append("")
                current.after_blank = True
            return
        indent = len(line[: len(line) - len(line.lstrip())].expandtabs(4))
        deeper = current is not None and indent > current.indent
        if stripped.startswith("#") and not deeper:
            return  # a note
        started = _label_of(line, current, self.indexes)
        if started is not None:
            self.close()
            label, value, field_indent = started
            if compact(label) == KIND_KEY:
                self.kind, self.kind_line = value, number
            else:
                self.current = _Open(label, number, field_indent, [value], stripped)
        elif current is not None and current.takes(deeper):
            current.parts.append(stripped)
            current.after_blank = False
        else:
            self.close()
            self.stray.append(Stray(number, stripped))


def parse_text(text: str, source: str, indexes: Sequence[FieldIndex]) -> RequestDocument:
    """Read the plain form; ``indexes`` tell long labels of known kinds from sentences."""
    reader = _Reader(indexes)
    for number, line in enumerate(split_lines(text), start=1):
        reader.feed(number, line)
    reader.close()
    return RequestDocument(
        source,
        Form.TEXT,
        tuple(reader.entries),
        reader.kind,
        reader.kind_line,
        tuple(reader.stray),
    )
