"""Page 1, common to every status letter: the fields once, then each form's item numbering
(the change form inserts place of birth as 5, keeps the phones in 9 and asks for the desired status in 13)."""
import datetime

from rules import identifiers
from rules.errors import ValidationError
from rules.periods import PERIOD_NOT_GRANTED, period_not_granted
from rules.forms.common import (
    DESIRED_STATUS_CHOICES, MARITAL_STATUSES, OUR_SHORT_TEXT_LENGTH, PASSPORT_NAME_LENGTH, RELATIVE_NAME_HELP,
    PERIOD_CHOICES, REASON_LENGTH, RELATIONSHIPS, RELATIVE_NAME_LENGTH,
    SEXES, STATUS_CHOICES, WORKPLACE_LENGTH, criminal_record, japanese_address, numbered,
    period_choices_for, phone, phone_needed, yes_no, detail_if)
from rules.forms.fields import (
    CHOICE, COUNTRY, DATE, FAMILY_PAGE, IDENTIFIER, JIS_OR_LATIN, LATIN_UPPER, NOT_FUTURE, PARTIAL_DATE, Choice, Field,
    PartialDate, Section, When)
from rules.forms.subcategories import SUBCATEGORIES, subcategories_of
from rules.i18n_marker import N_
from rules.procedures import ACQUISITION, AUTHORIZED_EMPLOYMENT, CHANGE, EXTENSION

NAME_LENGTH = PASSPORT_NAME_LENGTH

NATIONALITY = Field("nationality", N_("Nationality or region"), COUNTRY, foreign=True)
BIRTH_DATE = Field(
    "birth_date", N_("Date of birth"), PARTIAL_DATE, dates=NOT_FUTURE,
    help=N_("If you do not know the whole date, enter the year and month, the year only, or "
            "\"unknown\"."))
NAME = Field("name", N_("Name (as in the passport)"), chars=LATIN_UPPER, max_length=NAME_LENGTH,
             help=N_("In capital letters as in your passport, words separated by spaces."))
SEX = Field("sex", N_("Sex"), CHOICE, choices=SEXES)
PLACE_OF_BIRTH = Field("place_of_birth", N_("Place of birth"), max_length=OUR_SHORT_TEXT_LENGTH)
MARITAL_STATUS = Field("marital_status", N_("Marital status"), CHOICE, choices=MARITAL_STATUSES)
OCCUPATION = Field("occupation", N_("Occupation"), max_length=OUR_SHORT_TEXT_LENGTH)
HOME_TOWN = Field("home_town", N_("Home town/city"), max_length=OUR_SHORT_TEXT_LENGTH)
ADDRESS = japanese_address()
PHONES = (phone("telephone", required=False),
          phone("mobile", N_("Mobile phone number"), required=False))
PASSPORT = (
    yes_no("has_passport", N_("Do you have a passport?")),
    Field("passport_number", N_("Passport number"), IDENTIFIER, normaliser=identifiers.passport_number,
          required_when=When("has_passport")),
    Field("passport_expiry", N_("Passport expiry date"), DATE, required_when=When("has_passport")),
    # A newborn, a refugee, a passport held by an embassy for renewal: why there is none.
    detail_if("passport_missing_reason", N_("Why you have no passport"), "has_passport", REASON_LENGTH, (False,),
              multiline=True),
)
CURRENT_STATUS = (
    Field("current_status", N_("Current status of residence"), CHOICE, choices=STATUS_CHOICES),
    Field("current_period", N_("Period of stay"), CHOICE, choices=PERIOD_CHOICES),
    Field("expiry_date", N_("Date of expiration"), DATE),
)
RESIDENCE_CARD = (
    yes_no("has_residence_card", N_("Do you have a residence card?")),
    Field("residence_card_number", N_("Residence card number"), IDENTIFIER,
          normaliser=identifiers.residence_card_number, required_when=When("has_residence_card"),
          help=N_("2 letters, 8 digits and 2 letters, for example AB12345678CD.")),
    Field("ed_number", N_("ED number"), IDENTIFIER, normaliser=identifiers.ed_number,
          required_when=When("has_residence_card", (False,)),
          help=N_("If you have no residence card: the number on the seal in your passport.")),
)
DESIRED_STATUS = Field("desired_status", N_("Desired status of residence"), CHOICE,
                       choices=DESIRED_STATUS_CHOICES)


