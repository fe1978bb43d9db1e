"""ID005: a Microsoft account has a given name and a surname.

The rule: a Microsoft member account (not a guest, whose names come from its home
directory) with an empty first or last name cannot sign in to Cisco Security Cloud
Sign On; it applies to products whose profile sets ``sign_on.microsoft_names_required``.
"""

from __future__ import annotations

from typing import Optional

from emailsec_check.catalogue import identities as cat
from emailsec_check.checks.identities.context import Context
from emailsec_check.model import Result, failed, skipped
from emailsec_check.sources.identities import DirectoryKind, Trait

__all__ = ["NAMES_MISSING", "applies", "missing_names", "names_result", "no_name_columns"]

#: Either name empty (the cheap first test of the per-login loop).
NAMES_MISSING = int(Trait.NO_GIVEN_NAME | Trait.NO_SURNAME)
_NO_GIVEN_NAME = int(Trait.NO_GIVEN_NAME)
_NO_SURNAME = int(Trait.NO_SURNAME)
_MICROSOFT = int(Trait.MICROSOFT)
_MICROSOFT_OR_GUEST = int(Trait.MICROSOFT | Trait.GUEST)


def applies(ctx: Context) -> bool:
    """Whether the rule is checked at all: the product requires names, the source has them."""
    return ctx.rules.microsoft_names_required and ctx.directory.names_known


def missing_names(bits: int) -> list[str]:
    """The names a person with these trait bits lacks, if the rule holds it against them."""
    if not bits & NAMES_MISSING or bits & _MICROSOFT_OR_GUEST != _MICROSOFT:
        return []
    missing = []
    if bits & _NO_GIVEN_NAME:
        missing.append("first name")
    if bits & _NO_SURNAME:
        missing.append("last name")
    return missing


def names_result(subject: str, email: str, line: Optional[int], missing: list[str]) -> Result:
    """ID005 fail for a login whose Microsoft account lacks ``missing`` names."""
    what = " and ".join(missing)
    return failed(
        cat.NAMES,
        subject,
        f"the Microsoft account has no {what}: signing in with Microsoft to Cisco Security "
        "Cloud Sign On ends in '400 Bad Request' (required properties are missing)",
        f"Fill in the {what} of this user in the Microsoft Entra admin center (Users > the "
        "user > Edit properties) or the Microsoft 365 admin center (Active users > the user "
        "> Manage contact information), then sign in again.",
        email=email,
        line=line,
    )


def no_name_columns(ctx: Context) -> list[Result]:
    """ID005 skip when a Microsoft export has no name columns to check."""
    directory = ctx.directory
    if (
        not ctx.rules.microsoft_names_required
        or directory.names_known
        or directory.kind is not DirectoryKind.ENTRA
    ):
        return []
    return [
        skipped(
            cat.NAMES,
            directory.source,
            "the export has no first name (givenName) and last name (surname) columns, "
            "so missing names cannot be found; download the users again with them",
            email=None,
        )
    ]
