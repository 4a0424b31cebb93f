"""Casework rules: Japan Post's registered-mail tracking number (11 digits and a check digit, modulo 7)."""
import pytest

from rules import casework


@pytest.mark.parametrize("typed, digits", [
    ("1234-5678-9013", "123456789013"),  # 12345678901 mod 7 = 3
    ("123456789013", "123456789013"),
    ("１２３４ー５６７８ー９０１３", "123456789013"),  # typed with a Japanese input method
    ("9876 5432 1091", "987654321091"),  # 98765432109 mod 7 = 1
])
def test_a_valid_number_is_kept_as_digits(typed, digits):
    assert casework.tracking_number(typed) == digits
    assert casework.shown_tracking_number(digits) == digits[:4] + "-" + digits[4:8] + "-" + digits[8:]


@pytest.mark.parametrize("typed", ["1234-5678-9012", "1234-5678-9103", "2234-5678-9013"])
def test_a_typo_fails_the_check_digit(typed):
    with pytest.raises(casework.CaseworkError) as refused:
        casework.tracking_number(typed)
    assert refused.value.code == "tracking_check" and "Check each digit" in refused.value.message


@pytest.mark.parametrize("typed", ["", "12-34", "1234-5678-901", "1234-5678-90130", "1234-5678-901a"])
def test_a_number_of_the_wrong_shape_says_how_it_looks(typed):
    with pytest.raises(casework.CaseworkError) as refused:
        casework.tracking_number(typed)
    assert refused.value.code == "tracking" and "12 digits" in refused.value.message


def test_the_check_digit_is_the_first_eleven_modulo_seven():
    for first in ("00000000000", "12345678901", "99999999999", "31112383850"):
        assert casework.tracking_check_digit(first) == str(int(first) % 7)
