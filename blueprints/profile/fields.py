"""The profile's forms and their checks, pure: rules.forms.accounts' sections, validated by the one validator,
plus the one rule that needs the account (a new address must be new)."""
from rules.errors import ValidationError
from rules.forms import validate_section
from rules.forms.accounts import PROFILE_CARD, PROFILE_EMAIL, PROFILE_PHONE
from rules.i18n_marker import N_

FORMS = {"email": PROFILE_EMAIL, "phone": PROFILE_PHONE, "card": PROFILE_CARD}


def check(form, data, account):
    """(values, errors) of one profile form: errors maps a field name to its ValidationError, in field order."""
    section = FORMS[form]
    result = validate_section(section, {f.name: data.get(f.name) for f in section.fields})
    values, errors = dict(result.values), dict(result.errors)
    new = values.get("new_email") if form == "email" else None
    if new and "new_email" not in errors and new.casefold() == (account["email"] or "").casefold():
        errors["new_email"] = ValidationError("same_email", N_("This is already your email address. Enter the "
                                                               "new address."))
    card = values.get("residence_card_number") if form == "card" else None
    if card and card == account["residence_card_number"]:
        errors["residence_card_number"] = ValidationError(
            "same_card", N_("This is already your residence card number. Enter the number of your new card."))
    return values, {f.name: errors[f.name] for f in section.fields if f.name in errors}
