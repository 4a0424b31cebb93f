"""Registration and the profile use the application form's model: one email rule, "same as" as a cross-field rule
of the section, presentation carried by the Field, and no template of theirs rendering a field by hand."""
import os

import pytest

from rules.forms import validate_section
from rules.forms.accounts import PROFILE_EMAIL, PROFILE_PHONE, REGISTRATION
from rules.forms.fields import EMAIL, Field, same_as
from tests.rules.test_one_source_of_truth import ROOT

ADDRESSES = ["saburo@example.jp", "Saburo@Example.JP", "三郎@例え.jp", "sabur\u00f6@example.jp", "saburo.example.jp",
             "a" * 250 + "@example.jp", "<b>x</b>@example.jp", ""]


def outcome(section, first, second, address):
    result = validate_section(section, {first: address, second: address})
    return result.values.get(first), result.errors[first].code if first in result.errors else None


@pytest.mark.parametrize("address", ADDRESSES)
def test_registration_and_the_profile_take_an_email_address_by_one_rule(address):
    assert outcome(REGISTRATION, "email", "email_confirm", address) == \
        outcome(PROFILE_EMAIL, "new_email", "new_email_again", address)


def test_an_address_outside_ascii_is_refused_with_what_to_type():
    result = validate_section(PROFILE_EMAIL, {"new_email": "花子@例え.jp", "new_email_again": "花子@例え.jp"})
    assert result.errors["new_email"].code == "email_ascii"


@pytest.mark.parametrize("section, first, again", [(REGISTRATION, "email", "email_confirm"),
                                                   (PROFILE_EMAIL, "new_email", "new_email_again")])
def test_the_address_typed_twice_must_be_the_same_in_any_capitals(section, first, again):
    same = validate_section(section, {first: "Hanako@example.jp", again: "hanako@EXAMPLE.jp"})
    assert again not in same.errors
    other = validate_section(section, {first: "hanako@example.jp", again: "hanaka@example.jp"})
    assert other.errors[again].code == "not_same"
    # while the first is wrong, only the first says so
    broken = validate_section(section, {first: "hanako", again: "hanaka@example.jp"})
    assert set(broken.errors) & {first, again} == {first}


def test_same_as_is_a_rule_of_any_section():
    from rules.forms import Section
    section = Section("s", "S", (Field("a", "A"), Field("b", "B", cross_check=same_as("a", "differs"))))
    assert validate_section(section, {"a": "x", "b": "y"}).errors["b"].message == "differs"
    assert validate_section(section, {"a": "x", "b": "X"}).valid


def test_the_terms_must_be_agreed_to_with_their_own_words():
    errors = validate_section(REGISTRATION, {}).errors
    assert "tick the box" in errors["consent"].message
    assert validate_section(REGISTRATION, {"consent": "1"}).values["consent"] is True


def test_presentation_is_carried_by_the_field():
    from blueprints.form_questions import input_attributes
    email = REGISTRATION.field("email")
    assert (email.kind, email.input_type, email.autocomplete) == (EMAIL, "email", "email")
    assert input_attributes(email) == (("maxlength", "254"), ("spellcheck", "false"))
    assert input_attributes(PROFILE_PHONE.field("phone")) == (("maxlength", "20"),)
    assert input_attributes(Field("name", "Name")) == (("autocomplete", "off"), ("spellcheck", "false"))
    assert input_attributes(Field("code", "Code", inputmode="numeric", input_type="tel")) == (
        ("inputmode", "numeric"), ("autocomplete", "off"))


def test_account_templates_render_no_field_by_hand():
    """Their questions come from the form model through form_question, not from if/elif chains of their own."""
    for folder in ("registration", "profile"):
        for name in os.listdir(os.path.join(ROOT, "templates", folder)):
            with open(os.path.join(ROOT, "templates", folder, name), encoding="utf-8") as f:
                text = f.read()
            for macro in ("text_field(", "select_field(", "checkbox_field(", "textarea_field("):
                assert macro not in text, (folder, name, macro)
