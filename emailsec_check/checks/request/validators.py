"""The validator table: a field's kind picks its check (one hop from an RQ id to its code).

=====================  =====  =========================================
field kind             check  code
=====================  =====  =========================================
(any, a placeholder)   RQ002  :func:`is_placeholder` below
text                   RQ001  ``values.check_text``
email                  RQ003  ``values.check_email``
order_number           RQ004  ``values.check_order_number``
datetime               RQ005  ``when.check_date_time``
url                    RQ006  ``portal.check_url``
browser                RQ007  ``browser.check_browser``
product                RQ008  ``values.check_product``
name                   RQ009  ``values.check_person``
=====================  =====  =========================================

A check's module is imported when a field of its kind is first checked: a licensing
request has no URL or browser field, and its run loads neither those checks nor the
date reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Callable, Final

from emailsec_check.catalogue import request as rq
from emailsec_check.model import CheckInfo, Status
from emailsec_check.profiles import RequestField
from emailsec_check.record import Record
from emailsec_check.rules.text import lazy_pattern

from .findings import MAX_SHORT_VALUE, Context, FieldKind, Finding, fix, shown

__all__ = ["VALIDATORS", "Validator", "assess_value", "is_placeholder"]


class Validator(Record):
    """The check a field kind gets, what a value of it is called, and where its code is."""

    __slots__ = ("check", "what", "code")

    check: Final[CheckInfo]
    what: Final[str]
    #: ``module.function`` within this package, as the table above names it.
    code: Final[str]

    def __init__(self, check: CheckInfo, what: str, code: str) -> None:
        self.check = check
        self.what = what
        self.code = code

    def run(self, item: RequestField, text: str, ctx: Context) -> Finding:
        """The check itself, on one value."""
        return _function(self.code)(item, text, ctx)


def _function(code: str) -> Callable[[RequestField, str, Context], Finding]:
    """The check function ``module.function`` names, its module imported on first use."""
    module, _, name = code.partition(".")
    function: Callable[[RequestField, str, Context], Finding]
    function = getattr(import_module(f"{__package__}.{module}"), name)
    return function


VALIDATORS: Mapping[FieldKind, Validator] = {
    FieldKind.TEXT: Validator(rq.FILLED, "text", "values.check_text"),
    FieldKind.EMAIL: Validator(rq.EMAIL, "an email address", "values.check_email"),
    FieldKind.ORDER_NUMBER: Validator(
        rq.ORDER_NUMBER, "an order number", "values.check_order_number"
    ),
    FieldKind.DATETIME: Validator(rq.DATETIME, "a date and time", "when.check_date_time"),
    FieldKind.URL: Validator(rq.PORTAL_URL, "a web address", "portal.check_url"),
    FieldKind.BROWSER: Validator(rq.BROWSER, "a browser and its version", "browser.check_browser"),
    FieldKind.PRODUCT: Validator(rq.PRODUCT, "a product name", "values.check_product"),
    FieldKind.NAME: Validator(rq.PERSON_NAME, "a person's name", "values.check_person"),
}

_PLACEHOLDER_WORDS = frozenset(
    {
        "tbd", "tba", "tbc", "na", "n/a", "n.a", "none", "null", "nil", "unknown", "todo",
        "to do", "fixme", "pending", "to be confirmed", "to be determined", "to be announced",
        "not sure", "not known", "unsure", "dont know", "don't know", "see above",
        "same as above", "lorem ipsum", "placeholder", "changeme", "change me", "asdf",
        "sample", "example", "test", "value", "xyz", "abc",
    }
)  # fmt: skip
# Shapes of the folded text that hold a place; each is compiled only for a text that
# starts or ends the way it must (most values never need one).
_BRACKETED = lazy_pattern(r"^(?:<[^<>@/.]*>|\[[^\[\]@/.]*\]|\{\{?[^{}@/.]*\}?\})$")  # <order no>
#: The words an instruction left in a template starts with ("Enter your email").
_INSTRUCTION_WORDS = (
    "please", "enter", "insert", "type", "add", "put", "fill", "write", "provide", "paste",
)  # fmt: skip
_INSTRUCTION = lazy_pattern(
    r"^(?:please\s+)?(?:enter|insert|type|add|put|fill\s*in|write|provide|paste)\b.{0,50}$"
)  # enter your email
_HERE = lazy_pattern(r"^(?:your|the|customer'?s?|user'?s?|company)\b.{0,40}\bhere$")  # name here
_YOUR = lazy_pattern(r"^your\s+\S+(?:\s+\S+){0,3}$")  # your name, your email address
_DIGITS = "0123456789"
#: What may stand between the x's of a crossed-out value: xxx, XXXX-XXXX, xxx@xxx.xx.
_CROSSED_OUT = frozenset("x ./@#-")


def is_placeholder(text: str) -> bool:
    """RQ002: what people type to fill a gap (TBD, n/a, xxx, <order number>, 12345 ...)."""
    lowered = " ".join(text.casefold().split())
    if not lowered:
        return False
    if lowered.strip(" .!'\"") in _PLACEHOLDER_WORDS:
        return True
    if not any(char.isalnum() for char in lowered):
        return True  # only punctuation: -, ?, ..., ***
    if lowered[0] == "x" and lowered[-1] == "x" and _CROSSED_OUT.issuperset(lowered):
        return True  # xxx, XXXX-XXXX, xxx@xxx.xx
    if len(lowered) >= 4 and lowered[0] in _DIGITS and lowered == lowered[0] * len(lowered):
        return True  # 0000, 11111111
    if len(lowered) >= 5 and ("1234567890".startswith(lowered) or _DIGITS.startswith(lowered)):
        return True  # 12345
    return (
        (lowered[0] in "<[{" and _BRACKETED().match(lowered) is not None)
        or (lowered.startswith(_INSTRUCTION_WORDS) and _INSTRUCTION().match(lowered) is not None)
        or (lowered.endswith("here") and _HERE().match(lowered) is not None)
        or (lowered.startswith("your") and _YOUR().match(lowered) is not None)
    )


def _shape_problem(item: RequestField, text: str, validator: Validator) -> Finding | None:
    """A short value that is far too long or runs over several lines: a fail before its check."""
    what = validator.what
    if len(text) > MAX_SHORT_VALUE:
        return Finding(
            validator.check,
            Status.FAIL,
            f"is {len(text):,} characters, too long to be {what}",
            fix(f"Give {what} alone; put any story in the details.", item),
        )
    if "\n" in text:
        lines = text.split("\n")
        return Finding(
            validator.check,
            Status.FAIL,
            f"runs over {len(lines)} lines (the second: {shown(lines[1].strip(), 40)}); "
            f"it should be {what} alone",
            fix(
                "Keep the value on one line; if the next line is a field of its own, give it "
                "its label, and put other text in the details.",
                item,
            ),
        )
    return None


def assess_value(item: RequestField, value: str, ctx: Context) -> Finding:
    """One field's value: a placeholder (RQ002), else the check its kind picks."""
    text = value.strip()
    if is_placeholder(text):
        return Finding(
            rq.PLACEHOLDER,
            Status.FAIL,
            f"holds a placeholder, not a value: {shown(text)}",
            fix("Put the real value in; find it out before opening the case.", item),
        )
    kind = FieldKind(item.kind)
    validator = VALIDATORS[kind]
    if kind is not FieldKind.TEXT:
        problem = _shape_problem(item, text, validator)
        if problem is not None:
            return problem
    return validator.run(item, text, ctx)
