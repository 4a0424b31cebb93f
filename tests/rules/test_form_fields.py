"""validate(): one field at a time, every kind, with made-up values."""
from datetime import date

import pytest

from rules import identifiers
from rules.errors import ValidationError
from rules.forms import Field, PartialDate, When, validate
from rules.forms import fields as f
from rules.forms.page1 import BIRTH_DATE, CHANGE_PAGE1, EXTENSION_PAGE1, NAME

TODAY = date(2026, 6, 15)


def refused(field, raw, **options):
    with pytest.raises(ValidationError) as error:
        validate(field, raw, today=TODAY, **options)
    assert error.value.message
    return error.value.code


def ok(field, raw, **options):
    return validate(field, raw, today=TODAY, **options)


FREE = Field("remark", "Remark", max_length=10)
NOTE = Field("note", "Note", max_length=20, multiline=True)
KANA = Field("relative", "Relative", chars=f.FULL_WIDTH, max_length=26)
DIGITS = Field("code", "Code", chars=f.DIGITS, max_length=6)


def test_required_empty_and_optional_empty():
    for raw in ("", "   ", "\u3000", None):
        assert refused(FREE, raw) == "required"
        assert ok(Field("x", "X", required=False), raw) is None
    with pytest.raises(ValidationError) as error:
        validate(FREE, "")
    assert error.value.params == {"label": "Remark"}


def test_non_text_is_refused():
    assert refused(FREE, 12) == "not_text"


@pytest.mark.parametrize("raw", ["a\x00b", "a\x1bb", "ab\u202e", "a\u200bb", "a\x7fb", "a\nb", "a\u2028b"])
def test_control_characters_refused(raw):
    assert refused(FREE, raw) == "control_characters"


@pytest.mark.parametrize("raw", ["<b>hi", "a>b", "＜script＞"])
def test_markup_refused(raw):
    assert refused(FREE, raw) == "markup"


def test_newlines_only_in_multiline_fields_and_normalised():
    assert ok(NOTE, "one \r\ntwo\rthree") == "one\ntwo\nthree"
    assert ok(FREE, " a\tb  c ") == "a b c"


def test_length_counts_characters_after_normalisation():
    assert ok(FREE, "ＡＢＣＤＥＦＧＨＩＪ") == "ＡＢＣＤＥＦＧＨＩＪ"  # kept as typed (issue: typed text silently changed)
    with pytest.raises(ValidationError) as error:
        validate(FREE, "x" * 11, today=TODAY)
    assert error.value.code == "too_long" and error.value.params == {"max": 10, "length": 11}
    assert ok(NOTE, "一二三四五六七八九十一二三四五六七八九十") and refused(NOTE, "あ" * 21) == "too_long"


@pytest.mark.parametrize("raw, normal", [
    ("tanaka taro", "TANAKA TARO"), ("ＴＡＮＡＫＡ　ＴＡＲＯ", "TANAKA TARO"), ("  LI   WEI ", "LI WEI"),
])
def test_passport_name_is_upper_case_latin(raw, normal):
    assert ok(NAME, raw) == normal


@pytest.mark.parametrize("raw, normal", [
    ("José García", "JOSÉ GARCÍA"), ("o’neil", "O'NEIL"), ("li–wei", "LI-WEI"),
    ("MARIE-LOU D'ARCY", "MARIE-LOU D'ARCY"), ("NGUYEN,VAN AN", "NGUYEN, VAN AN"),
])
def test_passport_name_as_printed_with_hyphens_apostrophes_commas_and_accents(raw, normal):
    from rules.names import machine_readable
    assert ok(NAME, raw) == normal
    assert machine_readable(normal).replace(" ", "").isalpha() and machine_readable(normal).isascii()


@pytest.mark.parametrize("raw", ["田中太郎", "WEI2", "-LI", "LI--WEI", "阮文安"])
def test_passport_name_refuses_other_scripts(raw):
    assert refused(NAME, raw) == "latin_upper"


def test_passport_name_length_is_104():
    assert ok(NAME, "A" * 104) and refused(NAME, "A" * 105) == "too_long"


@pytest.mark.parametrize("raw, normal", [
    ("ﾀﾅｶ ﾊﾅｺ", "タナカ\u3000ハナコ"), ("Tanaka", "Ｔａｎａｋａ"), ("田中　花子", "田中\u3000花子"),
])
def test_full_width_fields_convert_half_width(raw, normal):
    assert ok(KANA, raw) == normal


