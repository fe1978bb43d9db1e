"""Which product, regional datacenter and kind of host a URL is; look-alikes caught.

Facts in (URLs, the host rules built from the profiles, an expected region), results
out: DC001 a listed host (console, sign-on, API, mail-flow or status), DC002 a
look-alike, DC003 a host of no known vendor, DC008 an unlisted host on a vendor's own
domain, DC004 the expected region, DC005 one product in several regions, DC006 not a
URL, DC007 a host every region shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

from emailsec_check.catalogue import datacenter as dc
from emailsec_check.model import Result, failed, hinted, passed, skipped
from emailsec_check.profiles import HostMatch, Profile, Region
from emailsec_check.rules.hosts import HostRules, HostVerdict, ParsedURL, Verdict
from emailsec_check.rules.redact import redact
from emailsec_check.rules.regions import ExpectedRegion, resolve_expected_region

__all__ = ["check_urls"]

#: An expected region as resolved (:func:`resolve_expected_region`) or as typed.
Expect = Union[ExpectedRegion, str, None]


def check_urls(urls: Sequence[str], rules: HostRules, *, expect: Expect = None) -> list[Result]:
    """One result per URL (two with ``expect``), plus one per product seen in several regions.

    ``expect`` given as text is resolved against the profiles first: a name no product
    knows is an ``InputError`` (exit 2), never a failed check.
    """
    if isinstance(expect, str):
        expect = resolve_expected_region(rules.profiles, expect)
    results: list[Result] = []
    seen: dict[str, tuple[Profile, dict[str, tuple[Region, list[str]]]]] = {}
    for text in urls:
        verdict = rules.classify(text)
        url = redact(text)  # the subject, shown in reports: no password in it
        results.append(_one(url, verdict, rules))
        match = verdict.match
        if verdict.verdict is not Verdict.GENUINE or match is None:
            continue
        if expect is not None:
            results.append(_expected(url, match, expect, _host_uncertain(verdict)))
        if match.region is not None:
            _profile, regions = seen.setdefault(match.profile.id, (match.profile, {}))
            regions.setdefault(match.region.id, (match.region, []))[1].append(url)
    for profile, regions in seen.values():
        if len(regions) > 1:
            results.append(_several(profile, regions))
    return results


def _one(url: str, verdict: HostVerdict, rules: HostRules) -> Result:
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
            return _unlisted_vendor_host(url, verdict, parsed)
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


def _unlisted_vendor_host(url: str, verdict: HostVerdict, parsed: ParsedURL) -> Result:
    vendor = _vendors(verdict.vendors)
    products = ", ".join(profile.name for profile in verdict.vendors)
    message = (
        f"{parsed.host} is a genuine {vendor} host ({verdict.vendor_domain}), but no profile "
        f"lists it, so its product and region are unknown (profiles on "
        f"{verdict.vendor_domain}: {products})"
    )
    if verdict.suggestion:
        message += f"; did you mean {verdict.suggestion}?"
        fix = (
            f"If you meant {verdict.suggestion}, correct the address and check it again. "
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


def _host_uncertain(verdict: HostVerdict) -> bool:
    """Whether the profile is unsure which region this very host serves."""
    match, parsed = verdict.match, verdict.url
    if match is None or match.region is None or parsed is None:
        return False
    return match.region.host_uncertain(parsed.host)


def _expected(url: str, match: HostMatch, expect: ExpectedRegion, host_uncertain: bool) -> Result:
    profile, here = match.profile, match.region
    data = {
        "product": profile.id,
        "region": here.id if here else None,
        "expected": expect.name.lower(),
    }
    wanted = expect.region_for(profile)
    if here is None:
        return skipped(
            dc.EXPECTED_REGION,
            url,
            f"cannot compare with the expected region {expect.name}: this host serves every region",
            **data,
        )
    if wanted is None:
        return skipped(
            dc.EXPECTED_REGION,
            url,
            f"cannot compare: {profile.name} has no region called {expect.name!r} (its "
            f"regions: {profile.describe_regions()}); this URL is in {here.name}",
            **data,
        )
    data["expected_region"] = wanted.id
    if wanted.id == here.id:
        return passed(dc.EXPECTED_REGION, url, f"in the expected region ({wanted.name})", **data)
    message = f"in the {here.name} datacenter, not the expected {wanted.name}"
    if host_uncertain:
        return hinted(
            dc.EXPECTED_REGION,
            url,
            message + " (the profile's region for this host is not confirmed)",
            f"Check the region your instance shows (its settings or welcome mail). If it is "
            f"{wanted.name}, correct the host's region in a profile of your own "
            "(--profiles-dir).",
            **data,
        )
    return failed(
        dc.EXPECTED_REGION,
        url,
        message,
        f"Licences claimed and users created here are not visible from the {wanted.name} "
        f"organisation. Use the {wanted.name} console"
        + (f" ({', '.join(wanted.console_hosts)})" if wanted.console_hosts else "")
        + "; to move an organisation between datacenters, ask the vendor (Cisco: your sales "
        "contact).",
        **data,
    )


def _several(profile: Profile, regions: dict[str, tuple[Region, list[str]]]) -> Result:
    listing = "; ".join(f"{region.name}: {', '.join(urls)}" for region, urls in regions.values())
    return hinted(
        dc.SEVERAL_REGIONS,
        profile.name,
        f"{profile.name} URLs in {len(regions)} regions ({listing})",
        profile.multi_region_note
        or "Organisations in different regions are separate: they cannot be managed as one "
        "and users cannot switch between them. Keep the product in one region.",
        product=profile.id,
        region=None,
        regions=sorted(regions),
    )
