"""The combination rule and the status list, straight from the flyer and GLOSSARY.md."""
import pytest

from rules import procedures, statuses
from rules.procedures import CombinationError, check_combination


@pytest.mark.parametrize("chosen", [{1}, {2}, {3}, {4}, {5}, {2, 6}, {3, 7}, {4, 6, 7}, {3, 6, 7}])
def test_allowed_combinations(chosen):
    assert check_combination(chosen) == tuple(sorted(chosen))


@pytest.mark.parametrize("chosen, code", [
    (set(), "empty"), ({6}, "addon_alone"), ({7}, "addon_alone"), ({6, 7}, "addon_alone"),
    ({1, 6}, "addon_not_allowed"), ({5, 7}, "addon_not_allowed"), ({2, 3}, "several_main"),
    ({1, 5}, "several_main"), ({8}, "unknown"), ({0, 3}, "unknown"),
])
def test_refused_combinations_say_why(chosen, code):
    with pytest.raises(CombinationError) as refused:
        check_combination(chosen)
    assert refused.value.code == code and refused.value.message


def test_seven_procedures_numbered_as_the_flyer():
    assert [p.number for p in procedures.PROCEDURES] == [1, 2, 3, 4, 5, 6, 7]
    assert {p.number for p in procedures.addon_procedures()} == {6, 7}


def test_ineligible_statuses_are_exactly_three():
    assert {s.code for s in statuses.ineligible_statuses()} == {
        "diplomat", "temporary_visitor", "designated_activities_departure"}
    assert statuses.is_eligible("engineer_specialist") and not statuses.is_eligible("diplomat")
    assert not statuses.is_eligible("no_such_status")
    assert {s.code for s in statuses.STATUSES if s.newly_added} == {
        "spouse_of_japanese", "spouse_of_permanent_resident", "long_term_resident"}
