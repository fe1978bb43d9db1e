"""What a product profile holds: immutable records and the host kinds.

Nothing here reads a file; :mod:`emailsec_check.profiles.load` builds these from TOML, and
:mod:`emailsec_check.profiles.index` holds the loaded set with its host index.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Final, Optional

from emailsec_check.errors import InputError
from emailsec_check.record import Record
from emailsec_check.rules.suggest import did_you_mean_text

__all__ = [
    "CONFIDENCE_LEVELS",
    "HostKind",
    "KnownHost",
    "Profile",
    "Region",
    "RequestField",
    "RequestKind",
    "SignOn",
    "StatusPage",
    "as_plain_data",
]

#: How sure we are of a fact; shown beside it so an admin knows what to double-check.
CONFIDENCE_LEVELS = ("seed", "doc", "3rd", "uncertain")


class HostKind(str, Enum):
    """What a vendor host is for; the value is the word profiles use."""

    CONSOLE = "console"
    SIGN_ON = "sign-on"
    API = "api"
    MAIL = "mail"
    STATUS = "status"

    def __str__(self) -> str:
        return self.value

    @property
    def words(self) -> str:
        """How a report names a host of this kind: "console", "mail-flow host"."""
        return _KIND_WORDS[self]


_KIND_WORDS = {
    HostKind.CONSOLE: "console",
    HostKind.SIGN_ON: "sign-on page",
    HostKind.API: "API host",
    HostKind.MAIL: "mail-flow host",
    HostKind.STATUS: "status page",
}


class StatusPage(Record):
    """The vendor's public status page and how to read it."""

    __slots__ = ("url", "platform", "api_url", "confidence", "note")

    url: Final[str]
    platform: Final[str]
    api_url: Final[Optional[str]]
    confidence: Final[str]
    note: Final[str]

    def __init__(
        self,
        url: str,
        platform: str = "auto",
        api_url: Optional[str] = None,
        confidence: str = "doc",
        note: str = "",
    ) -> None:
        self.url = url
        self.platform = platform
        self.api_url = api_url
        self.confidence = confidence
        self.note = note

    @property
    def host(self) -> str:
        """The page's host, read by the tool's one URL parser ("" if it has none)."""
        # Imported here: rules.hosts is built on this module.
        from emailsec_check.rules.urls import host_of

        return host_of(self.url) or ""


