"""The case page (identity bar, canonical answers, attachments, signature evidence, timeline, notes, the actions
the officer may take now) and the action endpoints, each one transaction in console.actions."""
import datetime
import json

from flask import Response, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l, ngettext
from werkzeug.datastructures import MultiDict

from applications import records
from applications.facts import facts_of
from store.blobs import blob_dir
from blueprints.card import trust
from blueprints.console import bp, officer_required, record
from blueprints.owner import staff_relying_party
from blueprints.submission.display import ATTACHMENT_KINDS, application_view, filer_name, requirement_names
from console import actions, audit, desk, evidence, officers
from console.related import related as related_cases
from accounts import nationalities
from i18n import HTML_LANG, LANGUAGE_NAMES, current_language, say, state_name
from rules import application_states as states
from rules import casework, filers, people
from rules import console_policy as policy
from rules.clock import japan_time, today_in_japan
from rules.errors import RuleError
from rules.forms.common import RELATIONSHIPS
from rules.numbers import whole_number_or_none
from rules.periods import PERIOD_BY_CODE
from rules.statuses import BY_CODE as STATUS_BY_CODE
from store import transaction
from store.flask_db import get_db

CONFLICT = _l("Another officer acted on this case at the same time; nothing of yours was saved. The page now shows "
              "the case as it is: check it and act again if still needed.")
DONE = {
    "claim": _l("The case is assigned to you."), "release": _l("The case is no longer assigned to you."),
    "reassign": _l("The case was reassigned."), "note": _l("Your note was added."),
    "request": _l("The request for documents was sent to the applicant."),
    "propose": _l("Your proposal was sent for approval."), "approve": _l("The decision is final; the applicant "
                                                                          "was told by email."),
    "return": _l("The proposal was returned to the examiner."), "envelope": _l("The envelope's arrival is recorded; the applicant was told by email."),
    "dispatch": _l("The dispatch is recorded; the applicant was told by email."),
    "handover": _l("The handover at the counter is recorded."),
}
ENTRY_TITLES = {
    "claim": _l("Assigned"), "release": _l("Released"), "reassign": _l("Reassigned"), "note": _l("Internal note"),
    "documents_requested": _l("Documents requested"), "proposed": _l("Decision proposed"),
    "approved": _l("Decision approved"), "returned": _l("Proposal returned"),
    "envelope_arrived": _l("Envelope arrived"), "dispatched": _l("Card dispatched"), "handed_over": _l("Card handed over"),
}
OUTCOMES = {"grant": _l("Grant"), "refuse": _l("Refuse")}
# The policy each inline type is served under: sandboxed (no script, an origin of its own), nothing fetched but
# the file itself. Chromium's own image viewer styles its page inline: allowed there (no script can run in it),
# else every image opened logs a CSP violation.
SANDBOX = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'"
INLINE_POLICY = {"image/jpeg": SANDBOX + "; style-src 'unsafe-inline'", "image/png": SANDBOX + "; style-src 'unsafe-inline'",
                 "application/pdf": SANDBOX}
INLINE_TYPES = set(INLINE_POLICY)


def _case(public_id, action="open_case"):
    """The application if this officer may see it; another bureau's case is a 404, and an audit row."""
    officer = g.officer
    if not policy.may(officer["role"], action, None) and policy.ACTIONS[action].states is None:
        abort(404)
    db = get_db()
    application = records.by_public_id(db, public_id)
    if application is None or application["state"] == states.INITIAL:
        abort(404)
    if not policy.sees_case(officer["office"], application["bureau"]):
        with transaction(db):
            record(db, "case_refused_other_bureau", application_id=application["id"],
                   detail={"bureau": application["bureau"]})
        abort(404)
    return application


