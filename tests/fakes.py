"""Fakes handed to the checks in place of the network (one of each, shared by the tests)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from emailsec_check.net.facts import MAX_BODY_BYTES, Fetched

NOT_FOUND = b"<html><title>404 Not Found</title></html>"


class FakeProber:
    """A status-page prober that answers each URL of ``bodies`` with 200 and that body,
    and any other URL with a 404 page; it never touches the network."""

    def __init__(self, bodies: Mapping[str, bytes], *, content_type: str = "") -> None:
        self.bodies = bodies
        self.content_type = content_type
        self.asked: list[str] = []

    async def fetch(
        self,
        url: str,
        *,
        budget: float,
        accept: str = "application/json",
        max_bytes: int = MAX_BODY_BYTES,
    ) -> Fetched:
        self.asked.append(url)
        host = urlsplit(url).hostname or ""
        body = self.bodies.get(url)
        if body is None:
            return Fetched(url, url, host, 443, status_code=404, body=NOT_FOUND,
                           timings={"total": 0.01})  # fmt: skip
        return Fetched(url, url, host, 443, status_code=200, content_type=self.content_type,
                       body=body, timings={"total": 0.01})  # fmt: skip
