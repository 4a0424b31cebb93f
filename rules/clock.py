"""Japan's date and time: deadlines, expiry and "today" are all judged in Japan time."""
import datetime
from zoneinfo import ZoneInfo

JAPAN = ZoneInfo("Asia/Tokyo")


def now_in_japan():
    return datetime.datetime.now(JAPAN)


def today_in_japan():
    return now_in_japan().date()


def japan_time(moment):
    """A moment as every reader in Japan reads it: '2026-04-01 09:30' in Japan time (datetime or epoch seconds)."""
    if isinstance(moment, (int, float)):
        moment = datetime.datetime.fromtimestamp(moment, datetime.timezone.utc)
    return moment.astimezone(JAPAN).strftime("%Y-%m-%d %H:%M")


def japan_day_start(day):
    """The first moment of a Japan-time day, in epoch seconds (what stored moments are compared with)."""
    return datetime.datetime.combine(day, datetime.time(), JAPAN).timestamp()


def japan_date(moment):
    """The date in Japan of a moment (epoch seconds or an aware datetime): fees and deadlines go by it."""
    if isinstance(moment, (int, float)):
        moment = datetime.datetime.fromtimestamp(moment, datetime.timezone.utc)
    return moment.astimezone(JAPAN).date()