def _timeline(db, application):
    # At one time the officer's entry comes before the state change it made (決裁済み, then 許可): rank 0, then 1;
    # within each source the stored sequence (a stable sort keeps it).
    shown = [{"at_raw": e["at"], "rank": 1, "at": japan_time(e["at"]), "title": state_name(e["to_state"]),
              "by": gettext("Applicant") if e["actor"] == states.APPLICANT else gettext("Bureau"), "text": e["note"]}
             for e in records.events(db, application["id"])]
    for e in desk.entries(db, application["id"]):
        detail = e["detail"]
        text = detail.get("text") or detail.get("comment") or detail.get("message") or detail.get("tracking_number")
        if e["kind"] == "documents_requested":
            text = "; ".join(gettext(i) for i in detail.get("items", []))
            text += " (" + gettext("deadline %(date)s", date=detail.get("deadline")) + ")"
        if e["kind"] == "proposed":
            text = _proposal_text(detail)
        shown.append({"at_raw": e["at"], "rank": 0, "at": japan_time(e["at"]), "title": gettext(ENTRY_TITLES.get(e["kind"], e["kind"])),
                      "by": e["officer_name"], "text": text})
    return sorted(shown, key=lambda x: (x["at_raw"], x["rank"]))


def _proposal_text(detail):
    if detail.get("outcome") == "grant":
        parts = [gettext("Grant")]
        granted = PERIOD_BY_CODE.get(detail.get("period") or "")
        if granted:
            parts.append(gettext("period of stay %(period)s", period=gettext(granted.label)))
        status = STATUS_BY_CODE.get(detail.get("new_status") or "")
        if status:
            parts.append(gettext(status.name))
        if detail.get("reentry_years"):
            parts.append(gettext("re-entry permit valid %(years)s years", years=detail["reentry_years"]))
        return gettext(", ").join(parts)  # the language's separator: 、 in Japanese
    reason = casework.REFUSAL_REASONS.get(detail.get("reason"), "")
    return gettext(", ").join(filter(None, [gettext("Refuse"), gettext(reason) if reason else "", detail.get("text")]))


def _summary(facts, today, filer_kind):
    """The case at a glance (the application's facts): who, what, the stay now and its end, what is asked, and the
    filer (`filer_kind`, in the officer's words) when not the applicant."""
    status = STATUS_BY_CODE.get(facts.current_status or "")
    desired = STATUS_BY_CODE.get(facts.desired_status or "")
    period = PERIOD_BY_CODE.get(facts.desired_period or "")
    expires = facts.stay_expires  # a date (the normal value of the answer)
    days_left = (expires - today).days if isinstance(expires, datetime.date) else None
    account = facts.account
    relationship = RELATIONSHIP_NAMES.get(facts.answer("relative_relationship") or
                                          facts.answer("legal_representative_relationship") or "")
    return {"applicant": facts.applicant_name, "procedures": facts.procedures, "filer_name": facts.filer.name,
            "filer_birth_date": facts.filer.birth_date,
            "status": gettext(status.name) if status else facts.current_status,
            "expires": expires.isoformat() if days_left is not None else expires, "days_left": days_left,
            "soon": days_left is not None and expires <= casework.expiring_by(today),
            "desired_status": gettext(desired.name) if desired else None,
            "desired_period": gettext(period.label) if period else None,
            "filer": {"kind": filer_kind, "name": filer_name(account),
                      "email": account["email"], "relationship": gettext(relationship) if relationship else None,
                      "cannot_file": filers.cannot_file(facts.application.get("data") or {})}
            if facts.filed_by_other else None}


def _related(db, application, offices):
    """The related cases, each reason in the officer's words (with who the person is, where the answers say)."""
    found = related_cases(db, application, offices)
    for case in found:
        case["why"] = [gettext("%(reason)s (%(relationship)s)", reason=gettext(people.REASON_LABELS[code]),
                               relationship=gettext(people.RELATIONSHIP_LABELS[relationship]))
                       if relationship in people.RELATIONSHIP_LABELS else gettext(people.REASON_LABELS[code])
                       for code, relationship in case["reasons"]]
    return found


