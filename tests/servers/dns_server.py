"""A UDP DNS server on loopback speaking dnspython's wire format, for tests.

Zone data is a dict of name -> {rdtype: [rdata text]}; a name can instead be
given a behaviour: ``"nxdomain"``, ``"servfail"``, ``"refused"``, ``"drop"``
(never answer: the client times out), ``"garbage"`` (bytes that are no DNS message),
``"truncated"`` (an empty answer flagged TC, and no TCP service to retry on) or
``("delay", seconds, records)``.
Names not listed get the default behaviour (NXDOMAIN unless told otherwise), so
``dns_server({}, default="drop")`` is a dead server that still counts what it was
asked: every query is counted, per name and type.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Union

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset

Records = Mapping[str, list[str]]
Entry = Union[str, Records, tuple[str, float, Records]]


class DnsServer:
    def __init__(self, zone: Mapping[str, Entry], default: Entry = "nxdomain") -> None:
        self.zone = {name.lower().rstrip("."): entry for name, entry in zone.items()}
        self.default = default
        self.queries: Counter[tuple[str, str]] = Counter()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> DnsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                wire, peer = self.sock.recvfrom(65535)
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._answer, args=(wire, peer), daemon=True).start()

    def _answer(self, wire: bytes, peer: Any) -> None:
        try:
            query = dns.message.from_wire(wire)
        except Exception:
            return
        question = query.question[0]
        name = question.name.to_text(omit_final_dot=True).lower()
        rdtype = dns.rdatatype.to_text(question.rdtype)
        self.queries[(name, rdtype)] += 1
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        entry = self.zone.get(name, self.default)
        if isinstance(entry, tuple):
            _, delay, records = entry
            time.sleep(delay)
            entry = records
        if entry is None or entry == "nxdomain":
            response.set_rcode(dns.rcode.NXDOMAIN)
        elif entry == "servfail":
            response.set_rcode(dns.rcode.SERVFAIL)
        elif entry == "refused":
            response.set_rcode(dns.rcode.REFUSED)
        elif entry == "drop":
            return
        elif entry == "garbage":
            with contextlib.suppress(OSError):
                self.sock.sendto(wire[:2] + b"\xff" * 40, peer)  # the query's id, then junk
            return
        elif entry == "truncated":
            response.flags |= dns.flags.TC
        elif isinstance(entry, Mapping):
            values = entry.get(rdtype, [])
            if values:
                response.answer.append(
                    dns.rrset.from_text_list(question.name, 60, "IN", rdtype, values)
                )
        with contextlib.suppress(OSError):
            self.sock.sendto(response.to_wire(), peer)


@contextmanager
def dns_server(zone: Mapping[str, Entry], default: Entry = "nxdomain") -> Iterator[DnsServer]:
    """Serve ``zone``; names not in it get ``default`` (NXDOMAIN unless told otherwise)."""
    server = DnsServer(zone, default).start()
    try:
        yield server
    finally:
        server.stop()
