"""Tests the mutation sample showed missing in rules/ (issue 9, point 11)."""
import pytest

from rules import application_states, bureaus
from rules.errors import RuleError
from rules.procedures import main_procedures


def test_next_states_of_an_unknown_state_raises():
    with pytest.raises(RuleError):
        application_states.next_states("bogus")


@pytest.mark.parametrize("code", [1, "1", "01", "JP-1", "JP-01"])
def test_a_one_digit_prefecture_code_is_found(code):
    assert bureaus.prefecture(code).code == "01"


def test_an_unknown_prefecture_name_raises():
    with pytest.raises(bureaus.RoutingError):
        bureaus.prefecture_by_name("Atlantis")


def test_main_procedures_are_the_non_addons():
    assert main_procedures() and not any(p.addon for p in main_procedures())
