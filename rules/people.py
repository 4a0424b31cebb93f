"""An organisation's people whose period of stay ends soon: the home page names them so that their extensions are
filed in time (an extension may be filed from 3 months before the expiry, rules.periods). Pure."""
from datetime import timedelta

ENDING_WITHIN_DAYS = 90


def ending_window(today):
    """(first, last): the Japan-time days whose expiry counts as ending soon, both included (the people's query reads
    its index between them)."""
    return today, today + timedelta(days=ENDING_WITHIN_DAYS)
