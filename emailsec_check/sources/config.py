"""The ``run`` config file: what to check, found and validated.

Found as the argument / ``--config``, then ``EMAILSEC_CHECK_CONFIG``, then
``./emailsec-check.toml``, then ``$XDG_CONFIG_HOME/emailsec-check/config.toml``.
Paths inside it are relative to the config file. Errors name file, line and key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Final, Optional, Union

from emailsec_check.entries import DatacenterEntry, IdentitiesEntry, RequestEntry
from emailsec_check.errors import InputError
from emailsec_check.record import Record
from emailsec_check.rules.dates import parse_when
from emailsec_check.tomltable import Table, Where, read_toml_file

ENV_CONFIG = "EMAILSEC_CHECK_CONFIG"
LOCAL_NAME = "emailsec-check.toml"


class RunConfig(Record):
    """Everything one ``run`` checks, with its settings."""

    __slots__ = (
        "source",
        "status_products",
        "status_urls",
        "status_enabled",
        "status_regions",
        "status_name",
        "datacenter",
        "identities",
        "requests",
        "profiles_dirs",
        "timeout",
        "deadline",
        "nameservers",
        "ca_bundle",
        "proxy",
        "retries",
        "strict",
        "select",
        "ignore",
        "fail_on_skip",
        "state",
        "graph_url",
        "where",
    )

    source: Final[Optional[Path]]
    #: None: every bundled product with a status page; () : no status checks.
    status_products: Final[Optional[tuple[str, ...]]]
    status_urls: Final[tuple[str, ...]]
    #: With a config file, only a ``[status]`` table asks for status pages; with none at
    #: all (``RunConfig()``), every bundled page is checked.
    status_enabled: Final[bool]
    #: Regions whose status-page components are judged (``[status] regions``).
    status_regions: Final[tuple[str, ...]]
    status_name: Final[str]
    datacenter: Final[tuple[DatacenterEntry, ...]]
    identities: Final[tuple[IdentitiesEntry, ...]]
    requests: Final[tuple[RequestEntry, ...]]
    profiles_dirs: Final[tuple[str, ...]]
    timeout: Final[Optional[float]]
    #: None: the command's default (net.settings.DEFAULT_DEADLINE).
    deadline: Final[Optional[float]]
    nameservers: Final[tuple[str, ...]]
    ca_bundle: Final[Optional[str]]
    proxy: Final[Optional[str]]
    retries: Final[int]
    strict: Final[bool]
    select: Final[tuple[str, ...]]
    ignore: Final[tuple[str, ...]]
    fail_on_skip: Final[bool]
    #: The state file of change reports (``--state``).
    state: Final[Optional[Path]]
    #: Microsoft Graph's root for ``entra:`` sources (sovereign clouds).
    graph_url: Final[Optional[str]]
    #: Where each key is written, for errors that name the line.
    where: Final[Optional[Where]]

    def __init__(
        self,
        source: Optional[Path] = None,
        status_products: Optional[tuple[str, ...]] = None,
        status_urls: tuple[str, ...] = (),
        status_enabled: bool = True,
        status_regions: tuple[str, ...] = (),
        status_name: str = "",
        datacenter: tuple[DatacenterEntry, ...] = (),
        identities: tuple[IdentitiesEntry, ...] = (),
        requests: tuple[RequestEntry, ...] = (),
        profiles_dirs: tuple[str, ...] = (),
        timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        nameservers: tuple[str, ...] = (),
        ca_bundle: Optional[str] = None,
        proxy: Optional[str] = None,
        retries: int = 0,
        strict: bool = False,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        fail_on_skip: bool = False,
        state: Optional[Path] = None,
        graph_url: Optional[str] = None,
        where: Optional[Where] = None,
    ) -> None:
        self.source = source
        self.status_products = status_products
        self.status_urls = status_urls
        self.status_enabled = status_enabled
        self.status_regions = status_regions
        self.status_name = status_name
        self.datacenter = datacenter
        self.identities = identities
        self.requests = requests
        self.profiles_dirs = profiles_dirs
        self.timeout = timeout
        self.deadline = deadline
        self.nameservers = nameservers
        self.ca_bundle = ca_bundle
        self.proxy = proxy
        self.retries = retries
        self.strict = strict
        self.select = select
        self.ignore = ignore
        self.fail_on_skip = fail_on_skip
        self.state = state
        self.graph_url = graph_url
        self.where = where

    def error(self, key: str, message: str) -> InputError:
        """An error about ``key`` of this config, naming file and line."""
        if self.where is None:
            return InputError(message, path=self.source, key=key or None)
        return self.where.error(key, message)

    def input_files(self) -> list[Path]:
        """Every file this config reads (``--output`` must not replace one of them)."""
        files: list[Path] = []
        for entry in self.identities:
            files.append(entry.configured)
            if isinstance(entry.expected, Path):
                files.append(entry.expected)
        files += [entry.file for entry in self.requests]
        return files


def find_config(
    given: Optional[Path], environ: Optional[Mapping[str, str]] = None, cwd: Optional[Path] = None
) -> Optional[Path]:
    """The config file to use, or None when there is none anywhere (``run``'s built-in default)."""
    env = os.environ if environ is None else environ
    # A named file that exists is read as it is: a folder, pipe or device is then an
    # error that says so (sources.files), not a misleading "not found".
    if given is not None:
        if not given.exists():
            raise InputError("config file not found", path=given)
        return given
    from_env = env.get(ENV_CONFIG, "").strip()
    if from_env:
        path = Path(from_env)
        if not path.exists():
            raise InputError(f"config file named by {ENV_CONFIG} not found", path=path)
        return path
    local = (cwd or Path.cwd()) / LOCAL_NAME
    if local.is_file():
        return local
    xdg = env.get("XDG_CONFIG_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME", "~")).expanduser() / ".config"
    user = base / "emailsec-check" / "config.toml"
    return user if user.is_file() else None


