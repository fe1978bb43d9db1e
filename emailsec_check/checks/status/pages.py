"""Reading one status page through the prober it is handed: what was fetched, and what the
vendor's data says (``PageFacts``). Judging them is ``verdicts.py``'s job.

- Statuspage (or ``auto``): ``/api/v2/summary.json``; ``auto`` falls back to the page
  itself when the answer says there is no summary there.
- Status.io: the page (reachability) and the profile's ``api_url`` (the data), together.
- Any other page: fetched for reachability; its ``<title>`` names it.

Every fetch for a page shares the page's one ``--timeout``.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from emailsec_check.checks.status.lenient import MAX_TEXT
from emailsec_check.checks.status.model import Platform, VendorReport
from emailsec_check.checks.status.statusio import parse_statusio
from emailsec_check.checks.status.statuspage import parse_statuspage, summary_url
from emailsec_check.checks.status.targets import StatusTarget
from emailsec_check.net.facts import MAX_BODY_BYTES, Failure, Fetched, PageFetcher, Phase, Problem
from emailsec_check.rules.text import one_line

__all__ = [
    "PAGE_MAX_BYTES",
    "PageFacts",
    "failure_words",
    "fetch_problem",
    "page_title",
    "read_json",
    "read_page",
]

#: A page checked for reachability only is read this far, no further.
PAGE_MAX_BYTES = 256 * 1024
_HTML = "text/html,*/*;q=0.8"
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
#: Characters of a page's own name kept for a label.
NAME_LENGTH = 80


@dataclass(frozen=True)
class PageFacts:
    """What reading one page found, before any verdict."""

    target: StatusTarget
    #: The platform as found (``auto`` resolved to what answered).
    platform: Platform
    #: The fetch ST001 is about.
    reach: Fetched
    #: Why that fetch does not count as reached; None: it was reached.
    problem: Optional[Failure]
    report: Optional[VendorReport] = None
    #: Why there is no report (ST002's skip), when there is none.
    why: str = ""
    #: The page's own name (Statuspage ``page.name``, an HTML ``<title>``), bounded.
    page_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How messages name the page: the profile's name, the page's own, or its host."""
        return self.target.name or self.page_name or self.target.label


class _Clock:
    """One page's time: every fetch for the page gets what is left of one ``--timeout``."""

    def __init__(self, seconds: float) -> None:
        self.loop = asyncio.get_running_loop()
        self.end = self.loop.time() + seconds

    def left(self) -> float:
        return max(0.05, self.end - self.loop.time())


async def read_page(target: StatusTarget, prober: PageFetcher, timeout: float) -> PageFacts:
    """Fetch ``target`` (within ``timeout`` seconds) and read what the vendor says."""
    clock = _Clock(timeout)
    if target.platform is Platform.STATUSIO:
        return await _read_statusio(target, prober, clock, timeout)
    if target.platform is Platform.GENERIC:
        page = await _fetch_page(prober, target.url, clock)
        why = (
            "this page is checked for reachability only: its platform publishes no status "
            f"data emailsec-check reads; open {target.url} in a browser to see what it says"
        )
        return _generic(target, page, why)
    return await _read_statuspage(target, prober, clock)


async def _read_statuspage(target: StatusTarget, prober: PageFetcher, clock: _Clock) -> PageFacts:
    api = await prober.fetch(summary_url(target.url), budget=clock.left())
    report, problem = read_json(api, Platform.STATUSPAGE, parse_statuspage)
    platform = target.platform
    if report is not None:
        return PageFacts(target, Platform.STATUSPAGE, api, None, report, "", report.page_name)
    if api.failure is not None:
        why = "the page could not be reached (see ST001)"
        return PageFacts(target, platform, api, api.failure, None, why)
    assert problem is not None  # no report and no fault: the answer was not a summary
    if platform is Platform.STATUSPAGE or not _not_here(api):
        why = f"could not read the status data: {problem.detail}"
        return PageFacts(target, platform, api, problem, None, why)
    return await _fall_back(target, prober, clock, problem)


async def _fall_back(
    target: StatusTarget, prober: PageFetcher, clock: _Clock, problem: Failure
) -> PageFacts:
    """``auto``: not a Statuspage; the page itself answers whether it is reachable."""
    page = await _fetch_page(prober, target.url, clock)
    why = (
        f"no status data to read: {problem.detail}, so this is not a Statuspage page and only "
        "reachability was checked. If the vendor uses Status.io, set "
        'status_page.platform = "statusio" and its api_url in a profile of your own'
    )
    return _generic(target, page, why)


