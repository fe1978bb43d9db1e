"""Catalogue entries for the ``identities`` area (ID...): product logins against the directory."""

from __future__ import annotations

from emailsec_check.model import Area, CheckInfo

_A = Area.IDENTITIES

KNOWN = CheckInfo(
    "ID001",
    _A,
    "Login belongs to an expected identity",
    "Every login address the product knows should belong to someone the identity provider "
    "knows (an Entra ID export or your own list). Addresses are compared without regard to "
    "letter case; an alias counts as known here (ID003 says whether it is the right one). A "
    "login nobody in the directory has is a typo, an address from another tenant, or the "
    "account of someone who left: single sign-on cannot work with it. A pass here lists "
    "every login that was checked. When the directory file cannot show aliases (the Entra "
    "admin center's 'Download users' file has no proxy addresses), a login found nowhere "
    "in it may still be someone's alias: that is a skip, not a fail.",
)
ONE_LOGIN = CheckInfo(
    "ID002",
    _A,
    "One person, one login",
    "Two or more logins resolve to the same person in the directory: the primary address "
    "and an alias, or the same address in other letter case. Sign-on ties a user to one "
    "address; Cisco Secure Email Threat Defense does not support several addresses for one "
    "user, and only the address the account was created with signs in. Keep one account per "
    "person and remove the others. A fail for products whose profile sets "
    "sign_on.one_address_per_user, a hint for the rest; a row listed twice is a hint.",
)
PRIMARY = CheckInfo(
    "ID003",
    _A,
    "Login is the address the person signs in with",
    "The login is one of the person's secondary addresses (an alias or proxy address, "
    "another mail, a user principal name that differs from the mail address, or a guest's "
    "#EXT# directory name) instead of the primary address. The identity provider hands the "
    "primary address to the sign-on service, and Mimecast's logon is the primary SMTP "
    "address, so the account is not found. Change the login to the primary address, or "
    "create the account again with it. A fail for products whose profile sets "
    "sign_on.login_is_primary_address, a hint for the rest. Needs a directory that lists "
    "aliases (Microsoft Graph through 'entra:', or the Microsoft 365 admin center's 'Export "
    "users' file with its Proxy addresses column); with one that does not, one skip says so.",
)
LETTER_CASE = CheckInfo(
    "ID004",
    _A,
    "Letter case matches the directory",
    "The login and the directory's address differ only in upper and lower case. Mail "
    "delivery ignores the case, and most sign-on services do too, but some products store "
    "the address as typed and compare it exactly; write it as the directory does to rule "
    "that out.",
)
NAMES = CheckInfo(
    "ID005",
    _A,
    "Microsoft account has a given name and a surname",
    "Microsoft 365 accepts accounts without a first or a last name, but Cisco Security Cloud "
    "Sign On cannot create its user from such an account: the Microsoft sign-in ends in "
    "'400 Bad Request' because required properties are missing. Fill in both names in the "
    "Microsoft Entra admin center (Users > the user > Edit properties: First name, Last name) "
    "or the Microsoft 365 admin center (Active users > the user > Manage contact "
    "information), then sign in again. Applies to Microsoft identities (an Entra ID export, "
    "or a provider column naming Microsoft/Entra) of products whose profile sets "
    "sign_on.microsoft_names_required; guests are left out (their names come from their "
    "home directory). Skipped when the export has no name columns.",
)
SYNTAX = CheckInfo(
    "ID006",
    _A,
    "Login is a valid email address",
    "The login cannot be an email address: it needs exactly one @, a local part of letters, "
    "digits and the characters ! # $ % & ' * + - / = ? ^ _ ` { | } ~ in dot-separated "
    "pieces, and a domain of at least two labels (letters, digits, inner hyphens). Spaces, "
    "commas, brackets, two dots in a row or an empty part are what usually breaks it, often "
    "from a copy out of a spreadsheet. Nobody can sign in or receive mail with it.",
)
UNCONFIGURED = CheckInfo(
    "ID007",
    _A,
    "Expected identity has an account in the product",
    "Someone the identity provider lists has no login in the product: not invited yet, "
    "invited under another address (see ID001 for logins nobody knows), or the export is "
    "incomplete. Identities disabled in the directory (accountEnabled false) are left out. "
    "Each such person is listed when the expected set is a chosen part of the directory (a "
    "group, 'entra:group/...') or with --coverage (config: coverage = true); otherwise one "
    "result gives their number, as most people of a whole tenant need no account.",
)
ACTIVATION = CheckInfo(
    "ID008",
    _A,
    "Account was activated in time",
    "A SecureX Sign-On account that is not activated within 7 days stays provisioned but "
    "inactive, and its activation link no longer helps: open a Cisco TAC case asking for a "
    "new activation link (or for the record to be removed). Needs a status and a created or "
    "invited date in the product export; the number of days comes from the profile's "
    "sign_on.activation_days. An account still inside the window passes with the days left.",
)
MAIL_DOMAIN = CheckInfo(
    "ID009",
    _A,
    "Mail domain can receive the product's mails",
    "Activation, password-reset and credentials mails go to the login address. The MX "
    "records of each distinct domain are looked up once: a domain that does not exist, has "
    "no MX or has a null MX (RFC 7505) cannot receive them (fail). A domain whose mail goes "
    "to Microsoft 365 (mail.protection.outlook.com or mx.microsoft) passes, with the advice "
    "that Outlook may file these mails under the Other tab of the Focused Inbox or as junk. "
    "A DNS timeout or server failure is a skip, never a fail. Before a domain is reported "
    "as not existing, the resolver is asked once for the product vendor's own domain: a "
    "resolver that denies that one too hides names (a filtering or offline resolver), and "
    "the missing domains are skips. --no-dns turns look-ups off.",
)

ENABLED_ACCOUNT = CheckInfo(
    "ID010",
    _A,
    "Login's directory account is still enabled",
    "The login belongs to someone whose directory account is disabled (Entra ID "
    "accountEnabled false, Microsoft 365 'Block credential' true): usually a person who "
    "left. Turning the account off in the directory stops new single sign-on, but it does "
    "not remove the product's own account, its local password or API keys, nor end a "
    "session that is already open. Remove (or deactivate) the account in the product too, "
    "unless the person is only on leave.",
)

CHECKS = (
    KNOWN, ONE_LOGIN, PRIMARY, LETTER_CASE, NAMES, SYNTAX, UNCONFIGURED, ACTIVATION, MAIL_DOMAIN,
    ENABLED_ACCOUNT,
)  # fmt: skip
