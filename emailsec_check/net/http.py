"""HTTP probes with httpx: one GET, bounded end to end, that tells the phases apart.

A probe answers "can this machine fetch that page, and if not, where did it break":
the DNS look-up (dnspython, through ``net/dns.py``, so ``--nameserver`` counts), the
TCP connection, the TLS handshake, the proxy, the wait for the answer and the body.
Each phase is timed, and a failure names the phase it happened in.

How it fits together:
- ``HttpProber.fetch(url, budget=...)`` runs one probe under one deadline (``budget``
  seconds for everything: look-ups, connections, redirects, retries, the body), so a
  server that drips a byte a second still ends the probe on time.
- A custom httpcore network backend does the look-up itself and connects to the
  address it found; httpcore still uses the URL's host name for SNI, certificate
  verification and the ``Host`` header, so the answer and the connection agree.
  Through a proxy the backend connects to the proxy and leaves names to it.
- The streams it returns note when the request went out and the first byte came
  back, and turn a failed TLS handshake into a ``Failure`` of the ``tls`` phase.

Nothing here decides what a result means: ``Fetched`` carries facts (status, body,
phase and kind of a failure, timings) and the checks judge them.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import ssl
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from enum import Enum
from pathlib import Path
from typing import Any, Optional, Protocol

import httpcore
import httpx

from emailsec_check import __version__
from emailsec_check.errors import InputError
from emailsec_check.net.dns import DnsKind, DnsOutcome
from emailsec_check.net.settings import NetSettings
from emailsec_check.rules.redact import redact

#: Bodies larger than this are not read (a status summary is far smaller).
MAX_BODY_BYTES = 4 * 1024 * 1024
#: Redirects followed before a probe gives up (a loop ends here).
MAX_REDIRECTS = 5
#: Answers worth another try when --retries allows it.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"emailsec-check/{__version__} (status probe)"


class Phase(str, Enum):
    """Where a probe was when it failed (the JSON ``phase`` key)."""

    DNS = "dns"
    PROXY = "proxy"
    CONNECT = "connect"
    TLS = "tls"
    HTTP = "http"  # sending the request and waiting for the answer's head
    BODY = "body"  # reading the answer
    CONTENT = "content"  # the answer is not what was expected (judged by the checks)


class Problem(str, Enum):
    """What went wrong in a phase (the JSON ``error`` key)."""

    NXDOMAIN = "nxdomain"
    NOANSWER = "noanswer"
    DNS_FAILED = "dns-failed"  # SERVFAIL, refused, no resolver: could not look up
    TIMEOUT = "timeout"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    RESET = "reset"
    CLOSED = "closed"
    UNTRUSTED = "untrusted"  # certificate verification failed
    HANDSHAKE = "handshake"  # any other TLS failure
    PROXY_AUTH = "proxy-auth"
    PROXY_DENIED = "proxy-denied"
    REDIRECTS = "redirects"
    BAD_URL = "bad-url"
    PROTOCOL = "protocol"
    ERROR = "error"
    # Judged by the checks from an answer that arrived:
    STATUS = "http-status"
    TOO_LARGE = "too-large"
    NOT_PLATFORM = "unexpected-body"


_RETRYABLE = frozenset(
    {
        Problem.DNS_FAILED,
        Problem.TIMEOUT,
        Problem.REFUSED,
        Problem.UNREACHABLE,
        Problem.RESET,
        Problem.CLOSED,
        Problem.PROTOCOL,
        Problem.PROXY_DENIED,
    }
)

_DNS_PROBLEMS = {
    DnsKind.NXDOMAIN: Problem.NXDOMAIN,
    DnsKind.NOANSWER: Problem.NOANSWER,
    DnsKind.TIMEOUT: Problem.TIMEOUT,
    DnsKind.SERVFAIL: Problem.DNS_FAILED,
    DnsKind.ERROR: Problem.DNS_FAILED,
    DnsKind.ANSWER: Problem.NOANSWER,  # an answer without addresses
}


class AddressResolver(Protocol):
    """What a probe needs from a resolver (``net.dns.Resolver`` or a test's fake)."""

    async def addresses(self, name: str) -> DnsOutcome: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class Failure:
    """Why a probe got no usable answer: the phase, what happened, in words."""

    phase: Phase
    problem: Problem
    detail: str
    #: The probe's whole budget (--timeout) ran out, rather than one step failing.
    deadline: bool = False

    @property
    def retryable(self) -> bool:
        return self.problem in _RETRYABLE


@dataclass(frozen=True)
class Fetched:
    """Everything one probe found out, whether or not an answer arrived."""

    url: str
    final_url: str
    host: str
    port: int
    failure: Optional[Failure] = None
    status_code: Optional[int] = None
    reason: str = ""
    content_type: str = ""
    body: bytes = b""
    #: The body was larger than the cap and was not read to the end.
    truncated: bool = False
    #: Seconds spent in each phase (summed over redirects and retries; None: not done).
    timings: Mapping[str, Optional[float]] = field(default_factory=dict)
    address: Optional[str] = None
    proxy: Optional[str] = None
    nameserver: str = ""
    attempts: int = 1
    redirects: tuple[str, ...] = ()
    retry_after: Optional[float] = None
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class ProxyRoute:
    """A proxy to send requests through; ``display`` never shows a password."""

    url: str
    auth: Optional[tuple[str, str]]
    display: str


def parse_proxy(value: str, source: str) -> Optional[ProxyRoute]:
    """An http(s) proxy URL (scheme optional) as a route; "" or "none" means no proxy."""
    text = value.strip()
    if text.lower() in ("", "none", "direct"):
        return None
    if "://" not in text:
        text = f"http://{text}"
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise InputError(f"{source}: {redact(value)!r} is not a proxy URL") from None
    if url.scheme not in ("http", "https"):
        raise InputError(
            f"{source}: {url.scheme}:// proxies are not supported; give an http:// proxy URL"
        )
    if not url.host:
        raise InputError(f"{source}: {redact(value)!r} names no proxy host")
    auth = (url.username, url.password) if url.username else None
    bare = url.copy_with(username=None, password=None)
    return ProxyRoute(str(bare), auth, str(bare).rstrip("/"))


def apply_environment(settings: NetSettings, environ: Mapping[str, str]) -> NetSettings:
    """Fill what the options left open from the usual variables, checked.

    ``HTTPS_PROXY`` (https URLs), ``HTTP_PROXY`` (http URLs), ``ALL_PROXY`` (both),
    ``NO_PROXY`` (hosts reached directly) and ``SSL_CERT_FILE`` (a CA bundle), each
    also in lower case. ``--proxy`` wins over the variables for every URL; ``NO_PROXY``
    still applies to it, as in curl. The CLI passes ``os.environ``; checks never read it.
    """

    def env(*names: str) -> Optional[str]:
        for name in names:
            for key in (name, name.lower()):
                value = environ.get(key)
                if value is not None and value.strip():
                    return value.strip()
        return None

    proxy, http_proxy = settings.proxy, settings.http_proxy
    if proxy is not None:
        parse_proxy(proxy, "--proxy")
    else:
        proxy = env("HTTPS_PROXY", "ALL_PROXY")
        http_proxy = env("HTTP_PROXY", "ALL_PROXY")
        if proxy is not None:
            parse_proxy(proxy, "HTTPS_PROXY")
        if http_proxy is not None:
            parse_proxy(http_proxy, "HTTP_PROXY")
        proxy = proxy if proxy is not None else ("" if http_proxy is not None else None)
    no_proxy = settings.no_proxy
    if not no_proxy:
        no_proxy = tuple(
            item.strip() for item in (env("NO_PROXY") or "").split(",") if item.strip()
        )
    ca_bundle = settings.ca_bundle or env("SSL_CERT_FILE")
    return replace(
        settings, proxy=proxy, http_proxy=http_proxy, no_proxy=no_proxy, ca_bundle=ca_bundle
    )


def bypasses_proxy(host: str, no_proxy: Iterable[str]) -> bool:
    """Whether NO_PROXY lists ``host`` (``*``, a domain and its subdomains, an IP or CIDR)."""
    host = host.lower().strip("[]").rstrip(".")
    for raw in no_proxy:
        entry = raw.strip().lower()
        if entry == "*":
            return True
        if entry.startswith("[") or entry.count(":") > 1:
            entry = entry.strip("[]")
        elif ":" in entry:
            entry = entry.partition(":")[0]
        entry = entry.lstrip(".").rstrip(".")
        if not entry:
            continue
        if host == entry or host.endswith("." + entry):
            return True
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def make_ssl_context(ca_bundle: Optional[str]) -> ssl.SSLContext:
    """This system's trust store and certifi's, plus ``ca_bundle`` (a TLS-inspecting proxy's CA)."""
    context = ssl.create_default_context()
    try:
        import certifi

        context.load_verify_locations(cafile=certifi.where())
    except (ImportError, OSError, ssl.SSLError):
        pass  # the system's store alone still verifies
    if ca_bundle:
        path = Path(ca_bundle)
        if not path.is_file():
            raise InputError("CA bundle not found (--ca-bundle or SSL_CERT_FILE)", path=path)
        try:
            context.load_verify_locations(cafile=str(path))
        except (OSError, ssl.SSLError, ValueError) as error:
            raise InputError(
                f"not a usable CA bundle (PEM certificates expected): {error}", path=path
            ) from None
    return context


def retry_after_seconds(value: Optional[str], now: Optional[datetime] = None) -> Optional[float]:
    """``Retry-After`` in seconds (a number or an HTTP date); None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


# --------------------------------------------------------------------------- tracing


class _Stop(Exception):
    """Raised inside the connection machinery to end a probe with a known failure."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.detail)
        self.failure = failure


_PHASE_WORDS = {
    Phase.DNS: "looking up the address",
    Phase.PROXY: "connecting through the proxy",
    Phase.CONNECT: "connecting",
    Phase.TLS: "in the TLS handshake",
    Phase.HTTP: "waiting for the answer",
    Phase.BODY: "reading the answer",
    Phase.CONTENT: "reading the answer",
}


class _Trace:
    """A probe's state as it goes: the phase it is in and the time spent in each."""

    def __init__(self, budget: float) -> None:
        self.loop = asyncio.get_running_loop()
        self.started = self.loop.time()
        self.budget = budget
        self.deadline = self.started + budget
        self.phase = Phase.CONNECT
        self.spent: dict[str, float] = {}
        self.host = ""
        self.port = 0
        self.https = False
        self.address: Optional[str] = None
        self.proxy: Optional[str] = None
        self.body_bytes = 0
        self.url = ""
        self.redirects: list[str] = []
        self.attempts = 0
        self._sent_at: Optional[float] = None
        self._awaiting = False

    def now(self) -> float:
        return self.loop.time()

    def remaining(self) -> float:
        return max(0.0, self.deadline - self.now())

    def add(self, phase: str, seconds: float) -> None:
        self.spent[phase] = self.spent.get(phase, 0.0) + max(0.0, seconds)

    def new_request(self, url: httpx.URL) -> None:
        self.url = str(url)
        self.host = url.host
        self.port = url.port or (443 if url.scheme == "https" else 80)
        self.https = url.scheme == "https"
        self.phase = Phase.CONNECT
        self.body_bytes = 0
        self._sent_at = None
        self._awaiting = True

    def sending(self) -> None:
        if self.phase is not Phase.BODY:
            self.phase = Phase.HTTP
        if self._awaiting and self._sent_at is None:
            self._sent_at = self.now()

    def received(self) -> None:
        if self._awaiting and self._sent_at is not None:
            self.add("first_byte", self.now() - self._sent_at)
            self._awaiting = False

    def timings(self) -> dict[str, Optional[float]]:
        names = ("dns", "connect", "tls", "first_byte")
        found: dict[str, Optional[float]] = {
            name: round(self.spent[name], 4) if name in self.spent else None for name in names
        }
        found["total"] = round(self.now() - self.started, 4)
        return found

    def timed_out(self) -> Failure:
        where = _PHASE_WORDS.get(self.phase, "waiting")
        detail = f"stalled {where}"
        if self.phase is Phase.BODY:
            detail += f", {self.body_bytes:,} byte{'' if self.body_bytes == 1 else 's'} in"
        elif self.phase is Phase.CONNECT and self.address:
            detail += f" to {self.address} port {self.port}"
        elif self.phase is Phase.PROXY and self.proxy:
            detail += f" ({self.proxy})"
        return Failure(self.phase, Problem.TIMEOUT, detail, deadline=True)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and its causes, outermost first."""
    seen: set[int] = set()
    current: Optional[BaseException] = error
    while current is not None and id(current) not in seen:
        yield current
        seen.add(id(current))
        current = current.__cause__ or current.__context__


def _cause(error: BaseException, kind: type[BaseException]) -> Optional[BaseException]:
    """The first exception of ``kind`` in ``error``'s chain of causes."""
    return next((item for item in _chain(error) if isinstance(item, kind)), None)


def _os_problem(error: BaseException) -> tuple[Problem, str]:
    """Refused, unreachable, reset or other, with the system's words for it."""
    errors = [item for item in _chain(error) if isinstance(item, OSError)]
    # anyio wraps the system's error (which has the errno) in one of its own.
    os_error = next((item for item in errors if item.errno is not None), None)
    os_error = os_error or (errors[0] if errors else None)
    code = getattr(os_error, "errno", None)
    text = getattr(os_error, "strerror", None) or str(os_error or error) or type(error).__name__
    if code == errno.ECONNREFUSED:
        return Problem.REFUSED, "refused the connection"
    if code in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL):
        return Problem.UNREACHABLE, f"cannot be reached from here ({text})"
    if code in (errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED):
        return Problem.RESET, "reset the connection"
    if code == errno.ETIMEDOUT:
        return Problem.TIMEOUT, "did not answer (the system's connect timeout)"
    return Problem.ERROR, f"failed: {text}"


