"""The blocks a procedure adds (FORMS.md "Other procedures"): re-entry permit (6), activity
other than permitted (7), certificate of authorized employment (5), the Certificate of
Eligibility's page 1, entry items and representative (1), and how the result is received."""
from dataclasses import replace

from rules.bureaus import OFFICES, office_for_prefecture
from rules.fees import MULTIPLE, SINGLE
from rules.forms.common import (
    DESIRED_STATUS_CHOICES, OTHER, OUR_ADDRESS_LENGTH, OUR_NAME_LENGTH, OUR_SHORT_TEXT_LENGTH, PORTS,
    PREFECTURE_CHOICES, REASON_LENGTH,
    RELATIONSHIPS, RELATIVE_NAME_HELP, SINCE_REVIEW, RELATIVE_NAME_LENGTH, REMARKS_LENGTH, amount, contact, criminal_record, detail_if, japanese_address, numbered, phone,
    phone_needed, yes_no)
from rules.forms.fields import (
    ADDRESS, CHOICE, COUNTRY, DATE, EMAIL, INTEGER, JIS_OR_LATIN, NOT_FUTURE, NOT_PAST, PARTIAL_DATE, PROCEDURE_PAGE,
    RECEIPT_PAGE, Choice, Field, Section, When)
from rules.forms.page1 import (
    BIRTH_DATE, FAMILY_ROWS, HAS_FAMILY, HOME_TOWN, MARITAL_STATUS, NAME, NATIONALITY, OCCUPATION, PASSPORT,
    PHONE_NEEDED, PLACE_OF_BIRTH, SEX, family_member)
from rules.filers import ILLNESS_REASON, UNDER_16_REASON
from rules.forms.subcategories import SUBCATEGORIES, subcategories_of
from rules.i18n_marker import N_
from rules.procedures import (
    AUTHORIZED_EMPLOYMENT as AUTHORIZED_EMPLOYMENT_NUMBER, CERTIFICATE_OF_ELIGIBILITY, EXTRA_ACTIVITY as
    EXTRA_ACTIVITY_NUMBER, REENTRY, any_procedure)

PURPOSE_OTHER_LENGTH = 40
DESTINATIONS_LENGTH = 200
MONTHLY_PAY_DIGITS = 8
HOURS_DIGITS = 2
OUR_COUNT_DIGITS = 3  # counts of past entries or applications: FORMS.md gives no limit


def count(name, label):
    return Field(name, label, INTEGER, max_length=OUR_COUNT_DIGITS)


# --- How the result is received ---
BY_POST, AT_COUNTER, BY_EMAIL = "post", "counter", "email"
RECEIPT_METHODS = (Choice(BY_POST, N_("By post")), Choice(AT_COUNTER, N_("At the counter")),
                   Choice(BY_EMAIL, N_("By email")))
OFFICE_CHOICES = tuple(Choice(o.code, o.name) for o in OFFICES)
POST_OR_COUNTER = tuple(c for c in RECEIPT_METHODS if c.code in (BY_POST, AT_COUNTER))


def counter_offices(prefecture_code):
    """The one office whose counter serves an applicant living in this prefecture: the bureau or branch office
    the application is routed to (rules.bureaus; every procedure but a COE goes by the applicant's address)."""
    found = office_for_prefecture(prefecture_code)
    return tuple(c for c in OFFICE_CHOICES if c.code == found.code)


# The form's refusal of a counter office the application does not go to, and signing's (rules.readiness).
COUNTER_NOT_ROUTED = N_("Your application goes to %(office)s (by your address), so collect it at that office's "
                        "counter: choose it as the office, or choose to receive it by post.")


def counter_not_routed(_office_code, prefecture_code):
    """COUNTER_NOT_ROUTED's parameters."""
    return {"office": office_for_prefecture(prefecture_code).name}


