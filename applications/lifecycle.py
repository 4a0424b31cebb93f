"""Submitting a signed application and every later change of state, each in one transaction with its email.

Whether a move is allowed is rules.application_states' decision; the SQL is applications.records';
this module puts them together with the signature check, the receipt number, routing and the outbox.
"""
import datetime
import hmac
from jpki import bounded_json

from accounts import kinds as account_kinds
from applications import canonical, facts as facts_module, parties, records
from mail.links import site_url
from mail.messages import queue
from rules import application_states as states, documents, pending_applications, readiness
from rules.bureaus import office, route
from rules.clock import JAPAN, today_in_japan
from rules.errors import RuleError
from rules.fees import ONLINE, fee_quote
from rules.i18n_marker import N_
from rules.name_search import name_keys
from rules.people import person_keys
from store import transaction
from verification import SignerMismatch, TokenShapeError, read_basic_info, verify_document_signature

RECEIPT_SEQUENCE_DIGITS = 7  # Tokyo alone receives a few hundred thousand a year
MAX_RESULT = 16 * 1024  # the helper's sign result: one certificate and one signature


class SubmissionError(RuleError):
    """The application cannot be submitted as it stands; `message` is an English msgid."""


class StateConflict(Exception):
    """Another request changed the application's state first."""


# --- what the review page and the printed copy show ---------------------------------------------

def answer(normalised, name):
    """The first normal value of `name` in the application's single (non-row) sections."""
    for section, values in normalised.sections:
        if isinstance(values, dict) and values.get(name) is not None:
            return values[name]
    return None


def reentry_kind(application, normalised):
    """The kind of re-entry permit is the answer alone: the fee and the signed document read it here."""
    return answer(normalised, "permit_kind")


def receiving_office(application, normalised):
    """The office the application goes to (rules.bureaus.route), or RoutingError."""
    return route(application["procedures"], applicant_prefecture=answer(normalised, "prefecture"),
                 host_prefecture=answer(normalised, "host_prefecture"))


def fee(application, normalised, day=None, granted_period=None):
    """The online fee of these procedures on `day` (paid by revenue stamps after a grant), for the period of
    stay granted once there is one, else the one asked for."""
    return fee_quote(application["procedures"], day or today_in_japan(), ONLINE,
                     reentry_kind(application, normalised),
                     period_code=granted_period or answer(normalised, "desired_period"))


def people(normalised):
    """The keys of the people the application is about (rules.people): its applicant and those it names."""
    return person_keys(single_answers(normalised),
                       [(section.name, values) for section, values in normalised.sections if isinstance(values, list)])


def search_keys(applicant, normalised):
    """The keys the console finds the applicant (applications.facts.Person) by: the card's name of their own account
    and the passport name of the form."""
    return name_keys(applicant.name, answer(normalised, "name") or "")


# --- receipt numbers ----------------------------------------------------------------------------

def receipt_prefix(office_code):
    """Three letters of the office (TOK, YOK, OSA, …): unique across OFFICES, readable on the phone."""
    return office_code[:3].upper()


def next_receipt_number(db, office_code, year):
    """e.g. TOK-2026-0000123: the office, the year and the next number of that office in that year.

    Called inside the submitting transaction (BEGIN IMMEDIATE), so two submissions cannot take the same."""
    prefix = f"{receipt_prefix(office_code)}-{year:04d}-"
    # A range on the unique index, not LIKE: the cost does not grow with the table.
    row = db.execute("SELECT receipt_number FROM application WHERE receipt_number >= ? AND receipt_number < ? "
                     "ORDER BY receipt_number DESC LIMIT 1", [prefix, prefix + ":"]).fetchone()
    sequence = int(row[0][len(prefix):]) + 1 if row else 1
    return f"{prefix}{sequence:0{RECEIPT_SEQUENCE_DIGITS}d}"


# --- signing and submitting ---------------------------------------------------------------------

def signable(db, application, account, today=None, facts=None):
    """(digest, Normalised) of the stored draft as it is now; SubmissionError if it is incomplete. `facts`: the
    draft's facts (applications.facts) when the caller has them already."""
    facts = facts or facts_module.facts_of(db, application, account, today=today, validation_day=today)
    digest = canonical.digest_of(facts)
    try:
        check_signable(db, facts)
    except SubmissionError as refusal:
        refusal.normalised = facts.normalised  # the review page shows the answers without validating them again
        raise
    return digest, facts.normalised


