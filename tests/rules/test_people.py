"""Whose period of stay ends soon: from today (Japan's day) to 90 days after it, both included."""
import datetime

from rules.people import ENDING_WITHIN_DAYS, ending_window

TODAY = datetime.date(2027, 1, 15)


def test_the_window_holds_today_and_the_ninetieth_day():
    assert ENDING_WITHIN_DAYS == 90
    assert ending_window(TODAY) == (TODAY, datetime.date(2027, 4, 15))
