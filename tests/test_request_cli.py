"""``emailsec-check request``: forms, kinds, --template, --render, junk files, a user's own kind."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli

DATA = Path(__file__).parent / "data" / "requests"
USER_PROFILES = DATA / "profiles"
GLO = "cisco-glo-licensing"
MIMECAST = "mimecast-secure-messaging-support"

#: A good value for every field of the bundled kinds and the user's one, by field label.
GOOD = {
    "Cisco.com ID": "jdoe-acme",
    "Product Name": "Cisco Secure Endpoint",
    "Issue/Request Details": "Applied the licence on 2026-11-16; no confirmation since.",
    "Cisco Web Order ID #": "98765432",
    "End Customer Business Name": "Acme Ltd",
    "Customer Full Name": "Jane Doe",
    "Customer email address": "jane.doe@acme.example",
    "Date and time of the logon attempt": "2026-11-20 14:05 +01:00",
    "URL used to reach the portal": "https://login-eu.mimecast.com/m/secure-messaging/",
    "Web browser and version": "Firefox 128.0",
    "Email address used to log in": "jane.doe@acme.example",
    "Tenant ID": "t-4711",
    "Console URL": "https://console.eu.gateway.acme.example/",
    "Seen at": "2026-11-20 09:00 UTC",
    "Earlier ticket": "4711",
}


def fill(template: str) -> str:
    """The template with a good value after every label it asks for."""
    lines = []
    for line in template.splitlines():
        label = line[:-1]
        lines.append(f"{line} {GOOD[label]}" if line.endswith(":") and label in GOOD else line)
    return "\n".join(lines) + "\n"


def json_results(out: str) -> list[dict[str, object]]:
    results = json.loads(out)["results"]
    assert isinstance(results, list)
    return results


# --------------------------------------------------------------------------- forms and kinds


@pytest.mark.parametrize(
    "name",
    [
        "glo-licensing.txt",
        "glo-licensing.toml",
        "glo-licensing.json",
        "mimecast-logon.txt",
        "mimecast-logon.toml",
    ],
)
def test_complete_requests_pass_in_every_form(cli: Cli, name: str) -> None:
    result = cli("request", DATA / name)
    assert result.code == 0, result.out
    assert "complete, ready to send" in result.out
    assert result.err == ""


def test_incomplete_request_fails_and_names_what_to_fix(cli: Cli) -> None:
    result = cli("request", DATA / "glo-incomplete.txt")
    assert result.code == 1
    assert "RQ002 Issue/Request Details" in result.out and "'TBD'" in result.out
    assert "not ready to send" in result.out


def test_json_report_carries_kind_and_field(cli: Cli) -> None:
    result = cli("request", DATA / "glo-incomplete.txt", "--format", "json")
    assert result.code == 1
    results = json_results(result.out)
    assert {r["area"] for r in results} == {"request"}
    fields = [r["data"]["field"] for r in results]  # type: ignore[index]
    assert fields[0] == "cisco_com_id" and fields[-1] is None
    assert all(r["data"]["kind"] == GLO for r in results)  # type: ignore[index]


def test_kind_option_for_a_file_whose_fields_do_not_tell(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "just-email.txt"
    path.write_text("Email: jane.doe@acme.example\n")
    result = cli("request", path)
    assert result.code == 2
    assert result.out == "" and len(result.err.splitlines()) == 1
    assert "cannot tell which kind" in result.err
    assert GLO in result.err and MIMECAST in result.err
    result = cli("request", path, "--kind", MIMECAST)
    assert result.code == 1 and "RQ001 URL used to reach the portal" in result.out


def test_unknown_kind_lists_the_known_ones(cli: Cli) -> None:
    result = cli("request", DATA / "glo-licensing.txt", "--kind", "printer-repair")
    assert result.code == 2
    assert "--kind: unknown request kind 'printer-repair'" in result.err and GLO in result.err


def test_strict_counts_hints(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "no-zone.txt"
    path.write_text((DATA / "mimecast-logon.txt").read_text().replace(" +01:00", ""))
    assert cli("request", path).code == 0
    assert cli("request", path, "--strict").code == 1


def test_standard_input(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (DATA / "mimecast-logon.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = cli("request", "-")
    assert result.code == 0 and "(<stdin>)" in result.out


# --------------------------------------------------------------------------- --template


@pytest.mark.parametrize("kind", [GLO, MIMECAST])
def test_filled_in_template_passes(cli: Cli, tmp_path: Path, kind: str) -> None:
    template = cli("request", "--template", kind)
    assert template.code == 0 and f"kind: {kind}" in template.out
    blank = tmp_path / "blank.txt"
    blank.write_text(template.out)
    assert cli("request", blank).code == 1  # every field empty
    filled = tmp_path / "filled.txt"
    filled.write_text(fill(template.out))
    result = cli("request", filled)
    assert result.code == 0, result.out
    assert "0 hint, 0 fail" in result.out


def test_template_carries_the_kinds_advice(cli: Cli) -> None:
    out = cli("request", "--template", "cisco glo licensing request").out
    assert "FireAMP/ThreatGrid" in out and "48 hours" in out
    assert "Cisco Web Order ID #:\n" in out


def test_template_to_output_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "new-request.txt"
    result = cli("request", "--template", MIMECAST, "--output", target)
    assert result.code == 0 and result.out == ""
    assert target.read_text().startswith("# Mimecast Secure Messaging support escalation")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--template", "printer-repair"), "--template: unknown request kind"),
        (("--template", GLO, str(DATA / "glo-licensing.txt")), "give it no FILE"),
        ((), "give a request FILE"),
    ],
)
def test_template_and_file_mistakes(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("request", *args)
    assert result.code == 2 and message in result.err


# --------------------------------------------------------------------------- --render


def test_render_prints_the_request_ready_to_paste(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "glo.txt"
    path.write_text(
        "kind: cisco-glo-licensing\n"
        "# a note that is not sent\n"
        "cisco id: jdoe-acme\n"
        "PRODUCT: Cisco Secure Endpoint\n"
        "details: Applied the licence.\n"
        "It did not show up.\n"
        "order number: 9876-5432\n"
        "company: Acme Ltd\n"
        "name: Jane Doe\n"
        "email: Jane Doe <jane.doe@acme.example>\n"
    )
    result = cli("request", path, "--render")
    assert result.code == 0
    assert result.out == (
        "Cisco.com ID: jdoe-acme\n"
        "Product Name: Cisco Secure Endpoint\n"
        "Issue/Request Details: Applied the licence.\n"
        "  It did not show up.\n"
        "Cisco Web Order ID #: 98765432\n"
        "End Customer Business Name: Acme Ltd\n"
        "Customer Full Name: Jane Doe\n"
        "Customer email address: jane.doe@acme.example\n"
    )
    again = tmp_path / "rendered.txt"
    again.write_text(result.out)
    assert cli("request", again).code == 0  # what --render writes reads back whole


def test_render_sends_hints_to_stderr_and_keeps_extras(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "glo.txt"
    path.write_text((DATA / "glo-licensing.txt").read_text() + "Phone: +1 555 0100\n")
    result = cli("request", path, "--render")
    assert result.code == 0
    assert result.out.endswith("Phone: +1 555 0100\n")
    assert result.err.startswith("hint: RQ010 Phone")


def test_render_with_a_failure_prints_the_report(cli: Cli) -> None:
    result = cli("request", DATA / "glo-incomplete.txt", "--render")
    assert result.code == 1
    assert "not ready to send" in result.out and "Cisco.com ID: jdoe" not in result.out


def test_render_strict_refuses_on_hints(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "glo.txt"
    path.write_text((DATA / "glo-licensing.txt").read_text() + "Phone: +1 555 0100\n")
    result = cli("request", path, "--render", "--strict")
    assert result.code == 1 and "RQ010" in result.out


def test_render_to_output_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "paste.txt"
    result = cli("request", DATA / "mimecast-logon.toml", "--render", "--output", target)
    assert result.code == 0 and result.out == ""
    assert target.read_text().startswith("Date and time of the logon attempt: 2026-11-20T14:05")


# --------------------------------------------------------------------------- junk files


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("binary.txt", bytes(range(256)) * 4, "binary data"),
        ("empty.txt", b"", "the request is empty"),
        ("latin1.txt", "Cisco.com ID: jdoé\n".encode("latin-1"), ":1: request file is not UTF-8"),
        ("broken.toml", b'kind = "cisco-glo-licensing"\nemail = \n', ":2: not valid TOML"),
        ("broken.json", b'{"email": "a@acme.example",,}', ":1: not valid JSON"),
        ("list.json", b"[1, 2, 3]", "one object"),
        ("huge.txt", b"Cisco.com ID: jdoe\n" * 60_000, "larger than 1 MiB"),
    ],
)
def test_junk_files_end_in_one_line_and_exit_2(
    cli: Cli, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("request", path)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"emailsec-check: error: {path}") and message in result.err


def test_missing_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("request", tmp_path / "nope.txt")
    assert result.code == 2 and "request file not found" in result.err


# --------------------------------------------------------------------------- a user's own kind


def test_user_profile_adds_a_request_kind(cli: Cli, tmp_path: Path) -> None:
    template = cli("request", "--template", "acme-gateway-ticket", "--profiles-dir", USER_PROFILES)
    assert template.code == 0 and "Acme partner portal" in template.out
    assert cli("request", "--template", "acme-gateway-ticket").code == 2  # not without the dir
    path = tmp_path / "ticket.txt"
    path.write_text(fill(template.out))
    result = cli("request", path, "--profiles-dir", USER_PROFILES, "--format", "json")
    assert result.code == 0, result.out
    by_field = {r["data"]["field"]: r for r in json_results(result.out)}  # type: ignore[index]
    assert by_field["console"]["status"] == "pass"  # the user's own host is genuine
    assert by_field["ticket_ref"]["id"] == "RQ004"


def test_user_kind_from_the_environment_and_recognised_by_fields(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "ticket.txt"
    path.write_text("Tenant: t-4711\nConsole URL: https://console.eu.gateway.acme.example.test/\n")
    result = cli("request", path, env={"EMAILSEC_CHECK_PROFILES": str(USER_PROFILES)})
    assert result.code == 1
    said = " ".join(result.out.split())  # the text report wraps long lines
    assert "Acme Mail Gateway ticket (recognised from its fields)" in said
    assert "only looks like a vendor address" in said


def test_explain_a_request_check(cli: Cli) -> None:
    result = cli("explain", "RQ004")
    assert result.code == 0 and "Spaces and dashes between the digits" in result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_request_file_is_refused_at_once(cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "request.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: reading it would wait forever
    result = cli("request", fifo)
    assert result.code == 2 and result.out == ""
    assert f"{fifo}" in result.err and "not a regular file" in result.err


def test_a_device_as_request_file_is_refused(cli: Cli) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    result = cli("request", "/dev/zero")
    assert result.code == 2 and "/dev/zero" in result.err and "device" in result.err


def test_render_keeps_a_pasted_mails_greeting_and_sign_off_in_place(
    cli: Cli, tmp_path: Path
) -> None:
    body = (DATA / "mimecast-logon.txt").read_text()
    path = tmp_path / "pasted.txt"
    path.write_text(
        "Subject: logon to the secure messaging portal fails\n\n"
        "Hi Mimecast support,\n\n"
        f"{body}\n"
        "Thanks in advance,\nJane Doe\nAcme Ltd\nPhone: +1 555 0100\n"
    )
    report = cli("request", path)
    assert report.code == 0 and "RQ010" not in report.out, report.out
    fields = cli("request", DATA / "mimecast-logon.txt", "--render").out
    result = cli("request", path, "--render")
    assert result.code == 0 and result.err == ""
    assert result.out == (
        "Subject: logon to the secure messaging portal fails\n\nHi Mimecast support,\n\n"
        + fields
        + "\nThanks in advance,\nJane Doe\nAcme Ltd\nPhone: +1 555 0100\n"
    )
