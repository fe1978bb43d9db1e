"""Reading a URL or host as a browser's address bar would: the one URL parser of the tool.

``parse_url`` (scheme optional, https assumed; user information, port, path kept apart;
the host normalised: letter case, one trailing dot, international names), ``host_of``,
and the small facts about host names (``registrable_domain``, IP literals, valid names).
Pure functions of text: nothing here knows the products (``rules.hosts`` does).
"""

from __future__ import annotations

import ipaddress
import unicodedata
from functools import lru_cache
from typing import Final, Optional
from urllib.parse import unquote, urlsplit

from emailsec_check.record import Record
from emailsec_check.rules.hostnames import is_dns_label
from emailsec_check.rules.text import lazy_pattern

__all__ = [
    "MAX_URL_LENGTH",
    "ParsedURL",
    "distance",
    "host_of",
    "is_hostname",
    "is_ip",
    "normalise_host",
    "parse_url",
    "registrable_domain",
    "skeleton",
]

MAX_URL_LENGTH = 4096
#: Schemes a browser takes somewhere other than a web page (``javascript:``, ``mailto:`` ...).
_OTHER_SCHEMES = frozenset(
    {"javascript", "data", "file", "ftp", "mailto", "vbscript", "about", "blob", "ws", "wss"}
)
_WEB_SCHEMES = ("http", "https")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


class ParsedURL(Record):
    """The parts of a URL that matter here, host already normalised."""

    __slots__ = ("text", "scheme", "scheme_given", "host", "port", "userinfo", "rest")

    text: Final[str]
    scheme: Final[str]
    scheme_given: Final[bool]
    host: Final[str]
    port: Final[Optional[int]]
    userinfo: Final[str]
    rest: Final[str]

    def __init__(
        self,
        text: str,
        scheme: str,
        scheme_given: bool,
        host: str,
        port: Optional[int],
        userinfo: str,
        rest: str,
    ) -> None:
        self.text = text
        self.scheme = scheme
        self.scheme_given = scheme_given
        self.host = host
        self.port = port
        self.userinfo = userinfo
        self.rest = rest


# --------------------------------------------------------------------------- parsing


def parse_url(text: str) -> ParsedURL:
    """Parse like a browser's address bar would; ValueError says why it cannot be used.

    The reason never repeats the URL's user information (a password may be in it).
    """
    raw = text.strip()
    if not raw:
        raise ValueError("empty URL")
    if len(raw) > MAX_URL_LENGTH:
        raise ValueError(f"longer than {MAX_URL_LENGTH} characters")
    if _has_unshowable(raw):
        raise ValueError("contains spaces or control characters")
    candidate, scheme_given = _with_scheme(raw)
    try:
        parts = urlsplit(candidate)
    except ValueError as error:
        # urllib's own words repeat the whole address part, password and all.
        raise ValueError(_urllib_reason(error)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"scheme {scheme!r} is not a web address")
    userinfo, _, hostport = parts.netloc.rpartition("@")
    host, port = _host_and_port(hostport)
    rest = unquote(parts.path + ("?" + parts.query if parts.query else ""))
    if parts.fragment:
        rest += "#" + unquote(parts.fragment)
    return ParsedURL(raw, scheme, scheme_given, host, port, unquote(userinfo), rest)


