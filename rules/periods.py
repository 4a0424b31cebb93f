"""Periods of stay: the extension window and the periods one may ask for, per status of residence."""
import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from rules.casework import REENTRY_VALIDITY_YEARS
from rules.clock import today_in_japan
from rules.errors import RuleError
from rules.i18n_marker import N_
from rules.statuses import BY_CODE as STATUS_BY_CODE

EXTENSION_WINDOW_MONTHS = 3
INDEFINITE_MONTHS = 10 ** 6  # longer than any period
# ISA guidance: a period of stay under 6 months may be extended at any time during it.
SHORT_STAY_MONTHS = 6


@dataclass(frozen=True)
class Period:
    code: str
    label: str  # English msgid
    years: int = 0
    months: int = 0
    days: int = 0
    indefinite: bool = False  # 高度専門職2号: no end (sorted after every length)

    @property
    def total_months(self):
        return INDEFINITE_MONTHS if self.indefinite else self.years * 12 + self.months

    @property
    def sort_key(self):
        return (self.total_months, self.days)


PERIODS = (
    Period("15d", N_("15 days"), days=15),
    Period("30d", N_("30 days"), days=30),
    Period("1m", N_("1 month"), months=1),
    Period("2m", N_("2 months"), months=2),
    Period("3m", N_("3 months"), months=3),
    Period("4m", N_("4 months"), months=4),
    Period("5m", N_("5 months"), months=5),
    Period("6m", N_("6 months"), months=6),
    Period("7m", N_("7 months"), months=7),
    Period("8m", N_("8 months"), months=8),
    Period("9m", N_("9 months"), months=9),
    Period("10m", N_("10 months"), months=10),
    Period("11m", N_("11 months"), months=11),
    Period("1y", N_("1 year"), years=1),
    Period("1y1m", N_("1 year and 1 month"), years=1, months=1),
    Period("1y2m", N_("1 year and 2 months"), years=1, months=2),
    Period("1y3m", N_("1 year and 3 months"), years=1, months=3),
    Period("1y4m", N_("1 year and 4 months"), years=1, months=4),
    Period("1y5m", N_("1 year and 5 months"), years=1, months=5),
    Period("1y6m", N_("1 year and 6 months"), years=1, months=6),
    Period("1y7m", N_("1 year and 7 months"), years=1, months=7),
    Period("1y8m", N_("1 year and 8 months"), years=1, months=8),
    Period("1y9m", N_("1 year and 9 months"), years=1, months=9),
    Period("1y10m", N_("1 year and 10 months"), years=1, months=10),
    Period("1y11m", N_("1 year and 11 months"), years=1, months=11),
    Period("2y", N_("2 years"), years=2),
    Period("2y1m", N_("2 years and 1 month"), years=2, months=1),
    Period("2y2m", N_("2 years and 2 months"), years=2, months=2),
    Period("2y3m", N_("2 years and 3 months"), years=2, months=3),
    Period("2y4m", N_("2 years and 4 months"), years=2, months=4),
    Period("2y5m", N_("2 years and 5 months"), years=2, months=5),
    Period("2y6m", N_("2 years and 6 months"), years=2, months=6),
    Period("2y7m", N_("2 years and 7 months"), years=2, months=7),
    Period("2y8m", N_("2 years and 8 months"), years=2, months=8),
    Period("2y9m", N_("2 years and 9 months"), years=2, months=9),
    Period("2y10m", N_("2 years and 10 months"), years=2, months=10),
    Period("2y11m", N_("2 years and 11 months"), years=2, months=11),
    Period("3y", N_("3 years"), years=3),
    Period("3y3m", N_("3 years and 3 months"), years=3, months=3),
    Period("4y", N_("4 years"), years=4),
    Period("4y3m", N_("4 years and 3 months"), years=4, months=3),
    Period("5y", N_("5 years"), years=5),
    Period("indefinite", N_("Indefinite period"), indefinite=True),
)
PERIOD_BY_CODE = {p.code: p for p in PERIODS}
# Where the law says "a period the Minister designates, up to N", we offer these steps up to N:
# the periods the earlier table listed for Student and Dependent.
DESIGNATED_STEPS = ("3m", "6m", "1y", "1y3m", "2y", "2y3m", "3y", "3y3m", "4y", "4y3m", "5y")


