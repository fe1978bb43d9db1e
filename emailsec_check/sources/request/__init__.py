"""Support request files: read plain "Label: value" text, TOML or JSON; write the plain form.

The plain form is what the vendors' own instructions show::

    Cisco.com ID: jdoe
    Cisco Web Order ID #: 12345678
    Issue/Request Details: Applied the licence on Monday,
      nothing arrived since.

Labels are matched loosely (letter case, spacing and punctuation do not count, and a
field's other spellings come from its profile). ``kind: ID`` names the request kind.

- ``document``: what a request is once read (entries, stray lines), plain facts;
- ``reading``: bytes to a document (``text_form`` for the plain form, ``structured`` for
  TOML and JSON), refusing what cannot be used with an ``InputError`` naming the line;
- ``kinds``: which kind a document is, which field each label means;
- ``writing``: the plain form back (``--render``) and blank templates (``--template``).
"""

from __future__ import annotations

from emailsec_check.sources.request.document import (
    KIND_KEY,
    MAX_REQUEST_BYTES,
    Entry,
    Form,
    RequestDocument,
    Stray,
    compact,
)
from emailsec_check.sources.request.kinds import (
    FieldIndex,
    MatchedRequest,
    describe_kinds,
    find_kind,
    match_fields,
    require_kind,
    resolve_kind,
)
from emailsec_check.sources.request.reading import (
    parse_request,
    read_request,
    read_request_stream,
)
from emailsec_check.sources.request.writing import plain_line, plain_lines, template_text

__all__ = [
    "KIND_KEY",
    "MAX_REQUEST_BYTES",
    "Entry",
    "FieldIndex",
    "Form",
    "MatchedRequest",
    "RequestDocument",
    "Stray",
    "compact",
    "describe_kinds",
    "find_kind",
    "match_fields",
    "parse_request",
    "plain_line",
    "plain_lines",
    "read_request",
    "read_request_stream",
    "require_kind",
    "resolve_kind",
    "template_text",
]
