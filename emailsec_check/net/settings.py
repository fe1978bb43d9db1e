"""Network settings shared by every area that waits on the network (standard library only)."""

from __future__ import annotations

from typing import Final, Optional

from emailsec_check.record import Record

__all__ = ["DEFAULT_CONCURRENCY", "DEFAULT_DEADLINE", "DEFAULT_TIMEOUT", "NetSettings"]

#: The bound for one whole look-up or request (``--timeout``), in seconds: the one default.
DEFAULT_TIMEOUT = 10.0
#: The bound for a whole command that uses the network (``--deadline``), in seconds.
DEFAULT_DEADLINE = 120.0
#: How many DNS look-ups may be in flight at once.
DEFAULT_CONCURRENCY = 20


class NetSettings(Record):
    """What ``--timeout``, ``--nameserver``, ``--ca-bundle``, ``--proxy``, ``--retries`` said."""

    __slots__ = (
        "timeout",
        "nameservers",
        "ca_bundle",
        "proxy",
        "retries",
        "concurrency",
        "http_proxy",
        "no_proxy",
    )

    timeout: Final[float]
    nameservers: Final[tuple[str, ...]]
    ca_bundle: Final[Optional[str]]
    #: The proxy for https:// pages (and for http:// ones unless ``http_proxy`` is set);
    #: "" means go direct. ``net.http.apply_environment`` fills it from HTTPS_PROXY.
    proxy: Final[Optional[str]]
    retries: Final[int]
    #: Look-ups or requests in flight at once.
    concurrency: Final[int]
    #: The proxy for plain http:// pages (HTTP_PROXY); None: the same as ``proxy``.
    http_proxy: Final[Optional[str]]
    #: Hosts and domains reached without a proxy (NO_PROXY entries).
    no_proxy: Final[tuple[str, ...]]

    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT,
        nameservers: tuple[str, ...] = (),
        ca_bundle: Optional[str] = None,
        proxy: Optional[str] = None,
        retries: int = 0,
        concurrency: int = DEFAULT_CONCURRENCY,
        http_proxy: Optional[str] = None,
        no_proxy: tuple[str, ...] = (),
    ) -> None:
        self.timeout = timeout
        self.nameservers = nameservers
        self.ca_bundle = ca_bundle
        self.proxy = proxy
        self.retries = retries
        self.concurrency = concurrency
        self.http_proxy = http_proxy
        self.no_proxy = no_proxy
