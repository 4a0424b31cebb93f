"""The officers' actions on a case, each one transaction with its state change, events, outbox mail and
audit row: all or nothing. A concurrent action by another officer raises Conflict and changes nothing."""
import datetime
import sqlite3

from applications import lifecycle, records
from applications.facts import facts_of
from console import audit, desk
from mail.messages import render
from rules import application_states as states
from rules import casework
from rules import console_policy as policy
from rules.clock import JAPAN
from rules.i18n_marker import N_
from rules.forms.procedure_parts import BY_POST
from store import transaction


class Conflict(Exception):
    """Another officer acted on this case first; the page reloads to show what they did."""


def _now():
    return datetime.datetime.now(JAPAN)


def _fresh(db, application):
    """The application as it is now, in the transaction: Conflict if its state moved since the page was read."""
    current = records.by_id(db, application["id"])
    if current["state"] != application["state"]:
        raise Conflict(application["public_id"])
    return current


def check(officer, action, application, **extra):
    policy.check(officer["role"], action, application["state"], officer_office=officer["office"],
                 case_office=application["bureau"], officer_id=officer["id"], **extra)


def _check_delivery(db, officer, action, application):
    """The card's delivery actions follow the applicant's receipt method, as the facts give it."""
    check(officer, action, application, receipt_method=facts_of(db, application).receipt_method)


def _audit(db, officer, action, application, detail, address):
    audit.append(db, action, officer=officer, application_id=application["id"], detail=detail, address=address,
                 office=application["bureau"])


def claim(db, officer, application, desk_version, address=None, to_officer=None):
    """Assign the case to the officer (or, reassigning, to `to_officer`); a received case starts its review."""
    action = "reassign" if to_officer else "claim"
    check(officer, action, application)
    assignee = to_officer or officer
    if to_officer:
        check_assignee(to_officer, application)
    try:
        with transaction(db):
            current = _fresh(db, application)
            if not desk.assign(db, application["id"], assignee["id"], desk_version):
                raise Conflict(application["public_id"])
            now = _now()  # the officer's entry and the state change it makes share one time (entry first)
            if current["state"] == "received":
                lifecycle.apply_state_change(db, current, "under_review", states.OFFICER, now=now)
            desk.add_entry(db, application["id"], officer["id"], action, {"to": assignee["name"]}, now=now.timestamp())
            _audit(db, officer, action, application, {"to": assignee["email"]}, address)
    except lifecycle.StateConflict:
        raise Conflict(application["public_id"]) from None


def check_assignee(to_officer, application):
    """The officer a case is assigned to must see it (a branch office's officer sees only their office's)."""
    if not policy.sees_case(to_officer["office"], application["bureau"]):
        raise policy.Refused("bureau", N_("This officer belongs to another bureau: choose one of yours."))


def claim_many(db, officer, selected, address=None, to_officer=None):
    """Claim (or, a supervisor, assign to `to_officer`) each of `selected` [(application, desk version read)]: each
    case its own claim, with its checks and its race (one winner), so that one taken case never undoes the
    others. An assignee who cannot see one of the cases is refused before any is assigned. {"n": cases claimed,
    "taken": cases another officer acted on first, "refused": cases not claimable now}."""
    if to_officer:
        for application, _ in selected:
            check_assignee(to_officer, application)
    counts = {"n": 0, "taken": 0, "refused": 0}
    for application, desk_version in selected:
        try:
            claim(db, officer, application, desk_version, address, to_officer=to_officer)
        except Conflict:
            counts["taken"] += 1
        except policy.Refused as refusal:
            if refusal.code == "role":
                raise  # the officer's role (refused at the first case, before any): nothing of the batch can be done
            counts["refused"] += 1
        else:
            counts["n"] += 1
    return counts


def claim_next(db, officer, candidates, address=None):
    """Claim the first of `candidates` (the queue's rows of the states policy.next_case_states gives, oldest
    first) that no one takes first: the case, or None when every one went to another officer or was refused."""
    for row in candidates:
        application = records.by_id(db, row["id"])
        try:
            claim(db, officer, application, row["desk_version"], address)
        except (Conflict, policy.Refused):
            continue
        return application
    return None


