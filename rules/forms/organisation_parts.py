"""The organisation's part of the form (所属機関等作成用) per status letter, and what the organisation's profile
fills in of it (pure).

The agency's forms have, for most letters, pages the receiving organisation fills in (FORMS.md "Status letters":
"organisation 1–2" and so on). Here they are the letter's own sections already asked (rules.forms.status_parts and
letter_parts), named per letter: when an organisation's staff member files, the block that names the organisation
is filled in from its profile, and every answer stays editable per application. R, T and O have no organisation
part (the supporter, the spouse or the applicant fill them in)."""
from dataclasses import dataclass, replace

from rules.forms import letter_parts as lp, page1, status_parts as sp
from rules.forms.fields import Field, Section
from rules.forms.status_letters import LETTER_BY_CODE
from rules.i18n_marker import N_

# What the organisation's profile holds that the form asks: the contact block's own field suffixes.
PROFILE_FIELDS = ("name", "corporate_number", "address", "phone")


@dataclass(frozen=True)
class OrganisationPart:
    letter: str
    sections: tuple  # the letter's sections of the organisation's part, in form order
    contact_prefix: str  # the prefix of the contact block that names the organisation (rules.forms.common.contact)


PARTS = (
    OrganisationPart("I", (lp.I_INSTITUTION, lp.I_ACTIVITY), "institution"),
    OrganisationPart("J", (lp.J_INSTRUCTOR,), "instructor"),
    OrganisationPart("K", (lp.K_RECEIVING,), "receiving"),
    OrganisationPart("L", (lp.L_OFFICE_JAPAN,), "japan_office"),
    OrganisationPart("M", (lp.M_BUSINESS,), "business"),
    OrganisationPart("N", (sp.N_ORGANISATION, sp.N_EMPLOYMENT), "organisation"),
    OrganisationPart("V", (sp.V_ORGANISATION, sp.V_COMPLIANCE, sp.V_SUPPORT), "receiving"),
    OrganisationPart("Y", (lp.Y_TRAINING, lp.Y_IMPLEMENTING), "implementing"),
    OrganisationPart("P", (sp.P_SCHOOL,), "school"),
    OrganisationPart("Q", (lp.Q_PLAN, lp.Q_RECEIVING), "receiving"),
)
BY_LETTER = {part.letter: part for part in PARTS}


def part_for(letter):
    """The letter's organisation part, or None where the form has none."""
    if letter not in LETTER_BY_CODE:
        raise KeyError(letter)
    return BY_LETTER.get(letter)


def is_organisation_section(letter, section_name):
    part = BY_LETTER.get(letter)
    return bool(part) and any(s.name == section_name for s in part.sections)


def prefilled(letter, profile, answers=None):
    """The answers the organisation's profile gives the letter's organisation part: {field name: value}, only for
    fields the section has and the application has not answered yet (a value typed per application stays)."""
    part = BY_LETTER.get(letter)
    if part is None:
        return {}
    answers = answers or {}
    names = {f.name for s in part.sections for f in s.fields}
    found = {}
    for key in PROFILE_FIELDS:
        field = f"{part.contact_prefix}_{key}"
        value = (profile or {}).get(key)
        if field in names and value not in (None, "") and answers.get(field) in (None, ""):
            found[field] = value
    return found


# --- the organisation's people --------------------------------------------------------------------
# Who a staff member files for, asked once and copied into each application's answers under the same names (the
# form's own fields, so the same checks): a person in Japan by the residence card, a person abroad (a Certificate of
# Eligibility) by the passport and a contact abroad.
_IN_JAPAN_FIELDS = {f.name: f for f in page1.RESIDENCE_CARD + page1.CURRENT_STATUS}
_PASSPORT_FIELDS = {f.name: f for f in page1.PASSPORT}
CONTACT_ABROAD_LENGTH = 200  # ours: an address abroad, an email address or a telephone number
PERSON_IN_JAPAN = Section("person_in_japan", N_("The person"), (
    page1.NAME, page1.BIRTH_DATE, page1.NATIONALITY,
    replace(_IN_JAPAN_FIELDS["residence_card_number"], required_when=None),
    _IN_JAPAN_FIELDS["expiry_date"],
))
PERSON_ABROAD = Section("person_abroad", N_("The person coming to Japan"), (
    page1.NAME, page1.BIRTH_DATE, page1.NATIONALITY,
    replace(_PASSPORT_FIELDS["passport_number"], required_when=None),
    Field("contact_abroad", N_("Contact abroad (address, email or telephone)"), max_length=CONTACT_ABROAD_LENGTH),
))


def person_section(abroad):
    return PERSON_ABROAD if abroad else PERSON_IN_JAPAN


# The record's name of a field where it is not the form's.
PERSON_COLUMNS = {"expiry_date": "stay_expires"}
NOT_ON_THE_FORM = ("contact_abroad",)  # kept on the person's record, for the staff


def person_column(field_name):
    return PERSON_COLUMNS.get(field_name, field_name)


def person_answers(person):
    """The application's answers a person's record gives (the form's own field names), as typed."""
    answers = {f.name: person.get(person_column(f.name)) for f in person_section(person["abroad"]).fields
               if f.name not in NOT_ON_THE_FORM and person.get(person_column(f.name)) not in (None, "")}
    if person["abroad"]:
        answers["has_passport"] = "yes"
    else:
        answers["has_residence_card"] = "yes"
    return answers
