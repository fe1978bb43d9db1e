"""What the formats for people share: sections, folding, marks, the summary's words.

Text and Markdown list results by section (a config block's name, then the area),
fold what would flood a screen (a check's passes above 50; more than 20 alike findings
of one check become the first 10 and a count line, unless ``--all``), and end with the
same verdict. The machine formats (JSON, JUnit, Prometheus) keep every result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Final, Optional, Union

from emailsec_check.model import (
    Area,
    Change,
    CheckInfo,
    Report,
    Result,
    Status,
    exit_status,
    is_decided,
)
from emailsec_check.record import Record
from emailsec_check.report import RenderOptions
from emailsec_check.rules.text import lazy_pattern, words

__all__ = [
    "AREA_TITLES",
    "MARKS_ASCII",
    "MARKS_UNICODE",
    "Folded",
    "Row",
    "Section",
    "Shown",
    "explain_target",
    "fix_text",
    "plain_message",
    "rows",
    "section_title",
    "sections",
    "shown_sections",
    "verdict",
]

MARKS_UNICODE = {Status.PASS: "✓", Status.HINT: "!", Status.FAIL: "✗", Status.SKIP: "–"}
MARKS_ASCII = {Status.PASS: "+", Status.HINT: "!", Status.FAIL: "x", Status.SKIP: "-"}

#: Section headings: what each area's results are about.
AREA_TITLES = {
    Area.STATUS: "Status pages",
    Area.DATACENTER: "Console URLs and datacenters",
    Area.IDENTITIES: "Identities",
    Area.REQUEST: "Support requests",
}

#: A part of the report: the config block's name (None outside ``run``) and the area.
Section = tuple[Optional[str], Area]


class Shown(Record):
    """One result listed on its own, with how it compares with the last run (``--state``)."""

    __slots__ = ("result", "change")

    result: Final[Result]
    change: Final[Optional[Change]]

    def __init__(self, result: Result, change: Optional[Change]) -> None:
        self.result = result
        self.change = change


class Folded(Record):
    """Results of one check and status that are counted rather than listed.

    ``listed`` of them were shown just above (0 when passes fold into one line);
    ``more`` are not shown.
    """

    __slots__ = ("check", "status", "more", "listed")

    check: Final[CheckInfo]
    status: Final[Status]
    more: Final[int]
    listed: Final[int]

    def __init__(self, check: CheckInfo, status: Status, more: int, listed: int) -> None:
        self.check = check
        self.status = status
        self.more = more
        self.listed = listed


Row = Union[Shown, Folded]


def sections(report: Report) -> list[Section]:
    """The report's sections in the order their first result comes."""
    return list(dict.fromkeys((result.group, result.area) for result in report.results))


def section_title(section: Section, *, unicode: bool = True) -> str:
    group, area = section
    if not group:
        return AREA_TITLES[area]
    return f"{AREA_TITLES[area]} {'—' if unicode else '-'} {group}"


def _members(
    report: Report, section: Section, whole: bool
) -> Iterator[tuple[Result, Optional[Change]]]:
    changes: Sequence[Optional[Change]] = report.changes or [None] * len(report.results)
    if whole:  # one section: every result, no test per result
        yield from zip(report.results, changes)
        return
    group, area = section
    for result, change in zip(report.results, changes):
        if result.area is area and result.group == group:
            yield result, change


def rows(report: Report, section: Section, options: RenderOptions, *, whole: bool) -> Iterator[Row]:
    """The rows of one section (``whole``: the only one), in report order, folded.

    Without ``--all``, a check's passes above ``fold_passes_over`` become one row, and
    more than ``fold_alike_over`` results of one check with one other status become the
    first ``fold_keep`` and a :class:`Folded` row. ``quiet`` leaves passes out entirely
    (the summary still counts them).
    """
    counts: Counter[tuple[str, Status]] = Counter()
    if not options.show_all:
        counts.update((r.check.id, r.status) for r, _ in _members(report, section, whole))
    seen: Counter[tuple[str, Status]] = Counter()
    for result, change in _members(report, section, whole):
        status = result.status
        if status is Status.PASS and options.quiet:
            continue
        if options.show_all:
            yield Shown(result, change)
            continue
        slot = (result.check.id, status)
        total = counts[slot]
        seen[slot] += 1
        number = seen[slot]
        if status is Status.PASS and total > options.fold_passes_over:
            if number == 1:
                yield Folded(result.check, status, total, 0)
        elif status is not Status.PASS and total > options.fold_alike_over:
            if number <= options.fold_keep:
                yield Shown(result, change)
            if number == options.fold_keep:
                yield Folded(result.check, status, total - options.fold_keep, options.fold_keep)
        else:
            yield Shown(result, change)


def shown_sections(
    report: Report, options: RenderOptions
) -> Iterator[tuple[Section, Iterator[Row]]]:
    """Each section with its rows, leaving out a section with nothing to show (``--quiet``)."""
    parts = sections(report)
    for section in parts:
        found = rows(report, section, options, whole=len(parts) == 1)
        first = next(found, None)
        if first is not None:
            yield section, chain((first,), found)


def verdict(report: Report, options: RenderOptions) -> str:
    """The summary's words: nothing could be checked, problems found, or no problems."""
    summary = report.summary()
    if not is_decided(summary):
        return "nothing could be checked"
    code = exit_status(summary, strict=options.strict, fail_on_skip=options.fail_on_skip)
    return "problems found" if code else "no problems"


def explain_target(report: Report) -> Optional[str]:
    """The check the report's last line points ``explain`` at: the first fail, else hint."""
    first_hint: Optional[str] = None
    for result in report.results:
        if result.status is Status.FAIL:
            return result.check.id
        if first_hint is None and result.status is Status.HINT:
            first_hint = result.check.id
    return first_hint


def plain_message(result: Result) -> str:
    """A pass's message without the notes it carries (``data["notes"]``, appended in
    parentheses): a pass needs no reading; JSON keeps the notes."""
    if result.status is not Status.PASS or not result.message.endswith(")"):
        return result.message
    notes = result.data.get("notes")
    if notes and isinstance(notes, (list, tuple)) and all(isinstance(n, str) for n in notes):
        tail = f" ({' '.join(notes)})"
        if result.message.endswith(tail):
            return result.message[: -len(tail)]
    return result.message


_SENTENCE_END = lazy_pattern(r"(?<=[.!?])(\s+)(?=\S)")


def _words(text: str) -> str:
    """The words of ``text`` (runs of letters, digits and _), folded, one space apart."""
    return " ".join(words(text.casefold(), underscore=True))


def fix_text(message: str, hint: Optional[str]) -> Optional[str]:
    """``hint`` with what it repeats left out: each thing said once.

    A sentence of the hint that the message already says, or that the hint said
    before, is dropped (line breaks between the kept ones stay); None when nothing
    new is left.
    """
    if not hint:
        return None
    said = f" {_words(message)} "
    pieces = _SENTENCE_END().split(hint.strip())  # sentence, gap, sentence, gap, ...
    kept: list[str] = []
    heard: set[str] = set()
    for index in range(0, len(pieces), 2):
        sentence = pieces[index]
        words = _words(sentence)
        if not words or words in heard or (words.count(" ") >= 2 and f" {words} " in said):
            continue
        heard.add(words)
        if kept:
            kept.append("\n" if "\n" in pieces[index - 1] else " ")
        kept.append(sentence)
    return "".join(kept) or None
