"""RQ013: a password, token or cookie in a support request, found and masked.

A support desk never needs a credential, and a case is read by many people and kept for
years. A request line is a secret when its **label** names one (in the languages people
write requests in: Password, PW, Login/PW, Passwort, Kennwort, Mot de passe, Contraseña,
Credentials, Secret, API key, Token, Authorization, Cookie ...) or its **value** looks
like one: an ``Authorization`` header value (``Bearer …``, ``Basic …``), a JSON Web Token,
a well-known token format, ``user:password`` on a line of its own, ``password=…`` inside
text, or a URL credential (what :func:`emailsec_check.rules.redact.redact` masks).

:func:`mask_secrets` is the masking, :func:`secret_label` the label rule; a value holds a
secret exactly when masking changes it, so finding and hiding can never disagree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from emailsec_check.rules.redact import MASK, redact
from emailsec_check.rules.text import lazy_pattern

__all__ = ["mask_secrets", "secret_label", "shown_label"]

#: Words that make a label a credential's label (accents folded, lower case).
_SECRET_WORDS = frozenset(
    {
        "password", "passwords", "passwd", "pwd", "pw", "passphrase", "passcode", "pin",
        "otp", "passwort", "kennwort", "contrasena", "senha", "wachtwoord", "haslo",
        "credential", "credentials", "secret", "secrets", "token", "tokens", "apikey",
        "authorization", "authorisation", "cookie", "cookies", "bearer",
    }
)  # fmt: skip
#: Phrases of two or three words that do the same.
_SECRET_PHRASES = (
    ("mot", "de", "passe"), ("api", "key"), ("private", "key"), ("secret", "key"),
    ("access", "key"), ("session", "id"), ("client", "secret"),
)  # fmt: skip


_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return "".join(char if char in _ASCII_ALNUM else " " for char in plain).split()


@lru_cache(maxsize=4096)
def secret_label(label: str) -> bool:
    """Whether a label names a password, token, key or cookie."""
    words = _words(label)
    if any(word in _SECRET_WORDS for word in words):
        return True
    joined = " " + " ".join(words) + " "
    return any(" " + " ".join(phrase) + " " in joined for phrase in _SECRET_PHRASES)


#: Other words a credential's label is made of ("Admin password", "Login/PW").
_LABEL_WORDS = frozenset(
    {
        "login", "user", "username", "admin", "administrator", "my", "our", "the", "your",
        "session", "client", "access", "private", "key", "api", "id", "de", "mot", "passe",
        "web", "portal", "console", "account", "cisco", "mimecast", "com", "and", "or", "new",
        "old", "temporary", "refresh", "auth", "header", "set", "for", "of",
    }
)  # fmt: skip


def shown_label(label: str) -> str:
    """A credential's label as it may be shown: as written when it is made of words only
    (``Admin password``), else just the word that names the credential (``password``), so
    a secret typed into the label itself is never shown."""
    words = _words(label)
    if all(word in _SECRET_WORDS or word in _LABEL_WORDS for word in words):
        return label
    return next((word for word in words if word in _SECRET_WORDS), "credential")


# "Authorization: Bearer abc…": the scheme stays, the credential goes. A credential has a
# digit or a symbol in it, which keeps "Basic licensing" or "Bearer authentication" alone.
_AUTH_SCHEME = lazy_pattern(
    r"\b(bearer|basic|token|negotiate|digest)(\s+)([A-Za-z0-9._~+/-]{8,}=*)", re.IGNORECASE
)
_JWT = lazy_pattern(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)?")
_TOKEN_FORMATS = lazy_pattern(
    r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}"
    r"|sk-[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|glpat-[A-Za-z0-9_-]{20,})"
)
_INLINE_WORDS = (
    r"passwords?|passwd|pwd|pw|passphrase|passcode|passwort|kennwort|contrase(?:ñ|n)a"
    r"|mot\s+de\s+passe|secret|client[_ -]?secret|token|access[_ -]?token|api[_ -]?key"
    r"|authori[sz]ation|cookie|credentials?"
)
#: A word of _INLINE_WORDS holds one of these (lower case).
_INLINE_NEEDS = (
    "pass", "pw", "kennwort", "contrase", "secret", "token", "api", "author", "cookie",
    "credential",
)  # fmt: skip
# "password: hunter2" or "token=abc" inside a longer text: the rest of that line goes.
_INLINE = lazy_pattern(rf"\b({_INLINE_WORDS})(\s*[:=]\s*)(\S[^\n]*)", re.IGNORECASE)
# "jdoe:S3cret!" alone on a line: a user name (or address), a colon, a password with
# something other than letters in it (so "Status:Activated" is left alone). Such a line is
# short: longer lines are not looked at, which keeps the work linear in the text.
_USER_PASSWORD = lazy_pattern(r"\s*([A-Za-z][\w.+-]{0,63}(?:@[\w.-]{1,253})?):(?!//)(\S{1,200})\s*")
_SHORT_LINE = 300


def _scheme(match: re.Match[str]) -> str:
    scheme, space, credential = match.groups()
    if credential.isalpha():
        return match.group(0)
    return f"{scheme}{space}{MASK}"


def _keep_first(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2)}{MASK}"


#: "mailto:jane@acme.example", "javascript:alert(1)": a scheme and its address, not a login.
_SCHEMES = frozenset(
    {"mailto", "javascript", "tel", "sip", "http", "https", "ftp", "file", "data", "urn", "news"}
)


def _user_password_line(line: str) -> str:
    found = _USER_PASSWORD().fullmatch(line) if len(line) <= _SHORT_LINE else None
    if found is None:
        return line
    user, password = found.groups()
    if password.isalpha() or password.isdigit() or user.casefold() in _SCHEMES:
        return line
    return line[: found.start(2)] + MASK + line[found.end(2) :]


def _user_passwords(text: str) -> str:
    if ":" not in text:
        return text
    return "\n".join(_user_password_line(line) for line in text.split("\n"))


# Each step: words one of which its pattern cannot match without (in the lower-cased
# text), the pattern, and what a match becomes. Most values hold none of the words, so
# their patterns are not even compiled.
_Step = tuple[tuple[str, ...], Callable[[], re.Pattern[str]], Callable[[re.Match[str]], str]]
_STEPS: tuple[_Step, ...] = (
    (("bearer", "basic", "token", "negotiate", "digest"), _AUTH_SCHEME, _scheme),
    (("eyj",), _JWT, lambda match: MASK),
    (("gh", "github_pat_", "xox", "sk-", "akia", "glpat-"), _TOKEN_FORMATS, lambda match: MASK),
    (_INLINE_NEEDS, _INLINE, _keep_first),
)


# Words holding an "@" or "=", the only ones the redactor changes (tried at word starts only).
_WORD = lazy_pattern(r"(?<!\S)\S*[@=]\S*")


def _redact_word(match: re.Match[str]) -> str:
    word = match.group()
    # "mailto:jane@acme.example" is an address, not a user and password.
    return word if word[:7].casefold() == "mailto:" else redact(word)


def mask_secrets(text: str) -> str:
    """``text`` with every credential in it replaced by ``***`` (see the module docstring)."""
    masked = _WORD().sub(_redact_word, text) if "@" in text or "=" in text else text
    lowered = masked.lower()
    for words, pattern, replace in _STEPS:
        if any(word in lowered for word in words):
            masked = pattern().sub(replace, masked)
            lowered = masked.lower()
    return _user_passwords(masked)
