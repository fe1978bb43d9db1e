"""One region vocabulary: what ``--expect`` and a config's ``expect`` may name.

A region name is a region id or alias of the URL's product, in any letter case:
``eu`` names Secure Endpoint's ``europe`` and Mimecast's ``eu`` alike. A name no
product knows, or one the URL's own product does not have, is an input error
(exit 2, or a config error at the ``expect`` line) with the nearest name offered,
never a failed check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Optional

from emailsec_check.errors import InputError
from emailsec_check.profiles import Profile, ProfileSet, Region
from emailsec_check.record import Record
from emailsec_check.rules.redact import redact
from emailsec_check.rules.suggest import did_you_mean_text

__all__ = ["ExpectedRegion", "resolve_expected_region"]


class ExpectedRegion(Record):
    """A region name as the user typed it, and the region it names in each product."""

    __slots__ = ("name", "regions")

    name: Final[str]
    #: (product id, region) for every product that has a region of this name.
    regions: Final[tuple[tuple[str, Region], ...]]

    def __init__(self, name: str, regions: tuple[tuple[str, Region], ...]) -> None:
        self.name = name
        self.regions = regions

    def region_for(self, profile: Profile) -> Optional[Region]:
        """The region this name means for ``profile``, or ``None`` if it has none."""
        return next((region for pid, region in self.regions if pid == profile.id), None)


def resolve_expected_region(
    profiles: ProfileSet, name: str, urls: Iterable[str] = ()
) -> ExpectedRegion:
    """Read an expected region name; ``InputError`` (with "did you mean") if it names none.

    Each of ``urls`` that is a genuine host of a product must belong to a product that
    has a region of this name: ``--expect apjc`` with a Mimecast URL is an error, since
    Mimecast has no such region. Unrecognised URLs are not judged here (the datacenter
    check reports them). The error has no file; a config reader adds its file and line.
    """
    wanted = name.strip()
    if not wanted:
        raise InputError("the expected region is empty; name a region id such as 'europe'")
    found = profiles.find_regions(wanted)
    if not found:
        ids = ", ".join(sorted(profiles.region_ids())) or "none"
        raise InputError(
            f"unknown region {wanted!r}{did_you_mean_text(wanted, profiles.region_names())} "
            f"(region ids: {ids}; 'emailsec-check profiles ID' lists a product's region names)"
        )
    _check_urls_have_it(profiles, wanted, found, urls)
    return ExpectedRegion(wanted, tuple(sorted(found.items())))


def _check_urls_have_it(
    profiles: ProfileSet, name: str, found: dict[str, Region], urls: Iterable[str]
) -> None:
    from emailsec_check.rules.hosts import HostRules, Verdict

    urls = list(urls)
    if not urls:
        return
    rules = HostRules(profiles)
    for url in urls:
        verdict = rules.classify(url)
        match = verdict.match
        if verdict.verdict is not Verdict.GENUINE or match is None:
            continue
        profile = match.profile
        if profile.id not in found:
            raise InputError(
                f"{profile.name} has no region {name!r}"
                f"{did_you_mean_text(name, profile.region_names())}, so {redact(url)} cannot "
                f"be compared with it; its regions: {profile.describe_regions()}"
            )
