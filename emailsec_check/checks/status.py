"""Vendor status pages: reachable from here (ST001), and what the vendor reports (ST002).

Admins first need to know whether a problem is theirs or the vendor's. ST001 fetches the
page from this machine, through the same DNS, firewall, proxy and TLS inspection users
meet, and names the phase that broke. ST002 reads what the page reports: Atlassian
Statuspage through its public ``/api/v2/summary.json``, Status.io through the profile's
``api_url``; any other page is checked for reachability only. A page that could not be
read gives a ``skip`` for ST002, never a ``fail``.

The JSON is read leniently: unknown values and odd types are tolerated (an unrecognised
state counts as minor, so it is looked at), and nothing in a page can crash the check.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Callable, Optional

from emailsec_check.catalogue.status import REACHABLE, VENDOR_HEALTH
from emailsec_check.errors import InputError
from emailsec_check.model import Result, failed, hinted, passed, skipped
from emailsec_check.net.http import (
    MAX_BODY_BYTES,
    MAX_REDIRECTS,
    AddressResolver,
    Failure,
    Fetched,
    HttpProber,
    Phase,
    Problem,
)
from emailsec_check.net.settings import NetSettings
from emailsec_check.profiles import ProfileSet

#: Pages probed at once: enough that 50 pages take about as long as the slowest.
PAGE_CONCURRENCY = 64
SUMMARY_PATH = "/api/v2/summary.json"
#: A page checked for reachability only is read this far, no further.
PAGE_MAX_BYTES = 256 * 1024

#: Indicators from healthy to worst (the contract's ``indicator`` values).
SEVERITY = {"none": 0, "maintenance": 1, "minor": 2, "major": 3, "critical": 4}

_STATUSPAGE_COMPONENTS = {
    "operational": "none",
    "under_maintenance": "maintenance",
    "degraded_performance": "minor",
    "partial_outage": "major",
    "major_outage": "critical",
}
_FINISHED = {"resolved", "postmortem", "completed"}
_MAINTENANCE_ACTIVE = {"in_progress", "verifying"}
_MAINTENANCE_NOT_ACTIVE = {"scheduled", "completed", "cancelled", "canceled"}
# Status.io's status codes and names (100 operational, 200 planned maintenance, ...).
_STATUSIO_CODES = {
    100: "none",
    200: "maintenance",
    300: "minor",
    400: "major",
    500: "critical",
    600: "major",
}
_STATUSIO_NAMES = {
    "operational": "none",
    "planned maintenance": "maintenance",
    "degraded performance": "minor",
    "partial service disruption": "major",
    "service disruption": "critical",
    "security event": "major",
}
_SHOWN = 5  # components or incidents named in a message before "and N more"


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class StatusTarget:
    """One status page to check: from a profile (``product``) or from ``--url``."""

    url: str
    platform: str = "auto"
    api_url: Optional[str] = None
    product: Optional[str] = None
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or _host(self.url) or self.url

    @property
    def recheck(self) -> str:
        """The command that checks this page again."""
        if self.product:
            return f"emailsec-check status {self.product}"
        return f"emailsec-check status --url {self.url}"


def build_targets(
    profiles: ProfileSet, products: Sequence[str], urls: Sequence[str]
) -> list[StatusTarget]:
    """The pages to check. No products and no URLs: every profile that has a status page.

    An unknown product is an ``InputError``; a known one without a status page gives a
    target without a URL (reported as a skip). Duplicates are checked once.
    """
    targets: list[StatusTarget] = []
    if not products and not urls:
        products = [profile.id for profile in profiles if profile.status_page is not None]
    for name in products:
        profile = profiles.require(name)
        page = profile.status_page
        if page is None:
            targets.append(StatusTarget(url="", product=profile.id, name=profile.name))
            continue
        targets.append(
            StatusTarget(
                url=page.url.strip(),
                platform=page.platform,
                api_url=page.api_url,
                product=profile.id,
                name=profile.name,
            )
        )
    for url in urls:
        targets.append(StatusTarget(url=_checked_url(url)))
    unique: dict[tuple[Optional[str], str], StatusTarget] = {}
    for target in targets:
        unique.setdefault((target.product, target.url), target)
    return list(unique.values())


_URL = re.compile(r"^https?://[^\s/?#@]+(?:[/?#]\S*)?$", re.IGNORECASE)


def _checked_url(text: str) -> str:
    url = text.strip()
    if not _URL.match(url):
        raise InputError(f"--url {text!r}: expected an http:// or https:// address with a host")
    return url


# --------------------------------------------------------------------------- reading pages


@dataclass(frozen=True)
class Component:
    name: str
    status: str


@dataclass(frozen=True)
class Incident:
    name: str
    status: str
    impact: str
    link: Optional[str]


@dataclass(frozen=True)
class VendorReport:
    """What a status page says, in the platform's words and as an indicator."""

    platform: str
    indicator: str
    #: The page's own word for its overall state, as sent (may be unknown to us).
    reported: Optional[str]
    description: str
    #: Components that are not operational.
    components: tuple[Component, ...]
    component_count: int
    incidents: tuple[Incident, ...]
    maintenances: tuple[Incident, ...]
    updated_at: Optional[str] = None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())[:300]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _tables(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _table(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _worst(levels: Iterable[str]) -> str:
    return max(levels, key=lambda level: SEVERITY.get(level, 0), default="none")


def _link(value: Any) -> Optional[str]:
    text = _text(value)
    return text if text.lower().startswith(("https://", "http://")) else None


def parse_statuspage(document: Any) -> Optional[VendorReport]:
    """A Statuspage ``summary.json``; None when the document is not one."""
    if not isinstance(document, Mapping):
        return None
    status, page = document.get("status"), document.get("page")
    if not isinstance(status, Mapping) and not isinstance(page, Mapping):
        return None
    status = _table(status)
    members = [c for c in _tables(document.get("components")) if c.get("group") is not True]
    affected = []
    levels: list[str] = []
    for component in members:
        state = _text(component.get("status")).lower()
        level = _STATUSPAGE_COMPONENTS.get(state, "minor" if state else "none")
        if level != "none":
            affected.append(Component(_text(component.get("name")) or "(unnamed)", state))
            levels.append(level)
    incidents = []
    for item in _tables(document.get("incidents")):
        state = _text(item.get("status")).lower()
        if state in _FINISHED:
            continue
        impact = _text(item.get("impact")).lower()
        levels.append(impact if impact in SEVERITY else "minor")
        incidents.append(_incident(item, state, impact))
    maintenances = []
    for item in _tables(document.get("scheduled_maintenances")):
        state = _text(item.get("status")).lower()
        if state in _MAINTENANCE_ACTIVE or (state and state not in _MAINTENANCE_NOT_ACTIVE):
            maintenances.append(_incident(item, state, _text(item.get("impact")).lower()))
            levels.append("maintenance")
    raw = _text(status.get("indicator")).lower() or None
    if raw in SEVERITY:
        levels.append(raw)
    elif raw is not None:
        levels.append("minor")  # a state we do not know: worth a look
    return VendorReport(
        platform="statuspage",
        indicator=_worst(levels),
        reported=raw,
        description=_text(status.get("description")),
        components=tuple(affected),
        component_count=len(members),
        incidents=tuple(incidents),
        maintenances=tuple(maintenances),
        updated_at=_text(_table(page).get("updated_at")) or None,
    )


def _incident(item: Mapping[str, Any], state: str, impact: str) -> Incident:
    return Incident(
        name=_text(item.get("name")) or "(untitled)",
        status=state,
        impact=impact,
        link=_link(item.get("shortlink")) or _link(item.get("url")),
    )


def _statusio_level(code: Any, name: Any) -> Optional[str]:
    """The indicator for a Status.io code (or its name); None when neither is given."""
    number: Optional[int] = None
    if isinstance(code, (int, float)) and not isinstance(code, bool):
        number = int(code)
    elif isinstance(code, str) and code.strip().isdigit():
        number = int(code.strip())
    if number is not None:
        if number in _STATUSIO_CODES:
            return _STATUSIO_CODES[number]
        return "none" if number < 200 else "minor"
    text = _text(name).lower()
    if text:
        return _STATUSIO_NAMES.get(text, "minor")
    return None


def parse_statusio(document: Any, page_url: str) -> Optional[VendorReport]:
    """Status.io's public status JSON; None when the document is not one.

    Its incidents carry no public link of their own, so they point at the page.
    """
    result = _table(document).get("result") if isinstance(document, Mapping) else None
    if not isinstance(result, Mapping):
        return None
    overall = _table(result.get("status_overall"))
    entries = _tables(result.get("status"))
    if not overall and not entries:
        return None
    levels: list[str] = []
    overall_level = _statusio_level(overall.get("status_code"), overall.get("status"))
    if overall_level is not None:
        levels.append(overall_level)
    affected: list[Component] = []
    for entry in entries:
        name = _text(entry.get("name")) or "(unnamed)"
        level = _statusio_level(entry.get("status_code"), entry.get("status")) or "none"
        if level != "none":
            affected.append(Component(name, _text(entry.get("status")).lower() or level))
            levels.append(level)
            continue
        for container in _tables(entry.get("containers")):
            inner = _statusio_level(container.get("status_code"), container.get("status"))
            if inner not in (None, "none"):
                where = _text(container.get("name")) or "(unnamed)"
                status = _text(container.get("status")).lower() or str(inner)
                affected.append(Component(f"{name} ({where})", status))
                levels.append(str(inner))
    incidents = []
    for item in _tables(result.get("incidents")):
        name = _text(item.get("name")) or _text(item.get("title")) or "(untitled)"
        incidents.append(
            Incident(name, _text(item.get("state") or item.get("status")).lower(), "", page_url)
        )
        levels.append("minor")  # an open incident is worth a look even when nothing is degraded
    maintenances = []
    for item in _tables(_table(result.get("maintenance")).get("active")):
        name = _text(item.get("name")) or _text(item.get("title")) or "(untitled)"
        maintenances.append(Incident(name, "in_progress", "maintenance", page_url))
        levels.append("maintenance")
    return VendorReport(
        platform="statusio",
        indicator=_worst(levels),
        reported=_text(overall.get("status")) or _text(overall.get("status_code")) or None,
        description=_text(overall.get("status")),
        components=tuple(affected),
        component_count=len(entries),
        incidents=tuple(incidents),
        maintenances=tuple(maintenances),
        updated_at=_text(overall.get("updated")) or None,
    )


# --------------------------------------------------------------------------- probing


async def check_status_pages(
    targets: Sequence[StatusTarget],
    settings: NetSettings,
    resolver: Optional[AddressResolver] = None,
    *,
    prober: Optional[HttpProber] = None,
) -> list[Result]:
    """Two results per page (ST001 reachable, ST002 what the vendor reports), in order.

    Pages are probed concurrently (``settings.concurrency`` at once); each is bounded
    end to end by ``settings.timeout``, counted from when its probe starts.
    """
    if not targets:
        return []
    if prober is None:
        if resolver is None:
            from emailsec_check.net.dns import Resolver

            resolver = Resolver(settings.nameservers, settings.timeout)
        prober = HttpProber(settings, resolver)
    limit = asyncio.Semaphore(max(1, settings.concurrency))

    async def one(target: StatusTarget) -> list[Result]:
        async with limit:
            return await _check_target(target, prober, settings)

    found = await asyncio.gather(*(one(target) for target in targets))
    return [result for results in found for result in results]


class _Clock:
    """One page's deadline: every fetch for the page gets what is left of it."""

    def __init__(self, seconds: float) -> None:
        self.loop = asyncio.get_running_loop()
        self.end = self.loop.time() + seconds

    def left(self) -> float:
        return max(0.05, self.end - self.loop.time())


async def _check_target(
    target: StatusTarget, prober: HttpProber, settings: NetSettings
) -> list[Result]:
    if not target.url:
        return [
            skipped(
                REACHABLE,
                target.product or target.label,
                f"no status page is known for {target.label}; add status_page.url to a profile "
                "of your own (--profiles-dir), or check a page with --url",
                product=target.product,
                url=None,
                indicator=None,
                platform=None,
            )
        ]
    clock = _Clock(settings.timeout)
    if target.platform == "statusio":
        return await _check_statusio(target, prober, settings, clock)
    if target.platform == "generic":
        page = await _fetch_page(prober, target.url, clock)
        reach = _reachability(target, page, settings, "generic")
        why = (
            "this page is checked for reachability only: its platform publishes no status "
            f"data emailsec-check reads; open {target.url} in a browser to see what it says"
        )
        return _pair(target, reach, None, why, "generic")
    api_url = summary_url(target.url)
    api = await prober.fetch(api_url, budget=clock.left())
    report, problem = _read_json(api, "Statuspage", parse_statuspage)
    if report is not None:
        return _pair(
            target, _reachability(target, api, settings, "statuspage"), report, "", "statuspage"
        )
    if api.failure is not None:
        reach = _reachability(target, api, settings, target.platform)
        why = "the page could not be reached (see ST001)"
        return _pair(target, reach, None, why, target.platform)
    assert problem is not None
    if target.platform == "statuspage" or not _not_here(api):
        reach = _failed_reach(target, api, problem, settings, target.platform)
        why = f"could not read the status data: {problem.detail}"
        return _pair(target, reach, None, why, target.platform)
    # auto: not a Statuspage; the page itself answers whether it is reachable.
    page = await _fetch_page(prober, target.url, clock)
    reach = _reachability(target, page, settings, "generic")
    why = (
        f"no status data to read: {problem.detail}, so this is not a Statuspage "
        "page and only reachability was checked. If the vendor uses Status.io, set "
        'status_page.platform = "statusio" and its api_url in a profile of your own'
    )
    return _pair(target, reach, None, why, "generic")


def _not_here(fetched: Fetched) -> bool:
    """The answer says there is no Statuspage summary here (so, probing, try the page).

    An error of the server (5xx), a rate limit or a proxy asking for credentials says
    nothing about the platform: those are reported as they are.
    """
    code = fetched.status_code or 0
    return 200 <= code < 300 or (400 <= code < 500 and code not in (407, 429))


def summary_url(page_url: str) -> str:
    """Where a Statuspage page publishes its summary."""
    base = page_url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return base if base.endswith(SUMMARY_PATH) else base + SUMMARY_PATH


async def _fetch_page(prober: HttpProber, url: str, clock: _Clock) -> Fetched:
    return await prober.fetch(
        url, budget=clock.left(), accept="text/html,*/*;q=0.8", max_bytes=PAGE_MAX_BYTES
    )


async def _check_statusio(
    target: StatusTarget, prober: HttpProber, settings: NetSettings, clock: _Clock
) -> list[Result]:
    if not target.api_url:
        page = await _fetch_page(prober, target.url, clock)
        why = (
            "the profile names no status_page.api_url, so the Status.io data cannot be read; "
            "add the page's public status API address to a profile of your own"
        )
        return _pair(
            target, _reachability(target, page, settings, "statusio"), None, why, "statusio"
        )
    page, api = await asyncio.gather(
        _fetch_page(prober, target.url, clock), prober.fetch(target.api_url, budget=clock.left())
    )
    reach = _reachability(target, page, settings, "statusio")
    report, problem = _read_json(api, "Status.io", lambda doc: parse_statusio(doc, target.url))
    if report is not None:
        return _pair(target, reach, report, "", "statusio", api_url=target.api_url)
    failure = api.failure or problem
    assert failure is not None
    why = f"could not read the status data at {target.api_url}: {_failure_words(failure, settings)}"
    return _pair(
        target, reach, None, why, "statusio", api_url=target.api_url, api_phase=failure.phase.value
    )


def _read_json(
    fetched: Fetched, platform: str, parse: Callable[[Any], Optional[VendorReport]]
) -> tuple[Optional[VendorReport], Optional[Failure]]:
    """The vendor's report from an answer, or why the answer is not one."""
    if fetched.failure is not None:
        return None, fetched.failure
    if not 200 <= (fetched.status_code or 0) < 300:
        return None, _status_failure(fetched)
    url = fetched.final_url
    if fetched.truncated:
        return None, Failure(
            Phase.CONTENT,
            Problem.TOO_LARGE,
            f"{url} sent more than {MAX_BODY_BYTES // (1024 * 1024)} MiB, far more than any "
            "status summary",
        )
    try:
        document = json.loads(fetched.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, Failure(
            Phase.CONTENT, Problem.NOT_PLATFORM, f"{url} sent {_describe_body(fetched)}"
        )
    report = parse(document)
    if report is None:
        return None, Failure(
            Phase.CONTENT, Problem.NOT_PLATFORM, f"{url} sent JSON that is not {platform} data"
        )
    return report, None


def _status_failure(fetched: Fetched) -> Failure:
    words = f"HTTP {fetched.status_code} {fetched.reason}".rstrip()
    return Failure(Phase.HTTP, Problem.STATUS, f"{fetched.final_url} answered {words}")


def _describe_body(fetched: Fetched) -> str:
    kind = fetched.content_type.split(";", 1)[0].strip() or "no content type"
    if not fetched.body:
        return f"an empty answer ({kind}), not JSON"
    sample = re.sub(r"[^\x20-\x7e]+", " ", fetched.body[:400].decode("utf-8", "replace"))
    sample = " ".join(sample.split())[:60]
    return f"{kind}, not JSON (it begins {sample!r})"


# --------------------------------------------------------------------------- results


def _base(target: StatusTarget, platform: str, indicator: Optional[str]) -> dict[str, Any]:
    return {
        "product": target.product,
        "url": target.url,
        "indicator": indicator,
        "platform": platform,
    }


@dataclass(frozen=True)
class _Reach:
    """How ST001 turned out: reached (``hint`` None) or not, with the fetch's facts."""

    message: str
    hint: Optional[str]
    data: Mapping[str, Any]


def _pair(
    target: StatusTarget,
    reach: _Reach,
    report: Optional[VendorReport],
    why: str,
    platform: str,
    **extra: Any,
) -> list[Result]:
    """ST001 (from ``reach``) and ST002 (the report, or a skip saying ``why``)."""
    indicator = report.indicator if report is not None else None
    data = {**_base(target, platform, indicator), **reach.data}
    if reach.hint is None:
        first = passed(REACHABLE, target.url, reach.message, **data)
    else:
        first = failed(REACHABLE, target.url, reach.message, reach.hint, **data)
    if report is not None:
        return [first, _judge(target, report, extra)]
    second = skipped(
        VENDOR_HEALTH,
        target.url,
        f"{target.label}: not read: {why}",
        **_base(target, platform, None),
        **extra,
    )
    return [first, second]


def _reachability(
    target: StatusTarget, fetched: Fetched, settings: NetSettings, platform: str
) -> _Reach:
    """ST001 for a fetch: reached (any 2xx) or why not."""
    if fetched.failure is not None:
        return _failed_reach(target, fetched, fetched.failure, settings, platform)
    code = fetched.status_code or 0
    if not 200 <= code < 300:
        return _failed_reach(target, fetched, _status_failure(fetched), settings, platform)
    total = fetched.timings.get("total") or 0.0
    message = f"{target.label} status page reachable: HTTP {code} in {total:.2f} s"
    if fetched.proxy:
        message += f" through the proxy {fetched.proxy} (which looks the name up)"
    if fetched.redirects:
        message += f" after {len(fetched.redirects)} redirect(s)"
    if fetched.attempts > 1:
        message += f" on attempt {fetched.attempts}"
    return _Reach(message, None, _fetch_data(fetched, None))


def _failed_reach(
    target: StatusTarget, fetched: Fetched, failure: Failure, settings: NetSettings, platform: str
) -> _Reach:
    words = _failure_words(failure, settings)
    message = f"{target.label} status page not reachable ({failure.phase.value}): {words}"
    if fetched.attempts > 1:
        message += f" (after {fetched.attempts} attempts)"
    hint = _hint(target, fetched, failure, platform)
    return _Reach(message, hint, _fetch_data(fetched, failure))


def _failure_words(failure: Failure, settings: NetSettings) -> str:
    if failure.deadline:
        return (
            f"no complete answer within the --timeout of {settings.timeout:g} s: {failure.detail}"
        )
    return failure.detail


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


def _hint(target: StatusTarget, fetched: Fetched, failure: Failure, platform: str) -> str:
    host = fetched.host or _host(target.url)
    port = fetched.port or (443 if target.url.lower().startswith("https") else 80)
    nameserver = fetched.nameserver or "the system's resolver"
    proxy = fetched.proxy or "in use"
    phase, problem = failure.phase, failure.problem
    text: str
    if problem is Problem.TIMEOUT:
        text = _timeout_hint(phase, host, port, nameserver, proxy)
    elif phase is Phase.DNS:
        if problem is Problem.NXDOMAIN:
            text = (
                f"{nameserver} says {host} does not exist. Check the address (status_page.url "
                "in the profile, or --url); if it opens on other networks, DNS here (a "
                "filtering resolver, split-horizon DNS) is hiding it: compare with "
                "--nameserver and another server."
            )
        elif problem is Problem.NOANSWER:
            text = (
                f"{nameserver} knows {host} but gives no address for it. If it resolves on "
                "other networks, ask whoever runs this DNS (a filtering resolver?) why; "
                "compare with --nameserver and another server."
            )
        else:
            text = (
                f"The DNS server ({nameserver}) could not look {host} up. Check this machine's "
                "resolver settings and that DNS (port 53) is allowed out, or ask another "
                "server with --nameserver HOST."
            )
    elif phase is Phase.PROXY:
        if problem is Problem.PROXY_AUTH:
            text = (
                f"The proxy {proxy} asks for credentials (HTTP 407). Put them in the proxy URL "
                "(http://USER:PASSWORD@HOST:PORT), preferably in HTTPS_PROXY so the password "
                "stays out of your shell history."
            )
        elif problem is Problem.PROXY_DENIED:
            text = (
                f"The proxy {proxy} would not open a connection to {host} port {port}: it may "
                f"block this site. Ask its administrators to allow {host}, or set "
                f"NO_PROXY={host} if it should be reached directly."
            )
        else:
            text = (
                f"The proxy {proxy} cannot be reached. Check its address in --proxy or "
                f"HTTPS_PROXY / HTTP_PROXY (http://HOST:PORT), or set NO_PROXY={host} if this "
                "page should be reached directly."
            )
    elif phase is Phase.CONNECT:
        address = fetched.address or host
        if problem is Problem.REFUSED:
            text = (
                f"{address} refused the connection on port {port}: a firewall rejecting "
                "outbound web traffic, or no direct Internet access from here. If web traffic "
                "must go through a proxy, pass --proxy URL or set HTTPS_PROXY; otherwise ask "
                f"for port {port} to {host} to be opened."
            )
        elif problem is Problem.UNREACHABLE:
            text = (
                f"There is no route from here to {address}: check this machine's network, VPN "
                "or IPv6 set-up; if the way out is a proxy, pass --proxy URL or set HTTPS_PROXY."
            )
        else:
            text = (
                f"The connection to {host} port {port} failed: check this machine's network "
                "and firewall; if the way out is a proxy, pass --proxy URL or set HTTPS_PROXY."
            )
    elif phase is Phase.TLS:
        if problem is Problem.UNTRUSTED:
            text = (
                f"This machine does not trust the certificate {host} presented. On a network "
                "that inspects TLS (a proxy or firewall re-signing certificates), pass that "
                "device's CA certificate with --ca-bundle PATH or set SSL_CERT_FILE."
            )
            if "expired" in failure.detail or "not yet valid" in failure.detail:
                text += " If it says expired, check this machine's clock too."
        else:
            text = (
                f"The TLS handshake with {host} was cut off or refused: a proxy, firewall or "
                "inspection device may be interfering with HTTPS. Compare with a browser on "
                "this machine, or try the proxy it uses (--proxy URL)."
            )
    elif phase is Phase.CONTENT:
        what = {"statuspage": "Statuspage", "statusio": "Status.io"}.get(platform, "status")
        text = (
            f"The answer from {fetched.final_url} is not {what} data: a proxy, web filter or "
            "captive portal may have answered instead of the vendor. Open that address in a "
            f"browser on this machine; if it shows a block page, ask for {host} to be allowed. "
            "If the vendor moved its page, update status_page in a profile of your own."
        )
    elif problem is Problem.STATUS:
        text = _status_hint(fetched.status_code or 0, fetched.final_url, host, proxy)
    elif problem is Problem.REDIRECTS:
        text = (
            f"The redirects went round more than {MAX_REDIRECTS} times: a loop, often a captive "
            f"portal or a proxy's sign-in page. Open {fetched.url} in a browser on this machine "
            "to see where it leads."
        )
    elif problem is Problem.BAD_URL:
        text = (
            "The page sent us somewhere that is not a web address: open it in a browser and "
            "check status_page.url in the profile (or the --url you gave)."
        )
    else:
        where = "while the answer was read" if phase is Phase.BODY else "before the answer arrived"
        text = (
            f"The connection broke {where}: a firewall or TLS-inspecting proxy cutting "
            f"connections is the usual cause; check its logs for {host}. --retries N tries again."
        )
    return f"{text[:1].upper()}{text[1:]} Re-check with: {target.recheck}"


def _timeout_hint(phase: Phase, host: str, port: int, nameserver: str, proxy: str) -> str:
    if phase is Phase.DNS:
        return (
            f"The DNS server ({nameserver}) did not answer in time: check this machine's "
            "resolver settings and that DNS (port 53) is allowed out, or ask another server "
            "with --nameserver HOST."
        )
    if phase is Phase.PROXY:
        return (
            f"The proxy {proxy} did not answer in time: check its address in --proxy or "
            f"HTTPS_PROXY, or set NO_PROXY={host} if this page should be reached directly."
        )
    if phase is Phase.CONNECT:
        return (
            f"Nothing answered on {host} port {port}: firewalls that silently drop outbound "
            "traffic look like this. Use the proxy your browser uses (--proxy URL or "
            f"HTTPS_PROXY), or ask for port {port} to be opened; raise --timeout only if the "
            "network is merely slow."
        )
    if phase is Phase.TLS:
        return (
            f"The TLS handshake with {host} did not finish in time: an inspection device may "
            "be holding it. Compare with a browser on this machine; raise --timeout if the "
            "network is merely slow."
        )
    if phase is Phase.BODY:
        return (
            "The answer started but did not finish in time: a slow link, or a proxy scanning "
            "the download. Raise --timeout if the network is merely slow."
        )
    return (
        f"{host} accepted the connection but sent no answer in time: the server or a proxy "
        "in between is stalling. Re-check later; raise --timeout if the network is merely slow."
    )


def _status_hint(code: int, url: str, host: str, proxy: str) -> str:
    if code in (401, 403, 451):
        return (
            f"The page refused this request (HTTP {code}). A web filter or proxy blocking the "
            f"site answers like this: ask for {host} to be allowed. If a browser on this "
            "machine shows the page, the vendor may be refusing automated clients."
        )
    if code == 407:
        return (
            f"The proxy {proxy} asks for credentials (HTTP 407). Put them in the proxy URL "
            "(http://USER:PASSWORD@HOST:PORT), preferably in HTTP_PROXY / HTTPS_PROXY."
        )
    if code in (404, 410):
        return (
            f"Nothing is published at {url}: check status_page.url and status_page.platform "
            "in the profile (or the --url you gave); the vendor may have moved its page."
        )
    if code == 429:
        return (
            "The page is limiting how often it may be asked: wait a minute and re-check, or "
            "use --retries N, which honours Retry-After within --timeout."
        )
    if code >= 500:
        return (
            f"The status page itself is failing (HTTP {code}): on the vendor's side, or in a "
            "proxy in between (502 and 504 often come from a proxy). Re-check in a few "
            "minutes; --retries N tries again within --timeout."
        )
    return f"The page answered HTTP {code}: open {url} in a browser on this machine to see why."


def _judge(target: StatusTarget, report: VendorReport, extra: Mapping[str, Any]) -> Result:
    """ST002 from what the vendor reports."""
    data: dict[str, Any] = {
        **_base(target, report.platform, report.indicator),
        "reported": report.reported,
        "description": report.description,
        "components": [{"name": c.name, "status": c.status} for c in report.components],
        "component_count": report.component_count,
        "incidents": [_incident_data(i) for i in report.incidents],
        "maintenances": [_incident_data(m) for m in report.maintenances],
        "updated_at": report.updated_at,
        **extra,
    }
    level = report.indicator
    headline = (
        report.description
        or {
            "none": "all systems operational",
            "maintenance": "maintenance in progress",
            "minor": "minor problems",
            "major": "major outage",
            "critical": "critical outage",
        }[level]
    )
    if report.reported and report.reported not in SEVERITY and report.platform == "statuspage":
        headline += f" (unrecognised state {report.reported!r})"
    parts = [f"{target.label}: {headline}"]
    if report.components:
        parts.append(
            "affected: "
            + _listed(f"{c.name} ({c.status.replace('_', ' ')})" for c in report.components)
        )
    elif level == "none" and report.component_count:
        parts.append(f"{report.component_count} components operational")
    if report.incidents:
        parts.append("open incidents: " + _listed(_incident_words(i) for i in report.incidents))
    if report.maintenances:
        parts.append("maintenance: " + _listed(_incident_words(m) for m in report.maintenances))
    message = "; ".join(parts)
    if level == "none":
        return passed(VENDOR_HEALTH, target.url, message, **data)
    links = [i.link for i in (*report.incidents, *report.maintenances) if i.link]
    follow = ", ".join(dict.fromkeys(links)) if links else target.url
    if level == "maintenance":
        hint = (
            f"The vendor is doing maintenance: expect the services named to be slow or "
            f"unavailable until it ends, and tell your users. Details: {follow}."
        )
    elif level == "minor":
        hint = (
            "The vendor reports a minor problem on its side: if your users' symptom matches, "
            f"it is likely the vendor's, not your set-up's. Follow {follow} for updates."
        )
    else:
        hint = (
            "The outage is on the vendor's side: follow "
            f"{follow} for updates and tell your users; changing your own configuration will "
            "not help."
        )
    hint += f" Re-check with: {target.recheck}"
    if SEVERITY[level] >= SEVERITY["major"]:
        return failed(VENDOR_HEALTH, target.url, message, hint, **data)
    return hinted(VENDOR_HEALTH, target.url, message, hint, **data)


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


def _host(url: str) -> str:
    match = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#]*)", url.strip(), re.IGNORECASE)
    if not match:
        return ""
    authority = match.group(1).rpartition("@")[2]
    if authority.startswith("["):
        return authority[1:].partition("]")[0]
    return authority.partition(":")[0].lower()
