"""Journey 6: after submitting — the status page with its dated steps, requested documents, receiving the card."""

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from applications import cli, lifecycle, records, uploads
from applications.facts import facts_of
from applications.lifecycle import StateConflict
from console import actions as console_actions, audit, desk
from console.audit_actions import FOR_APPLICANT
from blueprints.applications import is_filer, own_application, readable_application
from blueprints.applications.views import procedure_names
from store.blobs import blob_dir
from blueprints.auth.session import STATUS_ONLY, STATUS_ONLY_LIMIT
from blueprints.owner import filer_account, filer_required, is_staff, owner, staff_read_only
from blueprints.submission.display import application_view, filer_name
from i18n import gettext, say, state_name
from page_cache import applicant_page
from rules import application_states as states
from rules.bureaus import OFFICE_BY_CODE
from rules.casework import DOCUMENT_ITEMS, shown_tracking_number
from rules.clock import japan_time
from rules.errors import RuleError
from rules.forms.procedure_parts import AT_COUNTER, BY_POST
from store import transaction
from store.flask_db import get_db

bp = Blueprint("status", __name__, url_prefix="/applications", cli_group="application")
bp.cli.add_command(cli.show)
bp.cli.add_command(cli.transition)
bp.cli.add_command(cli.name_keys)
bp.cli.add_command(cli.person_keys)
bp.cli.add_command(cli.staff_applicants)

NEXT_STEP = {
    "received": _l("The regional bureau will start examining your application."),
    "under_review": _l("The regional bureau is examining your application. It may ask you for more documents."),
    "documents_requested": _l("Upload the documents the regional bureau asks for below, then tell the bureau "
                              "you have finished."),
    "granted": _l("Receive your new residence card as described below."),
    "refused": _l("Your application was not granted. You can ask the regional bureau for the reasons at its counter."),
    "card_sent_by_post": _l("Your new residence card is on its way by post."),
    "ready_at_counter": _l("Collect your new residence card at the counter."),
    "withdrawn": _l("You withdrew this application: the regional bureau does not examine it. To apply again, start "
                    "a new application."),
}
NO_FILE = _l("Choose a file to upload.")
NO_DOCUMENTS = _l("Upload at least one document before you tell the bureau you have finished.")
DOCUMENTS_SENT = _l("The regional bureau has been told that your documents are uploaded.")
# F05: a status-only session (the card's certificate lapsed during the 特例期間) reads, but uploads nothing.
CARD_LAPSED = _l("Your My Number Card's certificate has expired, so documents cannot be uploaded online. Bring or send "
                 "them to the regional bureau as its request says. To use the online services again, have your My "
                 "Number Card's validity extended and its certificates renewed at your municipality office, then "
                 "register the new certificates.")
NOT_REQUESTED = _l("The regional bureau is not asking for documents for this application now.")
NOT_WITHDRAWABLE = _l("This application can no longer be withdrawn: it has been decided or withdrawn already. Its "
                      "status is shown below.")
FILED_FOR_YOU = _l("This application was filed for you by %(filer)s: they upload the documents the regional bureau "
                   "asks for and act on it. Tell them what you have.")
WITHDRAWN = _l("Your application has been withdrawn. An email confirms it.")


def _submitted(public_id, reading=False):
    """The logged-in account's (or the signed-in staff member's organisation's) submitted application, or 404 (drafts
    and others' do not exist here). `reading`: the applicant with an account of their own reads the status of an
    application someone else filed for them too (only its filer acts on it)."""
    if reading:
        return readable_application(public_id)
    row = own_application(public_id)
    if row["state"] == states.INITIAL:
        abort(404)
    return row


def steps(db, application):
    """The dated steps so far (from application_event), oldest first."""
    return [{"label": state_name(e["to_state"]), "at": japan_time(e["at"]), "note": e["note"],
             "state": e["to_state"]}
            for e in records.events(db, application["id"]) if e["to_state"] != states.INITIAL]


