"""The registration form's questions: rules.forms.accounts.REGISTRATION, checked by the one validator of
rules.forms (no Flask, no SQL)."""
from rules.errors import ValidationError
from rules.forms import validate_section
from rules.forms.accounts import REGISTRATION
from rules.i18n_marker import N_

NAMES = tuple(f.name for f in REGISTRATION.fields)
MAX_INPUT = 1000  # characters kept from any one posted value; longer is refused by the rules anyway


def check(data, only=None):
    """(values, errors) of the posted form: normal values by name, ValidationError by name.

    `only` names the one question being left (the htmx check); every question otherwise.
    """
    data = {name: (data.get(name) or "")[:MAX_INPUT] for name in NAMES}
    result = validate_section(REGISTRATION, data)
    wanted = NAMES if only is None else (only,)
    return ({k: v for k, v in result.values.items() if k in wanted},
            {k: v for k, v in result.errors.items() if k in wanted})


def taken_error(field_name):
    """The refusal for an identity another account already holds."""
    if field_name == "residence_card_number":
        return ValidationError(
            "residence_card_taken",
            N_("This residence card number is already registered. If you registered before, log in with "
               "your user ID; if you did not register it, contact the regional bureau."))
    raise KeyError(field_name)
