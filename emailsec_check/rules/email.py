"""Email address syntax and masking: the one rule every area applies.

An address is judged the way sign-on services judge it: one ``@``, an unquoted local
part of the usual characters (64 at most), and a domain that is a host name whose last
label is a real top-level domain (letters, or an ``xn--`` punycode label). ``identities``
and ``request`` both call :func:`syntax_problem`, so the same address gets the same verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from emailsec_check.rules.hostnames import is_dns_name
from emailsec_check.rules.text import lazy_pattern

__all__ = [
    "AddressSyntax",
    "Masker",
    "mask_address",
    "syntax_problem",
    "valid_domain",
]

_LOCAL_CHARS = frozenset("!#$%&'*+/=?^_`{|}~-.")
#: Most addresses: ASCII letters and digits in dot-separated runs, one @, a domain.
_COMMON_SHAPE = lazy_pattern(r"([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)@([^@]*)")


def valid_domain(domain: str) -> bool:
    """Two or more labels of letters, digits and inner hyphens; the last a real TLD shape."""
    domain = domain.lower()
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    return is_dns_name(domain, punycode_top=True)


def syntax_problem(address: str) -> str:
    """What is wrong with ``address`` as an email address; "" when nothing is."""
    text = address.strip()
    local, _, domain = text.partition("@")
    return (
        _shape_problem(text)
        or _local_problem(local)
        or ("is longer than 254 characters" if len(text) > 254 else "")
        or _domain_problem(domain)
    )


def _shape_problem(text: str) -> str:
    """One @ with something on both sides, and no spaces or control characters."""
    if not text:
        return "is empty"
    if "@" not in text:
        return "has no @"
    if text.count("@") > 1:
        return "has more than one @"
    for char in text:
        if char.isspace():
            return "contains a space" if char == " " else "contains a line break or tab"
        if not char.isprintable():
            return "contains a control character"
    if text.startswith("@"):
        return "has nothing before the @"
    if text.endswith("@"):
        return "has nothing after the @"
    return ""


def _local_problem(local: str) -> str:
    if local.startswith('"'):
        return "has a quoted local part, which sign-on services do not accept"
    bad = sorted({char for char in local if not (char.isalnum() or char in _LOCAL_CHARS)})
    if bad:
        return f"contains {' '.join(repr(char) for char in bad)} before the @"
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "has a dot at the start or end of the local part, or two dots in a row"
    if len(local) > 64:
        return "has more than 64 characters before the @"
    return ""


def _domain_problem(domain: str) -> str:
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


class AddressSyntax:
    """:func:`syntax_problem` answered quickly for many addresses, with their mail domains.

    A large export repeats a few hundred domains a million times: each domain is judged
    once (by :func:`syntax_problem` itself, on ``a@`` and the domain), and a local part of
    letters, digits and single inner dots needs no further look. Anything else goes
    through :func:`syntax_problem` in full, so the verdict is always that rule's.
    """

    __slots__ = ("_domains",)

    #: Distinct domains remembered (a file of random junk must not grow memory without end).
    REMEMBERED = 100_000

    def __init__(self) -> None:
        self._domains: dict[str, str] = {}

    def mail_domain(self, address: str) -> str:
        """The domain of ``address`` in lower case, or "" when it is not a valid address.

        ``address`` is taken as given: surrounding spaces make it invalid here, as an
        address must be stripped first.
        """
        return self.mail_domains((address,))[0]

    def mail_domains(self, addresses: Iterable[str]) -> list[str]:
        """:meth:`mail_domain` of each of ``addresses``, in one call for a long list."""
        known = self._domains
        common = _COMMON_SHAPE().fullmatch
        found: list[str] = []
        append = found.append
        for address in addresses:
            shape = common(address)
            if shape is None or shape.end(1) > 64 or len(address) > 254:
                append(self._uncommon(address))
                continue
            written = shape[2]
            domain = known.get(written)
            append(domain if domain is not None else self._judge(written))
        return found

    def _uncommon(self, address: str) -> str:
        """The full rule, for an address not of the common shape."""
        if address != address.strip() or syntax_problem(address):
            return ""
        return address.rpartition("@")[2].lower()

    def _judge(self, written: str) -> str:
        """A domain as written after the @: its lower case when valid, else ""."""
        domain = written.lower() if not syntax_problem("a@" + written) else ""
        if len(self._domains) < self.REMEMBERED:
            self._domains[written] = domain
        return domain


class Masker:
    """Masks addresses for one report so that people can still be told apart.

    ``jane.doe@acme.example`` becomes ``j***@acme.example#4f2a``: the tag is a keyed hash
    of the address as written, with a key drawn at random for this masker, so the same
    address always gets the same text here, another address gets another text (a clash
    of tags is resolved by a longer tag), and nothing links the tags of two reports.
    """

    __slots__ = ("_key", "_masked", "_owners")

    #: Hex digits of the tag, unless two addresses of the report need more.
    TAG_DIGITS = 4

    def __init__(self, key: Optional[bytes] = None) -> None:
        if key is None:
            import secrets  # only where addresses are masked (--redact)

            key = secrets.token_bytes(16)
        self._key = key
        #: Address as written (stripped) -> its masked text.
        self._masked: dict[str, str] = {}
        #: Masked text -> the address it stands for.
        self._owners: dict[str, str] = {}

    def mask(self, address: str) -> str:
        """The masked text of ``address`` (surrounding spaces do not count)."""
        text = address.strip()
        masked = self._masked.get(text)
        if masked is None:
            masked = self._new(text)
        return masked

    def _new(self, text: str) -> str:
        import hashlib

        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), key=self._key).hexdigest()
        base = mask_address(text)
        digits = self.TAG_DIGITS
        masked = f"{base}#{digest[:digits]}"
        while masked in self._owners and digits < len(digest):
            digits += 2
            masked = f"{base}#{digest[:digits]}"
        self._owners[masked] = text
        self._masked[text] = masked
        return masked
