"""What a status page says, as plain values: platforms, indicators, components, incidents.

The readers (``statuspage.py``, ``statusio.py``) build these from a page's JSON; the
verdicts (``verdicts.py``) judge them, for the whole page or for one region's share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Optional

__all__ = [
    "Component",
    "Incident",
    "Indicator",
    "Platform",
    "Ref",
    "VendorReport",
    "worst",
]


class Platform(str, Enum):
    """How a status page publishes its state (``status_page.platform`` in a profile)."""

    STATUSPAGE = "statuspage"  # Atlassian Statuspage: /api/v2/summary.json
    STATUSIO = "statusio"  # Status.io: the profile's api_url
    GENERIC = "generic"  # any other page: reachability only
    AUTO = "auto"  # not named: probed (a Statuspage summary, else generic)

    @property
    def word(self) -> str:
        """The platform's name in a sentence."""
        return _TITLES[self]


_TITLES = {
    Platform.STATUSPAGE: "Statuspage",
    Platform.STATUSIO: "Status.io",
    Platform.GENERIC: "status",
    Platform.AUTO: "status",
}


class Indicator(str, Enum):
    """The contract's ``indicator`` values, from healthy to worst."""

    NONE = "none"
    MAINTENANCE = "maintenance"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @classmethod
    def named(cls, word: str) -> Optional[Indicator]:
        """The indicator spelt ``word`` (any case), or None for a word we do not know."""
        return _BY_WORD.get(word.strip().lower())


_RANKS = {indicator: rank for rank, indicator in enumerate(Indicator)}
_BY_WORD = {indicator.value: indicator for indicator in Indicator}


def worst(levels: Iterable[Indicator]) -> Indicator:
    """The most severe of ``levels`` (``none`` when there are none)."""
    return max(levels, key=lambda level: level.rank, default=Indicator.NONE)


@dataclass(frozen=True)
class Ref:
    """A component or location an incident names: its id (may be empty) and name."""

    ident: str
    name: str


@dataclass(frozen=True)
class Component:
    """One component of a page (a Status.io component at one location is one of these)."""

    name: str
    #: The page's own word for its state, as sent (``partial_outage``, ``Operational``).
    status: str
    level: Indicator
    ident: str = ""
    #: The Statuspage group it belongs to, or "".
    group: str = ""
    group_ident: str = ""
    #: The Status.io container (location) this state is for, or "".
    location: str = ""
    location_ident: str = ""

    @property
    def label(self) -> str:
        """How a message names it: with its group or location."""
        if self.group:
            return f"{self.group} / {self.name}"
        if self.location:
            return f"{self.name} ({self.location})"
        return self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a region's ``status_components`` pattern may match."""
        return tuple(n for n in (self.name, self.group, self.location, self.label) if n)

    @property
    def idents(self) -> frozenset[str]:
        """The ids an incident may use to name this component (or its group, location)."""
        return frozenset(i for i in (self.ident, self.group_ident, self.location_ident) if i)


@dataclass(frozen=True)
class Incident:
    """An open incident or a maintenance in progress."""

    name: str
    status: str
    impact: str
    link: Optional[str]
    level: Indicator
    #: Components and locations it names; neither: it concerns the whole page.
    components: tuple[Ref, ...] = ()
    locations: tuple[Ref, ...] = ()

    @property
    def whole_page(self) -> bool:
        return not self.components and not self.locations


@dataclass(frozen=True)
class VendorReport:
    """What a status page says, in the platform's words and as an indicator."""

    platform: Platform
    #: The whole page's indicator: the worst of its parts and of its own overall word.
    indicator: Indicator
    #: The page's own word for its overall state, as sent (may be unknown to us).
    reported: Optional[str]
    description: str
    #: Every component the page lists (operational ones too), groups left out.
    components: tuple[Component, ...]
    incidents: tuple[Incident, ...]
    maintenances: tuple[Incident, ...]
    updated_at: Optional[str] = None
    #: The page's own name (Statuspage ``page.name``), "" when it gives none.
    page_name: str = ""

    @property
    def affected(self) -> tuple[Component, ...]:
        """The components that are not operational."""
        return tuple(c for c in self.components if c.level is not Indicator.NONE)

    @property
    def unknown_word(self) -> bool:
        """The page's overall word is one we do not know (it counts as minor)."""
        return self.reported is not None and Indicator.named(self.reported) is None
