"""What to do when a status page could not be reached (ST001's hint), as a table.

``situation`` sorts a probe's failure into one ``Situation``; ``HINTS`` holds the advice
for each, written with the facts of the probe filled in (host, port, resolver, proxy).
A new kind of failure is a new member and a new line in the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Optional

from emailsec_check.net.facts import MAX_REDIRECTS, Failure, Phase, Problem

__all__ = ["HINTS", "HintFacts", "Situation", "hint_text", "situation"]


class Situation(Enum):
    """Where and how a probe broke, as far as the advice differs."""

    DNS_TIMEOUT = "dns-timeout"
    PROXY_TIMEOUT = "proxy-timeout"
    CONNECT_TIMEOUT = "connect-timeout"
    TLS_TIMEOUT = "tls-timeout"
    BODY_TIMEOUT = "body-timeout"
    ANSWER_TIMEOUT = "answer-timeout"
    NXDOMAIN = "nxdomain"
    NO_ADDRESS = "no-address"
    DNS_FAILED = "dns-failed"
    PROXY_AUTH = "proxy-auth"
    PROXY_DENIED = "proxy-denied"
    PROXY_UNREACHABLE = "proxy-unreachable"
    REFUSED = "refused"
    NO_ROUTE = "no-route"
    CONNECT_FAILED = "connect-failed"
    UNTRUSTED = "untrusted"
    UNTRUSTED_CLOCK = "untrusted-clock"
    HANDSHAKE = "handshake"
    NOT_PLATFORM = "not-platform"
    HTTP_REFUSED = "http-refused"
    HTTP_PROXY_AUTH = "http-proxy-auth"
    HTTP_MISSING = "http-missing"
    HTTP_LIMITED = "http-limited"
    HTTP_SERVER = "http-server"
    HTTP_OTHER = "http-other"
    REDIRECTS = "redirects"
    BAD_URL = "bad-url"
    BROKEN_BODY = "broken-body"
    BROKEN_ANSWER = "broken-answer"


_SLOW = "raise --timeout only if the network is merely slow."
_PROXY_WAY = "if the way out is a proxy, pass --proxy URL or set HTTPS_PROXY."

#: The advice for each situation; ``{name}`` fields come from ``HintFacts``.
HINTS: dict[Situation, str] = {
    Situation.DNS_TIMEOUT: (
        "The DNS server ({nameserver}) did not answer in time: check this machine's resolver "
        "settings and that DNS (port 53) is allowed out, or ask another server with "
        "--nameserver HOST."
    ),
    Situation.PROXY_TIMEOUT: (
        "The proxy {proxy} did not answer in time: check its address in --proxy or "
        "HTTPS_PROXY, or set NO_PROXY={host} if this page should be reached directly."
    ),
    Situation.CONNECT_TIMEOUT: (
        "Nothing answered on {host} port {port}: firewalls that silently drop outbound traffic "
        "look like this. Use the proxy your browser uses (--proxy URL or HTTPS_PROXY), or ask "
        "for port {port} to be opened; " + _SLOW
    ),
    Situation.TLS_TIMEOUT: (
        "The TLS handshake with {host} did not finish in time: an inspection device may be "
        "holding it. Compare with a browser on this machine; " + _SLOW
    ),
    Situation.BODY_TIMEOUT: (
        "The answer started but did not finish in time: a slow link, or a proxy scanning the "
        "download. " + _SLOW[0].upper() + _SLOW[1:]
    ),
    Situation.ANSWER_TIMEOUT: (
        "{host} accepted the connection but sent no answer in time: the server or a proxy in "
        "between is stalling. Re-check later; " + _SLOW
    ),
    Situation.NXDOMAIN: (
        "{nameserver} says {host} does not exist. Check the address (status_page.url in the "
        "profile, or --url); if it opens on other networks, DNS here (a filtering resolver, "
        "split-horizon DNS) is hiding it: compare with --nameserver and another server."
    ),
    Situation.NO_ADDRESS: (
        "{nameserver} knows {host} but gives no address for it. If it resolves on other "
        "networks, ask whoever runs this DNS (a filtering resolver?) why; compare with "
        "--nameserver and another server."
    ),
    Situation.DNS_FAILED: (
        "The DNS server ({nameserver}) could not look {host} up. Check this machine's resolver "
        "settings and that DNS (port 53) is allowed out, or ask another server with "
        "--nameserver HOST."
    ),
    Situation.PROXY_AUTH: (
        "The proxy {proxy} asks for credentials (HTTP 407). Put them in the proxy URL "
        "(http://USER:PASSWORD@HOST:PORT), preferably in HTTPS_PROXY so the password stays out "
        "of your shell history."
    ),
    Situation.PROXY_DENIED: (
        "The proxy {proxy} would not open a connection to {host} port {port}: it may block "
        "this site. Ask its administrators to allow {host}, or set NO_PROXY={host} if it "
        "should be reached directly."
    ),
    Situation.PROXY_UNREACHABLE: (
        "The proxy {proxy} cannot be reached. Check its address in --proxy or HTTPS_PROXY / "
        "HTTP_PROXY (http://HOST:PORT), or set NO_PROXY={host} if this page should be reached "
        "directly."
    ),
    Situation.REFUSED: (
        "{address} refused the connection on port {port}: a firewall rejecting outbound web "
        "traffic, or no direct Internet access from here. If web traffic must go through a "
        "proxy, pass --proxy URL or set HTTPS_PROXY; otherwise ask for port {port} to {host} "
        "to be opened."
    ),
    Situation.NO_ROUTE: (
        "There is no route from here to {address}: check this machine's network, VPN or IPv6 "
        "set-up; " + _PROXY_WAY
    ),
    Situation.CONNECT_FAILED: (
        "The connection to {host} port {port} failed: check this machine's network and "
        "firewall; " + _PROXY_WAY
    ),
    Situation.UNTRUSTED: (
        "This machine does not trust the certificate {host} presented. On a network that "
        "inspects TLS (a proxy or firewall re-signing certificates), pass that device's CA "
        "certificate with --ca-bundle PATH or set SSL_CERT_FILE."
    ),
    Situation.UNTRUSTED_CLOCK: (
        "This machine does not trust the certificate {host} presented. On a network that "
        "inspects TLS (a proxy or firewall re-signing certificates), pass that device's CA "
        "certificate with --ca-bundle PATH or set SSL_CERT_FILE. If it says expired, check "
        "this machine's clock too."
    ),
    Situation.HANDSHAKE: (
        "The TLS handshake with {host} was cut off or refused: a proxy, firewall or inspection "
        "device may be interfering with HTTPS. Compare with a browser on this machine, or try "
        "the proxy it uses (--proxy URL)."
    ),
    Situation.NOT_PLATFORM: (
        "The answer from {final_url} is not {platform} data: a proxy, web filter or captive "
        "portal may have answered instead of the vendor. Open that address in a browser on "
        "this machine; if it shows a block page, ask for {host} to be allowed. If the vendor "
        "moved its page, update status_page in a profile of your own."
    ),
    Situation.HTTP_REFUSED: (
        "The page refused this request (HTTP {code}). A web filter or proxy blocking the site "
        "answers like this: ask for {host} to be allowed. If a browser on this machine shows "
        "the page, the vendor may be refusing automated clients."
    ),
    Situation.HTTP_PROXY_AUTH: (
        "The proxy {proxy} asks for credentials (HTTP 407). Put them in the proxy URL "
        "(http://USER:PASSWORD@HOST:PORT), preferably in HTTP_PROXY / HTTPS_PROXY."
    ),
    Situation.HTTP_MISSING: (
        "Nothing is published at {final_url}: check status_page.url and status_page.platform "
        "in the profile (or the --url you gave); the vendor may have moved its page."
    ),
    Situation.HTTP_LIMITED: (
        "The page is limiting how often it may be asked: wait a minute and re-check, or use "
        "--retries N, which honours Retry-After within --timeout."
    ),
    Situation.HTTP_SERVER: (
        "The status page itself is failing (HTTP {code}): on the vendor's side, or in a proxy "
        "in between (502 and 504 often come from a proxy). Re-check in a few minutes; "
        "--retries N tries again within --timeout."
    ),
    Situation.HTTP_OTHER: (
        "The page answered HTTP {code}: open {final_url} in a browser on this machine to see why."
    ),
    Situation.REDIRECTS: (
        "The redirects went round more than {max_redirects} times: a loop, often a captive "
        "portal or a proxy's sign-in page. Open {url} in a browser on this machine to see "
        "where it leads."
    ),
    Situation.BAD_URL: (
        "The page sent us somewhere that is not a web address: open it in a browser and check "
        "status_page.url in the profile (or the --url you gave)."
    ),
    Situation.BROKEN_BODY: (
        "The connection broke while the answer was read: a firewall or TLS-inspecting proxy "
        "cutting connections is the usual cause; check its logs for {host}. --retries N tries "
        "again."
    ),
    Situation.BROKEN_ANSWER: (
        "The connection broke before the answer arrived: a firewall or TLS-inspecting proxy "
        "cutting connections is the usual cause; check its logs for {host}. --retries N tries "
        "again."
    ),
}

_TIMEOUTS = {
    Phase.DNS: Situation.DNS_TIMEOUT,
    Phase.PROXY: Situation.PROXY_TIMEOUT,
    Phase.CONNECT: Situation.CONNECT_TIMEOUT,
    Phase.TLS: Situation.TLS_TIMEOUT,
    Phase.BODY: Situation.BODY_TIMEOUT,
}
# A problem that means the same whatever the phase.
_BY_PROBLEM = {
    Problem.NXDOMAIN: Situation.NXDOMAIN,
    Problem.NOANSWER: Situation.NO_ADDRESS,
    Problem.PROXY_AUTH: Situation.PROXY_AUTH,
    Problem.PROXY_DENIED: Situation.PROXY_DENIED,
    Problem.REDIRECTS: Situation.REDIRECTS,
    Problem.BAD_URL: Situation.BAD_URL,
}
# A problem whose meaning depends on the phase it happened in.
_BY_PHASE_AND_PROBLEM = {
    (Phase.CONNECT, Problem.REFUSED): Situation.REFUSED,
    (Phase.CONNECT, Problem.UNREACHABLE): Situation.NO_ROUTE,
    (Phase.TLS, Problem.UNTRUSTED): Situation.UNTRUSTED,
}
# Anything else, by phase.
_BY_PHASE = {
    Phase.DNS: Situation.DNS_FAILED,
    Phase.PROXY: Situation.PROXY_UNREACHABLE,
    Phase.CONNECT: Situation.CONNECT_FAILED,
    Phase.TLS: Situation.HANDSHAKE,
    Phase.CONTENT: Situation.NOT_PLATFORM,
    Phase.BODY: Situation.BROKEN_BODY,
}
_CLOCK_WORDS = ("expired", "not yet valid")
_BY_HTTP_STATUS = {
    401: Situation.HTTP_REFUSED,
    403: Situation.HTTP_REFUSED,
    451: Situation.HTTP_REFUSED,
    407: Situation.HTTP_PROXY_AUTH,
    404: Situation.HTTP_MISSING,
    410: Situation.HTTP_MISSING,
    429: Situation.HTTP_LIMITED,
}


def situation(failure: Failure, status_code: Optional[int]) -> Situation:
    """The situation a failed probe (and the HTTP status it got, if any) is in."""
    if failure.problem is Problem.TIMEOUT:
        return _TIMEOUTS.get(failure.phase, Situation.ANSWER_TIMEOUT)
    if failure.problem is Problem.STATUS:
        code = status_code or 0
        default = Situation.HTTP_SERVER if code >= 500 else Situation.HTTP_OTHER
        return _BY_HTTP_STATUS.get(code, default)
    found = _BY_PHASE_AND_PROBLEM.get((failure.phase, failure.problem))
    if found is Situation.UNTRUSTED and (
        "expired" in failure.detail or "not yet valid" in failure.detail
    ):
        return Situation.UNTRUSTED_CLOCK
    if found is None and failure.phase is not Phase.CONTENT:
        found = _BY_PROBLEM.get(failure.problem)
    return found or _BY_PHASE.get(failure.phase, Situation.BROKEN_ANSWER)


@dataclass(frozen=True)
class HintFacts:
    """The facts of a probe a hint may name."""

    host: str
    port: int
    nameserver: str
    proxy: str
    address: str
    url: str
    final_url: str
    code: int
    platform: str


def hint_text(failure: Failure, facts: HintFacts, recheck: str) -> str:
    """ST001's hint for ``failure``, ending with the command that checks again."""
    template = HINTS[situation(failure, facts.code or None)]
    text = template.format(max_redirects=MAX_REDIRECTS, **facts.__dict__)
    return f"{text[:1].upper()}{text[1:]} Re-check with: {recheck}"
