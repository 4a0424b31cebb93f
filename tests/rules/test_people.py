"""The people an application is about, as keys across accounts (rules.people): one person by the residence card
number, or by name, date of birth and nationality where a number is missing; why another application is related."""
from rules.people import APPLICANT, FAMILY, PersonKey, person_keys, reason, same_person


def test_the_applicant_supporter_and_family_each_get_their_keys():
    keys = person_keys({"name": "Shiken Taro", "birth_date": "1990-04-01", "nationality": "cn",
                        "residence_card_number": "ab 1234-5678 cd", "supporter_name": "SHIKEN ICHIRO",
                        "supporter_birth_date": "1960", "supporter_nationality": "CN",
                        "supporter_relationship": "father"},
                       [("family_member", [{"relationship": "self", "card_number": "AB12345678CD"},
                                           {"relationship": "child", "name": "SHIKEN MIKA", "birth_date": "2019-05-05",
                                            "nationality": "CN"}])])
    assert keys == [
        PersonKey("card:AB12345678CD", APPLICANT, "AB12345678CD"),
        PersonKey("person:SHIKEN TARO|1990-04-01|CN", APPLICANT, "AB12345678CD"),
        PersonKey("person:SHIKEN ICHIRO|1960|CN", "supporter", "", "father"),
        PersonKey("person:SHIKEN MIKA|2019-05-05|CN", FAMILY, "", "child")]  # the "self" row is the applicant


def test_a_person_without_a_name_date_of_birth_or_nationality_has_no_name_key():
    assert person_keys({"name": "SHIKEN TARO", "birth_date": "1990-04-01"}) == []
    assert person_keys({"residence_card_number": "not a number"}) == []


def test_two_card_numbers_that_differ_are_two_people_whatever_the_names():
    namesake = "person:SHIKEN TARO|1990-04-01|CN"
    assert not same_person(PersonKey(namesake, APPLICANT, "AB12345678CD"), PersonKey(namesake, APPLICANT, "XY12345678ZW"))
    assert same_person(PersonKey(namesake, APPLICANT, "AB12345678CD"), PersonKey(namesake, APPLICANT, ""))
    assert reason(PersonKey(namesake, APPLICANT, ""), PersonKey(namesake, APPLICANT, "")) == "same_person"


def test_why_related_follows_who_each_is_to_their_application():
    card = "card:AB12345678CD"
    assert reason(PersonKey(card, APPLICANT), PersonKey(card, APPLICANT)) == "same_card"
    assert reason(PersonKey(card, APPLICANT), PersonKey(card, "supporter")) == "their_supporter"
    assert reason(PersonKey(card, "supporter"), PersonKey(card, APPLICANT)) == "supporter"
    assert reason(PersonKey(card, FAMILY), PersonKey(card, APPLICANT)) == "family"
    assert reason(PersonKey(card, APPLICANT), PersonKey(card, FAMILY)) == "lists_applicant"
    assert reason(PersonKey(card, FAMILY), PersonKey(card, FAMILY)) is None  # two naming the same relative
