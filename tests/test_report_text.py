"""``--format text``: doctor-style marks, hints under their result, safe on any terminal."""

from __future__ import annotations

import io

import typer

from emailsec_check.commands.common import ReportOptions, emit
from emailsec_check.environment import Environment
from emailsec_check.model import Report
from emailsec_check.options import OutputFormat
from tests.samples import awkward_report, one, rendered, simple_report


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
    return Environment(environ=environ, stdout=terminal)  # type: ignore[arg-type]


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
