"""The profile's questions and their checks, pure: the same functions serve the page, htmx and the tests."""
from rules import identifiers
from rules.errors import ValidationError
from rules.forms.fields import EMAIL, IDENTIFIER, Field, validate
from rules.i18n_marker import N_

NEW_EMAIL = Field("new_email", N_("New email address"), kind=EMAIL, max_length=254)
NEW_EMAIL_AGAIN = Field("new_email_again", N_("New email address again"), kind=EMAIL, max_length=254)
PHONE = Field("phone", N_("Telephone number"), kind=IDENTIFIER, normaliser=identifiers.phone_number)

FORMS = {"email": (NEW_EMAIL, NEW_EMAIL_AGAIN), "phone": (PHONE,)}


def check(form, data, account):
    """(values, errors) of one profile form: errors maps a field name to its ValidationError, in field order."""
    values, errors = {}, {}
    for field in FORMS[form]:
        try:
            values[field.name] = validate(field, data.get(field.name))
        except ValidationError as error:
            errors[field.name] = error
    if form == "email":
        _check_email_change(values, errors, account["email"])
    return values, errors


def _check_email_change(values, errors, current):
    new, again = values.get("new_email"), values.get("new_email_again")
    if new and new.casefold() == (current or "").casefold():
        errors["new_email"] = ValidationError("same_email", N_("This is already your email address. Enter the "
                                                               "new address."))
    if new and again and "new_email" not in errors and new != again:
        errors["new_email_again"] = ValidationError("emails_differ", N_("The two email addresses are not the same. "
                                                                        "Enter the new address twice."))
