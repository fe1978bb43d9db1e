"""run's engine: areas overlap, the deadline holds, select and ignore filter by ID."""

from __future__ import annotations

import asyncio
import time

import pytest

from emailsec_check import runner
from emailsec_check.catalogue import datacenter as dc
from emailsec_check.catalogue import run as run_checks
from emailsec_check.catalogue import select_results
from emailsec_check.model import Area, Result, Status, passed


def _job(label: str, seconds: float, results: list[Result]) -> runner.Job:
    async def work() -> list[Result]:
        await asyncio.sleep(seconds)
        return results

    return runner.Job(Area.DATACENTER, label, run_checks.DATACENTER_DEADLINE, work)


def _blocking_job(label: str, seconds: float) -> runner.Job:
    def work() -> list[Result]:
        time.sleep(seconds)  # file-bound work that ignores cancellation
        return []

    return runner.Job(Area.IDENTITIES, label, run_checks.IDENTITIES_DEADLINE, runner.threaded(work))


def test_areas_run_concurrently() -> None:
    ok = passed(dc.RECOGNISED, "a", "fine")
    jobs = [_job(f"job{i}", 0.3, [ok]) for i in range(5)]
    start = time.perf_counter()
    results = asyncio.run(runner.run_jobs(jobs, deadline=5))
    elapsed = time.perf_counter() - start
    assert len(results) == 5
    assert elapsed < 1.2  # five 0.3 s areas overlap instead of taking 1.5 s


def test_deadline_turns_unfinished_areas_into_skips_naming_it() -> None:
    ok = passed(dc.RECOGNISED, "quick", "fine")
    jobs = [_job("quick", 0.0, [ok]), _job("slow", 30, []), _blocking_job("huge file", 30)]
    start = time.perf_counter()
    results = asyncio.run(runner.run_jobs(jobs, deadline=0.5))
    assert time.perf_counter() - start < 3
    by_subject = {r.subject: r for r in results}
    assert by_subject["quick"].status is Status.PASS
    for label in ("slow", "huge file"):
        assert by_subject[label].status is Status.SKIP
        assert "deadline of 0.5 s" in by_subject[label].message


def test_an_input_error_in_one_area_stops_the_run() -> None:
    from emailsec_check.errors import InputError

    def broken() -> list[Result]:
        raise InputError("bad export", path="users.csv", line=3)

    jobs = [
        runner.Job(Area.IDENTITIES, "x", run_checks.IDENTITIES_DEADLINE, runner.threaded(broken)),
        _job("slow", 30, []),
    ]
    with pytest.raises(InputError, match="bad export"):
        asyncio.run(runner.run_jobs(jobs, deadline=5))


def test_progress_is_told_each_finished_area() -> None:
    told: list[tuple[str, int, int]] = []
    jobs = [_job("a", 0, []), _job("b", 0.05, [])]
    asyncio.run(
        runner.run_jobs(jobs, 5, lambda label, done, total: told.append((label, done, total)))
    )
    assert told == [("a", 1, 2), ("b", 2, 2)]


def test_select_and_ignore_by_id_or_prefix() -> None:
    results = [
        passed(dc.RECOGNISED, "a", "x"),
        passed(dc.EXPECTED_REGION, "b", "x"),
        passed(run_checks.STATUS_DEADLINE, "c", "x"),
    ]
    assert [r.id for r in select_results(results, ["dc"], [])] == ["DC001", "DC004"]
    assert [r.id for r in select_results(results, ["DC"], ["DC004"])] == ["DC001"]
    assert [r.id for r in select_results(results, [], ["ST9"])] == ["DC001", "DC004"]
    assert [r.id for r in select_results(results, ["ST"], [])] == ["ST900"]


def test_a_thread_finishing_after_the_deadline_prints_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    asyncio.run(runner.run_jobs([_blocking_job("late", 0.3)], deadline=0.05))
    time.sleep(0.6)  # the thread finishes after its loop has closed
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err
    assert "Exception" not in captured.err
