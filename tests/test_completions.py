"""Shell completion: static scripts, current with the app, that real shells complete from."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from emailsec_check.cli import main
from tests.conftest import REPO, BuiltWheel

SCRIPTS = REPO / "completions"
FORMATS = {"text", "json", "junit", "prometheus", "markdown"}
# Region ids and aliases of the bundled profiles (Secure Endpoint, Email Threat Defense, Mimecast).
REGIONS = {"americas", "europe", "apjc", "north-america", "eu", "emea", "us"}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_completions", REPO / "scripts" / "gen_completions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


#: (line, some of what TAB must offer), for zsh and fish.
SHELL_CASES = [
    ("emailsec-check st", {"status"}),
    ("emailsec-check status --format ", FORMATS),
    ("emailsec-check datacenter --expect ", REGIONS),
    ("emailsec-check explain ID00", {"ID001", "ID005"}),
    ("emailsec-check identities ", {"users.csv", "my exports"}),
]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A working folder with a file, a folder and a file name with a space."""
    (tmp_path / "users.csv").write_text("email\n")
    (tmp_path / "my exports").mkdir()
    (tmp_path / "entra users.csv").write_text("email\n")
    return tmp_path


# --------------------------------------------------------------------------- the files


def test_shipped_scripts_are_current() -> None:
    expected = _generator().expected()
    assert sorted(path.name for path in expected) == [
        "emailsec-check.bash",
        "emailsec-check.fish",
        "emailsec-check.zsh",
    ]
    for path, text in expected.items():
        assert path.parent == SCRIPTS
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python scripts/gen_completions.py"
        )


def test_check_mode_exit_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = _generator()
    monkeypatch.setattr(generator, "FOLDER", tmp_path / "completions")
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    (tmp_path / "completions" / "emailsec-check.zsh").write_text("stale\n")
    assert generator.main(["--check"]) == 1


def test_scripts_start_no_program() -> None:
    for path in SCRIPTS.glob("emailsec-check.*"):
        lines = path.read_text(encoding="utf-8").splitlines()
        code = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
        assert "_EMAILSEC_CHECK_COMPLETE" not in code
        assert "python" not in code.lower()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_command_prints_the_script(
    capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    assert main(["completion", shell.upper() if shell == "zsh" else shell]) == 0
    out = capsys.readouterr().out
    assert out == (SCRIPTS / f"emailsec-check.{shell}").read_text(encoding="utf-8")


def test_completion_of_an_unknown_shell_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "tcsh"]) == 2
    err = capsys.readouterr().err
    assert "'tcsh' is not one of bash, zsh, fish" in err


