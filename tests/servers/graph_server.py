"""A fake Microsoft Graph on loopback (standard library only), for tests and benchmarks.

It answers the read-only calls ``sources/entra.py`` makes, the way Graph does:
``/v1.0/users``, ``/v1.0/groups?$filter=displayName eq '...'`` (ignoring case) and
``/v1.0/groups/{id}/transitiveMembers/microsoft.graph.user`` (an advanced query: without
``ConsistencyLevel: eventual`` and ``$count=true`` it answers 400, as Graph does). Pages
honour ``$top`` (at most 999) and ``$select`` and link on with ``@odata.nextLink``.

Faults for tests: ``faults`` queues answers (429 with Retry-After, 503, 403 ...) given
before the real ones; ``next_link_base`` points next links elsewhere; ``delay`` holds
every answer back; ``token`` makes any other bearer a 401; ``echo_token`` puts the
bearer it got into error bodies (the client must never repeat it); ``limited`` returns
members as bare ids, as Graph does when the app may not read users.

``python -m tests.servers.graph_server --users N`` serves N users from its own process
and prints its base URL (the benchmark keeps the server's CPU out of the figures).
With ``tls`` it speaks HTTPS.
"""

from __future__ import annotations

import argparse
import json
import ssl
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qsl, quote, urlsplit

MAX_TOP = 999
DEFAULT_TOP = 100
TENANT_DOMAIN = "acme.example"


@dataclass
class Fault:
    """One answer given instead of the real one (status 0: hang up without answering)."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None  # a Graph error document with ``code`` when None
    code: str = ""

    def payload(self) -> bytes:
        if self.body is not None:
            return self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()
        code = self.code or ("Authorization_RequestDenied" if self.status == 403 else "Error")
        return json.dumps(
            {"error": {"code": code, "message": f"fake Graph answers {self.status}"}}
        ).encode()


@dataclass(frozen=True)
class Seen:
    """A request as the fake got it."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]


def make_user(number: int, **changes: Any) -> dict[str, Any]:
    """A member user of the fake tenant with every field the tool selects."""
    address = f"user{number}@{TENANT_DOMAIN}"
    user: dict[str, Any] = {
        "id": f"00000000-0000-4000-8000-{number:012d}",
        "userPrincipalName": address,
        "mail": address,
        "otherMails": [],
        "proxyAddresses": [f"SMTP:{address}", f"smtp:u{number}@{TENANT_DOMAIN}"],
        "givenName": f"Given{number}",
        "surname": f"Sur{number}",
        "accountEnabled": True,
        "userType": "Member",
        "creationType": None,
        "createdDateTime": "2024-01-02T03:04:05Z",
        "displayName": f"Given{number} Sur{number}",
    }
    user.update(changes)
    return user


def make_guest(number: int, home: str = "partner.example") -> dict[str, Any]:
    """A B2B guest: ``#EXT#`` user principal name, userType Guest, created by invitation."""
    address = f"guest{number}@{home}"
    return make_user(
        number,
        userPrincipalName=f"guest{number}_{home}#EXT#@{TENANT_DOMAIN}",
        mail=address,
        otherMails=[address],
        proxyAddresses=[f"SMTP:{address}"],
        userType="Guest",
        creationType="Invitation",
        displayName=f"Guest {number}",
    )


@dataclass
class Group:
    id: str
    displayName: str
    members: list[str]  # user ids; nested groups are already flattened here


