"""``--format text``: doctor-style marks, hints under their result, safe on any terminal."""

from __future__ import annotations

import io

import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.commands.common import ReportOptions, emit
from emailsec_check.environment import Environment
from emailsec_check.model import Report, failed, passed
from emailsec_check.options import OutputFormat
from emailsec_check.report import RenderOptions, render_text
from tests.samples import IDENTITY_CHECK, awkward_report, one, rendered, simple_report


class _Terminal(io.TextIOWrapper):
    """A stdout that says it is a terminal, in the encoding asked for."""

    def __init__(self, encoding: str = "utf-8", tty: bool = True) -> None:
        super().__init__(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def text(self) -> str:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue().decode(self.encoding)


def _text(report: Report, **options: bool) -> str:
    return rendered(report, OutputFormat.TEXT, **options)


def test_a_mark_per_status_and_the_hint_indented_under_its_result() -> None:
    report = simple_report(*(one(status) for status in ("pass", "hint", "fail", "skip")))
    lines = _text(report).split("\n")
    assert lines[0] == "Console URLs and datacenters"
    assert lines[1].startswith("[✓] DC001 https://console.eu.amp.cisco.com/: recognised")
    assert lines[2].startswith("[!] DC001 ")
    assert lines[3] == "    → use https"
    assert lines[4].startswith("[✗] DC002 ")
    assert lines[5] == "    → do not sign in"
    assert lines[6].startswith("[–] DC007 ")
    assert lines[7] == ""
    assert lines[8] == "1 pass, 1 hint, 1 fail, 1 skip (problems found, 0.2s)"
    assert lines[9] == "What DC002 means and how to fix it: emailsec-check explain DC002"


def test_ascii_marks() -> None:
    report = simple_report(*(one(status) for status in ("pass", "hint", "fail", "skip")))
    text = _text(report, unicode=False)
    assert text.isascii()
    assert [line[:3] for line in text.split("\n") if line.startswith("[")] == [
        "[+]",
        "[!]",
        "[x]",
        "[-]",
    ]
    assert "    -> use https" in text


def test_summary_verdicts() -> None:
    assert "(no problems, " in _text(simple_report(one("hint")))
    assert "(problems found, " in _text(simple_report(one("hint")), strict=True)
    assert "(nothing could be checked, " in _text(simple_report())
    assert "(nothing could be checked, " in _text(simple_report(one("skip"), one("skip")))
    assert "(no problems, " in _text(simple_report(one("skip"), one("pass")))


def test_multi_line_hint_stays_indented() -> None:
    text = _text(awkward_report())
    assert "    → hint 0\n      second line of the hint for plain.acme.example\n" in text


def test_no_terminal_control_character_reaches_the_terminal() -> None:
    text = _text(awkward_report())
    for line in text.split("\n"):
        assert line.isprintable(), repr(line)
    assert "escape \\x1b[31mred\\x1b[0m bell \\x07 nul \\x00 del \\x7f" in text
    assert "bidi \\u202egnp.exe and zero\\u200bwidth" in text
    assert "undecodable \\udcff byte" in text
    assert "line\\nbreak\\r\\nand carriage" in text  # a subject is one line


def test_colour_only_when_asked() -> None:
    report = simple_report(one("fail"))
    assert "\x1b[" not in _text(report)
    coloured = _text(report, color=True)
    assert "\x1b[31m[✗]\x1b[0m" in coloured


def test_passes_fold_above_fifty() -> None:
    fifty = simple_report(*(one("pass", f"https://h{n}.acme.example/") for n in range(50)))
    assert _text(fifty).count("[✓]") == 50
    many = simple_report(
        *(one("pass", f"https://h{n}.acme.example/") for n in range(51)), one("fail")
    )
    text = _text(many)
    assert text.count("[✓]") == 1
    assert "51 passed" in text
    assert "51 pass, 0 hint, 1 fail" in text


def test_quiet_leaves_passes_out_but_counts_them() -> None:
    text = _text(simple_report(one("pass"), one("fail")), quiet=True)
    assert "[✓]" not in text
    assert "1 pass, 0 hint, 1 fail" in text


# --------------------------------------------------------------------------- terminal rules


def _env(terminal: _Terminal, **environ: str) -> Environment:
    return Environment(environ=environ, stdout=terminal)


def test_use_color_needs_a_terminal_and_no_no_color() -> None:
    assert _env(_Terminal(tty=True)).use_color(None)
    assert not _env(_Terminal(tty=False)).use_color(None)
    assert not Environment(environ={}, stdout=io.StringIO()).use_color(None)
    assert not _env(_Terminal(tty=True), NO_COLOR="1").use_color(None)
    # set but empty: no-color.org says it does not count
    assert _env(_Terminal(tty=True), NO_COLOR="").use_color(None)


def test_color_options_and_force_color_win() -> None:
    assert _env(_Terminal(tty=False), FORCE_COLOR="1").use_color(None)
    assert not _env(_Terminal(tty=True), FORCE_COLOR="1", NO_COLOR="1").use_color(None)
    assert _env(_Terminal(tty=False), NO_COLOR="1").use_color(True)
    assert not _env(_Terminal(tty=True)).use_color(False)


def test_can_encode() -> None:
    assert _env(_Terminal("utf-8")).can_encode("✓✗–→")
    assert not _env(_Terminal("ascii")).can_encode("✓✗–→")
    assert not _env(_Terminal("latin-1")).can_encode("✓")
    assert _env(_Terminal("ascii")).can_encode("plain")


def _emit(terminal: _Terminal, report: Report, **environ: str) -> tuple[int, str]:
    try:
        emit(report, ReportOptions(), _env(terminal, **environ))
    except typer.Exit as exit_:  # emit always ends this way
        return int(exit_.exit_code), terminal.text()


def test_emit_on_a_colour_terminal() -> None:
    code, text = _emit(_Terminal(), simple_report(one("fail")))
    assert code == 1
    assert "\x1b[31m" in text


def test_emit_with_no_color() -> None:
    code, text = _emit(_Terminal(), simple_report(one("pass")), NO_COLOR="1")
    assert code == 0
    assert "\x1b" not in text
    assert "[✓]" in text


def test_emit_to_a_pipe_has_no_colour() -> None:
    _, text = _emit(_Terminal(tty=False), simple_report(one("fail")))
    assert "\x1b" not in text


def test_emit_on_an_ascii_console_uses_ascii_marks() -> None:
    report = simple_report(one("pass"), one("fail", "https://сisco.com.evil.example/"))
    code, text = _emit(_Terminal("ascii"), report, NO_COLOR="1")
    assert code == 1
    assert text.startswith("Console URLs and datacenters\n[+] DC001")
    assert "[x] DC002 https://\\u0441isco.com.evil.example/" in text
    assert "    -> do not sign in" in text


# ------------------------------------------------------------------ a report people can scan


def _options(**values: object) -> RenderOptions:
    return RenderOptions(**values)  # type: ignore[arg-type]


def _plain(report: Report, **values: object) -> str:
    return render_text(report, OutputFormat.TEXT, _options(**values))


def test_a_heading_per_area_and_config_block() -> None:
    report = simple_report(
        one("pass"),
        failed(IDENTITY_CHECK, "a@acme.example", "gone", "remove it").in_group("tenant-a"),
        failed(IDENTITY_CHECK, "b@acme.example", "gone", "remove it").in_group("tenant-b"),
        one("fail"),
    )
    lines = _plain(report).split("\n")
    assert lines[0] == "Console URLs and datacenters"
    assert lines[1].startswith("[✓] DC001") and lines[2].startswith("[✗] DC002")
    assert "Identities — tenant-a" in lines
    assert "Identities - tenant-b" in _plain(report, unicode=False).split("\n")
    a, b = lines.index("Identities — tenant-a"), lines.index("Identities — tenant-b")
    assert lines[a + 1].startswith("[✗] ZI901 a@acme.example") and lines[b - 1] == ""


def test_lines_are_wrapped_to_the_width_with_the_fix_indented() -> None:
    words = " ".join(f"word{n}" for n in range(60))
    report = simple_report(failed(IDENTITY_CHECK, "x@acme.example", words, words + " fix"))
    for width in (40, 80, 100):
        lines = _plain(report, width=width).split("\n")
        body = [line for line in lines if line.startswith(("[", "    "))]
        assert len(body) > 3
        assert all(len(line) <= width for line in body), width
        result_start = next(n for n, line in enumerate(lines) if line.startswith("[✗]"))
        assert lines[result_start + 1].startswith("    word")  # continuation indented
        fix = next(n for n, line in enumerate(lines) if line.startswith("    → "))
        assert lines[fix + 1].startswith("      ")  # the fix's own continuation under it


def test_a_long_url_is_not_broken() -> None:
    url = "https://console.eu.amp.cisco.com/" + "a" * 150
    text = _plain(simple_report(one("fail", url)), width=60)
    assert url in text


def test_passes_carry_no_notes() -> None:
    result = passed(IDENTITY_CHECK, "p@acme.example", "fine\nnote about Focused", email="p")
    text = _plain(simple_report(result))
    assert "[✓] ZI901 p@acme.example: fine" in text
    assert "Focused" not in text


def test_a_fix_shared_by_a_run_of_results_is_said_once_after_it() -> None:
    report = simple_report(
        *(
            failed(IDENTITY_CHECK, f"u{n}@acme.example", "gone", "Remove the login.")
            for n in range(3)
        ),
        failed(IDENTITY_CHECK, "v@acme.example", "gone", "Something else."),
    )
    lines = _plain(report).split("\n")
    assert lines.count("    → Remove the login.") == 1
    assert lines.index("    → Remove the login.") == 4  # after the third result
    assert lines[6] == "    → Something else."


def test_a_fix_that_repeats_the_message_is_not_said_twice() -> None:
    report = simple_report(
        failed(IDENTITY_CHECK, "a@acme.example", "Give the first and last name", "Give the "
               "first and last name. Ask the person. Ask the person."),
        failed(IDENTITY_CHECK, "b@acme.example", "Same words here", "same words here"),
    )  # fmt: skip
    text = _plain(report)
    assert "→ Ask the person.\n" in text
    assert text.count("Ask the person") == 1
    assert text.count("first and last name") == 1
    assert text.count("ame words here") == 1


def test_more_than_twenty_alike_findings_fold_unless_all() -> None:
    many = [failed(IDENTITY_CHECK, f"u{n}@acme.example", "gone", "Remove.") for n in range(21)]
    report = simple_report(*many, one("fail"))
    text = _plain(report)
    assert text.count("[✗] ZI901") == 10
    assert "… and 11 more ZI901 fails like these (--all lists every line" in text
    assert "[✗] DC002" in text
    assert "21 fail" not in text and "22 fail" in text  # the summary counts everything
    assert _plain(report, show_all=True).count("[✗] ZI901") == 21
    twenty = simple_report(*many[:20])
    assert _plain(twenty).count("[✗] ZI901") == 20
    assert "..." in _plain(report, unicode=False)


def test_the_last_line_points_to_explain_for_the_first_fail() -> None:
    report = simple_report(one("hint"), one("fail"), one("skip"))
    assert _plain(report).rstrip("\n").split("\n")[-1] == (
        "What DC002 means and how to fix it: emailsec-check explain DC002"
    )
    hints = _plain(simple_report(one("pass"), one("hint")))
    assert hints.rstrip("\n").endswith("emailsec-check explain DC001")
    assert "explain" not in _plain(simple_report(one("pass"), one("skip")))


def test_fail_on_skip_changes_the_verdict_only_when_something_was_decided() -> None:
    assert "(nothing could be checked, " in _plain(simple_report(one("skip")), fail_on_skip=True)
    assert "(no problems, " in _plain(simple_report(one("pass")), fail_on_skip=True)


def test_markdown_has_the_same_sections_verdict_and_pointer() -> None:
    report = simple_report(
        one("fail"), failed(IDENTITY_CHECK, "=cmd@acme.example", "m", "h").in_group("t")
    )
    text = render_text(report, OutputFormat.MARKDOWN, RenderOptions())
    assert "### Console URLs and datacenters\n" in text
    assert "### Identities — t\n" in text
    assert "| '=cmd@acme.example |" in text
    assert text.endswith("`emailsec-check explain DC002`\n")
    nothing = render_text(simple_report(one("skip")), OutputFormat.MARKDOWN, RenderOptions())
    assert nothing.startswith("## emailsec-check: nothing could be checked\n")


def test_quiet_leaves_out_a_section_with_nothing_to_show() -> None:
    report = simple_report(one("pass"), failed(IDENTITY_CHECK, "a@acme.example", "gone", "fix"))
    text = _plain(report, quiet=True)
    assert "Console URLs and datacenters" not in text
    assert text.startswith("Identities\n[✗] ZI901")
    assert _plain(simple_report(one("pass")), quiet=True).startswith("\n1 pass, 0 hint")


def test_a_pass_is_shown_without_the_notes_it_carries() -> None:
    result = passed(
        IDENTITY_CHECK,
        "p@acme.example",
        "fine (Run to comply.)",
        email="p",
        notes=["Run to comply."],
    )
    other = passed(IDENTITY_CHECK, "q@acme.example", "fine (kept)", email="q", notes=["other"])
    text = _plain(simple_report(result, other))
    assert "[✓] ZI901 p@acme.example: fine\n" in text
    assert "[✓] ZI901 q@acme.example: fine (kept)\n" in text  # not its notes: left as it is
    markdown = render_text(simple_report(result), OutputFormat.MARKDOWN, RenderOptions())
    assert "Run to comply" not in markdown
    document = render_text(simple_report(result), OutputFormat.JSON, RenderOptions())
    assert "Run to comply" in document


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=160))
def test_a_fix_only_ever_loses_repeats(message: str, hint: str) -> None:
    from emailsec_check.report.common import fix_text

    fix = fix_text(message, hint)
    if fix is None:
        return
    assert fix.strip()
    assert len(fix) <= len(hint.strip())
    assert set(fix.split()) <= set(hint.split())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["pass", "hint", "fail", "skip"]), max_size=80), st.booleans())
def test_folding_keeps_the_count_of_every_result(statuses: list[str], quiet: bool) -> None:
    from emailsec_check.report.common import Folded, rows, sections

    report = simple_report(*(one(status, f"s{n}") for n, status in enumerate(statuses)))
    options = RenderOptions(quiet=quiet, fold_passes_over=5, fold_alike_over=4, fold_keep=2)
    counted = 0
    for section in sections(report):
        for row in rows(report, section, options, whole=True):
            counted += row.more if isinstance(row, Folded) else 1
    assert counted == sum(1 for s in statuses if not (quiet and s == "pass"))
