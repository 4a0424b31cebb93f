"""The seven online procedures (flyer numbering), what each one is (flags read by the rest of the system
instead of procedure numbers or codes), and which may be filed together."""
from dataclasses import dataclass

from rules.errors import RuleError
from rules.i18n_marker import N_


@dataclass(frozen=True)
class Procedure:
    number: int
    code: str
    name: str  # English msgid
    summary: str  # English msgid: one line of what it is for
    addon: bool = False  # only together with a main procedure (6 and 7)
    # The page-1 question whose answer is the status the form's status parts follow (None for an add-on).
    status_question: str | None = None
    # The applicant already holds a status of residence: the choice page's status is the one held now.
    holds_status: bool = True
    # It grants a status of residence or a period of stay: the status's documents apply, permanent residents
    # cannot use it, and a re-entry permit or other activity may be added to it (ADDON_HOSTS).
    grants_status: bool = False
    # Filed in Japan for a person abroad: the host's address routes it, the representative in Japan files
    # it whatever the person's age, and its result is a certificate sent as chosen (no residence card).
    for_person_abroad: bool = False
    # A grant issues a new residence card (collected at the counter or sent by post).
    issues_card: bool = False
    charges_fee: bool = True  # a fee is paid by revenue stamp on grant (rules.fees prices it)
    # The status letter's parts are asked (the certificate of authorized employment asks its own block).
    status_parts: bool = True
    # The officer's decision also names the new status of residence, or how long a permit is valid.
    decides_status: bool = False
    decides_validity: bool = False
    # Pending, it lets the applicant stay after the period of stay ends (特例期間, rules.periods.stay_while_pending).
    stay_while_pending: bool = False


PROCEDURES = (
    Procedure(1, "certificate_of_eligibility", N_("Certificate of Eligibility"),
              N_("Filed in Japan for a person abroad who is coming to live here."),
              status_question="purpose_of_entry", holds_status=False, grants_status=True, for_person_abroad=True,
              charges_fee=False),
    Procedure(2, "change_of_status", N_("Change of Status of Residence"),
              N_("To change to another status of residence."),
              status_question="desired_status", grants_status=True, issues_card=True, decides_status=True,
              stay_while_pending=True),
    Procedure(3, "extension_of_stay", N_("Extension of Period of Stay"),
              N_("To stay beyond the current period of stay; opens 3 months before it ends."),
              status_question="current_status", grants_status=True, issues_card=True, stay_while_pending=True),
    Procedure(4, "acquisition_of_status", N_("Permission to Acquire Status of Residence"),
              N_("For a person who became a foreign resident without landing, such as by birth in Japan."),
              status_question="desired_status", holds_status=False, grants_status=True, issues_card=True,
              charges_fee=False),
    Procedure(5, "authorized_employment", N_("Certificate of Authorized Employment"),
              N_("A certificate of the work your status of residence allows."),
              status_question="current_status", status_parts=False),
    Procedure(6, "reentry_permit", N_("Re-entry Permit"),
              N_("To leave Japan and come back on the same status of residence."), addon=True,
              decides_validity=True),
    Procedure(7, "extra_activity", N_("Permission to Engage in Activity Other than That Permitted"),
              N_("For work or activity outside what your status of residence allows, such as a part-time job."),
              addon=True, charges_fee=False),
)

BY_NUMBER = {p.number: p for p in PROCEDURES}
BY_CODE = {p.code: p for p in PROCEDURES}
# The numbers the rules name (one place: every rule module imports them from here).
CERTIFICATE_OF_ELIGIBILITY, CHANGE, EXTENSION, ACQUISITION, AUTHORIZED_EMPLOYMENT, REENTRY, EXTRA_ACTIVITY = (
    BY_CODE[code].number for code in ("certificate_of_eligibility", "change_of_status", "extension_of_stay",
                                      "acquisition_of_status", "authorized_employment", "reentry_permit",
                                      "extra_activity"))
# 6 and 7 go only with one of these (flyer: 2～4と同時に行う場合に限ります): a status granted to someone in Japan.
ADDON_HOSTS = frozenset(p.number for p in PROCEDURES if p.grants_status and not p.for_person_abroad)


def procedure(number):
    return BY_NUMBER[number]


def procedures_of(numbers):
    """The Procedure of each number, in the order given (unknown numbers left out)."""
    return tuple(BY_NUMBER[n] for n in numbers if n in BY_NUMBER)


def main_procedure(numbers):
    """The one main procedure of a set, or None."""
    return next((p for p in procedures_of(numbers) if not p.addon), None)


def any_procedure(numbers, flag):
    """Whether one of the procedures has `flag` set (e.g. "issues_card")."""
    return any(getattr(p, flag) for p in procedures_of(numbers))


def main_procedures():
    return tuple(p for p in PROCEDURES if not p.addon)


def addon_procedures():
    return tuple(p for p in PROCEDURES if p.addon)


class CombinationError(RuleError):
    """A set of procedures that cannot be filed together; `message` is an English msgid."""


def check_combination(numbers):
    """Accept exactly one main procedure, plus 6 and/or 7 only when the main one is 2, 3 or 4."""
    chosen = set(numbers)
    unknown = chosen - set(BY_NUMBER)
    if unknown:
        raise CombinationError("unknown", N_("Choose procedures from the list."))
    mains = {n for n in chosen if not BY_NUMBER[n].addon}
    addons = chosen - mains
    if not mains:
        if addons:
            raise CombinationError(
                "addon_alone",
                N_("A re-entry permit or permission for other activity can only be applied for "
                   "together with a change of status, an extension or an acquisition of status."))
        raise CombinationError("empty", N_("Choose the procedure you want to apply for."))
    if len(mains) > 1:
        raise CombinationError("several_main", N_("Apply for one main procedure at a time."))
    if addons and not mains <= ADDON_HOSTS:
        raise CombinationError(
            "addon_not_allowed",
            N_("A re-entry permit or permission for other activity can only be added to a change "
               "of status, an extension or an acquisition of status."))
    return tuple(sorted(chosen))