@dataclass(frozen=True)
class PeriodRule:
    status: str
    listed: tuple = ()  # periods the Immigration Control Order's Appended Table II names
    designated_up_to: str | None = None
    # False where we recall the table less surely or it changed recently: verify before relying.
    certain: bool = True
    # Every whole number of months up to this period (特定技能1号 since 2025-09-30: up to 3 years).
    monthly_up_to: str | None = None
    # The rule of one sub-category (特定技能 1号/2号: rules.forms.subcategories' codes); None: the whole status.
    subcategory: str | None = None
    # For applications accepted (the Japan-time date) on or after this day; the latest in force applies.
    effective_from: date = date.min


_USUAL = ("3m", "1y", "3y", "5y")
SSW, SSW_1, SSW_2 = "specified_skilled_worker", "ssw_1", "ssw_2"
HSP, TITP = "highly_skilled_professional", "technical_intern_training"
SSW_MONTHLY_FROM = date(2025, 9, 30)

PERIOD_RULES = (
    PeriodRule("official", ("15d", "30d", "3m", "1y", "3y", "5y")),
    PeriodRule("professor", _USUAL),
    PeriodRule("artist", _USUAL),
    PeriodRule("religious_activities", _USUAL),
    PeriodRule("journalist", _USUAL),
    # 1号 (イ, ロ, ハ): 5 years; 2号: indefinite (Appended Table II).
    *(PeriodRule(HSP, ("5y",), subcategory=code) for code in ("hsp_1a", "hsp_1b", "hsp_1c")),
    PeriodRule(HSP, ("indefinite",), subcategory="hsp_2"),
    PeriodRule("business_manager", ("3m", "4m", "6m", "1y", "3y", "5y")),
    PeriodRule("legal_accounting_services", _USUAL),
    PeriodRule("medical_services", _USUAL),
    PeriodRule("researcher", _USUAL),
    PeriodRule("instructor", _USUAL),
    PeriodRule("engineer_specialist", _USUAL),
    PeriodRule("intra_company_transferee", _USUAL),
    PeriodRule("nursing_care", _USUAL),
    PeriodRule("entertainer", ("30d", "3m", "6m", "1y", "3y"), certain=False),
    PeriodRule("skilled_labor", _USUAL),
    # 1号: 1 year, 6 months or 4 months; for applications accepted on or after 2025-09-30 any whole number of
    # months up to 3 years. 2号: 3 years, 1 year or 6 months; from 2025-09-30 also 2 years (令和7年法務省令第47号,
    # the 運用要領 of that day). docs/dated-rules.md lists the dated rules.
    PeriodRule(SSW, ("4m", "6m", "1y"), subcategory=SSW_1),
    PeriodRule(SSW, monthly_up_to="3y", subcategory=SSW_1, effective_from=SSW_MONTHLY_FROM),
    PeriodRule(SSW, ("6m", "1y", "3y"), subcategory=SSW_2),
    PeriodRule(SSW, ("6m", "1y", "2y", "3y"), subcategory=SSW_2, effective_from=SSW_MONTHLY_FROM),
    # 1号: a period up to 1 year; 2号 and 3号: up to 2 years (Appended Table II of the enforcement rules).
    PeriodRule(TITP, designated_up_to="1y", subcategory="titp_1"),
    *(PeriodRule(TITP, designated_up_to="2y", subcategory=code) for code in ("titp_2", "titp_3")),
    PeriodRule("cultural_activities", ("3m", "6m", "1y", "3y")),
    PeriodRule("student", designated_up_to="4y3m"),
    PeriodRule("trainee", ("3m", "6m", "1y")),
    PeriodRule("dependent", designated_up_to="5y"),
    PeriodRule("designated_activities", ("3m", "6m", "1y", "3y", "5y"), designated_up_to="5y"),
    PeriodRule("spouse_of_japanese", ("6m", "1y", "3y", "5y")),
    PeriodRule("spouse_of_permanent_resident", ("6m", "1y", "3y", "5y")),
    PeriodRule("long_term_resident", ("6m", "1y", "3y", "5y"), designated_up_to="5y"),
)
# Statuses whose periods depend on the sub-category (the form asks it with the status).
BY_SUBCATEGORY = tuple(sorted({r.status for r in PERIOD_RULES if r.subcategory}))


