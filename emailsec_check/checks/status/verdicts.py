"""Results from what reading a page found: ST001 (reachable from here) and ST002 (what the
vendor reports, for the whole page or once per region asked for).

No network here: ``PageFacts`` in, ``Result`` values out. Every result carries the
contract's data keys (``product``, ``url``, ``indicator``) and ``up`` (the page was
reached from here); a result about a region's share also carries ``region``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional

from emailsec_check.catalogue.status import REACHABLE, VENDOR_HEALTH
from emailsec_check.checks.status.hints import HintFacts, hint_text
from emailsec_check.checks.status.model import Incident, Indicator, Platform, VendorReport
from emailsec_check.checks.status.pages import PageFacts, failure_words
from emailsec_check.checks.status.regions import RegionScope, for_region
from emailsec_check.checks.status.targets import StatusTarget, host_of
from emailsec_check.model import Result, failed, hinted, passed, skipped
from emailsec_check.net.facts import Failure, Fetched
from emailsec_check.rules.redact import redact

__all__ = ["judge_page", "not_checked", "without_secrets"]

_SHOWN = 5  # components or incidents named in a message before "and N more"
_HEADLINES = {
    Indicator.NONE: "all systems operational",
    Indicator.MAINTENANCE: "maintenance in progress",
    Indicator.MINOR: "minor problems",
    Indicator.MAJOR: "major outage",
    Indicator.CRITICAL: "critical outage",
}
_ADVICE = {
    Indicator.MAINTENANCE: (
        "The vendor is doing maintenance: expect the services named to be slow or unavailable "
        "until it ends, and tell your users. Details: {follow}."
    ),
    Indicator.MINOR: (
        "The vendor reports a minor problem on its side: if your users' symptom matches, it is "
        "likely the vendor's, not your set-up's. Follow {follow} for updates."
    ),
    Indicator.MAJOR: (
        "The outage is on the vendor's side: follow {follow} for updates and tell your users; "
        "changing your own configuration will not help."
    ),
}
_ADVICE[Indicator.CRITICAL] = _ADVICE[Indicator.MAJOR]


def base_data(
    target: StatusTarget, platform: Platform, indicator: Optional[Indicator], up: Optional[bool]
) -> dict[str, Any]:
    """The data keys every status result carries."""
    return {
        "product": target.product,
        "url": target.url or None,
        "indicator": indicator.value if indicator is not None else None,
        "platform": platform.value,
        "up": up,
    }


def not_checked(target: StatusTarget, why: str, **data: Any) -> list[Result]:
    """Skips for a page that was not fetched at all (no URL known, or the deadline)."""
    subject = target.url or target.product or target.label
    base = {**base_data(target, target.platform, None, False), **data}
    results = [skipped(REACHABLE, subject, f"{target.label}: {why}", **base)]
    if target.url:
        results.append(skipped(VENDOR_HEALTH, subject, f"{target.label}: not read: {why}", **base))
    return results


def judge_page(facts: PageFacts, timeout: float) -> list[Result]:
    """ST001 for the fetch, then ST002 for the page or for each region asked for."""
    results = [_reachability(facts, timeout)]
    up = facts.problem is None
    if facts.report is None:
        results.append(
            skipped(
                VENDOR_HEALTH,
                facts.target.url,
                f"{facts.label}: not read: {facts.why}",
                **base_data(facts.target, facts.platform, None, up),
                **facts.extra,
            )
        )
        return results
    scopes: Iterable[Optional[RegionScope]] = facts.target.regions or (None,)
    results.extend(_vendor_health(facts, facts.report, scope, up) for scope in scopes)
    return results


def without_secrets(result: Result) -> Result:
    """``result`` with URL credentials masked everywhere it shows text.

    A ``--url`` may carry a token in its query; it is fetched as given, but its subject,
    messages, hint and data (final URL, redirects, details) show it masked.
    """
    return Result(
        result.check,
        redact(result.subject),
        result.status,
        redact(result.message),
        redact(result.hint) if result.hint is not None else None,
        {key: _scrubbed(value) for key, value in result.data.items()},
    )


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_scrubbed(item) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(item) for key, item in value.items()}
    return value


# --------------------------------------------------------------------------- ST001


def _reachability(facts: PageFacts, timeout: float) -> Result:
    target, fetched, problem = facts.target, facts.reach, facts.problem
    indicator = facts.report.indicator if facts.report is not None else None
    data = {
        **base_data(target, facts.platform, indicator, problem is None),
        **_fetch_data(fetched, problem),
    }
    if problem is not None:
        message = f"{facts.label} status page not reachable ({problem.phase.value}): "
        message += failure_words(problem, timeout)
        if fetched.attempts > 1:
            message += f" (after {fetched.attempts} attempts)"
        hint = hint_text(problem, _hint_facts(target, fetched, facts.platform), target.recheck)
        return failed(REACHABLE, target.url, message, hint, **data)
    total = fetched.timings.get("total") or 0.0
    message = f"{facts.label} status page reachable: HTTP {fetched.status_code} in {total:.2f} s"
    if fetched.proxy:
        message += f" through the proxy {fetched.proxy} (which looks the name up)"
    if fetched.redirects:
        message += f" after {len(fetched.redirects)} redirect(s)"
    if fetched.attempts > 1:
        message += f" on attempt {fetched.attempts}"
    return passed(REACHABLE, target.url, message, **data)


def _hint_facts(target: StatusTarget, fetched: Fetched, platform: Platform) -> HintFacts:
    host = fetched.host or host_of(target.url)
    return HintFacts(
        host=host,
        port=fetched.port or (443 if target.url.lower().startswith("https") else 80),
        nameserver=fetched.nameserver or "the system's resolver",
        proxy=fetched.proxy or "in use",
        address=fetched.address or host,
        url=fetched.url,
        final_url=fetched.final_url,
        code=fetched.status_code or 0,
        platform=platform.word,
    )


def _fetch_data(fetched: Fetched, failure: Optional[Failure]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "fetched_url": fetched.url,
        "final_url": fetched.final_url,
        "phase": failure.phase.value if failure else None,
        "error": failure.problem.value if failure else None,
        "detail": failure.detail if failure else None,
        "http_status": fetched.status_code,
        "timings": dict(fetched.timings),
        "address": fetched.address,
        "proxy": fetched.proxy,
        "dns": "left to the proxy" if fetched.proxy else fetched.nameserver,
        "attempts": fetched.attempts,
        "redirects": list(fetched.redirects),
    }
    if fetched.notes:
        data["notes"] = list(fetched.notes)
    return data


# --------------------------------------------------------------------------- ST002


def _vendor_health(
    facts: PageFacts, whole: VendorReport, scope: Optional[RegionScope], up: bool
) -> Result:
    target = facts.target
    subject = target.url if scope is None else f"{target.url} ({scope.id})"
    where = facts.label if scope is None else f"{facts.label}, region {scope.name}"
    region_data = {} if scope is None else {"region": scope.id}
    report = whole if scope is None else for_region(whole, scope)
    if report is None:
        assert scope is not None
        return skipped(
            VENDOR_HEALTH,
            subject,
            f"{where}: none of the page's {len(whole.components)} components matches the "
            f"region's status_components ({', '.join(scope.patterns)}); the vendor may have "
            "renamed them: update status_components in a profile of your own (--profiles-dir)",
            **base_data(target, whole.platform, None, up),
            **region_data,
            **facts.extra,
        )
    if scope is not None and not scope.patterns:
        where += " (the page does not list regions apart: the whole page is judged)"
    data = {
        **base_data(target, report.platform, report.indicator, up),
        **region_data,
        **_report_data(report),
        **facts.extra,
    }
    message = _message(where, report)
    level = report.indicator
    if level is Indicator.NONE:
        return passed(VENDOR_HEALTH, subject, message, **data)
    links = [i.link for i in (*report.incidents, *report.maintenances) if i.link]
    follow = ", ".join(dict.fromkeys(links)) if links else target.url
    hint = _ADVICE[level].format(follow=follow) + f" Re-check with: {target.recheck}"
    if level.rank >= Indicator.MAJOR.rank:
        return failed(VENDOR_HEALTH, subject, message, hint, **data)
    return hinted(VENDOR_HEALTH, subject, message, hint, **data)


def _report_data(report: VendorReport) -> dict[str, Any]:
    return {
        "reported": report.reported,
        "description": report.description,
        "components": [{"name": c.label, "status": c.status} for c in report.affected],
        "component_count": len(report.components),
        "incidents": [_incident_data(i) for i in report.incidents],
        "maintenances": [_incident_data(m) for m in report.maintenances],
        "updated_at": report.updated_at,
    }


def _message(where: str, report: VendorReport) -> str:
    headline = report.description or _HEADLINES[report.indicator]
    if report.unknown_word and report.platform is Platform.STATUSPAGE:
        headline += f" (unrecognised state {report.reported!r})"
    parts = [f"{where}: {headline}"]
    affected = report.affected
    if affected:
        listed = (f"{c.label} ({c.status.replace('_', ' ')})" for c in affected)
        parts.append("affected: " + _listed(listed))
    elif report.indicator is Indicator.NONE and report.components:
        parts.append(f"{len(report.components)} components operational")
    if report.incidents:
        parts.append("open incidents: " + _listed(_incident_words(i) for i in report.incidents))
    if report.maintenances:
        parts.append("maintenance: " + _listed(_incident_words(m) for m in report.maintenances))
    return "; ".join(parts)


def _incident_data(incident: Incident) -> dict[str, Any]:
    return {
        "name": incident.name,
        "status": incident.status,
        "impact": incident.impact,
        "link": incident.link,
    }


def _incident_words(incident: Incident) -> str:
    facts = ", ".join(part for part in (incident.status.replace("_", " "), incident.impact) if part)
    words = f"'{incident.name}'" + (f" ({facts})" if facts else "")
    return f"{words} {incident.link}" if incident.link else words


def _listed(items: Iterable[str]) -> str:
    listed = list(items)
    shown = ", ".join(listed[:_SHOWN])
    return shown + (f" and {len(listed) - _SHOWN} more" if len(listed) > _SHOWN else "")
