"""Shared fixtures: run the command line in-process and capture what it prints."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from emailsec_check.cli import main

REPO = Path(__file__).resolve().parent.parent


@dataclass
class CliResult:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str | Path, env: dict[str, str] | None = None) -> CliResult:
        for key, value in (env or {}).items():
            self.monkeypatch.setenv(key, value)
        self.capsys.readouterr()
        code = main([str(arg) for arg in args])
        captured = self.capsys.readouterr()
        return CliResult(int(code), captured.out, captured.err)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """``cli("datacenter", url)`` -> CliResult(code, out, err), run in this process."""
    monkeypatch.delenv("EMAILSEC_CHECK_PROFILES", raising=False)
    monkeypatch.delenv("EMAILSEC_CHECK_CONFIG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return Cli(capsys, monkeypatch)


def run_args(*args: str | Path) -> Sequence[str]:
    return [str(arg) for arg in args]


@dataclass(frozen=True)
class BuiltWheel:
    """The project's wheel, built once for the test session, and unpacked."""

    names: list[str]  # the wheel's members
    site: Path  # where it is unpacked: put it on PYTHONPATH to run the installed tool


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> BuiltWheel:
    """Build the wheel (without network: hatchling must be installed) and unpack it."""
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling installed")
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(folder / "dist")],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    [wheel] = (folder / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(folder / "site")
    return BuiltWheel(names, folder / "site")
