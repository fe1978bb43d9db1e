"""Entra ID through a fake Microsoft Graph on 127.0.0.1: paging, throttling, permissions.

No real tenant and no network: ``tests/servers/graph_server.py`` answers as Graph does.
Every error is an ``InputError`` (the CLI prints one line and exits 2), and none may
carry the bearer token.
"""

from __future__ import annotations

import ssl
import sys
import time
import types
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, Optional

import pytest
import trustme

from emailsec_check.errors import InputError
from emailsec_check.net.graph import (
    MAX_ATTEMPTS,
    GraphError,
    GraphUnavailable,
    graph_root,
    graph_scope,
)
from emailsec_check.net.settings import NetSettings
from emailsec_check.sources.entra import (
    USER_FIELDS,
    parse_entra_spec,
    read_entra_users,
)
from tests.servers.graph_server import FakeGraph, Fault, Group, fake_graph, make_guest, make_user
from tests.servers.http_server import closed_port, http_server

TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.fake-graph-token.sig-4f2a9c"
ADMINS_ID = "6b1d2f30-0b6e-4f4e-9a51-2c0d3e4f5a61"
HELPDESK_ID = "0f3a4b5c-6d7e-4f80-9123-456789abcdef"
USERS_PATH = "/v1.0/users"


def members_path(group_id: str) -> str:
    return f"/v1.0/groups/{group_id}/transitiveMembers/microsoft.graph.user"


def tenant() -> tuple[list[dict[str, Any]], list[Group]]:
    users = [make_user(number) for number in range(2500)]
    users.append(make_guest(7001))
    users.append(make_user(7002, accountEnabled=False, displayName="Leaver"))
    groups = [
        Group(ADMINS_ID, "SecurityAdmins", [users[1]["id"], users[-2]["id"], users[-1]["id"]]),
        Group(HELPDESK_ID, "Help desk", [users[3]["id"]]),
        Group("1f3a4b5c-6d7e-4f80-9123-456789abcdef", "Help desk", []),
        Group("2f3a4b5c-6d7e-4f80-9123-456789abcdef", "O'Brien's team", [users[4]["id"]]),
    ]
    return users, groups


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    users, groups = tenant()
    with fake_graph(users, groups) as server:
        yield server


def env(graph: FakeGraph, **more: str) -> dict[str, str]:
    return {"EMAILSEC_CHECK_GRAPH_TOKEN": TOKEN, "EMAILSEC_CHECK_GRAPH_URL": graph.url, **more}


def read(
    graph: FakeGraph,
    spec: str = "entra:",
    *,
    timeout: float = 5.0,
    environ: Optional[Mapping[str, str]] = None,
    deadline: Optional[float] = None,
    **settings: Any,
) -> list[dict[str, Any]]:
    return read_entra_users(
        parse_entra_spec(spec),
        settings=NetSettings(timeout=timeout, **settings),
        environ=env(graph) if environ is None else environ,
        deadline=deadline,
    )


