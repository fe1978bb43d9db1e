"""ID009: each mail domain of the logins can receive the product's mails (MX records)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, Optional, Protocol

from emailsec_check.catalogue import identities as cat
from emailsec_check.model import Result, failed, passed, skipped
from emailsec_check.record import Record

if TYPE_CHECKING:
    from emailsec_check.net.dns import DnsOutcome

__all__ = [
    "MICROSOFT_MX",
    "DomainTally",
    "MxFacts",
    "MxResolver",
    "domain_result",
    "look_up_mail_domains",
    "mail_domain_results",
    "resolver_hides_names",
]

#: Microsoft 365's inbound mail hosts (Exchange Online Protection, and with DANE).
MICROSOFT_MX = (".mail.protection.outlook.com", ".mx.microsoft")


class MxResolver(Protocol):
    """What the checks need of ``net.dns.Resolver`` (tests hand in fakes)."""

    async def mx(self, domain: str) -> DnsOutcome: ...


class DomainTally(Record):
    """How many valid logins use a mail domain, and the first of them (as shown)."""

    __slots__ = ("logins", "example")

    logins: Final[int]
    example: Final[str]

    def __init__(self, logins: int, example: str) -> None:
        self.logins = logins
        self.example = example


class MxFacts(Record):
    """What the resolver said about each mail domain (the network facts behind ID009).

    ``hidden`` says why "does not exist" answers cannot be trusted (the resolver also
    denied a domain that surely exists), or is None.
    """

    __slots__ = ("answers", "hidden")

    answers: Final[Mapping[str, DnsOutcome]]
    hidden: Final[Optional[str]]

    def __init__(self, answers: Mapping[str, DnsOutcome], hidden: Optional[str] = None) -> None:
        self.answers = answers
        self.hidden = hidden


async def look_up_mail_domains(
    names: Sequence[str],
    resolver: MxResolver,
    concurrency: int,
    probe: Sequence[str] = (),
    deadline: Optional[float] = None,
) -> MxFacts:
    """The MX answer for each of ``names``, ``concurrency`` look-ups at a time.

    ``deadline`` (seconds) bounds all the look-ups together, and once a whole wave of
    look-ups goes unanswered the rest are not sent (``net.dns.resolve_many``): thousands
    of domains behind a dead resolver take about one timeout, each a skip saying why.

    ``probe`` names domains that surely exist (the product vendor's): before any domain
    is reported as not existing, the first of them is looked up once, to tell a
    resolver that hides names from a missing domain.
    """
    if not names:
        return MxFacts({})
    # DNS is on, so the resolver has loaded the DNS library already.
    from emailsec_check.net.dns import resolve_many

    answers = await resolve_many(
        sorted(names), resolver.mx, concurrency=concurrency, deadline=deadline
    )
    hidden = None
    if probe and any(_missing(outcome) for outcome in answers.values()):
        hidden = resolver_hides_names(probe[0], await resolver.mx(probe[0]))
    return MxFacts(answers, hidden)


def mail_domain_results(domains: Mapping[str, DomainTally], facts: MxFacts) -> list[Result]:
    """ID009 for each mail domain, from the look-ups' answers (in domain order)."""
    results = []
    for domain in sorted(domains):
        outcome, tally = facts.answers[domain], domains[domain]
        if facts.hidden is not None and _missing(outcome):
            results.append(_hidden(domain, facts.hidden, tally))
        else:
            results.append(domain_result(domain, outcome, tally.logins, tally.example))
    return results


def lookups_off(domains: Mapping[str, DomainTally]) -> list[Result]:
    """ID009 when DNS look-ups are turned off: one skip for all the domains (none if none)."""
    if not domains:
        return []
    return [
        skipped(
            cat.MAIL_DOMAIN,
            f"{len(domains):,} mail domain(s)",
            "DNS look-ups are turned off (--no-dns): whether the logins' domains receive "
            "mail was not checked",
            email=None,
            domains=len(domains),
        )
    ]


def _missing(outcome: DnsOutcome) -> bool:
    """Whether the answer says the domain does not exist."""
    from emailsec_check.net.dns import DnsKind

    return outcome.kind is DnsKind.NXDOMAIN


def resolver_hides_names(probe: str, outcome: DnsOutcome) -> Optional[str]:
    """Why NXDOMAIN answers cannot be trusted, from the answer for ``probe`` (a domain
    that surely exists); None when the resolver found it."""
    from emailsec_check.net.dns import DnsKind

    if outcome.kind in (DnsKind.ANSWER, DnsKind.NOANSWER):
        return None
    if outcome.kind is DnsKind.NXDOMAIN:
        return (
            f"the resolver says that {probe} does not exist either, so it hides names (a "
            "filtering or offline resolver?)"
        )
    return (
        f"the resolver did not answer for {probe} either ({outcome.detail or outcome.kind.value})"
    )


def _hidden(domain: str, why: str, tally: DomainTally) -> Result:
    return skipped(
        cat.MAIL_DOMAIN,
        domain,
        f"could not check: the resolver answered that the domain does not exist, but {why}; "
        "run again with --nameserver naming a resolver that sees the internet",
        email=tally.example,
        domain=domain,
        logins=tally.logins,
    )


_LOST = "activation, password-reset and credentials mails sent to these logins cannot arrive"


def domain_result(domain: str, outcome: DnsOutcome, count: int, example: str) -> Result:
    """What one MX answer means for the logins at ``domain`` (``example`` is the first)."""
    from emailsec_check.net.dns import DnsKind

    users = f"{count:,} login(s) use it, e.g. {example}" if count > 1 else f"used by {example}"
    data = {"email": example, "domain": domain, "logins": count}
    if outcome.kind is DnsKind.NXDOMAIN:
        return failed(
            cat.MAIL_DOMAIN,
            domain,
            f"the domain does not exist (NXDOMAIN); {users}",
            f"Check the spelling of the domain in these logins: {_LOST}.",
            **data,
        )
    if not outcome.kind.is_answer:
        return skipped(cat.MAIL_DOMAIN, domain, f"could not check: {outcome.detail}", **data)
    exchanges = [record.exchange for record in outcome.mx]
    if not exchanges or "" in exchanges:
        return _no_mail(domain, users, data, null=bool(exchanges))
    shown = ", ".join(exchanges[:2])
    if len(exchanges) > 2:
        shown += f" and {len(exchanges) - 2} more"
    if any(exchange.endswith(MICROSOFT_MX) for exchange in exchanges):
        return passed(
            cat.MAIL_DOMAIN,
            domain,
            f"mail goes to Microsoft 365 ({shown}); {users}. When an activation or "
            "credentials mail seems missing, look in Outlook's Other tab of the Focused "
            "Inbox and in Junk Email; an Exchange Online admin can release it from "
            "quarantine and allow the sender",
            **data,
        )
    return passed(cat.MAIL_DOMAIN, domain, f"mail goes to {shown}; {users}", **data)


def _no_mail(domain: str, users: str, data: dict[str, object], *, null: bool) -> Result:
    if null:
        return failed(
            cat.MAIL_DOMAIN,
            domain,
            f"the domain publishes a null MX (it accepts no mail at all); {users}",
            f"Give these users an address at a domain that receives mail: {_LOST}.",
            **data,
        )
    return failed(
        cat.MAIL_DOMAIN,
        domain,
        f"the domain has no MX record, so no mail server accepts its mail; {users}",
        f"Ask whoever runs {domain} to publish MX records, or give these users an address "
        f"at a domain that receives mail: {_LOST}.",
        **data,
    )