def _has_unshowable(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp") for char in text)


def _with_scheme(raw: str) -> tuple[str, bool]:
    """The text with a web scheme in front (https when none was typed), and whether one was."""
    # Browsers read a backslash as a slash in web URLs: "a.example\@b.example" goes to a.example.
    candidate = raw.replace("\\", "/")
    before, colon, after = candidate.partition(":")
    if colon and before.casefold() in _OTHER_SCHEMES:
        raise ValueError(f"scheme {before.lower()!r} is not a web address")
    if colon and before.casefold() in _WEB_SCHEMES:
        # Browsers forgive the slashes after a web scheme: "https:/host" and "https:host".
        candidate = f"{before}://{after.lstrip('/')}"
    if candidate.startswith("//"):
        return "https:" + candidate, False
    if not _has_scheme(candidate):
        return "https://" + candidate, False
    return candidate, True


def _has_scheme(text: str) -> bool:
    """Whether ``text`` starts with a scheme and ``://`` (``https://``, ``svn+ssh://``)."""
    scheme, separator, _ = text.partition("://")
    first = scheme[:1]
    return (
        bool(separator) and first.isascii() and first.isalpha() and _SCHEME_CHARS.issuperset(scheme)
    )


def _urllib_reason(error: ValueError) -> str:
    words = str(error)
    if "NFKC" in words:
        return "not a URL (the address part has characters that turn into others under NFKC)"
    if "IPv6" in words or "[" in words or "]" in words:
        return "not a URL (the address part has a malformed [IPv6] address)"
    return "not a URL (the address part cannot be read)"


def _host_and_port(hostport: str) -> tuple[str, Optional[int]]:
    """The normalised host and the port of ``host[:port]``; ValueError if unusable."""
    host, port = _split_port(hostport)
    host = normalise_host(host)
    if _has_unshowable(host):
        raise ValueError("the host name contains spaces or control characters")
    if not hostport.startswith("[") and "" in host.split("."):
        raise ValueError("the host name has an empty label (two dots in a row, or a leading dot)")
    return host, port


def _split_port(hostport: str) -> tuple[str, Optional[int]]:
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise ValueError("unclosed [ in the host")
        host, tail = hostport[1:end], hostport[end + 1 :]
        port_text = tail[1:] if tail.startswith(":") else ""
        if tail and not tail.startswith(":"):
            raise ValueError("junk after the address")
    else:
        host, sep, port_text = hostport.partition(":")
        if not sep:
            port_text = ""
    if not host:
        raise ValueError("no host name")
    if port_text == "":
        return host, None
    # ASCII digits only: str.isdigit() also takes "²" and Arabic-Indic digits.
    number = int(port_text) if port_text.isascii() and port_text.isdigit() else 0
    if len(port_text) > 5 or not 0 < number < 65536:
        raise ValueError(f"port {port_text[:12]!r} is not a number from 1 to 65535")
    return host, number


def host_of(url_or_host: str) -> Optional[str]:
    """The normalised host of a URL or bare host name (no scheme means https), or ``None``.

    For callers that only need the host (``status --url``, a request's portal URL):
    the same parsing and normalisation the vendor-host verdicts use.
    """
    try:
        return parse_url(url_or_host).host
    except ValueError:
        return None


def normalise_host(host: str) -> str:
    # Browsers map full-width and ideographic dots to ".", then apply NFKC and lower case.
    host = host.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    host = unicodedata.normalize("NFKC", host).lower()
    if host.endswith(".") and not host.endswith(".."):
        host = host[:-1]
    return host


# --------------------------------------------------------------------------- look-alikes

# Characters people and fonts confuse with Latin letters (and with each other).
_CONFUSABLE = str.maketrans(
    {
        "0": "o", "1": "i", "l": "i", "|": "i", "!": "i", "3": "e", "5": "s", "$": "s", "@": "a",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
        "і": "i", "ј": "j", "ԁ": "d", "һ": "h", "ӏ": "i", "ԛ": "q", "ԝ": "w", "к": "k",
        "м": "m", "т": "t", "в": "b", "н": "h", "ο": "o", "α": "a", "ν": "v", "ρ": "p",
        "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x", "ε": "e", "ı": "i", "ɡ": "g",
        "ɑ": "a", "ᴄ": "c", "ʟ": "i", "ꞁ": "i", "_": "-",
    }
)  # fmt: skip
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("nn", "m"))


@lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """A form in which look-alike spellings of one name become equal."""
    decoded = ".".join(_decode_label(label) for label in text.split("."))
    folded = unicodedata.normalize("NFKD", decoded.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    plain = plain.translate(_CONFUSABLE)
    for many, one in _MULTI:
        plain = plain.replace(many, one)
    return plain


def _decode_label(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return label
    return label


def distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance, giving up (limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "ac", "gov", "edu", "ne", "or"})


def registrable_domain(host: str) -> str:
    """The name a vendor registers: ``cisco.com``, ``mimecast.co.za`` (a small rule, no list)."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# A browser reads a host whose last label is a number (2130706433, 0x7f.1) as IPv4.
_NUMERIC_LABEL = lazy_pattern(r"^(0x[0-9a-f]*|[0-9]+)$")


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(_NUMERIC_LABEL().match(host.rsplit(".", 1)[-1]))
    return True


def is_hostname(host: str) -> bool:
    """Whether a browser could look ``host`` up (international names by their ASCII form;
    underscores allowed in labels, as browsers and DNS accept them in practice)."""
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return len(ascii_host) <= 253 and all(
        is_dns_label(label, underscore=True) for label in ascii_host.split(".")
    )
