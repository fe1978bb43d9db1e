"""ID010: the login's directory account is still enabled (the leaver check).

A person whose directory account is disabled (Entra ID ``accountEnabled`` false,
Microsoft 365 ``Block credential`` true) but who still has a login in the product
is the worst finding of this area: turning the directory account off does not
remove the product account, its local credentials, or a session already open.
"""

from __future__ import annotations

from typing import Optional

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, failed
from emailsec_check.sources.identities import Trait

__all__ = ["DISABLED", "disabled_result"]

#: The trait this check looks for (a plain int for the per-login loop).
DISABLED = int(Trait.DISABLED)


def disabled_result(ctx: Context, subject: str, email: str, line: Optional[int]) -> Result:
    """ID010 fail for a login whose person is disabled in the directory."""
    return failed(
        cat.ENABLED_ACCOUNT,
        subject,
        f"the account in {ctx.source} is disabled (blocked from signing in), but this login "
        f"still exists in {ctx.product}",
        f"Remove or deactivate this account in {ctx.product}'s user management, and revoke "
        "its API keys or local password if it has any; disabling the person in the "
        "directory alone ends neither the product account nor an open session. If the "
        "person is only on leave, note that and check again when they are back.",
        email=email,
        line=line,
    )