def load_config(path: Path) -> RunConfig:
    data, where = read_toml_file(path, what="config file")
    base = path.parent  # relative paths stay relative, so reports name them as the user does
    top = Table(data, "", where)

    settings = top.sub("settings") or Table({}, "settings", where)
    timeout = _seconds(settings, "timeout")
    deadline = _seconds(settings, "deadline")
    config_kwargs = {
        "nameservers": _nameservers(settings),
        "ca_bundle": _path_text(settings.text("ca_bundle"), base),
        "proxy": _proxy(settings),
        "retries": settings.number("retries", 0) or 0,
        "strict": settings.flag("strict"),
        "fail_on_skip": settings.flag("fail_on_skip"),
        "state": _optional_path(settings.text("state"), base),
        "graph_url": settings.text("graph_url") or None,
        "select": _check_ids(settings, "select"),
        "ignore": _check_ids(settings, "ignore"),
    }
    profiles_dirs = tuple(
        _path_text(item, base) or item for item in settings.strings("profiles_dirs")
    )
    settings.done()

    status = top.sub("status")
    status_products: Optional[tuple[str, ...]] = None
    status_urls: tuple[str, ...] = ()
    status_regions: tuple[str, ...] = ()
    status_name = ""
    status_enabled = status is not None  # a config asks for status pages with [status]
    if status is not None:
        status_enabled = status.flag("enabled", True)
        if "products" in status.data:
            status_products = status.strings("products")
        status_urls = status.strings("urls")
        status_regions = status.strings("regions")
        status_name = status.text("name")
        status.done()

    datacenter = top.tables(
        "datacenter",
        lambda t: DatacenterEntry(
            url=t.text("url", required=True),
            expect=t.text("expect") or None,
            name=t.text("name"),
            key=t.prefix,
        ),
    )
    identities = top.tables("identities", lambda t: _identities(t, base))
    requests = top.tables(
        "requests",
        lambda t: RequestEntry(
            file=_required_path(t, "file", base),
            kind=t.text("kind") or None,
            name=t.text("name"),
            key=t.prefix,
        ),
    )
    top.done()
    return RunConfig(
        source=path,
        status_products=status_products,
        status_urls=status_urls,
        status_enabled=status_enabled,
        status_regions=status_regions,
        status_name=status_name,
        datacenter=datacenter,
        identities=identities,
        requests=requests,
        profiles_dirs=profiles_dirs,
        timeout=timeout,
        deadline=deadline,
        where=where,
        **config_kwargs,  # type: ignore[arg-type]
    )


def _nameservers(table: Table) -> tuple[str, ...]:
    """``nameservers``, each checked here so a bad one names this file and line."""
    from emailsec_check.net.dns import parse_nameserver

    servers = table.strings("nameservers")
    for server in servers:
        try:
            parse_nameserver(server, option="nameservers")
        except InputError as error:
            raise table.where.error(table.key("nameservers"), error.message) from None
    return servers


def _proxy(table: Table) -> Optional[str]:
    """``proxy``, checked here so a bad one names this file and line (never its password)."""
    from emailsec_check.net.proxy import parse_proxy

    value = table.text("proxy")
    if not value:
        return None
    try:
        parse_proxy(value, "proxy")
    except InputError as error:
        raise table.where.error(table.key("proxy"), error.message) from None
    return value


def _identities(table: Table, base: Path) -> IdentitiesEntry:
    expected_text = table.text("expected", required=True)
    expected: Union[Path, str]
    if expected_text.strip().lower().startswith("entra:"):
        expected = expected_text.strip()  # a live source, read through Microsoft Graph
    else:
        expected = _required_path(table, "expected", base)
    return IdentitiesEntry(
        configured=_required_path(table, "configured", base),
        expected=expected,
        product=table.text("product") or None,
        dns=table.flag("dns", True),
        name=table.text("name"),
        redact=table.flag("redact"),
        as_of=_date(table, "as_of"),
        coverage=table.flag("coverage"),
        login_column=table.text("login_column") or None,
        expected_column=table.text("expected_column") or None,
        key=table.prefix,
    )


def _required_path(table: Table, name: str, base: Path) -> Path:
    value = table.text(name, required=True)
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _optional_path(value: str, base: Path) -> Optional[Path]:
    text = _path_text(value, base)
    return Path(text) if text is not None else None


def _path_text(value: str, base: Path) -> Optional[str]:
    if not value:
        return None
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else base / path)


def _date(table: Table, name: str) -> Optional[date]:
    """A date as TOML writes it (2026-03-01) or as text, read by the one date reader."""
    table.seen.add(name)
    value = table.data.get(name)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    when = parse_when(value) if isinstance(value, str) else None
    if when is None:
        raise table.where.error(table.key(name), f"{value!r} is not a date; write it as 2026-03-01")
    return when.date()


def _check_ids(table: Table, name: str) -> tuple[str, ...]:
    """Check IDs or prefixes; one that matches no check is a typo worth stopping for."""
    from emailsec_check.catalogue import matching

    patterns = table.strings(name)
    for pattern in patterns:
        if not matching([pattern]):
            raise table.where.error(table.key(name), f"{pattern!r} matches no check ID")
    return patterns


def _seconds(table: Table, name: str) -> Optional[float]:
    table.seen.add(name)
    value = table.data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 3600:
        raise table.where.error(
            table.key(name), "must be a number of seconds above 0 (at most 3600)"
        )
    return float(value)
