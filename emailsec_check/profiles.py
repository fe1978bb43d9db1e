"""Product profiles: find, load and validate them into frozen dataclasses.

A profile is one TOML file per product. The bundled ones live in the
repository's ``profiles/`` folder (inside the wheel as ``emailsec_check/_profiles``);
``--profiles-dir`` and ``EMAILSEC_CHECK_PROFILES`` add folders whose profiles
replace bundled ones with the same ``id``. Every file is validated on load:
unknown or missing keys, wrong types, duplicate ids and a host claimed twice
are an ``InputError`` naming the file, key and (where we can find it) line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from emailsec_check.errors import InputError
from emailsec_check.tomltable import HOST_PATTERN, read_toml_file
from emailsec_check.tomltable import Table as _Table
from emailsec_check.tomltable import Where as _Where

ENV_PROFILES = "EMAILSEC_CHECK_PROFILES"
MAX_PROFILE_BYTES = 1024 * 1024

#: How sure we are of a fact; shown beside it so an admin knows what to double-check.
CONFIDENCE_LEVELS = ("seed", "doc", "3rd", "uncertain")
STATUS_PLATFORMS = ("statuspage", "statusio", "generic", "auto")
FIELD_KINDS = (
    "text", "email", "order_number", "datetime", "url", "browser", "product", "name",
)  # fmt: skip
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FIELD_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True)
class StatusPage:
    """The vendor's public status page and how to read it."""

    url: str
    platform: str = "auto"
    api_url: str | None = None
    confidence: str = "doc"
    note: str = ""


@dataclass(frozen=True)
class Region:
    """One regional datacenter of a product and the hosts that belong to it."""

    id: str
    name: str
    console_hosts: tuple[str, ...] = ()
    api_hosts: tuple[str, ...] = ()
    mail_hosts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    confidence: str = "doc"
    #: Other names for the region (``eu``, ``emea``), lower case; ``--expect`` accepts them.
    aliases: tuple[str, ...] = ()
    #: Names or ``*`` patterns of the status page's components (or groups) serving the region.
    status_components: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """The id and every alias: each name ``--expect`` accepts for this region."""
        return (self.id, *self.aliases)

    def hosts(self) -> Iterator[tuple[str, str]]:
        """(host, role) for every host of the region."""
        for role, hosts in (
            ("console", self.console_hosts),
            ("api", self.api_hosts),
            ("mail", self.mail_hosts),
        ):
            for host in hosts:
                yield host, role


@dataclass(frozen=True)
class KnownHost:
    """A genuine vendor host that belongs to no single region (sign-on, global login)."""

    host: str
    role: str
    note: str = ""
    confidence: str = "doc"


@dataclass(frozen=True)
class SignOn:
    """How users of the product sign in, and the rules the identity checks apply."""

    service: str = ""
    hosts: tuple[str, ...] = ()
    #: A Microsoft account without a given name or surname cannot sign in.
    microsoft_names_required: bool = False
    #: One person may have only one login address.
    one_address_per_user: bool = False
    #: The login must be the primary address, not an alias.
    login_is_primary_address: bool = False
    #: Days an invited account may stay unactivated (0: no rule).
    activation_days: int = 0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestField:
    """One field a support request must carry."""

    id: str
    label: str
    kind: str = "text"
    required: bool = True
    aliases: tuple[str, ...] = ()
    advice: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestKind:
    """A kind of support request (a vendor's case or ticket) and its fields."""

    id: str
    name: str
    fields: tuple[RequestField, ...]
    where: str = ""
    advice: tuple[str, ...] = ()
    follow_up_hours: int = 0
    severity: int | None = None
    profile_id: str = ""


