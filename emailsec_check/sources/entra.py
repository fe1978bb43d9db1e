"""Expected identities read live from Microsoft Entra ID through Microsoft Graph.

EXPECTED may be ``entra:`` (every user of the tenant) or ``entra:group/<object id or
display name>`` (the group's transitive members that are users). This module turns
that text into an ``EntraSpec``, finds a token, and hands back the users as plain
records with Graph's field names; it never judges them (the identities checks do).

Credentials: ``EMAILSEC_CHECK_GRAPH_TOKEN`` (a bearer token) when set, otherwise
azure-identity's ``DefaultAzureCredential`` (environment variables, workload or
managed identity, Azure CLI sign-in), imported only here and only then; it is the
optional extra ``emailsec-check[entra]``. The token is never part of a message.

Permissions (application): ``User.Read.All`` for the tenant's users;
``GroupMember.Read.All`` to list a group's members, plus ``User.Read.All`` for their
properties (without it Graph returns members as bare ids).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Optional

from emailsec_check.entries import ENTRA_PREFIX, is_entra_spec
from emailsec_check.errors import InputError
from emailsec_check.net.settings import NetSettings
from emailsec_check.record import Record
from emailsec_check.rules.redact import redact
from emailsec_check.rules.text import one_line

if TYPE_CHECKING:  # the network layer (httpx) loads only when Entra ID is read
    from emailsec_check.net.graph import GraphClient, GraphError

__all__ = [
    "ENTRA_EXTRA",
    "ENTRA_PREFIX",
    "TOKEN_VARIABLE",
    "USER_FIELDS",
    "EntraSpec",
    "graph_token",
    "is_entra_spec",
    "iter_entra_users",
    "parse_entra_spec",
    "read_entra_users",
]

TOKEN_VARIABLE = "EMAILSEC_CHECK_GRAPH_TOKEN"  # noqa: S105 (a variable name, not a secret)
ENTRA_EXTRA = "pip install 'emailsec-check[entra]'"
#: What the identities checks need of a user, in Graph's names ($select).
USER_FIELDS = (
    "id",
    "userPrincipalName",
    "mail",
    "otherMails",
    "proxyAddresses",
    "givenName",
    "surname",
    "accountEnabled",
    "userType",
    "creationType",
    "createdDateTime",
    "displayName",
)
_FIELD_SET = frozenset(USER_FIELDS)
_LIST_FIELDS = ("otherMails", "proxyAddresses")
#: The largest page Graph gives for users.
PAGE_SIZE = 999
#: Entra ID caps a group's display name at 256 characters.
MAX_GROUP_NAME = 256
_OBJECT_ID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_USAGE = "use 'entra:' (every user of the tenant) or 'entra:group/<object id or display name>'"

_GRANT = (
    "grant it to the application whose token this is: Entra admin center > App registrations "
    "> the app > API permissions > Add a permission > Microsoft Graph > Application "
    "permissions > {permission}, then 'Grant admin consent' (for a managed identity, assign "
    "the app role with New-MgServicePrincipalAppRoleAssignment); with a user's token "
    "(az login) the user needs a directory role that may read {things}"
)


class EntraSpec(Record):
    """Which users to read: the whole tenant (``group`` None) or one group's members."""

    __slots__ = ("group",)

    group: Final[Optional[str]]

    def __init__(self, group: Optional[str] = None) -> None:
        self.group = group

    @property
    def group_is_id(self) -> bool:
        """The group was given by object id (a GUID) rather than by display name."""
        return self.group is not None and _OBJECT_ID.fullmatch(self.group) is not None

    def describe(self) -> str:
        if self.group is None:
            return "every user of the Entra ID tenant"
        return f"the members of the Entra ID group {one_line(self.group)!r}"


def parse_entra_spec(
    text: str, *, path: Optional[str] = None, key: Optional[str] = None
) -> EntraSpec:
    """``entra:`` or ``entra:group/<id or name>`` as an EntraSpec; InputError otherwise.

    ``path`` and ``key`` (a config file and its key) say where the text came from.
    """
    shown = one_line(redact(text.strip()))[:120]
    rest = text.strip()[len(ENTRA_PREFIX) :]
    kind, slash, name = rest.partition("/")
    name = name.strip()
    if not is_entra_spec(text) or (rest.strip() and kind.strip().lower() != "group"):
        why = f"is not an Entra ID source: {_USAGE}"
    elif not rest.strip():
        return EntraSpec(None)
    elif not slash or not name:
        why = "names no group: give its object id or display name after 'group/'"
    elif not name.isprintable():
        why = "has control characters in the group's name"
    elif len(name) > MAX_GROUP_NAME:
        why = f"names a group longer than {MAX_GROUP_NAME} characters"
    else:
        return EntraSpec(name)
    raise InputError(f"{shown!r} {why}", path=path, key=key)


