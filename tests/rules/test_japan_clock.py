"""Moments read in Japan time (rules.clock), from epoch seconds or an aware datetime."""
import datetime

from rules.clock import japan_date, japan_time

NEW_YEAR_IN_JAPAN = datetime.datetime(2025, 12, 31, 15, 0, tzinfo=datetime.timezone.utc)  # 2026-01-01 00:00 JST


def test_a_moment_is_dated_and_timed_in_japan_from_seconds_or_a_datetime():
    seconds = int(NEW_YEAR_IN_JAPAN.timestamp())
    for moment in (seconds, float(seconds), NEW_YEAR_IN_JAPAN):
        assert japan_date(moment) == datetime.date(2026, 1, 1)
        assert japan_time(moment) == "2026-01-01 00:00"
    assert japan_date(seconds - 1) == datetime.date(2025, 12, 31)
    assert japan_time(seconds - 60) == "2025-12-31 23:59"