def check_signable(db, facts):
    """SubmissionError if the application of these facts cannot be signed as it stands (the review page asks this
    without the digest, which only signing needs)."""
    application = facts.application
    # (an organisation's staff file without an account: their organisation's standing is checked at its routes)
    not_yet = None if application["account_id"] is None else account_kinds.submission_refusal(
        db, application["account_id"])
    if not_yet is not None:  # a filing agent before the bureau of their office confirmed them
        message, bureau = not_yet
        raise SubmissionError("agent_not_confirmed", message, bureau=office(bureau).name)
    if not facts.normalised.complete:
        raise SubmissionError("incomplete", N_("Some answers are missing or not valid. Correct them, then sign."))
    if application.get("person_id") is not None:  # an organisation's person: their own applications
        pending = records.pending_for_person(db, application["person_id"], application["procedures"], application["id"])
    else:
        pending = records.pending_for_procedures(db, application["account_id"], application["procedures"],
                                                 application["id"], parties.applicant_key(application.get("data") or {}))
    try:
        readiness.check_signable(application["procedures"], facts.filing_answers, facts.has_photo, facts.day, pending)
    except pending_applications.PendingApplication as refusal:
        raise PendingApplication(refusal.pending, application["account_id"]) from None
    except readiness.ReadinessError as refusal:
        raise SubmissionError(refusal.code, refusal.message, **refusal.params) from None
    try:  # the documents that let someone else file for the applicant (rules.documents.BEFORE_SIGNING)
        documents.check_before_signing(facts.missing_documents)
    except RuleError as refusal:
        raise SubmissionError(refusal.code, refusal.message) from None


class PendingApplication(SubmissionError):
    """The applicant already has an application for one of these procedures under examination."""

    def __init__(self, pending, account_id=None):
        """`account_id`: the filer asking; a pending application another account filed is named without its receipt
        number, and `pending` is then None (its page is not this filer's)."""
        mine = account_id is None or pending["account_id"] == account_id
        super().__init__("pending_application", pending_applications.MESSAGE if mine else
                         pending_applications.FILED_BY_ANOTHER, receipt_number=pending["receipt_number"])
        self.pending = pending if mine else None


def single_answers(normalised):
    """The normal values of the single (non-row) sections, by field name."""
    found = {}
    for _section, values in normalised.sections:
        if isinstance(values, dict):
            found.update({k: v for k, v in values.items() if v is not None})
    return found


def parse_sign_result(text):
    """The helper's sign result {certificate, signature, algorithm} posted by the page."""
    if not text or len(text) > MAX_RESULT:
        raise TokenShapeError("no signature was sent with the form")
    try:
        result = bounded_json.loads(text, max_bytes=MAX_RESULT)
    except ValueError:  # JsonRefused included
        raise TokenShapeError("the signature is not JSON") from None
    if not isinstance(result, dict) or not all(isinstance(result.get(k), str) for k in ("certificate", "signature")):
        raise TokenShapeError("the signature lacks its certificate or value")
    if result.get("algorithm", "RS256") != "RS256":
        raise TokenShapeError("unknown signature algorithm")
    return result


def verify_signature(digest, result, account, trust):
    """Every check of the card stack, the account's own certificate, and its name and date of birth."""
    verified = verify_document_signature(
        digest=digest, signature=result["signature"], certificate=result["certificate"],
        trust_anchors=trust.anchors_for("signing"), revocation=trust.revocation,
        expected_certificate=bytes(account["sign_certificate"]))
    info = read_basic_info(verified.certificate)
    if info.name != account["name"] or info.birth_date.isoformat() != account["birth_date"]:
        raise SignerMismatch("the signer's name or date of birth is not the account's")
    return verified


def submit(db, application, account, result_text, submit_key, trust, now=None):
    """Verify the card's signature over the stored draft and receive the application, all or nothing.

    Returns the submitted row. Raises VerificationError, SubmissionError, RoutingError, or
    StateConflict when the application is no longer this draft (the caller looks at why)."""
    result = parse_sign_result(result_text)

    def card_signature(digest):
        verified = verify_signature(digest, result, account, trust)
        return {"signature": verified.signature, "signer_certificate": verified.certificate_der}, None
    return receive(db, application, account, submit_key, card_signature, now)


