"""ID007: an expected person has an account in the product.

Each person without a login is listed when the expected set was chosen (a group,
``entra:group/...``) or with ``--coverage``; against a whole tenant most people need
no account, so there it is one result with their number.
"""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import is_

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, hinted
from emailsec_check.sources.identities import Trait

__all__ = ["unconfigured"]

_DISABLED = int(Trait.DISABLED)


def unconfigured(ctx: Context) -> list[Result]:
    """ID007 for the enabled people no login resolved to."""
    flags = ctx.directory.flags
    unclaimed = compress(count(), map(is_, ctx.claimed, repeat(None)))  # in C: a tenant is big
    people = [number for number in unclaimed if not flags[number] & _DISABLED]
    if not people:
        return []
    if ctx.directory.scoped or ctx.options.coverage:
        return [_person(ctx, number) for number in people]
    return [
        hinted(
            cat.UNCONFIGURED,
            ctx.source,
            f"{len(people):,} enabled identit{'y' if len(people) == 1 else 'ies'} in "
            f"{ctx.source} ha{'s' if len(people) == 1 else 've'} no login in the product "
            "export",
            f"If everyone in {ctx.source} should use {ctx.product}, create the missing "
            "accounts; to list who they are, run again with --coverage (config: coverage = "
            "true), or check against the group of people who need it ('entra:group/NAME').",
            email=None,
            identities=len(people),
        )
    ]


def _person(ctx: Context, number: int) -> Result:
    shown = ctx.show(ctx.directory.addresses[number])
    return hinted(
        cat.UNCONFIGURED,
        shown,
        f"in {ctx.source}, but no login in the product export resolves to it",
        f"If this person needs {ctx.product}, create the account with this "
        "address; if not, leave them out of the expected list.",
        email=shown,
    )
