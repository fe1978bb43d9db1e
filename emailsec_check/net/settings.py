"""Network settings shared by every area that waits on the network (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetSettings:
    """What ``--timeout``, ``--nameserver``, ``--ca-bundle``, ``--proxy``, ``--retries`` said."""

    timeout: float = 10.0
    nameservers: tuple[str, ...] = ()
    ca_bundle: str | None = None
    proxy: str | None = None
    retries: int = 0
    #: Look-ups or requests in flight at once.
    concurrency: int = 20