class PeriodError(RuleError):
    pass


def period(code):
    return PERIOD_BY_CODE[code]


def rules_in_force(status_code, subcategory=None, accepted_on=None):
    """The status's rules for an application accepted on `accepted_on` (Japan time; today by default): per
    sub-category the latest in force; only `subcategory`'s when it is one the rules name, else every one's."""
    day = accepted_on or today_in_japan()
    own = [r for r in PERIOD_RULES if r.status == status_code]
    if subcategory not in {r.subcategory for r in own if r.subcategory}:
        subcategory = None
    latest = {}
    for rule in own:
        if rule.effective_from <= day and (subcategory is None or rule.subcategory in (None, subcategory)):
            if rule.subcategory not in latest or rule.effective_from > latest[rule.subcategory].effective_from:
                latest[rule.subcategory] = rule
    return tuple(latest.values())


def desired_periods(status_code, subcategory=None, accepted_on=None):
    """The periods an applicant of this status (and sub-category, where the rules tell them apart) may ask
    for, and an officer grant, on an application accepted on `accepted_on` (Japan time), shortest first."""
    found = STATUS_BY_CODE.get(status_code)
    if found is None or not found.online:
        raise PeriodError("status_not_online",
                          N_("This status of residence cannot be applied for online."))
    in_force = rules_in_force(status_code, subcategory, accepted_on)
    if not in_force:
        raise PeriodError("no_period_of_stay",
                          N_("This status of residence has no period of stay to ask for."))
    codes = set()
    for rule in in_force:
        codes |= set(rule.listed)
        if rule.monthly_up_to:
            limit = period(rule.monthly_up_to).sort_key
            codes |= {p.code for p in PERIODS if not p.days and p.sort_key <= limit}
        if rule.designated_up_to:
            limit = period(rule.designated_up_to).sort_key
            codes |= {c for c in DESIGNATED_STEPS if period(c).sort_key <= limit}
    return tuple(sorted((period(c) for c in codes), key=lambda p: p.sort_key))


# The form's refusal of a desired period the status does not have (rules.forms.page1) and signing's are this one.
PERIOD_NOT_GRANTED = N_("A period of stay of %(period)s is not granted for \"%(status)s\" in this category. Choose "
                        "another desired period of stay.")


def period_not_granted(period_code, status_code, *_others):
    """PERIOD_NOT_GRANTED's parameters (PeriodError for a status with no period at all: the generic refusal)."""
    desired_periods(status_code)
    return {"period": period(period_code).label, "status": STATUS_BY_CODE[status_code].name}


def check_period(status_code, period_code, subcategory=None, accepted_on=None):
    """Refuse a period of stay the status (and sub-category) does not have on the day of acceptance."""
    if period_code not in PERIOD_BY_CODE or status_code not in STATUS_BY_CODE:
        return
    try:
        allowed = {p.code for p in desired_periods(status_code, subcategory, accepted_on)}
    except PeriodError:
        return  # no period to ask for: the status question says so
    if period_code not in allowed:
        raise PeriodError("period_not_granted", PERIOD_NOT_GRANTED, **period_not_granted(period_code, status_code))


