"""From what to check to results, for work that a command and ``run`` both describe.

The ``identities`` command and a ``run`` config's ``[[identities]]`` block ask for the
same work (an :class:`~emailsec_check.entries.IdentitiesEntry`): read the
product's logins and the expected identities (a file, or Microsoft Entra ID through
Graph), then check them. One function does it for both, so the two cannot drift apart.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Final, Optional, Union

from emailsec_check.record import Record
from emailsec_check.rules.email import Masker

if TYPE_CHECKING:
    from emailsec_check.checks.identities import IdentityOptions
    from emailsec_check.entries import IdentitiesEntry
    from emailsec_check.model import Result
    from emailsec_check.net.settings import NetSettings
    from emailsec_check.profiles import Profile, ProfileSet
    from emailsec_check.sources.identities import Directory, Logins

__all__ = ["IdentitiesRun", "LiveSources", "identities_results", "read_expected_identities"]


class LiveSources(Record):
    """How to reach the network for an identities check: DNS, and ``entra:`` sources.

    ``settings`` is a function: the full network settings (proxy, CA bundle) load the
    HTTP library, which a run that reads two files and makes no request never needs.
    """

    __slots__ = ("nameservers", "timeout", "settings", "environ", "graph_url", "budget")

    nameservers: Final[tuple[str, ...]]
    timeout: Final[float]
    settings: Final[Callable[[], NetSettings]]
    environ: Final[Mapping[str, str]]
    #: Microsoft Graph's root (config ``graph_url``); None: the variable, then the default.
    graph_url: Final[Optional[str]]
    #: Seconds the read may take, from when it starts.
    budget: Final[Optional[float]]

    def __init__(
        self,
        nameservers: tuple[str, ...],
        timeout: float,
        settings: Callable[[], NetSettings],
        environ: Mapping[str, str],
        graph_url: Optional[str] = None,
        budget: Optional[float] = None,
    ) -> None:
        self.nameservers = nameservers
        self.timeout = timeout
        self.settings = settings
        self.environ = environ
        self.graph_url = graph_url
        self.budget = budget


def read_expected_identities(
    expected: Union[Path, str],
    column: Optional[str],
    live: LiveSources,
    *,
    option: str = "--expected-column",
) -> Directory:
    """The expected identities: an export file, or ``entra:`` / ``entra:group/...``."""
    from emailsec_check.entries import is_entra_spec
    from emailsec_check.sources.identities import directory_from_records, read_expected

    if isinstance(expected, str) and is_entra_spec(expected):
        from emailsec_check.sources.entra import parse_entra_spec, read_entra_users

        spec = parse_entra_spec(expected)
        deadline = None if live.budget is None else time.monotonic() + live.budget
        records = read_entra_users(
            spec,
            settings=live.settings(),
            environ=live.environ,
            graph_url=live.graph_url,
            deadline=deadline,
        )
        return directory_from_records(records, spec.describe(), scoped=spec.group is not None)
    return read_expected(Path(expected), column, option=option)


class IdentitiesRun:
    """What one identities check needs besides its entry: shared by a report's checks."""

    __slots__ = ("expected_option", "live", "login_option", "masker", "profiles")

    def __init__(
        self,
        profiles: ProfileSet,
        live: LiveSources,
        masker: Masker | None = None,
        login_option: str = "--login-column",
        expected_option: str = "--expected-column",
    ) -> None:
        self.profiles = profiles
        self.live = live
        #: One masker per report, so an address has one tag across all of its checks.
        self.masker = Masker() if masker is None else masker
        #: How errors name the column options (a config names its keys instead).
        self.login_option = login_option
        self.expected_option = expected_option


def _with_dns(
    logins: Logins,
    directory: Directory,
    profile: Optional[Profile],
    options: IdentityOptions,
    live: LiveSources,
) -> list[Result]:
    """Every result, ID009's MX look-ups included (in an event loop of their own).

    The look-ups run after the directory is read, not beside it in a second thread: the
    two threads' turns at the interpreter lock cost a 1,000,000-row run more time (about
    1.6 s) than the look-ups of its few hundred domains take on their own.
    """
    import asyncio

    from emailsec_check.checks.identities import check_identities

    async def check() -> list[Result]:
        from emailsec_check.net.dns import Resolver

        resolver = Resolver(live.nameservers, live.timeout)
        return await check_identities(logins, directory, profile, resolver, options)

    return asyncio.run(check())


def identities_results(entry: IdentitiesEntry, run: IdentitiesRun) -> list[Result]:
    """Read both sides of ``entry``, then run ID001-ID010 on them."""
    from emailsec_check.checks.identities import IdentityOptions, check_identities_offline
    from emailsec_check.sources.identities import read_logins

    profiles, live = run.profiles, run.live

    profile = profiles.require(entry.product) if entry.product else None
    now = None
    if entry.as_of is not None:
        day = entry.as_of
        now = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    logins = read_logins(entry.configured, entry.login_column, option=run.login_option)
    directory = read_expected_identities(
        entry.expected, entry.expected_column, live, option=run.expected_option
    )
    options = IdentityOptions(
        masker=run.masker,
        redact=entry.redact,
        now=now,
        coverage=entry.coverage,
        dns_deadline=live.budget,
        probe_domains=tuple(domain for known in profiles for domain in known.vendor_domains),
    )
    if entry.dns:
        results = _with_dns(logins, directory, profile, options, live)
    else:  # nothing to wait for: no event loop (and none of its start-up cost)
        results = check_identities_offline(logins, directory, profile, options)
    if entry.name:
        return [result.in_group(entry.name) for result in results]
    return results
