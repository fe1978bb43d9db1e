"""Catalogue entries for the ``datacenter`` area (DC...).

The checks themselves are in :mod:`emailsec_check.checks.datacenter`, whose docstring
names the module of each ID.
"""

from __future__ import annotations

from emailsec_check.model import Area, CheckInfo

_A = Area.DATACENTER

RECOGNISED = CheckInfo(
    "DC001",
    _A,
    "URL is a known host of a product and region",
    "The URL's host is, letter for letter, a console, API or mail-flow host that a product "
    "profile lists for one regional datacenter, so the product, the region and the kind of "
    "host are known (the result says which kind, and whether the profile is unsure of it). "
    "Plain "
    "http://, a user name inside the URL or an unusual port still work but should be "
    "changed, so they are a hint. Each product's regions are separate: an organisation, its "
    "licences and its users live in the datacenter where it was created.",
)
LOOKALIKE = CheckInfo(
    "DC002",
    _A,
    "Host only looks like a vendor host",
    "The host resembles a vendor's console but is not one: labels added before or after a "
    "genuine host, a vendor host hidden before an @ or in the path, look-alike letters "
    "(Cyrillic, digits for letters, punycode) or a misspelt vendor domain. Browsers go to the "
    "host, not to what the URL seems to say, so this may be a phishing page. Never sign in "
    "there; open the console from a bookmark or type its address.",
)
UNKNOWN_HOST = CheckInfo(
    "DC003",
    _A,
    "Host belongs to no known vendor",
    "No profile lists this host and it is not on a vendor's own domain, so emailsec-check "
    "cannot tell which product or datacenter it belongs to. If it is a deployment of your "
    "own (a Secure Endpoint Private Cloud console lives on your own domain), describe it "
    "in a profile of your own and pass --profiles-dir. A host on a vendor's domain that no "
    "profile lists is DC008, not this.",
)
EXPECTED_REGION = CheckInfo(
    "DC004",
    _A,
    "Organisation is in the expected region",
    "With --expect REGION (or expect in a config) every recognised URL must belong to that "
    "region; REGION is a region id or alias of the URL's product in any letter case (eu, "
    "emea and europe name Secure Endpoint's Europe alike). A name no product has is an "
    "input error (exit 2), not this check. Licences claimed "
    "or users created in another region's organisation are not visible from the expected "
    "one; a Secure Endpoint organisation moves between datacenters only through Cisco Sales.",
)
SEVERAL_REGIONS = CheckInfo(
    "DC005",
    _A,
    "One product in several regions",
    "URLs of one product point at more than one regional datacenter. Organisations in "
    "different regions are separate: they cannot be managed as one, licences do not move "
    "between them, and users cannot switch from one to the other with the same sign-on.",
)
NOT_A_URL = CheckInfo(
    "DC006",
    _A,
    "Not a usable web address",
    "The text could not be read as an http(s) URL with a host name: it may be empty, "
    "contain spaces or control characters, use another scheme (javascript:, file:) or carry "
    "an impossible port. Copy the address from the browser's address bar.",
)
GLOBAL_HOST = CheckInfo(
    "DC007",
    _A,
    "Genuine vendor host shared by all regions",
    "The host is the vendor's, but it serves every region (a sign-on page, a global logon "
    "or API address, a status page), so the URL cannot tell which datacenter an "
    "organisation is in. Check the console URL you land on after signing in.",
)
VENDOR_HOST = CheckInfo(
    "DC008",
    _A,
    "Genuine vendor host that no profile lists",
    "The host is on a domain the vendor registered (cisco.com, mimecast.com, ...), so it is "
    "the vendor's, but no profile says which product or region it serves. It is a hint, not "
    "a fail: tell the tool which region it is by adding it to a profile of your own. When "
    "it is one or two letters away from a listed host, the hint offers that host: a typo "
    "in a bookmark is a common reason a console does not open.",
)

CHECKS = (
    RECOGNISED, LOOKALIKE, UNKNOWN_HOST, EXPECTED_REGION, SEVERAL_REGIONS, NOT_A_URL, GLOBAL_HOST,
    VENDOR_HOST,
)  # fmt: skip
