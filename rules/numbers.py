"""The one parser for every whole number from outside (form fields, URLs, cursors, indexes): ASCII digits, in range.

int() alone accepts "²"-like digits only after isdigit() lets them through, takes thousands of digits and
then fails, and yields numbers SQLite's 64-bit integers cannot hold; this refuses all of those up front.
"""

SQLITE_MAX = 2**63 - 1  # the largest INTEGER SQLite stores
MAX_DIGITS = 18  # any whole number of at most this many digits fits SQLite


class NumberRefused(ValueError):
    """Not a whole number in the allowed range."""


def whole_number(text, *, minimum=0, maximum=SQLITE_MAX):
    """`text` as an int in minimum..maximum; NumberRefused otherwise (never OverflowError or a huge int)."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit():
        raise NumberRefused("not ASCII digits")
    if len(text.lstrip("0")) > len(str(maximum)):
        raise NumberRefused("too many digits")
    number = int(text)
    if not minimum <= number <= maximum:
        raise NumberRefused("out of range")
    return number


def whole_number_or_none(text, **limits):
    """whole_number, or None when `text` is empty or refused (for optional values such as a page cursor)."""
    try:
        return whole_number(text, **limits)
    except NumberRefused:
        return None
