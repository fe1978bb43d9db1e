"""Checking many status pages at once, inside one deadline.

Each page is read within ``timeout`` seconds (``--timeout``) and the whole batch within
``deadline`` seconds (``--deadline``): what has not finished by then is a ``skip`` naming
the deadline, and every page that did finish keeps its results. Up to ``concurrency``
pages are read at once (each holds at most two connections), so even hundreds of pages,
some of them hanging, take about one ``--timeout`` and the sockets stay bounded.

A page whose answer trips an unexpected error in our own code costs that page only:
its results become skips that say so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Optional

from emailsec_check.checks.status.pages import read_page
from emailsec_check.checks.status.targets import StatusTarget
from emailsec_check.checks.status.verdicts import judge_page, not_checked, without_secrets
from emailsec_check.model import Result
from emailsec_check.net.facts import PageFetcher

__all__ = ["PAGE_CONCURRENCY", "check_status_pages"]

#: Pages read at once: at two connections each, well inside the usual 1,024 open files.
PAGE_CONCURRENCY = 256


async def check_status_pages(
    targets: Sequence[StatusTarget],
    prober: PageFetcher,
    *,
    timeout: float,
    deadline: Optional[float] = None,
    concurrency: int = PAGE_CONCURRENCY,
) -> list[Result]:
    """ST001 and ST002 for every page, in the order of ``targets``.

    ``prober`` fetches (``net.prober.make_prober`` in a run, a fake in tests); each page
    gets ``timeout`` seconds from when its reading starts, the batch ``deadline`` seconds
    (``--deadline``; None: the caller bounds the batch, as ``run`` does for every area).
    """
    if not targets:
        return []
    limit = asyncio.Semaphore(max(1, concurrency))

    async def one(target: StatusTarget) -> list[Result]:
        if not target.url:
            why = (
                "no status page is known for it; add status_page.url to a profile of your own "
                "(--profiles-dir), or check a page with --url"
            )
            return not_checked(target, why, up=None)  # no page: neither up nor down
        async with limit:
            return await _guarded(target, prober, timeout)

    tasks = [asyncio.ensure_future(one(target)) for target in targets]
    _done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    results: list[Result] = []
    for target, task in zip(targets, tasks):
        if task in pending:
            assert deadline is not None  # only a deadline leaves tasks pending
            results.extend(_too_late(target, deadline, timeout))
        else:
            results.extend(task.result())
    return [without_secrets(result) for result in results]


async def _guarded(target: StatusTarget, prober: PageFetcher, timeout: float) -> list[Result]:
    """One page's results; an unexpected error of ours becomes this page's skips."""
    try:
        facts = await read_page(target, prober, timeout)
        return judge_page(facts, timeout)
    except Exception as error:  # a defect must not cost the other pages their results
        why = (
            f"emailsec-check could not read this page's answer ({type(error).__name__}); "
            "this is a defect of emailsec-check: please report it with the page's address"
        )
        return not_checked(target, why, error="internal")


def _too_late(target: StatusTarget, deadline: float, timeout: float) -> list[Result]:
    why = (
        f"not checked: the --deadline of {deadline:g} s for the whole run passed before this "
        f"page was read; raise --deadline, lower --timeout (now {timeout:g} s), or check "
        "fewer pages at once"
    )
    return not_checked(target, why, deadline=deadline)
