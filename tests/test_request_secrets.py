"""RQ013: a credential in a support request fails and never leaves the tool.

More than a hundred requests, each with one planted secret (a labelled password in many
languages, an Authorization header, a JSON Web Token, user:password, a URL credential,
TOML and JSON keys ...), go through ``emailsec-check request`` in every format and with
``--render``; neither the output nor standard error may hold the secret.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emailsec_check.catalogue import request as rq
from emailsec_check.checks.request import assess_request, mask_secrets, secret_label
from emailsec_check.model import Status
from emailsec_check.profiles import load_profiles
from emailsec_check.rules.hosts import HostRules
from emailsec_check.sources.request.kinds import resolve_kind
from emailsec_check.sources.request.reading import parse_request
from tests.conftest import Cli

DATA = Path(__file__).parent / "data" / "requests"
GLO = (DATA / "glo-licensing.txt").read_text()
FORMATS = ("text", "json", "junit", "markdown", "prometheus", "nagios")

LABELS = (
    "Password", "PW", "Login/PW", "Passwort", "Kennwort", "Mot de passe", "Contraseña",
    "Credentials", "Secret", "API key", "Token", "Authorization", "Session cookie", "Cookie",
    "Admin password", "Pwd", "Client secret", "Access token",
)  # fmt: skip


def _secret(number: int) -> str:
    """A secret that appears nowhere else: letters, digits and a symbol, like a real one."""
    return f"Zq{number:03d}x7Kp9w!"


def _token(number: int) -> str:
    return f"tk{number:03d}A9f3Qz8Lm2Vx"


def _cases() -> list[tuple[str, str, str]]:
    """(name, file suffix, file text) of a request with one planted secret; the secret is
    always the text after the last '|' of the name."""
    cases: list[tuple[str, str, str]] = []
    n = 0
    for label in LABELS:
        for shape in ("{s}", "jdoe / {s}", "Bearer {t}"):
            n += 1
            secret = _token(n) if "{t}" in shape else _secret(n)
            value = shape.format(s=secret, t=secret)
            cases.append((f"label {label}|{secret}", ".txt", f"{GLO}{label}: {value}\n"))
    for label in ("API key", "Bearer", "Token", "Password", "Client secret"):
        n += 1
        secret = _token(n)
        cases.append((f"in a label {label}|{secret}", ".txt", f"{GLO}{label} {secret}: see\n"))
    details = "Issue/Request Details: Applied the licence; no confirmation since.\n"
    in_value = (
        "  Authorization: Bearer {t}\n",
        "  the token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ{t}.c2lnbmF0dXJl was sent\n",
        "  jdoe:{s}\n",
        "  the console is https://jdoe:{s}@console.eu.amp.cisco.com/ here\n",
        "  see https://console.eu.amp.cisco.com/?access_token={t}\n",
        "  we set password={s} for the test\n",
        "  PW: {s}\n",
        "  my GitHub token ghp_{t}{t}\n",
        "  Cookie: session={t}; theme=dark\n",
        "  Kennwort: {s}\n",
    )
    glo_without_details = GLO.replace(GLO.splitlines(keepends=True)[2], "")
    for template in in_value:
        for _ in range(3):
            n += 1
            secret = _token(n) if "{t}" in template else _secret(n)
            line = template.format(s=secret, t=secret)
            order = "Cisco Web Order"
            text = glo_without_details.replace(order, details + line + order)
            text = text.replace("  Applied", "Applied")
            cases.append((f"in a value|{secret}", ".txt", text))
    for place in ("greeting", "between", "sign-off"):
        for line in ("Authorization: Bearer {t}", "jdoe:{s}", "Passwort: {s}"):
            n += 1
            secret = _token(n) if "{t}" in line else _secret(n)
            written = line.format(s=secret, t=secret)
            if place == "greeting":
                text = f"Hello,\n{written}\n\n{GLO}"
            elif place == "between":
                head, tail = GLO.split("End Customer", 1)
                text = f"{head}\n{written}\n\nEnd Customer{tail}"
            else:
                text = f"{GLO}\nKind regards,\nJane Doe\n{written}\n"
            cases.append((f"{place}|{secret}", ".txt", text))
    glo = dict(line.split(": ", 1) for line in GLO.splitlines() if ": " in line[:40])
    for key in ("password", "api_key", "token", "Authorization", "session cookie"):
        n += 1
        secret = _secret(n)
        toml = "".join(f"{json.dumps(k)} = {json.dumps(v)}\n" for k, v in glo.items())
        cases.append((f"toml {key}|{secret}", ".toml", toml + f"{json.dumps(key)} = '{secret}'\n"))
        n += 1
        secret = _secret(n)
        cases.append((f"json {key}|{secret}", ".json", json.dumps({**glo, key: secret})))
    n += 1
    secret = _secret(n)
    portal = (DATA / "mimecast-logon.txt").read_text()
    portal = portal.replace("https://login-eu", f"https://jane:{secret}@login-eu")
    cases.append((f"portal URL|{secret}", ".txt", portal))
    return cases


CASES = _cases()


def test_more_than_a_hundred_secrets_are_planted() -> None:
    secrets = [name.rsplit("|", 1)[1] for name, _suffix, _text in CASES]
    assert len(secrets) > 100 and len(set(secrets)) == len(secrets)
    assert all(secret in text for (_n, _s, text), secret in zip(CASES, secrets))


@pytest.mark.parametrize(("name", "suffix", "text"), CASES, ids=[c[0] for c in CASES])
def test_a_planted_secret_fails_rq013_and_never_leaves(
    cli: Cli, tmp_path: Path, name: str, suffix: str, text: str
) -> None:
    secret = name.rsplit("|", 1)[1]
    path = tmp_path / f"request{suffix}"
    path.write_text(text, encoding="utf-8")
    for fmt in FORMATS:
        result = cli("request", path, "--format", fmt)
        assert secret not in result.out and secret not in result.err, fmt
        if fmt == "json":
            assert result.code == 1, result.err
            found = [r for r in json.loads(result.out)["results"] if r["id"] == "RQ013"]
            assert found and all(r["status"] == "fail" for r in found)
    rendered = cli("request", path, "--render")
    assert rendered.code == 1  # a secret is a fail: no request to paste is printed
    assert secret not in rendered.out and secret not in rendered.err


def test_render_of_a_checked_request_never_writes_a_secret() -> None:
    known = load_profiles(environ={})
    for name, suffix, text in CASES:
        secret = name.rsplit("|", 1)[1]
        doc = parse_request(text.encode(), "r" + suffix, suffix=suffix, kinds=known.request_kinds())
        kind, how = resolve_kind(doc, known)
        assessment = assess_request(doc, kind, HostRules(known), how=how)
        assert secret not in assessment.rendered(), name
        assert any(r.check is rq.SECRET and r.status is Status.FAIL for r in assessment.results)


@pytest.mark.parametrize("label", LABELS)
def test_credential_labels(label: str) -> None:
    assert secret_label(label)


@pytest.mark.parametrize(
    "label",
    ["Cisco.com ID", "Login", "Customer email address", "Product Name", "Issue/Request Details",
     "Web browser and version", "Tenant ID", "Phone", "Passage"],
)  # fmt: skip
def test_ordinary_labels_are_not_credentials(label: str) -> None:
    assert not secret_label(label)


@pytest.mark.parametrize(
    "value",
    ["2026-11-20 14:05 +01:00", "Firefox 128.0", "mailto:jane@acme.example", "14:05 UTC",
     "Basic licensing question", "Bearer authentication fails", "Status:Activated",
     "https://login-eu.mimecast.com/m/secure-messaging/", "jane.doe@acme.example",
     "javascript:alert(1)", "Order 98765432, see SR:12345"],
)  # fmt: skip
def test_ordinary_values_are_left_alone(value: str) -> None:
    assert mask_secrets(value) == value