def error_of(graph: FakeGraph, spec: str = "entra:", **options: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        read(graph, spec, **options)
    error = caught.value
    assert TOKEN not in str(error)
    assert TOKEN not in repr(error.args)
    return error


# --------------------------------------------------------------------------- the tenant


def test_every_user_is_read_over_three_pages_with_exactly_the_fields_needed(
    graph: FakeGraph,
) -> None:
    users = read(graph)
    assert [user["userPrincipalName"] for user in users] == [
        user["userPrincipalName"] for user in graph.users
    ]
    assert set(users[0]) == set(USER_FIELDS)
    asked = graph.requests(USERS_PATH)
    assert len(asked) == 3
    assert asked[0].query["$select"].split(",") == list(USER_FIELDS)
    assert asked[0].query["$top"] == "999"
    assert [item.query.get("$skiptoken") for item in asked] == [None, "999", "1998"]
    assert all(item.headers["authorization"] == f"Bearer {TOKEN}" for item in asked)
    # Listing users is no advanced query: no eventual consistency asked for.
    assert "consistencylevel" not in asked[0].headers


def test_guests_and_disabled_users_keep_what_graph_says(graph: FakeGraph) -> None:
    users = {user["id"]: user for user in read(graph)}
    guest = users[make_guest(7001)["id"]]
    assert guest["userPrincipalName"] == "guest7001_partner.example#EXT#@acme.example"
    assert guest["userType"] == "Guest"
    assert guest["creationType"] == "Invitation"
    assert guest["otherMails"] == ["guest7001@partner.example"]
    leaver = users[make_user(7002)["id"]]
    assert leaver["accountEnabled"] is False
    assert users[make_user(0)["id"]]["accountEnabled"] is True


def test_fields_graph_leaves_out_are_present_as_none() -> None:
    user = make_user(1)
    del user["creationType"]
    user["onPremisesSyncEnabled"] = True  # one more than asked, one fewer: still our fields
    with fake_graph([user]) as graph:
        graph.fail(USERS_PATH, Fault(200, body={"value": [user]}))
        [record] = read(graph)
    assert set(record) == set(USER_FIELDS)
    assert record["creationType"] is None


def test_null_lists_become_empty_lists() -> None:
    with fake_graph([make_user(1, otherMails=None, proxyAddresses=None)]) as graph:
        [user] = read(graph)
    assert user["otherMails"] == []
    assert user["proxyAddresses"] == []


# --------------------------------------------------------------------------- groups


def test_group_by_object_id_reads_its_transitive_members_as_an_advanced_query(
    graph: FakeGraph,
) -> None:
    users = read(graph, f"entra:group/{ADMINS_ID.upper()}")
    assert [user["userPrincipalName"] for user in users] == [
        "user1@acme.example",
        "guest7001_partner.example#EXT#@acme.example",
        "user7002@acme.example",
    ]
    assert "@odata.type" not in users[0]
    [asked] = graph.requests(members_path(ADMINS_ID))
    assert asked.headers["consistencylevel"] == "eventual"
    assert asked.query["$count"] == "true"
    assert asked.query["$top"] == "999"
    assert not graph.requests("/v1.0/groups")  # an id needs no look-up


def test_group_by_display_name_is_looked_up_first(graph: FakeGraph) -> None:
    users = read(graph, "entra:group/securityadmins")
    assert len(users) == 3
    [lookup] = graph.requests("/v1.0/groups")
    assert lookup.query["$filter"] == "displayName eq 'securityadmins'"
    assert graph.requests(members_path(ADMINS_ID))


def test_quotes_in_a_group_name_are_doubled(graph: FakeGraph) -> None:
    users = read(graph, "entra:group/O'Brien's team")
    assert [user["userPrincipalName"] for user in users] == ["user4@acme.example"]
    [lookup] = graph.requests("/v1.0/groups")
    assert lookup.query["$filter"] == "displayName eq 'O''Brien''s team'"


def test_no_group_of_that_name_says_so(graph: FakeGraph) -> None:
    error = error_of(graph, "entra:group/Nobody Here")
    assert "no group named 'Nobody Here'" in str(error)
    assert "object id" in str(error)


def test_two_groups_of_that_name_list_their_ids(graph: FakeGraph) -> None:
    error = error_of(graph, "entra:group/Help desk")
    assert "2 Entra ID groups are named 'Help desk'" in str(error)
    assert HELPDESK_ID in str(error)
    assert "1f3a4b5c-6d7e-4f80-9123-456789abcdef" in str(error)
    assert not graph.requests(members_path(HELPDESK_ID))


def test_unknown_group_id_is_named(graph: FakeGraph) -> None:
    missing = "99999999-6d7e-4f80-9123-456789abcdef"
    error = error_of(graph, f"entra:group/{missing}")
    assert f"no group with the object id {missing}" in str(error)


def test_members_returned_as_bare_ids_ask_for_user_read_all(graph: FakeGraph) -> None:
    graph.limited = True
    error = error_of(graph, f"entra:group/{ADMINS_ID}")
    assert "without their properties" in str(error)
    assert "User.Read.All" in str(error)


# --------------------------------------------------------------------------- throttling


def test_429_is_retried_after_the_seconds_graph_asks(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, Fault(429, {"Retry-After": "1"}))
    started = time.monotonic()
    users = read(graph)
    assert len(users) == len(graph.users)
    assert time.monotonic() - started >= 0.9
    assert len(graph.requests(USERS_PATH)) == 4


def test_503_then_success(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, Fault(503, {"Retry-After": "0"}), Fault(504, {"Retry-After": "0"}))
    assert len(read(graph)) == len(graph.users)


def test_throttling_that_never_ends_gives_up_as_could_not_check(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, *[Fault(429, {"Retry-After": "0"})] * MAX_ATTEMPTS)
    error = error_of(graph)
    assert isinstance(error, GraphUnavailable)
    assert "HTTP 429" in str(error)
    assert f"after {MAX_ATTEMPTS} tries" in str(error)


def test_retry_after_past_the_deadline_is_not_waited_for(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, Fault(429, {"Retry-After": "120"}))
    started = time.monotonic()
    error = error_of(graph, deadline=started + 10)
    assert time.monotonic() - started < 5
    assert isinstance(error, GraphUnavailable)
    assert "retry after 120 s, past the run's deadline" in str(error)


def test_a_deadline_already_passed_asks_nothing(graph: FakeGraph) -> None:
    error = error_of(graph, deadline=time.monotonic() - 1)
    assert isinstance(error, GraphUnavailable)
    assert "deadline" in str(error)
    assert not graph.seen


def test_a_slow_graph_ends_within_the_timeout_and_names_it(graph: FakeGraph) -> None:
    graph.delay = 5
    started = time.monotonic()
    error = error_of(graph, timeout=0.5)
    assert time.monotonic() - started < 4
    assert isinstance(error, GraphUnavailable)
    assert "did not answer" in str(error)
    assert "within 0.5 s (--timeout" in str(error)


def test_refused_connection_is_could_not_check() -> None:
    environ = {"EMAILSEC_CHECK_GRAPH_TOKEN": TOKEN}
    with pytest.raises(GraphUnavailable, match="cannot reach Microsoft Graph"):
        read_entra_users(
            parse_entra_spec("entra:"),
            settings=NetSettings(timeout=2),
            environ=environ,
            graph_url=f"http://127.0.0.1:{closed_port()}",
        )


def test_a_connection_closed_without_an_answer_is_asked_again_once(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, Fault(0))
    assert len(read(graph)) == len(graph.users)
    graph.fail(USERS_PATH, Fault(0), Fault(0))
    error = error_of(graph)
    assert isinstance(error, GraphUnavailable)
    assert "cannot reach Microsoft Graph" in str(error)


# --------------------------------------------------------------------------- permissions


def test_403_on_users_names_user_read_all_and_how_to_grant_it(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, Fault(403))
    error = error_of(graph)
    assert isinstance(error, GraphError)
    assert error.status == 403
    assert "HTTP 403 Authorization_RequestDenied" in str(error)
    assert "User.Read.All is missing" in str(error)
    assert "Grant admin consent" in str(error)
    assert "request-id 11111111-2222-3333-4444-555555555555" in str(error)


def test_403_on_a_group_names_group_member_read_all(graph: FakeGraph) -> None:
    graph.fail(members_path(ADMINS_ID), Fault(403))
    error = error_of(graph, f"entra:group/{ADMINS_ID}")
    assert "GroupMember.Read.All is missing" in str(error)


def test_401_says_the_token_was_not_accepted(graph: FakeGraph) -> None:
    graph.token = "the-token-graph-expects"
    error = error_of(graph)
    assert isinstance(error, GraphError)
    assert error.status == 401
    assert "InvalidAuthenticationToken" in str(error)
    assert "az account get-access-token --resource-type ms-graph" in str(error)
    assert "User.Read.All" in str(error)


@pytest.mark.parametrize(
    "fault",
    [Fault(401), Fault(403), Fault(500), Fault(400)],
    ids=["401", "403", "500", "400"],
)
def test_a_server_that_echoes_the_token_never_gets_it_shown(graph: FakeGraph, fault: Fault) -> None:
    graph.echo_token = True
    graph.fail(USERS_PATH, fault)
    error = error_of(graph)  # asserts the token is nowhere in the error
    assert "Bearer ***" in str(error)


# --------------------------------------------------------------------------- where the token goes


def test_next_link_to_another_host_is_not_followed(graph: FakeGraph) -> None:
    graph.next_link_base = f"http://localhost:{graph.port}"
    error = error_of(graph)
    assert "points to http://localhost" in str(error)
    assert "not followed" in str(error)
    assert len(graph.seen) == 1  # the second page was never asked for, by any name


def test_a_redirect_is_not_followed(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, Fault(302, {"Location": "http://127.0.0.2/elsewhere"}))
    error = error_of(graph)
    assert "HTTP 302" in str(error)
    assert "redirects are not followed" in str(error)
    assert len(graph.seen) == 1


def test_a_next_link_that_is_not_a_url_is_an_input_error(graph: FakeGraph) -> None:
    page = {"value": [], "@odata.nextLink": f"{graph.url}/v1.0/users?$skiptoken=a\x00b"}
    graph.fail(USERS_PATH, Fault(200, body=page))
    error = error_of(graph)
    assert "cannot ask Microsoft Graph for the tenant's users" in str(error)


def test_an_answer_that_is_not_graph_is_named(graph: FakeGraph) -> None:
    graph.fail(USERS_PATH, Fault(200, body=b"<html>sign in</html>"))
    error = error_of(graph)
    assert "not a JSON object" in str(error)
    assert "<html>" in str(error)


@pytest.mark.parametrize(
    "url",
    ["http://graph.example", "http://10.0.0.1:8080", "http://graph.microsoft.com"],
)
def test_plain_http_is_refused_unless_loopback(url: str) -> None:
    with pytest.raises(InputError, match="plain http://"):
        graph_root(url)
    with pytest.raises(InputError, match="EMAILSEC_CHECK_GRAPH_URL"):
        read_entra_users(
            parse_entra_spec("entra:"),
            settings=NetSettings(),
            environ={"EMAILSEC_CHECK_GRAPH_TOKEN": TOKEN, "EMAILSEC_CHECK_GRAPH_URL": url},
        )


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("http://127.9.8.7", "http://127.9.8.7"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("http://localhost:9000/v1.0", "http://localhost:9000"),
        ("https://Graph.Microsoft.US/v1.0/", "https://graph.microsoft.us"),
        ("https://dod-graph.microsoft.us", "https://dod-graph.microsoft.us"),
        (
            " https://microsoftgraph.chinacloudapi.cn/beta ",
            "https://microsoftgraph.chinacloudapi.cn",
        ),
    ],
)
def test_graph_roots_accepted(url: str, root: str) -> None:
    assert graph_root(url) == root


