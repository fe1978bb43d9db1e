"""Product profiles: one TOML file per product, loaded and validated into immutable records.

:mod:`.model` holds what a profile says (products, regions, hosts by kind), :mod:`.index`
the loaded set with its host index; :mod:`.load` finds the files and reads them. Import from
here: ``from emailsec_check.profiles import load_profiles, Profile, ProfileSet, Region``.
"""

from __future__ import annotations

from emailsec_check.profiles.index import HostMatch, ProfileSet
from emailsec_check.profiles.load import (
    ENV_PROFILES,
    FIELD_KINDS,
    MAX_PROFILE_BYTES,
    STATUS_PLATFORMS,
    bundled_dir,
    load_profile_file,
    load_profiles,
    parse_profile,
    profile_dirs,
)
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

__all__ = [
    "CONFIDENCE_LEVELS",
    "ENV_PROFILES",
    "FIELD_KINDS",
    "MAX_PROFILE_BYTES",
    "STATUS_PLATFORMS",
    "HostKind",
    "HostMatch",
    "KnownHost",
    "Profile",
    "ProfileSet",
    "Region",
    "RequestField",
    "RequestKind",
    "SignOn",
    "StatusPage",
    "bundled_dir",
    "load_profile_file",
    "load_profiles",
    "parse_profile",
    "profile_dirs",
]
