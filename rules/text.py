"""Character-level normalisation shared by identifiers and form fields (pure, Unicode only)."""
import functools
import unicodedata

from rules.errors import ValidationError
from rules.i18n_marker import N_

# Dashes people type between digit groups: ASCII, Unicode dashes and minus, the IME's ー and －.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\uff70"
# Dashes that are never a long-vowel mark; the IME's ー and ｰ are dashes only between digits (１ー２).
LINE_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_LONG_VOWELS = "\u30fc\uff70"
# Characters that could open markup in a page or a printout; refused rather than escaped twice.
MARKUP = "<>"
_FULL_WIDTH_OFFSET = 0xFEE0


def half_width(value):
    """Full-width Latin, digits and spaces to half-width; half-width katakana to full-width (NFKC)."""
    return unicodedata.normalize("NFKC", value)


def full_width(value):
    """NFKC first (so half-width katakana become full-width), then ASCII to its full-width form."""
    chars = []
    for char in half_width(value):
        if char == " ":
            chars.append("\u3000")
        elif "!" <= char <= "~":
            chars.append(chr(ord(char) + _FULL_WIDTH_OFFSET))
        else:
            chars.append(char)
    return "".join(chars)


def without(value, characters):
    return "".join(c for c in value if c not in characters)


def collapse_spaces(value):
    return " ".join(value.split())


def is_control(char, multiline=False):
    if multiline and char == "\n":
        return False
    # Cc: C0/C1 controls; Cf: invisible format characters (bidi overrides, zero-width); Zl/Zp: separators.
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


_SHORT = 200  # characters: answers up to this long are checked once per process (a page checks some 80)


def refuse_unsafe(value, multiline=False):
    """Refuse control and markup characters; tabs become spaces and CRLF becomes LF first."""
    if type(value) is str and len(value) <= _SHORT:
        return _refuse_unsafe_kept(value, bool(multiline))
    return _refuse_unsafe(value, multiline)


@functools.lru_cache(maxsize=4096)
def _refuse_unsafe_kept(value, multiline):
    return _refuse_unsafe(value, multiline)  # a refusal is an exception: never kept, raised again each time


def _refuse_unsafe(value, multiline):
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if any(is_control(c, multiline) for c in value):
        raise ValidationError(
            "control_characters",
            N_("This entry contains invisible control characters. Delete the entry and type it again."))
    if any(c in MARKUP for c in half_width(value)):
        raise ValidationError("markup", N_("Do not use the characters < and >."))
    return value


def one_dash(value, dash="-"):
    """Every pasted dash, minus or hyphen variant as `dash`; ー and ｰ only where they stand between digits."""
    chars = list(value)
    for index, char in enumerate(chars):
        between_digits = 0 < index < len(chars) - 1 and half_width(chars[index - 1]).isdigit() \
            and half_width(chars[index + 1]).isdigit()
        if char in LINE_DASHES or (char in _LONG_VOWELS and between_digits):
            chars[index] = dash
    return "".join(chars)


def collapse_spaces_as_typed(value):
    """Runs of spaces (half- or full-width) as one, the first of the run kept as typed."""
    out = []
    for char in value.strip():
        if char in " \u3000" and out and out[-1] in " \u3000":
            continue
        out.append(char)
    return "".join(out)


def dashes_as_typed(value):
    """Pasted dash, minus and hyphen variants (and ー, ｰ between digits) as the hyphen-minus of their neighbours'
    width: "－" beside full-width characters, "-" beside ASCII; a typed "-" or "－" is kept as it is."""
    chars, marked = list(value), one_dash(value, "\0")
    for index, char in enumerate(chars):
        if marked[index] != char and char not in "-\uff0d":
            beside = chars[index - 1] if index else (chars[index + 1] if index + 1 < len(chars) else "-")
            chars[index] = "-" if beside.isascii() else "\uff0d"
    return "".join(chars)
