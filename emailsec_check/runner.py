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
from collections.abc import Awaitable, Iterator, Mapping, Sequence
from functools import partial
from typing import Callable, Final, Optional, TypeVar

from emailsec_check.catalogue import run as run_checks
from emailsec_check.errors import InputError
from emailsec_check.model import Area, CheckInfo, Result, skipped
from emailsec_check.net.settings import NetSettings
from emailsec_check.pipeline import IdentitiesRun, LiveSources, identities_results
from emailsec_check.profiles import ProfileSet
from emailsec_check.record import Record
from emailsec_check.rules.redact import redact
from emailsec_check.sources.config import RunConfig

__all__ = ["Job", "Progress", "in_thread", "plan", "run_jobs", "threaded"]

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


class Job(Record):
    """One area of a run: its label for progress, the check a deadline skip is reported
    under, and the work (awaited; file-bound work runs in a thread, see ``threaded``)."""

    __slots__ = ("area", "label", "check", "work")

    area: Final[Area]
    label: Final[str]
    check: Final[CheckInfo]
    work: Final[Callable[[], Awaitable[list[Result]]]]

    def __init__(
        self, area: Area, label: str, check: CheckInfo, work: Callable[[], Awaitable[list[Result]]]
    ) -> None:
        self.area = area
        self.label = label
        self.check = check
        self.work = work


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


def plan(
    config: RunConfig, profiles: ProfileSet, settings: NetSettings, environ: Mapping[str, str]
) -> list[Job]:
    """The areas this config asks for, as jobs (nothing runs yet).

    Everything a config names that the profiles must know (products, regions) is checked
    here, before any job starts: a wrong name is exit 2 naming the config's file and line.
    """
    jobs: list[Job] = []
    status = _status_job(config, profiles, settings)
    if status is not None:
        jobs.append(status)
    if config.datacenter:
        jobs.append(_datacenter_job(config, profiles))
    live = LiveSources(
        settings.nameservers, settings.timeout, lambda: settings, environ, config.graph_url
    )
    identities = IdentitiesRun(
        profiles, live, login_option="login_column", expected_option="expected_column"
    )
    for entry in config.identities:
        if entry.product:
            with _blamed(config, f"{entry.key}.product"):
                profiles.require(entry.product)
        jobs.append(
            Job(
                Area.IDENTITIES,
                f"identities {entry.name or entry.configured.name}",
                run_checks.IDENTITIES_DEADLINE,
                threaded(partial(identities_results, entry, identities)),
            )
        )
    if config.requests:
        jobs.append(_requests_job(config, profiles))
    return jobs


@contextlib.contextmanager
def _blamed(config: RunConfig, key: str) -> Iterator[None]:
    """An InputError inside (an unknown name) becomes one naming the config's file and line."""
    try:
        yield
    except InputError as error:
        raise config.error(key, error.message) from None


def _status_job(config: RunConfig, profiles: ProfileSet, settings: NetSettings) -> Optional[Job]:
    if not config.status_enabled:
        return None
    from emailsec_check.checks import status as status_checks
    from emailsec_check.net.prober import make_prober
    from emailsec_check.rules.hosts import HostRules

    products = config.status_products
    if products is None:  # not named: every profile that has a status page
        products = tuple(profile.id for profile in profiles if profile.status_page)
    if not products and not config.status_urls:
        return None
    # A product whose console URLs the config names is judged on those URLs' regions.
    product_regions = HostRules(profiles).regions_of(entry.url for entry in config.datacenter)
    with _blamed(config, "status.regions" if config.status_regions else "status.products"):
        targets = status_checks.build_targets(
            profiles,
            list(products),
            list(config.status_urls),
            config.status_regions,
            product_regions=product_regions,
        )

    async def work() -> list[Result]:
        results = await status_checks.check_status_pages(
            targets, make_prober(settings), timeout=settings.timeout
        )
        return _grouped(results, config.status_name)

    return Job(Area.STATUS, "status pages", run_checks.STATUS_DEADLINE, work)


def _datacenter_job(config: RunConfig, profiles: ProfileSet) -> Job:
    from emailsec_check.checks.datacenter import check_url_entries
    from emailsec_check.rules.hosts import HostRules
    from emailsec_check.rules.regions import ExpectedRegion, resolve_expected_region

    rules = HostRules(profiles)
    expects: list[Optional[ExpectedRegion]] = []
    for entry in config.datacenter:
        with _blamed(config, f"{entry.key}.expect"):
            expects.append(
                None
                if entry.expect is None
                else resolve_expected_region(profiles, entry.expect, [entry.url])
            )

    def work() -> list[Result]:
        pairs = [(entry.url, expect) for entry, expect in zip(config.datacenter, expects)]
        results = check_url_entries(pairs, rules)
        names = {redact(entry.url): entry.name for entry in config.datacenter if entry.name}
        return [result.in_group(names.get(result.subject)) for result in results]

    return Job(Area.DATACENTER, "console URLs", run_checks.DATACENTER_DEADLINE, threaded(work))


def _requests_job(config: RunConfig, profiles: ProfileSet) -> Job:
    from emailsec_check.checks.request import assess_request
    from emailsec_check.rules.hosts import HostRules
    from emailsec_check.sources.request.kinds import resolve_kind
    from emailsec_check.sources.request.reading import read_request

    rules = HostRules(profiles)

    def work() -> list[Result]:
        results: list[Result] = []
        for entry in config.requests:
            # The file is read here (sources), then checked as facts (checks).
            doc = read_request(entry.file, profiles.request_kinds())
            kind, how = resolve_kind(doc, profiles, entry.kind)
            found = assess_request(doc, kind, rules, how=how).results
            results.extend(_grouped(found, entry.name))
        return results

    return Job(Area.REQUEST, "support requests", run_checks.REQUEST_DEADLINE, threaded(work))


def _grouped(results: Sequence[Result], name: str) -> list[Result]:
    """``results`` carried by the config block ``name`` (as they are when it has none)."""
    return [result.in_group(name) for result in results] if name else list(results)


def threaded(function: Callable[[], list[Result]]) -> Callable[[], Awaitable[list[Result]]]:
    """``function`` as a job's work: run in its own thread when the job starts."""
    return lambda: in_thread(function)


async def run_jobs(
    jobs: Sequence[Job], deadline: float, progress: Optional[Progress] = None
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
