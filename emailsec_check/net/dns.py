"""DNS look-ups with dnspython, each turned into an outcome that keeps
"could not check" (timeout, SERVFAIL, no resolver) apart from real answers
(NXDOMAIN, no records, records).

One ``Resolver`` is built per run from ``--nameserver`` and ``--timeout``;
checks receive it (or a fake with the same methods) and never build their own.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import dns.asyncresolver
import dns.exception
import dns.nameserver
import dns.rdatatype
import dns.resolver

from emailsec_check.errors import InputError


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


def parse_nameserver(text: str) -> Nameserver:
    """``HOST[:PORT]``, ``[v6]:PORT`` or a bare IPv6 address; a host name is looked up once."""
    value = text.strip()
    address: str
    port = 53
    if value.startswith("["):
        address, _, tail = value[1:].partition("]")
        if tail:
            if not tail.startswith(":") or not tail[1:].isdigit():
                raise InputError(f"--nameserver {text!r}: expected [ADDRESS]:PORT")
            port = int(tail[1:])
    elif value.count(":") == 1:
        address, _, port_text = value.partition(":")
        if not port_text.isdigit():
            raise InputError(f"--nameserver {text!r}: the port must be a number")
        port = int(port_text)
    else:
        address = value
    if not address or not 0 < port < 65536:
        raise InputError(f"--nameserver {text!r}: expected HOST[:PORT]")
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in address else socket.AF_INET, address)
    except OSError:
        try:
            address = str(socket.getaddrinfo(address, port, type=socket.SOCK_DGRAM)[0][4][0])
        except (OSError, UnicodeError, IndexError):
            raise InputError(f"--nameserver {text!r}: cannot find that server's address") from None
    return Nameserver(address, port)


class Resolver:
    """Asynchronous look-ups bounded by ``timeout`` seconds each, end to end."""

    def __init__(self, nameservers: Sequence[str] = (), timeout: float = 5.0) -> None:
        self.timeout = timeout
        self.servers = [parse_nameserver(item) for item in nameservers]
        self._error: str | None = None
        try:
            resolver = dns.asyncresolver.Resolver(configure=not self.servers)
        except dns.resolver.NoResolverConfiguration:
            resolver = dns.asyncresolver.Resolver(configure=False)
            self._error = "this machine has no DNS resolver configured; pass --nameserver"
        if self.servers:
            resolver.nameservers = [
                dns.nameserver.Do53Nameserver(server.address, server.port)
                for server in self.servers
            ]
        resolver.lifetime = timeout
        resolver.timeout = timeout
        self._resolver = resolver

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

    async def _query(self, name: str, rdtype: str) -> DnsOutcome:
        loop = asyncio.get_running_loop()
        start = loop.time()

        def done(kind: DnsKind, detail: str = "", **found: Any) -> DnsOutcome:
            return DnsOutcome(kind, name, detail=detail, seconds=loop.time() - start, **found)

        if self._error:
            return done(DnsKind.ERROR, self._error)
        try:
            answer = await asyncio.wait_for(
                self._resolver.resolve(name, rdtype, search=False), timeout=self.timeout + 0.5
            )
        except dns.resolver.NXDOMAIN:
            return done(DnsKind.NXDOMAIN, f"{name} does not exist (NXDOMAIN)")
        except dns.resolver.NoAnswer:
            return done(DnsKind.NOANSWER, f"{name} has no {rdtype} records")
        except (dns.resolver.LifetimeTimeout, dns.exception.Timeout, asyncio.TimeoutError):
            return done(
                DnsKind.TIMEOUT,
                f"no DNS answer for {name} {rdtype} within {self.timeout:g} s "
                f"from {self.describe()}",
            )
        except dns.resolver.NoNameservers as error:
            return done(
                DnsKind.SERVFAIL,
                f"the DNS servers ({self.describe()}) failed to answer for {name} {rdtype} "
                f"(SERVFAIL or refused): {_short(error)}",
            )
        except dns.exception.DNSException as error:
            return done(DnsKind.ERROR, f"DNS look-up of {name} {rdtype} failed: {_short(error)}")
        except (OSError, ValueError) as error:
            return done(DnsKind.ERROR, f"DNS look-up of {name} {rdtype} failed: {_short(error)}")
        if rdtype == "MX":
            records = tuple(
                MxRecord(int(r.preference), r.exchange.to_text(omit_final_dot=True).lower())
                for r in answer
            )
            records = tuple(
                MxRecord(r.preference, "" if r.exchange in (".", "") else r.exchange)
                for r in records
            )
            return done(DnsKind.ANSWER, mx=tuple(sorted(records, key=lambda r: r.preference)))
        return done(DnsKind.ANSWER, addresses=tuple(r.to_text() for r in answer))


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
