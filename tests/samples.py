"""Reports for the format tests: every status, every area, and subjects that break formats."""

from __future__ import annotations

from emailsec_check.catalogue import datacenter as dc
from emailsec_check.model import (
    Area,
    CheckInfo,
    Report,
    Result,
    failed,
    hinted,
    passed,
    skipped,
)
from emailsec_check.options import OutputFormat
from emailsec_check.report import RenderOptions, render_text

# Test-only checks for the areas whose catalogues other modules fill.
STATUS_CHECK = CheckInfo("ZS901", Area.STATUS, "Status page answers", "A test check.")
IDENTITY_CHECK = CheckInfo("ZI901", Area.IDENTITIES, "Login matches", "A test check.")
REQUEST_CHECK = CheckInfo("ZR901", Area.REQUEST, "Field present", "A test check.")

#: Subjects that have broken a report format somewhere: quoting, line breaks, markup,
#: terminal escapes, spreadsheet formulas, look-alike letters, undecodable bytes.
AWKWARD_SUBJECTS = (
    "plain.acme.example",
    'quote " double',
    "quote ' single",
    "back\\slash and \\n literal",
    "line\nbreak\r\nand carriage",
    "tab\there",
    "escape \x1b[31mred\x1b[0m bell \x07 nul \x00 del \x7f",
    "bidi \u202egnp.exe and zero\u200bwidth",
    '=HYPERLINK("https://evil.example","x")',
    "+1+1",
    "-2-2",
    "@SUM(A1)",
    "pipe | and <b>html</b> & amp; *star* _under_ `tick` [link](x)",
    "сisco.com Cyrillic, 日本語, emoji 🙂, combining é",
    "undecodable \udcff byte",
    "",
    "]]> cdata end",
    "{curly} and $dollar",
)


def awkward_report() -> Report:
    """Every status in every area, hints with line breaks, awkward subjects."""
    results: list[Result] = []
    for number, subject in enumerate(AWKWARD_SUBJECTS):
        results.append(
            hinted(
                dc.RECOGNISED,
                subject,
                f"message {number} for {subject}",
                f"hint {number}\nsecond line of the hint for {subject}",
                product="cisco-secure-endpoint",
                region="europe",
            )
        )
    results += [
        passed(dc.RECOGNISED, "https://console.eu.amp.cisco.com/", "fine", product="p", region="r"),
        failed(dc.LOOKALIKE, "https://cisco.com.evil.example/", "looks like", "do not sign in"),
        skipped(dc.GLOBAL_HOST, "https://sign-on.security.cisco.com/", "serves every region"),
        passed(STATUS_CHECK, "https://status.acme.example", "up", product=None, url="u"),
        skipped(STATUS_CHECK, "https://slow.acme.example", "no answer within 10 s"),
        failed(IDENTITY_CHECK, "dave@acme.example", "no surname", "fill it in", email="d"),
        hinted(REQUEST_CHECK, "request.txt", "order number odd", "digits only", kind="k"),
    ]
    return Report(results=results, started=1_700_000_000.25, duration=1.5, command="test")


def simple_report(*results: Result) -> Report:
    return Report(results=list(results), started=1_700_000_000.0, duration=0.25, command="test")


def one(status: str, subject: str = "https://console.eu.amp.cisco.com/") -> Result:
    """A datacenter result with ``status`` (pass, hint, fail, skip)."""
    if status == "pass":
        return passed(dc.RECOGNISED, subject, "recognised", product="p", region="r")
    if status == "hint":
        return hinted(dc.RECOGNISED, subject, "recognised, http", "use https", product="p")
    if status == "fail":
        return failed(dc.LOOKALIKE, subject, "look-alike", "do not sign in", product=None)
    if status == "skip":
        return skipped(dc.GLOBAL_HOST, subject, "global host", product="p", region=None)
    raise ValueError(status)


def rendered(report: Report, fmt: OutputFormat, **options: bool) -> str:
    return render_text(report, fmt, RenderOptions(**options))