class _Stream(httpcore.AsyncNetworkStream):
    """A connection that reports to the trace: request out, first byte in, TLS."""

    def __init__(self, inner: httpcore.AsyncNetworkStream, trace: _Trace, tunnel: bool) -> None:
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
            raise _Stop(trace.timed_out()) from None
        except Exception as error:
            raise _Stop(_tls_failure(error, server_hostname or trace.host)) from error
        finally:
            trace.add("tls", trace.now() - started)
        trace.phase = Phase.HTTP
        return _Stream(inner, trace, tunnel=False)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _tls_failure(error: BaseException, host: str) -> Failure:
    verify = _cause(error, ssl.SSLCertVerificationError)
    if isinstance(verify, ssl.SSLCertVerificationError):
        reason = verify.verify_message or verify.reason or str(verify)
        return Failure(
            Phase.TLS,
            Problem.UNTRUSTED,
            f"the certificate presented for {host} is not trusted: {reason}",
        )
    tls_error = _cause(error, ssl.SSLError)
    if isinstance(tls_error, ssl.SSLError):
        reason = tls_error.reason or str(tls_error)
        return Failure(
            Phase.TLS, Problem.HANDSHAKE, f"the TLS handshake with {host} failed: {reason}"
        )
    problem, words = _os_problem(error)
    if problem is Problem.ERROR:
        return Failure(
            Phase.TLS,
            Problem.HANDSHAKE,
            f"the connection to {host} closed during the TLS handshake",
        )
    return Failure(Phase.TLS, problem, f"{host} {words} during the TLS handshake")


