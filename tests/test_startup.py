"""Start-up stays light: the offline commands never import the network libraries."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from emailsec_check.app import COMMANDS
from tests.conftest import REPO

HEAVY = ("httpx", "dns", "httpcore", "anyio", "h11", "ssl")

_PROBE = """
import json, sys
from emailsec_check.cli import main
code = main(sys.argv[1:])
loaded = sorted(name for name in {heavy!r} if name in sys.modules)
sys.stderr.write("\\nPROBE " + json.dumps({{"code": int(code), "loaded": loaded}}) + "\\n")
"""


def _probe(*args: str, watch: tuple[str, ...] = HEAVY) -> tuple[int, list[str], str]:
    """Run the CLI with ``args``: its exit code, which ``watch`` modules it loaded, stdout."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    env.pop("EMAILSEC_CHECK_PROFILES", None)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=watch), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    marker = done.stderr.rsplit("PROBE ", 1)
    assert len(marker) == 2, done.stderr
    probe = json.loads(marker[1])
    return probe["code"], probe["loaded"], done.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], 0),
        (["--version"], 0),
        (["explain"], 0),
        (["explain", "DC001"], 0),
        (["profiles"], 0),
        (["profiles", "amp", "--json"], 0),
        (["datacenter", "https://console.eu.amp.cisco.com/"], 0),
        (["datacenter", "https://console.eu.amp.cisco.com.evil.example/", "-f", "junit"], 1),
        (["datacenter", "--help"], 0),
    ],
)
def test_offline_commands_import_no_network_library(args: list[str], code: int) -> None:
    exit_code, loaded, out = _probe(*args)
    assert exit_code == code
    assert out  # the command did its work
    assert loaded == [], f"{' '.join(args)} imported {loaded}"


# What help has no need of: reading profiles, the check catalogue, checks and formats.
NOT_FOR_HELP = (
    "emailsec_check.profiles",
    "emailsec_check.catalogue",
    "emailsec_check.checks",
    "emailsec_check.report",
    "emailsec_check.sources",
    "tomllib",
    "tomli",
)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_reads_no_profile_and_loads_no_check(command: str) -> None:
    exit_code, loaded, out = _probe(*([command] if command else []), "--help", watch=NOT_FOR_HELP)
    assert (exit_code, loaded) == (0, [])
    assert out.startswith("Usage: emailsec-check")


def test_a_command_line_loads_only_the_command_it_names() -> None:  # start-up
    modules = tuple(f"emailsec_check.commands.{name}" for name in COMMANDS)
    exit_code, loaded, _ = _probe("explain", "ID005", watch=modules)
    assert (exit_code, loaded) == (0, ["emailsec_check.commands.explain"])
    exit_code, loaded, _ = _probe("--help", watch=modules)
    assert (exit_code, loaded) == (0, [])  # the listing is app.COMMANDS
    exit_code, loaded, _ = _probe("stauts", watch=modules)
    assert (exit_code, loaded) == (2, sorted(modules))  # every name, for "did you mean"


def test_every_command_module_is_known_to_the_loader() -> None:
    # A command module missing from app.COMMANDS would never be imported, so never run.
    registering = {
        path.stem
        for path in (REPO / "emailsec_check" / "commands").glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
        and any(_registers_a_command(d) for d in node.decorator_list)
    }
    assert registering == set(COMMANDS)


def test_python_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "emailsec_check", "--version"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("emailsec-check ")


# --------------------------------------------------------------------------- Python 3.9


def _command_functions() -> list[tuple[Path, ast.FunctionDef]]:
    found = []
    for path in [
        REPO / "emailsec_check" / "app.py",
        *(REPO / "emailsec_check" / "commands").glob("*.py"),
    ]:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                _registers_a_command(d) for d in node.decorator_list
            ):
                found.append((path, node))
    return found


def _registers_a_command(decorator: ast.expr) -> bool:
    """``@app.command(...)``, ``@app.callback(...)`` or ``@checking_command(...)``."""
    if not isinstance(decorator, ast.Call):
        return False
    func = decorator.func
    if isinstance(func, ast.Attribute):
        return func.attr in ("command", "callback")
    return isinstance(func, ast.Name) and func.id == "checking_command"


def _uses_pep604(annotation: ast.expr) -> bool:
    for node in ast.walk(annotation):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                inner = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                continue
            if _uses_pep604(inner):
                return True
    return False


def test_typer_signatures_work_on_python_39() -> None:
    # Typer evaluates the command functions' annotations when the app is built:
    # `str | None` there fails on Python 3.9, which the contract supports.
    functions = _command_functions()
    assert {node.name for _, node in functions} >= {"datacenter_command", "explain_command"}
    offenders = [
        f"{path.name}:{node.lineno} {node.name}({argument.arg})"
        for path, node in functions
        for argument in node.args.args + node.args.kwonlyargs
        if argument.annotation is not None and _uses_pep604(argument.annotation)
    ]
    assert offenders == []


def test_command_modules_keep_annotations_live() -> None:
    # With `from __future__ import annotations` the annotations become strings, and
    # the Typer releases that Python 3.9 gets drop the Annotated option names then:
    # `run --format` turned into `--fmt` there.
    package = REPO / "emailsec_check"
    modules = [package / "app.py", *sorted((package / "commands").glob("*.py"))]
    offenders = []
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        has_commands = any(
            isinstance(node, ast.FunctionDef)
            and any(_registers_a_command(d) for d in node.decorator_list)
            for node in tree.body
        )
        future = any(
            isinstance(node, ast.ImportFrom) and node.module == "__future__" for node in tree.body
        )
        if has_commands and future:
            offenders.append(path.name)
    assert offenders == []


_GC_PROBE = """
import gc, sys
before = gc.get_threshold()[0]
import emailsec_check.checks.identities, emailsec_check.report, emailsec_check.sources.identities
checks_only = gc.get_threshold()[0]
import emailsec_check.cli
pydantic_later = "pydantic" not in sys.modules
print(before, checks_only, gc.get_threshold()[0], pydantic_later)
"""


def test_the_command_line_sets_the_collector_once_before_typer_loads() -> None:
    """Checks, readers and formats leave the collector alone; the CLI raises it as it loads."""
    from emailsec_check.collector import YOUNG_THRESHOLD

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _GC_PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    before, checks_only, after, pydantic_later = done.stdout.split()
    assert int(checks_only) == int(before) < YOUNG_THRESHOLD
    assert int(after) == YOUNG_THRESHOLD
    assert pydantic_later == "True"  # pydantic (Typer's parameter checks) loads after the tune
