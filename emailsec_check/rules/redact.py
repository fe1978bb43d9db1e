"""Secrets out of anything shown: the one redactor of the tool.

Reports and error lines repeat what users typed (a URL, a proxy, a line of a request),
and end up in CI logs, tickets and metrics. :func:`redact` masks, anywhere in a text:
the password of ``user:password@`` (even when it holds ``/``, ``?`` or ``#``), a bare
token before ``@`` (``https://TOKEN@host/``), and the values of credential-like query
parameters (``token``, ``access_token``, ``sig``, ``password`` ...).
"""

from __future__ import annotations

import re

from emailsec_check.rules.text import lazy_pattern

__all__ = ["MASK", "SECRET_PARAMETERS", "redact"]

MASK = "***"

#: Query parameters whose value is a credential (compared case-insensitively).
SECRET_PARAMETERS = frozenset(
    {
        "access_token", "api_key", "apikey", "auth", "client_secret", "code", "key",
        "password", "passwd", "pwd", "refresh_token", "secret", "session", "sig",
        "signature", "token", "x-amz-signature", "x-goog-signature",
    }
)  # fmt: skip

# Where user information may start: after a scheme's "//", after urllib's "netloc '",
# or at the very start of a text with no scheme ("admin:pw@host").
_LEAD = lazy_pattern(r"//|netloc\s+'|^(?!mailto:)(?=[^\s/@:]+:(?!//)[^\s@]*@)", re.I)
_TOKEN_END = lazy_pattern(r"[\s'\"<>]")
_PARAMETER = lazy_pattern(r"([?&;#])([A-Za-z0-9_.\-]+)=([^&;#\s'\"<>]*)")


def _userinfo_end(token: str) -> int:
    """Where the user information of ``token`` (the text after "//") ends; -1 if none."""
    cut = len(token)
    for char in "/?#":
        found = token.find(char)
        if 0 <= found < cut:
            cut = found
    authority = token[:cut]
    if "@" in authority:
        return authority.rfind("@")
    at = token.find("@")
    if at < 0:
        return -1
    if "/" not in token[:at]:
        # "TOKEN?x@host", "user:pa#ss@host": no path before the "@", so what precedes
        # it is user information that holds a "?" or "#".
        return at
    # A token or password may hold "/": "TOKEN/x@host", "user:pa/ss@host", "user:12/ss@host".
    # Not a path after a host ("host.example/x@y", "host.example:8443/x?e=a@b",
    # "localhost/a@b"): a host has a dot or is localhost, and its port is digits.
    host, colon, port = authority.partition(":")
    if colon and not (port.isascii() and port.isdigit()):
        return at
    return -1 if "." in host or host.lower() == "localhost" else at


def _mask_userinfo(text: str) -> str:
    out: list[str] = []
    position = 0
    token_end = _TOKEN_END()
    for lead in _LEAD().finditer(text):
        start = lead.end()
        if start < position:
            continue
        stop = token_end.search(text, start)
        token = text[start : stop.start() if stop else len(text)]
        at = _userinfo_end(token)
        if at <= 0:
            continue
        user, colon, password = token[:at].partition(":")
        if colon and not password:
            continue  # "user:@host": nothing to hide
        masked = f"{user}:{MASK}" if colon else MASK
        out.append(text[position:start] + masked)
        position = start + at
    out.append(text[position:])
    return "".join(out)


def _parameter(match: re.Match[str]) -> str:
    sep, name, value = match.groups()
    if name.lower() in SECRET_PARAMETERS and value:
        return f"{sep}{name}={MASK}"
    return match.group(0)


def redact(text: str) -> str:
    """``text`` with every URL credential in it masked (see the module docstring)."""
    if "@" in text:
        text = _mask_userinfo(text)
    if "=" in text:
        text = _PARAMETER().sub(_parameter, text)
    return text