def status_subcategory(depends_on):
    """The category asked with the status where the periods of stay (rules.periods) or the form's letter
    (rules.forms.subcategories) differ by it."""
    return Field("status_subcategory", N_("Category"), CHOICE, depends_on=depends_on,
                 choices=tuple(c for choices in SUBCATEGORIES.values() for c in choices),
                 choices_for=subcategories_of, required_when=When(depends_on, tuple(SUBCATEGORIES)))


def desired_period(depends_on):
    return Field("desired_period", N_("Desired period of stay"), CHOICE, choices=PERIOD_CHOICES,
                 depends_on=depends_on, choices_for=period_choices_for, also_depends_on=("status_subcategory",),
                 unfit=PERIOD_NOT_GRANTED, unfit_params=period_not_granted)


def reason(label):
    return Field("reason", label, max_length=REASON_LENGTH, multiline=True)


CRIMINAL_RECORD = criminal_record()
HAS_FAMILY = yes_no("has_family_in_japan",
                    N_("Do you have family in Japan (father, mother, spouse, children, brothers and "
                       "sisters, etc.) or people living with you?"))
PHONE_NEEDED = phone_needed("telephone", "mobile")


def _page(name, title, items, procedure):
    """`items`: (paper item number, fields) pairs in paper order."""
    return Section(name, title, tuple(f for item, fields in items for f in numbered(fields, item)),
                   one_of=(PHONE_NEEDED,), procedures=(procedure,))


EXTENSION_PAGE1 = _page("extension_page1", N_("Applicant"), (
    ("1", (NATIONALITY,)), ("2", (BIRTH_DATE,)), ("3", (NAME,)), ("4", (SEX,)),
    ("5", (MARITAL_STATUS,)), ("6", (OCCUPATION,)), ("7", (HOME_TOWN,)), ("8", ADDRESS),
    ("9", PHONES), ("10", PASSPORT), ("11", CURRENT_STATUS), ("12", RESIDENCE_CARD),
    ("13", (status_subcategory("current_status"), desired_period("current_status"))),
    ("14", (reason(N_("Reason for extension")),)), ("15", CRIMINAL_RECORD), ("16", (HAS_FAMILY,)),
), EXTENSION)



def _change_like(name, reason_label, procedure):
    # 別記第三十号様式: the phones are part of item 9 (住居地), so the form has 16 items, like the extension's.
    return _page(name, N_("Applicant"), (
        ("1", (NATIONALITY,)), ("2", (BIRTH_DATE,)), ("3", (NAME,)), ("4", (SEX,)),
        ("5", (PLACE_OF_BIRTH,)), ("6", (MARITAL_STATUS,)), ("7", (OCCUPATION,)), ("8", (HOME_TOWN,)),
        ("9", ADDRESS + PHONES), ("10", PASSPORT), ("11", CURRENT_STATUS),
        ("12", RESIDENCE_CARD), ("13", (DESIRED_STATUS, status_subcategory("desired_status"), desired_period("desired_status"))),
        ("14", (reason(reason_label),)), ("15", CRIMINAL_RECORD), ("16", (HAS_FAMILY,)),
    ), procedure)


CHANGE_PAGE1 = _change_like("change_page1", N_("Reason for change of status"), CHANGE)
# Acquisition (FORMS.md): why and when the person came to need a status, and no current status,
# period or residence card (a newborn has none); the paper numbering is not in FORMS.md.
ACQUISITION_REASONS = (
    Choice("birth", N_("Birth in Japan"), "出生"),
    Choice("loss_of_nationality", N_("Loss of Japanese nationality"), "日本国籍の離脱"),
    Choice("other", N_("Other reason (for example, leaving the status under the US forces agreement)"), "その他"),
)


