"""The organisation's part of the form (所属機関等作成用) per status letter, and what the organisation's profile
fills in of it (pure).

The agency's forms have, for most letters, pages the receiving organisation fills in (FORMS.md "Status letters":
"organisation 1–2" and so on). Here they are the letter's own sections already asked (rules.forms.status_parts and
letter_parts), named per letter: when an organisation's staff member files, the block that names the organisation
is filled in from its profile, and every answer stays editable per application. R, T and O have no organisation
part (the supporter, the spouse or the applicant fill them in)."""
from dataclasses import dataclass

from rules.forms import letter_parts as lp, status_parts as sp
from rules.forms.status_letters import LETTER_BY_CODE

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