def receive(db, application, account, submit_key, check_signature, now=None):
    """Receive the stored draft once `check_signature(digest)` has verified the signature over its digest, all or
    nothing. `check_signature` returns (the application's columns to store, None or a function of the open
    transaction and the submitted row that records the rest): the card's or an organisation's staff passkey's."""
    now = now or datetime.datetime.now(JAPAN)
    facts = facts_module.facts_of(db, application, account, today=now.date(), validation_day=now.date())
    digest, _ = signable(db, application, account, now.date(), facts)
    signature_columns, record_signature = check_signature(digest)
    if facts.office.refusal is not None:
        raise facts.office.refusal
    destination = facts.office.value
    with transaction(db):
        # Again under the write lock: a save or an upload since the check above changes the digest (the same
        # row and the same files are the same document: only a changed draft is signed again to compare).
        current = records.by_id(db, application["id"])
        if current["state"] != states.INITIAL:
            raise StateConflict(application["public_id"])
        if current != application or records.list_attachments(db, current["id"]) != list(facts.attachments):
            again, _ = signable(db, current, account, now.date())
            if not hmac.compare_digest(again, digest):
                raise StateConflict(application["public_id"])
        if db.execute("SELECT 1 FROM application WHERE submit_key = ?", [submit_key]).fetchone():
            raise SubmissionError("form_used", N_("This page was already used to submit another application. "
                                                  "Reload the page and sign again."))
        receipt_number = next_receipt_number(db, destination.code, now.year)
        states.transition(current["state"], states.SUBMITTED, states.APPLICANT)
        if not records.transition(db, current["id"], current["state"], states.SUBMITTED, states.APPLICANT,
                                  now=now.timestamp(), submitted_at=now.timestamp(), receipt_number=receipt_number,
                                  bureau=destination.code, digest=digest.hex(), submit_key=submit_key,
                                  **signature_columns):
            raise StateConflict(application["public_id"])
        records.save_name_keys(db, current["id"], search_keys(facts.applicant, facts.normalised))
        records.save_person_keys(db, current["id"], people(facts.normalised))
        submitted = records.by_id(db, current["id"])
        if record_signature is not None:
            record_signature(db, submitted)
        steps, fee_total = facts.after_grant  # the draft's facts: accepted today, at the office it was routed to
        for address, language in facts.recipients:  # the filer, and an applicant with an account of their own
            queue(db, "receipt", address, language, receipt_number=receipt_number,
                  procedures=list(facts.procedure_names), after_grant=steps, fee_amount=f"{fee_total:,}",
                  office=destination.name, submitted_at=now.timestamp(),
                  stay_until=facts.stay_after_expiry and facts.stay_after_expiry.isoformat(),
                  expires_on=facts.stay_after_expiry and facts.stay_expires.isoformat(),
                  link=site_url("status.show", public_id=submitted["public_id"]))
    return submitted


def same_submission(application, submit_key):
    """A double click or a replayed form: the application was received with this very submit key."""
    stored = application.get("submit_key") or ""
    return bool(submit_key) and application["state"] != states.INITIAL and \
        hmac.compare_digest(stored.encode(), submit_key.encode())  # bytes: a str must be ASCII


def delete_draft(db, blob_dir, public_id, account_id):
    """Discard the account's draft with its attachments; their files go once the rows are gone (a crash between
    leaves a file without a row, never the reverse). False for no such draft."""
    with transaction(db):
        deleted = records.delete_draft(db, public_id, account_id)
    if deleted is None:
        return False
    records.remove_blob_files(db, blob_dir, deleted.freed)
    return True


# --- after submitting ---------------------------------------------------------------------------

def change_state(db, application, target, actor, note=None, now=None, facts=None):
    """Move a submitted application to `target` through the state machine, with its event and email.

    Raises InvalidTransition (not allowed) or StateConflict (moved by someone else meanwhile)."""
    with transaction(db):
        apply_state_change(db, application, target, actor, note, now, facts)
    return records.by_id(db, application["id"])


def apply_state_change(db, application, target, actor, note=None, now=None, facts=None, **mail_context):
    """change_state's work inside the caller's open transaction (the console adds its own rows to it); `facts`:
    the application's facts when the caller has them (the email's address is read there)."""
    now = now or datetime.datetime.now(JAPAN)
    if application["state"] == states.INITIAL:
        raise states.InvalidTransition("not_submitted", N_("A draft changes state only by being submitted."))
    states.transition(application["state"], target, actor)
    if not records.transition(db, application["id"], application["state"], target, actor, note,
                              now=now.timestamp()):
        raise StateConflict(application["public_id"])
    if states.sends_email(application["state"], target):
        facts = facts or facts_module.facts_of(db, application)
        _, _, context = state_change_mail(db, application, target, note=note, facts=facts, **mail_context)
        for address, language in facts.recipients:
            queue(db, "status_change", address, language, **context)


def state_change_mail(db, application, target, note=None, facts=None, **mail_context):
    """(address, language, context) of the email a change of the application to `target` sends: what
    apply_state_change queues, and what the console previews before a decision is approved."""
    return applicant_mail(db, application, facts, state=states.state(target).label,
                          previous=states.state(application["state"]).label, note=note, target=target, **mail_context)


def applicant_mail(db, application, facts=None, **context):
    """(address, language, context) of an email about a submitted application to its filer: at the address the
    application gives and in the filer's language (an applicant with an account of their own gets it too:
    ApplicationFacts.recipients)."""
    facts = facts or facts_module.facts_of(db, application)
    return facts.notification_address, facts.account["language"], dict(
        context, receipt_number=application["receipt_number"],
        link=site_url("status.show", public_id=application["public_id"]))


def tell_applicant(db, application, kind, now, facts=None, **context):
    """Queue email `kind` about a submitted application to the applicant, inside the caller's transaction."""
    facts = facts or facts_module.facts_of(db, application)
    _, _, context = applicant_mail(db, application, facts, **context)
    for address, language in facts.recipients:
        queue(db, kind, address, language, **context)

