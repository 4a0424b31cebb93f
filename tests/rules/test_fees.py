"""Fees from the published 2025-04-01 schedule, summed per combination, online and at the counter."""
from datetime import date

import pytest

from rules import fees
from rules.fees import FeeError, fee_quote, fee_total
from rules.procedures import CombinationError

APRIL_2025 = date(2025, 4, 1)
LATER = date(2031, 7, 15)


@pytest.mark.parametrize("chosen, kind, online, counter", [
    ({1}, None, 0, 0),
    ({2}, None, 5500, 6000),
    ({3}, None, 5500, 6000),
    ({4}, None, 0, 0),
    ({5}, None, 1600, 2000),
    ({3, 6}, "single", 9000, 10000),
    ({3, 6}, "multiple", 12000, 13000),
    ({2, 7}, None, 5500, 6000),
    ({4, 6, 7}, "multiple", 6500, 7000),
    ({2, 6, 7}, "single", 9000, 10000),
])
def test_totals_online_and_counter(chosen, kind, online, counter):
    assert fee_total(chosen, APRIL_2025, fees.ONLINE, kind) == online
    assert fee_total(chosen, LATER, fees.COUNTER, kind) == counter


def test_quote_lists_each_procedure_with_its_amount():
    quote = fee_quote({3, 6, 7}, LATER, reentry_kind="multiple")
    assert [(l.procedure, l.amount, l.reentry_kind) for l in quote.lines] == [
        (3, 5500, None), (6, 6500, "multiple"), (7, 0, None)]
    assert quote.schedule_from == APRIL_2025 and quote.channel == "online"


def test_date_before_any_schedule_is_a_clear_error():
    with pytest.raises(FeeError) as error:
        fee_total({3}, date(2025, 3, 31))
    assert error.value.code == "no_fee_schedule"
    assert error.value.params == {"date": date(2025, 3, 31), "first": APRIL_2025}


def test_reentry_needs_its_kind():
    for kind in (None, "twice"):
        with pytest.raises(FeeError) as error:
            fee_total({2, 6}, LATER, reentry_kind=kind)
        assert error.value.code == "reentry_kind_missing"


def test_kind_is_ignored_without_reentry():
    assert fee_total({3}, LATER, reentry_kind="multiple") == 5500


def test_unknown_channel_and_bad_combination():
    with pytest.raises(FeeError) as error:
        fee_total({3}, LATER, channel="fax")
    assert error.value.code == "unknown_channel"
    with pytest.raises(CombinationError):
        fee_total({6}, LATER, reentry_kind="single")


def test_a_later_schedule_takes_over_from_its_date(monkeypatch):
    later = fees.FeeSchedule(date(2030, 1, 1), {**fees.SCHEDULES[0].fees, 3: fees.Fee(9100, 9900)})
    monkeypatch.setattr(fees, "SCHEDULES", fees.SCHEDULES + (later,))
    assert fee_total({3}, date(2029, 12, 31)) == 5500
    assert fee_total({3}, date(2030, 1, 1)) == 9100
    assert fee_total({3}, date(2030, 1, 1), fees.COUNTER) == 9900


def test_every_schedule_prices_exactly_the_procedures_that_charge_a_fee():
    from rules.procedures import PROCEDURES, REENTRY
    keys = {p.number for p in PROCEDURES if p.charges_fee and p.number != REENTRY} | {
        (REENTRY, kind) for kind in fees.REENTRY_KINDS}
    assert keys == {2, 3, 5, (6, "single"), (6, "multiple")}
    for schedule in fees.SCHEDULES:
        assert set(schedule.fees) == keys
        assert all(f.online <= f.counter for f in schedule.fees.values())


def test_a_schedule_can_set_fees_by_period_of_stay():
    from datetime import date as day
    from rules.fees import NO_FEE, ByPeriod, Fee, FeeSchedule, SCHEDULES, fee_quote
    later = FeeSchedule(day(2027, 4, 1), {**SCHEDULES[-1].fees, 3: ByPeriod({"5y": Fee(10000, 11000)}, Fee(6000, 7000))})
    schedules = SCHEDULES + (later,)
    assert fee_quote({3}, day(2027, 4, 1), period_code="5y", schedules=schedules).total == 10000
    assert fee_quote({3}, day(2027, 4, 1), period_code="1y", schedules=schedules).total == 6000
    assert fee_quote({3}, day(2027, 3, 31), period_code="5y", schedules=schedules).total == 5500
    assert NO_FEE.online == 0


def test_the_fee_date_is_the_japan_time_date_of_acceptance():
    import datetime
    from rules.clock import japan_date
    # 2026-03-31 20:00 UTC is already 2026-04-01 in Japan
    moment = datetime.datetime(2026, 3, 31, 20, 0, tzinfo=datetime.timezone.utc)
    assert japan_date(moment.timestamp()) == datetime.date(2026, 4, 1)
    assert japan_date(moment) == datetime.date(2026, 4, 1)


def test_a_procedure_without_a_fee_is_quoted_at_nothing():
    quote = fee_quote({4, 7}, LATER)
    assert [(line.procedure, line.amount) for line in quote.lines] == [(4, 0), (7, 0)]
    assert fee_total({1}, LATER, fees.COUNTER) == 0