def counter_office(name, method_field):
    """The office asked only when `method_field` is answered "at the counter", offering only the routed one."""
    return Field(name, N_("Office where you collect it"), CHOICE, choices=OFFICE_CHOICES,
                 required_when=When(method_field, (AT_COUNTER,)), help=N_("Only when you collect it at the counter."),
                 depends_on="prefecture", choices_for=counter_offices, unfit=COUNTER_NOT_ROUTED,
                 unfit_params=counter_not_routed)


# --- 6: re-entry permit ---
TRAVEL_PURPOSES = (
    Choice("tourism", N_("Tourism")), Choice("business", N_("Business")),
    Choice("visiting_relatives", N_("Visiting relatives")), Choice("study", N_("Study")),
    Choice("other", N_("Other")),
)
PERMIT_KINDS = (Choice(SINGLE, N_("Single journey")), Choice(MULTIPLE, N_("Multiple journeys")))
REENTRY_PERMIT = Section("reentry_permit", N_("Re-entry Permit"), (
    Field("travel_purpose", N_("Purpose of travel"), CHOICE, choices=TRAVEL_PURPOSES),
    detail_if("travel_purpose_other", N_("Other purpose"), "travel_purpose", PURPOSE_OTHER_LENGTH,
              OTHER),
    Field("destinations", N_("Countries you will travel to"), max_length=DESTINATIONS_LENGTH),
    Field("departure_date", N_("Planned date of departure"), DATE, dates=NOT_PAST),
    Field("departure_port", N_("Port of departure"), CHOICE, choices=PORTS),
    Field("return_date", N_("Planned date of return"), DATE, dates=NOT_PAST,
          help=N_("A re-entry permit is valid for 5 years at most and not beyond your period of stay. If you come "
                  "back within 1 year and before your period of stay ends, you need no permit: show your residence "
                  "card when you leave and tick the special re-entry box (みなし再入国) on the embarkation card.")),
    Field("return_port", N_("Port of return"), CHOICE, choices=PORTS),
    Field("permit_kind", N_("Kind of re-entry permit"), CHOICE, choices=PERMIT_KINDS),
    # As the agency allows: by post, or at the counter of the office the application goes to.
    Field("permit_collection", N_("How you receive the re-entry permit"), CHOICE, choices=POST_OR_COUNTER),
    counter_office("permit_office", "permit_collection"),
    # No criminal-record question here: page 1 of every procedure it is added to asks it (asked once).
    yes_no("pending_trial", N_("Are you now on trial for a crime?")),
    Field("no_passport_reason", N_("If you cannot obtain a passport, why"), max_length=REASON_LENGTH,
          multiline=True, required=False),
), in_order=(("departure_date", "return_date"),), page=PROCEDURE_PAGE, procedures=(REENTRY,))

# --- 7: activity other than that permitted ---
OTHER_JOBS = (Choice("translation_interpretation", N_("Translation or interpretation")),
              Choice("language_teacher", N_("Language teacher")), Choice("other", N_("Other")))
BLANKET, INDIVIDUAL = "blanket", "individual"
PERMISSION_KINDS = (
    Choice(BLANKET, N_("Blanket permission (up to 28 hours a week; no workplace needed yet)"), "包括許可"),
    Choice(INDIVIDUAL, N_("Individual permission for a named job and workplace"), "個別許可"),
)
ONLY_INDIVIDUAL = When("permission_kind", (INDIVIDUAL,))
# Blanket permission is given to these statuses only (the agency's 資格外活動許可 page: 留学, 家族滞在 and some
# 特定活動 such as job-hunting after graduation); every other status asks an individual permission.
BLANKET_STATUSES = frozenset({"student", "dependent", "designated_activities"})


def permission_kinds_for(current_status, desired_status=None):
    """The kinds of permission open to the status held after the grant (the one applied for, else the one held)."""
    status = desired_status or current_status
    return PERMISSION_KINDS if status in BLANKET_STATUSES else tuple(c for c in PERMISSION_KINDS if c.code != BLANKET)


def _individual(field):
    """A field of the named job, asked only for an individual permission."""
    return replace(field, shown_when=ONLY_INDIVIDUAL) if field.required_when is None else field


