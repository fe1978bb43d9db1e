"""Help reads like a man page: no Python types, two examples, plain error words."""

from __future__ import annotations

import pytest

from emailsec_check.cli import main

COMMANDS = (
    "status",
    "datacenter",
    "identities",
    "request",
    "run",
    "profiles",
    "explain",
    "completion",
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    listing = out.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert sorted(line.split()[0] for line in listing) == sorted(COMMANDS)
    # One line each, whole: no command's summary is cut short or wrapped.
    assert all(len(line) <= 80 and not line.endswith("...") for line in listing)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_python_types_and_ends_in_two_examples(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, err = _run(capsys, *([command] if command else []), "--help")
    assert (code, err) == (0, "")
    for leak in ("<", "list[", "str>", "{", "[[", "]]"):
        assert leak not in out, f"{command or 'emailsec-check'} --help shows {leak!r}"
    examples = out.split("Examples:\n", 1)
    assert len(examples) == 2, f"{command} --help has no examples"
    # Each example: what it does (indented 2), then the command line (indented 4).
    lines = [line for line in examples[1].splitlines() if line.strip()]
    assert [len(line) - len(line.lstrip()) for line in lines] == [2, 4, 2, 4]
    assert all(f"emailsec-check {command}".strip() in line for line in lines[1::2])


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("status", "Usage: emailsec-check status [OPTIONS] [PRODUCT]..."),
        ("datacenter", "Usage: emailsec-check datacenter [OPTIONS] URL..."),
        ("run", "Usage: emailsec-check run [OPTIONS] [CONFIG]"),
        ("request", "Usage: emailsec-check request [OPTIONS] [FILE]"),
        ("explain", "Usage: emailsec-check explain [OPTIONS] [CHECK_ID]"),
        ("identities", "Usage: emailsec-check identities [OPTIONS] CONFIGURED EXPECTED"),
    ],
)
def test_usage_lines_name_arguments_plainly(
    capsys: pytest.CaptureFixture[str], command: str, usage: str
) -> None:
    _, out, _ = _run(capsys, command, "--help")
    assert out.splitlines()[0] == usage


def test_a_bad_format_says_which_values_are_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "datacenter", "--format", "bogus", "console.amp.cisco.com")
    assert (code, out) == (2, "")
    assert err.startswith(
        "emailsec-check: error: invalid value for '--format': 'bogus' is not one of text, json, "
    )
    assert "Value error" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["status", "--timeout", "abc"], "invalid value for '--timeout': "),
        (["status", "--timeout", "0"], "invalid value for '--timeout': "),
        (["status", "--retries", "many"], "invalid value for '--retries': "),
        (["profiles", "--format", "yaml"], "'yaml' is not one of text, json"),
        (["explain", "--format", "xml"], "'xml' is not one of text, json"),
    ],
)
def test_bad_values_are_worded_for_people(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    code, _, err = _run(capsys, *args)
    assert code == 2
    assert says in err
    for programmer_words in ("Value error", "Input should", "float range", "integer range"):
        assert programmer_words not in err
