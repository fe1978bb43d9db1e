"""The loaded profiles as one set, with the index of every genuine vendor host.

:mod:`emailsec_check.profiles.load` makes a :class:`ProfileSet` of the profiles it read;
a host claimed by two regions is an error then, naming the file loaded later.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final, Optional

from emailsec_check.errors import InputError
from emailsec_check.profiles.model import HostKind, Profile, Region, RequestKind
from emailsec_check.record import Record
from emailsec_check.rules.hostnames import is_dns_name
from emailsec_check.rules.suggest import did_you_mean_text

__all__ = ["HostMatch", "ProfileSet"]


class HostMatch(Record):
    """A genuine host: whose it is, and for which region (None for global hosts)."""

    __slots__ = ("profile", "region", "role", "note", "confidence")

    profile: Final[Profile]
    region: Final[Optional[Region]]
    role: Final[HostKind]
    note: Final[str]
    confidence: Final[str]

    def __init__(
        self,
        profile: Profile,
        region: Optional[Region],
        role: HostKind,
        note: str = "",
        confidence: str = "doc",
    ) -> None:
        self.profile = profile
        self.region = region
        self.role = role
        self.note = note
        self.confidence = confidence


class ProfileSet:
    """The loaded profiles, by id, with a host index built once."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        self._by_id = {profile.id: profile for profile in profiles}
        # Regional and global hosts now (a host claimed twice is an error at load time);
        # the status pages' hosts when ``hosts`` is first asked for (their URLs are parsed).
        self._claimed = _index_hosts(self._by_id.values())
        self._hosts: Optional[dict[str, HostMatch]] = None

    @property
    def hosts(self) -> dict[str, HostMatch]:
        """host -> HostMatch for every genuine vendor host, status pages included."""
        if self._hosts is None:
            self._hosts = _with_status_pages(self._by_id.values(), self._claimed)
        return self._hosts

    def __iter__(self) -> Iterator[Profile]:
        return iter(sorted(self._by_id.values(), key=lambda profile: profile.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, name: str) -> Optional[Profile]:
        """A profile by id or alias, in any letter case."""
        wanted = name.strip().lower()
        if wanted in self._by_id:
            return self._by_id[wanted]
        return next((p for p in self if wanted in (a.lower() for a in p.aliases)), None)

    def names(self) -> list[str]:
        """Every product id and alias (for "did you mean")."""
        return [name for profile in self for name in (profile.id, *profile.aliases)]

    def require(self, name: str) -> Profile:
        profile = self.get(name)
        if profile is None:
            known = ", ".join(p.id for p in self) or "none"
            hint = did_you_mean_text(name.strip(), self.names())
            raise InputError(f"unknown product {name!r}{hint} (known: {known})")
        return profile

    def region_ids(self) -> set[str]:
        return {region.id for profile in self for region in profile.regions}

    def region_names(self) -> set[str]:
        """Every region id and alias of every product."""
        return {name for profile in self for name in profile.region_names()}

    def find_regions(self, name: str) -> dict[str, Region]:
        """product id -> its region called ``name`` (id or alias, any case); may be empty."""
        found = {profile.id: profile.find_region(name) for profile in self}
        return {product: region for product, region in found.items() if region is not None}

    def request_kinds(self) -> list[RequestKind]:
        return [kind for profile in self for kind in profile.requests]


# --------------------------------------------------------------------------- host index


def _index_hosts(profiles: Iterable[Profile]) -> dict[str, HostMatch]:
    """host -> HostMatch; a host claimed by two regions (anywhere) is an error.

    Profiles come in load order (bundled first), so the error names the file
    loaded later: usually the user's own, the one to change. Global hosts come after
    every regional host (status pages are added by :func:`_with_status_pages`).
    """
    ordered = list(profiles)
    index: dict[str, HostMatch] = {}
    owner: dict[str, str] = {}
    for profile in ordered:
        _index_regions(profile, index, owner)
    for profile in ordered:
        for known in profile.known_hosts:
            if known.host in owner:
                why = f"{owner[known.host]} and as a global host"
                raise _claimed_twice(profile, known.host, "known_hosts", why)
            match = HostMatch(profile, None, known.role, known.note, known.confidence)
            index.setdefault(known.host, match)
    return index


def _with_status_pages(
    profiles: Iterable[Profile], claimed: dict[str, HostMatch]
) -> dict[str, HostMatch]:
    """``claimed`` and the status pages' hosts (a shared one keeps its first owner)."""
    index = dict(claimed)
    for profile in profiles:
        page = profile.status_page
        # A page on an address (a test server) is no vendor host to recognise.
        if page is not None and is_dns_name(page.host) and page.host not in index:
            note = "The product's public status page."
            index[page.host] = HostMatch(profile, None, HostKind.STATUS, note, page.confidence)
    return index


def _index_regions(profile: Profile, index: dict[str, HostMatch], owner: dict[str, str]) -> None:
    for region in profile.regions:
        here = f"{profile.id} region {region.id}"
        for host, kind in region.hosts():
            if host in owner:
                raise _claimed_twice(profile, host, "regions", f"{owner[host]} and by {here}")
            owner[host] = f"{here} ({Path(profile.source).name or profile.id})"
            sure = region.host_confidence(host)
            index[host] = HostMatch(profile, region, kind, confidence=sure)


def _claimed_twice(profile: Profile, host: str, key: str, owners: str) -> InputError:
    line = None
    if profile.source:
        from emailsec_check.sources.files import read_user_text

        try:
            text = read_user_text(Path(profile.source), what="profile")
        except InputError:
            text = ""
        line = next(
            (n for n, s in enumerate(text.splitlines(), start=1) if f'"{host}"' in s.lower()), None
        )
    return InputError(
        f"host {host} is claimed by {owners}; a host must belong to one region of one product",
        path=profile.source or None,
        line=line,
        key=key,
    )
