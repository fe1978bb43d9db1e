"""Host rules: genuine only letter for letter, look-alikes caught, junk a verdict (no crash)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.profiles import load_profiles
from emailsec_check.rules.hosts import HostRules, Verdict
from emailsec_check.rules.redact import redact
from emailsec_check.rules.urls import host_of, parse_url, registrable_domain, skeleton
from tests.fakes import random_url_text

RULES = HostRules(load_profiles((), environ={}))
EU = "console.eu.amp.cisco.com"


def _verdict(text: str) -> Verdict:
    return RULES.classify(text).verdict


# --------------------------------------------------------------------------- genuine


@pytest.mark.parametrize("host", sorted(RULES.known))
def test_every_bundled_host_is_genuine_however_it_is_written(host: str) -> None:
    region = RULES.known[host].region
    for text in (
        host,
        host.upper(),
        f"{host}.",
        f"https://{host}",
        f"https://{host}/",
        f"HTTPS://{host.upper()}./",
        f"https://{host}:443/path?query=1#fragment",
        f"//{host}/",
        f"  https://{host}/  ",
        f"https:/{host}",
        f"https:{host}",
    ):
        verdict = RULES.classify(text)
        assert verdict.verdict is Verdict.GENUINE, (text, verdict.reason)
        assert verdict.match is not None and verdict.match.region is region
        assert verdict.url is not None and verdict.url.host == host


def test_parse_keeps_what_the_checks_look_at() -> None:
    url = parse_url("HTTP://User:Pw@Console.EU.amp.cisco.com.:8443/a%20b?q=%41#frag")
    assert url.scheme == "http"
    assert url.scheme_given
    assert url.host == EU
    assert url.port == 8443
    assert url.userinfo == "User:Pw"
    assert url.rest == "/a b?q=A#frag"
    assert not parse_url(EU).scheme_given
    assert parse_url(EU).scheme == "https"


def test_backslash_reads_as_a_slash_like_a_browser() -> None:
    url = parse_url("https://evil.example\\@console.eu.amp.cisco.com/")
    assert url.host == "evil.example"
    assert url.userinfo == ""


def test_fullwidth_letters_and_dots_normalise_like_a_browser() -> None:
    assert parse_url("https://ｃonsole。eu．amp｡cisco.com/").host == EU


# --------------------------------------------------------------------------- look-alikes


@pytest.mark.parametrize(
    ("text", "resembles"),
    [
        # extra labels before or after
        (f"https://x.{EU}/", EU),
        (f"https://{EU}.evil.example/", EU),
        (f"https://{EU}-evil.example/", EU),
        ("https://login-eu.mimecast.com.phish.example/", "login-eu.mimecast.com"),
        # user-info and path tricks: the browser goes to evil.example
        (f"https://{EU}@evil.example/", EU),
        (f"https://{EU}:443@evil.example/", EU),
        (f"https://{EU}%2f@evil.example/", EU),
        (f"https://evil.example\\@{EU}/", EU),
        (f"https://evil.example/{EU}", EU),
        (f"https://evil.example/?next=https://{EU}/", EU),
        (f"https://evil.example#@{EU}", EU),
        ("https://evil.example/login/cisco", "cisco"),
        ("https://evil.example/?brand=Mimecast", "mimecast"),
        # look-alike characters
        ("https://console.eu.amp.сisco.com/", EU),  # Cyrillic с
        ("https://console.eu.amp.cіsco.com/", EU),  # Cyrillic і
        ("https://console.eu.amp.ciscο.com/", EU),  # Greek ο
        ("https://console.eu.amp.c1sco.com/", EU),
        ("https://console.eu.amp.cisc0.com/", EU),
        ("https://login-eu.rnimecast.com/", "login-eu.mimecast.com"),
        ("https://console.eu.amp.ciscos.com/", EU),
        ("https://console.eu.amp-cisco.com/", EU),
        ("https://console.eu.amp.cisco.co/", EU),
        # punycode of those
        ("https://console.eu.amp.xn--isco-k6d.com/", EU),
        ("https://login-eu.xn--mimeast-1jg.com/", "login-eu.mimecast.com"),
        # the vendor's name in someone else's domain
        ("https://cisco-login.example/", "cisco"),
        ("https://secure-mimecast.example/", "mimecast"),
        ("https://mimecast.co.za.evil.example/", "mimecast"),
        # percent-encoded host
        ("https://%63onsole.eu.amp.cisco.com/", EU),
        ("https://console%2eeu.amp.cisco.com/", EU),
    ],
)
def test_lookalikes(text: str, resembles: str) -> None:
    verdict = RULES.classify(text)
    assert verdict.verdict is Verdict.LOOKALIKE, (text, verdict.verdict, verdict.reason)
    assert verdict.reason
    assert verdict.resembles in (resembles, None) or resembles in verdict.reason


def test_genuine_host_behind_a_user_name_is_still_genuine() -> None:
    # The browser goes to the genuine host; the user name is a hint for the check.
    verdict = RULES.classify(f"https://evil.example:443@{EU}/")
    assert verdict.verdict is Verdict.GENUINE
    assert verdict.url is not None and verdict.url.userinfo == "evil.example:443"


# --------------------------------------------------------------------------- unknown and invalid


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("https://www.cisco.com/", "a host in cisco.com"),
        ("https://console.eu.arnp.cisco.com/", "a host in cisco.com"),
        ("https://portal.acme.example/", "not a host of any known product"),
        ("https://bücher.example/", "not a host of any known product"),
        ("https://192.0.2.1/", "IP address"),
        ("https://[2001:db8::1]:443/", "IP address"),
        ("https://2130706433/", "IP address"),
        ("https://0x7f.1/", "IP address"),
        ("localhost", "not a host of any known product"),
    ],
)
def test_unknown_hosts(text: str, words: str) -> None:
    verdict = RULES.classify(text)
    assert verdict.verdict is Verdict.UNKNOWN, (text, verdict.reason)
    assert words in verdict.reason


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("https://console.eu amp.cisco.com/", "spaces or control characters"),
        ("https://console.eu.amp.cisco.com/\x1b[31m", "spaces or control characters"),
        ("https://console.eu.amp.cisco.com/\u202e", "spaces or control characters"),
        ("https://con\u00adsole.eu.amp.cisco.com/", "spaces or control characters"),
        ("javascript:alert(document.cookie)", "'javascript' is not a web address"),
        ("JavaScript://console.eu.amp.cisco.com/%0aalert(1)", "'javascript'"),
        ("data:text/html,cisco", "'data'"),
        ("file:///etc/passwd", "'file'"),
        ("ftp://console.eu.amp.cisco.com/", "'ftp'"),
        ("mailto:dave@acme.example", "'mailto'"),
        ("wss://console.eu.amp.cisco.com/", "'wss'"),
        ("gopher://console.eu.amp.cisco.com/", "'gopher'"),
        ("https://", "no host name"),
        ("https:///", "no host name"),
        ("https://:443/", "no host name"),
        ("https://user@/", "no host name"),
        ("https://console.eu.amp.cisco.com:0/", "port"),
        ("https://console.eu.amp.cisco.com:65536/", "port"),
        ("https://console.eu.amp.cisco.com:https/", "port"),
        ("https://console.eu.amp.cisco.com:-1/", "port"),
        ("https://[::1", "not a URL"),
        ("https://[::1]junk/", "junk after the address"),
        ("https://console.eu.amp.cisco.com../", "empty label"),
        ("https://.console.eu.amp.cisco.com/", "empty label"),
        ("https://-bad-.example/", "not a valid host name"),
        ("https://" + "a" * 64 + ".example/", "not a valid host name"),
        ("https://" + "a." * 130 + "example/", "not a valid host name"),
        ("https://" + "a" * 5000 + ".example/", "longer than 4096"),
    ],
)
def test_invalid(text: str, words: str) -> None:
    verdict = RULES.classify(text)
    assert verdict.verdict is Verdict.INVALID, (text, verdict.verdict, verdict.reason)
    assert words in verdict.reason


# --------------------------------------------------------------------------- helpers


def test_skeleton_folds_lookalike_spellings_together() -> None:
    assert skeleton("сisco") == skeleton("cisco") == skeleton("c1sco") == skeleton("xn--isco-k6d")
    assert skeleton("rnimecast") == skeleton("mimecast")
    assert skeleton("CISCO") == skeleton("cisco")
    assert skeleton("xn--broken-punycode-!") == "xn--broken-punycode-i"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "https://admin:hunter2@console.eu.amp.cisco.com/",
            "https://admin:***@console.eu.amp.cisco.com/",
        ),
        ("admin:hunter2@console.eu.amp.cisco.com", "admin:***@console.eu.amp.cisco.com"),
        ("//u:p@x.example/a:b@c", "//u:***@x.example/a:b@c"),
        ("https://a:b:c@d@x.example/", "https://a:***@x.example/"),
        ("https://TOKEN@x.example/", "https://***@x.example/"),
        ("https://x.example/?login=u:p@x", "https://x.example/?login=u:p@x"),
        ("https://u:@x.example/", "https://u:@x.example/"),
        ("", ""),
    ],
)
def test_passwords_are_redacted_from_what_reports_show(text: str, shown: str) -> None:
    assert redact(text) == shown


def test_registrable_domain() -> None:
    assert registrable_domain(EU) == "cisco.com"
    assert registrable_domain("za-smtp-inbound-1.mimecast.co.za") == "mimecast.co.za"
    assert registrable_domain("localhost") == "localhost"


def test_rules_from_an_empty_profile_set_still_classify() -> None:
    from emailsec_check.profiles import ProfileSet

    rules = HostRules(ProfileSet([]))
    assert rules.classify(f"https://{EU}/").verdict is Verdict.UNKNOWN
    assert rules.classify("javascript:x").verdict is Verdict.INVALID


# --------------------------------------------------------------------------- never a crash


def test_random_input_is_always_a_verdict() -> None:
    generator = random.Random(20261122)
    for _ in range(4000):
        text = random_url_text(generator)
        verdict = RULES.classify(text)
        assert isinstance(verdict.verdict, Verdict)
        assert verdict.reason
        if verdict.verdict is Verdict.GENUINE:
            assert verdict.url is not None and verdict.url.host in RULES.known
        if verdict.verdict is not Verdict.INVALID:
            assert verdict.url is not None
            assert verdict.url.host not in RULES.known or verdict.verdict is Verdict.GENUINE


# --------------------------------------------------------------------------- properties

_URLISH = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abcio.:/@?#%[]\\-_0123456789")), st.characters(), st.just("١")
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), _URLISH, _URLISH.map(lambda s: "https://" + s)))
def test_parse_url_fails_only_with_a_value_error(text: str) -> None:
    try:
        url = parse_url(text)
    except ValueError as error:
        assert str(error)
        assert host_of(text) is None
        return
    # A parsed host reads back as itself: normalising twice changes nothing.
    assert host_of(url.host) in (url.host, None)
    assert url.port is None or 0 < url.port < 65536
    assert RULES.classify(text).verdict is not Verdict.INVALID or url.host


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(RULES.known)), st.lists(st.booleans(), min_size=60, max_size=60))
def test_a_genuine_host_in_any_letter_case_is_genuine(host: str, upper: list[bool]) -> None:
    mixed = "".join(c.upper() if up else c for c, up in zip(host, upper))
    verdict = RULES.classify(mixed)
    assert verdict.verdict is Verdict.GENUINE
    assert verdict.match is RULES.known[host]


@pytest.mark.parametrize(
    "text",
    [
        "https://admin:S3cr3tPW@console.amp.cisco.com\u2100/",  # ℀ changes under NFKC
        "https://admin:S3cr3tPW@[::1/",
        "https://admin:S3cr3tPW@console.amp.cisco.com:\u0661\u0662/",
    ],
)
def test_reasons_never_repeat_the_user_information(text: str) -> None:
    verdict = RULES.classify(text)
    assert verdict.verdict is Verdict.INVALID
    assert "S3cr3tPW" not in verdict.reason and "admin" not in verdict.reason
