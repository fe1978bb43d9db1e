"""``--url`` pages are named by the page itself: Statuspage's ``page.name``, a plain page's
``<title>`` (unescaped, on one line, bounded, control characters shown as escapes), else
the host."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping

import pytest

from emailsec_check.checks.status import StatusTarget, check_status_pages
from emailsec_check.model import Result
from tests.fakes import FakeProber
from tests.servers.http_server import statuspage_summary

PAGE = "https://status.acme.example"


def check(bodies: Mapping[str, bytes]) -> list[Result]:
    prober = FakeProber(bodies)
    return asyncio.run(check_status_pages([StatusTarget(PAGE)], prober, timeout=5.0))


def test_a_statuspage_is_named_by_its_page_name() -> None:
    summary = json.dumps(statuspage_summary()).encode()
    reach, health = check({f"{PAGE}/api/v2/summary.json": summary})
    assert reach.message.startswith("Acme Mail status page reachable")
    assert health.message.startswith("Acme Mail: ")
    assert reach.data["product"] is None  # a --url page belongs to no profile


@pytest.mark.parametrize(
    ("html", "name"),
    [
        (b"<html><head><title>Acme &amp; Co status</title></head></html>", "Acme & Co status"),
        (b"<TITLE lang='en'>\n  Acme\n  Status\n</TITLE>", "Acme Status"),
        (b"<title>\x1b[31mRed\x1b[0m</title>", "\\x1b[31mRed\\x1b[0m"),
        (b"<title>" + b"A" * 500 + b"</title>", "A" * 80),
        (b"<title>\xff\xfeBroken</title>", "\ufffd\ufffdBroken"),
    ],
)
def test_a_plain_page_is_named_by_its_title(html: bytes, name: str) -> None:
    reach, _health = check({PAGE: html})
    assert reach.message.startswith(f"{name} status page reachable")


@pytest.mark.parametrize("html", [b"<html>no title</html>", b"<title></title>", b""])
def test_without_a_name_the_host_names_the_page(html: bytes) -> None:
    reach, _health = check({PAGE: html})
    assert reach.message.startswith("status.acme.example status page reachable")


def test_an_error_page_title_does_not_name_the_page() -> None:
    reach, _health = check({})  # every address answers 404
    assert reach.message.startswith("status.acme.example status page not reachable")
