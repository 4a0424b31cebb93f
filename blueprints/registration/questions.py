"""The registration form's questions as data, checked by the one validator of rules.forms (no Flask, no SQL)."""
from rules.errors import ValidationError
from rules.forms import Field, validate
from rules.forms.fields import COUNTRY, EMAIL, IDENTIFIER
from rules.i18n_marker import N_
from rules import identifiers

EMAIL_ADDRESS = Field("email", N_("Email address"), EMAIL)
EMAIL_AGAIN = Field("email_confirm", N_("Email address again"), EMAIL)
RESIDENCE_CARD_NUMBER = Field("residence_card_number", N_("Residence card number"), IDENTIFIER,
                              normaliser=identifiers.residence_card_number)
NATIONALITY = Field("nationality", N_("Nationality or region"), COUNTRY)
PHONE = Field("phone", N_("Telephone number"), IDENTIFIER, normaliser=identifiers.phone_number)
FIELDS = (EMAIL_ADDRESS, EMAIL_AGAIN, RESIDENCE_CARD_NUMBER, NATIONALITY, PHONE)
NAMES = tuple(f.name for f in FIELDS) + ("consent",)
MAX_INPUT = 1000  # characters kept from any one posted value; longer is refused by the rules anyway


def _email(field, raw):
    value = validate(field, raw)
    # The approval email must reach every mail server: internationalised addresses are not accepted by all.
    if not value.isascii():
        raise ValidationError("email_ascii", N_("Use an email address written in half-width letters, digits "
                                                "and symbols, such as name@example.com."))
    return value


def _value(field, raw):
    return _email(field, raw) if field.kind == EMAIL else validate(field, raw)


def check(data, only=None):
    """(values, errors) of the posted form: normal values by name, ValidationError by name.

    `only` names the one question being left (the htmx check); every question otherwise.
    """
    data = {name: (data.get(name) or "")[:MAX_INPUT] for name in NAMES}
    values, errors = {}, {}
    for field in FIELDS:
        if only not in (None, field.name):
            continue
        try:
            values[field.name] = _value(field, data[field.name])
        except ValidationError as error:
            errors[field.name] = error
    if only in (None, "email_confirm") and "email_confirm" not in errors:
        try:
            first = _value(EMAIL_ADDRESS, data["email"])
        except ValidationError:
            first = None  # the first address has its own message
        if first is not None and first.casefold() != values["email_confirm"].casefold():
            errors["email_confirm"] = ValidationError(
                "email_mismatch", N_("The two email addresses are not the same. Type the same address twice."))
    if only in (None, "consent") and data["consent"] != "1":
        errors["consent"] = ValidationError(
            "consent", N_("To register, read the terms of use and tick the box to agree to them."))
    return values, errors


def taken_error(field_name):
    """The refusal for an identity another account already holds."""
    if field_name == "residence_card_number":
        return ValidationError(
            "residence_card_taken",
            N_("This residence card number is already registered. If you registered before, log in with "
               "your user ID; if you did not register it, contact the regional bureau."))
    raise KeyError(field_name)