def test_a_built_wheel_carries_the_scripts(tmp_path: Path, built_wheel: BuiltWheel) -> None:
    for shell in ("bash", "zsh", "fish"):
        assert f"emailsec_check/_completions/emailsec-check.{shell}" in built_wheel.names
    done = subprocess.run(
        [sys.executable, "-m", "emailsec_check", "completion", "fish"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(built_wheel.site)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (SCRIPTS / "emailsec-check.fish").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- bash

_BASH_DRIVER = r"""
source "$1"
shift
for line in "$@"; do
    read -r -a COMP_WORDS <<< "$line"
    COMP_CWORD=${#COMP_WORDS[@]}
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _emailsec_check
    printf '%s\n' "@@ $line" "${COMPREPLY[@]}"
done
"""


def _bash(cwd: Path, *lines: str) -> dict[str, list[str]]:
    """What bash offers for each line (a trailing space: a new, empty word)."""
    done = subprocess.run(
        [
            shutil.which("bash") or "bash",
            *("--norc", "--noprofile", "-c", _BASH_DRIVER, "driver"),
            str(SCRIPTS / "emailsec-check.bash"),
            *lines,
        ],
        cwd=cwd,
        # No PATH: the script may run nothing, neither emailsec-check nor Python.
        env={"PATH": "/nonexistent", "LC_ALL": "C"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    found: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        if line.startswith("@@ "):
            current = found.setdefault(line[3:], [])
        elif line:
            current.append(line)
    return found


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@needs_bash
def test_bash_completes_commands_options_and_values(files: Path) -> None:
    got = _bash(
        files,
        "emailsec-check st",
        "emailsec-check ",
        "emailsec-check status --format ",
        "emailsec-check datacenter --expect ",
        "emailsec-check datacenter --expect eu",
        # "--format=j": bash's COMP_WORDS has "=" as a word of its own.
        "emailsec-check status --format = j",
        "emailsec-check run --sel",
        "emailsec-check run --select D",
        "emailsec-check explain ID00",
        "emailsec-check explain ide",
        "emailsec-check identities --product am",
        "emailsec-check request --template ",
        "emailsec-check completion ",
        "emailsec-check status --timeout ",
        "emailsec-check status ",
        "emailsec-check profiles mim",
    )
    assert got["emailsec-check st"] == ["status"]
    assert {"status", "datacenter", "identities", "request", "run", "profiles", "explain"} <= set(
        got["emailsec-check "]
    )
    assert set(got["emailsec-check status --format "]) >= FORMATS
    assert set(got["emailsec-check datacenter --expect "]) >= REGIONS
    assert set(got["emailsec-check datacenter --expect eu"]) == {"eu", "europe"}
    assert got["emailsec-check status --format = j"] == ["json", "junit"]
    assert got["emailsec-check run --sel"] == ["--select"]
    assert {"DC", "DC001"} <= set(got["emailsec-check run --select D"])
    assert "ID005" in got["emailsec-check explain ID00"]
    assert got["emailsec-check explain ide"] == ["identities"]  # an area's name lists its checks
    assert {"amp", "amp-for-endpoints"} == set(got["emailsec-check identities --product am"])
    assert "cisco-glo-licensing" in got["emailsec-check request --template "]
    assert got["emailsec-check completion "] == ["bash", "zsh", "fish"]
    assert got["emailsec-check status --timeout "] == []  # a number: nothing to offer
    assert "cisco-secure-endpoint" in got["emailsec-check status "]
    assert "mimecast" in got["emailsec-check profiles mim"]


@needs_bash
def test_bash_completes_file_arguments_as_files(files: Path) -> None:
    got = _bash(
        files,
        "emailsec-check identities ",
        "emailsec-check identities users.csv en",
        "emailsec-check run --output ",
        "emailsec-check status --profiles-dir ",
    )
    assert set(got["emailsec-check identities "]) == {"users.csv", "my exports", "entra users.csv"}
    assert got["emailsec-check identities users.csv en"] == ["entra users.csv"]
    assert "users.csv" in got["emailsec-check run --output "]
    assert got["emailsec-check status --profiles-dir "] == ["my exports"]


@needs_bash
def test_bash_counts_arguments_past_options_and_their_values(files: Path) -> None:
    got = _bash(
        files,
        "emailsec-check identities -p amp users.csv ",
        "emailsec-check explain -f json ",
        "emailsec-check explain ID005 ",
    )
    assert "entra users.csv" in got["emailsec-check identities -p amp users.csv "]
    assert "ID005" in got["emailsec-check explain -f json "]
    assert got["emailsec-check explain ID005 "] == []


# --------------------------------------------------------------------------- zsh

# Drives an interactive zsh in a pseudo-terminal, presses TAB after the line, and
# prints each match the completion system adds. The markers are written in two
# pieces, so the terminal's echo of these lines never looks like a match.
_ZSH_DRIVER = r"""
zmodload zsh/zpty
zpty session zsh -f -i
zpty -w session "PROMPT='' RPROMPT=''"
zpty -w session "fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w session "zstyle ':completion:*' insert-tab false"
zpty -w session "$3"
zpty -w session '_capture_done() { print -r -- "@@""DONE"; exit; }; comppostfuncs=(_capture_done)'
zpty -w session 'bindkey "^I" complete-word'
zpty -n -w session "$2"$'\t'
local line
while zpty -r session line; do
  line=${line//$'\r'/}
  [[ $line == *@@DONE* ]] && break
  [[ $line == *@@MATCH:* ]] && print -r -- ${line#*@@MATCH:}
done
zpty -d session
"""


# A compadd that also prints what it adds (one line: zsh reads each zpty -w as one).
_ZSH_COMPADD = (
    'compadd() { if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; '
    'local -a found; builtin compadd -O found "$@"; local m; '
    'for m in $found; do print -r -- "@@""MATCH:$m"; done; builtin compadd "$@"; }'
)


def _zsh(cwd: Path, line: str) -> list[str]:
    folder = cwd / "zsh-functions"
    folder.mkdir(exist_ok=True)
    shutil.copy(SCRIPTS / "emailsec-check.zsh", folder / "_emailsec-check")
    done = subprocess.run(
        ["zsh", "-f", "-c", _ZSH_DRIVER, "driver", str(folder), line, _ZSH_COMPADD],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(cwd), "TERM": "dumb"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # zsh shows a file name as it would be typed: "my\\ exports".
    return [match.replace("\\ ", " ") for match in done.stdout.splitlines() if match.strip()]


needs_zsh = pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")


@needs_zsh
@pytest.mark.parametrize(("line", "wanted"), SHELL_CASES)
def test_zsh_completes(files: Path, line: str, wanted: set[str]) -> None:
    assert {match.rstrip("/") for match in _zsh(files, line)} >= wanted


# --------------------------------------------------------------------------- fish


def _fish(cwd: Path, line: str) -> list[str]:
    done = subprocess.run(
        [
            "fish",
            "--no-config",
            "-c",
            "source $argv[1]; complete -C $argv[2]",
            str(SCRIPTS / "emailsec-check.fish"),
            line,
        ],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(cwd)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [match.split("\t")[0] for match in done.stdout.splitlines()]


needs_fish = pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")


@needs_fish
@pytest.mark.parametrize(("line", "wanted"), SHELL_CASES)
def test_fish_completes(files: Path, line: str, wanted: set[str]) -> None:
    assert {match.rstrip("/") for match in _fish(files, line)} >= wanted
