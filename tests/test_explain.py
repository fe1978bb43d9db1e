"""``explain`` and ``profiles``: prefixes, any letter case, "did you mean", text or JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check import catalogue
from emailsec_check.cli import main
from tests.conftest import Cli

IDENTITY_CHECKS = [check.id for check in catalogue.all_checks() if check.id.startswith("ID")]


def test_an_area_prefix_lists_its_checks_with_titles(cli: Cli) -> None:
    result = cli("explain", "ID")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines] == IDENTITY_CHECKS
    assert "Microsoft account has a given name and a surname" in result.out


@pytest.mark.parametrize("word", ["id", "identities", "IDENTITIES"])
def test_the_prefix_or_area_name_in_any_case(cli: Cli, word: str) -> None:
    result = cli("explain", word)
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()] == IDENTITY_CHECKS


def test_a_longer_prefix_narrows_the_list(cli: Cli) -> None:
    result = cli("explain", "dc00")
    assert result.code == 0
    ids = [line.split()[0] for line in result.out.splitlines()]
    assert ids and all(check_id.startswith("DC00") for check_id in ids)


@pytest.mark.parametrize("word", ["id005", "ID005", " Id005 "])
def test_one_check_in_any_letter_case(cli: Cli, word: str) -> None:
    result = cli("explain", word)
    assert result.code == 0
    assert result.out.startswith("ID005: ")
    assert "area: identities" in result.out


@pytest.mark.parametrize(
    ("word", "suggestion"),
    [("IDX05", "ID005"), ("ID 5", "ID005"), ("datacentre", "datacenter"), ("DC0001", "DC001")],
)
def test_an_unknown_id_suggests_the_nearest(cli: Cli, word: str, suggestion: str) -> None:
    result = cli("explain", word)
    assert (result.code, result.out) == (2, "")
    assert f"did you mean {suggestion}?" in result.err
    assert "'emailsec-check explain' lists the catalogue" in result.err


def test_nothing_alike_gets_no_suggestion(cli: Cli) -> None:
    result = cli("explain", "QQQQ")
    assert result.code == 2
    assert "did you mean" not in result.err


def test_explain_as_json(cli: Cli) -> None:
    listing = json.loads(cli("explain", "--format", "json").out)
    assert [entry["id"] for entry in listing] == [c.id for c in catalogue.all_checks()]
    assert set(listing[0]) == {"id", "area", "title"}
    one = json.loads(cli("explain", "id005", "-f", "json").out)
    assert one["id"] == "ID005"
    assert one["area"] == "identities"
    assert "Entra" in one["explanation"]
    prefix = json.loads(cli("explain", "ST", "-f", "JSON").out)
    assert prefix and all(entry["id"].startswith("ST") for entry in prefix)


def test_profiles_format_json_and_the_old_json_flag_agree(cli: Cli) -> None:
    with_format = cli("profiles", "--format", "json")
    with_flag = cli("profiles", "--json")
    assert with_format.code == with_flag.code == 0
    assert with_format.out == with_flag.out
    ids = [profile["id"] for profile in json.loads(with_format.out)]
    assert "cisco-secure-endpoint" in ids
    one = json.loads(cli("profiles", "amp", "-f", "json").out)
    assert one["id"] == "cisco-secure-endpoint"


def test_profiles_help_does_not_show_the_old_flag(cli: Cli) -> None:
    result = cli("profiles", "--help")
    assert "--format" in result.out
    assert "--json" not in result.out


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_any_word_is_explained_or_refused_in_one_line(word: str) -> None:
    if word.startswith("-"):
        word = "x" + word
    code = main(["explain", word, "--format", "json"])
    assert code in (0, 2)
