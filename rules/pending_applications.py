"""One application at a time: a second application for the same procedure, for the same person, is refused while
one is pending (submitted, not decided). Checked when a draft is started and again at signing. Pure: the caller
hands in the account's applications as {"state", "procedures", "data", "receipt_number", …} rows."""
import datetime

from rules.application_states import PENDING
from rules.errors import RuleError
from rules.filers import KIND_OF_ANSWER, SELF
from rules.forms.fields import PartialDate, validate
from rules.forms.page1 import BIRTH_DATE
from rules.i18n_marker import N_
from rules.names import latin_name
from rules.procedures import any_procedure

MESSAGE = N_("You already have an application for this procedure under examination (receipt number "
             "%(receipt_number)s). Wait for its result, or follow it on its status page.")

# The pending application was filed by another account (the applicant themself, a relative or an agent): its receipt
# number and page are theirs.
FILED_BY_ANOTHER = N_("An application for this procedure for this applicant is already under examination, filed by "
                      "someone else. Only one can be examined at a time: wait for its result, or ask the person who "
                      "filed it.")


class PendingApplication(RuleError):
    """`pending`: the application under examination the refusal is about (its status page is the way on)."""

    def __init__(self, pending):
        super().__init__("pending_application", MESSAGE, receipt_number=pending.get("receipt_number") or "")
        self.pending = pending


def _name(value):
    try:
        return latin_name(str(value))
    except RuleError:
        return " ".join(str(value).upper().split())


def birth_key(value):
    """A date of birth as typed or normal, as ISO 8601 where it reads as one."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, PartialDate):
        return value.isoformat()
    try:
        return validate(BIRTH_DATE, str(value)).isoformat()
    except RuleError:
        return str(value).strip()


def person(answers):
    """Who an application is for, by the name and date of birth as given (typed or normal); None before either."""
    name, birth = answers.get("name"), answers.get("birth_date")
    if not name and not birth:
        return None
    return (_name(name) if name else "", birth_key(birth) if birth else "")


def filed_for_self(answers):
    """An account may file for others (a parent for each child, a relative, an agent for each client)."""
    return KIND_OF_ANSWER.get(answers.get("filed_by") or "applicant", SELF) == SELF


def same_person(answers, other):
    """Whether two applications are for the same person: by name and date of birth once given; a draft just
    started (no name yet) is the account holder's own unless a legal representative files it."""
    mine = person(answers)
    if mine is None:
        return filed_for_self(answers) and filed_for_self(other)
    return mine == person(other)


def check_none_pending(procedures, answers, applications):
    """Raise PendingApplication for the first pending application sharing a procedure, for the same person."""
    wanted = set(procedures)
    for other in applications:
        if other.get("state") in PENDING and wanted & set(other.get("procedures") or ()) \
                and same_person(answers, other.get("data") or {}):
            raise PendingApplication(other)


def readable_while_lapsed(applications):
    """The pending application that lets an applicant whose card's certificate lapsed sign in with the password and
    the card last registered, to read its status (a change or an extension under examination: its 特例期間 may
    outlast the card); None when there is none."""
    for other in applications:
        if other.get("state") in PENDING and any_procedure(tuple(other.get("procedures") or ()), "stay_while_pending"):
            return other
    return None
