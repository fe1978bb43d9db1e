"""Which proxy a request goes through: ``--proxy`` and the usual environment variables.

``apply_environment`` fills what the options left open from ``HTTPS_PROXY``,
``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY`` and ``SSL_CERT_FILE`` (checked, so a bad value is
an input error at once); ``bypasses_proxy`` applies ``NO_PROXY`` as curl does.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

import httpx

from emailsec_check.errors import InputError
from emailsec_check.net.settings import NetSettings
from emailsec_check.rules.redact import redact

__all__ = ["ProxyRoute", "apply_environment", "bypasses_proxy", "parse_proxy"]


@dataclass(frozen=True)
class ProxyRoute:
    """A proxy to send requests through; ``display`` never shows a password."""

    url: str
    auth: Optional[tuple[str, str]]
    display: str


def parse_proxy(value: str, source: str) -> Optional[ProxyRoute]:
    """An http(s) proxy URL (scheme optional) as a route; "" or "none" means no proxy."""
    text = value.strip()
    if text.lower() in ("", "none", "direct"):
        return None
    if "://" not in text:
        text = f"http://{text}"
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise InputError(f"{source}: {redact(value)!r} is not a proxy URL") from None
    if url.scheme not in ("http", "https"):
        raise InputError(
            f"{source}: {url.scheme}:// proxies are not supported; give an http:// proxy URL"
        )
    if not url.host:
        raise InputError(f"{source}: {redact(value)!r} names no proxy host")
    auth = (url.username, url.password) if url.username else None
    bare = url.copy_with(username=None, password=None)
    return ProxyRoute(str(bare), auth, str(bare).rstrip("/"))


def apply_environment(settings: NetSettings, environ: Mapping[str, str]) -> NetSettings:
    """Fill what the options left open from the usual variables, checked.

    ``HTTPS_PROXY`` (https URLs), ``HTTP_PROXY`` (http URLs), ``ALL_PROXY`` (both),
    ``NO_PROXY`` (hosts reached directly) and ``SSL_CERT_FILE`` (a CA bundle), each
    also in lower case. ``--proxy`` wins over the variables for every URL; ``NO_PROXY``
    still applies to it, as in curl. The CLI passes ``os.environ``; checks never read it.
    """

    def env(*names: str) -> Optional[str]:
        for name in names:
            for key in (name, name.lower()):
                value = environ.get(key)
                if value is not None and value.strip():
                    return value.strip()
        return None

    proxy, http_proxy = settings.proxy, settings.http_proxy
    if proxy is not None:
        parse_proxy(proxy, "--proxy")
    else:
        proxy = env("HTTPS_PROXY", "ALL_PROXY")
        http_proxy = env("HTTP_PROXY", "ALL_PROXY")
        if proxy is not None:
            parse_proxy(proxy, "HTTPS_PROXY")
        if http_proxy is not None:
            parse_proxy(http_proxy, "HTTP_PROXY")
        proxy = proxy if proxy is not None else ("" if http_proxy is not None else None)
    no_proxy = settings.no_proxy
    if not no_proxy:
        no_proxy = tuple(
            item.strip() for item in (env("NO_PROXY") or "").split(",") if item.strip()
        )
    ca_bundle = settings.ca_bundle or env("SSL_CERT_FILE")
    return settings.replace(
        proxy=proxy, http_proxy=http_proxy, no_proxy=no_proxy, ca_bundle=ca_bundle
    )


def bypasses_proxy(host: str, no_proxy: Iterable[str]) -> bool:
    """Whether NO_PROXY lists ``host`` (``*``, a domain and its subdomains, an IP or CIDR)."""
    host = host.lower().strip("[]").rstrip(".")
    for raw in no_proxy:
        entry = raw.strip().lower()
        if entry == "*":
            return True
        if entry.startswith("[") or entry.count(":") > 1:
            entry = entry.strip("[]")
        elif ":" in entry:
            entry = entry.partition(":")[0]
        entry = entry.lstrip(".").rstrip(".")
        if not entry:
            continue
        if host == entry or host.endswith("." + entry):
            return True
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False
