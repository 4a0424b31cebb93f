"""What must hold when an application is signed, beyond each answer being valid on its own: the
answers can be edited after the draft was started, so these are checked again at signing.

check_signable(procedures, answers, has_photo, today, pending) raises ReadinessError (or
rules.pending_applications.PendingApplication) with what to do next."""
import datetime

from rules import filers, pending_applications, periods, statuses
from rules.bureaus import route
from rules.errors import RuleError
from rules.forms import status_for_parts
from rules.forms.fields import PartialDate
from rules.forms.procedure_parts import AT_COUNTER, COUNTER_NOT_ROUTED
from rules.i18n_marker import N_
from rules.procedures import ACQUISITION, CHANGE, EXTENSION, EXTRA_ACTIVITY, REENTRY, any_procedure
from rules.statuses import BY_CODE as STATUS_BY_CODE

# (how it is received, the office) pairs: only the office the application is routed to hands a result over.
COUNTERS = (("receipt_method", "receiving_office"), ("permit_collection", "permit_office"))
# The photo may be left out for a child under 16 (the agency's photo rules); who files for a child: rules.filers.
PHOTO_EXEMPT_UNDER = 16
PHOTO_MISSING = N_("Attach the applicant's photo before signing (only a child under 16 may apply without one).")
ACQUISITION_DAYS = 30  # an acquisition is applied for within 30 days of the event


class ReadinessError(RuleError):
    """The application cannot be signed as it stands; `message` says what to do."""


def oldest_age(birth, today):
    """The age on `today` if born as early as the known parts allow; None when the year is unknown."""
    if isinstance(birth, datetime.date):
        birth = PartialDate(birth.year, birth.month, birth.day)
    if not isinstance(birth, PartialDate) or not birth.year:
        return None
    month, day = birth.month or 1, birth.day or 1
    return today.year - birth.year - ((today.month, today.day) < (month, day))


def certainly_under(birth, today, years):
    age = oldest_age(birth, today)
    return age is not None and age < years


def photo_required(birth, today, procedures=None):
    """Whether the photo must be attached: only where a residence card or a Certificate of Eligibility is issued
    (`procedures`; none for a certificate of authorized employment alone), and not for a child under 16."""
    if procedures is not None and not photo_asked(procedures):
        return False
    return not certainly_under(birth, today, PHOTO_EXEMPT_UNDER)


def check_photo(has_photo, birth, today, procedures):
    """ReadinessError when the application needs the photo (photo_required) and has none."""
    if not has_photo and photo_required(birth, today, procedures):
        raise ReadinessError("photo_required", PHOTO_MISSING)


def photo_asked(procedures):
    """Whether the application asks for a photo at all (the agency's lists ask none for 就労資格証明書)."""
    return any_procedure(procedures, "issues_card") or any_procedure(procedures, "for_person_abroad")


def check_signable(procedures, answers, has_photo, today, pending=()):
    """`answers`: the normal values by field name (single sections); `pending`: the account's other applications
    (rules.pending_applications). Raises ReadinessError or PendingApplication."""
    chosen = set(procedures)
    if EXTENSION in chosen and answers.get("expiry_date"):
        try:
            periods.check_extension_window(answers["expiry_date"], today, answers.get("current_period"))
        except RuleError as error:
            raise ReadinessError(error.code, error.message, **error.params) from None
    if CHANGE in chosen and answers.get("expiry_date"):
        try:
            periods.check_before_last_day(answers["expiry_date"], today, periods.ENDED_CHANGE)
        except RuleError as error:
            raise ReadinessError(error.code, error.message, **error.params) from None
    try:  # the period asked for, by the sub-category and the Japan-time date of acceptance (signing is acceptance)
        periods.check_period(status_for_parts(chosen, answers), answers.get("desired_period"),
                             answers.get("status_subcategory"), accepted_on=today)
    except RuleError as error:
        raise ReadinessError(error.code, error.message, **error.params) from None
    if CHANGE in chosen or ACQUISITION in chosen:  # a status that takes no new entrants on the day of acceptance
        try:
            statuses.check_new_entry(answers.get("desired_status"), answers.get("current_status"), today)
        except RuleError as error:
            raise ReadinessError(error.code, error.message, **error.params) from None
    if ACQUISITION in chosen and answers.get("acquisition_date"):
        deadline = answers["acquisition_date"] + datetime.timedelta(days=ACQUISITION_DAYS)
        if today > deadline:
            raise ReadinessError(
                "acquisition_too_late",
                N_("An acquisition of status must be applied for within 30 days of the event (by %(date)s). "
                   "Contact your regional immigration services bureau now."), date=deadline)
    if EXTRA_ACTIVITY in chosen:
        for question in ("current_status", "desired_status"):
            found = STATUS_BY_CODE.get(answers.get(question) or "")
            if found is not None and found.unrestricted:
                raise ReadinessError("extra_activity_not_needed", UNRESTRICTED, status=found.name)
    if REENTRY in chosen and isinstance(answers.get("return_date"), datetime.date):
        latest = periods.latest_reentry_return(today, answers.get("expiry_date"), answers.get("desired_period"))
        if answers["return_date"] > latest:
            raise ReadinessError(
                "return_after_permit_ends",
                N_("A re-entry permit cannot run beyond %(date)s: it is valid for 5 years at most and not beyond the "
                   "period of stay you apply for. Enter a planned date of return on or before that day."), date=latest)
    check_counter_offices(chosen, answers)
    try:  # who may file this, for whom, on the day of acceptance
        filers.check_answers(chosen, answers, today)
    except RuleError as error:
        raise ReadinessError(error.code, error.message, **error.params) from None
    check_photo(has_photo, answers.get("birth_date"), today, chosen)
    pending_applications.check_none_pending(chosen, answers, pending)


def check_counter_offices(procedures, answers):
    """A result collected at the counter is collected at the office the application goes to (rules.bureaus.route):
    the answer may have been given before the address changed."""
    for method, office_field in COUNTERS:
        if answers.get(method) != AT_COUNTER:
            continue
        try:
            routed = route(procedures, applicant_prefecture=answers.get("prefecture"),
                           host_prefecture=answers.get("host_prefecture"))
        except RuleError:
            return  # no address yet: the form asks it
        if answers.get(office_field) != routed.code:
            raise ReadinessError("counter_not_routed", COUNTER_NOT_ROUTED, office=routed.name)


UNRESTRICTED = N_("A holder of the status \"%(status)s\" may work without restriction, so permission to engage "
                  "in activity other than that permitted is not needed. Remove it from this application.")


def check_extra_activity_allowed(status_code):
    """Refuse permission for other activities for a status with no work restriction."""
    found = STATUS_BY_CODE.get(status_code or "")
    if found is not None and found.unrestricted:
        raise ReadinessError("extra_activity_not_needed", UNRESTRICTED, status=found.name)