@pytest.mark.parametrize(
    "url",
    ["ftp://graph.example", "graph.microsoft.com", "https://user:pw@graph.example", "https://"],
)
def test_graph_roots_refused(url: str) -> None:
    with pytest.raises(InputError) as caught:
        graph_root(url, source="graph_url")
    assert str(caught.value).startswith("graph_url: ")
    assert "pw" not in str(caught.value)


def test_the_config_url_wins_over_the_variable(graph: FakeGraph) -> None:
    environ = env(graph, EMAILSEC_CHECK_GRAPH_URL="http://graph.example")
    users = read_entra_users(
        parse_entra_spec("entra:"), settings=NetSettings(), environ=environ, graph_url=graph.url
    )
    assert len(users) == len(graph.users)


@pytest.mark.parametrize(
    ("root", "scope"),
    [
        ("https://graph.microsoft.com", "https://graph.microsoft.com/.default"),
        ("https://graph.microsoft.us", "https://graph.microsoft.us/.default"),
        ("https://dod-graph.microsoft.us", "https://dod-graph.microsoft.us/.default"),
        (
            "https://microsoftgraph.chinacloudapi.cn",
            "https://microsoftgraph.chinacloudapi.cn/.default",
        ),
    ],
)
def test_the_token_scope_follows_the_cloud(root: str, scope: str) -> None:
    assert graph_scope(graph_root(root)) == scope


