"""The product's logins against the directory, once each, in the export's order.

Each login gets an ID006 fail (not an address) or an ID001 result (known or not),
then a result of every other per-login check it does not pass (ID002-ID005, ID008,
ID010); the valid logins' mail domains are counted for ID009. This loop runs a
million times for a large tenant, so it does the common case itself (a known
primary address: one look-up and one pass) and hands everything else to the
module of the check concerned.
"""

from __future__ import annotations

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities import activation, known, names, several, syntax
from emailsec_check.checks.identities.context import Context
from emailsec_check.checks.identities.domains import DomainTally
from emailsec_check.model import Result, Status
from emailsec_check.rules.email import AddressSyntax

__all__ = ["match_logins"]


def match_logins(ctx: Context) -> dict[str, DomainTally]:
    """Append every login's results to ``ctx.results``; the mail domains of valid logins."""
    directory, logins = ctx.directory, ctx.logins
    results = ctx.results
    append, extend = results.append, results.extend
    primary_get, secondary_get = directory.primary.get, directory.secondary.get
    addresses, flags, claimed = directory.addresses, directory.flags, ctx.claimed
    pending = logins.pending if ctx.rules.activation_days > 0 else {}
    names_mask = names.NAMES_MISSING if names.applies(ctx) else 0
    mail_domain = AddressSyntax().mail_domain
    domains: dict[str, DomainTally] = {}
    show = ctx.show
    redact = ctx.options.redact
    line = logins.line
    check, status, message = cat.KNOWN, Status.PASS, known.KNOWN_MESSAGE
    for index, cell in enumerate(logins.cells):
        text = cell.strip()
        domain = mail_domain(text)
        if not domain:
            append(syntax.invalid(ctx, cell, line(index)))
            continue
        subject, email = (show(text), show(cell)) if redact else (text, cell)
        tally = domains.get(domain)
        if tally is None:
            domains[domain] = DomainTally(1, email)
        else:
            tally.logins += 1
        low = text.lower()
        number = primary_get(low)
        if number is None:
            number = secondary_get(low)
            if number is None:
                append(known.unknown(ctx, subject, email, line(index), low))
                continue
            extend(known.secondary(ctx, subject, email, line(index), low, number))
        else:
            append(Result(check, subject, status, message, None, {"email": email}))
            if addresses[number] != text:
                append(known.letter_case(ctx, subject, email, line(index), number))
        if flags[number] & names_mask:
            missing = names.missing_names(flags[number])
            if missing:
                append(names.names_result(subject, email, line(index), missing))
        first = claimed[number]
        if first is None:
            claimed[number] = cell
        else:
            extend(several.another_login(ctx, subject, email, line(index), number, first, cell))
        if index in pending:
            _pending(ctx, subject, email, index)
    return domains


def _pending(ctx: Context, subject: str, email: str, index: int) -> None:
    since = ctx.logins.pending[index]
    if since is None:
        ctx.undated += 1
    else:
        ctx.results.append(
            activation.pending_result(ctx, subject, email, ctx.logins.line(index), since)
        )
