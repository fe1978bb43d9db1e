"""``--format nagios``: the Monitoring Plugins output and exit statuses, read as a monitor would."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.model import Report, failed, hinted, passed
from emailsec_check.options import OutputFormat
from emailsec_check.report import RenderOptions, render_text
from emailsec_check.report.nagios import NagiosState, nagios_state
from tests.conftest import Cli
from tests.samples import AWKWARD_SUBJECTS, IDENTITY_CHECK, awkward_report, one, simple_report

GENUINE = "https://console.eu.amp.cisco.com/"
HINTED = "http://console.eu.amp.cisco.com/"
FAILING = "https://console.eu.amp.cisco.com.evil.example/"
SKIPPED = "https://sign-on.security.cisco.com/"

# The guidelines' performance data: 'label'=value[UOM];[warn];[crit];[min];[max], separated
# by spaces; a label with spaces or '=' is quoted with single quotes (a quote doubled inside).
_RANGE = r"@?(?:-?[0-9.]+|~)?(?::(?:-?[0-9.]+)?)?"
_PERF = re.compile(
    r"(?P<label>'(?:[^']|'')+'|[^'= ]+)="
    r"(?P<value>-?[0-9]+(?:\.[0-9]+)?|U)"
    r"(?P<uom>s|ms|us|%|B|KB|MB|TB|c)?"
    rf"(?:;(?P<warn>{_RANGE}))?(?:;(?P<crit>{_RANGE}))?"
    r"(?:;(?P<min>-?[0-9.]*))?(?:;(?P<max>-?[0-9.]*))?"
)
_STATUS_LINE = re.compile(
    r"^EMAILSEC-CHECK (OK|WARNING|CRITICAL|UNKNOWN) - ([^|\n]+?)(?: \| (.*))?$"
)


@dataclass(frozen=True)
class Perf:
    value: float
    uom: str
    minimum: Optional[str]


@dataclass(frozen=True)
class PluginOutput:
    state: str
    summary: str
    perf: dict[str, Perf]
    long: list[str]


def parse_perfdata(text: str) -> dict[str, Perf]:
    found: dict[str, Perf] = {}
    for item in text.split(" "):
        match = _PERF.fullmatch(item)
        assert match is not None, f"not perfdata: {item!r}"
        label = match["label"]
        assert " " not in label
        found[label.strip("'")] = Perf(float(match["value"]), match["uom"] or "", match["min"])
    return found


def parse_plugin(text: str) -> PluginOutput:
    first, *rest = text.rstrip("\n").split("\n")
    match = _STATUS_LINE.match(first)
    assert match is not None, first
    for line in rest:
        assert "|" not in line, line  # long output must not start perfdata
        assert line.isprintable(), repr(line)
    perf = parse_perfdata(match[3]) if match[3] else {}
    return PluginOutput(match[1], match[2], perf, rest)


def _plugin(report: Report, **options: bool) -> PluginOutput:
    return parse_plugin(render_text(report, OutputFormat.NAGIOS, RenderOptions(**options)))


def test_status_line_and_perfdata_by_the_guidelines() -> None:
    report = awkward_report()
    out = _plugin(report)
    assert out.state == "CRITICAL"
    counts = report.summary()
    assert {name: perf.value for name, perf in out.perf.items()} == {
        "pass": counts["pass"],
        "hint": counts["hint"],
        "fail": counts["fail"],
        "skip": counts["skip"],
        "duration": 1.5,
    }
    assert out.perf["duration"].uom == "s"
    assert all(perf.minimum == "0" for perf in out.perf.values())
    assert "2 fail" in out.summary and "DC002" in out.summary


def test_long_output_is_one_line_per_finding_escaped_and_without_pipes() -> None:
    report = awkward_report()
    out = _plugin(report)
    findings = [r for r in report.results if r.status.value != "pass"]
    assert len(out.long) == len(findings)
    assert out.long[0].startswith("HINT DC001 plain.acme.example: message 0")
    assert any(line.startswith("FAIL ZI901 dave@acme.example: no surname (fix: fill it in)")
               for line in out.long)  # fmt: skip
    joined = "\n".join(out.long)
    assert "\\x1b[31mred" in joined and "\x1b" not in joined
    assert "\\u202egnp.exe" in joined
    assert "pipe / and" in joined
    assert len(AWKWARD_SUBJECTS) <= len(out.long)


@pytest.mark.parametrize(
    ("statuses", "state"),
    [
        (["pass"], "OK"),
        (["pass", "skip"], "OK"),
        (["pass", "hint"], "WARNING"),
        (["hint", "skip"], "WARNING"),
        (["pass", "hint", "fail"], "CRITICAL"),
        (["fail", "skip"], "CRITICAL"),
        (["skip", "skip"], "UNKNOWN"),
        ([], "UNKNOWN"),
    ],
)
def test_states(statuses: list[str], state: str) -> None:
    report = simple_report(*(one(status) for status in statuses))
    assert _plugin(report).state == state
    assert nagios_state(report.summary()).name == state


def test_strict_makes_a_hint_critical() -> None:
    report = simple_report(one("hint"))
    assert _plugin(report, strict=True).state == "CRITICAL"
    assert nagios_state(report.summary(), strict=True) is NagiosState.CRITICAL


def test_nothing_decided_says_so() -> None:
    out = _plugin(simple_report(one("skip")))
    assert out.summary.startswith("nothing could be checked")
    assert _plugin(simple_report()).summary.startswith("nothing was checked")


def test_many_alike_findings_fold_unless_all() -> None:
    results = [
        failed(IDENTITY_CHECK, f"u{n}@acme.example", "gone", "remove") for n in range(500)
    ] + [passed(IDENTITY_CHECK, f"p{n}@acme.example", "ok") for n in range(500)]
    report = simple_report(*results)
    out = _plugin(report)
    assert len(out.long) == 11
    assert out.long[-1].startswith("... and 490 more FAIL ZI901")
    assert len(_plugin(report, show_all=True).long) == 500


def test_long_first_finding_is_cut_in_the_status_line() -> None:
    report = simple_report(hinted(IDENTITY_CHECK, "x", "long " * 200, "fix"))
    out = _plugin(report)
    assert len(out.summary) < 250
    assert out.summary.endswith("...")


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("urls", "code", "state"),
    [
        ([GENUINE], 0, "OK"),
        ([GENUINE, HINTED], 1, "WARNING"),
        ([GENUINE, HINTED, FAILING], 2, "CRITICAL"),
        ([SKIPPED], 3, "UNKNOWN"),
    ],
)
def test_exit_status_is_the_state(cli: Cli, urls: list[str], code: int, state: str) -> None:
    result = cli("datacenter", *urls, "--format", "nagios")
    assert result.code == code, result.err
    assert parse_plugin(result.out).state == state
    assert result.err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["datacenter", GENUINE, "--format", "nagios", "--expect", "mars"],
        ["datacenter", GENUINE, "-f", "nagios", "--bogus"],
        ["datacenter", GENUINE, "--format=NAGIOS", "--timeout", "x"],
        ["datacenter", "-fnagios"],
        ["request", "/nonexistent/request.txt", "-f", "nagios"],
    ],
)
def test_input_errors_are_unknown_with_one_line(cli: Cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.code == 3
    lines = result.out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("EMAILSEC-CHECK UNKNOWN - ")
    assert parse_plugin(result.out).state == "UNKNOWN"
    error = result.err.splitlines()
    assert len(error) == 1 and error[0].startswith("emailsec-check: error: ")


def test_internal_error_is_unknown(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom | with a pipe")

    monkeypatch.setattr("emailsec_check.checks.datacenter.check_urls", explode)
    monkeypatch.delenv("EMAILSEC_CHECK_DEBUG", raising=False)
    result = cli("datacenter", GENUINE, "--format", "nagios")
    assert result.code == 3
    assert result.out.startswith("EMAILSEC-CHECK UNKNOWN - internal error (RuntimeError: boom / ")
    assert parse_plugin(result.out).state == "UNKNOWN"
    assert "Traceback" not in result.err


def test_other_formats_keep_exit_2_for_bad_input(cli: Cli) -> None:
    result = cli("datacenter", GENUINE, "--format", "json", "--expect", "mars")
    assert result.code == 2
    assert result.out == ""


def test_changes_only_does_not_go_with_nagios(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "datacenter", GENUINE, "-f", "nagios", "--state", f"{tmp_path}/s.json", "--changes-only"
    )
    assert result.code == 3
    assert "--changes-only" in result.out


# ---------------------------------------------------------------- the README's definitions

_README = Path(__file__).resolve().parent.parent / "README.md"


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "emailsec-check.toml"
    config.write_text(
        f'[[datacenter]]\nname = "consoles"\nurl = "{GENUINE}"\nexpect = "europe"\n\n'
        f'[[datacenter]]\nurl = "{FAILING}"\n',
        encoding="utf-8",
    )
    return config


def _block(language: str) -> str:
    text = _README.read_text(encoding="utf-8")
    start = text.index(f"```{language}\n") + len(language) + 4
    return text[start : text.index("```", start)]


def test_the_readme_nagios_command_definition_runs(cli: Cli, tmp_path: Path) -> None:
    block = _block("nagios")
    line = re.search(r"command_line\s+(.+)", block)
    argument = re.search(r"check_command\s+check_emailsec!(\S+)", block)
    assert line is not None and argument is not None
    words = line[1].replace("$ARG1$", str(_config(tmp_path))).split()
    assert words[0].endswith("/emailsec-check")
    result = cli(*words[1:])
    out = parse_plugin(result.out)
    assert (result.code, out.state) == (2, "CRITICAL")
    assert {"pass", "hint", "fail", "skip", "duration"} <= set(out.perf)


def test_the_readme_icinga_check_command_runs(cli: Cli, tmp_path: Path) -> None:
    block = _block("icinga2")
    command = re.search(r"command = \[(.*?)\]", block)
    assert command is not None
    words = [word.strip().strip('"') for word in command[1].split(",")]
    assert words[0].endswith("/emailsec-check")
    deadline = re.search(r"vars\.emailsec_check_deadline = (\d+)", block)
    assert deadline is not None
    assert '"--config" = {' in block and '"--deadline" = {' in block
    args = [*words[1:], "--config", str(_config(tmp_path)), "--deadline", deadline[1]]
    result = cli(*args)
    assert result.code == 2
    assert parse_plugin(result.out).state == "CRITICAL"
    broken = cli(*words[1:], "--config", str(tmp_path / "missing.toml"))
    assert broken.code == 3
    assert parse_plugin(broken.out).state == "UNKNOWN"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.text(max_size=60), st.text(min_size=1, max_size=40))
def test_any_text_keeps_the_plugin_output_readable(subject: str, message: str, hint: str) -> None:
    report = simple_report(
        failed(IDENTITY_CHECK, subject, message, hint),
        hinted(IDENTITY_CHECK, subject, message, hint),
    )
    out = parse_plugin(render_text(report, OutputFormat.NAGIOS, RenderOptions()))
    assert out.state == "CRITICAL"
    assert len(out.long) == 2
    assert out.perf["fail"].value == 1
