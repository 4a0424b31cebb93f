"""Identifier normalisers: what they repair, what they refuse, and the code they refuse with."""
import pytest

from rules import identifiers
from rules.errors import ValidationError


def refused(normaliser, raw):
    with pytest.raises(ValidationError) as error:
        normaliser(raw)
    assert error.value.message
    return error.value.code


@pytest.mark.parametrize("raw", [
    "AB12345678CD", "ab12345678cd", "ＡＢ１２３４５６７８ＣＤ", " AB 1234 5678 CD ", "AB-12345678-CD",
    "ab１２３４５６７８ｃｄ", "AB\u300012345678\u3000CD",
])
def test_residence_card_number_is_repaired_to_its_normal_form(raw):
    assert identifiers.residence_card_number(raw) == "AB12345678CD"


@pytest.mark.parametrize("raw", [
    "", "A12345678CD", "AB1234567CD", "AB123456789CD", "AB12345678C", "1212345678CD",
    "AB12345678C1", "AB12345678CDE", "ÄB12345678CD", "AB12345678CD\x00", "AB<12345678CD",
])
def test_residence_card_number_refuses_other_shapes(raw):
    assert refused(identifiers.residence_card_number, raw) in {
        "residence_card_number", "control_characters", "markup"}


def test_control_and_markup_have_their_own_codes():
    assert refused(identifiers.residence_card_number, "AB12345678CD\u202e") == "control_characters"
    assert refused(identifiers.passport_number, "TR<1234567") == "markup"
    assert refused(identifiers.passport_number, "TR＜1234567") == "markup"


@pytest.mark.parametrize("raw, normal", [
    ("XY1234567", "XY1234567"), ("q 1234567", "Q1234567"), ("ABCD1234567", "ABCD1234567"),
    ("ｗｘ１２３４５６７", "WX1234567"),
])
def test_ed_number(raw, normal):
    assert identifiers.ed_number(raw) == normal


@pytest.mark.parametrize("raw", ["1234567", "ABCDE1234567", "AB123456", "AB12345678"])
def test_ed_number_refused(raw):
    assert refused(identifiers.ed_number, raw) == "ed_number"


def test_corporate_number_check_digit_matches_the_published_example():
    assert identifiers.corporate_number_check_digit("123456789012") == 7


@pytest.mark.parametrize("base", ["000000000000", "999999999999", "210987654321", "111111111111"])
def test_every_check_digit_is_a_single_digit_and_accepted(base):
    digit = identifiers.corporate_number_check_digit(base)
    assert 1 <= digit <= 9
    assert identifiers.corporate_number(f"{digit}{base}") == f"{digit}{base}"


@pytest.mark.parametrize("raw", ["7123456789012", "７１２３４５６７８９０１２", "7-1234-5678-9012", " 7123456789012 "])
def test_corporate_number_normalised(raw):
    assert identifiers.corporate_number(raw) == "7123456789012"


@pytest.mark.parametrize("raw, code", [
    ("6123456789012", "corporate_number_check_digit"), ("8123456789012", "corporate_number_check_digit"),
    ("7123456789021", "corporate_number_check_digit"), ("712345678901", "corporate_number"),
    ("71234567890123", "corporate_number"), ("712345678901A", "corporate_number"),
])
def test_corporate_number_refused(raw, code):
    assert refused(identifiers.corporate_number, raw) == code


@pytest.mark.parametrize("raw", ["1234567", "123-4567", "１２３－４５６７", "〒123-4567", "123ー4567", " 123 4567 "])
def test_postal_code_normalised(raw):
    assert identifiers.postal_code(raw) == "1234567"


def test_unknown_postal_code_is_seven_zeros():
    assert identifiers.postal_code("000-0000") == "0000000"


@pytest.mark.parametrize("raw", ["123456", "12345678", "123-456A", "", "12３-456"])
def test_postal_code_refused(raw):
    assert refused(identifiers.postal_code, raw) == "postal_code"


@pytest.mark.parametrize("raw, normal", [
    ("03-1234-5678", "0312345678"), ("０９０－１２３４－５６７８", "09012345678"),
    ("03(1234)5678", "0312345678"), ("090 1234 5678", "09012345678"), ("012345678901", "012345678901"),
])
def test_phone_number_normalised(raw, normal):
    assert identifiers.phone_number(raw) == normal


@pytest.mark.parametrize("raw", ["0123456789012", "+81312345678", "03-1234-567X", "", "---"])
def test_phone_number_refused(raw):
    assert refused(identifiers.phone_number, raw) == "phone_number"


@pytest.mark.parametrize("raw, normal", [
    ("tr1234567", "TR1234567"), ("ＴＲ１２３４５６７", "TR1234567"), ("TR 123 4567", "TR1234567"),
    ("123456789012", "123456789012"),
])
def test_passport_number_normalised(raw, normal):
    assert identifiers.passport_number(raw) == normal


@pytest.mark.parametrize("raw", ["1234567890123", "TR12345.67", "", "TRÉ1234567", "TR_1234567"])
def test_passport_number_refused(raw):
    assert refused(identifiers.passport_number, raw) == "passport_number"


def test_employment_insurance_office_number():
    assert identifiers.employment_insurance_office_number("1234-567890-1") == "12345678901"
    assert refused(identifiers.employment_insurance_office_number, "1234567890") == \
        "employment_insurance_office_number"
