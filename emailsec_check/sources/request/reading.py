"""Reading a request file: bytes to text to a :class:`RequestDocument`, or an InputError.

The file is read through ``sources.files`` (regular files or ``-`` only, at most
``MAX_REQUEST_BYTES``), so a FIFO or a device is refused at once. Reading never raises
anything but ``InputError``: a file that is binary, empty, too large, not UTF-8, holds
control characters, or is broken TOML/JSON is refused naming its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Optional, Union

from emailsec_check.errors import InputError
from emailsec_check.profiles import RequestKind
from emailsec_check.rules.text import lazy_pattern
from emailsec_check.sources.files import STDIN, decode_user_text, read_user_bytes
from emailsec_check.sources.request.document import (
    MAX_REQUEST_BYTES,
    Form,
    RequestDocument,
    split_lines,
)
from emailsec_check.sources.request.kinds import FieldIndex
from emailsec_check.sources.request.text_form import parse_text

__all__ = ["parse_request", "read_request", "read_request_stream"]

_WHAT = "request file"


def read_request(
    path: Union[str, Path],
    kinds: Sequence[RequestKind] = (),
    *,
    stdin: Optional[BinaryIO] = None,
) -> RequestDocument:
    """Read a request file (``-``: standard input); InputError when it cannot be used.

    ``kinds`` lets the plain form know long labels ("The date / time of the logon attempt")
    for what they are; without them only short labels start a field. ``stdin`` is the
    stream ``-`` means (the command's own, from its environment); the process's otherwise.
    """
    name = str(path)
    if name == STDIN and stdin is not None:
        return read_request_stream(stdin, kinds)
    data = read_user_bytes(name, what=_WHAT, max_bytes=MAX_REQUEST_BYTES)
    if name == STDIN:
        return parse_request(data, "<stdin>", kinds=kinds)
    return parse_request(data, name, suffix=Path(name).suffix, kinds=kinds)


def read_request_stream(
    stream: BinaryIO, kinds: Sequence[RequestKind] = (), name: str = "<stdin>"
) -> RequestDocument:
    """Read a request from an already open stream (the command's standard input)."""
    try:
        data = stream.read(MAX_REQUEST_BYTES + 1)
    except OSError as error:
        raise InputError(f"cannot read {_WHAT}: {error.strerror or error}", path=name) from None
    return parse_request(data, name, kinds=kinds)


def parse_request(
    data: bytes, source: str, *, suffix: str = "", kinds: Sequence[RequestKind] = ()
) -> RequestDocument:
    """Parse a request's bytes; ``suffix`` (.toml, .json) names the form, else it is sniffed."""
    text = _decode(data, source)
    form = _detect_form(text, suffix)
    if form is not Form.TEXT:  # the TOML/JSON readers (and their bounds) load only for them
        from emailsec_check.sources.request.structured import parse_json, parse_toml

        return parse_json(text, source) if form is Form.JSON else parse_toml(text, source)
    return parse_text(text, source, [FieldIndex(kind) for kind in kinds])


# Tab, line feed and carriage return are the only control characters a text request has.
_CONTROL = lazy_pattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_REQUEST_BYTES:
        raise InputError(
            "larger than 1 MiB; a support request is a few lines: is this the right file?",
            path=source,
        )
    text = decode_user_text(data, source, what=_WHAT)
    # Text is mostly printable but for its line breaks and tabs: only other text is searched.
    printable = text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable()
    bad = None if printable else _CONTROL().search(text)
    if bad is not None:
        raise InputError(
            f"control character U+{ord(bad.group()):04X} in the text; is this a binary file?",
            path=source,
            line=len(split_lines(text[: bad.start()])),
        )
    if not any(line.strip() and not line.lstrip().startswith("#") for line in split_lines(text)):
        raise InputError(
            "the request is empty; 'emailsec-check request --template KIND' prints a blank one",
            path=source,
        )
    return text


_TOML_KEY_LINE = lazy_pattern(r"""^\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _is_table_header(line: str) -> bool:
    """A TOML table header: ``[name]`` alone on the line."""
    inside = line[1:-1]
    return line.startswith("[") and line.endswith("]") and bool(inside) and "]" not in inside


def _detect_form(text: str, suffix: str) -> Form:
    lowered = suffix.lower()
    if lowered == ".json":
        return Form.JSON
    if lowered == ".toml":
        return Form.TOML
    first = next(
        (
            line.strip()
            for line in split_lines(text)
            if line.strip() and not line.lstrip().startswith("#")
        ),
        "",
    )
    if first.startswith("{"):
        return Form.JSON
    if ("=" in first and _TOML_KEY_LINE().match(first)) or _is_table_header(first):
        return Form.TOML
    return Form.TEXT