# --------------------------------------------------------------------------- credentials


def graph_token(environ: Mapping[str, str], scope: str) -> str:
    """``EMAILSEC_CHECK_GRAPH_TOKEN``, else a token from DefaultAzureCredential for ``scope``."""
    raw = environ.get(TOKEN_VARIABLE, "").strip()
    if raw:
        token = raw[7:].strip() if raw[:7].lower() == "bearer " else raw
        if not token or not all(33 <= ord(char) <= 126 for char in token):
            raise InputError(
                f"{TOKEN_VARIABLE} is not a bearer token (it has spaces, control or non-ASCII "
                "characters); set it to the access token alone, e.g. the output of `az account "
                "get-access-token --resource-type ms-graph --query accessToken -o tsv`"
            )
        return token
    return _credential_token(scope)


def _credential_token(scope: str) -> str:
    try:
        # Optional and slow to import: only when Entra ID is read without a token.
        identity = importlib.import_module("azure.identity")
    except ImportError:
        raise InputError(
            f"reading Entra ID without {TOKEN_VARIABLE} needs the azure-identity package: "
            f"{ENTRA_EXTRA} (or set {TOKEN_VARIABLE} to a Microsoft Graph access token)"
        ) from None
    credential = identity.DefaultAzureCredential()
    try:
        token = credential.get_token(scope).token
    except Exception as error:  # azure-identity has several error kinds, all "no token"
        why = one_line(redact(str(error)))[:400] or type(error).__name__
        raise InputError(
            f"no Azure credential gave a token for {scope}: {why}. Sign in with `az login`, "
            "set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (an app registration), "
            f"run with a managed identity, or set {TOKEN_VARIABLE}"
        ) from None
    finally:
        close = getattr(credential, "close", None)
        if callable(close):
            close()
    if not isinstance(token, str) or not token:
        raise InputError(f"DefaultAzureCredential gave no token for {scope}; set {TOKEN_VARIABLE}")
    return token


# --------------------------------------------------------------------------- reading


def read_entra_users(
    spec: EntraSpec,
    *,
    settings: NetSettings,
    environ: Mapping[str, str],
    graph_url: Optional[str] = None,
    deadline: Optional[float] = None,
) -> list[dict[str, Any]]:
    """Every user ``spec`` names, as records keyed by Graph's field names (``USER_FIELDS``).

    ``graph_url`` (config ``graph_url``) wins over ``EMAILSEC_CHECK_GRAPH_URL``;
    ``deadline`` is a ``time.monotonic()`` instant the whole read must end by. Errors are
    InputError (``net.graph.GraphUnavailable`` when Graph could not be asked at all).
    """
    return list(
        iter_entra_users(
            spec, settings=settings, environ=environ, graph_url=graph_url, deadline=deadline
        )
    )


def iter_entra_users(
    spec: EntraSpec,
    *,
    settings: NetSettings,
    environ: Mapping[str, str],
    graph_url: Optional[str] = None,
    deadline: Optional[float] = None,
) -> Iterator[dict[str, Any]]:
    """``read_entra_users`` a page at a time (nothing is asked until the first item)."""
    from emailsec_check.net.graph import (
        DEFAULT_GRAPH_URL,
        GRAPH_URL_VARIABLE,
        GraphClient,
        graph_root,
        graph_scope,
    )

    if graph_url and graph_url.strip():
        root = graph_root(graph_url, source="graph_url")
    else:
        root = graph_root(environ.get(GRAPH_URL_VARIABLE) or DEFAULT_GRAPH_URL)
    token = graph_token(environ, graph_scope(root))
    with GraphClient(root, token, settings=settings, environ=environ, deadline=deadline) as client:
        if spec.group is None:
            yield from _tenant_users(client)
        else:
            yield from _group_users(client, spec.group)


def _select() -> list[tuple[str, str]]:
    return [("$select", ",".join(USER_FIELDS)), ("$top", str(PAGE_SIZE))]


