"""The organisations' rules: kinds, the corporate number, and the approval's year with its reminders and lapse."""
from datetime import date

import pytest

from rules import organisations as rules
from rules.errors import RuleError


@pytest.mark.parametrize("number", [
    "7000012050002",  # the National Tax Agency's own corporate number, as the agency publishes it
    "7010705000725",  # a corporate number published with its 12-digit company number 010705000725
])
def test_published_corporate_numbers_pass(number):
    assert rules.corporate_number(number) == number


def test_a_wrong_check_digit_is_refused():
    with pytest.raises(RuleError) as refused:
        rules.corporate_number("6000012050002")
    assert refused.value.code == "corporate_number_check_digit"


def test_a_receiving_organisation_says_which_one():
    assert rules.check_kind("receiving", "school") == ("receiving", "school")
    assert rules.check_kind("public_interest", "school") == ("public_interest", None)
    for kind, sub in (("receiving", None), ("receiving", "embassy"), ("club", None)):
        with pytest.raises(RuleError):
            rules.check_kind(kind, sub)


def test_only_agents_give_an_approval_number():
    assert rules.needs_agent_approval("public_interest") and rules.needs_agent_approval("support_organisation")
    assert not rules.needs_agent_approval("receiving")


def test_a_year_from_the_first_password():
    assert rules.valid_until_from(date(2026, 4, 1)) == date(2027, 3, 31)
    assert rules.valid_until_from(date(2028, 2, 29)) == date(2029, 2, 27)  # no 29 Feb: its month's last day, less one


def test_lapsed_the_day_after_the_last_day():
    last = date(2027, 3, 31)
    assert not rules.is_lapsed(last, last)
    assert rules.is_lapsed(last, date(2027, 4, 1))
    assert not rules.is_lapsed(None, date(2027, 4, 1))  # no password yet: no period running


@pytest.mark.parametrize("today, due", [
    (date(2027, 3, 1), None), (date(2027, 3, 2), 30), (date(2027, 3, 24), 30), (date(2027, 3, 25), 7),
    (date(2027, 3, 31), 7), (date(2027, 4, 1), None)])
def test_reminders_30_and_7_days_before(today, due):
    assert rules.reminder_for(date(2027, 3, 31), today) == due


def test_reminder_window_covers_every_due_day():
    today = date(2027, 3, 2)
    first, last = rules.reminder_window(today)
    assert first <= date(2027, 3, 31) <= last
    assert rules.reminder_for(last, today) == 30 and rules.reminder_for(first, today) == 7


def test_renewal_adds_a_year_to_the_period_or_starts_today_once_lapsed():
    assert rules.renewed_until(date(2027, 3, 31), date(2027, 3, 20)) == date(2028, 3, 31)
    assert rules.renewed_until(date(2027, 3, 31), date(2027, 5, 10)) == date(2028, 5, 9)


def test_standing_lapsed_reads_but_does_not_file():
    approved = rules.standing("approved", date(2027, 3, 31), date(2027, 3, 31))
    assert approved.may_read and approved.may_file
    lapsed = rules.standing("approved", date(2027, 3, 31), date(2027, 4, 1))
    assert lapsed.state == "lapsed" and lapsed.may_read and not lapsed.may_file
    assert "periodic report" in lapsed.refusal.message
    applied = rules.standing("applied", None, date(2027, 4, 1))
    assert not applied.may_read and not applied.may_file
