"""``--format markdown``: one table row per result, cells that cannot break the table."""

from __future__ import annotations

import pytest

from emailsec_check.model import Report
from emailsec_check.options import OutputFormat
from emailsec_check.report.markdown import cell
from tests.samples import AWKWARD_SUBJECTS, awkward_report, one, rendered, simple_report


def _cells(row: str) -> list[str]:
    """Split a table row at its unescaped pipes, undoing backslash escapes."""
    assert row.startswith("| ") and row.endswith(" |"), row
    cells: list[str] = []
    current = ""
    escaped = False
    for char in row[1:-1]:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += char
    cells.append(current.strip())
    return cells


def _rows(report: Report, **options: bool) -> list[list[str]]:
    """The rows of every result table (one per section), in order."""
    text = rendered(report, OutputFormat.MARKDOWN, **options)
    lines = text.split("\n")
    table: list[list[str]] = []
    for start, line in enumerate(lines):
        if line != "| Status | Check | Subject | Result | How to fix |":
            continue
        assert lines[start + 1] == "|---|---|---|---|---|"
        for row in lines[start + 2 :]:
            if not row:
                break
            table.append(_cells(row))
    return table


def test_one_row_per_result_five_cells_each() -> None:
    report = awkward_report()
    rows = _rows(report)
    assert len(rows) == len(report.results)
    assert all(len(row) == 5 for row in rows)


def test_subjects_come_back_whole_on_one_line() -> None:
    subjects = [row[2] for row in _rows(awkward_report())]
    for subject in AWKWARD_SUBJECTS:
        flat = " ".join(subject.split())
        if not flat.isprintable() or flat[:1] in "=+-@":
            continue  # shown escaped or neutralised: see the tests below
        assert flat in subjects


@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1", "@SUM(A1)", "  =1", "\t=1", "\r\n=1"])
def test_formula_leading_cells_are_neutralised(formula: str) -> None:
    assert cell(formula)[0] == "'"
    assert cell(formula).endswith("1" if "SUM" not in formula else ")")


def test_pipes_line_breaks_and_markup_cannot_break_the_table() -> None:
    assert cell("a|b") == "a\\|b"
    assert cell("a\nb\r\nc") == "a b c"
    assert cell("<script>") == "\\<script\\>"
    assert "\n" not in cell("x\u2028y\x85z")


def test_control_characters_are_shown_escaped() -> None:
    assert "\x1b" not in cell("a\x1b[31mb")
    assert "x1b" in cell("a\x1b[31mb")
    cell("lone \udcff surrogate").encode("utf-8")


def test_statuses_and_summary() -> None:
    report = simple_report(*(one(status) for status in ("pass", "hint", "fail", "skip")))
    text = rendered(report, OutputFormat.MARKDOWN)
    assert text.startswith("## emailsec-check: problems found\n")
    assert "1 pass" in text and "1 hint" in text and "1 fail" in text and "1 skip" in text
    assert [row[0] for row in _rows(report)] == ["✓ pass", "! hint", "✗ **fail**", "– skip"]


def test_verdict_under_strict() -> None:
    report = simple_report(one("hint"))
    assert "no problems" in rendered(report, OutputFormat.MARKDOWN)
    assert "problems found" in rendered(report, OutputFormat.MARKDOWN, strict=True)


def test_passes_fold_above_fifty() -> None:
    fifty = simple_report(*(one("pass", f"https://h{n}.acme.example/") for n in range(50)))
    assert len(_rows(fifty)) == 50
    many = simple_report(
        one("fail"), *(one("pass", f"https://h{n}.acme.example/") for n in range(51))
    )
    rows = _rows(many)
    assert len(rows) == 2
    assert rows[1][1] == "DC001"
    assert rows[1][2] == "51 subjects"
