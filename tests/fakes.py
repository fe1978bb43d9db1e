"""Fakes handed to the checks in place of the network (one of each, shared by the tests)."""

from __future__ import annotations

import random
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


_PIECES = (
    "https://", "http://", "//", "HTTPS:", "javascript:", "data:", ":", "/", "\\", "@", "#", "?",
    "%", "%2e", "%40", "%ff", "%", "[", "]", "::1", ":443", ":99999", ".", "..", "-", "_", "xn--",
    "xn--isco-k6d", "console", "eu", "amp", "cisco", "com", "mimecast", "login-eu", "evil",
    "example", "сisco", "ｃ", "。", "\u202e", "\u200b", "\x00", "\x1b[31m", "\t", "\n", " ",
    "\udcff", "🙂", "日本", "é", "\ufeff", "'", '"', "<", ">", "0x7f", "2130706433",
)  # fmt: skip


def random_url_text(generator: random.Random) -> str:
    """Junk that looks a little like a URL: pieces of URLs, raw bytes, any code points."""
    if generator.random() < 0.2:
        # arbitrary bytes, decoded the way argv would be (undecodable ones as surrogates)
        raw = bytes(generator.randrange(256) for _ in range(generator.randrange(40)))
        return raw.decode("utf-8", "surrogateescape")
    if generator.random() < 0.2:
        return "".join(chr(generator.randrange(0x110000)) for _ in range(generator.randrange(20)))
    return "".join(generator.choice(_PIECES) for _ in range(generator.randrange(1, 14)))
