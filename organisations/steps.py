"""The organisations' domain steps: each one transaction with its audit row and its mail (callers pass the open
database; these open the transaction). The rules are rules.organisations and rules.console_policy's."""
import datetime
import time

from applications import records as application_records
from console import audit
from mail import messages
from mail.links import site_url
from organisations import records
from rules import console_policy as policy
from rules import organisations as rules
from rules.bureaus import office
from rules.clock import japan_date, today_in_japan
from store import transaction


def _office_label(organisation):
    return office(organisation["bureau"]).name


def _day(iso):
    return datetime.date.fromisoformat(iso) if iso else None


def _trail(db, action, organisation, *, officer=None, detail=None, address=None):
    audit.append(db, action, officer=officer, office=organisation["bureau"], address=address,
                 detail={"organisation": organisation["public_id"], **(detail or {})})


def _enrolment_mail(db, organisation, member, now=None):
    secret = records.issue_link(db, member["id"], now=now)
    link = records.peek_link(db, secret, now=now)
    messages.queue(db, "staff_enrolment", member["email"], member["language"], name=member["name"],
                   organisation=organisation, link=site_url("organisations.enrol", secret=secret),
                   expires_at=link["expires_at"])


# --- the use application -------------------------------------------------------------------------

def apply(db, blob_dir, values, staff, documents, *, language, address=None, now=None):
    """Store a use application whole: the organisation, its staff (the first named is its administrator), its
    documents [(requirement code, file name, bytes, media type)] and the confirmation mail; the files are
    written before the transaction (content-addressed, harmless if it then fails). Returns the organisation."""
    blobs = [(code, name, application_records.write_blob(blob_dir, content), content, media)
             for code, name, content, media in documents]
    with transaction(db):
        organisation = records.create_organisation(
            db, kind=values["kind"], receiving_kind=values.get("receiving_kind"), name=values["name"],
            corporate_number=values["corporate_number"], postal_code=values["postal_code"],
            address=values["address"], phone=values.get("phone") or "", contact_email=values["contact_email"],
            bureau=values["bureau"], language=language, now=now)
        for index, member in enumerate(staff):
            records.add_staff(db, organisation["id"], name=member["staff_name"], email=member["staff_email"],
                              language=language, agent_approval_number=member.get("staff_agent_approval_number"),
                              is_admin=index == 0, now=now)
        for code, name, _sha, content, media in blobs:
            sha256 = application_records.add_blob(db, blob_dir, content, media, now=now)
            records.add_document(db, organisation["id"], sha256, code, name, now=now)
        _trail(db, "organisation_applied", organisation, address=address,
               detail={"kind": organisation["kind"], "staff": len(staff), "documents": len(documents)})
        messages.queue(db, "organisation_received", organisation["contact_email"], language,
                       organisation=organisation, office=_office_label(organisation),
                       link=site_url("organisations.start"))
    return organisation


# --- the bureau's steps --------------------------------------------------------------------------

def request_documents(db, officer, organisation, message, deadline, address=None):
    with transaction(db):
        records.add_request(db, organisation["id"], officer["id"], message, deadline)
        _trail(db, "organisation_documents_requested", organisation, officer=officer, address=address,
               detail={"deadline": deadline})
        messages.queue(db, "organisation_documents", organisation["contact_email"], organisation["language"],
                       organisation=organisation, office=_office_label(organisation), message=message,
                       deadline=deadline, link=site_url("organisations.start"))


def propose(db, officer, organisation, outcome, reason, report_id=None, address=None):
    with transaction(db):
        records.propose(db, organisation["id"], officer["id"], outcome, reason, report_id=report_id)
        _trail(db, "organisation_proposed", organisation, officer=officer, address=address,
               detail={"outcome": outcome})


def return_proposal(db, officer, organisation, proposal, comment, address=None):
    with transaction(db):
        if not records.decide_proposal(db, proposal["id"], officer["id"], "returned", comment):
            return False
        _trail(db, "organisation_returned", organisation, officer=officer, address=address,
               detail={"outcome": proposal["outcome"]})
    return True


