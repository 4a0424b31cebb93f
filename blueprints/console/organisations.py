"""The bureau's use applications (利用申出) and periodic reports (定期報告): a queue of the officer's bureau, the
organisation's page (identity, staff, documents, requests, proposals, the audit trail) and its actions: request
documents, propose, approve (another officer: four eyes) or return. Each step is one transaction of
organisations.steps with its audit row; another bureau's organisation is a 404 and an audit row."""
import json

from flask import Response, abort, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l, pgettext

from blueprints.console import bp, officer_required, record
from blueprints.console.cases import INLINE_POLICY, INLINE_TYPES, SANDBOX
from applications.records import read_blob
from console import officers
from i18n import say
from organisations import records, steps
from rules import casework
from rules import console_policy as policy
from rules import organisations as rules
from rules.clock import today_in_japan
from rules.errors import RuleError
from rules.numbers import whole_number_or_none
from store import transaction
from store.blobs import blob_dir
from store.flask_db import get_db

QUEUE_PAGE = 50
REASON_LENGTH = 1000
MESSAGE_LENGTH = 2000
REASON_NEEDED = _l("Write the reason: the organisation reads it in the email.")
MESSAGE_NEEDED = _l("Write what the organisation should send.")
DONE = {
    "request": _l("The request for documents was sent to the organisation."),
    "propose": _l("Your proposal was sent for approval."),
    "approve": _l("The decision is final; the organisation was told by email."),
    "return": _l("The proposal was returned to the examiner."),
}
OUTCOME_LABELS = {"approve": _l("Approve the use"), "refuse": _l("Refuse the use"),
                  "renew": _l("Accept the report and renew"), "return": _l("Return the report")}


def _organisation(public_id, action="open_organisation"):
    """The organisation if this officer may see it; another bureau's is a 404, and an audit row."""
    officer = g.officer
    if officer["role"] not in policy.ORGANISATION_ACTIONS[action]:
        abort(404)
    db = get_db()
    organisation = records.organisation_by_public_id(db, public_id)
    if organisation is None:
        abort(404)
    if not policy.sees_case(officer["office"], organisation["bureau"]):
        with transaction(db):
            record(db, "organisation_refused_other_bureau", detail={"organisation": public_id,
                                                                    "bureau": organisation["bureau"]})
        abort(404)
    return organisation


@bp.get("/organisations")
@officer_required
def organisation_queue():
    if g.officer["role"] not in policy.ORGANISATION_ACTIONS["view_organisations"]:
        abort(404)
    offices = policy.offices_seen_by(g.officer["office"])
    view = request.args.get("view", "open")
    states = ("applied",) if view == "open" else tuple(rules.STATES)
    after = None
    at, last_id = request.args.get("after_at"), whole_number_or_none(request.args.get("after_id"))
    if at and last_id is not None:
        try:
            after = (float(at), last_id)
        except ValueError:
            after = None
    db = get_db()
    rows = records.bureau_queue(db, offices, states, after=after, limit=QUEUE_PAGE + 1)
    if view == "open":  # reports waiting are open matters too, whatever the organisation's state
        rows += [r for r in records.bureau_queue(db, offices, ("approved", "lapsed"), after=after, limit=QUEUE_PAGE + 1)
                 if r["open_report_id"]]
        rows.sort(key=lambda r: (r["applied_at"], r["id"]))
    more = len(rows) > QUEUE_PAGE
    rows = rows[:QUEUE_PAGE]
    return render_template("console/organisations.html", rows=rows, view=view, more=more,
                           kind_label=rules.kind_label, outcome_labels=OUTCOME_LABELS,
                           state_names=_state_names())


def _state_names():
    return {code: pgettext(rules.STATE_CONTEXT, label) for code, label in rules.STATES.items()}


def _page(organisation, error=None, status=200, done=None):
    db = get_db()
    report = records.open_report(db, organisation["id"])
    proposal = records.open_proposal(db, organisation["id"])
    matter = policy.organisation_matter(organisation["state"], report is not None)
    names = {}

    def officer_name(officer_id):
        if officer_id not in names:
            found = officers.by_id(db, officer_id)
            names[officer_id] = found["name"] if found else "—"
        return names[officer_id]
    return render_template(
        "console/organisation.html", organisation=organisation, error=error, done=DONE.get(done),
        kind=rules.kind_label(organisation["kind"], organisation["receiving_kind"]), state_names=_state_names(),
        members=records.staff_of(db, organisation["id"], with_removed=True),
        documents=records.documents(db, organisation["id"]), document_labels=rules.DOCUMENTS,
        requests=records.open_requests(db, organisation["id"]), report=report, report_details=_details(report),
        proposal=proposal, decisions=records.decisions(db, organisation["id"]), matter=matter,
        outcomes=policy.ORGANISATION_OUTCOMES.get(matter, ()), outcome_labels=OUTCOME_LABELS,
        officer_name=officer_name, trail=records.trail(db, organisation["public_id"]), deadline=casework.request_deadline(today_in_japan()).isoformat(),
        may_approve=proposal is not None and g.officer["role"] == policy.SUPERVISOR
        and proposal["proposed_by"] != g.officer["id"]), status


