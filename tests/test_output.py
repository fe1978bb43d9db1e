"""``--output``: the report appears whole or not at all, next to where it was asked for."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from emailsec_check.errors import InputError
from emailsec_check.output import check_output_not_input, write_atomic
from tests.conftest import Cli

GENUINE = "https://console.eu.amp.cisco.com/"
FAILING = "https://console.eu.amp.cisco.com.evil.example/"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_the_report_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_atomic(target, iter(["one ", "two\n", "✓ unicode\n"]))
    assert target.read_text(encoding="utf-8") == "one two\n✓ unicode\n"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_written_through_a_temporary_file_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def recording_replace(source: str, destination: str) -> None:
        renames.append((str(source), str(destination)))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", recording_replace)
    target = tmp_path / "metrics.prom"
    write_atomic(target, iter(["x 1\n"]))
    [(source, destination)] = renames
    assert Path(source).parent == tmp_path
    assert Path(source).name.startswith(".metrics.prom.")
    assert Path(source).name.endswith(".tmp")  # the textfile collector reads only *.prom
    assert Path(destination) == target


def test_a_reader_sees_the_old_report_until_the_new_one_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report\n")
    seen: list[str] = []

    def chunks() -> Iterator[str]:
        for number in range(3):
            seen.append(target.read_text())
            yield f"new part {number}\n"

    write_atomic(target, chunks())
    assert seen == ["old report\n"] * 3
    assert target.read_text() == "new part 0\nnew part 1\nnew part 2\n"


def test_no_temporary_file_left_when_rendering_fails(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report\n")

    def broken() -> Iterator[str]:
        yield "half a "
        raise RuntimeError("renderer broke")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken())
    assert os.listdir(tmp_path) == ["report.json"]
    assert target.read_text() == "old report\n"


def test_no_temporary_file_left_when_the_disk_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    target = tmp_path / "report.json"
    with pytest.raises(InputError, match="No space left on device"):
        write_atomic(target, iter(["x"]))
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644, 0o664])
def test_an_existing_reports_mode_is_kept(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "report.prom"
    target.write_text("old\n")
    target.chmod(mode)
    write_atomic(target, iter(["new\n"]))
    assert _mode(target) == mode
    assert target.read_text() == "new\n"


def test_a_new_report_gets_the_umasks_mode(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.prom", iter(["x\n"]))
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "new.prom") == 0o640


def test_missing_folder_and_folder_as_target(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder does not exist"):
        write_atomic(tmp_path / "missing" / "report.json", iter(["x"]))
    with pytest.raises(InputError, match="is a folder"):
        write_atomic(tmp_path, iter(["x"]))
    assert os.listdir(tmp_path) == []


# --------------------------------------------------------------------------- through the CLI


def test_cli_output_file_and_exit_status(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = cli("datacenter", GENUINE, FAILING, "--format", "json", "--output", target)
    assert result.code == 1
    assert result.out == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [item["status"] for item in document["results"]] == ["pass", "fail"]
    assert os.listdir(tmp_path) == ["report.json"]


def test_cli_text_to_a_file_has_unicode_marks_and_no_colour(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    target = tmp_path / "report.txt"
    assert cli("datacenter", GENUINE, "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    assert any(line.startswith("[✓] DC001") for line in text.splitlines())
    assert "\x1b" not in text


def test_cli_relative_output_in_the_current_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("datacenter", GENUINE, "--output", "report.md", "-f", "markdown").code == 0
    assert (tmp_path / "report.md").read_text().startswith("## emailsec-check")


@pytest.mark.parametrize("where", ["missing/report.json", "."])
def test_cli_unusable_output_is_exit_2(cli: Cli, tmp_path: Path, where: str) -> None:
    result = cli("datacenter", GENUINE, "--output", tmp_path / where)
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err
    assert os.listdir(tmp_path) == []


def test_output_into_a_named_pipe_writes_through_and_keeps_the_pipe(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_atomic(fifo, ["one ", "report\n"])
    reader.join(timeout=5)
    assert received == ["one report\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not replaced by a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.fifo"]


def test_output_through_a_symlink_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest-2026.prom"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.prom"
    link.symlink_to(real)
    write_atomic(link, ["new\n"])
    assert link.is_symlink()
    assert real.read_text() == "new\n"


def test_output_to_a_full_device_is_one_line_and_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    full = Path("/dev/full")
    if not full.exists() or full.is_file():
        pytest.skip("no /dev/full device on this machine")
    done = subprocess.run(
        [sys.executable, "-m", "emailsec_check", "datacenter", "console.amp.cisco.com",
         "--output", str(full)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("emailsec-check: error: /dev/full: cannot write report")
    assert not full.is_file()  # the device is still a device


def test_output_to_dev_stdout_goes_down_the_pipe() -> None:
    import subprocess
    import sys

    if not Path("/dev/stdout").exists():
        pytest.skip("no /dev/stdout on this machine")
    done = subprocess.run(
        [sys.executable, "-m", "emailsec_check", "datacenter", "console.amp.cisco.com",
         "--format", "json", "--output", "/dev/stdout"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["pass"] == 1


# --------------------------------------------------------------------------- hardening


def test_the_report_is_written_as_it_is_rendered(tmp_path: Path) -> None:
    """Chunks go out as they come: a long report is never held whole in memory."""
    target = tmp_path / "report.json"
    written: list[int] = []

    def chunks() -> Iterator[str]:
        for _ in range(4):
            yield "x" * 100_000
            [temporary] = tmp_path.glob(".report.json.*.tmp")
            written.append(temporary.stat().st_size)

    write_atomic(target, chunks())
    assert written[-1] >= 300_000  # earlier chunks were on disk while later ones were made
    assert target.stat().st_size == 400_000


def test_a_lone_surrogate_is_written_as_an_escape(tmp_path: Path) -> None:
    target = tmp_path / "rendered.txt"
    write_atomic(target, ["Subject: caf\udce9\n", "Name: \ud800\n"])
    assert target.read_text(encoding="utf-8") == "Subject: caf\\udce9\nName: \\ud800\n"


def test_a_name_over_255_bytes_is_exit_2_naming_it(tmp_path: Path) -> None:
    long_name = "r" * 300 + ".json"
    with pytest.raises(InputError, match="is 305 bytes long") as caught:
        write_atomic(tmp_path / long_name, ["x"])
    assert caught.value.path == str(tmp_path / long_name)
    with pytest.raises(InputError, match="bytes long"):
        write_atomic(tmp_path / ("d" * 256) / "report.json", ["x"])
    assert os.listdir(tmp_path) == []


def test_a_long_name_that_fits_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 250 + ".prom")
    write_atomic(target, ["x 1\n"])
    assert target.read_text() == "x 1\n"
    assert os.listdir(tmp_path) == [target.name]


def test_cli_output_name_too_long_is_one_line_exit_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("datacenter", GENUINE, "--output", tmp_path / ("r" * 300 + ".txt"))
    assert result.code == 2, result.err
    assert "internal error" not in result.err
    assert len(result.err.splitlines()) == 1


def test_a_fifo_nobody_reads_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import emailsec_check.output

    monkeypatch.setattr(emailsec_check.output, "PIPE_GRACE_SECONDS", 0.1)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="nobody reads the pipe") as caught:
        write_atomic(fifo, ["report\n"])
    assert caught.value.path == str(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_cli_fifo_output_with_no_reader_exits_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "emailsec_check", "datacenter", GENUINE, "--output", str(fifo)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "nobody reads the pipe" in done.stderr


def test_dash_means_standard_output(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("datacenter", GENUINE, "--format", "json", "--output", "-")
    assert result.code == 0, result.err
    assert json.loads(result.out)["summary"]["pass"] == 1
    assert os.listdir(tmp_path) == []


def test_write_atomic_to_dash_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_atomic(Path("-"), ["one ", "two\n"])
    assert capsys.readouterr().out == "one two\n"


# --------------------------------------------------------------------------- output is not input


def test_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("email\n")
    with pytest.raises(InputError, match="would replace your input file") as caught:
        check_output_not_input(people, ["-", tmp_path / "other.csv", people])
    assert str(people) in caught.value.message
    assert people.read_text() == "email\n"


def test_output_naming_an_input_another_way_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = tmp_path / "exports" / "people.csv"
    people.parent.mkdir()
    people.write_text("email\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(people)
    hard = tmp_path / "hard.csv"
    os.link(people, hard)
    monkeypatch.chdir(tmp_path)
    for output in (link, hard, Path("exports/../exports/people.csv")):
        with pytest.raises(InputError, match="would replace"):
            check_output_not_input(output, [str(people)])
    with pytest.raises(InputError, match="would replace"):
        check_output_not_input(people, ["latest.csv"])


def test_a_new_or_different_output_is_fine(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("email\n")
    check_output_not_input(tmp_path / "report.json", [people, "-"])
    check_output_not_input(Path("-"), [people])
    check_output_not_input(tmp_path / "people.csv.json", [people])
