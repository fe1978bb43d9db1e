"""URL and host rules: is this the vendor's genuine host, or something that only looks like it?

URLs are read by the one URL parser (``rules.urls``); this module judges the hosts
against the profiles for ``datacenter`` (console URLs) and ``request`` (the URL a user
typed into a support request).
A host is genuine only by an exact match against the profiles, after the
normalisation a browser would do itself (letter case, one trailing dot, a missing
scheme means https). A host under a vendor's registered domain that no profile lists
is genuine but unknown (with the nearest listed host as a "did you mean"). Anything
else that resembles a vendor host is a look-alike: extra labels before or after,
user-info tricks, look-alike characters, punycode, the vendor's name in a path or
query. Junk input gives a verdict, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from functools import cached_property
from typing import Final
from urllib.parse import unquote

from emailsec_check.profiles import HostKind, HostMatch, Profile, ProfileSet
from emailsec_check.record import Record
from emailsec_check.rules.suggest import did_you_mean
from emailsec_check.rules.urls import (
    ParsedURL,
    distance,
    is_hostname,
    is_ip,
    normalise_host,
    parse_url,
    registrable_domain,
    skeleton,
)

__all__ = ["HostRules", "HostVerdict", "Verdict"]

#: How alike a mistyped vendor host must be to a listed one to be offered (difflib ratio).
_HOST_TYPO_CUTOFF = 0.85


class Verdict(str, Enum):
    """What a URL's host is; UNKNOWN with ``vendor_domain`` set is a genuine vendor domain."""

    GENUINE = "genuine"
    LOOKALIKE = "lookalike"
    UNKNOWN = "unknown"
    INVALID = "invalid"


class HostVerdict(Record):
    __slots__ = (
        "verdict",
        "reason",
        "url",
        "match",
        "resembles",
        "vendor_domain",
        "vendors",
        "suggestion",
    )

    verdict: Final[Verdict]
    reason: Final[str]
    url: Final[ParsedURL | None]
    match: Final[HostMatch | None]
    #: The genuine host a look-alike imitates, when we can tell.
    resembles: Final[str | None]
    #: For an unlisted host under a vendor's registered domain: that domain...
    vendor_domain: Final[str | None]
    #: ...the products whose vendor registered it...
    vendors: Final[tuple[Profile, ...]]
    #: ...and the listed host it is probably a typo of.
    suggestion: Final[str | None]

    def __init__(
        self,
        verdict: Verdict,
        reason: str,
        url: ParsedURL | None = None,
        match: HostMatch | None = None,
        resembles: str | None = None,
        vendor_domain: str | None = None,
        vendors: tuple[Profile, ...] = (),
        suggestion: str | None = None,
    ) -> None:
        self.verdict = verdict
        self.reason = reason
        self.url = url
        self.match = match
        self.resembles = resembles
        self.vendor_domain = vendor_domain
        self.vendors = vendors
        self.suggestion = suggestion


