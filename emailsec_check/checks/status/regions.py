"""One region's share of a status page: the components that serve it, and the incidents
that touch them or the whole page.

A region's ``status_components`` (in its profile) are exact names or ``*`` patterns,
compared without regard to case, with a component's name, its Statuspage group, its
Status.io location, or its label (``Group / Component``, ``Component (Location)``).
Only ``*`` is special. An incident that names no component and no location concerns
the whole page and so every region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Optional

from emailsec_check.checks.status.model import (
    Component,
    Incident,
    Ref,
    VendorReport,
    worst,
)

__all__ = ["RegionScope", "for_region", "matches"]


@dataclass(frozen=True)
class RegionScope:
    """A region to judge a page for: its id, its name and its component patterns."""

    id: str
    name: str
    #: Empty: the page is not split by region, so the whole page is judged.
    patterns: tuple[str, ...] = ()


def matches(patterns: Sequence[str], names: Sequence[str]) -> bool:
    """Whether any of ``names`` is one of ``patterns`` (``*`` matches any run of characters)."""
    compiled = [_compile(pattern) for pattern in patterns]
    return any(rule.match(name) for rule in compiled for name in names)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compile(pattern: str) -> re.Pattern[str]:
    found = _CACHE.get(pattern)
    if found is None:
        body = ".*".join(re.escape(part) for part in pattern.strip().split("*"))
        found = re.compile(rf"\s*{body}\s*\Z", re.IGNORECASE | re.DOTALL)
        if len(_CACHE) < 1024:
            _CACHE[pattern] = found
    return found


def for_region(report: VendorReport, scope: RegionScope) -> Optional[VendorReport]:
    """``report`` narrowed to ``scope``'s components and the incidents that touch them.

    The region's indicator is the worst of those alone: the page's overall word is
    about the whole page, so it does not count. None when the region names patterns
    but no component of the page matches them (the profile may be out of date).
    Without patterns, the whole report is returned unchanged.
    """
    if not scope.patterns:
        return report
    mine = tuple(c for c in report.components if matches(scope.patterns, c.names))
    if not mine:
        return None
    incidents = tuple(i for i in report.incidents if _touches(i, mine, scope.patterns))
    maintenances = tuple(i for i in report.maintenances if _touches(i, mine, scope.patterns))
    levels = [c.level for c in mine] + [i.level for i in (*incidents, *maintenances)]
    return replace(
        report,
        indicator=worst(levels),
        reported=None,
        description="",
        components=mine,
        incidents=incidents,
        maintenances=maintenances,
    )


def _touches(incident: Incident, mine: Sequence[Component], patterns: Sequence[str]) -> bool:
    """Whether ``incident`` concerns the whole page or one of the region's components."""
    if incident.whole_page:
        return True
    component_ok = not incident.components or any(
        _names_one(ref, patterns, {i for c in mine for i in (c.ident, c.group_ident) if i})
        for ref in incident.components
    )
    location_ok = not incident.locations or any(
        _names_one(ref, patterns, {c.location_ident for c in mine if c.location_ident})
        or ref.name.casefold() in {c.location.casefold() for c in mine if c.location}
        for ref in incident.locations
    )
    return component_ok and location_ok


def _names_one(ref: Ref, patterns: Sequence[str], idents: set[str]) -> bool:
    """``ref`` is one of the region's by id, or its name fits the region's patterns."""
    return (bool(ref.ident) and ref.ident in idents) or (
        bool(ref.name) and matches(patterns, [ref.name])
    )
