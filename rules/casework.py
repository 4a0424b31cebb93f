"""The bureau's casework data: documents commonly requested, refusal reasons, the request deadline, and the
registered-mail tracking number format. Pure; used by the console's forms, its actions and the tests."""
import datetime
import re
import unicodedata

from rules.errors import RuleError
from rules.i18n_marker import N_
from rules.text import refuse_unsafe

REQUEST_DEADLINE_DAYS = 14
DOCUMENT_ITEMS = {
    "employment_contract": N_("Employment contract"),
    "tax_certificate": N_("Certificate of taxation (課税証明書)"),
    "tax_payment": N_("Certificate of tax payment (納税証明書)"),
    "residence_certificate": N_("Certificate of residence (住民票)"),
    "enrolment_certificate": N_("Certificate of enrolment"),
    "bank_statement": N_("Bank statement"),
    "marriage_certificate": N_("Marriage certificate"),
    "photo_again": N_("A new photo"),
}
REFUSAL_REASONS = {
    "activities": N_("The activities do not match the status of residence"),
    "livelihood": N_("Independent livelihood is not shown"),
    "documents_missing": N_("The requested documents were not submitted"),
    "conduct": N_("Conduct in Japan"),
    "other": N_("Other reason"),
}
REENTRY_VALIDITY_YEARS = (1, 2, 3, 4, 5)  # a re-entry permit is valid up to five years
TRACKING = re.compile(r"^[0-9]{12}$")  # Japan Post: 11 ASCII digits and a check digit, printed 1234-5678-9013
# Officers' free text: a note, a request's message and items, a refusal's text, a return's comment.
TEXT_LIMITS = {"note": 4000, "message": 2000, "other": 500, "text": 2000, "comment": 2000, "filter_name": 40}
SAVED_FILTERS_MAX = 20  # an officer's saved queue filters: a short list beside the filter panel
BULK_MAX = 50  # cases one bulk claim or assignment takes: one page of the queue
EXPIRING_DAYS = 30  # a stay ending within this many days is marked (queue and case page): decide those first


class CaseworkError(RuleError):
    pass


def request_deadline(today, days=REQUEST_DEADLINE_DAYS):
    return today + datetime.timedelta(days=days)


def expiring_by(today):
    """The last day of stay marked as ending soon: a stay ending on it or before (or passed) needs a decision first."""
    return today + datetime.timedelta(days=EXPIRING_DAYS)


def check_deadline(text, today):
    try:
        day = datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        raise CaseworkError("deadline", N_("Enter the deadline as a date, e.g. 2026-12-15.")) from None
    if day <= today:
        raise CaseworkError("deadline_past", N_("The deadline must be after today."))
    return day


def check_items(items, other):
    """The requested documents' codes, each once, in the list's order (at most every item of DOCUMENT_ITEMS)."""
    wanted = set(items)
    chosen = [code for code in DOCUMENT_ITEMS if code in wanted]
    if not chosen and not (other or "").strip():
        raise CaseworkError("no_items", N_("Choose at least one document, or describe it in your own words."))
    return chosen


def check_reentry_years(text):
    """The re-entry permit's validity in years, one of REENTRY_VALIDITY_YEARS; None when not given."""
    if not (text or "").strip():
        return None
    value = text.strip()
    if value not in {str(years) for years in REENTRY_VALIDITY_YEARS}:
        raise CaseworkError("reentry_years", N_("Choose how many years the re-entry permit is valid, from 1 to 5."))
    return int(value)


def check_new_status(code, online_codes):
    """The status of residence a grant changes to: one the online service handles; None when not given."""
    if not code:
        return None
    if code not in online_codes:
        raise CaseworkError("new_status", N_("Choose the new status of residence from the list."))
    return code


def officer_text(value, kind):
    """An officer's free text, stripped and within its limit; control characters (such as a right-to-left
    override) and markup are refused with the site's unsafe-text rule (rules.text.refuse_unsafe)."""
    return refuse_unsafe((value or "").strip()[:TEXT_LIMITS[kind]], multiline=True).strip()


def tracking_check_digit(first_eleven):
    """Japan Post's check digit: the first 11 digits, read as one number, modulo 7."""
    return str(int(first_eleven) % 7)


def tracking_number(text):
    """The registered-mail tracking number, digits only (hyphens and spaces allowed when typed)."""
    digits = re.sub(r"[\s\-‐－ー]", "", unicodedata.normalize("NFKC", text or ""))
    if not TRACKING.match(digits):
        raise CaseworkError("tracking", N_("A registered-mail tracking number has 12 digits, e.g. 1234-5678-9013: "
                                           "check the number on the receipt."))
    if digits[-1] != tracking_check_digit(digits[:11]):
        raise CaseworkError("tracking_check", N_("This tracking number does not exist: its last digit does not "
                                                 "match the first 11. Check each digit against the receipt."))
    return digits


def shown_tracking_number(digits):
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def filter_name(value, saved_count):
    """The name an officer gives a saved queue filter: not empty, within its limit, safe text; refused once the
    officer has SAVED_FILTERS_MAX of them."""
    name = refuse_unsafe((value or "").strip()[:TEXT_LIMITS["filter_name"]]).strip()
    if not name:
        raise CaseworkError("filter_name", N_("Give the filter a name, then save it."))
    if saved_count >= SAVED_FILTERS_MAX:
        raise CaseworkError("filters_full", N_("You have %(count)s saved filters, the most there can be. Delete one "
                                               "you no longer use, then save again."), count=SAVED_FILTERS_MAX)
    return name