@dataclass(frozen=True)
class Profile:
    """Everything emailsec-check knows about one product."""

    id: str
    name: str
    vendor: str = ""
    aliases: tuple[str, ...] = ()
    status_page: StatusPage | None = None
    regions: tuple[Region, ...] = ()
    known_hosts: tuple[KnownHost, ...] = ()
    sign_on: SignOn = field(default_factory=SignOn)
    requests: tuple[RequestKind, ...] = ()
    multi_region_note: str = ""
    notes: tuple[str, ...] = ()
    source: str = ""

    #: Domains the vendor has registered (``cisco.com``): an unlisted host there is genuine.
    vendor_domains: tuple[str, ...] = ()

    def region(self, region_id: str) -> Region | None:
        return next((region for region in self.regions if region.id == region_id), None)

    def find_region(self, name: str) -> Region | None:
        """The region whose id or alias is ``name``, in any letter case."""
        wanted = name.strip().casefold()
        return next((r for r in self.regions if wanted in r.names()), None)

    def region_names(self) -> list[str]:
        """Every id and alias of the product's regions (for "did you mean")."""
        return [name for region in self.regions for name in region.names()]


@dataclass(frozen=True)
class HostMatch:
    """A genuine host: whose it is, and for which region (None for global hosts)."""

    profile: Profile
    region: Region | None
    role: str
    note: str = ""


class ProfileSet:
    """The loaded profiles, by id, with a host index built once."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        self._by_id = {profile.id: profile for profile in profiles}
        self.hosts: dict[str, HostMatch] = _index_hosts(self._by_id.values())

    def __iter__(self) -> Iterator[Profile]:
        return iter(sorted(self._by_id.values(), key=lambda profile: profile.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, name: str) -> Profile | None:
        """A profile by id or alias, in any letter case."""
        wanted = name.strip().lower()
        if wanted in self._by_id:
            return self._by_id[wanted]
        return next((p for p in self if wanted in (a.lower() for a in p.aliases)), None)

    def require(self, name: str) -> Profile:
        profile = self.get(name)
        if profile is None:
            known = ", ".join(p.id for p in self) or "none"
            raise InputError(f"unknown product {name!r} (known: {known})")
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


# --------------------------------------------------------------------------- finding


def bundled_dir() -> Path:
    """The bundled profiles: inside the installed wheel, else the checkout's ``profiles/``."""
    package = Path(__file__).resolve().parent
    installed = package / "_profiles"
    if installed.is_dir():
        return installed
    return package.parent / "profiles"


def _folders(extra: Sequence[str], environ: Mapping[str, str] | None) -> list[tuple[Path, str]]:
    """(folder, who named it): bundled, then the environment's, then ``--profiles-dir``."""
    env = os.environ if environ is None else environ
    named = [p for p in env.get(ENV_PROFILES, "").split(os.pathsep) if p.strip()]
    return [
        (bundled_dir(), "bundled"),
        *((Path(item), ENV_PROFILES) for item in named),
        *((Path(item), "--profiles-dir") for item in extra),
    ]


def profile_dirs(extra: Sequence[str] = (), environ: Mapping[str, str] | None = None) -> list[Path]:
    """Bundled folder first, then the environment's, then ``--profiles-dir`` (later wins)."""
    return [folder for folder, _ in _folders(extra, environ)]


def load_profiles(
    extra_dirs: Sequence[str] = (), environ: Mapping[str, str] | None = None
) -> ProfileSet:
    """Load and validate every profile; a later folder's profile replaces an earlier one."""
    by_id: dict[str, Profile] = {}
    for folder, origin in _folders(extra_dirs, environ):
        if not folder.is_dir():
            if origin == "bundled":
                raise InputError(f"bundled profiles folder is missing: {folder}")
            raise InputError(f"profiles folder not found (named by {origin})", path=folder)
        for path in sorted(folder.glob("*.toml")):
            profile = load_profile_file(path)
            by_id[profile.id] = profile
    _check_request_ids(by_id.values())
    return ProfileSet(by_id.values())


def load_profile_file(path: Path) -> Profile:
    data, where = read_toml_file(path, what="profile", max_bytes=MAX_PROFILE_BYTES)
    profile = parse_profile(data, where)
    if profile.id != path.stem:
        raise where.error("id", f"id {profile.id!r} must match the file name ({path.stem}.toml)")
    return profile


