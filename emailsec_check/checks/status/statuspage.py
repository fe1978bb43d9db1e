"""Atlassian Statuspage: reading ``/api/v2/summary.json`` into a ``VendorReport``.

Components are listed with their group (``group_id``; groups themselves have
``group: true`` and list their members), so a region's share of the page can be
judged later. Groups are not counted as components of their own: their state is their
members'. Incidents and maintenances keep the components they name.
Unknown states count as minor, so they are looked at; nothing in a page raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from emailsec_check.checks.status.lenient import table, tables, text
from emailsec_check.checks.status.model import (
    Component,
    Incident,
    Indicator,
    Platform,
    Ref,
    VendorReport,
    worst,
)

__all__ = ["SUMMARY_PATH", "parse_statuspage", "summary_url"]

SUMMARY_PATH = "/api/v2/summary.json"

_COMPONENT_LEVELS = {
    "operational": Indicator.NONE,
    "under_maintenance": Indicator.MAINTENANCE,
    "degraded_performance": Indicator.MINOR,
    "partial_outage": Indicator.MAJOR,
    "major_outage": Indicator.CRITICAL,
}
_FINISHED = frozenset({"resolved", "postmortem", "completed"})
_MAINTENANCE_NOT_ACTIVE = frozenset({"scheduled", "completed", "cancelled", "canceled"})


def summary_url(page_url: str) -> str:
    """Where a Statuspage page publishes its summary."""
    base = page_url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return base if base.endswith(SUMMARY_PATH) else base + SUMMARY_PATH


def parse_statuspage(document: Any) -> Optional[VendorReport]:
    """A Statuspage ``summary.json``; None when the document is not one."""
    if not isinstance(document, Mapping):
        return None
    status, page = document.get("status"), document.get("page")
    if not isinstance(status, Mapping) and not isinstance(page, Mapping):
        return None
    status, page = table(status), table(page)
    components = _components(tables(document.get("components")))
    incidents = tuple(
        _incident(item, _incident_level(item))
        for item in tables(document.get("incidents"))
        if text(item.get("status")).lower() not in _FINISHED
    )
    maintenances = tuple(
        _incident(item, Indicator.MAINTENANCE)
        for item in tables(document.get("scheduled_maintenances"))
        if _maintenance_active(text(item.get("status")).lower())
    )
    raw = text(status.get("indicator")).lower() or None
    levels = [c.level for c in components] + [i.level for i in (*incidents, *maintenances)]
    if raw is not None:
        levels.append(Indicator.named(raw) or Indicator.MINOR)  # unknown: worth a look
    return VendorReport(
        platform=Platform.STATUSPAGE,
        indicator=worst(levels),
        reported=raw,
        description=text(status.get("description")),
        components=components,
        incidents=incidents,
        maintenances=maintenances,
        updated_at=text(page.get("updated_at")) or None,
        page_name=text(page.get("name"))[:120],
    )


def _components(items: list[Mapping[str, Any]]) -> tuple[Component, ...]:
    groups = {text(item.get("id")): item for item in items if item.get("group") is True}
    # A member names its group (group_id); a group lists its members (components).
    group_of = {
        text(member): ident
        for ident, group in groups.items()
        if ident
        for member in _list(group.get("components"))
        if text(member)
    }
    found = []
    for item in items:
        if item.get("group") is True:
            continue  # its state is its members' states: not counted twice
        ident = text(item.get("id"))
        group_ident = text(item.get("group_id")) or group_of.get(ident, "")
        group = groups.get(group_ident) if group_ident else None
        found.append(_component(item, group))
    return tuple(found)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _component(item: Mapping[str, Any], group: Optional[Mapping[str, Any]]) -> Component:
    state = text(item.get("status")).lower()
    level = _COMPONENT_LEVELS.get(state, Indicator.MINOR if state else Indicator.NONE)
    return Component(
        name=text(item.get("name")) or "(unnamed)",
        status=state,
        level=level,
        ident=text(item.get("id")),
        group=text(group.get("name")) if group is not None else "",
        group_ident=text(group.get("id")) if group is not None else "",
    )


def _incident_level(item: Mapping[str, Any]) -> Indicator:
    impact = Indicator.named(text(item.get("impact")))
    return impact if impact is not None else Indicator.MINOR


def _maintenance_active(state: str) -> bool:
    # in_progress and verifying are active; an unknown non-empty state is shown too.
    return bool(state) and state not in _MAINTENANCE_NOT_ACTIVE


def _incident(item: Mapping[str, Any], level: Indicator) -> Incident:
    return Incident(
        name=text(item.get("name")) or "(untitled)",
        status=text(item.get("status")).lower(),
        impact=text(item.get("impact")).lower(),
        link=link(item.get("shortlink")) or link(item.get("url")),
        level=level,
        components=tuple(
            Ref(text(ref.get("id")), text(ref.get("name")))
            for ref in tables(item.get("components"))
        ),
    )


def link(value: Any) -> Optional[str]:
    """A web address from the page, or None when it is not one."""
    found = text(value)
    return found if found.lower().startswith(("https://", "http://")) else None
