"""``run``: every area a config names, concurrently, inside one deadline.

Each area runs as its own task; the ones that wait on the network overlap, and
file-bound work runs in a daemon thread so a huge export cannot hold the event
loop. When the deadline passes, what has not finished is reported as ``skip``
(naming the deadline) and the report goes out with everything else.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Optional, TypeVar

from emailsec_check.catalogue import run as run_checks
from emailsec_check.model import Area, CheckInfo, Result, skipped
from emailsec_check.net.settings import NetSettings
from emailsec_check.profiles import ProfileSet
from emailsec_check.sources.config import IdentitiesEntry, RunConfig

_T = TypeVar("_T")

#: The data keys the contract promises per area, null where an unfinished area has no value.
_CONTRACT_KEYS: dict[Area, dict[str, None]] = {
    Area.STATUS: {"product": None, "url": None, "indicator": None},
    Area.DATACENTER: {"product": None, "region": None},
    Area.IDENTITIES: {"email": None},
    Area.REQUEST: {"kind": None, "field": None},
}

#: Called with (area, finished areas, all areas) as areas finish: the progress display.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class _Job:
    area: Area
    label: str
    check: CheckInfo
    work: Callable[[], Awaitable[list[Result]]]


def in_thread(function: Callable[[], _T]) -> Awaitable[_T]:
    """Run ``function`` in a daemon thread; a deadline can walk away from it."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[_T] = loop.create_future()

    def settle(value: Optional[_T], error: Optional[BaseException]) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)  # type: ignore[arg-type]

    def target() -> None:
        value: Optional[_T] = None
        failure: Optional[BaseException] = None
        try:
            value = function()
        except BaseException as error:  # handed to the awaiting task, which decides
            failure = error
        # After a deadline the loop may be gone: then nobody waits for this answer.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle, value, failure)

    threading.Thread(target=target, name="emailsec-check-area", daemon=True).start()
    return future


def plan(config: RunConfig, profiles: ProfileSet, settings: NetSettings) -> list[_Job]:
    """The areas this config asks for, as jobs (nothing runs yet)."""
    jobs: list[_Job] = []
    if config.status_enabled:
        from emailsec_check.checks import status as status_checks
        from emailsec_check.net.prober import make_prober

        products = config.status_products
        if products is None:  # not named: every profile that has a status page
            products = tuple(profile.id for profile in profiles if profile.status_page)
        if products or config.status_urls:
            targets = status_checks.build_targets(
                profiles, list(products), list(config.status_urls)
            )
            jobs.append(
                _Job(
                    Area.STATUS,
                    "status pages",
                    run_checks.STATUS_DEADLINE,
                    lambda: status_checks.check_status_pages(
                        targets, make_prober(settings), timeout=settings.timeout
                    ),
                )
            )
    if config.datacenter:
        from emailsec_check.checks.datacenter import check_urls
        from emailsec_check.rules.hosts import HostRules

        rules = HostRules(profiles)

        def datacenter() -> list[Result]:
            results: list[Result] = []
            for entry in config.datacenter:
                results.extend(check_urls([entry.url], rules, expect=entry.expect))
            return _merge_regions(results, config, rules)

        jobs.append(
            _Job(Area.DATACENTER, "console URLs", run_checks.DATACENTER_DEADLINE, _sync(datacenter))
        )
    for entry in config.identities:
        jobs.append(
            _Job(
                Area.IDENTITIES,
                f"identities {entry.name or entry.configured.name}",
                run_checks.IDENTITIES_DEADLINE,
                _sync(_identities_job(entry, profiles, settings)),
            )
        )
    if config.requests:
        from emailsec_check.checks.request import assess_request
        from emailsec_check.rules.hosts import HostRules
        from emailsec_check.sources.request import read_request, resolve_kind

        def requests() -> list[Result]:
            results: list[Result] = []
            for entry in config.requests:
                # The file is read here (sources), then checked as facts (checks).
                doc = read_request(entry.file, profiles.request_kinds())
                kind, how = resolve_kind(doc, profiles, entry.kind)
                results.extend(assess_request(doc, kind, HostRules(profiles), how=how).results)
            return results

        jobs.append(
            _Job(Area.REQUEST, "support requests", run_checks.REQUEST_DEADLINE, _sync(requests))
        )
    return jobs


def _identities_job(
    entry: IdentitiesEntry, profiles: ProfileSet, settings: NetSettings
) -> Callable[[], list[Result]]:
    from emailsec_check.checks import identities as identity_checks

    profile = profiles.require(entry.product) if entry.product else None
    now = None
    if entry.as_of is not None:  # checked when the config was read
        day = entry.as_of
        now = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    options = identity_checks.IdentityOptions(
        redact=entry.redact, now=now, concurrency=settings.concurrency
    )

    def work() -> list[Result]:
        resolver = None
        if entry.dns:
            from emailsec_check.net.dns import Resolver

            resolver = Resolver(settings.nameservers, settings.timeout)
        return asyncio.run(
            identity_checks.check_identities(
                entry.configured, entry.expected, profile, resolver, options
            )
        )

    return work


def _sync(function: Callable[[], list[Result]]) -> Callable[[], Awaitable[list[Result]]]:
    return lambda: in_thread(function)


def _merge_regions(results: list[Result], config: RunConfig, rules: object) -> list[Result]:
    """Several-regions results need all URLs at once: recompute them over the whole list."""
    from emailsec_check.catalogue import datacenter as dc
    from emailsec_check.checks.datacenter import check_urls
    from emailsec_check.rules.hosts import HostRules

    assert isinstance(rules, HostRules)
    kept = [result for result in results if result.check is not dc.SEVERAL_REGIONS]
    across = check_urls([entry.url for entry in config.datacenter], rules)
    kept.extend(result for result in across if result.check is dc.SEVERAL_REGIONS)
    return kept


async def run_jobs(
    jobs: Sequence[_Job], deadline: float, progress: Optional[Progress] = None
) -> list[Result]:
    """Run every job concurrently; after ``deadline`` seconds, unfinished ones become skips."""
    tasks = {asyncio.ensure_future(job.work()): job for job in jobs}
    finished = 0
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline
    pending = set(tasks)
    while pending:
        remaining = end - loop.time()
        if remaining <= 0:
            break
        done, pending = await asyncio.wait(
            pending, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
        )
        # Ask every finished task for its error, so none is left "never retrieved".
        errors = [error for task in done if (error := task.exception()) is not None]
        if errors:
            for other in pending:
                other.cancel()
            raise errors[0]
        for task in done:
            finished += 1
            if progress is not None:
                progress(tasks[task].label, finished, len(tasks))
    for task in pending:
        task.cancel()
    results: list[Result] = []
    for task, job in tasks.items():
        if task in pending:
            results.append(
                skipped(
                    job.check,
                    job.label,
                    f"did not finish within the run's deadline of {deadline:g} s; raise "
                    "[settings] deadline in the config, or lower the timeouts",
                    deadline=deadline,
                    **_CONTRACT_KEYS[job.area],
                )
            )
        else:
            results.extend(task.result())
    return results
