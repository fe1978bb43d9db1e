"""``HttpProber``: one GET, bounded end to end, that tells the phases apart.

``HttpProber.fetch(url, budget=...)`` runs one probe under one deadline (``budget``
seconds for everything: look-ups, connections, redirects, retries, the body), so a
server that drips a byte a second still ends the probe on time. It never raises for
a network fault: the fault is in ``Fetched.failure``. ``make_prober`` builds one from
the run's settings (the resolver included); commands and the runner call it and hand
the prober to the checks, which never build their own.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import replace
from typing import Any, Optional

import httpx

from emailsec_check.net.dns import DnsOutcome
from emailsec_check.net.facts import (
    MAX_BODY_BYTES,
    MAX_REDIRECTS,
    USER_AGENT,
    AddressResolver,
    Failure,
    Fetched,
    Phase,
    Problem,
)
from emailsec_check.net.proxy import ProxyRoute, bypasses_proxy, parse_proxy
from emailsec_check.net.retry import RETRY_STATUSES, ascii_int, retry_after_seconds
from emailsec_check.net.settings import NetSettings
from emailsec_check.net.tls import make_ssl_context
from emailsec_check.net.trace import Stop, Trace, classify
from emailsec_check.net.transport import Transport

__all__ = ["LOOKUPS_IN_FLIGHT", "HttpProber", "PacedResolver", "make_prober"]


def make_prober(settings: NetSettings, resolver: Optional[AddressResolver] = None) -> HttpProber:
    """A prober for these settings; without ``resolver``, one built from them."""
    if resolver is None:
        from emailsec_check.net.dns import Resolver

        resolver = Resolver(settings.nameservers, settings.timeout)
    return HttpProber(settings, resolver)


#: Address look-ups one prober has in flight at once. Hundreds of pages read together
#: would otherwise send hundreds of queries in one burst, which a small resolver (or its
#: socket buffer) drops; a look-up takes milliseconds, so the queue is short.
LOOKUPS_IN_FLIGHT = 32


class PacedResolver:
    """A resolver with at most ``limit`` look-ups in flight (the others wait their turn)."""

    def __init__(self, inner: AddressResolver, limit: int) -> None:
        self._inner = inner
        self._limit = limit
        # Made on first use, inside the running loop (Python 3.9 binds it at creation).
        self._slots: Optional[asyncio.Semaphore] = None

    async def addresses(self, name: str) -> DnsOutcome:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._limit)
        async with self._slots:
            return await self._inner.addresses(name)

    def describe(self) -> str:
        return self._inner.describe()


class HttpProber:
    """Fetches pages with the run's settings; one instance serves any number of probes."""

    def __init__(self, settings: NetSettings, resolver: AddressResolver) -> None:
        self.settings = settings
        self.resolver: AddressResolver = PacedResolver(resolver, LOOKUPS_IN_FLIGHT)
        self.ssl_context = make_ssl_context(settings.ca_bundle)
        self._https_proxy = parse_proxy(settings.proxy, "--proxy") if settings.proxy else None
        http = settings.http_proxy if settings.http_proxy is not None else settings.proxy
        self._http_proxy = parse_proxy(http, "HTTP_PROXY") if http else None

    def route(self, url: httpx.URL) -> Optional[ProxyRoute]:
        """The proxy for ``url``, or None to go direct."""
        if bypasses_proxy(url.host, self.settings.no_proxy):
            return None
        return self._https_proxy if url.scheme == "https" else self._http_proxy

    async def fetch(
        self,
        url: str,
        *,
        budget: float,
        accept: str = "application/json",
        max_bytes: int = MAX_BODY_BYTES,
    ) -> Fetched:
        """GET ``url``, following redirects and retrying as allowed, within ``budget`` s."""
        trace = Trace(budget)
        try:
            return await asyncio.wait_for(self._fetch(url, trace, accept, max_bytes), budget)
        except asyncio.TimeoutError:
            return self._result(url, trace, failure=trace.timed_out())
        except Exception as error:  # whatever else the network does is a result, not a crash
            return self._result(url, trace, failure=classify(error, trace))

    def _result(self, url: str, trace: Trace, **found: Any) -> Fetched:
        return Fetched(
            url=url,
            final_url=trace.url or url,
            host=trace.host or _host_of(url),
            port=trace.port,
            redirects=tuple(trace.redirects),
            attempts=max(trace.attempts, 1),
            timings=trace.timings(),
            address=None if trace.proxy else trace.address,
            proxy=trace.proxy,
            nameserver="" if trace.proxy else self.resolver.describe(),
            **found,
        )

    async def _fetch(self, url: str, trace: Trace, accept: str, max_bytes: int) -> Fetched:
        while True:
            trace.attempts += 1
            fetched = await self._attempt(url, trace, accept, max_bytes)
            wait, note = self._retry_wait(fetched, trace.attempts, trace)
            if wait is None:
                return replace(fetched, notes=(*fetched.notes, note)) if note else fetched
            await asyncio.sleep(wait)

    def _retry_wait(
        self, fetched: Fetched, attempt: int, trace: Trace
    ) -> tuple[Optional[float], str]:
        """Seconds to wait before the next attempt (None: no more attempts), and why not."""
        wanted = (fetched.failure is not None and fetched.failure.retryable) or (
            fetched.failure is None and fetched.status_code in RETRY_STATUSES
        )
        if not wanted or attempt > self.settings.retries:
            return None, ""
        wait = fetched.retry_after
        if wait is None:
            wait = min(0.25 * 2 ** (attempt - 1), 2.0)
        if wait >= trace.remaining() - 0.05:
            if fetched.retry_after is not None:
                return None, (
                    f"the server asked to retry after {fetched.retry_after:g} s, more than the "
                    f"time left within --timeout"
                )
            return None, "no time left within --timeout for another attempt"
        return wait, ""

    async def _attempt(self, url: str, trace: Trace, accept: str, max_bytes: int) -> Fetched:
        client = httpx.AsyncClient(
            transport=Transport(self, trace), trust_env=False, follow_redirects=False
        )
        try:
            return await self._hops(client, url, trace, accept, max_bytes)
        finally:
            with suppress(Exception):  # a connection that broke may break again on closing
                await client.aclose()

    async def _hops(
        self, client: httpx.AsyncClient, url: str, trace: Trace, accept: str, max_bytes: int
    ) -> Fetched:
        """One attempt: the request and the redirects it leads to."""
        headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "identity"}
        trace.redirects = []
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                request = client.build_request(
                    "GET", current, headers=headers, timeout=trace.remaining() + 1.0
                )
                trace.new_request(request.url)
                response = await client.send(request, stream=True)
            except Exception as error:
                return self._result(url, trace, failure=classify(error, trace))
            try:
                target = _redirect_target(response)
                if target is None:
                    trace.phase = Phase.BODY
                    body, truncated = await _read_capped(response, max_bytes, trace)
            except Stop as stop:
                return self._result(
                    url, trace, failure=stop.failure, status_code=response.status_code
                )
            except Exception as error:
                return self._result(url, trace, failure=classify(error, trace))
            finally:
                with suppress(Exception):
                    await response.aclose()
            if target is not None:
                current = target
                trace.redirects.append(current)
                continue
            return self._result(
                url,
                trace,
                status_code=response.status_code,
                reason=response.reason_phrase,
                content_type=response.headers.get("content-type", ""),
                body=body,
                truncated=truncated,
                retry_after=retry_after_seconds(response.headers.get("retry-after")),
            )
        failure = Failure(
            Phase.HTTP,
            Problem.REDIRECTS,
            f"more than {MAX_REDIRECTS} redirects (the last to {trace.redirects[-1]})",
        )
        return self._result(url, trace, failure=failure)