EXTRA_ACTIVITY = Section("extra_activity", N_("Permission to Engage in Activity Other than That Permitted"), (
    Field("permission_kind", N_("Kind of permission"), CHOICE, choices=PERMISSION_KINDS, depends_on="current_status",
          choices_for=permission_kinds_for, also_depends_on=("desired_status",),
          unfit=N_("Blanket permission is given only to students, dependents and some designated activities. "
                   "Choose individual permission and name the job and the workplace.")),
    Field("current_activity", N_("Your present activity"), max_length=REASON_LENGTH, multiline=True),
    Field("student_school", N_("School (students)"), max_length=OUR_SHORT_TEXT_LENGTH, required=False),
    Field("weekly_class_hours", N_("Class hours a week (students)"), INTEGER, max_length=HOURS_DIGITS,
          required=False),
    *(_individual(f) for f in (
        Field("other_job", N_("The other activity"), CHOICE, choices=OTHER_JOBS),
        Field("contract_from", N_("Contract from"), DATE),
        Field("contract_to", N_("Contract to"), DATE),
        Field("hours_per_week", N_("Hours a week"), INTEGER, max_length=HOURS_DIGITS, minimum=1),
        amount("other_monthly_pay", N_("Monthly pay (yen)"), MONTHLY_PAY_DIGITS),
        *contact("workplace"),
        Field("workplace_industry", N_("Industry of the workplace"), max_length=OUR_SHORT_TEXT_LENGTH))),
    detail_if("other_job_detail", N_("Describe the activity"), "other_job", OUR_SHORT_TEXT_LENGTH, OTHER),
), in_order=(("contract_from", "contract_to"),), page=PROCEDURE_PAGE, procedures=(EXTRA_ACTIVITY_NUMBER,))
# More workplaces of an individual permission, after the first (the form's table continues).
OTHER_WORKPLACE_ROWS = 4
OTHER_WORKPLACES = Section("other_workplaces", N_("Other workplaces"), (
    *contact("workplace"),
    Field("workplace_industry", N_("Industry of the workplace"), max_length=OUR_SHORT_TEXT_LENGTH),
    Field("workplace_hours", N_("Hours a week"), INTEGER, max_length=HOURS_DIGITS, minimum=1),
), max_rows=OTHER_WORKPLACE_ROWS, page=PROCEDURE_PAGE, procedures=(EXTRA_ACTIVITY_NUMBER,))

# --- 5: certificate of authorized employment ---
AUTHORIZED_EMPLOYMENT = Section("authorized_employment", N_("Certificate of Authorized Employment"), (
    Field("activity", N_("Activity to be certified"), max_length=REASON_LENGTH, multiline=True),
    Field("period_from", N_("Period from"), DATE),
    yes_no("period_fixed", N_("Does the employment have a fixed end?")),
    Field("period_to", N_("Period to"), DATE, required_when=When("period_fixed")),
    Field("purpose_of_use", N_("Purpose of use"), max_length=REASON_LENGTH, multiline=True),
), in_order=(("period_from", "period_to"),), page=PROCEDURE_PAGE,
   procedures=(AUTHORIZED_EMPLOYMENT_NUMBER,))

