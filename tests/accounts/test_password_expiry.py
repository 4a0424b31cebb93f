"""Passwords expire a year after they were set; reminders 30 and 7 days before, each sent once."""
from datetime import date, timedelta

import pytest

from accounts.password_expiry import (Reminder, candidate_set_dates, due_reminders, expires_on, is_expired,
                                      reminder_for)


def test_a_password_expires_on_the_same_date_a_year_later():
    assert expires_on(date(2026, 4, 1)) == date(2027, 4, 1)
    assert expires_on(date(2028, 2, 29)) == date(2029, 2, 28)
    assert not is_expired(date(2026, 4, 1), date(2027, 3, 31))
    assert is_expired(date(2026, 4, 1), date(2027, 4, 1))


@pytest.mark.parametrize("days_left, reminder", [
    (31, None), (30, 30), (8, 30), (7, 7), (1, 7), (0, None), (-5, None),
])
def test_which_reminder_window_a_day_falls_in(days_left, reminder):
    set_on = date(2026, 6, 15)
    assert reminder_for(set_on, expires_on(set_on) - timedelta(days=days_left)) == reminder


def test_due_reminders_are_idempotent_day_after_day():
    accounts = [("alice", date(2025, 5, 1)), ("bob", date(2025, 5, 20)), ("carol", date(2025, 12, 1))]
    sent = set()
    log = []
    day = date(2026, 3, 1)
    while day <= date(2026, 6, 1):
        for _ in range(2):  # the timer runs twice the same day: nothing is sent twice
            for reminder in due_reminders(accounts, sent, day):
                log.append((day, reminder.account_id, reminder.days_before))
                sent.add((reminder.account_id, reminder.set_on, reminder.days_before))
        day += timedelta(days=1)
    assert log == [
        (date(2026, 4, 1), "alice", 30), (date(2026, 4, 20), "bob", 30),
        (date(2026, 4, 24), "alice", 7), (date(2026, 5, 13), "bob", 7),
    ]


def test_a_missed_window_is_skipped_not_sent_late():
    accounts = [("dan", date(2025, 5, 1))]
    # Nothing ran in April: on 25 April only the 7-day reminder is due.
    assert due_reminders(accounts, set(), date(2026, 4, 25)) == [
        Reminder("dan", 7, date(2025, 5, 1), date(2026, 5, 1))]


def test_a_new_password_starts_its_own_reminders():
    sent = {("erin", date(2025, 5, 1), 30), ("erin", date(2025, 5, 1), 7)}
    assert due_reminders([("erin", date(2025, 5, 1))], sent, date(2026, 4, 28)) == []
    later = due_reminders([("erin", date(2026, 4, 28))], sent, date(2027, 3, 29))
    assert [(r.account_id, r.days_before) for r in later] == [("erin", 30)]


def test_candidate_dates_cover_every_account_with_a_reminder_due():
    today = date(2026, 3, 1)
    first, last = candidate_set_dates(today)
    day = date(2024, 1, 1)
    while day <= date(2026, 3, 1):
        if reminder_for(day, today) is not None:
            assert first <= day <= last
        day += timedelta(days=1)
    assert (last - first).days <= 33  # a narrow, indexable range
