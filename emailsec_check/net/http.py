"""HTTP probes with httpx, in one import: the public names of the ``net`` HTTP modules.

The work is split by job; this module gathers their public names so callers keep one
import path:

- ``net/facts.py``: what a probe found (``Fetched``, ``Failure``, ``Phase``, ``Problem``)
  and the ``PageFetcher`` / ``AddressResolver`` protocols (no httpx);
- ``net/proxy.py``: ``--proxy`` and the proxy variables (``apply_environment``,
  ``parse_proxy``, ``bypasses_proxy``); ``net/tls.py``: ``make_ssl_context``;
- ``net/retry.py``: ``retry_after_seconds`` and the answers worth a retry (stdlib only);
- ``net/trace.py`` and ``net/transport.py``: the traced connection layer under httpx;
- ``net/prober.py``: ``HttpProber`` (one GET, bounded end to end) and ``make_prober``.

Nothing here decides what a result means: ``Fetched`` carries facts and the checks
judge them.
"""

from __future__ import annotations

from emailsec_check.net.facts import (
    MAX_BODY_BYTES,
    MAX_REDIRECTS,
    USER_AGENT,
    AddressResolver,
    Failure,
    Fetched,
    PageFetcher,
    Phase,
    Problem,
)
from emailsec_check.net.prober import HttpProber, make_prober
from emailsec_check.net.proxy import ProxyRoute, apply_environment, bypasses_proxy, parse_proxy
from emailsec_check.net.retry import RETRY_STATUSES, retry_after_seconds
from emailsec_check.net.tls import make_ssl_context

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_REDIRECTS",
    "RETRY_STATUSES",
    "USER_AGENT",
    "AddressResolver",
    "Failure",
    "Fetched",
    "HttpProber",
    "PageFetcher",
    "Phase",
    "Problem",
    "ProxyRoute",
    "apply_environment",
    "bypasses_proxy",
    "make_prober",
    "make_ssl_context",
    "parse_proxy",
    "retry_after_seconds",
]
