"""Finding profile files and reading them into the records of :mod:`.model`.

The bundled profiles live in the repository's ``profiles/`` folder (inside the
wheel as ``emailsec_check/_profiles``); ``--profiles-dir`` and
``EMAILSEC_CHECK_PROFILES`` add folders whose profiles replace bundled ones with
the same ``id``. Every file is validated on load: unknown or missing keys, wrong
types, duplicate ids, an alias naming two regions and a host claimed twice are an
``InputError`` naming the file, key and (where we can find it) line. The bundled
files were validated when the package was made: a bundled file whose text is still what
it was then is taken as built then (``built.py``, see :func:`load_profile_file`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emailsec_check.errors import InputError
from emailsec_check.profiles.index import ProfileSet
from emailsec_check.profiles.model import (
    CONFIDENCE_LEVELS,
    HostKind,
    KnownHost,
    Profile,
    Region,
    RequestField,
    RequestKind,
    SignOn,
    StatusPage,
)
from emailsec_check.rules.hostnames import is_dns_name
from emailsec_check.rules.text import lazy_pattern
from emailsec_check.sources.files import read_user_text

if TYPE_CHECKING:
    from emailsec_check.tomltable import Table as _Table
    from emailsec_check.tomltable import Where as _Where

ENV_PROFILES = "EMAILSEC_CHECK_PROFILES"
MAX_PROFILE_BYTES = 1024 * 1024
#: The module holding the bundled profiles already built (``scripts/gen_profile_cache.py``
#: writes it): each bundled file's Profile, as this module builds and validates it, with a
#: checksum of the file's text. It loads from its bytecode with no parser at all.
BUILT_MODULE = "emailsec_check.profiles.built"

__all__ = [
    "ENV_PROFILES",
    "FIELD_KINDS",
    "MAX_PROFILE_BYTES",
    "STATUS_PLATFORMS",
    "bundled_dir",
    "cache_key",
    "load_profile_file",
    "load_profiles",
    "parse_profile",
    "profile_dirs",
]
STATUS_PLATFORMS = ("statuspage", "statusio", "generic", "auto")
FIELD_KINDS = (
    "text", "email", "order_number", "datetime", "url", "browser", "product", "name",
)  # fmt: skip
# Checked only when a profile is parsed from its TOML, not when the cache serves it.
ID_PATTERN = lazy_pattern(r"^[a-z0-9][a-z0-9-]*$")
FIELD_ID_PATTERN = lazy_pattern(r"^[a-z0-9][a-z0-9_]*$")


# --------------------------------------------------------------------------- finding


def bundled_dir() -> Path:
    """The bundled profiles: inside the installed wheel, else the checkout's ``profiles/``."""
    package = Path(__file__).resolve().parent.parent
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
        built = _built_bundled() if origin == "bundled" else {}
        for path in _profile_files(folder):
            profile = load_profile_file(path, built)
            by_id[profile.id] = profile
    _check_request_ids(by_id.values())
    return ProfileSet(by_id.values())


def _profile_files(folder: Path) -> list[Path]:
    """The folder's ``*.toml`` files, by name."""
    try:
        names = [path.name for path in folder.iterdir()]
    except OSError as error:
        raise InputError(
            f"cannot list the profiles folder: {error.strerror or error}", path=folder
        ) from None
    return [folder / name for name in sorted(names) if name.endswith(".toml")]


def load_profile_file(path: Path, built: Mapping[str, Any] | None = None) -> Profile:
    """Read, parse and validate one profile file.

    ``built`` is the bundled profiles' cache: file name -> (checksum of a text, the Profile
    this module built and validated from that text when the package was made). A file
    whose text has that checksum now is taken from it; any other is parsed and validated.
    """
    text = read_user_text(path, what="profile", max_bytes=MAX_PROFILE_BYTES)
    cached = (built or {}).get(path.name)
    if (
        isinstance(cached, tuple)
        and len(cached) == 2
        and isinstance(cached[1], Profile)
        and cached[0] == cache_key(text)
    ):
        return cached[1].replace(source=str(path))
    # Only a file the cache does not hold is parsed: the TOML reader loads here.
    from emailsec_check.tomltable import parse_toml_text

    data, where = parse_toml_text(path, text)
    profile = parse_profile(data, where)
    if profile.id != path.stem:
        raise where.error("id", f"id {profile.id!r} must match the file name ({path.stem}.toml)")
    return profile


