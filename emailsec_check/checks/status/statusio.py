"""Status.io: reading the public status JSON (``api.status.io/1.0/status/<page id>``).

Each component has a state per container (Status.io's word for a location or
datacenter); each pair becomes one ``Component`` with its ``location``, so a region
can be matched by location or by component. Incidents name the components and
containers they affect. Codes are read as ASCII digits or whole finite numbers only:
``NaN``, ``Infinity``, ``"²"`` or a huge integer is no code (the state's name decides,
else the entry is ignored). Incidents carry no public link of their own, so they point
at the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from emailsec_check.checks.status.lenient import code_of, table, tables, text
from emailsec_check.checks.status.model import (
    Component,
    Incident,
    Indicator,
    Platform,
    Ref,
    VendorReport,
    worst,
)

__all__ = ["parse_statusio"]

# Status.io's status codes and names (100 operational, 200 planned maintenance, ...).
_CODES = {
    100: Indicator.NONE,
    200: Indicator.MAINTENANCE,
    300: Indicator.MINOR,
    400: Indicator.MAJOR,
    500: Indicator.CRITICAL,
    600: Indicator.MAJOR,  # security event
}
_NAMES = {
    "operational": Indicator.NONE,
    "planned maintenance": Indicator.MAINTENANCE,
    "degraded performance": Indicator.MINOR,
    "partial service disruption": Indicator.MAJOR,
    "service disruption": Indicator.CRITICAL,
    "security event": Indicator.MAJOR,
}


def level_of(code: Any, name: Any) -> Optional[Indicator]:
    """The indicator for a Status.io code (or, failing that, its name); None when neither."""
    number = code_of(code)
    if number is not None:
        if number in _CODES:
            return _CODES[number]
        return Indicator.NONE if number < 200 else Indicator.MINOR
    word = text(name).lower()
    if word:
        return _NAMES.get(word, Indicator.MINOR)
    return None


def parse_statusio(document: Any, page_url: str) -> Optional[VendorReport]:
    """Status.io's public status JSON; None when the document is not one."""
    result = table(document).get("result")
    if not isinstance(result, Mapping):
        return None
    overall = table(result.get("status_overall"))
    entries = tables(result.get("status"))
    if not overall and not entries:
        return None
    components = tuple(cell for entry in entries for cell in _cells(entry))
    incidents = tuple(
        _incident(item, page_url, Indicator.MINOR) for item in tables(result.get("incidents"))
    )
    maintenances = tuple(
        _incident(item, page_url, Indicator.MAINTENANCE, status="in_progress")
        for item in tables(table(result.get("maintenance")).get("active"))
    )
    # An open incident is worth a look even when nothing is degraded.
    levels = [c.level for c in components] + [i.level for i in (*incidents, *maintenances)]
    overall_level = level_of(overall.get("status_code"), overall.get("status"))
    if overall_level is not None:
        levels.append(overall_level)
    return VendorReport(
        platform=Platform.STATUSIO,
        indicator=worst(levels),
        reported=text(overall.get("status")) or text(overall.get("status_code")) or None,
        description=text(overall.get("status")),
        components=components,
        incidents=incidents,
        maintenances=maintenances,
        updated_at=text(overall.get("updated")) or None,
    )


def _cells(entry: Mapping[str, Any]) -> list[Component]:
    """A component's state at each of its locations (or overall, when it lists none)."""
    name = text(entry.get("name")) or "(unnamed)"
    ident = text(entry.get("id")) or text(entry.get("_id"))
    own = level_of(entry.get("status_code"), entry.get("status")) or Indicator.NONE
    own_word = text(entry.get("status")).lower() or own.value
    cells = []
    for container in tables(entry.get("containers")):
        level = level_of(container.get("status_code"), container.get("status")) or Indicator.NONE
        cells.append(
            Component(
                name=name,
                status=text(container.get("status")).lower() or level.value,
                level=level,
                ident=ident,
                location=text(container.get("name")) or "(unnamed)",
                location_ident=text(container.get("id")) or text(container.get("_id")),
            )
        )
    if not cells or own.rank > worst(cell.level for cell in cells).rank:
        # No locations, or a state worse than any location's: the component itself counts.
        cells.append(Component(name=name, status=own_word, level=own, ident=ident))
    return cells


def _incident(
    item: Mapping[str, Any], page_url: str, level: Indicator, status: str = ""
) -> Incident:
    return Incident(
        name=text(item.get("name")) or text(item.get("title")) or "(untitled)",
        status=status or text(item.get("state") or item.get("status")).lower(),
        impact="maintenance" if level is Indicator.MAINTENANCE else "",
        link=page_url,
        level=level,
        components=_refs(item.get("components_affected")),
        locations=_refs(item.get("containers_affected")),
    )


def _refs(value: Any) -> tuple[Ref, ...]:
    return tuple(
        Ref(text(ref.get("_id")) or text(ref.get("id")), text(ref.get("name")))
        for ref in tables(value)
    )
