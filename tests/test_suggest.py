"""The shared "did you mean" rule: what a user who mistypes a name is offered."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from emailsec_check.rules.suggest import did_you_mean, did_you_mean_text


def test_a_typo_gets_the_nearest_name() -> None:
    assert did_you_mean("eruope", ["americas", "europe", "apjc"]) == "europe"


def test_case_is_ignored_and_the_choice_is_returned_as_spelt() -> None:
    assert did_you_mean("EU", ["eu", "us"]) == "eu"
    assert did_you_mean("console.AMP.cisco.com", ["console.amp.cisco.com"]) == (
        "console.amp.cisco.com"
    )


def test_nothing_close_means_no_suggestion() -> None:
    assert did_you_mean("mars", ["americas", "europe", "apjc"]) is None
    assert did_you_mean_text("mars", ["europe"]) == ""


def test_the_text_form_is_ready_to_append() -> None:
    assert did_you_mean_text("europa", ["europe"]) == " (did you mean 'europe'?)"


@given(st.text(), st.lists(st.text()))
def test_any_text_gives_a_choice_or_none(word: str, choices: list[str]) -> None:
    best = did_you_mean(word, choices)
    assert best is None or best in choices
