"""The account forms (registration's details, the profile's email address and telephone number) as Sections of
the one form model: rendered by the application pages' macro and validated by the same validator, so that an
email address, a residence card number or a telephone number is taken by one rule wherever it is asked."""
from rules import account_kinds, identifiers
from rules.forms.common import japanese_address
from rules.forms.fields import (
    AGREEMENT, CHOICE, COUNTRY, DIGITS, EMAIL, FULL_WIDTH, IDENTIFIER, Choice, Field, Section, same_as)
from rules.i18n_marker import N_

EMAIL_LENGTH = 254  # RFC 5321's longest address (the EMAIL kind refuses longer)
IDENTIFIER_INPUT_LENGTH = 20  # room for the spaces and hyphens people type in a card or telephone number
NOT_THE_SAME_EMAIL = N_("The two email addresses are not the same. Type the same address twice.")


def email_address(name, label, hint):
    return Field(name, label, EMAIL, max_length=EMAIL_LENGTH, help=hint, input_type="email", autocomplete="email",
                 input_limit=True)


def email_again(name, label, hint, first):
    """The address typed a second time: the same as `first` (in any capitals), or refused."""
    return Field(name, label, EMAIL, max_length=EMAIL_LENGTH, help=hint, input_type="email", autocomplete="email",
                 input_limit=True, cross_check=same_as(first, NOT_THE_SAME_EMAIL))


def telephone(hint):
    return Field("phone", N_("Telephone number"), IDENTIFIER, normaliser=identifiers.phone_number,
                 max_length=IDENTIFIER_INPUT_LENGTH, help=hint, input_type="tel", autocomplete="tel",
                 input_limit=True)


def residence_card(hint):
    return Field("residence_card_number", N_("Residence card number"), IDENTIFIER,
                 normaliser=identifiers.residence_card_number, max_length=IDENTIFIER_INPUT_LENGTH, help=hint,
                 input_limit=True, autocapitalize="characters")


_EMAILS = (
    email_address("email", N_("Email address"), N_("We send the approval email with your user ID here.")),
    email_again("email_confirm", N_("Email address again"),
                N_("Type the same address again to make sure it has no typing mistake."), "email"),
)
_PHONE = telephone(N_("A number where we can reach you in Japan, digits only, for example 09012345678."))
_CONSENT = Field("consent", N_("I have read the terms of use and agree to them."), AGREEMENT,
                 refusal=N_("To register, read the terms of use and tick the box to agree to them."))
REGISTRATION = Section("registration", N_("Your contact details and residence card"), (
    *_EMAILS,
    residence_card(N_("2 letters, 8 digits and 2 letters, for example AB12345678CD.")),
    Field("nationality", N_("Nationality or region"), COUNTRY, help=N_("As written on your residence card."),
          foreign=True),
    _PHONE,
    _CONSENT,
))
# A Japanese national has no residence card; their nationality is Japan.
REGISTRATION_JAPANESE = Section("registration_japanese", N_("Your contact details"), (*_EMAILS, _PHONE, _CONSENT))
AGENT_NUMBER_LENGTH = 30
ASSOCIATION_LENGTH = 40
REGISTRATION_NUMBER_LENGTH = 8  # a gyoseishoshi's registration number has 8 digits, a lawyer's 5
# A lawyer or gyoseishoshi: their registration, their filing-agent number and their office, whose prefecture
# decides the bureau that confirms them (rules.bureaus).
REGISTRATION_AGENT = Section("registration_agent", N_("Your contact details and your registration as a filing agent"), (
    *_EMAILS,
    _PHONE,
    Field("nationality", N_("Nationality or region"), COUNTRY),
    Field("profession", N_("Profession"), CHOICE, choices=tuple(
        Choice(code, label, official) for (code, label), official in zip(
            account_kinds.PROFESSIONS.items(), ("弁護士", "行政書士"))),
        help=N_("Filing agents who are lawyers or gyoseishoshi register here.")),
    Field("registration_number", N_("Registration number"), chars=DIGITS, max_length=REGISTRATION_NUMBER_LENGTH,
          input_limit=True, inputmode="numeric",
          help=N_("Your registration number with the Japan Federation of Bar Associations or the Japan Federation "
                  "of Gyoseishoshi Lawyer's Associations, digits only.")),
    Field("association", N_("Bar association or gyoseishoshi association"), chars=FULL_WIDTH,
          max_length=ASSOCIATION_LENGTH, help=N_("The association you belong to, for example 東京都行政書士会.")),
    Field("agent_number", N_("Filing-agent notification or approval number"), max_length=AGENT_NUMBER_LENGTH,
          input_limit=True,
          help=N_("As written on your filing-agent certificate (届出済証明書) issued by the regional bureau.")),
    *japanese_address("office_"),
    _CONSENT,
))
REGISTRATION_BY_KIND = {account_kinds.FOREIGN_RESIDENT: REGISTRATION,
                        account_kinds.JAPANESE_NATIONAL: REGISTRATION_JAPANESE,
                        account_kinds.AGENT: REGISTRATION_AGENT}
PROFILE_EMAIL = Section("profile_email", N_("Change your email address"), (
    email_address("new_email", N_("New email address"),
                  N_("We send a link to this address. The change takes effect when you open it.")),
    email_again("new_email_again", N_("New email address again"), N_("Type it once more, to be sure it is right."),
                "new_email"),
))
PROFILE_PHONE = Section("profile_phone", N_("Change your telephone number"), (
    telephone(N_("Digits only, for example 0312345678 or 09012345678.")),
))
PROFILE_CARD = Section("profile_card", N_("Change your residence card number"), (
    residence_card(N_("The number of your new residence card: 2 letters, 8 digits and 2 letters, for example "
                      "AB12345678CD.")),
))
