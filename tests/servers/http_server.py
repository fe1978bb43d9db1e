"""A threaded HTTP(S) server on loopback with fault modes, for tests and benchmarks.

Each path answers as its ``Route`` says: a status and body, after a delay, dripping
the body a byte at a time, resetting the connection, sending a huge body, redirecting,
or failing the first few requests with a ``Retry-After``. With ``tls`` it speaks HTTPS
(and records the SNI names clients sent); with ``proxy=True`` it is also an HTTP proxy:
``CONNECT`` opens a tunnel to the same port on 127.0.0.1 (every name is loopback here),
and an absolute URL in a GET is passed on to that port too. ``blackhole()`` gives a port
whose connections never complete, for connect timeouts.
"""

from __future__ import annotations

import json
import selectors
import socket
import ssl
import struct
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional, Union
from urllib.parse import urlsplit

Body = Union[bytes, str, Mapping[str, Any], list[Any]]


@dataclass
class Route:
    """How one path answers."""

    status: int = 200
    body: Body = b""
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Seconds to wait before the status line.
    delay: float = 0.0
    #: Seconds between body bytes (a server that drips).
    drip: float = 0.0
    #: Close with a TCP reset instead of answering.
    reset: bool = False
    #: Send this many bytes of body (generated, Content-Length set unless ``chunked``).
    huge: int = 0
    chunked: bool = False
    #: Redirect here (with ``status`` 301/302/307/308).
    location: Optional[str] = None
    #: The first ``fail_times`` requests get ``fail_status`` (and ``retry_after``).
    fail_times: int = 0
    fail_status: int = 503
    retry_after: Optional[str] = None

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body).encode()


