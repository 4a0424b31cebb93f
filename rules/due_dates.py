"""A case's due date from its procedures' service standard (標準処理期間), in Japan-time days: the standard's days
from the day of receipt, the clock paused from each request for documents to their arrival. Overdue, due soon,
paused; and the ageing buckets of open cases. Pure: callers read the times and the settings."""
import datetime
from dataclasses import dataclass

from rules.clock import japan_date, japan_day_start
from rules.i18n_marker import N_
from rules.procedures import PROCEDURES, procedure

DUE_SOON_DAYS = 5  # due within this many days (today included): marked "due soon" in the queue
MAX_STANDARD_DAYS = 365
# Open cases by days since receipt, for the statistics: (first day, last day or None for "and more", label).
AGEING_BUCKETS = ((0, 7, N_("up to 7 days")), (8, 14, N_("8 to 14 days")), (15, 30, N_("15 to 30 days")),
                  (31, 60, N_("31 to 60 days")), (61, None, N_("61 days or more")))


def setting_name(code):
    """The setting (config key) holding the service standard of the procedure `code`, in days."""
    return f"SERVICE_STANDARD_DAYS_{code.upper()}"


def standards(settings):
    """{procedure code: days} from the settings, each a whole number of days from 1 to MAX_STANDARD_DAYS;
    ValueError naming the setting otherwise (the site refuses to start with it)."""
    found = {}
    for p in PROCEDURES:
        value = settings.get(setting_name(p.code))
        if type(value) is not int or not 1 <= value <= MAX_STANDARD_DAYS:
            raise ValueError(f"ORAS_{setting_name(p.code)} must be a whole number of days from 1 to "
                             f"{MAX_STANDARD_DAYS}, not {value!r}")
        found[p.code] = value
    return found


def standard_days(procedures, days_by_code):
    """A case's service standard: the longest of its procedures' (an add-on is decided with its main one)."""
    return max(days_by_code[procedure(int(n)).code] for n in procedures)


@dataclass(frozen=True)
class Due:
    date: datetime.date  # the day the case is due (while paused: the earliest it can be, counting today)
    paused: bool  # documents are awaited: the clock stands still
    overdue: bool
    soon: bool  # due within DUE_SOON_DAYS


def paused_days(pauses, today):
    """Japan-time days the clock stood still: from each request's day to its arrival's (today, still awaited)."""
    total = 0
    for start, end in pauses:
        last = japan_date(end) if end is not None else today
        total += max((last - japan_date(start)).days, 0)
    return total


def due(submitted_at, procedures, pauses, today, days_by_code):
    """The case's due date (`pauses`: [(requested at, arrived at or None)] in epoch seconds; `today` in Japan)."""
    date = (japan_date(submitted_at) + datetime.timedelta(days=standard_days(procedures, days_by_code))
            + datetime.timedelta(days=paused_days(pauses, today)))
    paused = any(end is None for _, end in pauses)
    left = (date - today).days
    return Due(date=date, paused=paused, overdue=not paused and left < 0,
               soon=not paused and 0 <= left < DUE_SOON_DAYS)


def ageing_ranges(today):
    """[(label, received from, received before)] in epoch seconds per bucket: a case received `d` Japan days
    before today is in the bucket whose days include d (None: open-ended)."""
    found = []
    for first, last, label in AGEING_BUCKETS:
        newest = japan_day_start(today - datetime.timedelta(days=first) + datetime.timedelta(days=1))
        oldest = None if last is None else japan_day_start(today - datetime.timedelta(days=last))
        found.append((label, oldest, newest))
    return found