def _generic(target: StatusTarget, page: Fetched, why: str) -> PageFacts:
    return PageFacts(
        target, Platform.GENERIC, page, fetch_problem(page), None, why, page_title(page)
    )


async def _read_statusio(
    target: StatusTarget, prober: PageFetcher, clock: _Clock, timeout: float
) -> PageFacts:
    if not target.api_url:
        page = await _fetch_page(prober, target.url, clock)
        why = (
            "the profile names no status_page.api_url, so the Status.io data cannot be read; "
            "add the page's public status API address to a profile of your own"
        )
        return PageFacts(target, Platform.STATUSIO, page, fetch_problem(page), None, why)
    page, api = await asyncio.gather(
        _fetch_page(prober, target.url, clock), prober.fetch(target.api_url, budget=clock.left())
    )
    report, problem = read_json(api, Platform.STATUSIO, lambda doc: parse_statusio(doc, target.url))
    extra: dict[str, Any] = {"api_url": target.api_url}
    name = page_title(page)
    if report is not None:
        return PageFacts(
            target, Platform.STATUSIO, page, fetch_problem(page), report, "", name, extra
        )
    failure = api.failure or problem
    assert failure is not None
    extra["api_phase"] = failure.phase.value
    why = f"could not read the status data at {target.api_url}: {failure_words(failure, timeout)}"
    return PageFacts(target, Platform.STATUSIO, page, fetch_problem(page), None, why, name, extra)


async def _fetch_page(prober: PageFetcher, url: str, clock: _Clock) -> Fetched:
    return await prober.fetch(url, budget=clock.left(), accept=_HTML, max_bytes=PAGE_MAX_BYTES)


def _not_here(fetched: Fetched) -> bool:
    """The answer says there is no Statuspage summary here (so, probing, try the page).

    An error of the server (5xx), a rate limit or a proxy asking for credentials says
    nothing about the platform: those are reported as they are.
    """
    code = fetched.status_code or 0
    return 200 <= code < 300 or (400 <= code < 500 and code not in (407, 429))


def failure_words(failure: Failure, timeout: float) -> str:
    """A failure in words, naming ``--timeout`` when that is what ran out."""
    if failure.deadline:
        return f"no complete answer within the --timeout of {timeout:g} s: {failure.detail}"
    return failure.detail


def fetch_problem(fetched: Fetched) -> Optional[Failure]:
    """Why a fetch does not count as reached (a fault, or a status other than 2xx)."""
    if fetched.failure is not None:
        return fetched.failure
    if not 200 <= (fetched.status_code or 0) < 300:
        words = f"HTTP {fetched.status_code} {fetched.reason}".rstrip()
        return Failure(Phase.HTTP, Problem.STATUS, f"{fetched.final_url} answered {words}")
    return None


def read_json(
    fetched: Fetched, platform: Platform, parse: Callable[[Any], Optional[VendorReport]]
) -> tuple[Optional[VendorReport], Optional[Failure]]:
    """The vendor's report from an answer, or why the answer is not one."""
    problem = fetch_problem(fetched)
    if problem is not None:
        return None, problem
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
            Phase.CONTENT,
            Problem.NOT_PLATFORM,
            f"{url} sent JSON that is not {platform.word} data",
        )
    return report, None


def _describe_body(fetched: Fetched) -> str:
    kind = one_line(fetched.content_type.split(";", 1)[0].strip())[:80] or "no content type"
    if not fetched.body:
        return f"an empty answer ({kind}), not JSON"
    sample = re.sub(r"[^\x20-\x7e]+", " ", fetched.body[:400].decode("utf-8", "replace"))
    sample = " ".join(sample.split())[:60]
    return f"{kind}, not JSON (it begins {sample!r})"


def page_title(fetched: Fetched) -> str:
    """A reached page's ``<title>``, unescaped, on one line and bounded; "" when none."""
    if fetch_problem(fetched) is not None or not fetched.body:
        return ""  # an error page's title ("404 Not Found") does not name the page
    found = _TITLE.search(fetched.body[:PAGE_MAX_BYTES])
    if found is None:
        return ""
    title = html.unescape(found.group(1)[: MAX_TEXT * 4].decode("utf-8", "replace"))
    return one_line(title)[:NAME_LENGTH].strip()