def _redirect_target(response: httpx.Response) -> Optional[str]:
    """Where a redirect points (None: not a redirect); a non-web target ends the probe."""
    location = response.headers.get("location")
    if not response.is_redirect or not location:
        return None
    try:
        target = response.url.join(location)
    except (httpx.InvalidURL, ValueError):
        target = None
    if target is None or target.scheme not in ("http", "https") or not target.host:
        raise Stop(
            Failure(
                Phase.HTTP,
                Problem.BAD_URL,
                f"redirected to {location[:200]!r}, which is not a web address",
            )
        )
    return str(target)


async def _read_capped(
    response: httpx.Response, max_bytes: int, trace: Trace
) -> tuple[bytes, bool]:
    """The body, or its first ``max_bytes`` and True when it is larger (never read whole)."""
    length = response.headers.get("content-length", "")
    announced = ascii_int(length)
    if announced is not None and announced > max_bytes:
        return b"", True
    chunks: list[bytes] = []
    async for chunk in response.aiter_bytes():
        trace.body_bytes += len(chunk)
        chunks.append(chunk)
        if trace.body_bytes > max_bytes:
            return b"".join(chunks)[:max_bytes], True
    return b"".join(chunks), False


def _host_of(url: str) -> str:
    try:
        return httpx.URL(url).host
    except (httpx.InvalidURL, ValueError, TypeError):
        return ""
