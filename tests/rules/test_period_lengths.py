"""Each period of stay has the length its code and its label name (rules.periods.PERIODS): the lists of periods
are sorted by it, and a short period's extension window opens by it."""
import re
from datetime import date, timedelta

import pytest

from rules.periods import PERIODS, extension_opens_on

LENGTH = re.compile(r"(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)d)?")
LABEL = re.compile(r"(?:(\d+) years?)?(?: and )?(?:(\d+) months?)?(?:(\d+) days)?")
LENGTHS = [p for p in PERIODS if LENGTH.fullmatch(p.code)]  # every period but one without an end


def numbers(match):
    return tuple(int(group or 0) for group in match.groups())


@pytest.mark.parametrize("found", LENGTHS, ids=lambda p: p.code)
def test_each_period_has_the_length_its_code_and_label_name(found):
    assert (found.years, found.months, found.days) == numbers(LENGTH.fullmatch(found.code))
    label = LABEL.fullmatch(found.label)
    assert label and numbers(label) == numbers(LENGTH.fullmatch(found.code)), found.label


def test_the_periods_are_listed_shortest_first_each_length_once():
    keys = [p.sort_key for p in PERIODS]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {"15d", "30d", "10m", "1y5m", "1y10m", "5y"} <= {p.code for p in LENGTHS}


@pytest.mark.parametrize("period, days", [("15d", 15), ("30d", 30)])
def test_a_period_of_days_may_be_extended_from_its_first_day(period, days):
    expires = date(2026, 9, 15)
    assert extension_opens_on(expires, period) == expires - timedelta(days=days)