# --------------------------------------------------------------------------- parsing


def _id(table: _Table, name: str = "id", pattern: re.Pattern[str] = ID_PATTERN) -> str:
    value = table.text(name, required=True)
    if not pattern.match(value):
        raise table.where.error(
            table.key(name),
            f"{value!r} must be lower-case letters, digits and "
            f"{'_' if pattern is FIELD_ID_PATTERN else '-'}",
        )
    return value


def parse_profile(data: Mapping[str, Any], where: _Where) -> Profile:
    top = _Table(dict(data), "", where)
    profile_id = _id(top)
    profile = Profile(
        id=profile_id,
        name=top.text("name", required=True),
        vendor=top.text("vendor"),
        aliases=top.strings("aliases"),
        status_page=top.table("status_page", _parse_status_page),
        regions=top.tables("regions", _parse_region),
        known_hosts=top.tables("known_hosts", _parse_known_host),
        sign_on=top.table("sign_on", _parse_sign_on) or SignOn(),
        requests=tuple(
            RequestKind(**{**kind.__dict__, "profile_id": profile_id})
            for kind in top.tables("requests", _parse_request_kind)
        ),
        multi_region_note=top.text("multi_region_note"),
        notes=top.strings("notes"),
        source=str(where.path),
        vendor_domains=top.hosts("vendor_domains"),
    )
    top.done()
    _unique(where, "regions", [region.id for region in profile.regions])
    _unique_region_names(where, profile.regions)
    _unique(where, "requests", [kind.id for kind in profile.requests])
    for number, kind in enumerate(profile.requests):
        _unique(where, f"requests[{number}].fields", [f.id for f in kind.fields])
    return profile