def release(db, officer, application, desk_version, address=None):
    check(officer, "release", application)
    with transaction(db):
        _fresh(db, application)
        if not desk.assign(db, application["id"], None, desk_version):
            raise Conflict(application["public_id"])
        desk.add_entry(db, application["id"], officer["id"], "release")
        _audit(db, officer, "release", application, {}, address)


def add_note(db, officer, application, text, address=None):
    check(officer, "add_note", application)
    text = casework.officer_text(text, "note")
    if not text:
        raise casework.CaseworkError("empty_note", N_("Write the note first, then add it."))
    with transaction(db):
        desk.add_entry(db, application["id"], officer["id"], "note", {"text": text})
        _audit(db, officer, "note_added", application, {"length": len(text)}, address)


def request_documents(db, officer, application, items, other, deadline, message, address=None):
    check(officer, "request_documents", application)
    other, message = casework.officer_text(other, "other"), casework.officer_text(message, "message")
    chosen = casework.check_items(items, other)
    listed = [casework.DOCUMENT_ITEMS[c] for c in chosen] + ([other] if other else [])
    try:
        with transaction(db):
            current = _fresh(db, application)
            desk.close_requests(db, application["id"])
            desk.add_request(db, application["id"], officer["id"], {"codes": chosen, "other": other},
                             message, deadline.isoformat())
            desk.clear_arrival(db, application["id"])
            now = _now()
            lifecycle.apply_state_change(db, current, "documents_requested", states.OFFICER, note=message or None,
                                         now=now, items=listed, deadline=deadline.isoformat())
            desk.add_entry(db, application["id"], officer["id"], "documents_requested",
                           {"items": listed, "deadline": deadline.isoformat(), "message": message}, now=now.timestamp())
            _audit(db, officer, "documents_requested", application, {"items": chosen, "deadline": deadline.isoformat()},
                   address)
    except lifecycle.StateConflict:
        raise Conflict(application["public_id"]) from None


def documents_arrived(db, application):
    """The applicant said the requested documents are uploaded: back to the examiner with a mark (caller's
    transaction, the status page's)."""
    desk.close_requests(db, application["id"])
    desk.mark_arrival(db, application["id"])


def withdrawn(db, application, address=None, staff=None):
    """The applicant withdrew the application (caller's transaction, the status page's): an open request for
    documents ends, and the log records it for the bureau; `staff`: the organisation's staff member who withdrew it
    for the organisation (the log names them)."""
    desk.close_requests(db, application["id"])
    audit.append(db, "withdrawn_by_applicant", application_id=application["id"], office=application["bureau"],
                 address=address, detail={"staff_id": staff["id"]} if staff is not None else None)


def propose(db, officer, application, outcome, detail, address=None):
    check(officer, "propose_decision", application)
    if "text" in detail:
        detail = dict(detail, text=casework.officer_text(detail["text"], "text"))
    try:
        with transaction(db):
            _fresh(db, application)
            desk.propose(db, application["id"], officer["id"], outcome, detail)
            desk.clear_arrival(db, application["id"])
            desk.add_entry(db, application["id"], officer["id"], "proposed", dict(detail, outcome=outcome))
            _audit(db, officer, "decision_proposed", application, dict(detail, outcome=outcome), address)
    except sqlite3.IntegrityError:  # the unique open-proposal index: someone proposed first
        raise Conflict(application["public_id"]) from None


def grant_mail(facts):
    """What the grant email adds: the fee due, on the day of acceptance for the period granted, as the status page
    quotes it (the same facts), and what goes in the envelope by post."""
    fee = facts.fee.value.total if facts.fee.value is not None else None  # never guessed when the rules cannot quote it
    # The envelope's checklist by what the procedures issue (rules.next_steps); a certificate abroad is sent without one.
    by_post = not facts.flags["for_person_abroad"] and facts.receipt_method == BY_POST
    return {"fee": fee, "by_post": by_post, "checklist": list(facts.mail_checklist)}


def _decision(db, application, proposal):
    """(target state, facts, the email's extra context) of approving `proposal`."""
    target = "granted" if proposal["outcome"] == "grant" else "refused"
    granted_period = (proposal.get("detail") or {}).get("period") if target == "granted" else None
    facts = facts_of(db, application, granted_period=granted_period)
    return target, facts, grant_mail(facts) if target == "granted" else {}


