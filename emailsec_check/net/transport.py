"""The connection layer under httpx: our own look-ups, connections and TLS, traced.

A custom httpcore network backend does the look-up itself (dnspython, through
``net/dns.py``, so ``--nameserver`` counts) and connects to the address it found;
httpcore still uses the URL's host name for SNI, certificate verification and the
``Host`` header, so the answer and the connection agree. Through a proxy the backend
connects to the proxy and leaves names to it. The streams it returns note when the
request went out and the first byte came back, and turn a failed TLS handshake into a
``Failure`` of the ``tls`` phase.
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any, Optional, Protocol

import httpcore
import httpx

from emailsec_check.net.dns import DnsKind
from emailsec_check.net.facts import AddressResolver, Failure, Phase, Problem
from emailsec_check.net.proxy import ProxyRoute
from emailsec_check.net.trace import Stop, Trace, os_problem, tls_failure

__all__ = ["DNS_PROBLEMS", "Routing", "Transport"]

#: How each kind of DNS outcome ends a probe that needed an address.
DNS_PROBLEMS = {
    DnsKind.NXDOMAIN: Problem.NXDOMAIN,
    DnsKind.NOANSWER: Problem.NOANSWER,
    DnsKind.TIMEOUT: Problem.TIMEOUT,
    DnsKind.SERVFAIL: Problem.DNS_FAILED,
    DnsKind.ERROR: Problem.DNS_FAILED,
    DnsKind.ANSWER: Problem.NOANSWER,  # an answer without addresses
}


class _Stream(httpcore.AsyncNetworkStream):
    """A connection that reports to the trace: request out, first byte in, TLS."""

    def __init__(self, inner: httpcore.AsyncNetworkStream, trace: Trace, tunnel: bool) -> None:
        self._inner = inner
        self._trace = trace
        #: Bytes of a CONNECT exchange with a proxy: not the request itself.
        self._tunnel = tunnel

    async def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        data = await self._inner.read(max_bytes, timeout)
        if data and not self._tunnel:
            self._trace.received()
        return data

    async def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        if not self._tunnel:
            self._trace.sending()
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> httpcore.AsyncNetworkStream:
        trace = self._trace
        trace.phase = Phase.TLS
        started = trace.now()
        try:
            inner = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        except (httpcore.ConnectTimeout, TimeoutError, asyncio.TimeoutError):
            raise Stop(trace.timed_out()) from None
        except Exception as error:
            raise Stop(tls_failure(error, server_hostname or trace.host)) from error
        finally:
            trace.add("tls", trace.now() - started)
        trace.phase = Phase.HTTP
        return _Stream(inner, trace, tunnel=False)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.AsyncNetworkBackend):
    """Looks names up with our resolver and connects to what it found (or to a proxy)."""

    def __init__(
        self, trace: Trace, resolver: AddressResolver, proxy: Optional[ProxyRoute]
    ) -> None:
        self._trace = trace
        self._resolver = resolver
        self._proxy = proxy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        local_address: Optional[str] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> httpcore.AsyncNetworkStream:
        if self._proxy is not None:
            return await self._connect_proxy(host, port, local_address)
        addresses = await self._lookup(host)
        return await self._connect(addresses, port, local_address)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def _lookup(self, host: str) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            pass
        trace = self._trace
        trace.phase = Phase.DNS
        outcome = await self._resolver.addresses(host)
        trace.add("dns", outcome.seconds)
        if outcome.kind is DnsKind.ANSWER and outcome.addresses:
            return list(outcome.addresses)
        detail = outcome.detail or f"no address found for {host}"
        raise Stop(Failure(Phase.DNS, DNS_PROBLEMS[outcome.kind], detail))

    async def _connect(
        self, addresses: Sequence[str], port: int, local_address: Optional[str]
    ) -> httpcore.AsyncNetworkStream:
        trace = self._trace
        trace.phase = Phase.CONNECT
        failures: list[tuple[Problem, str]] = []
        for index, address in enumerate(addresses):
            trace.address = address
            left = len(addresses) - index
            # Earlier addresses get a share of the time; the last one runs into the
            # probe's own deadline, so that timeout is reported as --timeout.
            share = max(trace.remaining() / left, 0.05) if left > 1 else trace.remaining() + 1
            started = trace.now()
            try:
                stream = await self._inner.connect_tcp(
                    address, port, timeout=share, local_address=local_address
                )
            except (httpcore.ConnectTimeout, TimeoutError, asyncio.TimeoutError):
                if left == 1 and not failures:
                    raise Stop(trace.timed_out()) from None
                failures.append(
                    (Problem.TIMEOUT, f"{address} port {port} did not answer within {share:.3g} s")
                )
                continue
            except (httpcore.ConnectError, OSError) as error:
                problem, words = os_problem(error)
                failures.append((problem, f"{address} port {port} {words}"))
                continue
            finally:
                trace.add("connect", trace.now() - started)
            trace.phase = Phase.HTTP
            return _Stream(stream, trace, tunnel=False)
        problem, detail = failures[0]
        if len(failures) > 1:
            detail += f" (and {len(failures) - 1} other address(es) of {trace.host} failed too)"
        raise Stop(Failure(Phase.CONNECT, problem, detail))

    async def _connect_proxy(
        self, host: str, port: int, local_address: Optional[str]
    ) -> httpcore.AsyncNetworkStream:
        trace = self._trace
        proxy = self._proxy
        assert proxy is not None
        trace.phase = Phase.PROXY
        started = trace.now()
        try:
            # The proxy's own name is looked up by the system, as a browser does.
            stream = await self._inner.connect_tcp(
                host, port, timeout=trace.remaining() + 1, local_address=local_address
            )
        except (httpcore.ConnectTimeout, TimeoutError, asyncio.TimeoutError):
            raise Stop(trace.timed_out()) from None
        except (httpcore.ConnectError, OSError) as error:
            problem, words = os_problem(error)
            raise Stop(
                Failure(Phase.PROXY, problem, f"the proxy {proxy.display} {words}")
            ) from error
        finally:
            trace.add("connect", trace.now() - started)
        # An https page is reached through a CONNECT tunnel; until TLS starts the
        # bytes are the tunnel's, so the phase stays "proxy".
        if not trace.https:
            trace.phase = Phase.HTTP
        return _Stream(stream, trace, tunnel=trace.https)


class _Body(httpx.AsyncByteStream):
    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for part in self._response.aiter_stream():
            yield part

    async def aclose(self) -> None:
        await self._response.aclose()


class Routing(Protocol):
    """What the transport needs from its prober: the route, resolver and TLS trust."""

    @property
    def resolver(self) -> AddressResolver: ...

    @property
    def ssl_context(self) -> ssl.SSLContext: ...

    def route(self, url: httpx.URL) -> Optional[ProxyRoute]: ...


class Transport(httpx.AsyncBaseTransport):
    """httpx on top of httpcore pools that use our backend, one pool per route."""

    def __init__(self, prober: Routing, trace: Trace) -> None:
        self._prober = prober
        self._trace = trace
        self._pools: dict[str, httpcore.AsyncConnectionPool] = {}

    def _pool(self, url: httpx.URL) -> httpcore.AsyncConnectionPool:
        route = self._prober.route(url)
        self._trace.proxy = route.display if route else None
        key = route.url if route else ""
        pool = self._pools.get(key)
        if pool is not None:
            return pool
        backend = _Backend(self._trace, self._prober.resolver, route)
        context = self._prober.ssl_context
        if route is None:
            pool = httpcore.AsyncConnectionPool(
                ssl_context=context, network_backend=backend, max_connections=4
            )
        else:
            proxy_url = httpx.URL(route.url)
            pool = httpcore.AsyncHTTPProxy(
                proxy_url=httpcore.URL(
                    scheme=proxy_url.raw_scheme,
                    host=proxy_url.raw_host,
                    port=proxy_url.port,
                    target=proxy_url.raw_path,
                ),
                proxy_auth=route.auth,
                ssl_context=context,
                proxy_ssl_context=context if proxy_url.scheme == "https" else None,
                network_backend=backend,
                max_connections=4,
            )
        self._pools[key] = pool
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        response = await self._pool(request.url).handle_async_request(core_request)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