def test_full_width_refuses_characters_outside_the_japanese_set():
    assert refused(KANA, "张伟") == "full_width"
    assert ok(KANA, "張偉") == "張偉"


def test_digits_class():
    assert ok(DIGITS, "１２-34 56") == "123456"
    assert refused(DIGITS, "12a456") == "digits"


GRADUATION = Field("graduated", "Graduated", f.DATE, dates=f.NOT_FUTURE)
DEPARTURE = Field("departure", "Departure", f.DATE, dates=f.NOT_PAST)


@pytest.mark.parametrize("raw", ["2020-03-31", "20200331", "2020/3/31", "２０２０年３月３１日", "2020.03.31"])
def test_date_formats(raw):
    assert ok(GRADUATION, raw) == date(2020, 3, 31)


@pytest.mark.parametrize("raw, code", [
    ("2021-02-29", "no_such_date"), ("2020-13-01", "no_such_date"), ("2020-04-31", "no_such_date"),
    ("31/03/2020", "date_format"), ("yesterday", "date_format"), ("1899-12-31", "date_too_early"),
    ("2026-06-16", "date_in_future"),
])
def test_impossible_or_future_dates(raw, code):
    assert refused(GRADUATION, raw) == code


def test_leap_day_and_today_are_accepted():
    assert ok(GRADUATION, "2024-02-29") == date(2024, 2, 29)
    assert ok(GRADUATION, "2026-06-15") == TODAY
    assert ok(DEPARTURE, "2026-06-15") == TODAY
    assert refused(DEPARTURE, "2026-06-14") == "date_in_past"


@pytest.mark.parametrize("raw, partial", [
    ("1990-05-17", PartialDate(1990, 5, 17)), ("1990-05", PartialDate(1990, 5)), ("199005", PartialDate(1990, 5)),
    ("1990", PartialDate(1990)), ("1990年", PartialDate(1990)), ("unknown", PartialDate()),
    ("不明", PartialDate()), ("Unknown", PartialDate()), ("2026-06", PartialDate(2026, 6)),
    ("2026", PartialDate(2026)),
])
def test_partly_unknown_birth_dates(raw, partial):
    assert ok(BIRTH_DATE, raw) == partial


@pytest.mark.parametrize("raw, code", [
    ("2026-07", "date_in_future"), ("2027", "date_in_future"), ("2026-06-16", "date_in_future"),
    ("1990-13", "no_such_date"), ("1990-02-30", "no_such_date"), ("90-05", "partial_date_format"),
    ("1890", "date_too_early"),
])
def test_partial_dates_refused(raw, code):
    assert refused(BIRTH_DATE, raw) == code


def test_partial_date_iso():
    assert PartialDate(1990, 5).isoformat() == "1990-05"
    assert PartialDate(1990, 5, 7).isoformat() == "1990-05-07"
    assert PartialDate().isoformat() == "unknown"


def test_year_month():
    joined = Field("joined", "Joined", f.YEAR_MONTH, dates=f.NOT_FUTURE)
    assert ok(joined, "2019/4") == PartialDate(2019, 4)
    assert ok(joined, "2019年4月") == PartialDate(2019, 4)
    assert refused(joined, "2019-04-01") == "year_month_format"
    assert refused(joined, "2026-07") == "date_in_future"


SEX = EXTENSION_PAGE1.field("sex")


def test_choice_and_yes_no():
    assert ok(SEX, " female ") == "female"
    assert refused(SEX, "other") == "choice"
    question = EXTENSION_PAGE1.field("has_passport")
    assert ok(question, "YES") is True and ok(question, "no") is False
    assert refused(question, "maybe") == "yes_no"


def test_desired_period_depends_on_the_status():
    period = EXTENSION_PAGE1.field("desired_period")
    assert ok(period, "5y", context={"current_status": "engineer_specialist"}) == "5y"
    assert refused(period, "6m", context={"current_status": "engineer_specialist"}) == "choice_unfit"  # its own words
    assert ok(period, "6m", context={"current_status": "spouse_of_japanese"}) == "6m"
    assert refused(period, "5y", context={"current_status": "permanent_resident"}) == "choice"
    assert ok(period, "6m") == "6m"  # without context: any period, checked again with the section
    change = CHANGE_PAGE1.field("desired_period")
    assert refused(change, "4y3m", context={"current_status": "student",
                                            "desired_status": "engineer_specialist"}) == "choice_unfit"


AMOUNT = Field("pay", "Pay", f.INTEGER, max_length=8)
HOURS = Field("hours", "Hours", f.INTEGER, max_length=2, minimum=1)
MONTHS = Field("months", "Months", f.INTEGER, minimum=0, maximum=11)


