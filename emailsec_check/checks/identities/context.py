"""What every identity check of one run shares: the facts, the rules and the results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Final, Optional

from emailsec_check.model import Result
from emailsec_check.net.settings import DEFAULT_CONCURRENCY
from emailsec_check.profiles import Profile, SignOn
from emailsec_check.record import Record
from emailsec_check.rules.email import Masker
from emailsec_check.sources.identities import Directory, Logins

__all__ = ["ALL_RULES", "Context", "IdentityOptions"]

#: The rules that apply when no product is named: all of them, 7 days to activate.
ALL_RULES = SignOn(
    service="single sign-on",
    microsoft_names_required=True,
    one_address_per_user=True,
    login_is_primary_address=True,
    activation_days=7,
)


class IdentityOptions(Record):
    """How to check.

    ``redact`` masks addresses; ``now`` is when activation ages are taken (default:
    the clock when the check starts); ``coverage`` lists each expected person without
    a login (ID007) even when the directory is not a chosen group; ``concurrency`` is
    the number of DNS look-ups in flight at once (the network settings' one value).
    """

    __slots__ = (
        "redact",
        "now",
        "coverage",
        "concurrency",
        "dns_deadline",
        "probe_domains",
        "masker",
    )

    redact: Final[bool]
    now: Final[Optional[datetime]]
    coverage: Final[bool]
    concurrency: Final[int]
    #: Seconds all the MX look-ups together may take (None: only each look-up's timeout).
    dns_deadline: Final[Optional[float]]
    #: Domains that surely exist, to test the resolver before reporting a domain as
    #: missing (ID009); with a product, its profile's vendor domains are used instead.
    probe_domains: Final[tuple[str, ...]]
    #: The masker of the whole report under ``redact`` (one is made when not given).
    masker: Final[Optional[Masker]]

    def __init__(
        self,
        redact: bool = False,
        now: Optional[datetime] = None,
        coverage: bool = False,
        concurrency: int = DEFAULT_CONCURRENCY,
        dns_deadline: Optional[float] = None,
        probe_domains: tuple[str, ...] = (),
        masker: Optional[Masker] = None,
    ) -> None:
        self.redact = redact
        self.now = now
        self.coverage = coverage
        self.concurrency = concurrency
        self.dns_deadline = dns_deadline
        self.probe_domains = probe_domains
        self.masker = masker


class Context:
    """The facts of one run and what has been found so far."""

    __slots__ = (
        "claimed", "directory", "logins", "now", "options", "product", "reported", "results",
        "rules", "show", "undated",
    )  # fmt: skip

    def __init__(
        self,
        *,
        directory: Directory,
        logins: Logins,
        rules: SignOn,
        product: str,
        options: IdentityOptions,
        now: datetime,
        show: Callable[[str], str],
        claimed: list[Optional[str]],
    ) -> None:
        self.directory = directory
        self.logins = logins
        self.rules = rules
        #: The product's name as the hints say it ("the product" without a profile).
        self.product = product
        self.options = options
        self.now = now
        #: How an address is shown: as written, or masked under ``redact``.
        self.show = show
        self.results: list[Result] = []
        #: The first login (as written) of each person, by person number.
        self.claimed = claimed
        #: People whose first login was already reported as one of several (ID002).
        self.reported: set[int] = set()
        #: Accounts not activated yet whose export gives no date (ID008).
        self.undated = 0

    @classmethod
    def of(
        cls,
        directory: Directory,
        logins: Logins,
        profile: Optional[Profile],
        options: IdentityOptions,
    ) -> Context:
        show = (options.masker or Masker()).mask if options.redact else _as_written
        return cls(
            directory=directory,
            logins=logins,
            rules=profile.sign_on if profile is not None else ALL_RULES,
            product=profile.name if profile is not None else "the product",
            options=options,
            now=options.now or datetime.now(timezone.utc),
            show=show,
            claimed=[None] * len(directory),
        )

    @property
    def source(self) -> str:
        """What the report calls the directory."""
        return self.directory.source


def _as_written(text: str) -> str:
    return text
