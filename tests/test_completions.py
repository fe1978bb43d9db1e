"""Shell completion: the shipped scripts are current, and the program answers a TAB."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO

COMMANDS = ("datacenter", "explain", "profiles")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_completions", REPO / "scripts" / "gen_completions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **extra}
    env.pop("EMAILSEC_CHECK_PROFILES", None)
    return env


def _complete(**variables: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "emailsec_check"],
        capture_output=True,
        text=True,
        env=_env(**variables),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.splitlines()


# --------------------------------------------------------------------------- the files


def test_shipped_scripts_are_current() -> None:
    generator = _generator()
    expected = generator.expected()
    assert sorted(path.name for path in expected) == [
        "emailsec-check.bash",
        "emailsec-check.fish",
        "emailsec-check.zsh",
    ]
    for path, text in expected.items():
        assert path.parent == REPO / "completions"
        assert path.read_text(encoding="utf-8") == text, f"regenerate {path.name}"


def test_check_mode_exit_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = _generator()
    monkeypatch.setattr(generator, "FOLDER", tmp_path / "completions")
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    (tmp_path / "completions" / "emailsec-check.zsh").write_text("stale\n")
    assert generator.main(["--check"]) == 1


def test_script_check_passes_on_the_checkout() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_completions.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_scripts_call_back_into_the_program_instead_of_listing_commands() -> None:
    for path in (REPO / "completions").glob("emailsec-check.*"):
        text = path.read_text(encoding="utf-8")
        assert "_EMAILSEC_CHECK_COMPLETE=complete_" in text
        assert "emailsec-check" in text
        for command in COMMANDS:
            assert command not in text, f"{path.name} lists {command}"


# --------------------------------------------------------------------------- the program answers


def test_bash_completes_a_command_name() -> None:
    words = _complete(
        _EMAILSEC_CHECK_COMPLETE="complete_bash", COMP_WORDS="emailsec-check da", COMP_CWORD="1"
    )
    assert words == ["datacenter"]


def test_bash_lists_every_command() -> None:
    words = _complete(
        _EMAILSEC_CHECK_COMPLETE="complete_bash", COMP_WORDS="emailsec-check ", COMP_CWORD="1"
    )
    assert set(COMMANDS) <= set(words)


def test_bash_completes_options_and_their_values() -> None:
    words = _complete(
        _EMAILSEC_CHECK_COMPLETE="complete_bash",
        COMP_WORDS="emailsec-check datacenter --fo",
        COMP_CWORD="2",
    )
    assert words == ["--format"]
    words = _complete(
        _EMAILSEC_CHECK_COMPLETE="complete_bash",
        COMP_WORDS="emailsec-check datacenter --format ",
        COMP_CWORD="3",
    )
    assert words == ["text", "json", "junit", "prometheus", "markdown"]


def test_explain_completes_check_ids() -> None:
    words = _complete(
        _EMAILSEC_CHECK_COMPLETE="complete_bash",
        COMP_WORDS="emailsec-check explain DC00",
        COMP_CWORD="2",
    )
    assert "DC001" in words and "DC007" in words
    assert all(word.startswith("DC00") for word in words)
    zsh = "\n".join(
        _complete(
            _EMAILSEC_CHECK_COMPLETE="complete_zsh",
            _TYPER_COMPLETE_ARGS="emailsec-check explain DC002",
        )
    )
    assert '"DC002":"Host only looks like a vendor host"' in zsh


def test_zsh_and_fish_answer_too() -> None:
    zsh = "\n".join(
        _complete(_EMAILSEC_CHECK_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="emailsec-check ex")
    )
    assert '"explain"' in zsh
    fish = _complete(
        _EMAILSEC_CHECK_COMPLETE="complete_fish",
        _TYPER_COMPLETE_ARGS="emailsec-check pro",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    assert [line.split("\t")[0] for line in fish] == ["profiles"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_real_bash_sources_the_script_and_completes(tmp_path: Path) -> None:
    shim = tmp_path / "bin" / "emailsec-check"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m emailsec_check "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    script = REPO / "completions" / "emailsec-check.bash"
    program = (
        f"source '{script}'\n"
        "COMP_WORDS=(emailsec-check da)\n"
        "COMP_CWORD=1\n"
        "_emailsec_check_completion emailsec-check da emailsec-check\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        "complete -p emailsec-check\n"
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        env=_env(PATH=f"{shim.parent}{os.pathsep}{os.environ.get('PATH', '')}"),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "datacenter"
    assert "_emailsec_check_completion" in lines[-1]
