"""A probe's progress and its failures in words: the phase it is in, the time spent in
each phase, and what an exception from the HTTP machinery means (``classify``)."""

from __future__ import annotations

import asyncio
import errno
import ssl
from collections.abc import Iterator
from typing import Optional

import httpcore
import httpx

from emailsec_check.net.facts import Failure, Phase, Problem

__all__ = ["PHASE_WORDS", "Stop", "Trace", "classify", "os_problem", "tls_failure"]


class Stop(Exception):
    """Raised inside the connection machinery to end a probe with a known failure."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.detail)
        self.failure = failure


PHASE_WORDS = {
    Phase.DNS: "looking up the address",
    Phase.PROXY: "connecting through the proxy",
    Phase.CONNECT: "connecting",
    Phase.TLS: "in the TLS handshake",
    Phase.HTTP: "waiting for the answer",
    Phase.BODY: "reading the answer",
    Phase.CONTENT: "reading the answer",
}


class Trace:
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
        where = PHASE_WORDS.get(self.phase, "waiting")
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


def os_problem(error: BaseException) -> tuple[Problem, str]:
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


def tls_failure(error: BaseException, host: str) -> Failure:
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
    problem, words = os_problem(error)
    if problem is Problem.ERROR:
        return Failure(
            Phase.TLS,
            Problem.HANDSHAKE,
            f"the connection to {host} closed during the TLS handshake",
        )
    return Failure(Phase.TLS, problem, f"{host} {words} during the TLS handshake")


def classify(error: BaseException, trace: Trace) -> Failure:
    """A failure in words from whatever the HTTP machinery raised."""
    if isinstance(error, Stop):
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
    where = PHASE_WORDS.get(trace.phase, "")
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
        problem, words = os_problem(error)
        if problem is Problem.ERROR:
            problem = Problem.CLOSED
            words = "closed the connection"
        return Failure(trace.phase, problem, f"{trace.host} {words} {where}")
    text = str(error) or type(error).__name__
    return Failure(trace.phase, Problem.ERROR, f"{type(error).__name__}: {text} ({where})")
