"""The one parser of whole numbers from outside (rules.numbers): ASCII digits only, within range, never an
exception other than NumberRefused, and the largest value SQLite stores as the default ceiling."""
import pytest

from rules.numbers import SQLITE_MAX, NumberRefused, whole_number, whole_number_or_none


def test_the_default_ceiling_is_the_largest_sqlite_integer():
    assert SQLITE_MAX == 9223372036854775807
    assert whole_number("9223372036854775807") == SQLITE_MAX
    with pytest.raises(NumberRefused, match="out of range"):
        whole_number("9223372036854775808")


@pytest.mark.parametrize("text", ["12a", "-1", "1.5", "", " 1", "１２", "²", None, 12])
def test_anything_but_ascii_digits_is_refused(text):
    with pytest.raises(NumberRefused, match="not ASCII digits"):
        whole_number(text)


def test_more_digits_than_the_ceiling_has_are_refused_before_reading_them():
    with pytest.raises(NumberRefused, match="too many digits"):
        whole_number("1" * 4000)
    assert whole_number("000000000000000000000042") == 42  # leading zeros do not count


def test_the_range_is_inclusive_at_both_ends():
    assert whole_number("3", minimum=3, maximum=5) == 3 and whole_number("5", minimum=3, maximum=5) == 5
    for text in ("2", "6"):
        with pytest.raises(NumberRefused, match="out of range"):
            whole_number(text, minimum=3, maximum=5)


def test_or_none_gives_none_for_what_is_refused():
    assert whole_number_or_none("7", maximum=9) == 7
    assert whole_number_or_none("", maximum=9) is None and whole_number_or_none("10", maximum=9) is None
