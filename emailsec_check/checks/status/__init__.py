"""Vendor status pages: reachable from here (ST001), and what the vendor reports (ST002).

Admins first need to know whether a problem is theirs or the vendor's. ST001 fetches the
page from this machine, through the same DNS, firewall, proxy and TLS inspection users
meet, and names the phase that broke. ST002 reads what the page reports: Atlassian
Statuspage through its public ``/api/v2/summary.json``, Status.io through the profile's
``api_url``; any other page is checked for reachability only. A page that could not be
read gives a ``skip`` for ST002, never a ``fail``. With regions (``--region``), ST002
judges each region's share of the page: its components and the incidents touching them.

Where each part lives (the check IDs come from ``catalogue/status.py``):

- ``targets.py``: which pages, for which regions (``build_targets``, ``region_scopes``);
- ``pipeline.py``: ``check_status_pages`` — every page within ``--timeout``, the batch
  within ``--deadline``, with the prober it is handed (it builds no network client);
- ``pages.py``: reading one page through the prober into ``PageFacts``;
- ``statuspage.py``, ``statusio.py``: the two platforms' JSON, read leniently
  (``lenient.py``): nothing in a page can raise;
- ``regions.py``: one region's share of a page; ``model.py``: the values in between;
- ``verdicts.py``: ST001 and ST002 from the facts; ``hints.py``: ST001's advice table.
"""

from __future__ import annotations

from emailsec_check.checks.status.model import (
    Component,
    Incident,
    Indicator,
    Platform,
    VendorReport,
)
from emailsec_check.checks.status.pages import PageFacts, read_page
from emailsec_check.checks.status.pipeline import PAGE_CONCURRENCY, check_status_pages
from emailsec_check.checks.status.regions import RegionScope, for_region
from emailsec_check.checks.status.statusio import parse_statusio
from emailsec_check.checks.status.statuspage import SUMMARY_PATH, parse_statuspage, summary_url
from emailsec_check.checks.status.targets import StatusTarget, build_targets, region_scopes
from emailsec_check.checks.status.verdicts import judge_page

__all__ = [
    "PAGE_CONCURRENCY",
    "SUMMARY_PATH",
    "Component",
    "Incident",
    "Indicator",
    "PageFacts",
    "Platform",
    "RegionScope",
    "StatusTarget",
    "VendorReport",
    "build_targets",
    "check_status_pages",
    "for_region",
    "judge_page",
    "parse_statusio",
    "parse_statuspage",
    "read_page",
    "region_scopes",
    "summary_url",
]
