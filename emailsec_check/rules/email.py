"""Email address syntax and masking: the one rule every area applies.

An address is judged the way sign-on services judge it: one ``@``, an unquoted local
part of the usual characters (64 at most), and a domain that is a host name whose last
label is a real top-level domain (letters, or an ``xn--`` punycode label). ``identities``
and ``request`` both call :func:`syntax_problem`, so the same address gets the same verdict.
"""

from __future__ import annotations

import re

__all__ = ["mask_address", "syntax_problem", "valid_domain", "valid_local_part"]

_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LABEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_LOCAL_CHARS = frozenset("!#$%&'*+/=?^_`{|}~-.")
_LOCAL = re.compile(r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*")


def valid_domain(domain: str) -> bool:
    """Two or more labels of letters, digits and inner hyphens; the last a real TLD shape."""
    domain = domain.lower()
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    labels = domain.split(".")
    return (
        len(domain) <= 253
        and len(labels) >= 2
        and all(_LABEL.fullmatch(label) for label in labels)
        and _TOP_LABEL.fullmatch(labels[-1]) is not None
    )


def valid_local_part(local: str) -> bool:
    """The part before the ``@``: dot-separated runs of the allowed characters, 64 at most."""
    return len(local) <= 64 and _LOCAL.fullmatch(local) is not None


def syntax_problem(address: str) -> str:
    """What is wrong with ``address`` as an email address; "" when nothing is."""
    text = address.strip()
    if not text:
        return "is empty"
    if "@" not in text:
        return "has no @"
    if text.count("@") > 1:
        return "has more than one @"
    local, _, domain = text.partition("@")
    for char in text:
        if char.isspace():
            return "contains a space" if char == " " else "contains a line break or tab"
        if not char.isprintable():
            return "contains a control character"
    if not local:
        return "has nothing before the @"
    if not domain:
        return "has nothing after the @"
    if local.startswith('"'):
        return "has a quoted local part, which sign-on services do not accept"
    bad = sorted({char for char in local if not (char.isalnum() or char in _LOCAL_CHARS)})
    if bad:
        return f"contains {' '.join(repr(char) for char in bad)} before the @"
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "has a dot at the start or end of the local part, or two dots in a row"
    if len(local) > 64:
        return "has more than 64 characters before the @"
    if len(text) > 254:
        return "is longer than 254 characters"
    if "." not in domain:
        return f"has a domain without a dot ({domain})"
    if not valid_domain(domain):
        return f"has a domain that is not a host name ({domain})"
    return ""


def mask_address(address: str) -> str:
    """``jane.doe@acme.example`` -> ``j***@acme.example`` (for reports shared outside the team)."""
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return "***"
    first = local[:1] if local[:1].isalnum() else ""
    return f"{first}***@{domain}"
