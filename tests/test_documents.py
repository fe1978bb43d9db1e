"""TOML and JSON documents from users: depth and key counts bounded before parsing, and
whatever the parser refuses is exit 2 naming file and line, never a traceback."""

from __future__ import annotations

import json
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emailsec_check.errors import InputError
from emailsec_check.sources import documents
from emailsec_check.sources.documents import (
    MAX_DEPTH,
    MAX_KEYS,
    Bounds,
    parse_user_json,
    parse_user_toml,
)
from emailsec_check.sources.files import decode_user_text
from emailsec_check.tomltable import read_toml_file
from tests.conftest import Cli

# --------------------------------------------------------------------------- TOML bounds


def test_deeply_dotted_keys_are_refused_naming_file_and_line() -> None:
    text = "title = 'fine'\n" + "a" + ".a" * 20_000 + " = 1\n"  # 40 KB: 1.6 GB for the parser
    with pytest.raises(InputError, match="nested more than 32 levels") as caught:
        parse_user_toml(text, "deep.toml")
    assert (caught.value.path, caught.value.line) == ("deep.toml", 2)


def test_the_old_entry_point_applies_the_same_bounds() -> None:
    with pytest.raises(InputError, match="nested"):
        documents.parse_user_toml("a" + ".a" * 100 + " = 1\n", "deep.toml")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[a" + ".a" * 40 + "]\nx = 1\n", 1),
        ("x = 1\n\n" + "y = " + "[" * 40 + "]" * 40 + "\n", 3),
        ("y = " + "{ a = " * 40 + "1" + " }" * 40 + "\n", 1),
        ("[settings]\n" + "k" + ".k" * 31 + " = 1\n", 2),  # 1 + 32 levels
        ("y = [\n" + "  [\n" * 40 + "]\n" * 41, 32),  # arrays over many lines
    ],
)
def test_every_kind_of_nesting_counts(text: str, line: int) -> None:
    with pytest.raises(InputError, match="nested") as caught:
        parse_user_toml(text, "x.toml")
    assert caught.value.line == line


def test_nesting_up_to_the_cap_is_fine() -> None:
    assert parse_user_toml("k" + ".k" * (MAX_DEPTH - 2) + " = 1\n", "x.toml")
    assert parse_user_toml("k = " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), "x.toml")


def test_dots_and_brackets_inside_strings_and_comments_do_not_count() -> None:
    dots = "." * 200
    brackets = "[" * 200
    text = (
        f'"{dots}" = "{brackets}"\n'
        f"'lit{dots}' = '{brackets}'\n"
        f'multi = """\n{brackets}\n{dots} = 1\n"""\n'
        f"raw = '''\n{brackets}\n'''\n"
        f"# {dots} {brackets}\n"
        "number = 1.5e3\n"
        "when = 2026-11-29T10:00:00.123Z\n"
        'quotes = """ends with a quote""""\n'
        "[table . 'quoted.part' . \"x.y\"]\n"
        "value = { inner = [1, 2, { deep = 'ok' }] }\n"
    )
    data = parse_user_toml(text, "x.toml")
    assert data[dots] == brackets
    assert data["table"]["quoted.part"]["x.y"]["value"]["inner"][2] == {"deep": "ok"}


def test_too_many_keys_are_refused() -> None:
    text = "".join(f"k{number} = 1\n" for number in range(MAX_KEYS + 1))
    with pytest.raises(InputError, match="more than 100,000 keys") as caught:
        parse_user_toml(text, "many.toml")
    assert caught.value.line == MAX_KEYS + 1


def test_syntax_errors_and_giant_integers_name_the_line() -> None:
    with pytest.raises(InputError, match="not valid TOML") as caught:
        parse_user_toml("a = 1\nb = = 2\n", "bad.toml")
    assert caught.value.line == 2
    with pytest.raises(InputError, match="4,300 digits") as caught:
        parse_user_toml("a = 1\nb = " + "9" * 5000 + "\n", "big.toml")
    assert (caught.value.path, caught.value.line) == ("big.toml", 2)


