"""An organisation's people whose period of stay ends soon: the home page names them so that their extensions are
filed in time (an extension may be filed from 3 months before the expiry, rules.periods). Pure."""
from datetime import timedelta

ENDING_WITHIN_DAYS = 90


def ending_window(today):
    """(first, last): the Japan-time days whose expiry counts as ending soon, today included."""
    return today, today + timedelta(days=ENDING_WITHIN_DAYS)


def ends_soon(expiry, today):
    first, last = ending_window(today)
    return expiry is not None and first <= expiry <= last