class HostRules:
    """Classifies URLs against a profile set (the look-up tables are built once)."""

    def __init__(self, profiles: ProfileSet) -> None:
        self.profiles = profiles

    # Each table is built when first needed: a run that classifies no URL (a request
    # without a URL field) needs none, and one whose URLs are all genuine needs no
    # look-alike table.

    @cached_property
    def known(self) -> dict[str, HostMatch]:
        """Every genuine vendor host, with what it is."""
        return self.profiles.hosts

    @cached_property
    def domain_owners(self) -> dict[str, tuple[Profile, ...]]:
        """Registered domain -> the products whose vendor holds it."""
        return _domain_owners(self.profiles)

    @cached_property
    def vendor_domains(self) -> list[str]:
        return sorted(self.domain_owners)

    @cached_property
    def _skeletons(self) -> dict[str, str]:
        """Each known host in the form that makes look-alike spellings equal."""
        return {skeleton(host): host for host in self.known}

    @cached_property
    def _domain_skeletons(self) -> dict[str, str]:
        return {skeleton(domain): domain for domain in self.domain_owners}

    @cached_property
    def _token_pattern(self) -> re.Pattern[str] | None:
        """The vendors' names as a look-alike would spell them ("cisco", "mimecast")."""
        firsts = {domain.split(".")[0] for domain in self.domain_owners}
        tokens = sorted({skeleton(first) for first in firsts if len(first) >= 4})
        if not tokens:
            return None
        return re.compile(r"(?:^|[^a-z])(" + "|".join(map(re.escape, tokens)) + r")")

    def classify(self, text: str) -> HostVerdict:
        try:
            url = parse_url(text)
        except ValueError as error:
            return HostVerdict(Verdict.INVALID, str(error))
        host = url.host
        if "%" in host:
            decoded = normalise_host(unquote(host))
            return HostVerdict(
                Verdict.LOOKALIKE,
                "the host is written with %-escapes, a way to hide the real address",
                url,
                resembles=decoded if decoded in self.known else None,
            )
        if host in self.known:
            return HostVerdict(Verdict.GENUINE, "exact match", url, match=self.known[host])
        wrapped = self._wraps_known(host)
        if wrapped is not None:
            return HostVerdict(Verdict.LOOKALIKE, wrapped[1], url, resembles=wrapped[0])
        domain = registrable_domain(host)
        if domain in self.domain_owners:
            return self._unlisted_vendor_host(url, domain)
        resembles = self._resembles(host)
        if resembles is not None:
            return HostVerdict(Verdict.LOOKALIKE, resembles[1], url, resembles=resembles[0])
        hidden = self._vendor_name_elsewhere(url)
        if hidden is not None:
            return hidden
        if is_ip(host):
            return HostVerdict(Verdict.UNKNOWN, "an IP address, not a vendor host name", url)
        if not is_hostname(host):
            return HostVerdict(Verdict.INVALID, f"{host!r} is not a valid host name", url)
        return HostVerdict(Verdict.UNKNOWN, "not a host of any known product", url)

    def _vendor_name_elsewhere(self, url: ParsedURL) -> HostVerdict | None:
        """A look-alike verdict when a vendor's name stands outside the host, else None."""
        for part, where in (
            (url.userinfo, "before an @ (user-info)"),
            (url.rest, "in the path or query"),
        ):
            named = self._names_vendor(part)
            if named:
                return HostVerdict(
                    Verdict.LOOKALIKE,
                    f"the vendor's name ({named}) stands {where}, but the browser goes to "
                    f"{url.host}",
                    url,
                    resembles=named if named in self.known else None,
                )
        return None

    def regions_of(self, urls: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """product id -> the region ids its genuine regional URLs among ``urls`` are in.

        For "use the regions the config's console URLs name" (status in ``run``).
        """
        found: dict[str, dict[str, None]] = {}
        for text in urls:
            match = self.classify(text).match
            if match is not None and match.region is not None:
                found.setdefault(match.profile.id, {})[match.region.id] = None
        return {product: tuple(regions) for product, regions in found.items()}

    def _unlisted_vendor_host(self, url: ParsedURL, domain: str) -> HostVerdict:
        """A host under a vendor's own domain that no profile lists: genuine, but unknown."""
        siblings = [known for known in self.known if registrable_domain(known) == domain]
        suggestion = did_you_mean(url.host, siblings, cutoff=_HOST_TYPO_CUTOFF)
        return HostVerdict(
            Verdict.UNKNOWN,
            f"a host in {domain}, but not one any profile lists as a console, sign-on, API, "
            "mail-flow or status host",
            url,
            vendor_domain=domain,
            vendors=self.domain_owners[domain],
            suggestion=suggestion,
        )

    def _wraps_known(self, host: str) -> tuple[str, str] | None:
        """(genuine host, why) when ``host`` is a genuine host with labels added."""
        for known in self.known:
            if host.endswith("." + known):
                return known, f"extra labels in front of {known}"
            if host.startswith((known + ".", known + "-")):
                return known, f"{known} followed by another domain"
        return None

    def _resembles(self, host: str) -> tuple[str, str] | None:
        """(genuine host, why) when ``host`` imitates one, else None."""
        shape = skeleton(host)
        if not host.isascii() or "xn--" in host:
            kind = "look-alike characters (international letters or punycode)"
        else:
            kind = "a look-alike spelling"
        if shape in self._skeletons:
            return self._skeletons[shape], kind
        for known_shape, known in self._skeletons.items():
            if distance(shape, known_shape, 2) <= 2:
                return known, kind
        labels = shape.split(".")
        domain = registrable_domain(shape)
        for known_shape, known_domain in self._domain_skeletons.items():
            if domain != known_domain and distance(domain, known_shape, 1) <= 1:
                return known_domain, f"{kind} of {known_domain}"
        if self._token_pattern is not None:
            for label in labels:
                match = self._token_pattern.search(label)
                if match:
                    return match.group(1), f"the vendor's name ({match.group(1)}) in another domain"
        return None

    def _names_vendor(self, text: str) -> str | None:
        if not text:
            return None
        lowered = text.lower()
        for known in self.known:
            if known in lowered:
                return known
        if self._token_pattern is not None:
            match = self._token_pattern.search(skeleton(lowered))
            if match:
                return match.group(1)
        return None


def _domain_owners(profiles: ProfileSet) -> dict[str, tuple[Profile, ...]]:
    """registered domain -> the products whose vendor holds it.

    A profile's ``vendor_domains``, and the domains of its regional and global hosts
    (not of its status page: Statuspage and Status.io domains are anybody's).
    """
    owners: dict[str, list[Profile]] = {}
    for profile in profiles:
        hosts = [host for region in profile.regions for host, _kind in region.hosts()]
        hosts += [known.host for known in profile.known_hosts if known.role is not HostKind.STATUS]
        domains = {*profile.vendor_domains, *(registrable_domain(host) for host in hosts)}
        for domain in sorted(domains):
            owners.setdefault(domain, []).append(profile)
    return {domain: tuple(found) for domain, found in owners.items()}