# --------------------------------------------------------------------------- JSON bounds


def test_json_nesting_is_refused_naming_file_and_line() -> None:
    text = '{\n"a": ' + "[" * 100_000
    with pytest.raises(InputError, match="nested more than 32 levels") as caught:
        parse_user_json(text, "people.json")
    assert (caught.value.path, caught.value.line) == ("people.json", 2)


def test_json_up_to_the_cap_and_brackets_in_strings_are_fine() -> None:
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse_user_json(deep, "x.json") is not None
    assert parse_user_json('{"a": "[[[[{{{{\\"[[[["}', "x.json") == {"a": '[[[[{{{{"[[[['}


def test_json_with_too_many_keys_is_refused() -> None:
    text = "{" + ",".join(f'"k{n}":0' for n in range(MAX_KEYS + 1)) + "}"
    with pytest.raises(InputError, match="keys"):
        parse_user_json(text, "many.json")


def test_json_giant_integer_names_the_file_and_line() -> None:
    text = '[\n{"email": "ann@example.com",\n "id": ' + "7" * 4301 + "}]"
    with pytest.raises(InputError, match="4,300 digits") as caught:
        parse_user_json(text, "people.json")
    assert (caught.value.path, caught.value.line) == ("people.json", 3)


def test_json_syntax_error_names_the_line() -> None:
    with pytest.raises(InputError, match="not valid JSON") as caught:
        parse_user_json('{\n"a": 1,\n}', "x.json")
    assert caught.value.line == 3


def test_json_object_pairs_hook_is_passed_on() -> None:
    data = parse_user_json('{"b": 1, "a": 2}', "x.json", object_pairs_hook=OrderedDict)
    assert isinstance(data, OrderedDict)
    assert list(data) == ["b", "a"]


# --------------------------------------------------------------------------- the command line


def test_run_with_a_deeply_dotted_config_exits_2_naming_file_and_line(
    cli: Cli, tmp_path: Path
) -> None:
    config = tmp_path / "deep.toml"
    config.write_text("[settings]\n" + "a" + ".a" * 20_000 + " = 1\n", encoding="utf-8")
    result = cli("run", config)
    assert result.code == 2
    assert f"{config}:2:" in result.err
    assert "nested" in result.err


def test_a_deep_profile_exits_2_naming_it(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "deep.toml").write_text("a" + ".a" * 20_000 + " = 1\n", encoding="utf-8")
    result = cli("profiles", "--profiles-dir", tmp_path)
    assert result.code == 2
    assert "deep.toml:1:" in result.err


# --------------------------------------------------------------------------- properties

_SAFE_TEXT = st.text(
    alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs", "Cc")), max_size=8
)
_KEYS = st.text(alphabet="abcxyz_-.", min_size=1, max_size=4)
_LEAVES = st.one_of(st.integers(-(10**6), 10**6), st.booleans(), _SAFE_TEXT)
_TREES = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(_KEYS, children, max_size=3)
    ),
    max_leaves=60,
)


def _depth(value: Any) -> int:
    """Levels of containers below a value (a leaf is 0)."""
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


@settings(max_examples=300)
@given(st.dictionaries(_KEYS, _TREES, max_size=4))
def test_toml_documents_within_bounds_parse_as_written(document: dict[str, Any]) -> None:
    text = "".join(f"{json.dumps(key)} = {_toml_value(value)}\n" for key, value in document.items())
    assert parse_user_toml(text, "x.toml") == document


