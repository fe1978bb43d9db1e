"""Which column of an identity export holds what: header names as exports write them.

Names are compared in lower case with everything but letters and digits removed, so
``E-mail``, ``Email Address`` and ``email_address`` all match. A user can name the
column instead (``--login-column`` / ``--expected-column``); a name the header does
not have is an ``InputError`` listing the headers found, with the nearest one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from emailsec_check.errors import InputError
from emailsec_check.rules.suggest import did_you_mean_text

__all__ = [
    "CONFIGURED_DATE",
    "CONFIGURED_EMAIL",
    "CONFIGURED_STATUS",
    "EXPECTED_ALIASES",
    "EXPECTED_BLOCKED",
    "EXPECTED_CREATED",
    "EXPECTED_EMAIL",
    "EXPECTED_ENABLED",
    "EXPECTED_GIVEN",
    "EXPECTED_PROVIDER",
    "EXPECTED_PROXY",
    "EXPECTED_SURNAME",
    "EXPECTED_TYPE",
    "EXPECTED_UPN",
    "Header",
    "normalise_header",
]

CONFIGURED_EMAIL = (
    "loginemail", "loginemailaddress", "signinemail", "logonemail",
    "email", "emailaddress", "mail", "primaryemail", "useremail",
    "login", "loginname", "logon", "logonname", "signinname",
    "username", "user", "userprincipalname", "upn", "account", "accountname",
)  # fmt: skip
CONFIGURED_STATUS = (
    "status", "accountstatus", "userstatus", "state", "activationstatus", "activation",
    "activated",
)  # fmt: skip
CONFIGURED_DATE = (
    "invited", "invitedon", "invitedat", "inviteddate", "invitationdate", "invitationsent",
    "dateinvited", "created", "createdon", "createdat", "createddate", "creationdate",
    "datecreated", "createddatetime", "whencreated", "added", "addedon", "dateadded",
)  # fmt: skip
EXPECTED_UPN = ("userprincipalname", "upn")
EXPECTED_EMAIL = (
    "mail", "email", "emailaddress", "primarysmtpaddress", "primaryemail", "address",
    "login", "username", "user", "signinname",
)  # fmt: skip
EXPECTED_GIVEN = ("givenname", "firstname", "first", "forename", "given")
EXPECTED_SURNAME = ("surname", "lastname", "last", "familyname", "sn", "family")
EXPECTED_PROVIDER = (
    "provider", "identityprovider", "idp", "authprovider", "authenticationprovider", "source",
    "directory",
)  # fmt: skip
#: Columns of other addresses of the same person. Entra's ``alternateEmailAddress`` is
#: not one of them: it is a contact address outside the tenant, not an alias.
EXPECTED_ALIASES = (
    "proxyaddresses", "othermails", "aliases", "alias", "secondaryemails",
    "secondaryaddresses", "otheremails", "emailaliases",
)  # fmt: skip
EXPECTED_PROXY = ("proxyaddresses",)
EXPECTED_TYPE = ("usertype",)
EXPECTED_ENABLED = ("accountenabled", "enabled")
#: The Microsoft 365 admin center's export says the opposite: "Block credential"; its
#: usage reports say "Is Deleted" for a person removed from the directory.
EXPECTED_BLOCKED = ("blockcredential", "blocksignin", "signinblocked", "isdeleted")
EXPECTED_CREATED = ("createddatetime", "whencreated", "created")


def normalise_header(name: str) -> str:
    """``"Email Address"`` -> ``"emailaddress"``: how column names are compared."""
    return "".join(char for char in name.lower() if char.isalnum())


class Header:
    """A file's header row: finds columns by the names above or by the name a user gave."""

    def __init__(self, path: Path, cells: Sequence[str], line: Optional[int] = None) -> None:
        self.path = path
        self.raw = [cell.strip().lstrip("\ufeff") for cell in cells]
        self.names = [normalise_header(cell) for cell in self.raw]
        #: The header's line (CSV), for a missing column.
        self.line = line

    def __len__(self) -> int:
        return len(self.names)

    def find(self, names: Sequence[str]) -> int:
        """Index of the first of ``names`` the header has (in the order of ``names``), or -1."""
        for name in names:
            if name in self.names:
                return self.names.index(name)
        return -1

    def find_all(self, names: Sequence[str]) -> list[int]:
        return [index for index, name in enumerate(self.names) if name in names]

    def require(self, what: str, names: Sequence[str], chosen: Optional[str], option: str) -> int:
        """The column ``chosen`` by the user (exactly, ignoring case and punctuation), or
        the first of ``names``; ``InputError`` listing the headers found when neither is."""
        found = ", ".join(cell for cell in self.raw if cell) or "none"
        if chosen is not None:
            wanted = normalise_header(chosen)
            if wanted and wanted in self.names:
                return self.names.index(wanted)
            hint = did_you_mean_text(chosen, [cell for cell in self.raw if cell])
            raise InputError(
                f"{option} {chosen!r}: no such column{hint}; the header has: {found}",
                path=self.path,
                line=self.line,
            )
        index = self.find(names)
        if index < 0:
            raise InputError(
                f"no column with {what} (looked for {', '.join(names[:8])}, ...; found: "
                f"{found}); name it with {option}",
                path=self.path,
                line=self.line,
            )
        return index
