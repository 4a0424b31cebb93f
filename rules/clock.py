"""Japan's date and time: deadlines, expiry and "today" are all judged in Japan time."""
import datetime
from zoneinfo import ZoneInfo

JAPAN = ZoneInfo("Asia/Tokyo")


def now_in_japan():
    return datetime.datetime.now(JAPAN)


def today_in_japan():
    return now_in_japan().date()
