"""ID006: the login is a valid email address (the one rule: ``rules.email``)."""

from __future__ import annotations

from typing import Optional

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, failed
from emailsec_check.rules.email import syntax_problem

__all__ = ["invalid"]


def invalid(ctx: Context, cell: str, line: Optional[int]) -> Result:
    """ID006 fail for a login cell that is not an address (``cell`` as written)."""
    text = cell.strip()
    problem = syntax_problem(text) or "is not a usable address"
    empty = f"(empty login, line {line})" if line else "(empty login)"
    subject = ctx.show(text) if text else empty
    return failed(
        cat.SYNTAX,
        subject,
        f"not a valid email address: it {problem}",
        f"Correct this login in {ctx.product}: copy the address from the directory, not "
        "from a spreadsheet cell. Nobody can sign in or receive the activation mail with "
        "it as it is.",
        email=ctx.show(cell) if text else cell,
        line=line,
    )
