"""Choice lists and field groups shared by several form parts (one definition each)."""
from dataclasses import replace
from datetime import date

from rules import identifiers, postal
from rules.bureaus import PREFECTURES
from rules.forms.fields import (
    ADDRESS, CHOICE, COUNTRY, FULL_WIDTH, IDENTIFIER, INTEGER, NOT_FUTURE, PARTIAL_DATE, TEXT, YES_NO, Choice, Field,
    FromDay, When)
from rules.i18n_marker import N_
from rules.periods import PERIODS, desired_periods
from rules.statuses import eligible_statuses

# Limits FORMS.md publishes.
ADDRESS_REST_LENGTH = 85
REASON_LENGTH = 600
CRIMINAL_RECORD_DETAIL_LENGTH = 40
RELATIVE_NAME_LENGTH = 26
WORKPLACE_LENGTH = 60
REMARKS_LENGTH = 300
# FORMS.md's amounts: yen, digits only.
CAPITAL_DIGITS = 13
SALES_DIGITS = 15
MONTHLY_PAY_DIGITS = 8
PASSPORT_NAME_LENGTH = 104  # FORMS.md: a name as in the passport, for every person the form names
# Our limits where FORMS.md publishes none: generous, only to keep entries sane.
OUR_NAME_LENGTH = 100
OUR_SHORT_TEXT_LENGTH = 60
OUR_ADDRESS_LENGTH = 150

# The questions the second review of the agency's forms added to the status parts (経営・管理's criteria, the work
# part's pay basis, the student's school and schooling, 興行's criterion and venue, 研修's kind, 技能実習's approval,
# sending and previous organisations and deposits): required of applications accepted from the day the form first
# asked them, so that one accepted before reads complete without them (docs/dated-rules.md).
SINCE_REVIEW = FromDay(date(2026, 12, 7))

SEXES = (Choice("male", N_("Male"), "男"), Choice("female", N_("Female"), "女"))
MARITAL_STATUSES = (Choice("married", N_("Married"), "有"), Choice("single", N_("Single"), "無"))

# FORMS.md's 29 online values, in the agency's order; official_ja is the agency's own term.
RELATIONSHIPS = (
    Choice("self", N_("Self"), "本人"),
    Choice("husband", N_("Husband"), "夫"),
    Choice("wife", N_("Wife"), "妻"),
    Choice("child", N_("Child"), "子"),
    Choice("father", N_("Father"), "父"),
    Choice("mother", N_("Mother"), "母"),
    Choice("elder_brother", N_("Elder brother"), "兄"),
    Choice("younger_brother", N_("Younger brother"), "弟"),
    Choice("elder_sister", N_("Elder sister"), "姉"),
    Choice("younger_sister", N_("Younger sister"), "妹"),
    Choice("grandfather", N_("Grandfather"), "祖父"),
    Choice("grandmother", N_("Grandmother"), "祖母"),
    Choice("grandchild", N_("Grandchild"), "孫"),
    Choice("adoptive_father", N_("Adoptive father"), "養父"),
    Choice("adoptive_mother", N_("Adoptive mother"), "養母"),
    Choice("adopted_child", N_("Adopted child"), "養子"),
    Choice("father_in_law", N_("Father-in-law or stepfather"), "義父"),
    Choice("mother_in_law", N_("Mother-in-law or stepmother"), "義母"),
    Choice("stepchild", N_("Stepchild"), "連れ子"),
    Choice("spouses_child", N_("Spouse's child"), "配偶者の子"),
    Choice("guarantor", N_("Guarantor"), "身元保証人"),
    Choice("uncle_aunt", N_("Uncle or aunt"), "叔父（伯父）・叔母（伯母）"),
    Choice("host_school", N_("Host educational institution"), "受入教育機関"),
    Choice("employer", N_("Employer"), "雇用主"),
    Choice("friend", N_("Friend or acquaintance"), "友人・知人"),
    Choice("friends_relative", N_("Relative of a friend or acquaintance"), "友人・知人の親族"),
    Choice("business_contact", N_("Business contact or staff of a local company"),
           "取引関係者・現地企業等職員"),
    Choice("business_contacts_relative", N_("Relative of a business contact or staff of a local company"),
           "取引関係者・現地企業等職員の親族"),
    Choice("other", N_("Other"), "その他"),
)