class _Backend(httpcore.AsyncNetworkBackend):
    """Looks names up with our resolver and connects to what it found (or to a proxy)."""

    def __init__(
        self, trace: _Trace, resolver: AddressResolver, proxy: Optional[ProxyRoute]
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
        raise _Stop(Failure(Phase.DNS, _DNS_PROBLEMS[outcome.kind], detail))

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
                    raise _Stop(trace.timed_out()) from None
                failures.append(
                    (Problem.TIMEOUT, f"{address} port {port} did not answer within {share:.3g} s")
                )
                continue
            except (httpcore.ConnectError, OSError) as error:
                problem, words = _os_problem(error)
                failures.append((problem, f"{address} port {port} {words}"))
                continue
            finally:
                trace.add("connect", trace.now() - started)
            trace.phase = Phase.HTTP
            return _Stream(stream, trace, tunnel=False)
        problem, detail = failures[0]
        if len(failures) > 1:
            detail += f" (and {len(failures) - 1} other address(es) of {trace.host} failed too)"
        raise _Stop(Failure(Phase.CONNECT, problem, detail))

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
            raise _Stop(trace.timed_out()) from None
        except (httpcore.ConnectError, OSError) as error:
            problem, words = _os_problem(error)
            raise _Stop(
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


class _Transport(httpx.AsyncBaseTransport):
    """httpx on top of httpcore pools that use our backend, one pool per route."""

    def __init__(self, prober: HttpProber, trace: _Trace) -> None:
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


def _classify(error: BaseException, trace: _Trace) -> Failure:
    """A failure in words from whatever the HTTP machinery raised."""
    if isinstance(error, _Stop):
        return error.failure
    if isinstance(error, (httpcore.ProxyError, httpx.ProxyError)):
        answer = str(error).strip() or "an error"
        problem = Problem.PROXY_AUTH if answer.startswith("407") else Problem.PROXY_DENIED
        proxy = f"the proxy {trace.proxy}" if trace.proxy else "the proxy"
        return Failure(
            Phase.PROXY,
            problem,
            f"{proxy} answered {answer!r} when asked for {trace.host} port {trace.port}",
        )
    if isinstance(error, (httpcore.TimeoutException, httpx.TimeoutException)):
        return trace.timed_out()
    if isinstance(
        error, (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol, httpx.InvalidURL)
    ):
        return Failure(Phase.HTTP, Problem.BAD_URL, f"cannot request that address: {error}")
    where = _PHASE_WORDS.get(trace.phase, "")
    if isinstance(error, (httpcore.RemoteProtocolError, httpx.RemoteProtocolError)):
        if _cause(error, ConnectionResetError) is not None:
            return Failure(trace.phase, Problem.RESET, f"{trace.host} reset the connection {where}")
        text = str(error)
        if "disconnected" in text.lower() or "incomplete" in text.lower():
            return Failure(
                trace.phase, Problem.CLOSED, f"{trace.host} closed the connection {where}"
            )
        return Failure(trace.phase, Problem.PROTOCOL, f"not a valid HTTP answer: {text}")
    if isinstance(error, (httpcore.NetworkError, httpx.NetworkError, OSError)):
        problem, words = _os_problem(error)
        if problem is Problem.ERROR:
            problem = Problem.CLOSED
            words = "closed the connection"
        return Failure(trace.phase, problem, f"{trace.host} {words} {where}")
    text = str(error) or type(error).__name__
    return Failure(trace.phase, Problem.ERROR, f"{type(error).__name__}: {text} ({where})")


# --------------------------------------------------------------------------- the prober


class HttpProber:
    """Fetches pages with the run's settings; one instance serves any number of probes."""

    def __init__(self, settings: NetSettings, resolver: AddressResolver) -> None:
        self.settings = settings
        self.resolver = resolver
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
        trace = _Trace(budget)
        try:
            return await asyncio.wait_for(self._fetch(url, trace, accept, max_bytes), budget)
        except asyncio.TimeoutError:
            return self._result(url, trace, failure=trace.timed_out())
        except Exception as error:  # whatever else the network does is a result, not a crash
            return self._result(url, trace, failure=_classify(error, trace))

    def _result(self, url: str, trace: _Trace, **found: Any) -> Fetched:
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

    async def _fetch(self, url: str, trace: _Trace, accept: str, max_bytes: int) -> Fetched:
        while True:
            trace.attempts += 1
            fetched = await self._attempt(url, trace, accept, max_bytes)
            wait, note = self._retry_wait(fetched, trace.attempts, trace)
            if wait is None:
                return replace(fetched, notes=(*fetched.notes, note)) if note else fetched
            await asyncio.sleep(wait)

    def _retry_wait(
        self, fetched: Fetched, attempt: int, trace: _Trace
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

    async def _attempt(self, url: str, trace: _Trace, accept: str, max_bytes: int) -> Fetched:
        client = httpx.AsyncClient(
            transport=_Transport(self, trace), trust_env=False, follow_redirects=False
        )
        try:
            return await self._hops(client, url, trace, accept, max_bytes)
        finally:
            with suppress(Exception):  # a connection that broke may break again on closing
                await client.aclose()

    async def _hops(
        self, client: httpx.AsyncClient, url: str, trace: _Trace, accept: str, max_bytes: int
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
                return self._result(url, trace, failure=_classify(error, trace))
            try:
                target = _redirect_target(response)
                if target is None:
                    trace.phase = Phase.BODY
                    body, truncated = await _read_capped(response, max_bytes, trace)
            except _Stop as stop:
                return self._result(
                    url, trace, failure=stop.failure, status_code=response.status_code
                )
            except Exception as error:
                return self._result(url, trace, failure=_classify(error, trace))
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
        raise _Stop(
            Failure(
                Phase.HTTP,
                Problem.BAD_URL,
                f"redirected to {location[:200]!r}, which is not a web address",
            )
        )
    return str(target)


async def _read_capped(
    response: httpx.Response, max_bytes: int, trace: _Trace
) -> tuple[bytes, bool]:
    """The body, or its first ``max_bytes`` and True when it is larger (never read whole)."""
    length = response.headers.get("content-length", "")
    if length.strip().isdigit() and int(length) > max_bytes:
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
