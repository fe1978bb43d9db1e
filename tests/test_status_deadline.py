"""Status pages inside one deadline: pages that have not finished when ``deadline`` passes
are skips naming it, and every page that did finish keeps its results."""

from __future__ import annotations

import asyncio
import json

from emailsec_check.checks.status import Platform, StatusTarget, check_status_pages
from emailsec_check.model import Result, Status
from emailsec_check.net.facts import MAX_BODY_BYTES, Fetched
from tests.servers.http_server import statuspage_summary

SUMMARY = json.dumps(statuspage_summary()).encode()


class SlowProber:
    """Pages whose host starts with ``hang`` take the whole budget; ``boom`` hosts raise."""

    async def fetch(
        self,
        url: str,
        *,
        budget: float,
        accept: str = "application/json",
        max_bytes: int = MAX_BODY_BYTES,
    ) -> Fetched:
        host = url.split("/")[2]
        if host.startswith("hang"):
            await asyncio.sleep(budget)
        if host.startswith("boom"):
            raise RuntimeError("a defect somewhere below the check")
        return Fetched(url, url, host, 443, status_code=200, body=SUMMARY,
                       timings={"total": 0.01})  # fmt: skip


def check(hosts: list[str], *, timeout: float, deadline: float) -> list[Result]:
    targets = [StatusTarget(f"https://{host}", Platform.STATUSPAGE) for host in hosts]
    return asyncio.run(
        check_status_pages(targets, SlowProber(), timeout=timeout, deadline=deadline)
    )


def test_pages_unfinished_at_the_deadline_are_skips_naming_it() -> None:
    hosts = ["ok1.acme.example", "hang.acme.example", "ok2.acme.example"]
    results = check(hosts, timeout=30.0, deadline=0.2)
    assert [(r.subject, r.id, r.status) for r in results] == [
        ("https://ok1.acme.example", "ST001", Status.PASS),
        ("https://ok1.acme.example", "ST002", Status.PASS),
        ("https://hang.acme.example", "ST001", Status.SKIP),
        ("https://hang.acme.example", "ST002", Status.SKIP),
        ("https://ok2.acme.example", "ST001", Status.PASS),
        ("https://ok2.acme.example", "ST002", Status.PASS),
    ]
    late = results[2]
    assert "--deadline of 0.2 s" in late.message
    assert late.data["deadline"] == 0.2
    assert {"product", "url", "indicator", "up"} <= set(late.data)
    assert late.data["up"] is False


def test_a_defect_while_reading_one_page_costs_that_page_only() -> None:
    results = check(["boom.acme.example", "ok.acme.example"], timeout=5.0, deadline=5.0)
    assert [(r.id, r.status) for r in results] == [
        ("ST001", Status.SKIP),
        ("ST002", Status.SKIP),
        ("ST001", Status.PASS),
        ("ST002", Status.PASS),
    ]
    assert "defect of emailsec-check" in results[0].message
    assert "RuntimeError" in results[0].message