class HttpServer:
    def __init__(
        self,
        routes: Mapping[str, Route],
        *,
        tls: Optional[ssl.SSLContext] = None,
        proxy: bool = False,
        proxy_status: Optional[int] = None,
    ) -> None:
        self.routes = dict(routes)
        self.tls = tls
        self.proxy = proxy
        self.proxy_status = proxy_status
        self.hits: Counter[str] = Counter()
        self.hosts: list[str] = []
        self.sni: list[str] = []
        self.connects: list[str] = []
        self.proxied: list[str] = []
        self.sent: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        if tls is not None:
            tls.sni_callback = self._note_sni
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.owner = self
        self.port: int = self.httpd.server_address[1]
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def _note_sni(self, _sock: Any, name: Optional[str], _context: Any) -> None:
        with self._lock:
            self.sni.append(name or "")

    def url(self, host: str = "127.0.0.1", path: str = "/") -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    def start(self) -> HttpServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def note(self, path: str, host: str) -> int:
        with self._lock:
            self.hits[path] += 1
            self.hosts.append(host)
            return self.hits[path]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128
    owner: HttpServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that give up mid-answer are what these tests are about


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    @property
    def owner(self) -> HttpServer:
        return self.server.owner

    def setup(self) -> None:
        tls = self.owner.tls
        if tls is not None:
            self.request = tls.wrap_socket(self.request, server_side=True)
        super().setup()

    def handle(self) -> None:
        with suppress(Exception):
            super().handle()

    def finish(self) -> None:
        with suppress(Exception):
            super().finish()
        # A TLS socket replaced the one the server knows of: close it here.
        with suppress(OSError):
            self.request.close()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # ------------------------------------------------------------------ proxy

    def _proxying(self, port: str) -> Optional[socket.socket]:
        """A connection to ``port`` on loopback, or None after answering why not."""
        if not self.owner.proxy:
            self._plain(405, b"not a proxy")
            return None
        if self.owner.proxy_status is not None:
            self._plain(self.owner.proxy_status, b"proxy says no")
            return None
        try:
            return socket.create_connection(("127.0.0.1", int(port or 80)), timeout=5)
        except (OSError, ValueError):
            self._plain(502, b"cannot reach upstream")
            return None

    def do_CONNECT(self) -> None:
        self.owner.connects.append(self.path)
        upstream = self._proxying(self.path.rpartition(":")[2])
        if upstream is None:
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self._pipe(self.connection, upstream)
        self.close_connection = True

    def _pipe(self, client: socket.socket, upstream: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            while not self.owner.stopping.is_set():
                for key, _ in selector.select(timeout=0.2):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    data = source.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            upstream.close()

    # ------------------------------------------------------------------ origin

    def do_GET(self) -> None:
        owner = self.owner
        path = self.path
        if path.startswith(("http://", "https://")):
            owner.proxied.append(path)
            self._forward(path)
            return
        route = owner.routes.get(path) or owner.routes.get(path.split("?", 1)[0])
        count = owner.note(path, self.headers.get("Host", ""))
        if route is None:
            self._plain(404, b"not found")
            return
        if route.delay and owner.stopping.wait(route.delay):
            return
        if route.reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if count <= route.fail_times:
            headers = {"Retry-After": route.retry_after} if route.retry_after else {}
            self._plain(route.fail_status, b"try again later", headers)
            return
        if route.location is not None:
            self._plain(route.status, b"", {"Location": route.location})
            return
        if route.huge:
            self._huge(path, route)
            return
        body = route.payload()
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not route.drip:
            self.wfile.write(body)
            return
        for index in range(len(body)):
            self.wfile.write(body[index : index + 1])
            self.wfile.flush()
            if owner.stopping.wait(route.drip):
                return

    def _forward(self, url: str) -> None:
        """Pass a proxied plain-http request on to the same port on loopback."""
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        upstream = self._proxying(str(parts.port or 80))
        if upstream is None:
            return
        head = f"GET {target or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n"
        for name, value in self.headers.items():
            if name.lower() not in (
                "host",
                "connection",
                "proxy-connection",
                "proxy-authorization",
            ):
                head += f"{name}: {value}\r\n"
        upstream.sendall(head.encode() + b"\r\n")
        self._pipe(self.connection, upstream)
        self.close_connection = True

    def _huge(self, path: str, route: Route) -> None:
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(route.huge))
        self.end_headers()
        block = b"[" * 65536
        left = route.huge
        while left > 0 and not self.owner.stopping.is_set():
            part = block[: min(left, len(block))]
            frame = b"%x\r\n%s\r\n" % (len(part), part) if route.chunked else part
            try:
                self.wfile.write(frame)
            except OSError:
                return
            self.owner.sent[path] += len(part)
            left -= len(part)
        if route.chunked:
            with suppress(OSError):
                self.wfile.write(b"0\r\n\r\n")

    def _plain(self, status: int, body: bytes, headers: Optional[Mapping[str, str]] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def http_server(
    routes: Mapping[str, Route],
    *,
    tls: Optional[ssl.SSLContext] = None,
    proxy: bool = False,
    proxy_status: Optional[int] = None,
) -> Iterator[HttpServer]:
    server = HttpServer(routes, tls=tls, proxy=proxy, proxy_status=proxy_status).start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def blackhole() -> Iterator[int]:
    """A loopback port whose accept queue is full: new connections hang until they time out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port: int = listener.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        with suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port: int = probe.getsockname()[1]
    probe.close()
    return port


def statuspage_summary(
    indicator: str = "none",
    description: str = "All Systems Operational",
    components: Optional[list[tuple[str, str]]] = None,
    incidents: Optional[list[dict[str, Any]]] = None,
    maintenances: Optional[list[dict[str, Any]]] = None,
) -> dict[str, Any]:
    """A Statuspage ``/api/v2/summary.json`` document with the given state."""
    return {
        "page": {
            "id": "acme",
            "name": "Acme Mail",
            "url": "https://status.acme.example",
            "updated_at": "2026-11-20T10:00:00.000Z",
        },
        "components": [
            {"id": f"c{number}", "name": name, "status": status, "group": False}
            for number, (name, status) in enumerate(
                components or [("Email Delivery", "operational"), ("Console", "operational")]
            )
        ],
        "incidents": incidents or [],
        "scheduled_maintenances": maintenances or [],
        "status": {"indicator": indicator, "description": description},
    }


#: The component groups of Cisco Secure Endpoint's Statuspage ("Cisco AMP"), one per
#: region, and the components each lists (as the public page groups them).
CISCO_AMP_GROUPS: dict[str, tuple[str, ...]] = {
    "Reputation Service (North America)": (
        "Enterprise", "Enterprise Legacy", "iOS", "Defence Center", "Private Cloud",
        "Security Appliance", "Meraki",
    ),
    "Reputation Service (Europe)": (
        "Enterprise", "Enterprise Legacy", "iOS", "Defence Center", "Private Cloud",
        "Security Appliance",
    ),
    "Reputation Service (APJC)": (
        "Enterprise", "Enterprise Legacy", "iOS", "Defence Center", "Security Appliance",
    ),
}  # fmt: skip
_COMPONENT_SEVERITY = {
    "operational": 0, "under_maintenance": 1, "degraded_performance": 2,
    "partial_outage": 3, "major_outage": 4,
}  # fmt: skip
_PAGE_INDICATORS = ("none", "maintenance", "minor", "major", "critical")


def cisco_amp_component_id(group: str, name: str = "") -> str:
    """The id the fixture gives a group (``name`` empty) or one of its components."""
    number = list(CISCO_AMP_GROUPS).index(group)
    if not name:
        return f"amp0group{number}"
    return f"amp{number}c{CISCO_AMP_GROUPS[group].index(name)}"


def cisco_amp_summary(
    down: Optional[Mapping[tuple[str, str], str]] = None,
    incidents: Optional[list[dict[str, Any]]] = None,
) -> dict[str, Any]:
    """The "Cisco AMP" Statuspage ``summary.json`` (v2 shape: members with ``group_id``,
    groups with ``group: true`` and their ``components``), every component operational but
    those in ``down`` ((group, component) -> status). An incident's ``affects`` list of
    (group, component) pairs becomes its ``components``; a group alone is ("group", "")."""
    states = dict(down or {})
    components: list[dict[str, Any]] = []
    for group, names in CISCO_AMP_GROUPS.items():
        group_id = cisco_amp_component_id(group)
        members = [cisco_amp_component_id(group, name) for name in names]
        worst = max(_COMPONENT_SEVERITY[states.get((group, n), "operational")] for n in names)
        group_state = next(k for k, v in _COMPONENT_SEVERITY.items() if v == worst)
        components.append(
            {"id": group_id, "name": group, "status": group_state, "group": True,
             "group_id": None, "page_id": "p5n46sppww3j", "components": members}
        )  # fmt: skip
        for name, ident in zip(names, members):
            components.append(
                {"id": ident, "name": name, "status": states.get((group, name), "operational"),
                 "group": False, "group_id": group_id, "page_id": "p5n46sppww3j"}
            )  # fmt: skip
    open_incidents = []
    for incident in incidents or []:
        affected = [
            {"id": cisco_amp_component_id(group, name), "name": name or group,
             "status": states.get((group, name), "operational"), "page_id": "p5n46sppww3j"}
            for group, name in incident.get("affects", [])
        ]  # fmt: skip
        body = {key: value for key, value in incident.items() if key != "affects"}
        open_incidents.append({"components": affected, **body})
    levels = [_COMPONENT_SEVERITY[state] for state in states.values()]
    indicator = _PAGE_INDICATORS[max(levels, default=0)]
    return {
        "page": {
            "id": "p5n46sppww3j",
            "name": "Cisco AMP",
            "url": "https://status.amp.cisco.com",
            "time_zone": "America/Denver",
            "updated_at": "2026-11-20T10:00:00.000-07:00",
        },
        "components": components,
        "incidents": open_incidents,
        "scheduled_maintenances": [],
        "status": {
            "indicator": indicator,
            "description": "All Systems Operational" if indicator == "none" else "Partial outage",
        },
    }


def statusio_status(
    locations: Mapping[str, Mapping[str, int]],
    incidents: Optional[list[dict[str, Any]]] = None,
) -> dict[str, Any]:
    """A Status.io public status document: component -> {location: status code}."""
    words = {100: "Operational", 200: "Planned Maintenance", 300: "Degraded Performance",
             400: "Partial Service Disruption", 500: "Service Disruption"}  # fmt: skip
    entries = []
    overall = 100
    for number, (component, where) in enumerate(locations.items()):
        worst = max(where.values(), default=100)
        overall = max(overall, worst)
        containers = [
            {"id": f"loc-{name.lower()}", "name": name, "status": words.get(code, "Unknown"),
             "status_code": code, "updated": "2026-11-20T10:00:00.000Z"}
            for name, code in where.items()
        ]  # fmt: skip
        entries.append(
            {"id": f"comp{number}", "name": component, "status": words.get(worst, "Unknown"),
             "status_code": worst, "containers": containers}
        )  # fmt: skip
    return {
        "result": {
            "status_overall": {"updated": "2026-11-20T10:00:00.000Z",
                               "status": words.get(overall, "Unknown"), "status_code": overall},
            "status": entries,
            "incidents": incidents or [],
            "maintenance": {"active": [], "upcoming": []},
        }
    }  # fmt: skip
