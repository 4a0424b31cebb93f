"""Who an application is about, as keys that match across accounts: the applicant, and the people the answers
name (the supporter, the spouse or parent, the family in Japan). The same person is the same residence card
number; where either side has none, the same name, date of birth and nationality. Names and dates are compared
as rules.pending_applications compares them (one rule: `person`). Pure: the database keeps the keys at
submission, and the case page lists the applications that share one (related cases)."""
from dataclasses import dataclass

from rules.errors import RuleError
from rules.forms.common import RELATIONSHIPS
from rules.i18n_marker import N_
from rules.identifiers import residence_card_number
from rules.pending_applications import person

APPLICANT = "applicant"
# The people an application names besides its applicant: the answers' prefix (rules.forms.common.person) → role.
NAMED = {"supporter": "supporter", "partner": "partner"}
FAMILY = "family"
FAMILY_SECTIONS = ("family_member",)  # the family rows (rules.forms.page1.family_member)
MAX_FAMILY_ROWS = 12  # well above the form's rows: stored answers beyond it are not read


@dataclass(frozen=True)
class PersonKey:
    """One person an application is about: `key` matches the same person in another application; `card` is their
    residence card number ('' when none was given), `role` who they are to it, `relationship` as answered."""
    key: str
    role: str
    card: str = ""
    relationship: str = ""


def _card(value):
    try:
        return residence_card_number(str(value or "")) if value else ""
    except RuleError:
        return ""


def _keys(name, birth, nationality, card, role, relationship=""):
    card = _card(card)
    keys = [PersonKey("card:" + card, role, card, relationship)] if card else []
    who = person({"name": name, "birth_date": birth}) if name and birth and nationality else None
    if who and all(who):
        keys.append(PersonKey("person:" + "|".join((*who, str(nationality).strip().upper())), role, card,
                              relationship))
    return keys


def person_keys(answers, rows=()):
    """The keys of the application's people: `answers` its single answers (field → value), `rows` its row
    sections as (section name, [row answers])."""
    found = _keys(answers.get("name"), answers.get("birth_date"), answers.get("nationality"),
                  answers.get("residence_card_number"), APPLICANT)
    for prefix, role in NAMED.items():
        found += _keys(answers.get(f"{prefix}_name"), answers.get(f"{prefix}_birth_date"),
                       answers.get(f"{prefix}_nationality"), answers.get(f"{prefix}_card_number"), role,
                       str(answers.get(f"{prefix}_relationship") or ""))
    for section, values in rows:
        if section in FAMILY_SECTIONS:
            for row in list(values or ())[:MAX_FAMILY_ROWS]:
                if isinstance(row, dict) and row.get("relationship") != "self":
                    found += _keys(row.get("name"), row.get("birth_date"), row.get("nationality"),
                                   row.get("card_number"), FAMILY, str(row.get("relationship") or ""))
    return list(dict.fromkeys(found))


def same_person(mine, other):
    """Whether two keys that are equal name the same person: a card number always; a name, date of birth and
    nationality only where one side has no card number (two numbers that differ are two people)."""
    return mine.key == other.key and (mine.key.startswith("card:") or not (mine.card and other.card))


def same_record(one, other):
    """Whether two records of a person (dicts with name, birth_date, nationality and residence_card_number) are the
    same person by `same_person`: an organisation's row names a person it already has."""
    def keys(record):
        return _keys(record.get("name"), record.get("birth_date"), record.get("nationality"),
                     record.get("residence_card_number"), APPLICANT)
    theirs = keys(other)
    return any(same_person(mine, found) for mine in keys(one) for found in theirs if mine.key == found.key)


# Why another application is related to this one: (this application's person's role, theirs) → the reason.
SAME_BY_CARD, SAME_BY_PERSON = "same_card", "same_person"
REASONS = {
    (APPLICANT, "supporter"): "their_supporter",  # the other names this applicant as its supporter: a dependant's
    (APPLICANT, "partner"): "their_partner",
    (APPLICANT, FAMILY): "lists_applicant",
    ("supporter", APPLICANT): "supporter",  # the supporter this application names, applying themselves
    ("partner", APPLICANT): "partner",
    (FAMILY, APPLICANT): "family",
}

# What the console says of each reason; %(relationship)s: who the person is, as the application naming them says.
REASON_LABELS = {
    SAME_BY_CARD: N_("Same person (residence card number)"),
    SAME_BY_PERSON: N_("Same person (name, date of birth, nationality)"),
    "supporter": N_("Supporter named in this application"),
    "partner": N_("Spouse or parent named in this application"),
    "family": N_("Family member listed in this application"),
    "their_supporter": N_("Names this applicant as supporter"),
    "their_partner": N_("Names this applicant as spouse or parent"),
    "lists_applicant": N_("Lists this applicant as a family member"),
}
RELATIONSHIP_LABELS = {c.code: c.label for c in RELATIONSHIPS}


def reason(mine, other):
    """Why the application `other` (a key of it equal to one of this application's, `mine`) is related, or None
    when the match says nothing (two applications naming the same relative, say)."""
    if not same_person(mine, other):
        return None
    if mine.role == other.role == APPLICANT:
        return SAME_BY_CARD if mine.key.startswith("card:") else SAME_BY_PERSON
    return REASONS.get((mine.role, other.role))
