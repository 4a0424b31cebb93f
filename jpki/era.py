"""The birth date in the signing certificate: `EYYYYMMDD`, E the era code, YYYY the Western year.

The exact era semantics are not documented publicly; this is the one function pair that knows them.
"""
import datetime

# (code, era name, first day); an era runs until the next one starts.
ERAS = (
    (1, "明治", datetime.date(1868, 10, 23)),
    (2, "大正", datetime.date(1912, 7, 30)),
    (3, "昭和", datetime.date(1926, 12, 25)),
    (4, "平成", datetime.date(1989, 1, 8)),
    (5, "令和", datetime.date(2019, 5, 1)),
)


def era_of(day):
    """(code, name) of the Japanese era that `day` falls in."""
    found = None
    for code, name, start in ERAS:
        if day >= start:
            found = (code, name)
    if found is None:
        raise ValueError(f"{day} is before the Meiji era")
    return found


def encode_birth_date(day):
    return f"{era_of(day)[0]}{day:%Y%m%d}"


def decode_birth_date(text):
    """The date in `EYYYYMMDD`; the era code is checked for range only, since its semantics are uncertain."""
    if len(text) != 9 or not text.isascii() or not text.isdigit():
        raise ValueError(f"birth date {text!r} is not EYYYYMMDD")
    if int(text[0]) not in {code for code, _, _ in ERAS}:
        raise ValueError(f"unknown era code in {text!r}")
    return datetime.date(int(text[1:5]), int(text[5:7]), int(text[7:9]))
