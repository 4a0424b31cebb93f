"""Whose period of stay ends soon: from today (Japan's day) to 90 days after it, both included."""
import datetime

import pytest

from rules.people import ENDING_WITHIN_DAYS, ending_window, ends_soon

TODAY = datetime.date(2027, 1, 15)


@pytest.mark.parametrize("days, soon", [(-1, False), (0, True), (1, True), (ENDING_WITHIN_DAYS, True),
                                        (ENDING_WITHIN_DAYS + 1, False)])
def test_the_window_holds_today_and_the_ninetieth_day(days, soon):
    assert ends_soon(TODAY + datetime.timedelta(days=days), TODAY) is soon


def test_no_expiry_is_not_ending_and_the_window_is_dates():
    assert ends_soon(None, TODAY) is False
    assert ending_window(TODAY) == (TODAY, datetime.date(2027, 4, 15))