# Ports of entry the COE form lists (FORMS.md), and "other".
PORTS = (
    Choice("narita", N_("Narita Airport"), "成田"),
    Choice("haneda", N_("Haneda Airport"), "羽田"),
    Choice("chubu", N_("Chubu Centrair International Airport"), "中部"),
    Choice("kansai", N_("Kansai International Airport"), "関西"),
    Choice("new_chitose", N_("New Chitose Airport"), "新千歳"),
    Choice("hiroshima", N_("Hiroshima Airport"), "広島"),
    Choice("fukuoka", N_("Fukuoka Airport"), "福岡"),
    Choice("other", N_("Other"), "その他"),
)

PREFECTURE_CHOICES = tuple(Choice(p.code, p.name, p.name_ja) for p in PREFECTURES)
STATUS_CHOICES = tuple(Choice(s.code, s.name) for s in eligible_statuses())
# Permanent residence is its own application, not a change of status, and not online.
DESIRED_STATUS_CHOICES = tuple(c for c in STATUS_CHOICES if c.code != "permanent_resident")
PERIOD_CHOICES = tuple(Choice(p.code, p.label) for p in PERIODS)


def period_choices_for(status_code, subcategory=None):
    """The desired-period options of a status and its sub-category where the periods differ (rules.periods)."""
    return tuple(Choice(p.code, p.label) for p in desired_periods(status_code, subcategory))


def text(name, label, required=True, max_length=OUR_SHORT_TEXT_LENGTH, **options):
    """A short free-text answer (our limit where FORMS.md gives none)."""
    return Field(name, label, max_length=max_length, required=required, **options)


def yes_no(name, label, **options):
    return Field(name, label, YES_NO, **options)


OTHER = ("other",)


def detail_if(name, label, question, max_length, answers, **options):
    """A text that must be given when `question` was answered with one of `answers`."""
    return Field(name, label, TEXT, max_length=max_length, required_when=When(question, answers),
                 **options)


def detail_if_yes(name, label, question, max_length, **options):
    return detail_if(name, label, question, max_length, (True,), **options)


# The employing organisation's items of the N form (所属機関等作成用), which the I and L forms ask too. `required_from`:
# a letter that asks them only since a known day (FromDay) gives it; N has always asked them.
CONTRACT_TYPES = (
    Choice("employment", N_("Employment"), "雇用"), Choice("mandate", N_("Mandate"), "委任"),
    Choice("contract", N_("Service contract"), "請負"), Choice("other", N_("Other"), "その他"),
)
STAFF_DIGITS = 7  # ours: FORMS.md gives no limit


def contract_type(required_from=None):
    """The type of contract (契約の形態), and the other type described."""
    return (Field("contract_type", N_("Type of contract"), CHOICE, choices=CONTRACT_TYPES, required_from=required_from),
            detail_if("contract_type_other", N_("Other type of contract"), "contract_type", OUR_SHORT_TEXT_LENGTH,
                      OTHER, required_from=required_from))


def employment_insurance_office_number():
    return Field("employment_insurance_office_number", N_("Employment insurance office number"), IDENTIFIER,
                 normaliser=identifiers.employment_insurance_office_number, required=False)


def organisation_size(required_from=None):
    """Capital and annual sales (when it has them), employees and of whom foreign nationals."""
    return (amount("capital", N_("Capital (yen)"), CAPITAL_DIGITS, required=False),
            amount("annual_sales", N_("Annual sales (yen)"), SALES_DIGITS, required=False),
            Field("employees", N_("Number of employees"), INTEGER, max_length=STAFF_DIGITS, required_from=required_from),
            Field("foreign_employees", N_("Of whom foreign nationals"), INTEGER, max_length=STAFF_DIGITS,
                  required_from=required_from))


def phone(name, label=N_("Telephone number"), **options):
    return Field(name, label, IDENTIFIER, normaliser=identifiers.phone_number, **options)


def corporate_number(name, **options):
    return Field(name, N_("Corporate number"), IDENTIFIER, normaliser=identifiers.corporate_number,
                 help=N_("The 13-digit number the National Tax Agency gives every company."), **options)


