"""Results about regions: DC004 (the URL is in the expected region) and DC005 (one
product's URLs in several regions)."""

from __future__ import annotations

from emailsec_check.catalogue import datacenter as dc
from emailsec_check.model import Result, failed, hinted, passed, skipped
from emailsec_check.profiles import HostMatch, Profile, Region
from emailsec_check.rules.hosts import HostVerdict
from emailsec_check.rules.regions import ExpectedRegion

__all__ = ["expected_result", "host_uncertain", "several_result"]


def host_uncertain(verdict: HostVerdict) -> bool:
    """Whether the profile is unsure which region this very host serves."""
    match, parsed = verdict.match, verdict.url
    if match is None or match.region is None or parsed is None:
        return False
    return match.region.host_uncertain(parsed.host)


def expected_result(
    url: str, match: HostMatch, expect: ExpectedRegion, unsure_host: bool
) -> Result:
    """DC004 for a genuine URL; a hint, not a fail, when the profile is unsure of the host."""
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
    if unsure_host:
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


def several_result(profile: Profile, regions: dict[str, tuple[Region, list[str]]]) -> Result:
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
