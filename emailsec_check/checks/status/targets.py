"""Which status pages to check: from the profiles (``PRODUCT``) and from ``--url``, with the
regions (``--region``, or the regions a ``run`` config's console URLs belong to) whose share
of each page is judged."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from emailsec_check.checks.status.model import Platform
from emailsec_check.checks.status.regions import RegionScope
from emailsec_check.errors import InputError
from emailsec_check.profiles import Profile, ProfileSet
from emailsec_check.rules.redact import redact
from emailsec_check.rules.suggest import did_you_mean_text
from emailsec_check.rules.urls import parse_url

__all__ = ["StatusTarget", "build_targets", "host_of", "region_scopes"]


@dataclass(frozen=True)
class StatusTarget:
    """One status page to check: from a profile (``product``) or from ``--url``."""

    url: str
    platform: Platform = Platform.AUTO
    api_url: Optional[str] = None
    product: Optional[str] = None
    name: str = ""
    #: Regions whose share of the page is judged (ST002 once per region); none: the page.
    regions: tuple[RegionScope, ...] = ()

    @property
    def label(self) -> str:
        return self.name or host_of(self.url) or self.url

    @property
    def recheck(self) -> str:
        """The command that checks this page again."""
        if self.product:
            regions = "".join(f" --region {scope.id}" for scope in self.regions)
            return f"emailsec-check status {self.product}{regions}"
        return f"emailsec-check status --url {redact(self.url)}"


def build_targets(
    profiles: ProfileSet,
    products: Sequence[str],
    urls: Sequence[str],
    regions: Sequence[str] = (),
    *,
    product_regions: Optional[Mapping[str, Sequence[str]]] = None,
) -> list[StatusTarget]:
    """The pages to check. No products and no URLs: every profile that has a status page.

    ``regions`` (``--region``) apply to every product named; ``product_regions`` adds
    regions per product (product id or alias -> region ids or aliases) to the products
    checked, never adding a product: ``run`` passes ``HostRules.regions_of`` of its
    ``[[datacenter]]`` URLs. An unknown product or region
    is an ``InputError`` (with the nearest name); a product without a status page gives
    a target without a URL (reported as a skip). Duplicates are checked once.
    """
    if regions and not products:
        raise InputError(
            "--region needs the PRODUCT whose region it is, e.g. "
            f"'emailsec-check status cisco-secure-endpoint --region {regions[0]}'"
        )
    if not products and not urls:
        products = [profile.id for profile in profiles if profile.status_page is not None]
    wanted = {profiles.require(name).id: list(regions) for name in products}
    for name, extra in (product_regions or {}).items():
        found = profiles.get(name)
        if found is not None and found.id in wanted:  # adds regions, never products
            wanted[found.id].extend(extra)
    targets = [_profile_target(profiles.require(pid), names) for pid, names in wanted.items()]
    targets.extend(StatusTarget(url=checked_url(url)) for url in urls)
    unique: dict[tuple[Optional[str], str], StatusTarget] = {}
    for target in targets:
        unique.setdefault((target.product, target.url), target)
    return list(unique.values())


def _profile_target(profile: Profile, region_names: Sequence[str]) -> StatusTarget:
    page = profile.status_page
    scopes = region_scopes(profile, region_names)
    if page is None:
        return StatusTarget(url="", product=profile.id, name=profile.name, regions=scopes)
    return StatusTarget(
        url=page.url.strip(),
        platform=Platform(page.platform),
        api_url=page.api_url,
        product=profile.id,
        name=profile.name,
        regions=scopes,
    )


def region_scopes(profile: Profile, names: Sequence[str]) -> tuple[RegionScope, ...]:
    """The product's regions called ``names`` (ids or aliases, any case), each once.

    An unknown name is an ``InputError`` naming the product's regions and the nearest one.
    """
    scopes: dict[str, RegionScope] = {}
    for name in names:
        region = profile.find_region(name)
        if region is None:
            known = ", ".join(r.id for r in profile.regions) or "none"
            raise InputError(
                f"region {name!r}: {profile.name} has no such region (its regions: "
                f"{known}){did_you_mean_text(name, profile.region_names())}"
            )
        scopes.setdefault(
            region.id, RegionScope(region.id, region.name, tuple(region.status_components))
        )
    return tuple(scopes.values())


_URL = re.compile(r"^https?://[^\s/?#@]+(?:[/?#]\S*)?$", re.IGNORECASE)


_URL_WANTED = (
    "expected an http:// or https:// address with a host (and no user:password@: a public "
    "status page needs no sign-in)"
)


def checked_url(text: str) -> str:
    """A ``--url`` as given, once it is an http(s) address with a usable host and port."""
    url = text.strip()
    problem = "" if _URL.match(url) else _URL_WANTED
    if not problem:
        try:
            parse_url(url)
        except ValueError as error:
            problem = str(error)
    if problem:
        raise InputError(f"--url {redact(text)!r}: {redact(problem)}")
    return url


def host_of(url: str) -> str:
    """The host of ``url`` (lower case), or "" when there is none."""
    try:
        return parse_url(url).host
    except ValueError:
        return ""
