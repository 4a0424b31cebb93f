"""Fees by procedure, as schedules with the date each took effect (paid by revenue stamp on grant)."""
from dataclasses import dataclass, field as dataclass_field
from datetime import date

from rules.errors import RuleError
from rules.i18n_marker import N_
from rules.procedures import REENTRY, check_combination, procedure

ONLINE = "online"
COUNTER = "counter"
CHANNELS = (ONLINE, COUNTER)
SINGLE = "single"
MULTIPLE = "multiple"
REENTRY_KINDS = (SINGLE, MULTIPLE)


@dataclass(frozen=True)
class Fee:
    online: int  # yen
    counter: int  # yen


NO_FEE = Fee(0, 0)


@dataclass(frozen=True)
class ByPeriod:
    """A fee that depends on the period of stay granted or asked for (the schedule is changing to this)."""
    fees: dict  # period code (rules.periods) → Fee
    default: Fee

    def for_period(self, period_code):
        return self.fees.get(period_code, self.default)


@dataclass(frozen=True)
class FeeSchedule:
    effective_from: date
    # Key: the number of a procedure that charges a fee (Procedure.charges_fee), or (REENTRY, "single"/"multiple")
    # for the re-entry permit; value a Fee, or ByPeriod.
    fees: dict
    # Reduced or waived fees (the 2026 bill provides for hardship): reduction code → {key as in `fees`: Fee or
    # ByPeriod}; a key it leaves out keeps the full fee. Empty until an order sets them: no amount is guessed.
    reductions: dict = dataclass_field(default_factory=dict)


# Only the schedule published in GLOSSARY.md: earlier figures are left out rather than guessed.
SCHEDULES = (
    FeeSchedule(date(2025, 4, 1), {
        2: Fee(5500, 6000),
        3: Fee(5500, 6000),
        5: Fee(1600, 2000),
        (REENTRY, SINGLE): Fee(3500, 4000),
        (REENTRY, MULTIPLE): Fee(6500, 7000),
    }),
)


@dataclass(frozen=True)
class FeeLine:
    procedure: int
    amount: int
    reentry_kind: str | None = None


@dataclass(frozen=True)
class FeeQuote:
    lines: tuple
    channel: str
    schedule_from: date

    @property
    def total(self):
        return sum(line.amount for line in self.lines)


class FeeError(RuleError):
    pass


def schedule_on(day, schedules=None):
    """The schedule in force on `day`: the latest that took effect on or before it."""
    schedules = schedules or SCHEDULES
    in_force = [s for s in schedules if s.effective_from <= day]
    if not in_force:
        raise FeeError("no_fee_schedule",
                       N_("No fee schedule is known for %(date)s; fees are known from %(first)s."),
                       date=day, first=min(s.effective_from for s in schedules))
    return max(in_force, key=lambda s: s.effective_from)


def fee_quote(numbers, day, channel=ONLINE, reentry_kind=None, period_code=None, schedules=None, reduction=None):
    """The fee of each procedure applied for together, on `day` (the Japan-time date of acceptance), online
    or at the counter; `period_code` is the period of stay asked for (or granted), where a fee depends on it;
    `reduction`: a reduction or exemption of that schedule (FeeSchedule.reductions), if one applies.

    Raises CombinationError for a set that cannot be filed, FeeError otherwise.
    """
    if channel not in CHANNELS:
        raise FeeError("unknown_channel", N_("Choose online or at the counter."))
    chosen = check_combination(numbers)
    if REENTRY in chosen and reentry_kind not in REENTRY_KINDS:
        raise FeeError("reentry_kind_missing",
                       N_("Choose a single or a multiple re-entry permit."))
    schedule = schedule_on(day, schedules)
    if reduction is not None and reduction not in schedule.reductions:
        raise FeeError("no_such_reduction",
                       N_("This fee reduction does not exist in the fees in force on %(date)s."), date=day)
    reduced = schedule.reductions.get(reduction, {})
    lines = []
    for number in chosen:
        kind = reentry_kind if number == REENTRY else None
        key = (number, kind) if kind else number
        fee = reduced.get(key, schedule.fees[key]) if procedure(number).charges_fee else NO_FEE
        if isinstance(fee, ByPeriod):
            fee = fee.for_period(period_code)
        lines.append(FeeLine(number, getattr(fee, channel), kind))
    return FeeQuote(tuple(lines), channel, schedule.effective_from)


def fee_total(numbers, day, channel=ONLINE, reentry_kind=None):
    return fee_quote(numbers, day, channel, reentry_kind).total
