"""ID007: an expected person has an account in the product."""

from __future__ import annotations

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, hinted
from emailsec_check.sources.identities import Trait

__all__ = ["unconfigured"]

_DISABLED = int(Trait.DISABLED)


def unconfigured(ctx: Context) -> list[Result]:
    """ID007 hints for the enabled people no login resolved to."""
    flags = ctx.directory.flags
    addresses = ctx.directory.addresses
    show = ctx.show
    results: list[Result] = []
    for number, first in enumerate(ctx.claimed):
        if first is not None or flags[number] & _DISABLED:
            continue
        shown = show(addresses[number])
        results.append(
            hinted(
                cat.UNCONFIGURED,
                shown,
                f"in {ctx.source}, but no login in the product export resolves to it",
                f"If this person needs {ctx.product}, create the account with this "
                "address; if not, leave them out of the expected list.",
                email=shown,
            )
        )
    return results
