"""What a request check finds about one value, and the few helpers every check uses."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any, Final, Optional

from emailsec_check.model import CheckInfo, Status
from emailsec_check.profiles import Profile, RequestField, RequestKind
from emailsec_check.record import Record
from emailsec_check.rules.hosts import HostRules
from emailsec_check.rules.redact import redact
from emailsec_check.rules.text import visible

__all__ = ["MAX_SHORT_VALUE", "Context", "FieldKind", "Finding", "fix", "shown"]

#: Longer than this, a value cannot be an address, a number, a date or a name (and the
#: checks never spend time on a megabyte of text).
MAX_SHORT_VALUE = 300


class FieldKind(str, Enum):
    """What a request field holds (a profile's ``kind = ...``): it picks the field's check.

    Profiles are validated against ``profiles.FIELD_KINDS``; a test keeps the two equal.
    """

    TEXT = "text"
    EMAIL = "email"
    ORDER_NUMBER = "order_number"
    DATETIME = "datetime"
    URL = "url"
    BROWSER = "browser"
    PRODUCT = "product"
    NAME = "name"


class Finding(Record):
    """What one check found about one field's value."""

    __slots__ = ("check", "status", "message", "hint", "value", "data")

    check: Final[CheckInfo]
    status: Final[Status]
    message: Final[str]
    hint: Final[str]
    #: The value as --render writes it (None: as given).
    value: Final[Optional[str]]
    data: Final[Mapping[str, Any]]

    def __init__(
        self,
        check: CheckInfo,
        status: Status,
        message: str,
        hint: str = "",
        value: Optional[str] = None,
        data: Mapping[str, Any] = MappingProxyType({}),
    ) -> None:
        self.check = check
        self.status = status
        self.message = message
        self.hint = hint
        self.value = value
        self.data = data


class Context(Record):
    """What the value checks may consult: the kind, the host rules, the kind's product."""

    __slots__ = ("kind", "rules", "profile")

    kind: Final[RequestKind]
    rules: Final[HostRules]
    profile: Final[Optional[Profile]]

    def __init__(self, kind: RequestKind, rules: HostRules, profile: Optional[Profile]) -> None:
        self.kind = kind
        self.rules = rules
        self.profile = profile


def fix(specific: str, item: Optional[RequestField] = None, general: str = "") -> str:
    """A hint said once: what to do about this problem, then how the field is filled in.

    The field's own advice from its profile replaces the check's ``general`` advice, so
    a hint never says the same thing twice in two wordings.
    """
    advice = item.advice.strip() if item is not None and item.advice.strip() else general
    return " ".join(part for part in (specific.strip(), advice.strip()) if part)


def shown(value: str, limit: int = 60) -> str:
    """A value quoted for a message: secrets masked, shortened, nothing a terminal acts on."""
    text = redact(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"'{visible(text)}'"