def approve_proposal(db, officer, organisation, proposal, address=None, now=None):
    """The supervisor's approval carries the proposal out: approve (enrolment mails to every named member), refuse
    (the reason to the organisation; its staff can never sign in), renew (a year more) or return a report."""
    today = today_in_japan() if now is None else japan_date(now)
    with transaction(db):
        if not records.decide_proposal(db, proposal["id"], officer["id"], "approved", now=now):
            return False
        outcome = proposal["outcome"]
        if outcome == "approve":
            records.update_organisation(db, organisation["id"], state=rules.APPROVED,
                                        approved_at=now or time.time())
            records.close_requests(db, organisation["id"], now)
            for member in records.staff_of(db, organisation["id"]):
                _enrolment_mail(db, organisation, member, now)
        elif outcome == "refuse":
            records.update_organisation(db, organisation["id"], state=rules.REFUSED, refused_at=now or time.time(),
                                        refusal_reason=proposal["reason"])
            records.close_requests(db, organisation["id"], now)
            records.remove_all_staff(db, organisation["id"], now)
            messages.queue(db, "organisation_refused", organisation["contact_email"], organisation["language"],
                           organisation=organisation, office=_office_label(organisation), reason=proposal["reason"],
                           link=site_url("organisations.apply"))
        else:
            renewed = outcome == "renew"
            valid_until = None
            if renewed:
                valid_until = rules.renewed_until(_day(organisation["valid_until"]) or today, today)
                records.update_organisation(db, organisation["id"], state=rules.APPROVED,
                                            valid_until=valid_until.isoformat())
            records.close_report(db, proposal["report_id"], "accepted" if renewed else "returned", now)
            for member in _admins(db, organisation):
                messages.queue(db, "organisation_report_decided", member["email"], member["language"],
                               organisation=organisation, renewed=renewed, valid_until=valid_until,
                               reason=proposal["reason"], link=site_url("organisations.home"))
        _trail(db, "organisation_approved", organisation, officer=officer, address=address,
               detail={"outcome": outcome})
    return True


def _admins(db, organisation):
    members = records.staff_of(db, organisation["id"])
    return [m for m in members if m["is_admin"]] or members


def check(officer, action, organisation, **facts):
    """rules.console_policy.check_organisation for this officer and organisation."""
    return policy.check_organisation(officer["role"], action, officer_office=officer["office"],
                                     organisation_bureau=organisation["bureau"], state=organisation["state"],
                                     officer_id=officer["id"], **facts)


# --- staff ---------------------------------------------------------------------------------------

def enrol(db, member, password_hash, credential, secret, now=None):
    """The member's link is used, their password and key kept; the organisation's year starts with its first
    password (rules.organisations.valid_until_from). Raises LinkError for a link used meanwhile."""
    credential_id, public_key, sign_count, transports = credential
    with transaction(db):
        records.use_link(db, secret, now=now)
        records.set_password(db, member["id"], password_hash, now)
        records.add_credential(db, member["id"], credential_id, public_key, sign_count, transports, now)
        organisation = records.organisation_by_id(db, member["organisation_id"])
        if organisation["valid_until"] is None:
            first_day = today_in_japan() if now is None else japan_date(now)
            records.update_organisation(db, organisation["id"],
                                        valid_until=rules.valid_until_from(first_day).isoformat())
        _trail(db, "staff_enrolled", organisation, detail={"staff": member["id"]})


def add_member(db, admin, organisation, values, language):
    """The administrator adds a member: stored, and the enrolment link mailed. Returns the member."""
    with transaction(db):
        member = records.add_staff(db, organisation["id"], name=values["staff_name"], email=values["staff_email"],
                                   language=language,
                                   agent_approval_number=values.get("staff_agent_approval_number"))
        _enrolment_mail(db, organisation, member)
        _trail(db, "staff_added", organisation, detail={"staff": member["id"], "by": admin["id"]})
    return member


def remove_member(db, admin, organisation, member):
    """The member is removed; every session of theirs ends in the same transaction."""
    with transaction(db):
        records.remove_staff(db, member["id"])
        _trail(db, "staff_removed", organisation, detail={"staff": member["id"], "by": admin["id"]})


def submit_report(db, member, organisation, details):
    """A periodic report: the organisation's current details and the declaration, waiting for the bureau."""
    with transaction(db):
        report_id = records.add_report(db, organisation["id"], member["id"], details)
        _trail(db, "organisation_report_received", organisation, detail={"report": report_id, "staff": member["id"]})
    return report_id


# --- the daily job: lapse and reminders ----------------------------------------------------------

def daily(db, today=None):
    """Lapse what ended before today and send the reminders due today (30 and 7 days before); safe to run any
    number of times a day. Returns (lapsed, reminded) counts."""
    today = today or today_in_japan()
    with transaction(db):
        lapsed = records.lapse_due(db, today.isoformat())
        for organisation_id in lapsed:
            _trail(db, "organisation_lapsed", records.organisation_by_id(db, organisation_id))
    reminded = 0
    first, last = rules.reminder_window(today)
    for organisation_id, valid_until, already in records.reminder_candidates(db, first.isoformat(),
                                                                             last.isoformat()):
        days = rules.reminder_for(_day(valid_until), today)
        if days is None or already == days:
            continue
        with transaction(db):
            if not records.record_reminder(db, organisation_id, valid_until, days):
                continue
            organisation = records.organisation_by_id(db, organisation_id)
            for member in _admins(db, organisation):
                messages.queue(db, "organisation_validity", member["email"], member["language"],
                               organisation=organisation, valid_until=_day(valid_until),
                               link=site_url("organisations.report"))
        reminded += 1
    return len(lapsed), reminded
