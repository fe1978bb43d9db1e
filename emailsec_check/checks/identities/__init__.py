"""Product logins against the identity provider's people (ID001-ID010).

Facts in, results out: :func:`check_identities` is handed the product's logins and
the directory already read (``emailsec_check.sources.identities``) and a resolver
for the MX look-ups; it opens no file and builds no network client.

Where each check lives (``CHECK_MODULES``):

======  ====================================================  ==============
ID      check                                                 module
======  ====================================================  ==============
ID001   login belongs to an expected identity                 :mod:`.known`
ID002   one person, one login                                 :mod:`.several`
ID003   login is the address the person signs in with         :mod:`.known`
ID004   letter case matches the directory                     :mod:`.known`
ID005   Microsoft account has a given name and a surname      :mod:`.names`
ID006   login is a valid email address                        :mod:`.syntax`
ID007   expected identity has an account in the product       :mod:`.coverage`
ID008   account was activated in time                         :mod:`.activation`
ID009   mail domain can receive the product's mails           :mod:`.domains`
ID010   login's directory account is still enabled            :mod:`.leavers`
======  ====================================================  ==============

:mod:`.matching` walks the logins once and calls the per-login checks;
:mod:`.context` holds the options and what a run shares. Without a product
(``profile=None``) every sign-on rule of the bundled profiles applies
(``ALL_RULES``): nothing that one of the products rejects passes unnoticed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional

from emailsec_check.checks.identities import coverage, known, names
from emailsec_check.checks.identities.activation import undated_result
from emailsec_check.checks.identities.context import ALL_RULES, Context, IdentityOptions
from emailsec_check.checks.identities.domains import (
    DomainTally,
    MxFacts,
    MxResolver,
    domain_result,
    look_up_mail_domains,
    lookups_off,
    mail_domain_results,
)
from emailsec_check.checks.identities.matching import match_logins
from emailsec_check.model import Result
from emailsec_check.profiles import Profile
from emailsec_check.sources.identities import Directory, Logins

__all__ = [
    "ALL_RULES",
    "CHECK_MODULES",
    "IdentityOptions",
    "MxFacts",
    "MxResolver",
    "check_identities",
    "check_identities_offline",
    "domain_result",
    "login_results",
    "look_up_mail_domains",
    "mail_domain_results",
    "probe_domains",
]

#: The module of ``emailsec_check.checks.identities`` that makes each check's results.
CHECK_MODULES = {
    "ID001": "known",
    "ID002": "several",
    "ID003": "known",
    "ID004": "known",
    "ID005": "names",
    "ID006": "syntax",
    "ID007": "coverage",
    "ID008": "activation",
    "ID009": "domains",
    "ID010": "leavers",
}


def login_results(
    logins: Logins,
    directory: Directory,
    profile: Optional[Profile],
    options: IdentityOptions,
) -> tuple[list[Result], Mapping[str, DomainTally]]:
    """ID001-ID008 and ID010, and the mail domains of the valid logins (for ID009)."""
    ctx = Context.of(directory, logins, profile, options)
    domains = match_logins(ctx)
    results = ctx.results
    results.extend(undated_result(ctx))
    results.extend(names.no_name_columns(ctx))
    results.extend(known.aliases_note(ctx))
    results.extend(coverage.unconfigured(ctx))
    return results, domains


def check_identities_offline(
    logins: Logins,
    directory: Directory,
    profile: Optional[Profile],
    options: Optional[IdentityOptions] = None,
) -> list[Result]:
    """:func:`check_identities` with DNS turned off (``--no-dns``): nothing to wait for,
    so no event loop is needed; ID009 is one skip saying the look-ups were off."""
    results, domains = login_results(
        logins, directory, profile, options if options is not None else IdentityOptions()
    )
    results.extend(lookups_off(domains))
    return results


async def check_identities(
    logins: Logins,
    directory: Directory,
    profile: Optional[Profile],
    resolver: Optional[MxResolver],
    options: Optional[IdentityOptions] = None,
) -> list[Result]:
    """Every result for the product's ``logins`` against ``directory``.

    ``resolver=None`` looks nothing up (ID009 is one skip saying so).
    """
    options = options if options is not None else IdentityOptions()
    if resolver is None:
        return check_identities_offline(logins, directory, profile, options)
    results, domains = login_results(logins, directory, profile, options)
    facts = await look_up_mail_domains(
        list(domains),
        resolver,
        options.concurrency,
        probe_domains(profile, options),
        options.dns_deadline,
    )
    results.extend(mail_domain_results(domains, facts))
    return results


def probe_domains(profile: Optional[Profile], options: IdentityOptions) -> Sequence[str]:
    """Domains that surely exist, to test the resolver with before trusting "no such
    domain": the product vendor's, or without a product those ``options`` name."""
    return profile.vendor_domains if profile is not None else options.probe_domains
