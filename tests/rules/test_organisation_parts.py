"""The organisation's part of the form per status letter, and the profile's answers in it."""
import datetime

import pytest

from rules.forms import validate_section
from rules.forms.organisation_parts import PARTS, PROFILE_FIELDS, is_organisation_section, part_for, prefilled
from rules.forms.status_letters import STATUS_LETTERS, statuses_of
from rules.forms.status_parts import extra_sections

PROFILE = {"name": "株式会社テスト工業", "corporate_number": "7010001008844", "address": "東京都千代田区霞が関1-1-1",
           "phone": "03-1234-5678"}
TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.letter)
def test_each_part_is_asked_by_its_letter_and_names_the_organisation(part):
    """The organisation's sections are the letter's own (no second copy of a question), and the contact block the
    profile fills in is one of them with every profile field but, at most, the corporate number."""
    status, _ = statuses_of(part.letter)[0]
    asked = {s.name for s in extra_sections(part.letter, status.code)}
    assert {s.name for s in part.sections} <= asked
    names = {f.name for s in part.sections for f in s.fields}
    assert {f"{part.contact_prefix}_{k}" for k in ("name", "address", "phone")} <= names


def test_letters_without_an_organisation_part():
    assert [e.letter for e in STATUS_LETTERS if part_for(e.letter) is None] == ["O", "R", "T", "U"]
    with pytest.raises(KeyError):
        part_for("Z")


def test_the_profile_fills_the_n_organisation_block_and_the_values_pass_its_checks():
    values = prefilled("N", PROFILE)
    assert values == {"organisation_name": PROFILE["name"], "organisation_corporate_number": PROFILE["corporate_number"],
                      "organisation_address": PROFILE["address"], "organisation_phone": PROFILE["phone"]}
    section = part_for("N").sections[0]
    result = validate_section(section, {f.name: values.get(f.name) for f in section.fields}, today=TODAY)
    assert not {name for name in result.errors if name in values}


def test_an_answer_typed_for_this_application_stays():
    values = prefilled("V", PROFILE, answers={"receiving_phone": "0312340000", "receiving_name": ""})
    assert "receiving_phone" not in values and values["receiving_name"] == PROFILE["name"]


def test_a_block_without_a_corporate_number_field_is_filled_without_it():
    assert set(prefilled("P", PROFILE)) == {"school_name", "school_address", "school_phone"}


def test_nothing_for_letters_without_a_part_or_an_empty_profile():
    assert prefilled("T", PROFILE) == {} and prefilled("N", {}) == {} and prefilled("N", None) == {}
    assert set(PROFILE) == set(PROFILE_FIELDS)


def test_which_sections_are_the_organisations():
    assert is_organisation_section("N", "n_organisation") and is_organisation_section("N", "n_employment")
    assert not is_organisation_section("N", "n_employer") and not is_organisation_section("T", "t_partner")
