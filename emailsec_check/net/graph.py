"""Microsoft Graph over HTTP: the pages of a collection, retried when throttled.

A small synchronous client for the read-only calls ``sources/entra.py`` makes. It knows
HTTP and Graph's conventions, not what the answers mean:

- ``graph_root`` checks the Graph root (https, or plain http for a loopback host only,
  so a test's fake never becomes a way to send a token in clear over a network).
- ``GraphClient.pages`` follows ``@odata.nextLink`` only while it stays on the root's
  scheme, host and port: the bearer token goes nowhere else. Redirects are never followed.
- 429, 503 and 504 are retried, honouring ``Retry-After`` (seconds or a date) as long as
  the wait ends before the caller's deadline; each request is bounded by ``--timeout``.
- Every error is a ``GraphError`` (an ``InputError``, so the CLI prints one line and
  exits 2); ``GraphUnavailable`` marks "could not ask" (timeouts, refused connections,
  throttling past the deadline) apart from an answer that said no. Text from the server
  is shown only with the token masked, escaped and cut short.

The proxy, the CA bundle (``--ca-bundle`` or ``SSL_CERT_FILE``) and ``NO_PROXY`` come
from ``NetSettings`` through the helpers of ``net/http.py``.
"""

from __future__ import annotations

import ipaddress
import json
import ssl
import time
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Optional
from urllib.parse import quote, urlsplit

import httpx

from emailsec_check import __version__
from emailsec_check.errors import InputError
from emailsec_check.net.http import (
    apply_environment,
    bypasses_proxy,
    make_ssl_context,
    parse_proxy,
    retry_after_seconds,
)
from emailsec_check.net.settings import NetSettings
from emailsec_check.rules.redact import MASK, redact
from emailsec_check.rules.text import one_line

__all__ = [
    "DEFAULT_GRAPH_URL",
    "GRAPH_URL_VARIABLE",
    "MAX_ATTEMPTS",
    "RETRY_STATUSES",
    "GraphClient",
    "GraphError",
    "GraphUnavailable",
    "graph_root",
    "graph_scope",
    "is_loopback_host",
    "query_string",
]

DEFAULT_GRAPH_URL = "https://graph.microsoft.com"
GRAPH_URL_VARIABLE = "EMAILSEC_CHECK_GRAPH_URL"
#: Answers that mean "not now": throttled, or the service busy.
RETRY_STATUSES = frozenset({429, 503, 504})
#: Tries of one request, the first included, before a throttled read gives up.
MAX_ATTEMPTS = 6
#: Without a deadline, a Retry-After longer than this ends the read instead of waiting.
MAX_WAIT = 120.0
#: A page of 999 users is about 1 MB; anything far larger is not a Graph page.
MAX_PAGE_BYTES = 64 * 1024 * 1024
#: Text from the server shown in an error is cut here.
MAX_SHOWN = 300
USER_AGENT = f"emailsec-check/{__version__} (graph)"


class GraphError(InputError):
    """Graph could not be used for this read; ``status`` and ``code`` when it answered."""

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        code: str = "",
        request_id: str = "",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.request_id = request_id


class GraphUnavailable(GraphError):
    """No usable answer arrived (timeout, connection, throttled too long): could not check."""


# --------------------------------------------------------------------------- the root