def decision_mail(db, application, proposal):
    """(language, subject, text) of the email approving `proposal` will send the applicant, rendered now by the
    mail module from what approve() passes it: the preview before approval."""
    target, facts, extra = _decision(db, application, proposal)
    _, language, context = lifecycle.state_change_mail(db, application, target, facts=facts, **extra)
    subject, text, _ = render("status_change", language, **context)
    return language, subject, text


def approve(db, officer, application, proposal, address=None):
    check(officer, "approve", application, proposer_id=proposal["proposed_by"])
    target, facts, extra = _decision(db, application, proposal)
    now = _now()
    try:
        with transaction(db):
            current = _fresh(db, application)
            if not desk.settle(db, proposal["id"], officer["id"], "approved"):
                raise Conflict(application["public_id"])
            desk.close_requests(db, application["id"])
            lifecycle.apply_state_change(db, current, target, states.OFFICER, now=now, facts=facts, **extra)
            desk.add_entry(db, application["id"], officer["id"], "approved", {"outcome": proposal["outcome"]},
                           now=now.timestamp())
            _audit(db, officer, "decision_approved", application,
                   {"outcome": proposal["outcome"], "proposal": proposal["id"]}, address)
    except (lifecycle.StateConflict, sqlite3.IntegrityError):
        raise Conflict(application["public_id"]) from None


def return_proposal(db, officer, application, proposal, comment, address=None):
    check(officer, "return_proposal", application)
    comment = casework.officer_text(comment, "comment")
    with transaction(db):
        _fresh(db, application)
        if not desk.settle(db, proposal["id"], officer["id"], "returned", comment):
            raise Conflict(application["public_id"])
        desk.add_entry(db, application["id"], officer["id"], "returned", {"comment": comment})
        _audit(db, officer, "decision_returned", application, {"proposal": proposal["id"]}, address)


def record_envelope(db, officer, application, address=None):
    _check_delivery(db, officer, "record_envelope", application)
    with transaction(db):
        current = _fresh(db, application)
        if (desk.delivery(db, application["id"]) or {}).get("envelope_at"):
            raise Conflict(application["public_id"])  # recorded already (a second click): one email only
        now = _now()
        desk.record_delivery(db, application["id"], envelope_at=now.timestamp(), envelope_by=officer["id"])
        desk.add_entry(db, application["id"], officer["id"], "envelope_arrived")
        lifecycle.tell_applicant(db, current, "envelope_arrived", now, arrived_at=now.timestamp())
        _audit(db, officer, "envelope_arrived", application, {}, address)


def record_dispatch(db, officer, application, tracking_text, address=None):
    _check_delivery(db, officer, "record_dispatch", application)
    digits = casework.tracking_number(tracking_text)
    shown = casework.shown_tracking_number(digits)
    found = desk.delivery(db, application["id"])
    if not found or not found["envelope_at"]:
        raise casework.CaseworkError("no_envelope", N_("Record the arrival of the applicant's envelope first."))
    try:
        with transaction(db):
            current = _fresh(db, application)
            now = _now()
            desk.record_delivery(db, application["id"], dispatched_at=now.timestamp(), dispatched_by=officer["id"],
                                 tracking_number=digits)
            lifecycle.apply_state_change(db, current, "card_sent_by_post", states.OFFICER, note=shown, now=now,
                                         tracking_number=shown)
            desk.add_entry(db, application["id"], officer["id"], "dispatched", {"tracking_number": shown},
                           now=now.timestamp())
            _audit(db, officer, "card_dispatched", application, {"tracking_number": digits}, address)
    except lifecycle.StateConflict:
        raise Conflict(application["public_id"]) from None


def record_handover(db, officer, application, address=None):
    _check_delivery(db, officer, "record_handover", application)
    try:
        with transaction(db):
            current = _fresh(db, application)
            now = _now()
            desk.record_delivery(db, application["id"], handed_over_at=now.timestamp(), handed_over_by=officer["id"])
            lifecycle.apply_state_change(db, current, "ready_at_counter", states.OFFICER, now=now)
            desk.add_entry(db, application["id"], officer["id"], "handed_over", now=now.timestamp())
            _audit(db, officer, "card_handed_over", application, {}, address)
    except lifecycle.StateConflict:
        raise Conflict(application["public_id"]) from None
