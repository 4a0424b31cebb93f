"""Who an application is for, when the name or the date of birth was stored as typed and cannot be read as a
Latin name or a date (rules.pending_applications): compared as typed (spaces and case aside), so different people
never block each other and the same person is still recognised."""
import pytest

from rules.pending_applications import MESSAGE, PendingApplication, person, same_person


def test_names_that_are_not_latin_compare_as_typed_spaces_and_case_aside():
    assert same_person({"name": "山田 太郎", "birth_date": "1990-04-01"},
                       {"name": " 山田　 太郎 ", "birth_date": "1990-04-01"})
    assert same_person({"name": "shiken 3", "birth_date": "1990-04-01"},
                       {"name": "SHIKEN  3", "birth_date": "1990-04-01"})


def test_two_different_names_that_are_not_latin_are_two_people_on_the_same_birth_date():
    assert not same_person({"name": "山田 太郎", "birth_date": "1990-04-01"},
                           {"name": "山田 花子", "birth_date": "1990-04-01"})


def test_unreadable_birth_dates_compare_as_typed():
    assert same_person({"name": "SHIKEN TARO", "birth_date": " about 1990"},
                       {"name": "SHIKEN TARO", "birth_date": "about 1990 "})
    assert not same_person({"name": "SHIKEN TARO", "birth_date": "about 1990"},
                           {"name": "SHIKEN TARO", "birth_date": "about 1992"})


def test_a_person_is_told_by_the_parts_given():
    assert person({"name": "山田 太郎"}) == ("山田 太郎", "")
    assert person({"birth_date": "about 1990"}) == ("", "about 1990")
    assert person({}) is None


@pytest.mark.parametrize("receipt", [None, ""])
def test_a_refusal_never_shows_a_missing_receipt_number_as_none(receipt):
    refused = PendingApplication({"receipt_number": receipt})
    assert refused.params == {"receipt_number": ""} and refused.message == MESSAGE


def test_birth_dates_given_as_dates_are_compared_by_day():
    import datetime

    mine = {"name": "SHIKEN TARO", "birth_date": datetime.date(1990, 4, 1)}
    assert same_person(mine, {"name": "SHIKEN TARO", "birth_date": "1990-04-01"})
    assert not same_person(mine, {"name": "SHIKEN TARO", "birth_date": datetime.date(1990, 4, 2)})