# --- 1: Certificate of Eligibility (for a person abroad) ---
# Item numbers as on the paper COE form as we know it; FORMS.md does not list them: verify.
ELIGIBILITY_PAGE1 = Section("eligibility_page1", N_("The person coming to Japan"), (
    *numbered((NATIONALITY,), "1"), *numbered((BIRTH_DATE,), "2"), *numbered((NAME,), "3"),
    *numbered((SEX,), "4"), *numbered((PLACE_OF_BIRTH,), "5"),
    *numbered((MARITAL_STATUS,), "6"),
    *numbered((OCCUPATION,), "7"), *numbered((HOME_TOWN,), "8"),
    *numbered(japanese_address("contact_") + (phone("telephone", required=False),
                                              phone("mobile", N_("Mobile phone number"), required=False)),
              "9"),
    *numbered(PASSPORT, "10"),
    *numbered((Field("purpose_of_entry", N_("Purpose of entry"), CHOICE, choices=DESIRED_STATUS_CHOICES),
               Field("purpose_subcategory", N_("Category"), CHOICE, depends_on="purpose_of_entry",
                     choices=tuple(c for choices in SUBCATEGORIES.values() for c in choices),
                     choices_for=subcategories_of,
                     required_when=When("purpose_of_entry", tuple(SUBCATEGORIES)))), "11"),
    *numbered((Field("planned_entry_date", N_("Planned date of entry"), DATE, dates=NOT_PAST),), "12"),
    *numbered((Field("port_of_entry", N_("Port of entry"), CHOICE, choices=PORTS),
               detail_if("port_of_entry_other", N_("Other port of entry"), "port_of_entry",
                         OUR_SHORT_TEXT_LENGTH, OTHER)), "13"),
    *numbered((Field("stay_years", N_("Planned length of stay: years"), INTEGER, minimum=0, maximum=5),
               Field("stay_months", N_("Planned length of stay: months"), INTEGER, minimum=0,
                     maximum=11)), "14"),
    *numbered((yes_no("accompanying", N_("Will anyone come with you?")),), "15"),
    *numbered((Field("visa_place", N_("Where you will apply for the visa (city of the embassy or consulate)"),
                     max_length=OUR_SHORT_TEXT_LENGTH),), "16"),
    *numbered((count("past_entries", N_("Past entries into Japan (number)")),
               Field("last_entry_from", N_("Last stay from"), DATE, dates=NOT_FUTURE, required=False),
               Field("last_entry_to", N_("Last stay to"), DATE, dates=NOT_FUTURE, required=False)), "17"),
    *numbered((count("past_coe_applications", N_("Past applications for a Certificate of Eligibility (number)")),
               count("past_coe_refusals", N_("Of which refused (number)"))), "18"),
    *numbered(criminal_record(), "19"),
    *numbered((count("past_removals", N_("Departures by deportation or departure order (number)")),
               Field("last_removal_date", N_("Date of the last such departure"), DATE, dates=NOT_FUTURE,
                     required=False)), "20"),
    *numbered((HAS_FAMILY,), "21"),
    # Not a paper item: the bureau is chosen by the host's address (GLOSSARY.md routing).
    Field("host_prefecture", N_("Prefecture of the host organisation or inviting person"), CHOICE,
          choices=PREFECTURE_CHOICES),
), one_of=(PHONE_NEEDED,), in_order=(("last_entry_from", "last_entry_to"),), procedures=(CERTIFICATE_OF_ELIGIBILITY,))
ELIGIBILITY_FAMILY_MEMBER = family_member(N_("Will live together"), (CERTIFICATE_OF_ELIGIBILITY,))
# Item 15's table (FORMS.md "accompanying persons"): the family rows' columns and rules, without
# "self" (the applicant is not their own companion); as many rows as the family table.
ACCOMPANYING_ROWS = FAMILY_ROWS
ACCOMPANYING_PERSON = Section("accompanying_person", N_("People coming with you"), (
    Field("relationship", N_("Relationship"), CHOICE,
          choices=tuple(c for c in RELATIONSHIPS if c.code != "self")),
    Field("name", N_("Name"), chars=JIS_OR_LATIN, max_length=RELATIVE_NAME_LENGTH, help=RELATIVE_NAME_HELP),
    Field("birth_date", N_("Date of birth"), PARTIAL_DATE, dates=NOT_FUTURE),
    Field("nationality", N_("Nationality or region"), COUNTRY),
), max_rows=ACCOMPANYING_ROWS, asked_by="accompanying", page=PROCEDURE_PAGE, procedures=(CERTIFICATE_OF_ELIGIBILITY,))
REPRESENTATIVE = Section("representative", N_("Representative in Japan"), (
    Field("representative_name", N_("Name"), max_length=OUR_SHORT_TEXT_LENGTH),
    Field("representative_relationship", N_("Relationship to the applicant"), max_length=OUR_SHORT_TEXT_LENGTH),
    *japanese_address("representative_"),
    phone("representative_telephone", required=False),
    phone("representative_mobile", N_("Mobile phone number"), required=False),
), one_of=(phone_needed("representative_telephone", "representative_mobile"),), page=PROCEDURE_PAGE,
   procedures=(CERTIFICATE_OF_ELIGIBILITY,))