class FakeGraph:
    def __init__(
        self,
        users: Sequence[dict[str, Any]] = (),
        groups: Sequence[Group] = (),
        *,
        host: str = "127.0.0.1",
        tls: Optional[ssl.SSLContext] = None,
    ) -> None:
        self.users = list(users)
        self.tls = tls
        self.groups = list(groups)
        self.faults: dict[str, list[Fault]] = {}
        self.next_link_base: Optional[str] = None
        self.delay = 0.0
        self.token: Optional[str] = None
        self.echo_token = False
        self.limited = False
        self.seen: list[Seen] = []
        self.stopping = threading.Event()
        self._cache: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self.httpd = _Server((host, 0), _Handler)
        self.httpd.owner = self
        self.port: int = self.httpd.server_address[1]
        self.host = host
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def fail(self, path: str, *faults: Fault) -> None:
        """Answer the next requests for ``path`` (no query) with ``faults``, in order."""
        self.faults.setdefault(path, []).extend(faults)

    def requests(self, path: str) -> list[Seen]:
        return [item for item in self.seen if item.path == path]

    def start(self) -> FakeGraph:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    # ------------------------------------------------------------------ answers

    def answer(self, path: str, query: dict[str, str], headers: dict[str, str]) -> Fault:
        """The status, headers and body for one request."""
        with self._lock:
            self.seen.append(Seen(path, query, headers))
            queued = self.faults.get(path)
            fault = queued.pop(0) if queued else None
        bearer = headers.get("authorization", "")
        if fault is not None:
            return self._echo(fault, bearer)
        if self.token is not None and bearer != f"Bearer {self.token}":
            return self._echo(Fault(401, code="InvalidAuthenticationToken"), bearer)
        if path == "/v1.0/users":
            return self._page(path, query, self.users)
        if path == "/v1.0/groups":
            return self._groups(query)
        parts = path.split("/")
        if (
            len(parts) == 6
            and parts[2] == "groups"
            and parts[4:]
            == [
                "transitiveMembers",
                "microsoft.graph.user",
            ]
        ):
            return self._members(path, parts[3], query, headers)
        return Fault(404, body={"error": {"code": "Request_ResourceNotFound", "message": path}})

    def _echo(self, fault: Fault, bearer: str) -> Fault:
        if not self.echo_token or fault.body is not None:
            return fault
        message = f"Access denied for header {bearer!r}"
        body = {"error": {"code": fault.code or "Error", "message": message}}
        return Fault(fault.status, fault.headers, body)

    def _members(
        self, path: str, group_id: str, query: dict[str, str], headers: dict[str, str]
    ) -> Fault:
        if headers.get("consistencylevel") != "eventual" or query.get("$count") != "true":
            return Fault(
                400,
                body={
                    "error": {
                        "code": "Request_UnsupportedQuery",
                        "message": "OData cast needs ConsistencyLevel eventual and $count",
                    }
                },
            )
        group = next((item for item in self.groups if item.id == group_id.lower()), None)
        if group is None:
            return Fault(404, body={"error": {"code": "Request_ResourceNotFound", "message": ""}})
        wanted = set(group.members)
        members = [user for user in self.users if user["id"] in wanted]
        if self.limited:
            members = [{"id": user["id"]} for user in members]
        return self._page(path, query, members, odata_type=True)

    def _groups(self, query: dict[str, str]) -> Fault:
        text = query.get("$filter", "")
        prefix = "displayName eq '"
        if not (text.startswith(prefix) and text.endswith("'")):
            return Fault(400, body={"error": {"code": "BadRequest", "message": "bad filter"}})
        name = text[len(prefix) : -1].replace("''", "'")
        found = [
            {"id": group.id, "displayName": group.displayName}
            for group in self.groups
            if group.displayName.lower() == name.lower()
        ]
        return Fault(200, body={"value": found})

    def _page(
        self,
        path: str,
        query: dict[str, str],
        items: Sequence[dict[str, Any]],
        *,
        odata_type: bool = False,
    ) -> Fault:
        key = path + "?" + "&".join(f"{k}={v}" for k, v in sorted(query.items()))
        cached = self._cache.get(key)
        if cached is not None:
            return Fault(200, body=cached)
        top = min(int(query.get("$top", DEFAULT_TOP)), MAX_TOP)
        start = int(query.get("$skiptoken", "0"))
        chosen = [name for name in query.get("$select", "").split(",") if name]
        page = []
        for item in items[start : start + top]:
            shown = {name: item.get(name) for name in chosen} if chosen else dict(item)
            if odata_type:
                shown = {"@odata.type": "#microsoft.graph.user", **shown}
            page.append(shown)
        document: dict[str, Any] = {"@odata.context": f"{self.url}/v1.0/$metadata#users"}
        if query.get("$count") == "true":
            document["@odata.count"] = len(items)
        document["value"] = page
        if start + top < len(items):
            rest = [(k, v) for k, v in query.items() if k != "$skiptoken"]
            rest.append(("$skiptoken", str(start + top)))
            encoded = "&".join(f"{k}={quote(v, safe=',$')}" for k, v in rest)
            document["@odata.nextLink"] = f"{self.next_link_base or self.url}{path}?{encoded}"
        body = json.dumps(document).encode()
        self._cache[key] = body
        return Fault(200, body=body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: FakeGraph

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (a timeout test) is expected


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        tls = self.server.owner.tls
        if tls is not None:
            self.request = tls.wrap_socket(self.request, server_side=True)
        super().setup()

    def handle(self) -> None:
        with suppress(Exception):  # a client that refused the certificate, or gave up
            super().handle()

    def finish(self) -> None:
        with suppress(Exception):
            super().finish()
        with suppress(OSError):  # the TLS socket replaced the one the server knows of
            self.request.close()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        headers = {name.lower(): value for name, value in self.headers.items()}
        if owner.delay and owner.stopping.wait(owner.delay):
            return
        fault = owner.answer(parts.path, query, headers)
        if fault.status == 0:  # hang up without an answer
            self.close_connection = True
            return
        body = fault.payload()
        with suppress(OSError):
            self.send_response(fault.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("request-id", "11111111-2222-3333-4444-555555555555")
            for name, value in fault.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)


@contextmanager
def fake_graph(
    users: Sequence[dict[str, Any]] = (),
    groups: Sequence[Group] = (),
    *,
    host: str = "127.0.0.1",
    tls: Optional[ssl.SSLContext] = None,
) -> Iterator[FakeGraph]:
    server = FakeGraph(users, groups, host=host, tls=tls).start()
    try:
        yield server
    finally:
        server.stop()


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a fake Microsoft Graph on loopback.")
    parser.add_argument("--users", type=int, default=1000)
    options = parser.parse_args(argv)
    server = FakeGraph([make_user(number) for number in range(options.users)])
    print(server.url, flush=True)
    try:
        server.httpd.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
