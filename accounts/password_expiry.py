"""When a password expires and which reminder emails are due: pure date arithmetic, safe to run any day."""
from dataclasses import dataclass
from datetime import date, timedelta

from accounts.lifetimes import PASSWORD_REMINDER_DAYS, PASSWORD_VALID_YEARS


def expires_on(set_on: date) -> date:
    """The first day the password no longer works: the same date a year later (29 Feb → 28 Feb)."""
    try:
        return set_on.replace(year=set_on.year + PASSWORD_VALID_YEARS)
    except ValueError:
        return set_on.replace(year=set_on.year + PASSWORD_VALID_YEARS, day=28)


def is_expired(set_on: date, today: date) -> bool:
    return today >= expires_on(set_on)


@dataclass(frozen=True)
class Reminder:
    account_id: object
    days_before: int  # which reminder: 30 or 7
    set_on: date  # the password it is about; a new password starts its own reminders
    expires_on: date


def reminder_for(set_on: date, today: date):
    """Which reminder's window `today` falls in (30: 30..8 days left, 7: 7..1 days left), or None."""
    days_left = (expires_on(set_on) - today).days
    windows = sorted(PASSWORD_REMINDER_DAYS)  # (7, 30)
    for index, days in enumerate(windows):
        lower = windows[index - 1] if index else 0
        if lower < days_left <= days:
            return days
    return None


def due_reminders(accounts, already_sent, today: date):
    """The reminders to send today.

    accounts: iterable of (account_id, password set_on date).
    already_sent: set of (account_id, set_on, days_before) recorded when each reminder went out.
    A reminder whose window passed while nothing ran is skipped, not sent late; the next one still comes.
    """
    due = []
    for account_id, set_on in accounts:
        days = reminder_for(set_on, today)
        if days is not None and (account_id, set_on, days) not in already_sent:
            due.append(Reminder(account_id, days, set_on, expires_on(set_on)))
    return due


def candidate_set_dates(today: date):
    """The range of password-set dates (first, last) that can have a reminder due today, for an indexed query."""
    longest = max(PASSWORD_REMINDER_DAYS)
    # expires_on(set_on) - today in 1..longest  ⇔  set_on a year before today+1 … today+longest (±1 for 29 Feb).
    first = _year_before(today + timedelta(days=1)) - timedelta(days=1)
    last = _year_before(today + timedelta(days=longest)) + timedelta(days=1)
    return first, last


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - PASSWORD_VALID_YEARS)
    except ValueError:
        return day.replace(year=day.year - PASSWORD_VALID_YEARS, day=28)
