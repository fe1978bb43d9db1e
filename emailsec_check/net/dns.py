"""DNS look-ups with dnspython, each turned into an outcome that keeps
"could not check" (timeout, SERVFAIL, no resolver) apart from real answers
(NXDOMAIN, no records, records).

One ``Resolver`` is built per run from ``--nameserver`` and ``--timeout``;
checks receive it (or a fake with the same methods) and never build their own.

``--timeout`` bounds one whole look-up. With several servers each gets its share of
it in turn, so a dead first server leaves time for the next. Many look-ups at once go
through :func:`resolve_many`: at most ``net.settings.DEFAULT_CONCURRENCY`` in flight
(one UDP socket each: few enough not to flood a resolver or run out of sockets), an
optional deadline for the lot, and when a whole wave of look-ups goes unanswered the
rest are not sent at all: the servers are unreachable, and waiting for each would only
multiply the timeout.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Optional

import dns.asyncresolver
import dns.exception
import dns.nameserver
import dns.rdatatype
import dns.resolver

from emailsec_check.errors import InputError
from emailsec_check.net.settings import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT

__all__ = [
    "DnsKind",
    "DnsOutcome",
    "MxRecord",
    "Nameserver",
    "Resolver",
    "parse_nameserver",
    "resolve_many",
]


class DnsKind(str, Enum):
    ANSWER = "answer"  # records found
    NXDOMAIN = "nxdomain"  # the name does not exist (a real answer)
    NOANSWER = "noanswer"  # the name exists, no records of that type (a real answer)
    TIMEOUT = "timeout"  # no answer in time: could not check
    SERVFAIL = "servfail"  # the servers failed or refused: could not check
    ERROR = "error"  # anything else that stopped the look-up: could not check

    @property
    def is_answer(self) -> bool:
        return self in (DnsKind.ANSWER, DnsKind.NXDOMAIN, DnsKind.NOANSWER)


@dataclass(frozen=True)
class MxRecord:
    preference: int
    exchange: str  # without the trailing dot; "" for a null MX ("0 .")


@dataclass(frozen=True)
class DnsOutcome:
    kind: DnsKind
    name: str
    addresses: tuple[str, ...] = ()
    mx: tuple[MxRecord, ...] = ()
    detail: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class Nameserver:
    address: str
    port: int = 53

    def __str__(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"{host}:{self.port}"


def parse_nameserver(text: str, *, option: str = "--nameserver") -> Nameserver:
    """``HOST[:PORT]``, ``[v6]:PORT`` or a bare IPv6 address; a host name is looked up once.

    Anything else is an InputError naming ``option`` (the config passes its key instead).
    """
    from emailsec_check.rules.email import valid_domain
    from emailsec_check.rules.text import one_line
    from emailsec_check.rules.urls import parse_url

    value = text.strip()
    shown = one_line(value)[:80]
    if _ip_address(value) is not None:  # a bare IPv6 address has colons but no port
        return Nameserver(value, 53)
    try:
        parsed = parse_url(value)
    except ValueError as error:
        raise InputError(f"{option} {shown!r}: {error}; expected HOST[:PORT]") from None
    if parsed.scheme_given or parsed.userinfo or parsed.rest not in ("", "/"):
        raise InputError(f"{option} {shown!r}: expected HOST[:PORT], not a URL")
    if parsed.port is None and value.endswith(":"):
        raise InputError(f"{option} {shown!r}: the port is missing after the colon")
    port = parsed.port if parsed.port is not None else 53
    address = _ip_address(parsed.host)
    if address is not None:
        return Nameserver(address, port)
    if parsed.host != "localhost" and not valid_domain(parsed.host):
        raise InputError(f"{option} {shown!r}: not an IP address or a host name")
    try:
        found = socket.getaddrinfo(parsed.host, port, type=socket.SOCK_DGRAM)
        return Nameserver(str(found[0][4][0]), port)
    except (OSError, UnicodeError, ValueError, IndexError):
        raise InputError(f"{option} {shown!r}: cannot find that server's address") from None


def _ip_address(text: str) -> Optional[str]:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


class Resolver:
    """Asynchronous look-ups bounded by ``timeout`` seconds each, end to end.

    The servers are asked in order. Each has its share of the timeout to itself; then
    the next is asked as well, while the earlier ones may still answer (a slow server
    is not thrown away for being slow). A server that fails or refuses passes on to
    the next at once. The first real answer (records, NXDOMAIN, no records) wins.
    """

    def __init__(
        self, nameservers: Sequence[str | Nameserver] = (), timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        """``nameservers`` as typed (``--nameserver``), or parsed already: a config parses
        its own with :func:`parse_nameserver` to name its file and line on an error."""
        self.timeout = timeout
        self.servers = [
            item if isinstance(item, Nameserver) else parse_nameserver(item) for item in nameservers
        ]
        self._error: str | None = None
        targets: list[Any] = [
            dns.nameserver.Do53Nameserver(server.address, server.port) for server in self.servers
        ]
        if not targets:
            try:
                targets = list(dns.asyncresolver.Resolver().nameservers)
            except dns.resolver.NoResolverConfiguration:
                targets = []
        if not targets:
            self._error = "this machine has no DNS resolver configured; pass --nameserver"
        self._resolvers = [_one_server(target, timeout) for target in targets]

    def describe(self) -> str:
        return ", ".join(map(str, self.servers)) if self.servers else "the system's resolver"

    async def addresses(self, name: str) -> DnsOutcome:
        """A and AAAA records (asked together); NXDOMAIN or no records is a real answer."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        v4, v6 = await asyncio.gather(self._query(name, "A"), self._query(name, "AAAA"))
        seconds = loop.time() - start
        found = v4.addresses + v6.addresses
        if found:
            return DnsOutcome(DnsKind.ANSWER, name, addresses=found, seconds=seconds)
        # A clear NXDOMAIN wins; otherwise a failed half means we could not tell.
        nxdomain = [o for o in (v4, v6) if o.kind is DnsKind.NXDOMAIN]
        failed = [o for o in (v4, v6) if not o.kind.is_answer]
        chosen = (nxdomain or failed or [v4])[0]
        return DnsOutcome(chosen.kind, name, detail=chosen.detail, seconds=seconds)

    async def mx(self, domain: str) -> DnsOutcome:
        """MX records; a null MX ("0 .") comes back as one record with an empty exchange."""
        return await self._query(domain, "MX")

    async def mx_many(
        self,
        domains: Iterable[str],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        deadline: Optional[float] = None,
    ) -> dict[str, DnsOutcome]:
        """:meth:`mx` for each domain, through :func:`resolve_many`."""
        return await resolve_many(domains, self.mx, concurrency=concurrency, deadline=deadline)

    async def _query(self, name: str, rdtype: str) -> DnsOutcome:
        loop = asyncio.get_running_loop()
        start = loop.time()
        if self._error:
            return DnsOutcome(DnsKind.ERROR, name, detail=self._error)
        try:
            outcome = await asyncio.wait_for(
                self._in_turn(name, rdtype), timeout=self.timeout + 0.5
            )
        except asyncio.TimeoutError:
            outcome = self._no_answer(name, rdtype)
        return replace(outcome, seconds=loop.time() - start)

    async def _in_turn(self, name: str, rdtype: str) -> DnsOutcome:
        """Ask the servers in order, as the class says; the first real answer wins."""
        loop = asyncio.get_running_loop()
        end = loop.time() + self.timeout
        share = self.timeout / len(self._resolvers)
        waiting = list(self._resolvers)
        running: set[asyncio.Future[DnsOutcome]] = set()
        failed: list[DnsOutcome] = []
        next_start = loop.time()
        try:
            while True:
                now = loop.time()
                if waiting and (now >= next_start or not running):
                    ask = _ask(waiting.pop(0), name, rdtype, end - now)
                    running.add(asyncio.ensure_future(ask))
                    next_start = now + share
                if not running or now >= end:
                    break
                wait = min(end, next_start) - now if waiting else end - now
                done, running = await asyncio.wait(
                    running, timeout=max(0.0, wait), return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    outcome = task.result()
                    if outcome.kind.is_answer:
                        return outcome
                    failed.append(outcome)
                    next_start = loop.time()  # a server that failed passes on at once
        finally:
            for task in running:
                task.cancel()
        return failed[0] if failed else self._no_answer(name, rdtype)

    def _no_answer(self, name: str, rdtype: str) -> DnsOutcome:
        return DnsOutcome(
            DnsKind.TIMEOUT,
            name,
            detail=f"no DNS answer for {name} {rdtype} within {self.timeout:g} s "
            f"from {self.describe()}",
        )


def _one_server(target: Any, timeout: float) -> dns.asyncresolver.Resolver:
    """A dnspython resolver that asks only ``target`` (a server address or Nameserver).

    One attempt may take the whole timeout: a retry would be a new query, and the late
    answer to the first one would be thrown away.
    """
    resolver = dns.asyncresolver.Resolver(configure=False)
    resolver.nameservers = [target]
    resolver.timeout = timeout
    resolver.lifetime = timeout
    return resolver


async def _ask(
    resolver: dns.asyncresolver.Resolver, name: str, rdtype: str, seconds: float
) -> DnsOutcome:
    """One server's outcome: an answer, or why it could not give one."""
    server = _server_name(resolver)
    try:
        answer = await resolver.resolve(
            name, rdtype, search=False, lifetime=max(0.01, seconds), raise_on_no_answer=True
        )
    except dns.resolver.NXDOMAIN:
        return DnsOutcome(DnsKind.NXDOMAIN, name, detail=f"{name} does not exist (NXDOMAIN)")
    except dns.resolver.NoAnswer:
        return DnsOutcome(DnsKind.NOANSWER, name, detail=f"{name} has no {rdtype} records")
    except (dns.resolver.LifetimeTimeout, dns.exception.Timeout):
        return DnsOutcome(
            DnsKind.TIMEOUT, name, detail=f"no DNS answer for {name} {rdtype} from {server}"
        )
    except dns.resolver.NoNameservers as error:
        return DnsOutcome(
            DnsKind.SERVFAIL,
            name,
            detail=f"the DNS server {server} failed to answer for {name} {rdtype} "
            f"(SERVFAIL or refused): {_short(error)}",
        )
    except (dns.exception.DNSException, OSError, ValueError) as error:
        return DnsOutcome(
            DnsKind.ERROR, name, detail=f"DNS look-up of {name} {rdtype} failed: {_short(error)}"
        )
    if rdtype == "MX":
        records = (
            MxRecord(int(r.preference), r.exchange.to_text(omit_final_dot=True).lower())
            for r in answer
        )
        found = tuple(
            MxRecord(r.preference, "" if r.exchange in (".", "") else r.exchange) for r in records
        )
        return DnsOutcome(DnsKind.ANSWER, name, mx=tuple(sorted(found, key=lambda r: r.preference)))
    return DnsOutcome(DnsKind.ANSWER, name, addresses=tuple(r.to_text() for r in answer))


def _server_name(resolver: dns.asyncresolver.Resolver) -> str:
    target = resolver.nameservers[0]
    address = getattr(target, "address", target)
    port = getattr(target, "port", 53)
    host = f"[{address}]" if ":" in str(address) else str(address)
    return f"{host}:{port}"


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


Lookup = Callable[[str], Awaitable[DnsOutcome]]


class _Wave:
    """What :func:`resolve_many` knows so far: when to stop sending look-ups, and why."""

    def __init__(self, give_up_after: int, deadline: Optional[float], end: Optional[float]):
        self.give_up_after = give_up_after
        self.deadline = deadline
        self.end = end
        self.unanswered = 0  # time-outs since the last answer of any kind
        self.stop = asyncio.Event()
        self.reason = ""

    def heard(self, outcome: DnsOutcome) -> None:
        if outcome.kind is DnsKind.TIMEOUT:
            self.unanswered += 1
            if self.unanswered >= self.give_up_after and not self.stop.is_set():
                self.reason = (
                    f"not looked up: the last {self.unanswered} DNS look-ups all went "
                    "unanswered, so the DNS servers look unreachable; check --nameserver "
                    "and the network, then run again"
                )
                self.stop.set()
        elif outcome.kind is not DnsKind.ERROR:
            self.unanswered = 0  # a server answered (even SERVFAIL): it is alive

    def remaining(self, now: float) -> Optional[float]:
        return None if self.end is None else max(0.0, self.end - now)

    def cut_short(self, name: str) -> DnsOutcome:
        if self.stop.is_set():
            return DnsOutcome(DnsKind.TIMEOUT, name, detail=self.reason)
        return DnsOutcome(
            DnsKind.TIMEOUT,
            name,
            detail=f"no DNS answer for {name} before the deadline of {self.deadline:g} s",
        )


async def resolve_many(
    names: Iterable[str],
    lookup: Lookup,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    deadline: Optional[float] = None,
    give_up_after: Optional[int] = None,
) -> dict[str, DnsOutcome]:
    """``lookup`` (e.g. ``resolver.mx``) for each distinct name, bounded three ways.

    At most ``concurrency`` look-ups are in flight. ``deadline`` (seconds from now)
    bounds the lot: what has no answer by then is a TIMEOUT outcome saying so. And once
    ``give_up_after`` look-ups in a row (default: ``concurrency``, one full wave) time
    out with no answer of any kind between them, the servers are taken as unreachable:
    look-ups still in flight are dropped and the rest never sent, each a TIMEOUT outcome
    that says why. Every name gets an outcome; none is an answer we did not receive.
    """
    unique = list(dict.fromkeys(names))
    results: dict[str, DnsOutcome] = {}
    if not unique:
        return results
    loop = asyncio.get_running_loop()
    limit = max(1, concurrency)
    end = None if deadline is None else loop.time() + deadline
    wave = _Wave(max(1, give_up_after or limit), deadline, end)
    pending = iter(unique)
    stopped = asyncio.ensure_future(wave.stop.wait())

    async def worker() -> None:
        for name in pending:  # shared: each worker takes the next name
            remaining = wave.remaining(loop.time())
            if wave.stop.is_set() or remaining == 0.0:
                results[name] = wave.cut_short(name)
                continue
            task = asyncio.ensure_future(lookup(name))
            done, _ = await asyncio.wait(
                {task, stopped}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
            )
            if task in done:
                results[name] = task.result()
                wave.heard(results[name])
            else:
                task.cancel()
                await asyncio.wait({task})  # let it close its socket; never raises
                results[name] = wave.cut_short(name)

    workers = [asyncio.ensure_future(worker()) for _ in range(min(limit, len(unique)))]
    try:
        await asyncio.gather(*workers)
    finally:  # a look-up that raised (a defect) leaves no worker behind
        for running in (*workers, stopped):
            running.cancel()
    return {name: results[name] for name in unique}
