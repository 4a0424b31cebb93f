"""Identifiers people type: each normaliser returns the normal form or raises ValidationError.

Full-width characters, lower case and separators are repaired where that cannot change the
meaning; anything else is refused with a message that says what to type.
"""
import re

from rules.errors import ValidationError
from rules.i18n_marker import N_
from rules.text import DASHES, half_width, refuse_unsafe, without

RESIDENCE_CARD_NUMBER = re.compile(r"[A-Z]{2}[0-9]{8}[A-Z]{2}")
# FORMS.md: "≤ 4 letters + 7 digits"; we read it as 1 to 4 letters (a bare 7 digits is a typo).
ED_NUMBER = re.compile(r"[A-Z]{1,4}[0-9]{7}")
CORPORATE_NUMBER = re.compile(r"[0-9]{13}")
POSTAL_CODE = re.compile(r"[0-9]{7}")
PHONE_NUMBER = re.compile(r"[0-9]{1,12}")
MOBILE_NUMBER = re.compile(r"0[6-9]0[0-9]{8}")  # Japan's mobile and IoT numbers (060, 070, 080, 090)
PASSPORT_NUMBER = re.compile(r"[A-Z0-9]{1,12}")
EMPLOYMENT_INSURANCE_OFFICE_NUMBER = re.compile(r"[0-9]{11}")
AGENT_APPROVAL_NUMBER = re.compile(r"[A-Z0-9-]{1,20}")

SPACES = " \u3000"
# Phone numbers are often written 03(1234)5678; the brackets only group digits.
PHONE_SEPARATORS = SPACES + DASHES + "()"


def _compact(raw, separators):
    """Half-width, upper case, separators removed: the form all identifiers are compared in."""
    return without(half_width(refuse_unsafe(raw)), separators).upper()


def _matching(value, pattern, code, message):
    if not pattern.fullmatch(value):
        raise ValidationError(code, message)
    return value


def residence_card_number(raw):
    return _matching(
        _compact(raw, SPACES + DASHES), RESIDENCE_CARD_NUMBER, "residence_card_number",
        N_("Enter the residence card number as on the card: 2 letters, 8 digits and 2 letters "
           "(12 characters)."))


def ed_number(raw):
    return _matching(
        _compact(raw, SPACES + DASHES), ED_NUMBER, "ed_number",
        N_("Enter the ED number as on the seal in your passport: up to 4 letters followed by 7 digits."))


def corporate_number_check_digit(base):
    """9 − ((Σ Pₙ·Qₙ) mod 9), Pₙ the n-th of the 12 base digits from the right, Qₙ 1 for odd n and 2 for even n:
    the Ministry of Finance ordinance No. 70 of 2014 (法人番号の指定等に関する省令) art. 2, as the National Tax
    Agency's corporate number site explains it (FAQ 法人番号とはどのような番号ですか; FORMS.md)."""
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), start=1))
    return 9 - total % 9


def corporate_number(raw):
    value = _matching(
        _compact(raw, SPACES + DASHES), CORPORATE_NUMBER, "corporate_number",
        N_("Enter the corporate number as its 13 digits."))
    if int(value[0]) != corporate_number_check_digit(value[1:]):
        raise ValidationError(
            "corporate_number_check_digit",
            N_("This is not a valid corporate number. Check it on the National Tax Agency's "
               "corporate number site and enter it again."))
    return value


def postal_code(raw):
    return _matching(
        without(_compact(raw, SPACES + DASHES), "〒"), POSTAL_CODE, "postal_code",
        N_("Enter the postal code as 7 digits, for example 1234567 or 123-4567 "
           "(0000000 if you do not know it)."))


def phone_number(raw):
    return _matching(
        _compact(raw, PHONE_SEPARATORS), PHONE_NUMBER, "phone_number",
        N_("Enter the telephone number with digits only, at most 12, for example 0312345678."))


def is_mobile_number(number):
    """Whether a normal phone number (phone_number's answer) is a mobile one: the form asks for it apart."""
    return bool(MOBILE_NUMBER.fullmatch(number or ""))


def passport_number(raw):
    return _matching(
        _compact(raw, SPACES + DASHES), PASSPORT_NUMBER, "passport_number",
        N_("Enter the passport number as printed in your passport: at most 12 letters and digits."))


def employment_insurance_office_number(raw):
    return _matching(
        _compact(raw, SPACES + DASHES), EMPLOYMENT_INSURANCE_OFFICE_NUMBER,
        "employment_insurance_office_number",
        N_("Enter the employment insurance office number as its 11 digits."))


def agent_approval_number(raw):
    """A filing agent's approval number (申請取次者の承認番号) as the bureau's certificate prints it."""
    return _matching(
        _compact(raw, SPACES), AGENT_APPROVAL_NUMBER, "agent_approval_number",
        N_("Enter the approval number as on the filing agent's approval certificate: up to 20 letters, digits and "
           "hyphens."))
