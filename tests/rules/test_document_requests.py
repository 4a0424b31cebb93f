"""What an officer sets on a document request and a grant (rules.casework): the deadline (14 days by default, a
later day, a clear refusal when the field is missing) and the re-entry permit's validity years offered."""
import datetime

import pytest

from rules import casework

TODAY = datetime.date(2026, 12, 7)


def test_a_request_is_due_14_days_after_today_by_default():
    assert casework.request_deadline(TODAY) == datetime.date(2026, 12, 21)
    assert casework.request_deadline(TODAY, days=7) == datetime.date(2026, 12, 14)


@pytest.mark.parametrize("typed", [" 2026-12-08 ", "2026-12-08", "2027-01-31"])
def test_a_deadline_after_today_is_taken(typed):
    assert casework.check_deadline(typed, TODAY) == datetime.date.fromisoformat(typed.strip())


@pytest.mark.parametrize("typed", [None, "", "  ", "21 December", "2026-12-32"])
def test_a_missing_or_unreadable_deadline_says_how_to_enter_it(typed):
    with pytest.raises(casework.CaseworkError) as refused:
        casework.check_deadline(typed, TODAY)
    assert refused.value.code == "deadline" and "Enter the deadline" in refused.value.message


@pytest.mark.parametrize("typed", ["2026-12-07", "2026-12-06"])
def test_a_deadline_today_or_before_is_refused(typed):
    with pytest.raises(casework.CaseworkError) as refused:
        casework.check_deadline(typed, TODAY)
    assert refused.value.code == "deadline_past"


def test_a_reentry_permit_is_offered_for_each_year_from_one_to_five():
    assert casework.REENTRY_VALIDITY_YEARS == (1, 2, 3, 4, 5)


def test_the_documents_requested_are_the_known_ones_or_the_officers_own_words():
    assert casework.check_items(["employment_contract", "no_such_item", "bank_statement"], "") == \
        ["employment_contract", "bank_statement"]
    assert casework.check_items([], "A letter from the employer") == []
    for items, other in (([], ""), (["no_such_item"], "  ")):
        with pytest.raises(casework.CaseworkError) as refused:
            casework.check_items(items, other)
        assert refused.value.code == "no_items"