def _trail(db, application, facts):
    """The case's audit rows, oldest first, each with its officer's name and what the action did."""
    files = {a["id"]: a["file_name"] for a in facts.attachments}
    rows = audit.trail(db, application["id"])
    details = [json.loads(row["detail"] or "{}") for row in rows]
    names = {email: (officers.by_email(db, email) or {}).get("name") or email
             for email in {d["to"] for d in details if isinstance(d.get("to"), str)}}
    for row in rows:
        row["did"] = _did(row["action"], json.loads(row["detail"] or "{}"), files, names)
    return rows


def _did(action, detail, files, names):
    """What one audited action did, from its row's detail, in the officer's words ('' when the name says it)."""
    if action in ("claim", "reassign") and detail.get("to"):
        return gettext("to %(name)s", name=names.get(detail["to"], detail["to"]))
    if action == "documents_requested":
        items = [gettext(casework.DOCUMENT_ITEMS[i]) for i in detail.get("items", []) if i in casework.DOCUMENT_ITEMS]
        return gettext(", ").join(items + [gettext("deadline %(date)s", date=detail.get("deadline"))])
    if action == "decision_proposed":
        return _proposal_text(detail)
    if action == "decision_approved":
        return str(OUTCOMES[detail["outcome"]]) if detail.get("outcome") in OUTCOMES else ""
    if action == "card_dispatched" and detail.get("tracking_number"):
        return casework.shown_tracking_number(detail["tracking_number"])
    if action == "attachment_viewed":
        shown = files.get(detail.get("attachment"), "")
        return shown + (" (" + gettext("downloaded") + ")" if detail.get("download") else "")
    if action == "note_added" and detail.get("length"):
        return ngettext("%(num)d character", "%(num)d characters", detail["length"])
    return ""


def _decides(facts):
    """What the decision names besides the outcome: {"status": …, "validity": …} (Procedure flags)."""
    return {"status": facts.flags["decides_status"], "validity": facts.flags["decides_validity"]}


# The relationship a relative or legal representative states, in the officer's words.
RELATIONSHIP_NAMES = {c.code: c.label for c in RELATIONSHIPS}

# Refusals that concern one field of a form: shown at that field as well (code → field name).
FIELD_OF = {"tracking": "tracking_number", "tracking_check": "tracking_number", "no_items": "items",
            "deadline": "deadline", "deadline_past": "deadline", "outcome": "outcome", "period": "period",
            "reason": "reason"}


def _page(application, error=None, status=200, done=None, refusal_code=None, failed=None):
    """The case page; `failed`: the action whose input was refused, re-shown as typed with its panel open."""
    db = get_db()
    officer = g.officer
    facts = facts_of(db, application)
    account = facts.account  # the filer's: mails go there in its language
    applicant = facts.applicant
    view = application_view(facts)
    filer_kind = gettext(filers.BY_CODE[facts.filer.kind].name)  # the identity bar's and the summary's
    view.update(applicant_name=applicant.name, birth_date=applicant.birth_date,
                nationality=nationalities.name(applicant.nationality, current_language()) or applicant.nationality,
                filer_kind=filer_kind,
                filer_refusal=say(facts.filer_refusal) if facts.filer_refusal else None)
    proposal = desk.open_proposal(db, application["id"])
    case_desk = desk.desk(db, application["id"])
    allowed = policy.allowed_actions(officer["role"], application["state"], officer_id=officer["id"],
                                     proposer_id=proposal["proposed_by"] if proposal else None,
                                     receipt_method=facts.receipt_method)
    audit_rows = (_trail(db, application, facts) if policy.may(officer["role"], "view_case_audit") else None)
    return render_template(
        "console/case.html", application=application, view=view,
        evidence=evidence.check(facts, trust(), records.staff_signature(db, application["id"]), staff_relying_party()),
        events=_timeline(db, application), proposal=proposal, proposal_text=_proposal_text(proposal["detail"] | {"outcome": proposal["outcome"]}) if proposal else None,
        desk=case_desk, allowed=allowed, error=error,
        field_errors={FIELD_OF[refusal_code]: error} if refusal_code in FIELD_OF else {}, failed=failed,
        posted=request.form if failed else MultiDict(), done=DONE.get(done or request.args.get("done")),
        language_name=LANGUAGE_NAMES.get(account["language"], account["language"]),
        mail_preview=_mail_preview(db, application, proposal) if proposal else None,
        summary=_summary(facts, today_in_japan(), filer_kind),
        related=_related(db, application, policy.offices_seen_by(officer["office"])),
        open_request=desk.open_request(db, application["id"]),
        delivery=desk.delivery(db, application["id"]), attachments=facts.attachments,
        attachment_kinds=ATTACHMENT_KINDS, requirement_names=requirement_names(facts),
        document_items=casework.DOCUMENT_ITEMS, refusal_reasons=casework.REFUSAL_REASONS, periods=facts.grantable_periods,
        statuses=[s for s in STATUS_BY_CODE.values() if s.online], default_deadline=casework.request_deadline(today_in_japan()),
        colleagues=officers.colleagues(db, policy.offices_seen_by(officer["office"])) if "reassign" in allowed else [],
        reentry_years=casework.REENTRY_VALIDITY_YEARS, decides=_decides(facts), today=today_in_japan().isoformat(), audit_rows=audit_rows, japan_time=japan_time,
        assignee=officers.by_id(db, case_desk["assigned_to"]) if case_desk["assigned_to"] else None), status


