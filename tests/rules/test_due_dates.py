"""Due dates from the procedures' service standards in Japan-time days, the clock paused while documents are
awaited; the settings' defaults as docs/operating.md lists them; the ageing buckets' edges."""
import datetime
import pathlib
import re

import pytest

import config
from rules import due_dates
from rules.clock import JAPAN
from rules.procedures import PROCEDURES

DAYS = due_dates.standards({due_dates.setting_name(p.code): getattr(config.ProductionConfig,
                                                                   due_dates.setting_name(p.code))
                            for p in PROCEDURES})


def at(day, hour=12, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), JAPAN).timestamp()


APRIL = datetime.date(2026, 4, 1)


def test_the_standard_counts_from_the_japan_day_of_receipt():
    late_evening = at(APRIL, 23, 30)  # 14:30 UTC on 1 April: already 1 April in Japan, too
    found = due_dates.due(late_evening, ["3"], [], APRIL, DAYS)
    assert found.date == APRIL + datetime.timedelta(days=DAYS["extension_of_stay"])
    just_after_midnight = datetime.datetime(2026, 3, 31, 15, 5, tzinfo=datetime.timezone.utc).timestamp()
    assert due_dates.due(just_after_midnight, ["3"], [], APRIL, DAYS).date == found.date  # 00:05 on 1 April in Japan


def test_a_case_with_several_procedures_takes_the_longest_standard():
    assert due_dates.standard_days(["2", "6", "7"], DAYS) == max(DAYS["change_of_status"], DAYS["reentry_permit"],
                                                                 DAYS["extra_activity"])


def test_the_clock_stands_still_from_the_request_to_the_arrival():
    received = at(APRIL)
    requested, arrived = at(APRIL + datetime.timedelta(days=10)), at(APRIL + datetime.timedelta(days=16), 9)
    today = APRIL + datetime.timedelta(days=20)
    waiting = due_dates.due(received, ["3"], [(requested, None)], today, DAYS)
    assert waiting.paused and not waiting.overdue and not waiting.soon
    assert waiting.date == APRIL + datetime.timedelta(days=DAYS["extension_of_stay"] + 10)  # 10 days paused so far
    resumed = due_dates.due(received, ["3"], [(requested, arrived)], today, DAYS)
    assert not resumed.paused and resumed.date == APRIL + datetime.timedelta(days=DAYS["extension_of_stay"] + 6)
    # A second request after a first: both pauses count, and a request closed by the next one too.
    second = (at(APRIL + datetime.timedelta(days=18)), at(APRIL + datetime.timedelta(days=19)))
    assert due_dates.due(received, ["3"], [(requested, arrived), second], today, DAYS).date == (
        APRIL + datetime.timedelta(days=DAYS["extension_of_stay"] + 7))


@pytest.mark.parametrize("days_left, overdue, soon", [(-1, True, False), (0, False, True),
                                                      (due_dates.DUE_SOON_DAYS - 1, False, True),
                                                      (due_dates.DUE_SOON_DAYS, False, False)])
def test_overdue_and_due_soon_by_the_days_left(days_left, overdue, soon):
    standard = DAYS["extension_of_stay"]
    today = APRIL + datetime.timedelta(days=standard - days_left)
    found = due_dates.due(at(APRIL), ["3"], [], today, DAYS)
    assert (found.overdue, found.soon) == (overdue, soon)


@pytest.mark.parametrize("value", [0, -1, 366, "30", 30.0, None, True])
def test_a_standard_that_is_not_a_number_of_days_is_refused_naming_its_setting(value):
    settings = {due_dates.setting_name(p.code): 30 for p in PROCEDURES}
    settings["SERVICE_STANDARD_DAYS_EXTENSION_OF_STAY"] = value
    with pytest.raises(ValueError, match="ORAS_SERVICE_STANDARD_DAYS_EXTENSION_OF_STAY"):
        due_dates.standards(settings)


def test_every_procedures_standard_is_a_setting_documented_with_its_default():
    text = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "operating.md").read_text(encoding="utf-8")
    for p in PROCEDURES:
        name = due_dates.setting_name(p.code)
        row = re.search(rf"^\| `ORAS_{name}` \| `(\d+)` \|", text, re.M)
        assert row and int(row.group(1)) == DAYS[p.code], f"document ORAS_{name} with its default in operating.md"


def test_the_ageing_buckets_meet_without_gaps_at_japan_midnight():
    today = datetime.date(2026, 12, 7)
    ranges = due_dates.ageing_ranges(today)
    assert ranges[0][2] == at(today + datetime.timedelta(days=1), 0)  # received today counts, up to midnight
    for (_, oldest, _), (_, _, newest) in zip(ranges, ranges[1:]):
        assert oldest == newest  # each bucket begins where the next older one ends
    assert ranges[-1][1] is None
    seven_days_ago = at(today - datetime.timedelta(days=7), 8)
    assert ranges[0][1] <= seven_days_ago < ranges[0][2]
    assert not ranges[1][1] <= at(today - datetime.timedelta(days=7), 8) < ranges[1][2]
