"""ID001 (login belongs to an expected identity), ID003 (login is the person's primary
address) and ID004 (letter case matches the directory): a login against the addresses
the directory knows. The pass of ID001 is made in :mod:`.matching`, once per login."""

from __future__ import annotations

from typing import Optional

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, failed, hinted, passed, skipped
from emailsec_check.sources.identities import DirectoryKind

__all__ = [
    "KNOWN_MESSAGE",
    "aliases_note",
    "aliases_unknown",
    "letter_case",
    "secondary",
    "unknown",
]

#: The message of every ID001 pass for a primary address.
KNOWN_MESSAGE = "known to the identity provider"


def unknown(ctx: Context, subject: str, email: str, line: Optional[int], low: str) -> Result:
    """ID001 fail: nobody in the directory has this address (a skip where the directory
    cannot show aliases and the login may be one)."""
    if aliases_unknown(ctx) and "#ext#" not in low:
        return skipped(
            cat.KNOWN,
            subject,
            f"no one in {ctx.source} signs in with this address or has it as user principal "
            f"name, but {ctx.source} lists no aliases, so it may be someone's alias (see "
            "ID003)",
            email=email,
            line=line,
        )
    if "#ext#" in low:
        message = f"not in {ctx.source}: this is a guest's #EXT# directory name, not an address"
    else:
        message = f"no identity in {ctx.source} has this address"
    return failed(
        cat.KNOWN,
        subject,
        message,
        f"Find who this login belongs to. If the person is in the directory, change the "
        f"login in {ctx.product} to their address there; if they left, remove the "
        "account. Then run 'emailsec-check identities' again.",
        email=email,
        line=line,
    )


def secondary(
    ctx: Context, subject: str, email: str, line: Optional[int], low: str, number: int
) -> list[Result]:
    """An alias: ID001 passes (the person is known), ID003 does not."""
    sign_in = ctx.show(ctx.directory.addresses[number])
    if "#ext#" in low:
        what = "a guest's #EXT# directory name"
    else:
        what = "a secondary address (alias, other mail or user principal name)"
    known = passed(cat.KNOWN, subject, f"known to the identity provider as {what}", email=email)
    message = f"{what} of the person whose sign-in address is {sign_in}"
    hint = (
        f"Change the login in {ctx.product} to {sign_in}, the person's primary address "
        "in the directory, or create the account again with it."
    )
    if ctx.rules.login_is_primary_address:
        return [known, failed(cat.PRIMARY, subject, message, hint, email=email, line=line)]
    return [
        known,
        hinted(
            cat.PRIMARY,
            subject,
            f"{message}; {ctx.product} accepts it, but the directory knows the person by the other",
            hint,
            email=email,
            line=line,
        ),
    ]


def letter_case(ctx: Context, subject: str, email: str, line: Optional[int], number: int) -> Result:
    """ID004 hint: the login and the directory's address differ in letter case only."""
    shown = ctx.show(ctx.directory.addresses[number])
    return hinted(
        cat.LETTER_CASE,
        subject,
        f"differs from the directory's {shown} in letter case only",
        f"Write the login as the directory does ({shown}) in {ctx.product}, so a service "
        "that compares addresses exactly still finds the account.",
        email=email,
        line=line,
    )


def aliases_unknown(ctx: Context) -> bool:
    """Whether a Microsoft directory was read from a source without aliases.

    The Entra admin center's "Download users" file has no proxy addresses: a login
    found nowhere in it may be an alias. A list of another kind without an alias
    column is taken to have none.
    """
    directory = ctx.directory
    return not directory.aliases_known and directory.kind is DirectoryKind.ENTRA


def aliases_note(ctx: Context) -> list[Result]:
    """One ID003 skip when the directory cannot show aliases, saying how to get them."""
    if not aliases_unknown(ctx) or not len(ctx.logins):
        return []
    return [
        skipped(
            cat.PRIMARY,
            ctx.source,
            f"{ctx.source} has no proxy-address or alias column (the Entra admin center's "
            "'Download users' file never has one; its alternateEmailAddress is a contact "
            "address), so logins that are aliases cannot be told apart from unknown ones. "
            "Read the people live from Microsoft Graph (EXPECTED 'entra:'), or export them "
            "from the Microsoft 365 admin center (Users > Active users > Export users), "
            "whose file has a 'Proxy addresses' column",
            email=None,
        )
    ]
