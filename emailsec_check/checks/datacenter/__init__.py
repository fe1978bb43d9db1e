"""Which product, regional datacenter and kind of host a URL is; look-alikes caught.

Facts in, results out: :func:`check_urls` is handed the URLs, the host rules built
from the profiles (:class:`~emailsec_check.rules.hosts.HostRules`) and an expected
region; it opens no file and touches no network.

Where each check lives:

======  ===============================================  ==============
ID      check                                            module
======  ===============================================  ==============
DC001   URL is a known host of a product and region      :mod:`.hosts`
DC002   host only looks like a vendor host               :mod:`.hosts`
DC003   host belongs to no known vendor                  :mod:`.hosts`
DC004   organisation is in the expected region           :mod:`.regions`
DC005   one product in several regions                   :mod:`.regions`
DC006   not a usable web address                         :mod:`.hosts`
DC007   genuine vendor host shared by all regions        :mod:`.hosts`
DC008   genuine vendor host that no profile lists        :mod:`.hosts`
======  ===============================================  ==============
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Union

from emailsec_check.checks.datacenter.hosts import url_result
from emailsec_check.checks.datacenter.regions import (
    expected_result,
    host_uncertain,
    several_result,
)
from emailsec_check.model import Result
from emailsec_check.profiles import Profile, Region
from emailsec_check.rules.hosts import HostRules, Verdict
from emailsec_check.rules.redact import redact
from emailsec_check.rules.regions import ExpectedRegion, resolve_expected_region

__all__ = ["Expect", "check_url_entries", "check_urls"]

#: An expected region as resolved (:func:`resolve_expected_region`) or as typed.
Expect = Union[ExpectedRegion, str, None]


def check_urls(urls: Sequence[str], rules: HostRules, *, expect: Expect = None) -> list[Result]:
    """One result per URL (two with ``expect``), plus one per product seen in several regions.

    ``expect`` given as text is resolved against the profiles first: a name no product
    knows is an ``InputError`` (exit 2), never a failed check.
    """
    if isinstance(expect, str):
        expect = resolve_expected_region(rules.profiles, expect)
    return check_url_entries([(url, expect) for url in urls], rules)


def check_url_entries(
    entries: Sequence[tuple[str, Union[ExpectedRegion, None]]], rules: HostRules
) -> list[Result]:
    """:func:`check_urls` with an expected region per URL (a ``run`` config's blocks).

    DC005 (one product in several regions) is judged over all the URLs at once.
    """
    results: list[Result] = []
    seen: dict[str, tuple[Profile, dict[str, tuple[Region, list[str]]]]] = {}
    for text, expect in entries:
        verdict = rules.classify(text)
        url = redact(text)  # the subject, shown in reports: no password in it
        results.append(url_result(url, verdict, rules))
        match = verdict.match
        if verdict.verdict is not Verdict.GENUINE or match is None:
            continue
        if expect is not None:
            results.append(expected_result(url, match, expect, host_uncertain(verdict)))
        if match.region is not None:
            _profile, regions = seen.setdefault(match.profile.id, (match.profile, {}))
            regions.setdefault(match.region.id, (match.region, []))[1].append(url)
    for profile, regions in seen.values():
        if len(regions) > 1:
            results.append(several_result(profile, regions))
    return results
