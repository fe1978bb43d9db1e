"""Checks of short values: text (RQ001), email address (RQ003), order number (RQ004),
product name (RQ008) and a person's name (RQ009)."""

from __future__ import annotations

import re
from typing import Any

from emailsec_check.catalogue import request as rq
from emailsec_check.model import Status
from emailsec_check.profiles import RequestField
from emailsec_check.rules.email import syntax_problem
from emailsec_check.rules.suggest import did_you_mean
from emailsec_check.rules.text import lazy_pattern, word_char, words
from emailsec_check.sources.request.document import compact

from .findings import Context, Finding, fix, shown

__all__ = ["check_email", "check_order_number", "check_person", "check_product", "check_text"]


def check_text(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ001 for free text: filled in is all it needs to be."""
    lines = text.count("\n") + 1
    said = f"{lines} lines" if lines > 1 else shown(text)
    return Finding(rq.FILLED, Status.PASS, f"filled in: {said}")


_NAMED = lazy_pattern(r"[^<>]*<([^<>]*)>")
_EMAIL_GENERAL = "Give one address, like jane.doe@acme.example."


def _unwrap(text: str) -> tuple[str, list[str]]:
    """The bare address in 'mailto:' or 'Jane Doe <jane@acme.example>', and what was set aside."""
    address, set_aside = text, []
    if address.casefold().startswith("mailto:"):
        address, set_aside = address[7:].strip(), ["the mailto: prefix"]
    named = _NAMED().fullmatch(address) if "<" in address else None
    if named:
        address = named.group(1).strip()
        set_aside.append("the display name")
    return address, set_aside


def check_email(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ003: one address, judged by the same rule as the identities area (rules.email)."""
    address, set_aside = _unwrap(text)
    parts = address.replace(",", " ").replace(";", " ").split()
    if len(parts) > 1 and sum("@" in part for part in parts) > 1:
        return Finding(
            rq.EMAIL,
            Status.FAIL,
            "holds several addresses",
            fix("Keep one address here and name the others in the details.", item),
        )
    problem = syntax_problem(address)
    if problem:
        return Finding(
            rq.EMAIL,
            Status.FAIL,
            f"{shown(address)} is not an email address: it {problem}",
            fix("Copy the address from a mail you received from it.", item, _EMAIL_GENERAL),
        )
    aside = f" ({' and '.join(set_aside)} set aside)" if set_aside else ""
    return Finding(rq.EMAIL, Status.PASS, f"{address}{aside}", value=address)


_ORDER = lazy_pattern(r"#?\s*([0-9](?:[0-9 -]*[0-9])?)")
_SEVERAL_ORDERS = lazy_pattern(r"[#0-9 -]+(?:\s*(?:[,;/&+]|\band\b)\s*[#0-9 -]+)+", re.I)


def check_order_number(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ004: digits, with the spaces, dashes and # that copying adds tolerated."""
    match = _ORDER().fullmatch(text)
    if match:
        digits = match.group(1).replace(" ", "").replace("-", "")
        if digits == text:
            return Finding(rq.ORDER_NUMBER, Status.PASS, digits, value=digits)
        return Finding(
            rq.ORDER_NUMBER,
            Status.PASS,
            f"{digits} (read from {shown(text)})",
            value=digits,
            data={"normalised": digits},
        )
    if _SEVERAL_ORDERS().fullmatch(text):
        return Finding(
            rq.ORDER_NUMBER,
            Status.FAIL,
            f"holds several order numbers: {shown(text)}",
            fix("Give one order number here and name the others in the details.", item),
        )
    others = sorted({c for c in text if c not in "0123456789 -#"})
    listed = " ".join(shown(c, 3) for c in others[:8])
    return Finding(
        rq.ORDER_NUMBER,
        Status.FAIL,
        f"{shown(text)} is not an order number: it has characters other than digits ({listed})",
        fix("Write the order number with digits only.", item),
    )


def check_product(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ008: a product name the field or the profiles know, or one containing it."""
    known = list(dict.fromkeys([*item.choices, *(profile.name for profile in ctx.rules.profiles)]))
    exact = next((name for name in known if compact(name) == compact(text)), None)
    if exact is not None:
        return Finding(rq.PRODUCT, Status.PASS, exact)
    lowered = text.casefold()
    inside = [name for name in known if _stands_in(name.casefold(), lowered)]
    if inside:
        return Finding(rq.PRODUCT, Status.PASS, f"{shown(text)}: a form of {max(inside, key=len)}")
    suggestion = did_you_mean(text, known)
    data: dict[str, Any] = {"suggestion": suggestion}
    told = (
        f"Did you mean '{suggestion}'?" if suggestion else f"Known names: {', '.join(known[:8])}."
    )
    return Finding(
        rq.PRODUCT,
        Status.HINT,
        f"{shown(text)} is not a product name we know",
        fix(told, item),
        data=data,
    )


def _stands_in(name: str, text: str) -> bool:
    """Whether ``name`` is in ``text`` as whole words: no letter, digit or _ touching it."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if not word_char(text[start - 1 : start]) and not word_char(text[end : end + 1]):
            return True
        start = text.find(name, start + 1)
    return False


def _name_problem(text: str) -> tuple[str, str]:
    """(what is wrong, what to do) with a person's name; ("", "") when nothing is."""
    if "@" in text:
        return "looks like an email address, not a name", "Give the name, not the address."
    if any(char.isdigit() for char in text):
        return "has digits in it", "Take the digits out."
    if len(words(text)) < 2:
        return "gives one name only", "Add the other name."
    return "", ""


def check_person(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ009: a person's first and last name."""
    problem, specific = _name_problem(text)
    if problem:
        return Finding(
            rq.PERSON_NAME,
            Status.HINT,
            f"{shown(text)} {problem}",
            fix(specific, item, "Give the person's first and last name."),
        )
    return Finding(rq.PERSON_NAME, Status.PASS, text)