def amount(name, label, digits, **options):
    """Yen, digits only (commas, ¥ and 円 are removed for the applicant)."""
    return Field(name, label, INTEGER, max_length=digits, **options)


def contact(prefix, *, required=True, with_corporate_number=False):
    """Name, address and telephone of a person or body (and the corporate number of a company)."""
    fields = [Field(f"{prefix}_name", N_("Name of the person or organisation"),
                    max_length=OUR_NAME_LENGTH, required=required)]
    if with_corporate_number:
        fields.append(corporate_number(f"{prefix}_corporate_number", required=False))
    fields += [Field(f"{prefix}_address", N_("Address"), max_length=OUR_ADDRESS_LENGTH, required=required,
                     chars=ADDRESS),
               phone(f"{prefix}_phone", required=required)]
    return tuple(fields)


def person(prefix, *, card=False):
    """Name, date of birth and nationality of a person other than the applicant."""
    fields = (Field(f"{prefix}_name", N_("Name"), max_length=PASSPORT_NAME_LENGTH),
              Field(f"{prefix}_birth_date", N_("Date of birth"), PARTIAL_DATE, dates=NOT_FUTURE,
                    help=N_("If you do not know the whole date, enter the year and month, the year only, or "
                            "\"unknown\".")),
              Field(f"{prefix}_nationality", N_("Nationality or region"), COUNTRY))
    if card:
        fields += (Field(f"{prefix}_card_number", N_("Residence card number"), IDENTIFIER,
                         normaliser=identifiers.residence_card_number, required=False),)
    return fields


# A relative's name as the Japanese form takes it (FULL_WIDTH): the hint says so before the refusal does.
# A relative's name: Japanese characters, or Latin letters as the passport prints it (FORMS.md).
RELATIVE_NAME_HELP = N_("In kanji or kana; a name with characters not used in Japan in Latin letters.")
JAPANESE_NAME_HELP = N_("In Japanese characters (kanji, kana or full-width letters), for example 王　芳. Write "
                        "simplified Chinese characters in their Japanese form.")


def japanese_address(prefix="", *, required=True):
    """Postal code, prefecture, municipality and the rest, as the online form splits an address."""
    return (
        # Japan Post's data fills the prefecture, municipality and town from the code (rules.postal).
        Field(f"{prefix}postal_code", N_("Postal code"), IDENTIFIER, normaliser=postal.existing_postal_code,
              required=required, help=N_("7 digits; enter 0000000 if you do not know it.")),
        Field(f"{prefix}prefecture", N_("Prefecture"), CHOICE, choices=PREFECTURE_CHOICES,
              required=required, cross_check=postal.agrees_with(f"{prefix}postal_code")),
        # The online form picks the municipality from a list we do not have yet: full-width text.
        Field(f"{prefix}municipality", N_("City, ward, town or village"), chars=FULL_WIDTH,
              max_length=OUR_SHORT_TEXT_LENGTH, required=required,
              help=N_("In Japanese characters (kanji, kana or full-width letters), for example 新宿区.")),
        Field(f"{prefix}address_rest", N_("Rest of the address"), chars=FULL_WIDTH,
              max_length=ADDRESS_REST_LENGTH, required=required,
              help=N_("Town, block and number, building and room, in Japanese characters (kanji, kana or "
                      "full-width letters), for example 西新宿２－８－１　東棟３０１. Write simplified Chinese "
                      "characters in their Japanese form (东 → 東).")),
    )


def numbered(fields, item):
    """The same fields carrying the item number of one paper form."""
    return tuple(replace(f, item=item) for f in fields)


def criminal_record(prefix=""):
    """The criminal-record question and its details (page 1, re-entry, COE)."""
    return (yes_no(f"{prefix}criminal_record",
                   N_("Have you ever been punished for a crime in Japan or abroad?"),
                   help=N_("Include traffic offences, in Japan and abroad.")),
            detail_if_yes(f"{prefix}criminal_record_detail", N_("Details of the punishment"),
                          f"{prefix}criminal_record", CRIMINAL_RECORD_DETAIL_LENGTH))


def phone_needed(telephone, mobile):
    return ((telephone, mobile), N_("Enter a telephone number or a mobile phone number."))