@pytest.mark.parametrize("raw, number", [
    ("250000", 250000), ("250,000", 250000), ("¥250,000", 250000), ("２５００００円", 250000),
    ("99999999", 99999999), ("00012", 12),
])
def test_amounts(raw, number):
    assert ok(AMOUNT, raw) == number


def test_numbers_refused():
    assert refused(AMOUNT, "100000000") == "too_many_digits"
    assert refused(AMOUNT, "-5") == "integer"
    assert refused(AMOUNT, "2.5") == "integer"
    assert refused(HOURS, "100") == "too_many_digits"
    assert refused(HOURS, "0") == "out_of_range"
    assert refused(MONTHS, "12") == "out_of_range"
    assert ok(MONTHS, "0") == 0


def test_identifier_fields_use_their_normaliser():
    card = EXTENSION_PAGE1.field("residence_card_number")
    assert card.normaliser is identifiers.residence_card_number
    assert ok(card, "ab 1234 5678 cd") == "AB12345678CD"
    assert refused(card, "AB1234") == "residence_card_number"


def test_country():
    nationality = EXTENSION_PAGE1.field("nationality")
    assert ok(nationality, "vnm") == "VN"
    assert ok(nationality, "cn") == "CN"
    assert ok(nationality, "XXA") == ok(nationality, "xx") == "XX"
    for raw in ("XYZ", "Vietnam", "C"):
        assert refused(nationality, raw) == "country"


def test_email():
    mail = Field("mail", "Mail", f.EMAIL)
    assert ok(mail, "Someone@Example.COM") == "Someone@example.com"
    assert ok(mail, "ｔａｒｏ@example.jp") == "taro@example.jp"
    for raw in ("someone", "a@b", "a b@example.com", "a@@example.com"):
        assert refused(mail, raw) == "email"


def test_required_when_follows_the_other_answer():
    detail = Field("detail", "Detail", max_length=40, required_when=When("punished"))
    assert refused(detail, "", context={"punished": True}) == "required"
    assert ok(detail, "", context={"punished": False}) is None
    assert ok(detail, "") is None
    assert f.is_required(detail, {"punished": True}) and not f.is_required(detail)


def test_nationality_codes_match_the_registration_list():
    from accounts import nationalities
    nationality = EXTENSION_PAGE1.field("nationality")
    assert f.STATELESS == nationalities.STATELESS
    for code in ("VN", "CN", "PH", "XX"):
        assert nationalities.is_known(ok(nationality, code))


def test_the_applicants_own_nationality_is_never_japan_and_nobody_is_antarctic():
    from rules.forms import accounts, common
    own = (EXTENSION_PAGE1.field("nationality"), accounts.REGISTRATION.by_name["nationality"])
    for field in own:
        assert refused(field, "JP") == refused(field, "JPN") == "japanese"
    relative = next(field for field in common.person("spouse") if field.kind == f.COUNTRY)
    assert ok(relative, "JP") == "JP"  # a spouse or a legal representative may be Japanese
    for field in (*own, relative):
        assert refused(field, "AQ") == refused(field, "ATA") == "country"


def every_field():
    """Every Field the form modules define, in sections, tuples or module constants."""
    from rules.forms import common, page1, procedure_parts, status_parts
    seen, stack = {}, [v for m in (common, page1, procedure_parts, status_parts) for v in vars(m).values()]
    while stack:
        value = stack.pop()
        if isinstance(value, Field):
            seen[id(value)] = value
        elif isinstance(value, f.Section):
            stack.extend(value.fields)
        elif isinstance(value, (tuple, list)):
            stack.extend(value)
    return list(seen.values())


def test_every_japanese_characters_field_says_so_in_its_hint_with_an_example():
    # The refusal asks for Japanese characters; the hint must say it first (not just "full-width").
    fields = [field for field in every_field() if field.chars == f.FULL_WIDTH]
    assert {field.name for field in fields} >= {"municipality", "address_rest"}
    for field in fields:
        assert field.help and "Japanese characters" in field.help and "for example" in field.help, field.name


def test_every_relatives_name_says_latin_letters_are_allowed():
    # A relative's name may be written in Latin letters (issue 10); the hint says so wherever it is asked.
    fields = [field for field in every_field() if field.chars == f.JIS_OR_LATIN]
    assert len(fields) >= 2
    for field in fields:
        assert field.help and "Latin letters" in field.help, field.name