def _request_note(events):
    found = [e["note"] for e in events if e["state"] == "documents_requested" and e["note"]]
    return found[-1] if found else None


def _page(application, error=None, status=200):
    db = get_db()
    filer = is_filer(application)
    # The filer's account (None for an organisation's staff, and for the applicant who reads: the facts read the filer)
    facts = facts_of(db, application, filer_account() if filer else None)
    view = application_view(facts)
    events = steps(db, application)
    read_only = staff_read_only()  # a lapsed organisation's staff: no upload, no withdrawal, and why
    return render_template(
        "status/show.html", application=application, view=view, events=events,
        state_label=state_name(application["state"]), next_step=NEXT_STEP.get(application["state"]),
        request_note=_request_note(events), error=error,
        may_withdraw=filer and not read_only and states.may_withdraw(application["state"]), read_only=read_only,
        filed_for_you=None if filer else _filed_for_you(facts), by_post=view["receipt_method"] == BY_POST,
        at_counter=view["receipt_method"] == AT_COUNTER,
        requested=[a for a in view["attachments"] if a["requested"]], delivery=_delivery(db, application),
        document_request=_document_request(db, application), access=_access(db, application),
        stay_until=facts.stay_while_pending, card_lapsed=CARD_LAPSED if session.get(STATUS_ONLY) else None,
        expires_on=facts.stay_expires), status


def _filed_for_you(facts):
    """What the applicant reads of an application someone else filed for them: who filed it, and that the filer acts."""
    return escape(str(FILED_FOR_YOU)) % {"filer": Markup('<span translate="no">%s</span>') % filer_name(facts.account)}


def _access(db, application):
    """Who at the bureau opened or acted on the application (the bureau and the kind, never the officer)."""
    entries = audit.access_record(db, application["id"])
    for entry in entries:
        found = OFFICE_BY_CODE.get(entry["office"])
        entry.update(at=japan_time(entry["at"]), kind=FOR_APPLICANT[entry["action"]],
                     bureau=gettext(found.name) if found else entry["office"])
    return entries


def _document_request(db, application):
    """What the bureau's open request asks for (the console's 資料提出通知): items and deadline."""
    found = desk.open_request(db, application["id"]) if application["state"] == "documents_requested" else None
    if not found:
        return None
    items = [gettext(DOCUMENT_ITEMS[code]) for code in found["items"].get("codes", []) if code in DOCUMENT_ITEMS]
    if found["items"].get("other"):
        items.append(found["items"]["other"])
    return {"documents": items, "deadline": found["deadline"]}


def _delivery(db, application):
    """The card's dispatch as the console recorded it: the registered-mail tracking number, shown formatted."""
    found = desk.delivery(db, application["id"])
    if not found or not found["tracking_number"]:
        return None
    return {"tracking_number": shown_tracking_number(found["tracking_number"]), "at": japan_time(found["dispatched_at"])}


# What a status-only session is told when it tries to change something here (it may only read).
STATUS_ONLY_REFUSALS = {"status.upload": CARD_LAPSED, "status.documents_done": CARD_LAPSED}


@bp.before_request
def status_only_reads():
    """A status-only session (F05) reads these pages and changes nothing: upload, withdraw or any later action."""
    if session.get(STATUS_ONLY) and g.get("account") is not None and request.method not in ("GET", "HEAD"):
        application = _submitted(request.view_args["public_id"])
        return _page(application, STATUS_ONLY_REFUSALS.get(request.endpoint, STATUS_ONLY_LIMIT), 403)
    return None


@bp.get("/<public_id>/status")
@filer_required
@applicant_page
def show(public_id):
    return _page(_submitted(public_id, reading=True))[0]


