"""One URL's result: DC001 (a listed host, and its kind), DC002 (a look-alike), DC003
(a host of no known vendor), DC006 (not a URL), DC007 (a host every region shares) and
DC008 (an unlisted host on a vendor's own domain, with "did you mean")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from emailsec_check.catalogue import datacenter as dc
from emailsec_check.model import Result, failed, hinted, passed, skipped
from emailsec_check.profiles import HostMatch, Profile
from emailsec_check.rules.hosts import HostRules, HostVerdict, Verdict
from emailsec_check.rules.redact import redact
from emailsec_check.rules.urls import ParsedURL

__all__ = ["url_result"]


def url_result(url: str, verdict: HostVerdict, rules: HostRules) -> Result:
    """The one result for a URL (``url`` already redacted), from its host verdict."""
    parsed = verdict.url
    if verdict.verdict is Verdict.INVALID or parsed is None:
        return failed(
            dc.NOT_A_URL,
            url,
            redact(f"cannot be read as a web address: {verdict.reason}"),
            "Copy the console address from the browser's address bar (for example "
            "https://console.eu.amp.cisco.com/) and check it again.",
            product=None,
            region=None,
        )
    if verdict.verdict is Verdict.LOOKALIKE:
        return _lookalike(url, verdict, parsed)
    if verdict.verdict is Verdict.UNKNOWN:
        if verdict.vendor_domain is not None:
            return _unlisted_vendor_host(url, verdict, parsed, rules)
        return _unknown(url, verdict, parsed, rules)
    assert verdict.match is not None  # GENUINE always carries its match
    return _recognised(url, verdict.match, parsed)


def _lookalike(url: str, verdict: HostVerdict, parsed: ParsedURL) -> Result:
    imitated = f" imitating {verdict.resembles}" if verdict.resembles else ""
    return failed(
        dc.LOOKALIKE,
        url,
        redact(
            f"not the vendor's console: {parsed.host} only looks like a vendor host{imitated} "
            f"({verdict.reason}); this may be a phishing page"
        ),
        "Do not sign in or enter anything there. Open the console from a bookmark you made "
        "yourself or type the address; if this link came in a mail, report it to your "
        "security team.",
        product=None,
        region=None,
        host=parsed.host,
        resembles=verdict.resembles,
    )


def _vendors(profiles: Sequence[Profile]) -> str:
    """ "Cisco" or "Cisco / Mimecast": who registered a domain, by the profiles' vendors."""
    names = sorted({profile.vendor or profile.name for profile in profiles})
    return " / ".join(names)


def _unlisted_vendor_host(
    url: str, verdict: HostVerdict, parsed: ParsedURL, rules: HostRules
) -> Result:
    vendor = _vendors(verdict.vendors)
    message = (
        f"{parsed.host} is a genuine {vendor} host ({verdict.vendor_domain}) that no profile "
        "lists, so its product and region are unknown"
    )
    if verdict.suggestion:
        meant = rules.known[verdict.suggestion]
        where = f", {meant.region.name}" if meant.region else ""
        message += f"; did you mean {verdict.suggestion}?"
        fix = (
            f"If you meant {verdict.suggestion} ({meant.profile.name} {meant.role.words}"
            f"{where}), correct the address and check it again. "
            "Otherwise tell which product and region this host serves: "
        )
    else:
        fix = "Find out which product and region this host serves (the address the console "
        fix += "shows after sign-in, or your welcome mail), then "
    fix += (
        "add it to that region's console_hosts, api_hosts or mail_hosts in a profile of "
        "your own (--profiles-dir); 'emailsec-check profiles ID' lists the hosts known."
    )
    return hinted(
        dc.VENDOR_HOST,
        url,
        message,
        fix,
        product=None,
        region=None,
        host=parsed.host,
        vendor_domain=verdict.vendor_domain,
        products=[profile.id for profile in verdict.vendors],
        suggestion=verdict.suggestion,
    )


def _unknown(url: str, verdict: HostVerdict, parsed: ParsedURL, rules: HostRules) -> Result:
    fix = (
        "Check the address against the console you use; 'emailsec-check profiles' lists "
        "the hosts known. If it is a deployment of your own, describe it in a profile of "
        "your own and pass --profiles-dir."
    )
    private = [profile for profile in rules.profiles if profile.private_cloud_note]
    if private:
        fix += " " + " ".join(profile.private_cloud_note for profile in private)
    return failed(
        dc.UNKNOWN_HOST,
        url,
        redact(f"{parsed.host} is {verdict.reason}"),
        fix,
        product=None,
        region=None,
        host=parsed.host,
    )


def _recognised(url: str, match: HostMatch, parsed: ParsedURL) -> Result:
    profile, region = match.profile, match.region
    data: dict[str, Any] = {
        "product": profile.id,
        "region": region.id if region else None,
        "host": parsed.host,
        "kind": match.role.value,
        "role": match.role.value,
        "confidence": match.confidence,
    }
    if region is None:
        return skipped(
            dc.GLOBAL_HOST,
            url,
            f"{parsed.host} is {profile.vendor or profile.name}'s {match.role.words} for "
            f"every region of {profile.name}, so it does not tell the datacenter. "
            f"{match.note}".strip(),
            **data,
        )
    message = f"{profile.name} {match.role.words} in the {region.name} datacenter"
    if region.notes:
        message += " (" + " ".join(region.notes) + ")"
    if region.host_uncertain(parsed.host):
        message += " [not confirmed: the profile marks this host as uncertain]"
    elif match.confidence == "uncertain":
        message += " [region facts not confirmed]"
    data["notes"] = list(region.notes)
    problems = _url_problems(parsed)
    if problems:
        return hinted(dc.RECOGNISED, url, message, " ".join(problems), **data)
    return passed(dc.RECOGNISED, url, message, **data)


def _url_problems(parsed: ParsedURL) -> list[str]:
    """What works but should change: plain http, a user name or password, an odd port."""
    problems = []
    if parsed.scheme == "http":
        problems.append(
            "The URL uses plain http://: use https:// so nobody on the way can read or change "
            "the page (and bookmark the https address)."
        )
    if parsed.userinfo:
        problems.append(
            "The URL carries a user name or password before the host: remove it, and change "
            "that password if it was a real one."
        )
    if parsed.port not in (None, 443, 80):
        problems.append(
            f"The URL names port {parsed.port}; vendor consoles answer on the standard https "
            "port, so drop the port."
        )
    return problems