# --------------------------------------------------------------------------- credentials


def test_a_token_with_spaces_is_refused_without_showing_it(graph: FakeGraph) -> None:
    bad = f"{TOKEN} and more"
    error = error_of(graph, environ=env(graph, EMAILSEC_CHECK_GRAPH_TOKEN=bad))
    assert "EMAILSEC_CHECK_GRAPH_TOKEN is not a bearer token" in str(error)
    assert not graph.seen


def test_a_pasted_bearer_prefix_is_tolerated(graph: FakeGraph) -> None:
    users = read(graph, environ=env(graph, EMAILSEC_CHECK_GRAPH_TOKEN=f"Bearer {TOKEN}\n"))
    assert users
    assert graph.seen[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_without_a_token_or_azure_identity_the_pip_command_is_named(
    graph: FakeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "azure.identity", None)  # import fails, as when missing
    environ = {"EMAILSEC_CHECK_GRAPH_URL": graph.url}
    error = error_of(graph, environ=environ)
    assert "pip install 'emailsec-check[entra]'" in str(error)
    assert not graph.seen


class FakeCredential:
    """What the tests need of azure-identity's DefaultAzureCredential."""

    scopes: ClassVar[list[str]] = []
    closed = 0
    fail = False

    def get_token(self, *scopes: str) -> types.SimpleNamespace:
        FakeCredential.scopes.extend(scopes)
        if FakeCredential.fail:
            raise RuntimeError("DefaultAzureCredential failed to retrieve a token.\nAttempted: ...")
        return types.SimpleNamespace(token=TOKEN, expires_on=0)

    def close(self) -> None:
        FakeCredential.closed += 1


@pytest.fixture
def azure_identity(monkeypatch: pytest.MonkeyPatch) -> type[FakeCredential]:
    module = types.ModuleType("azure.identity")
    module.DefaultAzureCredential = FakeCredential  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "azure.identity", module)
    monkeypatch.setattr(FakeCredential, "scopes", [])
    monkeypatch.setattr(FakeCredential, "closed", 0)
    monkeypatch.setattr(FakeCredential, "fail", False)
    return FakeCredential