def _unique(where: _Where, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for number, item in enumerate(ids):
        if item in seen:
            # The key of the second one, so the line is where the copy is.
            raise where.error(f"{key}[{number}].id", f"duplicate id {item!r} in {key}")
        seen.add(item)


def _unique_region_names(where: _Where, regions: Sequence[Region]) -> None:
    """Each id and alias names one region of the product: ``--expect eu`` must not be a guess."""
    owner: dict[str, str] = {}
    for number, region in enumerate(regions):
        for name in region.names():
            if name in owner and owner[name] != region.id:
                key = "id" if name == region.id else "aliases"
                raise where.error(
                    f"regions[{number}].{key}",
                    f"{name!r} already names region {owner[name]!r}; an alias must name one "
                    "region of the product",
                )
            owner[name] = region.id


def _parse_status_page(table: _Table) -> StatusPage:
    url = table.text("url", required=True)
    if not re.match(r"^https?://[^\s/]+", url):
        raise table.where.error(table.key("url"), f"{url!r} is not an http(s) URL")
    api_url = table.text("api_url") or None
    return StatusPage(
        url=url,
        platform=table.choice("platform", STATUS_PLATFORMS, "auto"),
        api_url=api_url,
        confidence=table.choice("confidence", CONFIDENCE_LEVELS, "doc"),
        note=table.text("note"),
    )


def _parse_region(table: _Table) -> Region:
    return Region(
        id=_id(table),
        name=table.text("name", required=True),
        console_hosts=table.hosts("console_hosts"),
        api_hosts=table.hosts("api_hosts"),
        mail_hosts=table.hosts("mail_hosts"),
        notes=table.strings("notes"),
        confidence=table.choice("confidence", CONFIDENCE_LEVELS, "doc"),
        aliases=_region_aliases(table),
        status_components=_status_components(table),
    )


def _region_aliases(table: _Table) -> tuple[str, ...]:
    aliases = tuple(alias.strip().lower() for alias in table.strings("aliases"))
    for alias in aliases:
        if not ID_PATTERN.match(alias):
            raise table.where.error(
                table.key("aliases"),
                f"alias {alias!r} must be letters, digits and - (compared in any letter case)",
            )
    if len(set(aliases)) != len(aliases):
        raise table.where.error(table.key("aliases"), "an alias is listed twice")
    return aliases


def _status_components(table: _Table) -> tuple[str, ...]:
    names = tuple(name.strip() for name in table.strings("status_components"))
    if any(not name or name == "*" for name in names):
        raise table.where.error(
            table.key("status_components"),
            "each entry must name components (a name, or a pattern such as '* (Europe)'), "
            "not be empty or a bare '*'",
        )
    return names


def _parse_known_host(table: _Table) -> KnownHost:
    hosts = table.hosts("host") if isinstance(table.data.get("host"), list) else None
    host = hosts[0] if hosts else table.text("host", required=True).strip().lower().rstrip(".")
    if not HOST_PATTERN.match(host):
        raise table.where.error(table.key("host"), f"{host!r} is not a host name")
    return KnownHost(
        host=host,
        role=table.text("role", required=True),
        note=table.text("note"),
        confidence=table.choice("confidence", CONFIDENCE_LEVELS, "doc"),
    )


def _parse_sign_on(table: _Table) -> SignOn:
    return SignOn(
        service=table.text("service"),
        hosts=table.hosts("hosts"),
        microsoft_names_required=table.flag("microsoft_names_required"),
        one_address_per_user=table.flag("one_address_per_user"),
        login_is_primary_address=table.flag("login_is_primary_address"),
        activation_days=table.number("activation_days", 0) or 0,
        notes=table.strings("notes"),
    )


def _parse_request_kind(table: _Table) -> RequestKind:
    return RequestKind(
        id=_id(table),
        name=table.text("name", required=True),
        fields=table.tables("fields", _parse_field),
        where=table.text("where"),
        advice=table.strings("advice"),
        follow_up_hours=table.number("follow_up_hours", 0) or 0,
        severity=table.number("severity"),
    )


def _parse_field(table: _Table) -> RequestField:
    return RequestField(
        id=_id(table, pattern=FIELD_ID_PATTERN),
        label=table.text("label", required=True),
        kind=table.choice("kind", FIELD_KINDS, "text"),
        required=table.flag("required", True),
        aliases=table.strings("aliases"),
        advice=table.text("advice"),
        choices=table.strings("choices"),
    )


# --------------------------------------------------------------------------- cross-checks


def _index_hosts(profiles: Iterable[Profile]) -> dict[str, HostMatch]:
    """host -> HostMatch; a host claimed by two regions (anywhere) is an error.

    Profiles come in load order (bundled first), so the error names the file
    loaded later: usually the user's own, the one to change.
    """
    ordered = list(profiles)
    index: dict[str, HostMatch] = {}
    owner: dict[str, str] = {}
    for profile in ordered:
        for region in profile.regions:
            for host, role in region.hosts():
                here = f"{profile.id} region {region.id}"
                if host in owner:
                    raise _claimed_twice(profile, host, "regions", f"{owner[host]} and by {here}")
                owner[host] = f"{here} ({Path(profile.source).name or profile.id})"
                index[host] = HostMatch(profile, region, role)
    for profile in ordered:
        for known in profile.known_hosts:
            if known.host in owner:
                raise _claimed_twice(
                    profile, known.host, "known_hosts", f"{owner[known.host]} and as a global host"
                )
            # A shared global host (one sign-on for several products) keeps its first owner.
            index.setdefault(known.host, HostMatch(profile, None, known.role, known.note))
    return index


def _claimed_twice(profile: Profile, host: str, key: str, owners: str) -> InputError:
    line = None
    if profile.source:
        try:
            text = Path(profile.source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError):
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


def _check_request_ids(profiles: Iterable[Profile]) -> None:
    seen: dict[str, str] = {}
    for profile in profiles:
        for kind in profile.requests:
            if kind.id in seen and seen[kind.id] != profile.id:
                raise InputError(
                    f"request kind {kind.id!r} is defined by {seen[kind.id]} and by {profile.id}",
                    path=profile.source or None,
                    key="requests",
                )
            seen[kind.id] = profile.id