def _tenant_users(client: GraphClient) -> Iterator[dict[str, Any]]:
    from emailsec_check.net.graph import GraphError

    try:
        pages = client.pages("/v1.0/users", _select(), what="the tenant's users")
        yield from _records(pages, "User.Read.All")
    except GraphError as error:
        raise _denied(error, "User.Read.All", "users") from None


def _group_users(client: GraphClient, group: str) -> Iterator[dict[str, Any]]:
    from emailsec_check.net.graph import GraphError

    shown = one_line(group)
    try:
        if _OBJECT_ID.fullmatch(group):
            group_id = group.lower()
        else:
            group_id = _group_id_by_name(client, group)
        # An OData cast on transitiveMembers is an advanced query: ConsistencyLevel
        # eventual and $count=true, or Graph refuses it.
        pages = client.pages(
            f"/v1.0/groups/{group_id}/transitiveMembers/microsoft.graph.user",
            [*_select(), ("$count", "true")],
            what=f"the members of the group {shown!r}",
            headers={"ConsistencyLevel": "eventual"},
        )
        yield from _records(pages, "GroupMember.Read.All and User.Read.All", unique=True)
    except GraphError as error:
        if error.status == 404 and _OBJECT_ID.fullmatch(group):
            raise InputError(
                f"Entra ID has no group with the object id {shown} (Graph answered 404); "
                "copy the id from Entra admin center > Groups, or give the group's display name"
            ) from None
        raise _denied(error, "GroupMember.Read.All", "groups and their members") from None


def _group_id_by_name(client: GraphClient, name: str) -> str:
    """The object id of the one group with this display name (Graph compares ignoring case)."""
    shown = one_line(name)
    literal = name.replace("'", "''")
    query = [
        ("$filter", f"displayName eq '{literal}'"),
        ("$select", "id,displayName"),
        ("$top", str(PAGE_SIZE)),
    ]
    found: list[str] = []
    for page in client.pages("/v1.0/groups", query, what=f"the groups named {shown!r}"):
        found.extend(str(item["id"]) for item in page if isinstance(item, dict) and item.get("id"))
    if not found:
        raise InputError(
            f"Entra ID has no group named {shown!r}: check the spelling in Entra admin center "
            "> Groups, or give the group's object id (entra:group/<object id>)"
        )
    if len(found) > 1:
        ids = ", ".join(one_line(item)[:40] for item in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise InputError(
            f"{len(found)} Entra ID groups are named {shown!r} ({ids}{more}): "
            "give the object id of the one meant, as entra:group/<object id>"
        )
    return found[0]


def _denied(error: GraphError, permission: str, things: str) -> GraphError:
    """A 401/403 from Graph as the permission to grant; other errors unchanged."""
    status = error.status
    if status == 403:
        return type(error)(
            f"{error} — the application permission {permission} is missing; "
            + _GRANT.format(permission=permission, things=things),
            status=status,
            code=error.code,
            request_id=error.request_id,
        )
    if status == 401:
        return type(error)(
            f"{error} — the token was not accepted: it has expired, or was issued for another "
            f"resource, tenant or cloud. Get a new one (`az account get-access-token "
            f"--resource-type ms-graph`) or unset {TOKEN_VARIABLE} to use DefaultAzureCredential; "
            f"the application needs {permission}",
            status=status,
            code=error.code,
            request_id=error.request_id,
        )
    return error


def _records(
    pages: Iterable[list[Any]], permission: str, *, unique: bool = False
) -> Iterator[dict[str, Any]]:
    """Graph's user objects as records: every field present, lists never null."""
    seen: set[str] = set()
    for page in pages:
        for item in page:
            if not isinstance(item, dict):
                continue
            item.pop("@odata.type", None)
            if item.keys() != _FIELD_SET:
                item = {field: item.get(field) for field in USER_FIELDS}
            if not isinstance(item["userPrincipalName"], str):
                raise InputError(
                    "Microsoft Graph returned users without their properties (only ids): the "
                    f"application needs {permission}; "
                    + _GRANT.format(permission="User.Read.All", things="users")
                )
            if unique:
                if item["id"] in seen:
                    continue
                seen.add(item["id"])
            for field in _LIST_FIELDS:
                if not isinstance(item[field], list):
                    item[field] = []
            yield item