def test_default_azure_credential_is_asked_for_the_graph_roots_scope(
    graph: FakeGraph, azure_identity: type[FakeCredential]
) -> None:
    users = read(graph, environ={"EMAILSEC_CHECK_GRAPH_URL": graph.url})
    assert len(users) == len(graph.users)
    assert azure_identity.scopes == [f"{graph.url}/.default"]
    assert azure_identity.closed == 1
    assert graph.seen[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_a_credential_token_a_header_cannot_carry_is_refused_unshown(
    graph: FakeGraph, azure_identity: type[FakeCredential], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        FakeCredential, "get_token", lambda self, *scopes: types.SimpleNamespace(token=TOKEN + "\n")
    )
    error = error_of(graph, environ={"EMAILSEC_CHECK_GRAPH_URL": graph.url})
    assert "characters an HTTP header cannot carry" in str(error)
    assert not graph.seen


def test_no_azure_credential_says_how_to_sign_in(
    graph: FakeGraph, azure_identity: type[FakeCredential]
) -> None:
    azure_identity.fail = True
    error = error_of(graph, environ={"EMAILSEC_CHECK_GRAPH_URL": graph.url})
    assert "no Azure credential gave a token" in str(error)
    assert "az login" in str(error)
    assert "\n" not in str(error)
    assert azure_identity.closed == 1
    assert not graph.seen


# --------------------------------------------------------------------------- proxy and TLS


def test_a_proxy_is_used_and_no_proxy_bypasses_it(graph: FakeGraph) -> None:
    with http_server({}, proxy=True) as proxy:
        proxy_url = f"http://127.0.0.1:{proxy.port}"
        assert len(read(graph, environ=env(graph, HTTP_PROXY=proxy_url))) == len(graph.users)
        assert len(proxy.proxied) == 3
        assert len(read(graph, proxy=proxy_url)) == len(graph.users)
        assert len(proxy.proxied) == 6
        read(graph, environ=env(graph, HTTP_PROXY=proxy_url, NO_PROXY="127.0.0.1"))
        assert len(proxy.proxied) == 6


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_graph(ca: trustme.CA) -> Iterator[FakeGraph]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with fake_graph([make_user(1)], tls=context) as server:
        yield server


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "inspection-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def test_an_untrusted_certificate_is_could_not_check(tls_graph: FakeGraph) -> None:
    error = error_of(tls_graph)
    assert isinstance(error, GraphUnavailable)
    assert "--ca-bundle" in str(error)


def test_ca_bundle_and_ssl_cert_file_are_honoured(tls_graph: FakeGraph, ca_file: Path) -> None:
    assert len(read(tls_graph, ca_bundle=str(ca_file))) == 1
    assert len(read(tls_graph, environ=env(tls_graph, SSL_CERT_FILE=str(ca_file)))) == 1


def test_a_missing_ca_bundle_is_input_error(tls_graph: FakeGraph, tmp_path: Path) -> None:
    error = error_of(tls_graph, ca_bundle=str(tmp_path / "none.pem"))
    assert "CA bundle not found" in str(error)
    assert not tls_graph.seen
