"""ID002: one person, one login (several logins that resolve to the same person)."""

from __future__ import annotations

from typing import Optional

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, failed, hinted

__all__ = ["another_login"]


def another_login(
    ctx: Context,
    subject: str,
    email: str,
    line: Optional[int],
    number: int,
    first: str,
    cell: str,
) -> list[Result]:
    """Results for login ``cell`` of person ``number``, whose first login was ``first``."""
    if first.strip() == cell.strip():
        return [
            hinted(
                cat.ONE_LOGIN,
                subject,
                "listed more than once in the product export",
                f"Check {ctx.product} for two accounts with this address and keep one; if "
                "the export repeats the row, nothing needs to change.",
                email=email,
                line=line,
            )
        ]
    fail = ctx.rules.one_address_per_user
    make = failed if fail else hinted
    sign_in = ctx.show(ctx.directory.addresses[number])
    rule = (
        f"{ctx.product} allows one address per person"
        if fail
        else f"{ctx.product} allows it, but only one of them will match the directory"
    )
    hint = (
        f"Keep one account for this person, with {sign_in} (the address they sign in "
        f"with), and remove the other in {ctx.product}'s user management."
    )
    results = []
    if number not in ctx.reported:
        ctx.reported.add(number)
        first_shown = ctx.show(first)
        results.append(
            make(
                cat.ONE_LOGIN,
                ctx.show(first.strip()),
                f"one of several logins of the same person ({sign_in}); also "
                f"{ctx.show(cell.strip())}; {rule}",
                hint,
                email=first_shown,
                line=None,
            )
        )
    results.append(
        make(
            cat.ONE_LOGIN,
            subject,
            f"the same person ({sign_in}) already has the login {ctx.show(first.strip())}; {rule}",
            hint,
            email=email,
            line=line,
        )
    )
    return results