# --- Who fills in the form (every procedure) ---
FILERS = (Choice("applicant", N_("The applicant")),
          Choice("legal_representative", N_("The legal representative (a parent or guardian)")),
          Choice("relative", N_("A relative (spouse, child, father or mother)")),
          Choice("agent", N_("A lawyer or gyoseishoshi, for a client")))
BY_REPRESENTATIVE = When("filed_by", ("legal_representative",))
BY_RELATIVE = When("filed_by", ("relative",))
REPRESENTATIVE_RELATIONSHIPS = ("father", "mother", "adoptive_father", "adoptive_mother", "other")
# The relatives who may file (rules.filers: the agency's list of users names spouse, child, father and mother).
RELATIVE_RELATIONSHIPS = ("husband", "wife", "child", "father", "mother")
CANNOT_FILE_REASONS = (
    Choice(UNDER_16_REASON, N_("The applicant is under 16")),
    Choice(ILLNESS_REASON, N_("The applicant cannot file because of illness or a similar reason (attach a document "
                              "showing it, such as a medical certificate)")))
FILER = Section("filer", N_("The person filling in this application"), (
    Field("filed_by", N_("Who fills in this application"), CHOICE, choices=FILERS,
          help=N_("An applicant under 15, such as a newborn, applies through a parent or guardian.")),
    Field("legal_representative_name", N_("Name of the legal representative"), max_length=OUR_NAME_LENGTH,
          required_when=BY_REPRESENTATIVE),
    Field("legal_representative_relationship", N_("Relationship to the applicant"), CHOICE,
          choices=tuple(c for c in RELATIONSHIPS if c.code in REPRESENTATIVE_RELATIONSHIPS),
          required_when=BY_REPRESENTATIVE),
    Field("legal_representative_address", N_("Address"), max_length=OUR_ADDRESS_LENGTH, chars=ADDRESS,
          required_when=BY_REPRESENTATIVE),
    phone("legal_representative_phone", required_when=BY_REPRESENTATIVE),
    Field("relative_relationship", N_("Your relationship to the applicant (you are their …)"), CHOICE,
          choices=tuple(c for c in RELATIONSHIPS if c.code in RELATIVE_RELATIONSHIPS), required_when=BY_RELATIVE,
          required_from=SINCE_REVIEW),
    Field("cannot_file_reason", N_("Why the applicant does not file themself"), CHOICE, choices=CANNOT_FILE_REASONS,
          required_when=BY_RELATIVE, required_from=SINCE_REVIEW),
))


def receipt_methods(numbers):
    """A COE comes by post or email; any other result by post or at the counter (a re-entry permit's own
    collection is asked in its part: REENTRY_PERMIT)."""
    codes = (BY_POST, BY_EMAIL) if any_procedure(set(numbers), "for_person_abroad") else (BY_POST, AT_COUNTER)
    return tuple(c for c in RECEIPT_METHODS if c.code in codes)


def receipt_section(numbers):
    return Section("receipt", N_("How you receive the result"), (
        Field("receipt_method", N_("How to receive"), CHOICE, choices=receipt_methods(numbers)),
        counter_office("receiving_office", "receipt_method"),
        Field("notification_email", N_("Email address for notices"), EMAIL),
        Field("remarks", N_("Remarks"), max_length=REMARKS_LENGTH, multiline=True, required=False),
    ), page=RECEIPT_PAGE)