def is_loopback_host(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1 (the only hosts plain http is allowed to)."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def graph_root(text: str, *, source: str = GRAPH_URL_VARIABLE) -> str:
    """The Graph root as ``scheme://host[:port][/prefix]``; InputError says why not.

    A trailing ``/`` or API version (``/v1.0``, ``/beta``) is dropped: the client adds it.
    """
    raw = text.strip()
    shown = one_line(redact(raw))[:MAX_SHOWN]
    try:
        parts = urlsplit(raw)
        port = parts.port
        host = parts.hostname or ""
    except ValueError:
        raise InputError(f"{source}: {shown!r} is not a URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not host:
        raise InputError(
            f"{source}: {shown!r} is not an https:// URL "
            f"(for example {DEFAULT_GRAPH_URL} or https://graph.microsoft.us)"
        )
    if parts.username is not None or parts.password is not None:
        raise InputError(f"{source}: {shown!r} carries a user name; give the bare Graph URL")
    if parts.query or parts.fragment:
        raise InputError(f"{source}: {shown!r} has a query or fragment; give the bare Graph URL")
    if scheme == "http" and not is_loopback_host(host):
        raise InputError(
            f"{source}: {shown!r} is plain http://, which would send the token unencrypted; "
            "use https:// (http:// is accepted only for a loopback host, such as a test's fake)"
        )
    path = parts.path.rstrip("/")
    for version in ("/v1.0", "/beta"):
        if path.lower().endswith(version):
            path = path[: -len(version)]
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return f"{scheme}://{netloc}{path}"


def graph_scope(root: str) -> str:
    """The token scope for a Graph root: its origin plus ``/.default``.

    ``https://graph.microsoft.com/.default`` worldwide, ``https://graph.microsoft.us/.default``
    (US Government L4), ``https://dod-graph.microsoft.us/.default`` (L5 DoD),
    ``https://microsoftgraph.chinacloudapi.cn/.default`` (operated by 21Vianet).
    """
    parts = urlsplit(root)
    return f"{parts.scheme}://{parts.netloc}/.default"


def query_string(query: Sequence[tuple[str, str]]) -> str:
    """OData query options as Graph reads them: ``$`` kept, spaces as ``%20`` (never ``+``)."""
    return "&".join(f"{name}={quote(value, safe=',$/()=:@')}" for name, value in query)


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return scheme, (parts.hostname or "").rstrip(".").lower(), port


# --------------------------------------------------------------------------- the client


class GraphClient:
    """Read-only Graph requests with one bearer token; use as a context manager."""

    def __init__(
        self,
        root: str,
        token: str,
        *,
        settings: NetSettings,
        environ: Mapping[str, str],
        deadline: Optional[float] = None,
    ) -> None:
        if not token or not all(33 <= ord(char) <= 126 for char in token):
            # Never shown: a header that httpx refuses would quote it in its error.
            raise InputError(
                "the Microsoft Graph token is empty or has characters an HTTP header cannot carry"
            )
        self.root = root
        self.deadline = deadline
        self._token = token
        self._origin = _origin(root)
        settings = apply_environment(settings, environ)
        self.timeout = settings.timeout
        self._client = self._build_client(settings)
        self._auth = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }

    def __repr__(self) -> str:  # never the token
        return f"GraphClient({self.root!r})"

    def __enter__(self) -> GraphClient:
        return self

    def __exit__(
        self,
        kind: Optional[type[BaseException]],
        error: Optional[BaseException],
        trace: Optional[TracebackType],
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _build_client(self, settings: NetSettings) -> httpx.Client:
        scheme, host, _port = self._origin
        proxy_text: Optional[str] = None
        if not bypasses_proxy(host, settings.no_proxy):
            proxy_text = settings.proxy
            if scheme == "http" and settings.http_proxy is not None:
                proxy_text = settings.http_proxy
        route = parse_proxy(proxy_text, "--proxy") if proxy_text else None
        needs_tls = scheme == "https" or (route is not None and route.url.startswith("https:"))
        # Loading the trust store costs CPU; a loopback fake over plain http needs none,
        # so it gets a context that trusts nothing (and would refuse any TLS peer).
        context = (
            make_ssl_context(settings.ca_bundle)
            if needs_tls
            else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        )
        proxy = httpx.Proxy(route.url, auth=route.auth) if route is not None else None
        transport = httpx.HTTPTransport(verify=context, proxy=proxy, trust_env=False)
        return httpx.Client(
            transport=transport,
            trust_env=False,
            follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout),
        )

    # ------------------------------------------------------------------ requests

    def url(self, path: str, query: Sequence[tuple[str, str]] = ()) -> str:
        """``path`` (like ``/v1.0/users``) under the root, with its query options."""
        return self.root + path + (f"?{query_string(query)}" if query else "")

    def pages(
        self,
        path: str,
        query: Sequence[tuple[str, str]],
        *,
        what: str,
        headers: Optional[Mapping[str, str]] = None,
    ) -> Iterator[list[Any]]:
        """Each page's ``value`` list, following ``@odata.nextLink`` on the same origin."""
        url: Optional[str] = self.url(path, query)
        while url is not None:
            document = self.get_json(url, what=what, headers=headers)
            value = document.get("value")
            if not isinstance(value, list):
                raise GraphError(f"Microsoft Graph's answer for {what} has no list of items")
            yield value
            url = self._next_link(document.get("@odata.nextLink"), what)

    def _next_link(self, link: Any, what: str) -> Optional[str]:
        if link is None:
            return None
        if not isinstance(link, str) or not link.strip():
            raise GraphError(f"Microsoft Graph's link to the next page of {what} is not a URL")
        try:
            origin = _origin(link)
        except ValueError:
            origin = ("", "", 0)
        if origin != self._origin:
            host = one_line(origin[1] or "(none)")[:100]
            raise GraphError(
                f"Microsoft Graph's link to the next page of {what} points to {origin[0]}://"
                f"{host}, not to {self.root}; it was not followed, so the token was not sent "
                f"there (check {GRAPH_URL_VARIABLE} and any proxy that rewrites answers)"
            )
        return link

    def get_json(
        self, url: str, *, what: str, headers: Optional[Mapping[str, str]] = None
    ) -> dict[str, Any]:
        """One GET of a JSON object, retried while throttled; GraphError otherwise."""
        sent = {**self._auth, **(headers or {})}
        for attempt in range(1, MAX_ATTEMPTS + 1):
            budget = self._budget(what)
            status, head, body = self._fetch(url, sent, budget, what)
            if status == 200:
                return self._document(body, what)
            if status not in RETRY_STATUSES:
                raise self._refusal(status, head, body, what)
            self._wait(status, head, attempt, what)
        raise AssertionError("unreachable: the last attempt raises")  # pragma: no cover

    def _budget(self, what: str) -> float:
        """Seconds this request may take: --timeout, or less when the deadline is nearer."""
        if self.deadline is None:
            return self.timeout
        left = self.deadline - time.monotonic()
        if left <= 0.05:
            raise GraphUnavailable(
                f"no time left to ask Microsoft Graph for {what} (the run's deadline has passed)"
            )
        return min(self.timeout, left)

    def _fetch(
        self, url: str, headers: Mapping[str, str], budget: float, what: str
    ) -> tuple[int, httpx.Headers, bytes]:
        try:
            return self._fetch_once(url, headers, budget, what)
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
            # A kept-alive connection the server or a proxy had closed meanwhile:
            # the GET is asked again once, on a new connection.
            return self._fetch_once(url, headers, self._budget(what), what, last=True)

    def _fetch_once(
        self, url: str, headers: Mapping[str, str], budget: float, what: str, *, last: bool = False
    ) -> tuple[int, httpx.Headers, bytes]:
        ends = time.monotonic() + budget
        try:
            with self._client.stream(
                "GET", url, headers=headers, timeout=httpx.Timeout(budget)
            ) as response:
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > MAX_PAGE_BYTES:
                        raise GraphError(
                            f"Microsoft Graph's answer for {what} is larger than "
                            f"{MAX_PAGE_BYTES // (1024 * 1024)} MB; not a page of results"
                        )
                    if time.monotonic() > ends:
                        raise httpx.ReadTimeout("body too slow")
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.TimeoutException:
            raise GraphUnavailable(self._timed_out(budget, what)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
            if not last:
                raise
            raise GraphUnavailable(self._network_problem(error, what)) from None
        except httpx.HTTPError as error:
            raise GraphUnavailable(self._network_problem(error, what)) from None
        except (httpx.InvalidURL, ValueError) as error:  # a next link httpx cannot send
            raise GraphError(
                f"cannot ask Microsoft Graph for {what}: {self.scrub(str(error))}"
            ) from None

    def _timed_out(self, budget: float, what: str) -> str:
        limit = f"{budget:g} s"
        if budget < self.timeout:
            why = f"{limit}, the time left before the run's deadline"
        else:
            why = f"{limit} (--timeout; raise it for a large tenant or a slow proxy)"
        return f"Microsoft Graph ({self.root}) did not answer the request for {what} within {why}"

    def _network_problem(self, error: httpx.HTTPError, what: str) -> str:
        if isinstance(error, httpx.ProxyError):
            where = "through the proxy (check --proxy / HTTPS_PROXY)"
        elif isinstance(error, httpx.ConnectError):
            where = "connecting (check the network, the proxy settings and --ca-bundle)"
        else:
            where = "while asking"
        detail = self.scrub(str(error)) or type(error).__name__
        return f"cannot reach Microsoft Graph ({self.root}) for {what}: {where}: {detail}"

    def _document(self, body: bytes, what: str) -> dict[str, Any]:
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            document = None
        if not isinstance(document, dict):
            start = self.scrub(body[:120].decode("utf-8", "replace"))
            raise GraphError(
                f"Microsoft Graph's answer for {what} is not a JSON object "
                f"(it starts {start!r}); is {GRAPH_URL_VARIABLE} a Graph root?"
            )
        return document

    def _wait(self, status: int, head: httpx.Headers, attempt: int, what: str) -> None:
        """Sleep before the next try, or raise when no try is left in time."""
        asked = retry_after_seconds(head.get("retry-after"))
        wait = asked if asked is not None else min(2.0 ** (attempt - 1), 30.0)
        state = "throttled the request" if status == 429 else "was busy"
        said = f" and asked to retry after {asked:g} s" if asked is not None else ""
        prefix = f"Microsoft Graph {state} for {what} (HTTP {status}){said}"
        if attempt >= MAX_ATTEMPTS:
            raise GraphUnavailable(f"{prefix}; gave up after {attempt} tries, try again later")
        if self.deadline is not None and time.monotonic() + wait > self.deadline:
            raise GraphUnavailable(f"{prefix}, past the run's deadline; try again later")
        if self.deadline is None and wait > MAX_WAIT:
            raise GraphUnavailable(f"{prefix}, more than {MAX_WAIT:g} s; try again later")
        time.sleep(wait)

    def _refusal(self, status: int, head: httpx.Headers, body: bytes, what: str) -> GraphError:
        """A GraphError from an answer other than success or "not now"."""
        code, message = "", ""
        try:
            error = json.loads(body).get("error")
        except (ValueError, UnicodeDecodeError, AttributeError):
            error = None
        if isinstance(error, dict):
            code = self.scrub(str(error.get("code") or ""))[:80]
            message = self.scrub(str(error.get("message") or ""))
        if not message and not code:
            message = self.scrub(body[:MAX_SHOWN].decode("utf-8", "replace"))
        request_id = self.scrub(head.get("request-id", ""))[:80]
        detail = f"HTTP {status}" + (f" {code}" if code else "")
        text = f"Microsoft Graph answered {detail} for {what}"
        if message:
            text += f": {message}"
        if 300 <= status < 400:
            text += " (a redirect; redirects are not followed so the token stays with Graph)"
        if request_id:
            text += f" (request-id {request_id})"
        return GraphError(text, status=status, code=code, request_id=request_id)

    def scrub(self, text: str) -> str:
        """Server text made safe to show: the token masked, credentials redacted, one line."""
        if self._token:
            text = text.replace(self._token, MASK)
        return one_line(redact(text))[:MAX_SHOWN]