def cache_key(text: str) -> int:
    """The checksum that ties a cached profile to the exact text of a bundled file."""
    import zlib

    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _built_bundled() -> dict[str, Any]:
    """The bundled profiles' cache: file name -> (key, Profile); {} if unusable.

    Only a speed-up: a file missing from it, or changed since, is parsed from its TOML.
    A cache written for other records than today's fails as it loads, and is not used.
    """
    import importlib

    try:
        built = getattr(importlib.import_module(BUILT_MODULE), "BUILT", None)
    except (ImportError, SyntaxError, ValueError, TypeError, NameError, AttributeError):
        return {}
    return built if isinstance(built, dict) else {}


# --------------------------------------------------------------------------- parsing


def _id(
    table: _Table, name: str = "id", pattern: Callable[[], re.Pattern[str]] = ID_PATTERN
) -> str:
    value = table.text(name, required=True)
    if not pattern().match(value):
        raise table.where.error(
            table.key(name),
            f"{value!r} must be lower-case letters, digits and "
            f"{'_' if pattern is FIELD_ID_PATTERN else '-'}",
        )
    return value


def parse_profile(data: Mapping[str, Any], where: _Where) -> Profile:
    from emailsec_check.tomltable import Table

    top = Table(dict(data), "", where)
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
            kind.replace(profile_id=profile_id)
            for kind in top.tables("requests", _parse_request_kind)
        ),
        multi_region_note=top.text("multi_region_note"),
        notes=top.strings("notes"),
        source=str(where.path),
        vendor_domains=top.hosts("vendor_domains"),
        private_cloud_note=top.text("private_cloud_note"),
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
        host_confidences=_host_confidences(table),
    )


def _host_confidences(table: _Table) -> tuple[tuple[str, str], ...]:
    """``host_confidence = { "api.amp.cisco.com" = "3rd" }``: a host's own confidence."""
    sub = table.sub("host_confidence")
    if sub is None:
        return ()
    listed = {
        host for name in ("console_hosts", "api_hosts", "mail_hosts") for host in table.hosts(name)
    }
    pairs = []
    for host, sure in sub.data.items():
        name = host.strip().lower().rstrip(".")
        if name not in listed:
            raise table.where.error(
                table.key("host_confidence"),
                f"{host} is not one of the region's console_hosts, api_hosts or mail_hosts",
            )
        if sure not in CONFIDENCE_LEVELS:
            raise table.where.error(
                table.key("host_confidence"),
                f"{host}: must be one of {', '.join(CONFIDENCE_LEVELS)}; got {sure!r}",
            )
        pairs.append((name, sure))
    return tuple(pairs)


def _region_aliases(table: _Table) -> tuple[str, ...]:
    aliases = tuple(alias.strip().lower() for alias in table.strings("aliases"))
    for alias in aliases:
        if not ID_PATTERN().match(alias):
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
    if not is_dns_name(host):
        raise table.where.error(table.key("host"), f"{host!r} is not a host name")
    return KnownHost(
        host=host,
        role=_host_kind(table),
        note=table.text("note"),
        confidence=table.choice("confidence", CONFIDENCE_LEVELS, "doc"),
    )


# Words older profiles used for a global host's role, and the kind each means.
_OLD_ROLES = {
    "global-login": HostKind.CONSOLE,
    "login": HostKind.CONSOLE,
    "global-api": HostKind.API,
}


def _host_kind(table: _Table) -> HostKind:
    role = table.text("role", required=True).strip().lower()
    if role in _OLD_ROLES:
        return _OLD_ROLES[role]
    try:
        return HostKind(role)
    except ValueError:
        kinds = ", ".join(kind.value for kind in HostKind)
        raise table.where.error(
            table.key("role"), f"must be one of {kinds}; got {role!r}"
        ) from None


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
