"""RQ006: the URL is the vendor's genuine address, over HTTPS (the datacenter command's rules).

A URL credential never reaches this check: a value holding one is an RQ013 fail first.
"""

from __future__ import annotations

from emailsec_check.catalogue import request as rq
from emailsec_check.model import Status
from emailsec_check.profiles import Profile, RequestField
from emailsec_check.rules.hosts import HostVerdict, Verdict
from emailsec_check.rules.urls import registrable_domain

from .findings import Context, Finding, fix, shown

__all__ = ["check_url"]


def _vendor_domains(profile: Profile) -> set[str]:
    hosts = [host for region in profile.regions for host, _role in region.hosts()]
    hosts += [known.host for known in profile.known_hosts]
    return {registrable_domain(host) for host in hosts}


def _product(ctx: Context) -> str:
    return ctx.profile.name if ctx.profile is not None else "the vendor"


def _lookalike(verdict: HostVerdict, host: str) -> Finding:
    resembles = verdict.resembles
    imitates = f", imitating {resembles}" if resembles and resembles not in verdict.reason else ""
    return Finding(
        rq.PORTAL_URL,
        Status.FAIL,
        f"{host} only looks like a vendor address ({verdict.reason}{imitates}); "
        "it may be a phishing page",
        "Do not sign in there. Reach the portal through the link in the message you received "
        "or a bookmark of your own, and report this address to your security team.",
        data={"host": host},
    )


def _unknown(item: RequestField, verdict: HostVerdict, host: str, ctx: Context) -> Finding:
    domain = registrable_domain(host)
    product = _product(ctx)
    if ctx.profile is not None and domain in _vendor_domains(ctx.profile):
        return Finding(
            rq.PORTAL_URL,
            Status.HINT,
            f"{host} is in {domain}, but no profile lists it as a {product} host",
            "Make sure it is the address the link in the message led to. If it is genuine, "
            "add it to a profile of your own (--profiles-dir) and check again.",
            data={"host": host},
        )
    return Finding(
        rq.PORTAL_URL,
        Status.FAIL,
        f"{host} is not an address of {product} ({verdict.reason})",
        fix(f"Give the address of {product}'s portal exactly as the browser showed it.", item),
        data={"host": host},
    )


def _genuine(item: RequestField, verdict: HostVerdict, ctx: Context) -> Finding:
    parsed, match = verdict.url, verdict.match
    if parsed is None or match is None:  # a genuine verdict always carries both
        raise ValueError("a genuine host verdict without its URL and match")
    product, profile = _product(ctx), ctx.profile
    data = {"host": parsed.host, "region": match.region.id if match.region else None}
    if profile is not None and match.profile.id != profile.id:
        same_vendor = bool(profile.vendor) and profile.vendor == match.profile.vendor
        return Finding(
            rq.PORTAL_URL,
            Status.HINT if same_vendor else Status.FAIL,
            f"{parsed.host} belongs to {match.profile.name}, not {product}",
            fix(f"Give the address used to reach {product}.", item),
            data=data,
        )
    where = f" ({match.region.name})" if match.region is not None else ""
    message = f"{parsed.host} is {product}'s genuine {match.role} host{where}"
    if parsed.scheme != "https" or not parsed.scheme_given:
        problem = "uses plain http://" if parsed.scheme_given else "has no https:// in front"
        return Finding(
            rq.PORTAL_URL,
            Status.HINT,
            f"{message}, but the URL {problem}",
            fix("Give the address as the browser showed it, starting with https://.", item),
            data=data,
        )
    return Finding(rq.PORTAL_URL, Status.PASS, message, data=data)


def check_url(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ006 for one value."""
    verdict = ctx.rules.classify(text)
    if verdict.verdict is Verdict.INVALID or verdict.url is None:
        return Finding(
            rq.PORTAL_URL,
            Status.FAIL,
            f"{shown(text)} cannot be read as a web address: {verdict.reason}",
            fix("Copy the whole address from the browser's address bar (https://...).", item),
        )
    if verdict.verdict is Verdict.LOOKALIKE:
        return _lookalike(verdict, verdict.url.host)
    if verdict.verdict is Verdict.UNKNOWN:
        return _unknown(item, verdict, verdict.url.host, ctx)
    return _genuine(item, verdict, ctx)
