"""ID008: an account was activated in time (``sign_on.activation_days`` of the profile)."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, failed, passed, skipped

__all__ = ["pending_result", "undated_result"]


def pending_result(
    ctx: Context, subject: str, email: str, line: Optional[int], since: datetime
) -> Result:
    """ID008 for an account not activated yet, created or invited at ``since``."""
    days = ctx.rules.activation_days
    age = (ctx.now - since).total_seconds() / 86400
    when = since.strftime("%Y-%m-%d")
    if age > days:
        return failed(
            cat.ACTIVATION,
            subject,
            f"still not activated {int(age)} days after {when}; activation must happen "
            f"within {days} days",
            "Open a Cisco TAC case asking for a new activation link for this address (or "
            f"for the record to be removed), then activate within {days} days; look for "
            "the mail in spam and, on Microsoft 365, in Outlook's Other tab.",
            email=email,
            line=line,
        )
    left = max(0, int(days - age))
    return passed(
        cat.ACTIVATION,
        subject,
        f"not activated yet: created {when}, {left} of {days} days left to activate",
        email=email,
        line=line,
    )


def undated_result(ctx: Context) -> list[Result]:
    """One ID008 skip for the accounts not activated yet that have no date."""
    count = ctx.undated
    if not count:
        return []
    return [
        skipped(
            cat.ACTIVATION,
            ctx.logins.source,
            f"{count:,} account(s) not activated yet, but the export gives no created or "
            "invited date for them, so their age cannot be told",
            email=None,
            accounts=count,
        )
    ]