def _mail_preview(db, application, proposal):
    """The decision email as approving the open proposal will send it, in the applicant's language."""
    language, subject, text = actions.decision_mail(db, application, proposal)
    return {"lang": HTML_LANG.get(language, language), "language_name": LANGUAGE_NAMES.get(language, language),
            "subject": subject, "text": text}


@bp.get("/cases/<public_id>")
@officer_required
def case(public_id):
    application = _case(public_id)
    with transaction(get_db()) as db:
        record(db, "case_opened", application_id=application["id"])
    return _page(application)[0]


@bp.get("/cases/<public_id>/attachments/<int:attachment_id>")
@officer_required
def attachment(public_id, attachment_id):
    """An attachment inline (images, PDFs) or as a download, sandboxed: it can run nothing on the console's origin."""
    application = _case(public_id, "view_attachment")
    db = get_db()
    found = records.get_attachment(db, application["id"], attachment_id)
    if found is None:
        abort(404)
    with open(records.blob_path(blob_dir(), found["sha256"]), "rb") as f:
        content = f.read()
    download = request.args.get("download") or found["media_type"] not in INLINE_TYPES
    with transaction(db):
        record(db, "attachment_viewed", application_id=application["id"],
               detail={"attachment": attachment_id, "sha256": found["sha256"], "download": bool(download)})
    response = Response(content, mimetype=found["media_type"])
    disposition = "attachment" if download else "inline"
    response.headers.set("Content-Disposition", disposition, filename=found["file_name"])
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = INLINE_POLICY.get(found["media_type"], SANDBOX)
    return response


def _act(public_id, action, run, done):
    application = _case(public_id)
    db = get_db()
    try:
        run(db, application)
    except actions.Conflict:
        return _page(records.by_id(db, application["id"]), str(CONFLICT), 409)
    except RuleError as refusal:
        refused = isinstance(refusal, policy.Refused)  # not this officer or not now: nothing to type again
        return _page(records.by_id(db, application["id"]), say(refusal), 403 if refused else 400,
                     refusal_code=refusal.code, failed=None if refused else action)
    return redirect(url_for(".case", public_id=public_id, done=done) + "#result", code=303)


def _version():
    """The desk version the page was read at; anything else never matches a desk (a conflict, not a 500)."""
    found = whole_number_or_none(request.form.get("desk_version", ""))
    return -1 if found is None else found


@bp.post("/cases/<public_id>/claim")
@officer_required
def claim(public_id):
    return _act(public_id, "claim", lambda db, a: actions.claim(db, g.officer, a, _version(), request.remote_addr),
                "claim")


@bp.post("/cases/<public_id>/release")
@officer_required
def release(public_id):
    return _act(public_id, "release", lambda db, a: actions.release(db, g.officer, a, _version(), request.remote_addr),
                "release")


