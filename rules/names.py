"""Names as the passport prints them (hyphens, apostrophes, commas, Latin letters with diacritics) and
their machine-readable form (ICAO 9303: A–Z and spaces only)."""
import unicodedata

from rules.errors import ValidationError
from rules.i18n_marker import N_
from rules.text import DASHES, collapse_spaces, half_width

APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
SEPARATORS = " -',"
# Letters whose decomposition has no A–Z base (ICAO 9303 part 3's transliterations).
SPECIAL = {"Æ": "AE", "Ø": "OE", "Œ": "OE", "ẞ": "SS", "ß": "SS", "Đ": "D", "Ð": "D", "Ł": "L", "Þ": "TH",
           "Ħ": "H", "Ŋ": "N", "Ŧ": "T", "I": "I", "ĸ": "K"}


def _is_latin_letter(char):
    return char.isalpha() and unicodedata.name(char, "").startswith("LATIN")


def latin_name(raw):
    """The name upper-cased as printed (accents, hyphens, apostrophes and commas kept), or ValidationError."""
    value = half_width(raw)
    value = "".join("-" if c in DASHES else "'" if c in APOSTROPHES else c for c in value)
    value = collapse_spaces(value.replace(" ,", ",").replace(",", ", ")).replace(" ,", ",").upper()
    value = unicodedata.normalize("NFC", value)
    if not value or not _is_latin_letter(value[0]) or \
            any(not (_is_latin_letter(c) or c in SEPARATORS) for c in value) or \
            any(a in "-'," and b in "-'," for a, b in zip(value, value[1:])):
        raise ValidationError(
            "latin_upper", N_("Write the name in Latin letters (A to Z, with the accents your passport prints) as in "
                              "your passport; spaces, hyphens, apostrophes and commas may be used."))
    return value


def machine_readable(name):
    """The passport's machine-readable spelling: accents dropped, apostrophes left out, hyphens and commas
    as spaces (ICAO 9303)."""
    letters = []
    for char in name.upper():
        if char in SPECIAL:
            letters.append(SPECIAL[char])
        elif char == "'":
            continue
        elif char in "-,":
            letters.append(" ")
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            letters.append(base if base.isascii() else " ")
    return collapse_spaces("".join(letters))
