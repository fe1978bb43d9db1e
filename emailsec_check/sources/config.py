"""The ``run`` config file: what to check, found and validated.

Found as the argument / ``--config``, then ``EMAILSEC_CHECK_CONFIG``, then
``./emailsec-check.toml``, then ``$XDG_CONFIG_HOME/emailsec-check/config.toml``.
Paths inside it are relative to the config file. Errors name file, line and key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from emailsec_check.errors import InputError
from emailsec_check.tomltable import Table, read_toml_file

ENV_CONFIG = "EMAILSEC_CHECK_CONFIG"
LOCAL_NAME = "emailsec-check.toml"


@dataclass(frozen=True)
class DatacenterEntry:
    url: str
    expect: Optional[str] = None


@dataclass(frozen=True)
class IdentitiesEntry:
    configured: Path
    expected: Path
    product: Optional[str] = None
    dns: bool = True
    name: str = ""
    redact: bool = False
    #: Count activation days up to this date (as --as-of), not today.
    as_of: Optional[str] = None


@dataclass(frozen=True)
class RequestEntry:
    file: Path
    kind: Optional[str] = None


@dataclass(frozen=True)
class RunConfig:
    """Everything one ``run`` checks, with its settings."""

    source: Optional[Path] = None
    #: None: every bundled product with a status page; () : no status checks.
    status_products: Optional[tuple[str, ...]] = None
    status_urls: tuple[str, ...] = ()
    status_enabled: bool = True
    datacenter: tuple[DatacenterEntry, ...] = ()
    identities: tuple[IdentitiesEntry, ...] = ()
    requests: tuple[RequestEntry, ...] = ()
    profiles_dirs: tuple[str, ...] = ()
    timeout: Optional[float] = None
    #: None: the command's default (options.DEFAULT_DEADLINE).
    deadline: Optional[float] = None
    nameservers: tuple[str, ...] = ()
    ca_bundle: Optional[str] = None
    proxy: Optional[str] = None
    retries: int = 0
    strict: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)

    def input_files(self) -> list[Path]:
        """Every file this config reads (``--output`` must not replace one of them)."""
        files = [path for entry in self.identities for path in (entry.configured, entry.expected)]
        files += [entry.file for entry in self.requests]
        return files


def find_config(
    given: Optional[Path], environ: Optional[Mapping[str, str]] = None, cwd: Optional[Path] = None
) -> Optional[Path]:
    """The config file to use, or None when there is none anywhere (``run``'s built-in default)."""
    env = os.environ if environ is None else environ
    if given is not None:
        if not given.is_file():
            raise InputError("config file not found", path=given)
        return given
    from_env = env.get(ENV_CONFIG, "").strip()
    if from_env:
        path = Path(from_env)
        if not path.is_file():
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
        "nameservers": settings.strings("nameservers"),
        "ca_bundle": _path_text(settings.text("ca_bundle"), base),
        "proxy": settings.text("proxy") or None,
        "retries": settings.number("retries", 0) or 0,
        "strict": settings.flag("strict"),
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
    status_enabled = True
    if status is not None:
        status_enabled = status.flag("enabled", True)
        if "products" in status.data:
            status_products = status.strings("products")
        status_urls = status.strings("urls")
        status.done()

    datacenter = top.tables(
        "datacenter",
        lambda t: DatacenterEntry(
            url=t.text("url", required=True), expect=t.text("expect") or None
        ),
    )
    identities = top.tables("identities", lambda t: _identities(t, base))
    requests = top.tables(
        "requests",
        lambda t: RequestEntry(file=_required_path(t, "file", base), kind=t.text("kind") or None),
    )
    top.done()
    return RunConfig(
        source=path,
        status_products=status_products,
        status_urls=status_urls,
        status_enabled=status_enabled,
        datacenter=datacenter,
        identities=identities,
        requests=requests,
        profiles_dirs=profiles_dirs,
        timeout=timeout,
        deadline=deadline,
        **config_kwargs,  # type: ignore[arg-type]
    )


def _identities(table: Table, base: Path) -> IdentitiesEntry:
    return IdentitiesEntry(
        configured=_required_path(table, "configured", base),
        expected=_required_path(table, "expected", base),
        product=table.text("product") or None,
        dns=table.flag("dns", True),
        name=table.text("name"),
        redact=table.flag("redact"),
        as_of=_date_text(table, "as_of"),
    )


def _required_path(table: Table, name: str, base: Path) -> Path:
    value = table.text(name, required=True)
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _path_text(value: str, base: Path) -> Optional[str]:
    if not value:
        return None
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else base / path)


def _date_text(table: Table, name: str) -> Optional[str]:
    """A date as TOML writes it (2026-03-01) or as text; checked by the identities reader."""
    table.seen.add(name)
    value = table.data.get(name)
    if value is None:
        return None
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        raise table.where.error(table.key(name), "must be a date such as 2026-03-01")
    return value


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
