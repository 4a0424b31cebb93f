"""Who files and for whom, as the application's columns (migration 14) read them from the answers as typed (pure):
the filer's kind (rules.filers.kind_of) and the applicant's name, date of birth, nationality, residence card number
and the key that finds the same person's applications whoever filed them (rules.pending_applications.person)."""
from applications import records
from rules import filers, identifiers, pending_applications
from rules.errors import RuleError
from rules.procedures import any_procedure


def _text(value):
    return " ".join(str(value).split()) if value not in (None, "") else ""


def residence_card_number(data):
    """The applicant's residence card number in its normal form where they have one ('' otherwise)."""
    if data.get("has_residence_card") in (False, "no") or not data.get("residence_card_number"):
        return ""
    try:
        return identifiers.residence_card_number(str(data["residence_card_number"]))
    except RuleError:
        return ""


def applicant_key(data):
    """The key that finds the same person's applications whoever filed them: the name and date of birth as
    rules.pending_applications compares them; '' before both are given."""
    person = pending_applications.person(data)
    return "|".join(person) if person and all(person) else ""


def columns(procedures, data):
    """{column: value} of the application row for these answers (the applicant's account is the caller's to
    find: applicant_account_id)."""
    return {
        "filer_kind": filers.kind_of(procedures, data.get("filed_by"), data.get(filers.STAFF_KIND)),
        "applicant_name": _text(data.get("name")),
        "applicant_birth_date": pending_applications.birth_key(data.get("birth_date")) if data.get("birth_date")
        else "",
        "applicant_nationality": _text(data.get("nationality")),
        # The person abroad a Certificate of Eligibility is for holds no residence card.
        "applicant_residence_card_number": "" if any_procedure(procedures, "for_person_abroad")
        else residence_card_number(data),
        "applicant_key": applicant_key(data),
    }


def of(db, account_id, procedures, data):
    """columns() with the applicant's own account: the filer's when they file for themself, else the account
    registered with the applicant's residence card number and date of birth, if any."""
    found = columns(procedures, data)
    if found["filer_kind"] == filers.SELF:
        found["applicant_account_id"] = account_id
    elif found["applicant_residence_card_number"] and found["applicant_birth_date"]:
        found["applicant_account_id"] = records.account_for_card(
            db, found["applicant_residence_card_number"], found["applicant_birth_date"], account_id)
    else:
        found["applicant_account_id"] = None
    return found
