"""CSV exports streamed row by row, with the line each row ends on.

A line without a quote, a NUL or an over-long field is split on the delimiter
directly, which is what the csv module does with it too; any other line goes to the
csv module (with the lines after it that a quoted cell spans), so quoting and its
errors are the csv module's own and the rows are the same either way. Broken quoting
and bytes that are not UTF-8 become an ``InputError`` naming the file and line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Optional

from emailsec_check.errors import InputError
from emailsec_check.sources.files import open_user_file
from emailsec_check.sources.identities.columns import Header

__all__ = ["CsvRows"]

_OTHER_DELIMITERS = (";", "\t", "|")


class CsvRows:
    """A CSV file as a ``Header`` and ``rows`` (lists of cells, possibly short)."""

    def __init__(self, path: Path, stream: IO[str], encoding: str) -> None:
        self.path = path
        self.stream = stream
        self.encoding = encoding
        #: Lines read before the header (blank lines, Excel's "sep=;" line).
        self.offset = 0
        self.reader: Optional[Any] = None
        #: Lines read, once past the header: set where reading stops (``line()``), not per row.
        self.count = -1
        with self.reading():
            first, delimiter = self._delimiter()
            feed = _Feed(stream)
            feed.line = first
            reader = csv.reader(feed, delimiter=delimiter, strict=True)
            self.reader = reader
            cells = next(reader, [])
        self.count = reader.line_num + self.offset
        self.header = Header(path, cells, self.count)
        self.numbered: Iterator[tuple[Optional[int], list[str]]] = self._numbered(
            feed, reader, delimiter
        )
        self.rows: Iterator[list[str]] = map(itemgetter(1), self.numbered)

    def _delimiter(self) -> tuple[str, str]:
        """The header line and the delimiter: from a ``sep=`` line, or the header's commas."""
        first = self._first_line()
        if first.lower().startswith("sep=") and len(first.strip()) == 5:
            self.offset += 1
            return self._first_line(), first.strip()[4]
        if "," in first:
            return first, ","
        counts = {char: first.count(char) for char in _OTHER_DELIMITERS}
        best = max(counts, key=lambda char: counts[char])
        return first, best if counts[best] else ","

    def _first_line(self) -> str:
        """The next line that is not blank (a file may start with empty lines)."""
        for line in self.stream:
            if line.strip():
                return line
            self.offset += 1
        return ""

    def _numbered(
        self, feed: _Feed, reader: Any, delimiter: str
    ) -> Iterator[tuple[Optional[int], list[str]]]:
        """(the line a row ends on, the row) for every row after the header.

        A line without a quote, a NUL or an over-long field is split here; any other
        goes to the csv module, which reads on through the lines a quoted cell spans.
        """
        count = self.count
        limit = csv.field_size_limit()
        try:
            for line in self.stream:
                if '"' in line or "\0" in line or len(line) > limit:
                    feed.line = line
                    before = reader.line_num
                    try:
                        row = next(reader, None)
                    finally:
                        count += reader.line_num - before
                        self.count = count
                    if row is None:
                        return
                    yield count, row
                    continue
                count += 1
                # Read with newline="", a line ends in \n, \r\n or \r, and has no other \r.
                line = line.rstrip("\r\n")
                yield count, line.split(delimiter) if line else []
        finally:
            self.count = count  # where reading stopped (an error's line), not set per row

    def line(self) -> int:
        if self.count < 0:  # still reading the header
            reader = self.reader
            return (reader.line_num if reader is not None else 0) + self.offset
        return self.count

    def key(self) -> Optional[str]:
        return None

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Turn the csv module's and the decoder's errors into one line naming file and line."""
        try:
            yield
        except csv.Error as error:
            raise self._quoting(str(error)) from None
        except UnicodeDecodeError:
            raise _not_utf8(self.path, self.encoding, self.line()) from None

    def _quoting(self, text: str) -> InputError:
        line = self.line()
        if "unexpected end of data" in text or "EOF" in text:
            return InputError(
                'broken CSV quoting: a quoted cell is never closed (a stray " in a cell?)',
                path=self.path,
                line=_quote_start(self.path, self.encoding, line) or line,
            )
        return InputError(f"broken CSV quoting: {text}", path=self.path, line=line)

    def close(self) -> None:
        self.stream.close()


class _Feed:
    """The csv module's input: the line the fast path hands over, then the file's next lines."""

    __slots__ = ("line", "lines")

    def __init__(self, lines: Iterator[str]) -> None:
        self.line: Optional[str] = None
        self.lines = lines

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.line
        if line is None:
            return next(self.lines)
        self.line = None
        return line


def _not_utf8(path: Path, encoding: str, fallback: int) -> InputError:
    line = _undecodable_line(path) if encoding != "utf-16" else None
    return InputError(
        "not UTF-8 text (save the export as 'CSV UTF-8')",
        path=path,
        line=line or (fallback + 1 if fallback else None),
    )


def _undecodable_line(path: Path) -> Optional[int]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open_user_file(path) as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    decoder.decode(line)
                except UnicodeDecodeError:
                    return number
    except (OSError, InputError):
        return None
    return None


def _quote_start(path: Path, encoding: str, end: int) -> Optional[int]:
    """Where the cell that is never closed opens: after the last row that parsed."""
    try:
        with open_user_file(path) as raw:
            stream = io.TextIOWrapper(raw, encoding=encoding, newline="", errors="replace")
            reader = csv.reader(stream, strict=False)
            last = 0
            for _row in reader:
                if reader.line_num >= end:
                    break
                last = reader.line_num
            return last + 1
    except (OSError, InputError, csv.Error):
        return None
