"""Catalogue entries for the ``request`` area (RQ...): support requests complete the first time."""

from __future__ import annotations

from emailsec_check.model import Area, CheckInfo

_A = Area.REQUEST

FILLED = CheckInfo(
    "RQ001",
    _A,
    "Field is present and filled in",
    "Every field the request kind marks as required must be there and carry a value. A case "
    "that lacks one (an order number, the address the entitlement should go to) is sent back "
    "by the support desk, and each round trip costs days. A value given as a list or a table "
    "in TOML or JSON, or as true/false, fails too: each field is one piece of text. Optional "
    "fields pass when they are left out.",
)
PLACEHOLDER = CheckInfo(
    "RQ002",
    _A,
    "Field still holds a placeholder",
    "The value is something people type to fill a gap, not an answer: TBD, n/a, xxx, a lone "
    "dash or question mark, text in angle or square brackets such as <order number>, 'your "
    "name here', 'enter your email', or a run like 00000 or 12345. The desk cannot act on it; "
    "put the real value in, or find out what it is before opening the case.",
)
EMAIL = CheckInfo(
    "RQ003",
    _A,
    "Email address is well-formed",
    "The value must be one email address: a local part, one @, and a domain of at least two "
    "labels. A display name ('Jane Doe <jane@acme.example>') or a mailto: prefix is set "
    "aside and the bare address is used. Several addresses, spaces, a missing @ or a "
    "domain without a dot fail: replies and entitlement emails would go nowhere. The address "
    "is judged by the same rule as the identities area's ID006.",
)
ORDER_NUMBER = CheckInfo(
    "RQ004",
    _A,
    "Order number is made of digits",
    "Cisco order numbers (the Web Order ID on the eDelivery or entitlement email) are strings "
    "of digits. Spaces and dashes between the digits and a leading # are tolerated, because "
    "copying from a PDF or a mail often adds them; --render writes the digits alone. Letters "
    "or other characters fail, and so do several numbers in one field: give one order per "
    "field and name the others in the details. No length is checked, since none is documented.",
)
DATETIME = CheckInfo(
    "RQ005",
    _A,
    "Date and time can be read and name a time zone",
    "Support finds a failed logon in its logs by its time, and a time without a zone can be "
    "hours off. Accepted: ISO dates (2026-11-20 14:05 +01:00), 2026/11/20, 20.11.2026 (day "
    "first), 20 Nov 2026, Nov 20, 2026, 24-hour or am/pm times, and a zone as an offset, Z, "
    "UTC/GMT, an IANA name (Europe/Berlin) or an abbreviation with one meaning (CET). A date "
    "with slashes or dashes and the year last (03/04/2026, 20/11/2026) fails: day and month "
    "cannot be told apart, and every area of the tool refuses it alike; write year-month-day. "
    "A value that cannot be read, or has no date, fails too; a missing time or zone, or a zone "
    "abbreviation with several meanings (IST, CST), is a hint.",
)
PORTAL_URL = CheckInfo(
    "RQ006",
    _A,
    "URL is the vendor's genuine address over HTTPS",
    "The URL must be, letter for letter, a host the product's profile lists (the same rules as "
    "the datacenter command). A host that only looks like the vendor's (extra labels, look-alike "
    "letters, the vendor's name in the path) fails: it may be a phishing page, and the user "
    "should not sign in there. Another product's host or an address outside the vendor fails; "
    "a host in the vendor's domain that no profile lists, plain http:// or a URL without its "
    "scheme is a hint. A URL carrying a user name and password or a token is RQ013.",
)
BROWSER = CheckInfo(
    "RQ007",
    _A,
    "Browser is named with its version",
    "Vendors support only certain browsers and versions, so support needs both the browser and "
    "its version number (Help > About in most browsers), for example Firefox 128.0. A "
    "user-agent string is read too. A missing version, or a word like 'latest' instead of "
    "one, fails; a version with a browser name we do not know is a hint.",
)
PRODUCT = CheckInfo(
    "RQ008",
    _A,
    "Product name is one the vendor uses",
    "The product should be named as it is on the order, so the desk routes the case to the "
    "right team. The name is compared with the field's list of known names and with the names "
    "of the product profiles, ignoring case and spacing; a longer name that contains a known "
    "one (an edition or tier) passes. An unknown name is a hint that suggests the nearest "
    "known one.",
)
PERSON_NAME = CheckInfo(
    "RQ009",
    _A,
    "Full name has a first and a last name",
    "The desk answers a person: give both first and last name. A single word, an email "
    "address or digits in the name are a hint.",
)
EXTRA_FIELD = CheckInfo(
    "RQ010",
    _A,
    "Field is not part of this kind of request",
    "A label that is not one of the kind's fields (nor one of their other spellings), or text "
    "between the fields. Nothing is dropped: --render keeps extra fields after the known ones. "
    "A request pasted from a mail keeps its greeting (lines before the first field) and its "
    "sign-off (from the first loose line after the last field): they are not reported, and "
    "--render writes them back in place. "
    "It may be a misspelt label (the hint suggests the nearest field), or the second line of "
    "a value: in the plain form a value continues on the following lines when they are "
    "indented.",
)
DUPLICATE = CheckInfo(
    "RQ011",
    _A,
    "Field is given more than once, with different values",
    "Two labels that mean the same field (for example 'Issue' and 'Details') carry different "
    "values, so it is unclear which one the desk should use. Keep one, or join them into one "
    "value. Repeats with the same value are merged silently, and for a date/time field a "
    "separate date and time are joined into one.",
)
COMPLETE = CheckInfo(
    "RQ012",
    _A,
    "Request is complete and ready to send",
    "The whole request: it passes when no field fails, and then says where to open the case "
    "(for a Cisco GLO licensing case: Support Case Manager, Software Licensing > Security "
    "Related Licensing > FireAMP/ThreatGrid, severity 3) and when to follow up (48 hours "
    "without confirmation). It fails while any field does, repeating the kind's advice.",
)
SECRET = CheckInfo(
    "RQ013",
    _A,
    "A secret in a support request",
    "A line whose label names a credential (Password, PW, Login/PW, Passwort, Kennwort, Mot de "
    "passe, Contraseña, Credentials, Secret, API key, Token, Authorization, Cookie, Session "
    "cookie ...) or whose value looks like one (a bearer token, a JSON Web Token, user:password, "
    "a password in a URL, a token in a URL's query) fails. Support desks never need a "
    "credential, and a case is read by many people and kept for years. The value is never "
    "shown in any report and --render never writes it. Remove the line; if the request was "
    "already sent with it, change (rotate) the secret.",
)

CHECKS = (
    FILLED, PLACEHOLDER, EMAIL, ORDER_NUMBER, DATETIME, PORTAL_URL, BROWSER, PRODUCT,
    PERSON_NAME, EXTRA_FIELD, DUPLICATE, COMPLETE, SECRET,
)  # fmt: skip
