"""Addresses inside directory cells: proxy-address lists and guests' ``#EXT#`` names."""

from __future__ import annotations

import re

__all__ = ["guest_address", "primary_smtp", "split_addresses"]

# Between addresses: ; , | or spaces; the Microsoft 365 admin center joins proxy
# addresses with "+", which is split only before a prefix (a+tag@x stays whole).
_SEPARATOR_RUN = r"[;,\s|]+"
_ADDRESS_SEPARATORS = re.compile(_SEPARATOR_RUN + r"|\+(?=[A-Za-z0-9]+:)")
#: The same for a cell without a "+" (most of them), which is quicker to split.
_PLAIN_SEPARATORS = re.compile(_SEPARATOR_RUN)


def guest_address(upn: str) -> str:
    """A guest's own address from its ``#EXT#`` directory name (``jo_mail.test#EXT#@t...``)."""
    local = upn[: upn.lower().find("#ext#")]
    name, underscore, domain = local.rpartition("_")
    return f"{name}@{domain}" if underscore and name and domain else ""


def _items(cell: str) -> list[str]:
    text = cell.strip().strip("[]{}()")
    parts = (_ADDRESS_SEPARATORS if "+" in text else _PLAIN_SEPARATORS).split(text)
    return [item for part in parts if (item := part.strip().strip("'\""))]


def primary_smtp(cell: str) -> str:
    """The primary address of a proxyAddresses cell: the one marked ``SMTP:`` in capitals."""
    for item in _items(cell):
        if item.startswith("SMTP:") and "@" in item:
            return item[5:]
    return ""


def split_addresses(cell: str) -> list[str]:
    """Addresses in a proxyAddresses / otherMails / aliases cell, without ``smtp:`` prefixes.

    Cells come as ``SMTP:a@x;smtp:b@x``, ``["a@x", "b@x"]`` or ``{a@x, b@x}``; entries
    of other types (``SIP:``, ``X500:``) are left out.
    """
    found = []
    for item in _items(cell):
        kind, colon, rest = item.partition(":")
        if colon and "@" not in kind:
            if kind.lower() != "smtp":
                continue
            item = rest
        if "@" in item:
            found.append(item)
    return found