@settings(max_examples=300)
@given(_TREES)
def test_json_within_bounds_parses_and_beyond_is_refused(value: Any) -> None:
    wrapped = value
    for _ in range(25):
        wrapped = [wrapped]
    text = json.dumps(wrapped)
    if _depth(wrapped) <= MAX_DEPTH:
        assert parse_user_json(text, "x.json") == wrapped
    else:
        with pytest.raises(InputError, match="nested"):
            parse_user_json(text, "x.json")


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("ab.=[]{},\"'#\n 1\\")), max_size=300))
def test_any_toml_like_text_parses_or_raises_an_input_error(text: str) -> None:
    try:
        parse_user_toml(text, "x.toml")
    except InputError as error:
        assert error.path == "x.toml"


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_text_as_toml_parses_or_raises_an_input_error(text: str) -> None:
    try:
        parse_user_toml(text, "x.toml")
    except InputError as error:
        assert error.path == "x.toml"


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list('[]{}:,"\\ 1e-9n\n')), max_size=300))
def test_any_json_like_text_parses_or_raises_an_input_error(text: str) -> None:
    try:
        parse_user_json(text, "x.json")
    except InputError as error:
        assert error.path == "x.json"


@settings(max_examples=300)
@given(
    header=st.integers(0, 40),
    array_of_tables=st.booleans(),
    key=st.integers(1, 40),
    arrays=st.integers(0, 40),
    plain_lines=st.integers(0, 3),
    spaced=st.booleans(),
)
def test_toml_depth_is_refused_exactly_beyond_the_cap(
    header: int, array_of_tables: bool, key: int, arrays: int, plain_lines: int, spaced: bool
) -> None:
    """Headers, dotted keys and arrays add up, with or without plain lines around them."""
    dot = " . " if spaced else "."
    lines = ["# a.b.c [d] {e}"] + [f"plain{n} = 'x.y' # [z]" for n in range(plain_lines)]
    depth = key + arrays
    if header:
        name = dot.join(f"h{n}" for n in range(header))
        lines.append(f"[[{name}]] # .." if array_of_tables else f"[{name}]")
        depth += header + int(array_of_tables)
    lines += [f"later{n} = 1.5 # {n}" for n in range(plain_lines)]
    value = "[" * arrays + "]" * arrays if arrays else "1"
    lines.append(dot.join(f"k{n}" for n in range(key)) + " = " + value)
    text = "\n".join(lines) + "\n"
    if max(depth, header + int(array_of_tables)) <= MAX_DEPTH:
        assert parse_user_toml(text, "x.toml")
    else:
        with pytest.raises(InputError, match="nested"):
            parse_user_toml(text, "x.toml")


@settings(max_examples=200)
@given(st.binary(max_size=600))
def test_any_bytes_as_a_toml_file_are_read_or_an_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.toml"
        path.write_bytes(data)
        try:
            read_toml_file(path, what="config file")
        except InputError as error:
            assert error.path == str(path)


@settings(max_examples=200)
@given(st.binary(max_size=600))
def test_any_bytes_as_json_are_parsed_or_an_input_error(data: bytes) -> None:
    try:
        parse_user_json(decode_user_text(data, "any.json"), "any.json")
    except InputError as error:
        assert error.path == "any.json"


_TRICKY = st.text(alphabet='ab"\\[]{}:,\n\u00e9\u2028', max_size=6)
_JSON_TREES = st.recursive(
    st.one_of(st.integers(), st.booleans(), st.none(), _TRICKY),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(_TRICKY, children, max_size=3)
    ),
    max_leaves=40,
)


def _keys(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_keys(v) for v in value)
    return 0


@settings(max_examples=500)
@given(
    value=_JSON_TREES,
    depth=st.integers(1, 6),
    keys=st.integers(0, 12),
    indent=st.sampled_from([None, 1]),
    ascii_only=st.booleans(),
)
def test_json_bounds_agree_with_the_parsed_document(
    value: Any, depth: int, keys: int, indent: int | None, ascii_only: bool
) -> None:
    """Strings full of quotes, escapes, brackets and colons never fool the bound check."""
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    bounds = Bounds(depth=depth, keys=keys)
    if _depth(value) <= depth and _keys(value) <= keys:
        assert parse_user_json(text, "x.json", bounds=bounds) == value
    else:
        with pytest.raises(InputError, match=r"nested|keys"):
            parse_user_json(text, "x.json", bounds=bounds)