def _details(report):
    return json.loads(report["details"]) if report else None


@bp.get("/organisations/<public_id>")
@officer_required
def organisation(public_id):
    found = _organisation(public_id)
    with transaction(get_db()) as db:
        record(db, "organisation_opened", detail={"organisation": public_id})
    return _page(found, done=request.args.get("done"))[0]


@bp.get("/organisations/<public_id>/documents/<int:document_id>")
@officer_required
def organisation_document(public_id, document_id):
    """A document inline (images, PDFs) or as a download, sandboxed as the cases' attachments are."""
    found = _organisation(public_id)
    db = get_db()
    document = records.document(db, found["id"], document_id)
    if document is None:
        abort(404)
    content = read_blob(blob_dir(), document["sha256"])
    download = request.args.get("download") or document["media_type"] not in INLINE_TYPES
    with transaction(db):
        record(db, "organisation_document_viewed", detail={"organisation": public_id, "document": document_id,
                                                            "sha256": document["sha256"]})
    response = Response(content, mimetype=document["media_type"])
    response.headers.set("Content-Disposition", "attachment" if download else "inline", filename=document["file_name"])
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = INLINE_POLICY.get(document["media_type"], SANDBOX)
    return response


def _act(public_id, action, run, done):
    """Check the policy with the organisation's facts, run the step; a refusal shows the page with its reason."""
    found = _organisation(public_id)
    db = get_db()
    facts = {"has_report": records.open_report(db, found["id"]) is not None,
             "proposal": records.open_proposal(db, found["id"])}
    try:
        run(db, found, facts)
    except RuleError as refusal:
        refused = isinstance(refusal, policy.Refused)
        return _page(records.organisation_by_id(db, found["id"]), say(refusal), 403 if refused else 400)
    return redirect(url_for(".organisation", public_id=public_id, done=done) + "#result", code=303)


def _text(name, limit, needed):
    value = (request.form.get(name) or "").strip()[:limit]
    if not value:
        raise RuleError("empty", str(needed))
    return value


@bp.post("/organisations/<public_id>/request")
@officer_required
def organisation_request(public_id):
    def run(db, organisation, facts):
        steps.check(g.officer, "request_organisation_documents", organisation, has_report=facts["has_report"])
        deadline = casework.check_deadline(request.form.get("deadline"), today_in_japan())
        steps.request_documents(db, g.officer, organisation, _text("message", MESSAGE_LENGTH, MESSAGE_NEEDED),
                                deadline.isoformat(), request.remote_addr)
    return _act(public_id, "request_organisation_documents", run, "request")


@bp.post("/organisations/<public_id>/propose")
@officer_required
def organisation_propose(public_id):
    def run(db, organisation, facts):
        outcome = request.form.get("outcome")
        steps.check(g.officer, "propose_organisation", organisation, outcome=outcome, **facts)
        reason = (request.form.get("reason") or "").strip()[:REASON_LENGTH]
        if outcome in ("refuse", "return") and not reason:
            raise RuleError("reason", str(REASON_NEEDED))
        report = records.open_report(db, organisation["id"])
        steps.propose(db, g.officer, organisation, outcome, reason, report["id"] if report else None,
                      request.remote_addr)
    return _act(public_id, "propose_organisation", run, "propose")


@bp.post("/organisations/<public_id>/approve")
@officer_required
def organisation_approve(public_id):
    def run(db, organisation, facts):
        steps.check(g.officer, "approve_organisation", organisation, **facts)
        if not steps.approve_proposal(db, g.officer, organisation, facts["proposal"], request.remote_addr):
            raise policy.Refused("no_proposal", policy.ORGANISATION_NO_PROPOSAL)
    return _act(public_id, "approve_organisation", run, "approve")


@bp.post("/organisations/<public_id>/return")
@officer_required
def organisation_return(public_id):
    def run(db, organisation, facts):
        steps.check(g.officer, "return_organisation_proposal", organisation, **facts)
        comment = (request.form.get("comment") or "").strip()[:REASON_LENGTH]
        if not steps.return_proposal(db, g.officer, organisation, facts["proposal"], comment, request.remote_addr):
            raise policy.Refused("no_proposal", policy.ORGANISATION_NO_PROPOSAL)
    return _act(public_id, "return_organisation_proposal", run, "return")
