"""Which documents to attach, by procedure and by the status's letter (the kind of activity).

The attachments page lists them so that the applicant knows what to scan before signing. These are the
usual documents of the agency's published lists, kept short and general (verify against the current
lists per status): the bureau may ask for more after the application is received, and says so.
"""
from dataclasses import dataclass

from rules.errors import RuleError
from rules.filers import AGENT, RELATIVE
from rules.i18n_marker import N_
from rules.procedures import ACQUISITION, AUTHORIZED_EMPLOYMENT, EXTRA_ACTIVITY, any_procedure
from rules.statuses import BY_CODE as STATUS_BY_CODE



@dataclass(frozen=True)
class Document:
    code: str
    name: str  # English msgid


EMPLOYMENT = Document("employment", N_("A certificate of employment or your contract, showing the work, the pay "
                                       "and the period"))
TAX = Document("tax", N_("Your resident tax certificates for the latest year: the taxation certificate and the "
                         "certificate of payment"))
COMPANY = Document("company", N_("The company's latest financial statements and its commercial registration"))
ENROLMENT = Document("enrolment", N_("A certificate of enrolment (or of admission) from the school"))
STUDY_COSTS = Document("study_costs", N_("Proof of how your costs while studying are paid (for example bank "
                                         "statements or a scholarship letter)"))
TRAINING = Document("training", N_("The training plan and a document from the organisation receiving you"))
FAMILY_TIE = Document("family_tie", N_("A document proving the family relationship (for example a marriage or "
                                       "birth certificate)"))
SUPPORTER = Document("supporter", N_("The resident tax certificates of the person who supports you"))
HOUSEHOLD = Document("household", N_("A certificate of residence (住民票) of everyone in your household"))
GUARANTEE = Document("guarantee", N_("A letter of guarantee (身元保証書)"))
BIRTH = Document("birth", N_("For a child born in Japan, the certificate of the birth registration; otherwise "
                             "a document showing why you need a status (for example loss of Japanese nationality)"))
OTHER_ACTIVITY = Document("other_activity", N_("A document about the other activity: the contract or offer, with "
                                               "the hours a week and the pay"))
# Who files for another person shows why they may (rules.filers).
CANNOT_FILE = Document("cannot_file", N_("A document showing why the applicant cannot file themself (such as a "
                                         "medical certificate)"))
CLIENT_REQUEST = Document("client_request", N_("The client's request or power of attorney (依頼書 / 委任状)"))
# Without these the application is not signed: they show why this filer may file it (the refusal says so).
BEFORE_SIGNING = {
    CLIENT_REQUEST.code: N_("Attach your client's request or power of attorney (依頼書 / 委任状) on the attachments "
                            "page, then sign: a lawyer or gyoseishoshi files only at the client's request."),
    CANNOT_FILE.code: N_("Attach a document showing why the applicant cannot file themself (such as a medical "
                         "certificate) on the attachments page, then sign: a relative files for an adult only then."),
}

# By the status letter of the form (rules.statuses.Status.letter): the kind of activity.
WORK_LETTERS = frozenset("IJKLNOUVY")
BY_LETTER = {
    **{letter: (EMPLOYMENT, TAX) for letter in WORK_LETTERS},
    "M": (COMPANY, TAX),
    "P": (ENROLMENT, STUDY_COSTS),
    "Q": (TRAINING,),
    "R": (FAMILY_TIE, SUPPORTER),
    "T": (FAMILY_TIE, HOUSEHOLD, GUARANTEE),
}
BY_PROCEDURE = {
    ACQUISITION: (BIRTH,),
    AUTHORIZED_EMPLOYMENT: (EMPLOYMENT, TAX),
    EXTRA_ACTIVITY: (OTHER_ACTIVITY,),
}


def documents_for(numbers, status_code=None, filer_kind=None, cannot_file=None):
    """The documents to attach for these procedures, in order and each once; () when none is needed
    (a re-entry permit alone needs only the passport, shown at the counter). `filer_kind` (rules.filers): a lawyer
    or gyoseishoshi attaches the client's request or power of attorney; `cannot_file`: a relative filing for an
    applicant who cannot file because of illness attaches a document showing it."""
    chosen = set(numbers)
    found = []
    status = STATUS_BY_CODE.get(status_code or "")
    # The documents of a procedure that grants a status depend on that status (applied for, or held for an extension).
    if any_procedure(chosen, "grants_status") and status is not None:
        found += BY_LETTER.get(status.letter, (EMPLOYMENT,))
    for number in sorted(chosen):
        found += BY_PROCEDURE.get(number, ())
    if filer_kind == AGENT:
        found.append(CLIENT_REQUEST)
    if cannot_file and filer_kind == RELATIVE:
        found.append(CANNOT_FILE)
    return tuple(dict.fromkeys(found))


# Each uploaded document says which required document it is, or that it is another one.
OTHER = Document("other", N_("Another document"))


def requirement_of(code, required):
    """The Document an upload is assigned to: one of `required` (documents_for) or OTHER; RuleError otherwise."""
    found = next((d for d in (*required, OTHER) if d.code == code), None)
    if found is None:
        raise RuleError("unknown_requirement", N_("Choose which of the listed documents this file is, or "
                                                  "\"Another document\"."))
    return found


def missing(required, assigned_codes):
    """The required documents no upload is assigned to, in the list's order."""
    assigned = set(assigned_codes)
    return tuple(d for d in required if d.code not in assigned)


def check_before_signing(missing_documents):
    """RuleError if a document that lets this filer file (BEFORE_SIGNING) is among `missing_documents` (missing())."""
    for document in missing_documents:
        if document.code in BEFORE_SIGNING:
            raise RuleError("document_missing_" + document.code, BEFORE_SIGNING[document.code])