@bp.post("/cases/<public_id>/reassign")
@officer_required
def reassign(public_id):
    def run(db, application):
        target = officers.by_id(db, whole_number_or_none(request.form.get("officer", "")))
        if target is None or target["disabled_at"] or target["role"] == policy.ADMIN:
            raise casework.CaseworkError("no_officer", _l("Choose an officer of your bureau."))
        actions.claim(db, g.officer, application, _version(), request.remote_addr, to_officer=target)
    return _act(public_id, "reassign", run, "reassign")


@bp.post("/cases/<public_id>/notes")
@officer_required
def add_note(public_id):
    return _act(public_id, "add_note", lambda db, a: actions.add_note(db, g.officer, a, request.form.get("text"),
                                                                    request.remote_addr), "note")


@bp.post("/cases/<public_id>/request")
@officer_required
def request_documents(public_id):
    def run(db, application):
        deadline = casework.check_deadline(request.form.get("deadline"), today_in_japan())
        actions.request_documents(db, g.officer, application, request.form.getlist("items"), request.form.get("other"),
                                  deadline, request.form.get("message"), request.remote_addr)
    return _act(public_id, "request_documents", run, "request")


@bp.post("/cases/<public_id>/propose")
@officer_required
def propose(public_id):
    def run(db, application):
        outcome = request.form.get("outcome")
        if outcome == "grant":
            period = request.form.get("period", "")
            grantable = {p.code for p in facts_of(db, application).grantable_periods}
            if grantable and period not in grantable:
                raise casework.CaseworkError("period", _l("Choose the period of stay granted."))
            years = casework.check_reentry_years(request.form.get("reentry_years"))
            detail = {"period": period or None,
                      "new_status": casework.check_new_status(request.form.get("new_status"),
                                                              {s.code for s in STATUS_BY_CODE.values() if s.online}),
                      "reentry_years": str(years) if years else None}
        elif outcome == "refuse":
            reason = request.form.get("reason")
            if reason not in casework.REFUSAL_REASONS:
                raise casework.CaseworkError("reason", _l("Choose the reason for the refusal."))
            detail = {"reason": reason, "text": request.form.get("text")}
        else:
            raise casework.CaseworkError("outcome", _l("Choose grant or refuse."))
        actions.propose(db, g.officer, application, outcome, detail, request.remote_addr)
    return _act(public_id, "propose_decision", run, "propose")


def _proposal(db, application):
    found = desk.open_proposal(db, application["id"])
    if found is None or str(found["id"]) != request.form.get("proposal"):
        raise actions.Conflict(application["public_id"])
    return found


@bp.post("/cases/<public_id>/approve")
@officer_required
def approve(public_id):
    def run(db, application):
        actions.check(g.officer, "approve", application)  # the role first: an examiner learns nothing more
        try:
            actions.approve(db, g.officer, application, _proposal(db, application), request.remote_addr)
        except states.InvalidTransition as refusal:
            raise policy.Refused(refusal.code, refusal.message, **refusal.params) from None
    return _act(public_id, "approve", run, "approve")


@bp.post("/cases/<public_id>/return")
@officer_required
def return_proposal(public_id):
    def run(db, application):
        actions.check(g.officer, "return_proposal", application)
        actions.return_proposal(db, g.officer, application, _proposal(db, application), request.form.get("comment"),
                                request.remote_addr)
    return _act(public_id, "return_proposal", run, "return")


@bp.post("/cases/<public_id>/envelope")
@officer_required
def envelope(public_id):
    return _act(public_id, "record_envelope", lambda db, a: actions.record_envelope(db, g.officer, a, request.remote_addr),
                "envelope")


@bp.post("/cases/<public_id>/dispatch")
@officer_required
def dispatch(public_id):
    return _act(public_id, "record_dispatch", lambda db, a: actions.record_dispatch(
        db, g.officer, a, request.form.get("tracking_number"), request.remote_addr), "dispatch")


@bp.post("/cases/<public_id>/handover")
@officer_required
def handover(public_id):
    return _act(public_id, "record_handover", lambda db, a: actions.record_handover(db, g.officer, a, request.remote_addr),
                "handover")
