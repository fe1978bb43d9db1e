"""``entra:`` specs as users type them: what is accepted, and junk refused as InputError."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emailsec_check.errors import InputError
from emailsec_check.sources.entra import EntraSpec, is_entra_spec, parse_entra_spec

GROUP_ID = "6b1d2f30-0b6e-4f4e-9a51-2c0d3e4f5a61"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("entra:", None),
        (" ENTRA: ", None),
        ("entra:group/SecurityAdmins", "SecurityAdmins"),
        ("Entra:Group/ Security Admins ", "Security Admins"),
        ("entra:group/Sales/EMEA", "Sales/EMEA"),
        (
            "entra:group/6b1d2f30-0b6e-4f4e-9a51-2c0d3e4f5a61",
            "6b1d2f30-0b6e-4f4e-9a51-2c0d3e4f5a61",
        ),
    ],
)
def test_specs_accepted(text: str, group: str | None) -> None:
    assert is_entra_spec(text)
    assert parse_entra_spec(text) == EntraSpec(group)


def test_an_object_id_is_told_from_a_display_name() -> None:
    assert parse_entra_spec("entra:group/6B1D2F30-0B6E-4F4E-9A51-2C0D3E4F5A61").group_is_id
    assert not parse_entra_spec("entra:group/SecurityAdmins").group_is_id
    assert not parse_entra_spec("entra:").group_is_id


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("entra:foo", "is not an Entra ID source"),
        ("entra:users", "is not an Entra ID source"),
        ("entra:group", "names no group"),
        ("entra:group/", "names no group"),
        ("entra:group/   ", "names no group"),
        ("entra:group/a\x1b[31mb", "control characters"),
        ("entra:group/" + "x" * 257, "longer than 256"),
        ("users.csv", "is not an Entra ID source"),
    ],
)
def test_junk_is_an_input_error_that_says_what_to_write(text: str, says: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_entra_spec(text, path="run.toml", key="expected")
    message = str(caught.value)
    assert says in message
    assert message.startswith("run.toml: expected: ")
    assert "\x1b" not in message


def test_files_are_not_entra_specs() -> None:
    assert not is_entra_spec("users.csv")
    assert not is_entra_spec("./entra:users.csv")
    assert not is_entra_spec("")


@given(st.text())
def test_any_text_is_a_spec_or_an_input_error(text: str) -> None:
    try:
        spec = parse_entra_spec(text)
    except InputError as error:
        assert str(error).isprintable()
        return
    assert is_entra_spec(text)
    assert spec.group is None or (spec.group == spec.group.strip() and spec.group.isprintable())


@given(st.text(min_size=1, max_size=256).filter(lambda name: name.strip() and name.isprintable()))
def test_any_printable_group_name_comes_back_as_typed(name: str) -> None:
    assert parse_entra_spec(f"entra:group/{name}").group == name.strip()
