"""Catalogue entries for the ``status`` area (ST...): vendor status pages."""

from __future__ import annotations

from emailsec_check.model import Area, CheckInfo

_A = Area.STATUS

REACHABLE = CheckInfo(
    "ST001",
    _A,
    "Status page reachable from this network",
    "The vendor's status page was fetched from this machine, through the same DNS, "
    "firewall, proxy and TLS inspection your users' traffic meets. When it fails, the "
    "result names the step that broke: the DNS look-up (the name does not exist, or the "
    "DNS server did not answer), the connection (refused, or dropped by a firewall until "
    "the timeout), the TLS handshake (a certificate this machine does not trust, usually "
    "a TLS-inspecting proxy whose CA must be given with --ca-bundle or SSL_CERT_FILE), the "
    "proxy (--proxy, HTTPS_PROXY, HTTP_PROXY, NO_PROXY), the HTTP status, or an answer that "
    "is not what the status platform sends (a block page or captive portal answered "
    "instead). Through a proxy the local DNS look-up is skipped: names are the proxy's job. "
    "If this machine cannot reach the page, your users' problem may well be your network's, "
    "not the vendor's. Each page has --timeout seconds; the whole command has --deadline "
    "seconds (120 unless set), and a page not read by then is a skip naming the deadline.",
)
VENDOR_HEALTH = CheckInfo(
    "ST002",
    _A,
    "Vendor reports its service healthy",
    "What the vendor's status page says: pass when everything is operational; a hint for "
    "a minor incident, degraded components or maintenance in progress; a fail for a major "
    "or critical outage, naming the components affected and the open incidents with their "
    "links. Statuspage pages are read through their public summary (/api/v2/summary.json), "
    "Status.io pages through the profile's status_page.api_url; any other page is only "
    "checked for reachability. When the page could not be read this is a skip, never a "
    "fail: see ST001 for why. With --region (or, in run, the regions of the console URLs "
    "the config names), the verdict is about that region alone: the components or groups "
    "(Status.io: locations) its profile lists in status_components, and the incidents that "
    "touch them or the whole page; an outage in another region does not count. A "
    "vendor-side outage is not fixed by changing your set-up: follow the incident and tell "
    "your users.",
)

CHECKS = (REACHABLE, VENDOR_HEALTH)
