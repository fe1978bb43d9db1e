"""Change reports: ``--state FILE``, ``--changes-only``, and the state file itself."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check import state
from emailsec_check.errors import InputError
from emailsec_check.model import Change, Report, Resolved, Status
from emailsec_check.options import OutputFormat
from emailsec_check.report import RenderOptions, render_text
from tests.conftest import Cli
from tests.samples import one, simple_report

GENUINE = "https://console.eu.amp.cisco.com/"
HINTED = "http://console.eu.amp.cisco.com/"
FAILING = "https://console.eu.amp.cisco.com.evil.example/"


def _json(text: str) -> dict[str, object]:
    document = json.loads(text)
    assert isinstance(document, dict)
    return document


def _changes(document: dict[str, object]) -> list[tuple[str, str]]:
    results = document["results"]
    assert isinstance(results, list)
    return [(item["subject"], item["change"]) for item in results]


# --------------------------------------------------------------------------- the command line


def test_first_run_is_new_and_said_once(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    result = cli("datacenter", GENUINE, FAILING, "-f", "json", "--state", path)
    assert result.code == 1
    notes = result.err.splitlines()
    assert len(notes) == 1 and notes[0].startswith("emailsec-check: note: ")
    assert str(path) in notes[0]
    document = _json(result.out)
    assert {change for _, change in _changes(document)} == {"new"}
    assert document["resolved"] == []
    assert path.read_text(encoding="utf-8").startswith(state.MARKER)


def test_the_state_holds_ids_subjects_statuses_only(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    cli("datacenter", GENUINE, FAILING, "--state", path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert set(document) == {"emailsec-check-state", "results"}
    for entry in document["results"]:
        check_id, subject, group, status = entry
        assert check_id.startswith("DC")
        assert subject in (GENUINE, FAILING)
        assert group is None
        assert status in ("pass", "hint", "fail", "skip")
    assert "phishing" not in path.read_text(encoding="utf-8")  # no messages, no hints
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary left


def test_second_run_is_same_and_changes_only_prints_nothing(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    cli("datacenter", GENUINE, FAILING, "--state", path)
    again = cli("datacenter", GENUINE, FAILING, "-f", "json", "--state", path)
    assert again.err == ""  # nothing to say about the state this time
    assert {change for _, change in _changes(_json(again.out))} == {"same"}
    for fmt in ("text", "json", "junit", "markdown"):
        quiet = cli("datacenter", GENUINE, FAILING, "-f", fmt, "--state", path, "--changes-only")
        assert quiet.out == "" and quiet.err == ""
        assert quiet.code == 1  # the exit status still follows the results


def test_changes_only_with_output_leaves_the_file_alone(cli: Cli, tmp_path: Path) -> None:
    path, report = tmp_path / "state.json", tmp_path / "report.txt"
    cli("datacenter", GENUINE, "--state", path)
    result = cli("datacenter", GENUINE, "--state", path, "--changes-only", "-o", report)
    assert result.code == 0
    assert not report.exists()


def test_a_change_is_reported_and_resolved_listed(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    cli("datacenter", GENUINE, FAILING, "--state", path)
    result = cli("datacenter", GENUINE, HINTED, "-f", "json", "--state", path, "--changes-only")
    assert result.code == 0
    document = _json(result.out)
    assert dict(_changes(document)) == {GENUINE: "same", HINTED: "new"}
    resolved = document["resolved"]
    assert isinstance(resolved, list) and len(resolved) == 1
    assert resolved[0]["subject"] == FAILING
    assert resolved[0]["previous"] == "fail"
    assert resolved[0]["group"] is None
    assert str(resolved[0]["id"]).startswith("DC")
    text = cli("datacenter", GENUINE, "--state", tmp_path / "other.json")
    assert "Resolved since the last run" not in text.out


def test_text_and_markdown_list_what_was_resolved(cli: Cli, tmp_path: Path) -> None:
    for fmt, heading in (("text", "Resolved since the last run\n"), ("markdown", "### Resolved")):
        path = tmp_path / f"{fmt}.json"
        cli("datacenter", GENUINE, FAILING, "--state", path)
        result = cli("datacenter", GENUINE, "-f", fmt, "--state", path)
        assert heading in result.out
        assert FAILING.replace(".", "\\.") in result.out or FAILING in result.out
        assert "was fail" in result.out or "| fail |" in result.out


def test_a_file_that_is_not_a_state_is_never_overwritten(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "emailsec-check.toml"
    config.write_text("[status]\nproducts = []\n", encoding="utf-8")
    before = config.read_bytes()
    for fmt in ("text", "json"):
        result = cli("datacenter", GENUINE, "-f", fmt, "--state", config)
        assert result.code == 2
        assert "not a state file" in result.err
        assert result.out == ""
    assert config.read_bytes() == before


def test_a_damaged_state_is_a_fresh_start_said_once(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(state.MARKER + ', "results": [["DC001", 5', encoding="utf-8")
    result = cli("datacenter", GENUINE, "-f", "json", "--state", path)
    assert result.code == 0
    assert len(result.err.splitlines()) == 1 and "cannot be read" in result.err
    assert {change for _, change in _changes(_json(result.out))} == {"new"}
    assert json.loads(path.read_text(encoding="utf-8"))["results"]  # written afresh


def test_an_empty_state_file_is_a_fresh_start(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.touch()
    result = cli("datacenter", GENUINE, "--state", path)
    assert result.code == 0
    assert path.read_text(encoding="utf-8").startswith(state.MARKER)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_folder_as_state_is_refused_at_once(cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        result = cli("datacenter", GENUINE, "--state", target)
        assert result.code == 2
        assert result.err.startswith("emailsec-check: error: ")


def test_changes_only_needs_state(cli: Cli) -> None:
    result = cli("datacenter", GENUINE, "--changes-only")
    assert result.code == 2
    assert "--state" in result.err


def test_state_may_not_be_an_input(cli: Cli, tmp_path: Path) -> None:
    request = tmp_path / "request.txt"
    request.write_text("Cisco.com ID: jdoe\n", encoding="utf-8")
    result = cli("request", request, "--state", request)
    assert result.code == 2
    assert "not a state file" in result.err
    assert request.read_text(encoding="utf-8") == "Cisco.com ID: jdoe\n"


# --------------------------------------------------------------------------- the comparison


def _previous(statuses: dict[state.Key, Status]) -> state.Previous:
    previous = state.Previous()
    for slot, status in statuses.items():
        previous.add(slot, status)
    return previous


def test_compare_new_same_worse_better_and_resolved() -> None:
    previous = {
        ("DC001", "a", ""): Status.PASS,
        ("DC001", "b", ""): Status.HINT,
        ("DC002", "c", ""): Status.FAIL,
        ("DC007", "d", ""): Status.SKIP,
        ("DC002", "gone", ""): Status.FAIL,
        ("DC001", "gone-pass", ""): Status.PASS,
        ("DC002", "c", "tenant-b"): Status.FAIL,
    }
    report = simple_report(
        one("pass", "a"),
        one("fail", "b"),  # DC002 now: a different check, so new; DC001 b resolved
        one("pass", "c").in_group("tenant-b"),
        one("skip", "d"),
        one("hint", "e"),
    )
    state.compare(report, _previous(previous))
    assert report.changes == [Change.SAME, Change.NEW, Change.NEW, Change.SAME, Change.NEW]
    assert report.resolved == [
        Resolved("DC001", "b", None, Status.HINT),
        Resolved("DC002", "c", None, Status.FAIL),
        Resolved("DC002", "gone", None, Status.FAIL),
        Resolved("DC002", "c", "tenant-b", Status.FAIL),
    ]


def test_worse_and_better_by_severity() -> None:
    report = simple_report(one("hint", "x"), one("pass", "y"), one("skip", "z"))
    previous = {
        ("DC001", "x", ""): Status.PASS,
        ("DC001", "y", ""): Status.HINT,
        ("DC007", "z", ""): Status.FAIL,
    }
    state.compare(report, _previous(previous))
    assert report.changes == [Change.WORSE, Change.BETTER, Change.BETTER]


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    report = simple_report(
        one("fail", "line\nbreak \udcff \u202e"), one("pass", "ok").in_group("g"), one("hint", "h")
    )
    state.save(path, state.remembered(report.results))
    loaded = state.load(path, io.StringIO())
    assert loaded is not None
    assert loaded.others == {
        ("DC002", "line\nbreak \udcff \u202e", ""): Status.FAIL,
        ("DC001", "h", ""): Status.HINT,
    }
    assert loaded.get(("DC001", "ok", "g")) is Status.PASS
    assert loaded.get(("DC001", "ok", "")) is None
    assert path.read_bytes().isascii()


def test_formats_show_changes() -> None:
    report = simple_report(one("fail", "x"), one("pass", "y"))
    state.compare(
        report, _previous({("DC001", "y", ""): Status.PASS, ("DC002", "old", ""): Status.FAIL})
    )
    text = render_text(report, OutputFormat.TEXT, RenderOptions())
    assert "[✗] DC002 x: look-alike [new]" in text
    assert "Resolved since the last run" in text and "DC002 old: was fail" in text
    document = json.loads(render_text(report, OutputFormat.JSON, RenderOptions()))
    assert [item["change"] for item in document["results"]] == ["new", "same"]
    assert document["resolved"] == [
        {"id": "DC002", "subject": "old", "group": None, "previous": "fail"}
    ]


def test_json_without_state_has_no_change_keys() -> None:
    report: Report = simple_report(one("pass"))
    document = json.loads(render_text(report, OutputFormat.JSON, RenderOptions()))
    assert "resolved" not in document
    assert "change" not in document["results"][0]


# --------------------------------------------------------------------------- hostile files


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_after_the_marker_are_a_fresh_start_or_a_state(tail: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.json"
        path.write_bytes(state.MARKER.encode() + tail)
        said = io.StringIO()
        loaded = state.load(path, said)
        assert loaded is None or isinstance(loaded, state.Previous)
        assert said.getvalue().count("\n") == (1 if loaded is None else 0)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=100))
def test_any_other_file_is_refused_or_ours(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.json"
        path.write_bytes(data)
        try:
            state.check_target(path)
        except InputError:
            assert not data.startswith(state.MARKER.encode())
        else:
            assert data.startswith(state.MARKER.encode())


def test_state_and_output_must_differ(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "same.json"
    result = cli("datacenter", GENUINE, "--state", path, "-o", path)
    assert result.code == 2
    assert "same file" in result.err
    assert not path.exists()


def test_a_state_cut_short_is_a_fresh_start(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    state.save(path, state.remembered(simple_report(one("fail", "a"), one("pass", "b")).results))
    whole = path.read_text(encoding="utf-8")
    said = io.StringIO()
    assert state.load(path, said) is not None and said.getvalue() == ""
    for cut in (len(whole) - 3, len(whole) // 2, len(state.MARKER) + 3):
        path.write_text(whole[:cut], encoding="utf-8")
        said = io.StringIO()
        assert state.load(path, said) is None
        assert "cannot be read" in said.getvalue()


def test_odd_combinations_are_refused_before_any_work(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    result = cli("identities", missing, missing, "--changes-only")
    assert result.code == 2
    assert "--state" in result.err and "missing.csv" not in result.err
    same = tmp_path / "same"
    result = cli("request", missing, "--state", same, "-o", same)
    assert result.code == 2 and "same file" in result.err
