"""What an HTTP probe found out, as plain facts (standard library only).

``Fetched`` carries a probe's facts (status, body, the phase and kind of a failure,
timings); the checks judge them. ``PageFetcher`` is what a check needs from a prober:
``net.prober.HttpProber`` in a run, a fake in tests. Nothing here imports httpx, so a
check can name these types without pulling the network stack in at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Optional, Protocol

from emailsec_check import __version__

if TYPE_CHECKING:
    from emailsec_check.net.dns import DnsOutcome

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "AddressResolver",
    "Failure",
    "Fetched",
    "PageFetcher",
    "Phase",
    "Problem",
]

#: Bodies larger than this are not read (a status summary is far smaller).
MAX_BODY_BYTES = 4 * 1024 * 1024
#: Redirects followed before a probe gives up (a loop ends here).
MAX_REDIRECTS = 5
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


class PageFetcher(Protocol):
    """What the status checks need from a prober: one bounded GET that never raises."""

    async def fetch(
        self,
        url: str,
        *,
        budget: float,
        accept: str = "application/json",
        max_bytes: int = MAX_BODY_BYTES,
    ) -> Fetched:
        """GET ``url`` within ``budget`` seconds; every network fault is in ``Fetched.failure``."""
        ...