def add_months(day, months):
    """The same day `months` later (or earlier), or the month's last day where there is none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def extension_opens_on(expires_on, period_of_stay=None):
    """The first day an extension may be applied for: 3 months before the period of stay ends
    (the month's last day where that day does not exist, in the applicant's favour); for a
    period of stay under 6 months, its first day."""
    if period_of_stay is not None:
        length = period(period_of_stay)
        if length.total_months < SHORT_STAY_MONTHS:
            return add_months(expires_on, -length.total_months) - timedelta(days=length.days)
    return add_months(expires_on, -EXTENSION_WINDOW_MONTHS)


ENDED_EXTENSION = N_("Your period of stay ended on %(date)s, so an extension cannot be applied for online. "
                     "Contact your regional immigration services bureau now.")
ENDED_CHANGE = N_("Your period of stay ended on %(date)s, so a change of status cannot be applied for online. "
                  "Contact your regional immigration services bureau now.")
# The agency: 在留期限の最終日(在留期間満了日の当日)に在留申請オンラインシステムで申請することはできません。
LAST_DAY = N_("Your period of stay ends today (%(date)s). On its last day an application cannot be made online: "
              "apply at the counter of your regional immigration services bureau today.")


def check_before_last_day(expires_on, today, ended=ENDED_EXTENSION):
    """A change or an extension is filed online up to the day before the period of stay ends (`today`: the
    Japan-time date); on the last day only at the counter, after it not at all."""
    if today > expires_on:
        raise PeriodError("period_of_stay_ended", ended, date=expires_on)
    if today == expires_on:
        raise PeriodError("last_day_of_stay", LAST_DAY, date=expires_on)


def check_extension_window(expires_on, today, period_of_stay=None):
    """Return the opening date if an extension may be applied for on `today`, else say why not."""
    opens = extension_opens_on(expires_on, period_of_stay)
    check_before_last_day(expires_on, today)
    if today < opens:
        raise PeriodError(
            "extension_not_open_yet",
            N_("An extension can be applied for from %(date)s, 3 months before your period of "
               "stay ends."),
            date=opens)
    return opens


# 特例期間 (the Act, Article 20 (6), applied to an extension by Article 21 (4)): an applicant who applied for a change
# or an extension before the period of stay ended may stay until the decision, at the latest until the day on which
# 2 months from the period's end have passed; not when the period of stay was 30 days or less.
SPECIAL_PERIOD_MONTHS = 2
SPECIAL_PERIOD_EXCLUDED_DAYS = 30


def stay_while_pending(expires_on, period_of_stay, applied_on):
    """The last day an applicant may stay while their change or extension is pending (the decision may end it
    sooner), or None where the Act gives no such period (applied after the period ended, a period of stay of 30
    days or less). The 2 months are counted from the day after the period ends, as the Civil Code counts them
    (Articles 140 and 143): they end the day before the same-numbered day (begun on a 1st: the month's last day),
    or on the month's last day where that day does not exist."""
    if expires_on is None or applied_on is None or applied_on > expires_on:
        return None
    length = PERIOD_BY_CODE.get(period_of_stay or "")
    if length is not None and length.total_months == 0 and length.days <= SPECIAL_PERIOD_EXCLUDED_DAYS:
        return None  # (an indefinite period counts INDEFINITE_MONTHS)
    start = expires_on + timedelta(days=1)
    end = add_months(start, SPECIAL_PERIOD_MONTHS)
    return end if end.day < start.day else end - timedelta(days=1)  # no same-numbered day: the month's last


def latest_reentry_return(today, expires_on=None, desired_period=None):
    """The last day a re-entry permit applied for on `today` can run to: 5 years at most, and not beyond the period
    of stay: the one asked for (counted from the later of today and the current expiry date; the decision may come
    later, never earlier), else the current one."""
    latest = add_months(today, 12 * max(REENTRY_VALIDITY_YEARS))
    asked = PERIOD_BY_CODE.get(desired_period or "")
    if asked is not None and not asked.indefinite:
        start = max(today, expires_on or today)
        latest = min(latest, add_months(start, asked.total_months) + timedelta(days=asked.days))
    elif asked is None and expires_on is not None:
        latest = min(latest, expires_on)
    return latest
