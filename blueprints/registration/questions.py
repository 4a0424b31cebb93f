"""The registration form's questions for each kind of user (rules.forms.accounts.REGISTRATION_BY_KIND), checked by
the one validator of rules.forms (no Flask, no SQL)."""
from applications import addresses
from rules.account_kinds import AGENT, CODES, FOREIGN_RESIDENT
from rules.errors import ValidationError
from rules.forms import validate_section
from rules.forms.accounts import REGISTRATION_BY_KIND
from rules.i18n_marker import N_

MAX_INPUT = 1000  # characters kept from any one posted value; longer is refused by the rules anyway
NAMES_BY_KIND = {kind: tuple(f.name for f in section.fields) for kind, section in REGISTRATION_BY_KIND.items()}
NAMES = NAMES_BY_KIND[FOREIGN_RESIDENT]
# The identities one account alone may hold, by the field that gives them.
UNIQUE_FIELDS = ("residence_card_number", "registration_number")


def section(kind):
    return REGISTRATION_BY_KIND[kind]


def names(kind):
    return NAMES_BY_KIND[kind]


def posted(data, kind):
    """The posted answers of this kind's questions, each cut to MAX_INPUT, the office address filled from its
    postal code where its parts were left empty (without script)."""
    data = {name: (data.get(name) or "")[:MAX_INPUT] for name in names(kind)}
    return addresses.filled((section(kind),), data) if kind == AGENT else data


def check(data, only=None, kind=FOREIGN_RESIDENT):
    """(values, errors) of the posted form: normal values by name, ValidationError by name.

    `only` names the one question being left (the htmx check); every question otherwise.
    """
    assert kind in CODES
    result = validate_section(section(kind), posted(data, kind))
    wanted = names(kind) if only is None else (only,)
    return ({k: v for k, v in result.values.items() if k in wanted},
            {k: v for k, v in result.errors.items() if k in wanted})


def taken_error(field_name):
    """The refusal for an identity another account already holds."""
    if field_name == "residence_card_number":
        return ValidationError(
            "residence_card_taken",
            N_("This residence card number is already registered. If you registered before, log in with "
               "your user ID; if you did not register it, contact the regional bureau."))
    if field_name == "registration_number":
        return ValidationError(
            "registration_number_taken",
            N_("A filing agent with this profession and registration number is already registered. If you "
               "registered before, log in with your user ID; if you did not, contact the regional bureau."))
    raise KeyError(field_name)
