"""The product's logins against the directory, once each, in the export's order.

Each login gets an ID006 fail (not an address) or an ID001 result (known or not),
then a result of every other per-login check it does not pass (ID002-ID005, ID008,
ID010); the valid logins' mail domains are counted for ID009. This loop runs a
million times for a large tenant, so it does the common case itself (a known
primary address: one look-up and one pass) and hands everything else to the
module of the check concerned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import count
from typing import Optional

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities import activation, known, leavers, names, several, syntax
from emailsec_check.checks.identities.context import Context
from emailsec_check.checks.identities.domains import DomainTally
from emailsec_check.model import Result, email_pass
from emailsec_check.rules.email import AddressSyntax

__all__ = ["match_logins"]


def match_logins(ctx: Context) -> dict[str, DomainTally]:
    """Append every login's results to ``ctx.results``; the mail domains of valid logins."""
    directory, logins = ctx.directory, ctx.logins
    append, extend = ctx.results.append, ctx.results.extend
    secondary_get = directory.secondary.get
    addresses, flags, claimed = directory.addresses, directory.flags, ctx.claimed
    pending = logins.pending if ctx.rules.activation_days > 0 else {}
    # Traits of a person that some per-login check looks at (most people have none).
    watched = leavers.DISABLED | (names.NAMES_MISSING if names.applies(ctx) else 0)
    show, redact, line = ctx.show, ctx.options.redact, logins.line
    check, message = cat.KNOWN, known.KNOWN_MESSAGE
    primary_get = directory.primary.get
    # The person by sign-in address, for all rows at once. The index is in lower case, so
    # a login found as written is the one its lower case would find: most logins are, and
    # need no lower-case copy.
    texts = list(map(str.strip, logins.cells))
    domains = AddressSyntax().mail_domains(texts)  # every row at once, in C where it can be
    rows = zip(count(), logins.cells, texts, domains, map(primary_get, texts))
    for index, cell, text, domain, number in rows:
        if not domain:
            append(syntax.invalid(ctx, cell, line(index)))
            continue
        if redact:
            subject, email = show(text), show(cell)
        else:
            subject, email = text, cell
        if number is None:  # not as written: in lower case, or as another address
            low = text.lower()
            number = primary_get(low) if low != text else None
        if number is None:
            number = secondary_get(low)
            if number is None:
                append(known.unknown(ctx, subject, email, line(index), low))
                continue
            extend(known.secondary(ctx, subject, email, line(index), low, number))
        else:
            append(email_pass(check, subject, message, email))
            if addresses[number] != text:
                append(known.letter_case(ctx, subject, email, line(index), number))
        if flags[number] & watched:
            extend(_person(ctx, subject, email, line(index), flags[number]))
        first = claimed[number]
        if first is None:
            claimed[number] = cell
        else:
            extend(several.another_login(ctx, subject, email, line(index), number, first, cell))
        if index in pending:
            _pending(ctx, subject, email, index)
    return _tallies(domains, logins.cells, show)


def _tallies(
    domains: list[str], cells: list[str], show: Callable[[str], str]
) -> dict[str, DomainTally]:
    """Each mail domain's number of valid logins and its first login (as shown)."""
    counts = Counter(domains)  # in the order each domain first comes
    counts.pop("", None)  # the logins that are not addresses
    tallies: dict[str, DomainTally] = {}
    at = 0
    for domain, number in counts.items():
        at = domains.index(domain, at)  # its first row: after the previous domain's first
        tallies[domain] = DomainTally(number, show(cells[at]))
    return tallies


def _person(ctx: Context, subject: str, email: str, line: Optional[int], bits: int) -> list[Result]:
    """ID005 and ID010 for a login whose person has one of the watched traits."""
    found = []
    missing = names.missing_names(bits) if names.applies(ctx) else []
    if missing:
        found.append(names.names_result(subject, email, line, missing))
    if bits & leavers.DISABLED:
        found.append(leavers.disabled_result(ctx, subject, email, line))
    return found


def _pending(ctx: Context, subject: str, email: str, index: int) -> None:
    since = ctx.logins.pending[index]
    if since is None:
        ctx.undated += 1
    else:
        ctx.results.append(
            activation.pending_result(ctx, subject, email, ctx.logins.line(index), since)
        )
