"""Network settings shared by every area that waits on the network (standard library only)."""

from typing import NamedTuple, Optional

__all__ = ["DEFAULT_CONCURRENCY", "DEFAULT_DEADLINE", "DEFAULT_TIMEOUT", "NetSettings"]

#: The bound for one whole look-up or request (``--timeout``), in seconds: the one default.
DEFAULT_TIMEOUT = 10.0
#: The bound for a whole command that uses the network (``--deadline``), in seconds.
DEFAULT_DEADLINE = 120.0
#: How many DNS look-ups may be in flight at once.
DEFAULT_CONCURRENCY = 20


class NetSettings(NamedTuple):
    """What ``--timeout``, ``--nameserver``, ``--ca-bundle``, ``--proxy``, ``--retries`` said."""

    timeout: float = DEFAULT_TIMEOUT
    nameservers: tuple[str, ...] = ()
    ca_bundle: Optional[str] = None
    #: The proxy for https:// pages (and for http:// ones unless ``http_proxy`` is set);
    #: "" means go direct. ``net.http.apply_environment`` fills it from HTTPS_PROXY.
    proxy: Optional[str] = None
    retries: int = 0
    #: Look-ups or requests in flight at once.
    concurrency: int = DEFAULT_CONCURRENCY
    #: The proxy for plain http:// pages (HTTP_PROXY); None: the same as ``proxy``.
    http_proxy: Optional[str] = None
    #: Hosts and domains reached without a proxy (NO_PROXY entries).
    no_proxy: tuple[str, ...] = ()
