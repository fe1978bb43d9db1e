"""RQ007: the browser is named with its version (a user-agent string is read too)."""

from __future__ import annotations

import re
from typing import Optional

from emailsec_check.catalogue import request as rq
from emailsec_check.model import Status
from emailsec_check.profiles import RequestField
from emailsec_check.rules.suggest import did_you_mean
from emailsec_check.rules.text import lazy_pattern

from .findings import Context, Finding, fix, shown

__all__ = ["check_browser"]

_BROWSERS = {
    "google chrome": "Chrome", "chrome": "Chrome", "chromium": "Chromium",
    "mozilla firefox": "Firefox", "firefox": "Firefox", "microsoft edge": "Edge", "edge": "Edge",
    "apple safari": "Safari", "safari": "Safari", "opera": "Opera", "brave": "Brave",
    "vivaldi": "Vivaldi", "internet explorer": "Internet Explorer", "ie": "Internet Explorer",
    "samsung internet": "Samsung Internet",
}  # fmt: skip
_BROWSER_NAME = lazy_pattern(
    r"\b("
    + "|".join(re.escape(name) for name in sorted(_BROWSERS, key=len, reverse=True))
    + r")\b",
    re.I,
)
_VERSION = lazy_pattern(
    r"(?<![\w.])(?:v|version\s*)?([0-9]{1,4}(?:\.[0-9]{1,6}){0,4})(?![\w.])(?!\s?-?\s?bit)", re.I
)
_VAGUE = lazy_pattern(r"latest|newest|current|up[ -]?to[ -]?date|recent", re.I)
#: In a user-agent string, the token that names the browser, most specific first.
_AGENT_TOKENS = (
    ("Edg", "Edge"), ("EdgA", "Edge"), ("EdgiOS", "Edge"), ("OPR", "Opera"),
    ("SamsungBrowser", "Samsung Internet"), ("Vivaldi", "Vivaldi"), ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"), ("CriOS", "Chrome"), ("Chrome", "Chrome"), ("Version", "Safari"),
)  # fmt: skip
_GENERAL = "Give the browser's name and version, for example Firefox 128.0 (Help > About)."


def _from_user_agent(text: str) -> Optional[tuple[str, str]]:
    if "mozilla/" not in text.casefold():
        return None
    tokens = dict(re.findall(r"\b([A-Za-z]+)/([0-9]+(?:\.[0-9]+)*)", text))
    for product, name in _AGENT_TOKENS:
        if product in tokens and (product != "Version" or "Safari" in tokens):
            return name, tokens[product]
    return None


def check_browser(item: RequestField, text: str, ctx: Context) -> Finding:
    """RQ007 for one value."""
    agent = _from_user_agent(text)
    if agent is not None:
        return Finding(
            rq.BROWSER, Status.PASS, f"{agent[0]} {agent[1]} (read from the user-agent string)"
        )
    name_match = _BROWSER_NAME().search(text)
    after = text[name_match.end() :] if name_match else text
    version = _VERSION().search(after) or _VERSION().search(text)
    if name_match:
        name = _BROWSERS[name_match.group(1).casefold()]
        if version:
            return Finding(rq.BROWSER, Status.PASS, f"{name} {version.group(1)}")
        vague = _VAGUE().search(text)
        said = f" ({shown(vague.group(), 20)} is not a version number)" if vague else ""
        return Finding(
            rq.BROWSER,
            Status.FAIL,
            f"names {name} but not its version{said}",
            fix(f"Add {name}'s version number.", item, _GENERAL),
        )
    if version:
        first = text.split()[0] if text.split() else text
        near = did_you_mean(first, list(_BROWSERS))
        guess = f"Did you mean {_BROWSERS[near.casefold()]}?" if near else ""
        return Finding(
            rq.BROWSER,
            Status.HINT,
            f"{shown(text)} has a version but names no browser we know",
            fix(guess, item, _GENERAL),
        )
    return Finding(
        rq.BROWSER,
        Status.FAIL,
        f"{shown(text)} names no browser and no version",
        fix("", item, _GENERAL),
    )
