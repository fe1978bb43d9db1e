"""Which product and regional datacenter a console URL belongs to, look-alikes caught."""

from __future__ import annotations

from collections.abc import Sequence

from emailsec_check.catalogue import datacenter as dc
from emailsec_check.model import Result, failed, hinted, passed, skipped
from emailsec_check.profiles import Profile, Region
from emailsec_check.rules.hosts import HostRules, HostVerdict, Verdict
from emailsec_check.rules.redact import redact

_ROLE_WORDS = {"console": "organisation", "api": "API host", "mail": "mail-flow host"}


def check_urls(urls: Sequence[str], rules: HostRules, *, expect: str | None = None) -> list[Result]:
    """One result per URL (two with ``expect``), plus one per product seen in several regions."""
    results: list[Result] = []
    seen: dict[str, tuple[Profile, dict[str, tuple[Region, list[str]]]]] = {}
    for text in urls:
        verdict = rules.classify(text)
        url = redact(text)  # the subject, shown in reports: no password in it
        results.append(_one(url, verdict))
        match = verdict.match
        if verdict.verdict is not Verdict.GENUINE or match is None:
            continue
        if expect is not None:
            results.append(_expected(url, verdict, expect))
        if match.region is not None:
            _profile, regions = seen.setdefault(match.profile.id, (match.profile, {}))
            regions.setdefault(match.region.id, (match.region, []))[1].append(url)
    for profile, regions in seen.values():
        if len(regions) > 1:
            results.append(_several(profile, regions))
    return results


def _one(url: str, verdict: HostVerdict) -> Result:
    if verdict.verdict is Verdict.INVALID:
        return failed(
            dc.NOT_A_URL,
            url,
            f"cannot be read as a web address: {verdict.reason}",
            "Copy the console address from the browser's address bar (for example "
            "https://console.eu.amp.cisco.com/) and check it again.",
            product=None,
            region=None,
        )
    parsed = verdict.url
    assert parsed is not None
    if verdict.verdict is Verdict.LOOKALIKE:
        imitated = f" imitating {verdict.resembles}" if verdict.resembles else ""
        return failed(
            dc.LOOKALIKE,
            url,
            f"not the vendor's console: {parsed.host} only looks like a vendor host{imitated} "
            f"({verdict.reason}); this may be a phishing page",
            "Do not sign in or enter anything there. Open the console from a bookmark you made "
            "yourself or type the address; if this link came in a mail, report it to your "
            "security team.",
            product=None,
            region=None,
            host=parsed.host,
            resembles=verdict.resembles,
        )
    if verdict.verdict is Verdict.UNKNOWN:
        return failed(
            dc.UNKNOWN_HOST,
            url,
            f"{parsed.host} is {verdict.reason}",
            "Check the address against the console you use. If it is your own deployment (a "
            "Private Cloud console on your domain), add it to a profile of your own and pass "
            "--profiles-dir; 'emailsec-check profiles' lists the hosts known.",
            product=None,
            region=None,
            host=parsed.host,
        )
    match = verdict.match
    assert match is not None
    profile, region = match.profile, match.region
    data: dict[str, object] = {
        "product": profile.id,
        "region": region.id if region else None,
        "host": parsed.host,
        "role": match.role,
    }
    if region is None:
        return skipped(
            dc.GLOBAL_HOST,
            url,
            f"{parsed.host} is {profile.vendor or profile.name}'s {match.role} host for every "
            f"region, so it does not tell the datacenter. {match.note}".strip(),
            **data,
        )
    what = _ROLE_WORDS.get(match.role, match.role)
    message = f"{profile.name} {what} in the {region.name} datacenter"
    if region.notes:
        message += " (" + " ".join(region.notes) + ")"
    if region.confidence == "uncertain":
        message += " [region facts not confirmed]"
    data.update(notes=list(region.notes), confidence=region.confidence)
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
    if problems:
        return hinted(dc.RECOGNISED, url, message, " ".join(problems), **data)
    return passed(dc.RECOGNISED, url, message, **data)


def _expected(url: str, verdict: HostVerdict, expect: str) -> Result:
    match = verdict.match
    assert match is not None
    profile = match.profile
    data = {"product": profile.id, "region": match.region.id if match.region else None}
    wanted = profile.region(expect)
    if match.region is None:
        return skipped(
            dc.EXPECTED_REGION,
            url,
            f"cannot compare with the expected region {expect}: this host serves every region",
            expected=expect,
            **data,
        )
    if wanted is None:
        known = ", ".join(region.id for region in profile.regions)
        return failed(
            dc.EXPECTED_REGION,
            url,
            f"{profile.name} has no region {expect!r}; this URL is in {match.region.name}",
            f"Use one of {profile.name}'s region ids with --expect: {known}.",
            expected=expect,
            **data,
        )
    if wanted.id == match.region.id:
        return passed(
            dc.EXPECTED_REGION,
            url,
            f"in the expected region ({wanted.name})",
            expected=expect,
            **data,
        )
    return failed(
        dc.EXPECTED_REGION,
        url,
        f"in the {match.region.name} datacenter, not the expected {wanted.name}",
        f"Licences claimed and users created here are not visible from the {wanted.name} "
        f"organisation. Use the {wanted.name} console"
        + (f" ({', '.join(wanted.console_hosts)})" if wanted.console_hosts else "")
        + "; to move an organisation between datacenters, ask the vendor (Cisco: your sales "
        "contact).",
        expected=expect,
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