@bp.get("/<public_id>/withdraw")
@filer_required
def confirm_withdraw(public_id):
    application = _submitted(public_id)
    if not states.may_withdraw(application["state"]):
        return _page(application, NOT_WITHDRAWABLE, 409)
    refusal = staff_read_only()  # a lapsed organisation's staff member reads: the page says why they cannot withdraw
    if refusal is not None:
        return _page(application, refusal, 403)
    return render_template(
        "applications/confirm.html", heading=gettext("Withdraw this application?"),
        names=procedure_names(application["procedures"]),
        warning=gettext("This cannot be undone"),
        text=gettext("The regional bureau stops examining application %(number)s. To apply again, you start a new "
                     "application and sign it again.", number=application["receipt_number"]),
        action=url_for(".withdraw", public_id=public_id), button=gettext("Withdraw the application"),
        back_href=url_for(".show", public_id=public_id), back_text=gettext("Keep the application"))


@bp.post("/<public_id>/withdraw")
@filer_required
def withdraw(public_id):
    """The filer (the applicant, or a staff member of the filing organisation) withdraws (取下げ) an application under
    examination: its state, the email and the log's row."""
    db = get_db()
    application = _submitted(public_id)
    try:
        with transaction(db):
            lifecycle.apply_state_change(db, application, states.WITHDRAWN, states.APPLICANT)
            console_actions.withdrawn(db, application, request.remote_addr, g.staff if is_staff() else None)
    except (StateConflict, states.InvalidTransition):
        return _page(records.get_owned(db, public_id, owner()), NOT_WITHDRAWABLE, 409)
    flash(str(WITHDRAWN), "success")
    return redirect(url_for(".show", public_id=public_id), code=303)


@bp.post("/<public_id>/documents")
@filer_required
def upload(public_id):
    """A document the bureau asked for, checked and stored as the form's attachments are."""
    application = _submitted(public_id)
    if application["state"] != "documents_requested":
        return _page(application, NOT_REQUESTED, 409)
    upload_file = request.files.get("file")
    content = upload_file.read() if upload_file else b""
    if not upload_file or not upload_file.filename:
        return _page(application, NO_FILE, 400)
    config = current_app.config
    try:
        media = uploads.inspect(content, uploads.DOCUMENT)
        with transaction(get_db()) as db:
            count, total = records.attachment_totals(db, application["id"])
            uploads.check_limits(count, total, len(content), config["ATTACHMENT_MAX_FILES"],
                                 config["ATTACHMENT_MAX_BYTES"])
            sha256 = records.add_blob(db, blob_dir(), content, media)
            records.attach(db, application["id"], sha256, "requested", uploads.stored_file_name(upload_file.filename))
    except RuleError as refusal:
        return _page(application, say(refusal), 413 if refusal.code == "too_large" else 400)
    return redirect(url_for(".show", public_id=public_id) + "#requested", code=303)


@bp.post("/<public_id>/documents/done")
@filer_required
def documents_done(public_id):
    """The filer has uploaded what was asked: the application goes back to the examiner."""
    db = get_db()
    application = _submitted(public_id)
    if application["state"] != "documents_requested":
        return _page(application, NOT_REQUESTED, 409)
    uploaded = db.execute("SELECT 1 FROM application_attachment WHERE application_id = ? AND kind = 'requested' "
                          "AND added_at >= (SELECT MAX(at) FROM application_event WHERE application_id = ? "
                          "AND to_state = 'documents_requested')", [application["id"], application["id"]]).fetchone()
    if not uploaded:
        return _page(application, NO_DOCUMENTS, 400)
    try:
        with transaction(db):  # back to the examiner, with the console's "documents arrived" mark
            lifecycle.apply_state_change(db, application, "under_review", states.APPLICANT)
            console_actions.documents_arrived(db, application)
    except (StateConflict, states.InvalidTransition):
        return _page(records.get_owned(db, public_id, owner()), NOT_REQUESTED, 409)
    flash(DOCUMENTS_SENT, "success")
    return redirect(url_for(".show", public_id=public_id), code=303)
