"""The applicant's age on the day of signing (rules.readiness.oldest_age): by year, month and day, and from a
partial date of birth as the oldest the known parts allow. It decides who must apply through a legal
representative (under 15: rules.filers) and who may leave the photo out (under 16)."""
import datetime

import pytest

from rules import readiness
from rules.forms.fields import PartialDate

BIRTH = datetime.date(2010, 6, 15)
EVE = datetime.date(2026, 6, 14)  # the day before the 16th birthday
BIRTHDAY = datetime.date(2026, 6, 15)


def refusal(answers, today, photo=True, procedures=(2,)):
    try:
        readiness.check_signable(procedures, answers, photo, today)
    except readiness.ReadinessError as error:
        return error.code
    return None


@pytest.mark.parametrize("birth", [BIRTH, PartialDate(2010, 6, 15)])
def test_a_15_year_old_is_16_only_from_the_birthday(birth):
    assert readiness.oldest_age(birth, EVE) == 15
    assert readiness.oldest_age(birth, BIRTHDAY) == 16
    assert readiness.oldest_age(birth, datetime.date(2026, 5, 31)) == 15  # a month before: the month counts too
    assert readiness.oldest_age(birth, datetime.date(2026, 7, 1)) == 16


def test_a_partial_birth_date_counts_as_the_oldest_the_known_parts_allow():
    assert readiness.oldest_age(PartialDate(2010, 6), datetime.date(2026, 5, 31)) == 15
    assert readiness.oldest_age(PartialDate(2010, 6), datetime.date(2026, 6, 1)) == 16  # may be born on June 1
    assert readiness.oldest_age(PartialDate(2010), datetime.date(2026, 1, 1)) == 16  # may be born on January 1
    assert readiness.oldest_age(PartialDate(2010), datetime.date(2025, 12, 31)) == 15


def test_an_unknown_year_has_no_age():
    assert readiness.oldest_age(PartialDate(), BIRTHDAY) is None
    assert readiness.oldest_age(PartialDate(None, 6, 15), BIRTHDAY) is None
    assert readiness.oldest_age(None, BIRTHDAY) is None


def test_the_day_before_the_15th_birthday_a_legal_representative_files_and_no_photo_is_needed():
    answers = {"birth_date": PartialDate(2011, 6, 15)}
    assert refusal(answers, EVE) == "representative_required"
    assert refusal({**answers, "filed_by": "legal_representative"}, EVE, photo=False) is None


def test_f14_from_the_15th_birthday_the_applicant_files_themself_without_a_photo_until_16():
    """Review row F14 (the agency's page of who may use the system, note 4: under 15 cannot use it): a 15-year-old
    files themself; the photo may still be left out until 16."""
    answers = {"birth_date": PartialDate(2010, 6, 15)}
    assert refusal(answers, EVE, photo=False) is None
    assert refusal({"birth_date": PartialDate(2011, 6, 15)}, BIRTHDAY) is None  # the 15th birthday itself


def test_from_the_16th_birthday_the_applicant_files_and_attaches_a_photo():
    answers = {"birth_date": PartialDate(2010, 6, 15)}
    assert refusal(answers, BIRTHDAY) is None
    assert refusal(answers, BIRTHDAY, photo=False) == "photo_required"


@pytest.mark.parametrize("birth", [PartialDate(2010, 6), PartialDate(2010), PartialDate()])
def test_signing_with_a_partial_birth_date_gives_an_answer_not_a_crash(birth):
    """Unknown month or day: the rules read it as the oldest possible, so a photo is asked for when the
    applicant may be 16 already."""
    assert refusal({"birth_date": birth}, BIRTHDAY, photo=False) == "photo_required"
    assert refusal({"birth_date": birth}, BIRTHDAY) is None