def _on_the_birth_date(values):
    """A birth in Japan happened on the date of birth: the 30 days run from it, and a typo cannot move them."""
    birth = values.get("birth_date")
    if isinstance(birth, PartialDate) and birth.year and birth.month and birth.day:
        birth = datetime.date(birth.year, birth.month, birth.day)
    if values.get("acquisition_reason") == "birth" and isinstance(birth, datetime.date) and values["_self"] != birth:
        return ValidationError(
            "not_the_birth_date",
            N_("For a birth in Japan, the date it happened is the date of birth (%(date)s). Enter that date, or "
               "correct the date of birth."), date=birth)
    return None


ACQUISITION_PAGE1 = Section("acquisition_page1", N_("Applicant"), (
    NATIONALITY, BIRTH_DATE, NAME, SEX, PLACE_OF_BIRTH, MARITAL_STATUS, OCCUPATION, HOME_TOWN, *ADDRESS,
    *PHONES, *PASSPORT,
    Field("acquisition_reason", N_("Why you need a status of residence"), CHOICE, choices=ACQUISITION_REASONS),
    detail_if("acquisition_reason_other", N_("Describe the reason"), "acquisition_reason", OUR_SHORT_TEXT_LENGTH,
              ("other",)),
    Field("acquisition_date", N_("Date it happened"), DATE, dates=NOT_FUTURE, cross_check=_on_the_birth_date,
          help=N_("The date of birth, of the loss of nationality or of the other event. Apply within 30 days of it.")),
    DESIRED_STATUS, status_subcategory("desired_status"), desired_period("desired_status"),
    reason(N_("Reason for acquisition of status")), *CRIMINAL_RECORD, HAS_FAMILY,
), one_of=(PHONE_NEEDED,), procedures=(ACQUISITION,))
# Nor the authorized-employment form's page 1: the identity items, without paper numbers.
AUTHORIZED_EMPLOYMENT_PAGE1 = Section("authorized_employment_page1", N_("Applicant"), (
    NATIONALITY, BIRTH_DATE, NAME, SEX, *ADDRESS, *PHONES, *PASSPORT, *CURRENT_STATUS,
    *RESIDENCE_CARD), one_of=(PHONE_NEEDED,), procedures=(AUTHORIZED_EMPLOYMENT,))

FAMILY_ROWS = 6  # rows on the paper form


def family_member(living_together_label, procedures):
    return Section("family_member", N_("Family in Japan and people living with you"), (
        Field("relationship", N_("Relationship"), CHOICE, choices=RELATIONSHIPS),
        Field("name", N_("Name"), chars=JIS_OR_LATIN, max_length=RELATIVE_NAME_LENGTH, help=RELATIVE_NAME_HELP),
        Field("birth_date", N_("Date of birth"), PARTIAL_DATE, dates=NOT_FUTURE,
              help=N_("If you do not know the whole date, enter the year and month, the year only, or "
                      "\"unknown\".")),
        Field("nationality", N_("Nationality or region"), COUNTRY),
        yes_no("living_together", living_together_label),
        Field("workplace_or_school", N_("Place of work or school"), max_length=WORKPLACE_LENGTH,
              required=False),
        # A special permanent resident certificate number has the residence card's format.
        Field("card_number", N_("Residence card or special permanent resident certificate number"),
              IDENTIFIER, normaliser=identifiers.residence_card_number, required=False),
    ), max_rows=FAMILY_ROWS, asked_by=HAS_FAMILY.name, page=FAMILY_PAGE, procedures=procedures)


FAMILY_MEMBER = family_member(N_("Living together"), (CHANGE, EXTENSION, ACQUISITION))