class Region(Record):
    """One regional datacenter of a product and the hosts that belong to it."""

    __slots__ = (
        "id",
        "name",
        "console_hosts",
        "api_hosts",
        "mail_hosts",
        "notes",
        "confidence",
        "aliases",
        "status_components",
        "host_confidences",
    )

    id: Final[str]
    name: Final[str]
    console_hosts: Final[tuple[str, ...]]
    api_hosts: Final[tuple[str, ...]]
    mail_hosts: Final[tuple[str, ...]]
    notes: Final[tuple[str, ...]]
    confidence: Final[str]
    #: Other names for the region (``eu``, ``emea``), lower case; ``--expect`` accepts them.
    aliases: Final[tuple[str, ...]]
    #: Names or ``*`` patterns of the status page's components (or groups) serving the region.
    status_components: Final[tuple[str, ...]]
    #: (host, confidence) for hosts known more or less surely than the region as a whole.
    host_confidences: Final[tuple[tuple[str, str], ...]]

    def __init__(
        self,
        id: str,
        name: str,
        console_hosts: tuple[str, ...] = (),
        api_hosts: tuple[str, ...] = (),
        mail_hosts: tuple[str, ...] = (),
        notes: tuple[str, ...] = (),
        confidence: str = "doc",
        aliases: tuple[str, ...] = (),
        status_components: tuple[str, ...] = (),
        host_confidences: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.id = id
        self.name = name
        self.console_hosts = console_hosts
        self.api_hosts = api_hosts
        self.mail_hosts = mail_hosts
        self.notes = notes
        self.confidence = confidence
        self.aliases = aliases
        self.status_components = status_components
        self.host_confidences = host_confidences

    def names(self) -> tuple[str, ...]:
        """The id and every alias: each name ``--expect`` accepts for this region."""
        return (self.id, *self.aliases)

    def hosts(self) -> Iterator[tuple[str, HostKind]]:
        """(host, kind) for every host of the region."""
        for kind, hosts in (
            (HostKind.CONSOLE, self.console_hosts),
            (HostKind.API, self.api_hosts),
            (HostKind.MAIL, self.mail_hosts),
        ):
            for host in hosts:
                yield host, kind

    def host_confidence(self, host: str) -> str:
        """How sure the profile is that ``host`` is this region's."""
        return dict(self.host_confidences).get(host, self.confidence)

    def host_uncertain(self, host: str) -> bool:
        """Whether it is this host, not the region, whose region is unconfirmed."""
        return self.confidence != "uncertain" and self.host_confidence(host) == "uncertain"


class KnownHost(Record):
    """A genuine vendor host that belongs to no single region (sign-on, global login)."""

    __slots__ = ("host", "role", "note", "confidence")

    host: Final[str]
    role: Final[HostKind]
    note: Final[str]
    confidence: Final[str]

    def __init__(self, host: str, role: HostKind, note: str = "", confidence: str = "doc") -> None:
        self.host = host
        self.role = role
        self.note = note
        self.confidence = confidence


class SignOn(Record):
    """How users of the product sign in, and the rules the identity checks apply."""

    __slots__ = (
        "service",
        "hosts",
        "microsoft_names_required",
        "one_address_per_user",
        "login_is_primary_address",
        "activation_days",
        "notes",
    )

    service: Final[str]
    hosts: Final[tuple[str, ...]]
    #: A Microsoft account without a given name or surname cannot sign in.
    microsoft_names_required: Final[bool]
    #: One person may have only one login address.
    one_address_per_user: Final[bool]
    #: The login must be the primary address, not an alias.
    login_is_primary_address: Final[bool]
    #: Days an invited account may stay unactivated (0: no rule).
    activation_days: Final[int]
    notes: Final[tuple[str, ...]]

    def __init__(
        self,
        service: str = "",
        hosts: tuple[str, ...] = (),
        microsoft_names_required: bool = False,
        one_address_per_user: bool = False,
        login_is_primary_address: bool = False,
        activation_days: int = 0,
        notes: tuple[str, ...] = (),
    ) -> None:
        self.service = service
        self.hosts = hosts
        self.microsoft_names_required = microsoft_names_required
        self.one_address_per_user = one_address_per_user
        self.login_is_primary_address = login_is_primary_address
        self.activation_days = activation_days
        self.notes = notes


#: The sign-on of a profile that states none: no rules for the identity checks to apply.
NO_SIGN_ON_RULES = SignOn()


class RequestField(Record):
    """One field a support request must carry."""

    __slots__ = ("id", "label", "kind", "required", "aliases", "advice", "choices")

    id: Final[str]
    label: Final[str]
    kind: Final[str]
    required: Final[bool]
    aliases: Final[tuple[str, ...]]
    advice: Final[str]
    choices: Final[tuple[str, ...]]

    def __init__(
        self,
        id: str,
        label: str,
        kind: str = "text",
        required: bool = True,
        aliases: tuple[str, ...] = (),
        advice: str = "",
        choices: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.label = label
        self.kind = kind
        self.required = required
        self.aliases = aliases
        self.advice = advice
        self.choices = choices


class RequestKind(Record):
    """A kind of support request (a vendor's case or ticket) and its fields."""

    __slots__ = (
        "id",
        "name",
        "fields",
        "where",
        "advice",
        "follow_up_hours",
        "severity",
        "profile_id",
    )

    id: Final[str]
    name: Final[str]
    fields: Final[tuple[RequestField, ...]]
    where: Final[str]
    advice: Final[tuple[str, ...]]
    follow_up_hours: Final[int]
    severity: Final[Optional[int]]
    profile_id: Final[str]

    def __init__(
        self,
        id: str,
        name: str,
        fields: tuple[RequestField, ...],
        where: str = "",
        advice: tuple[str, ...] = (),
        follow_up_hours: int = 0,
        severity: Optional[int] = None,
        profile_id: str = "",
    ) -> None:
        self.id = id
        self.name = name
        self.fields = fields
        self.where = where
        self.advice = advice
        self.follow_up_hours = follow_up_hours
        self.severity = severity
        self.profile_id = profile_id


class Profile(Record):
    """Everything emailsec-check knows about one product."""

    __slots__ = (
        "id",
        "name",
        "vendor",
        "aliases",
        "status_page",
        "regions",
        "known_hosts",
        "sign_on",
        "requests",
        "multi_region_note",
        "notes",
        "source",
        "vendor_domains",
        "private_cloud_note",
    )

    id: Final[str]
    name: Final[str]
    vendor: Final[str]
    aliases: Final[tuple[str, ...]]
    status_page: Final[Optional[StatusPage]]
    regions: Final[tuple[Region, ...]]
    known_hosts: Final[tuple[KnownHost, ...]]
    sign_on: Final[SignOn]
    requests: Final[tuple[RequestKind, ...]]
    multi_region_note: Final[str]
    notes: Final[tuple[str, ...]]
    source: Final[str]
    #: Domains the vendor has registered (``cisco.com``): an unlisted host there is genuine.
    vendor_domains: Final[tuple[str, ...]]
    #: Where the product can run on the customer's own domain (Private Cloud), how to add it.
    private_cloud_note: Final[str]

    def __init__(
        self,
        id: str,
        name: str,
        vendor: str = "",
        aliases: tuple[str, ...] = (),
        status_page: Optional[StatusPage] = None,
        regions: tuple[Region, ...] = (),
        known_hosts: tuple[KnownHost, ...] = (),
        sign_on: SignOn = NO_SIGN_ON_RULES,
        requests: tuple[RequestKind, ...] = (),
        multi_region_note: str = "",
        notes: tuple[str, ...] = (),
        source: str = "",
        vendor_domains: tuple[str, ...] = (),
        private_cloud_note: str = "",
    ) -> None:
        self.id = id
        self.name = name
        self.vendor = vendor
        self.aliases = aliases
        self.status_page = status_page
        self.regions = regions
        self.known_hosts = known_hosts
        self.sign_on = sign_on
        self.requests = requests
        self.multi_region_note = multi_region_note
        self.notes = notes
        self.source = source
        self.vendor_domains = vendor_domains
        self.private_cloud_note = private_cloud_note

    def region(self, region_id: str) -> Optional[Region]:
        return next((region for region in self.regions if region.id == region_id), None)

    def find_region(self, name: str) -> Optional[Region]:
        """The region whose id or alias is ``name``, in any letter case."""
        wanted = name.strip().casefold()
        return next((r for r in self.regions if wanted in r.names()), None)

    def region_names(self) -> list[str]:
        """Every id and alias of the product's regions (for "did you mean")."""
        return [name for region in self.regions for name in region.names()]

    def require_region(self, name: str) -> Region:
        """:meth:`find_region`, or an ``InputError`` listing the regions and the nearest."""
        region = self.find_region(name)
        if region is None:
            raise InputError(
                f"{self.name} has no region {name.strip()!r}"
                f"{did_you_mean_text(name.strip(), self.region_names())}; "
                f"its regions: {self.describe_regions()}"
            )
        return region

    def describe_regions(self) -> str:
        """``europe (eu, emea), apjc (apac)``: ids with their aliases, for messages."""
        return (
            ", ".join(
                region.id + (f" ({', '.join(region.aliases)})" if region.aliases else "")
                for region in self.regions
            )
            or "none"
        )


def as_plain_data(value: object) -> object:
    """A record (and the records in it) as dicts and lists, for ``json.dumps``."""
    if isinstance(value, Record):
        return {key: as_plain_data(item) for key, item in value.as_dict().items()}
    if isinstance(value, tuple):
        return [as_plain_data(item) for item in value]
    return value
