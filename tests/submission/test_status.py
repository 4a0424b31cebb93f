"""After submitting: every transition through the state machine, an email at each, the status page, requested
documents, the card-by-post checklist, and the operator's `application` command."""
import io
import itertools

import pytest
from pypdf import PdfWriter

from applications import lifecycle, records
from rules import application_states as states
from tests.submission.conftest import post_submit, signed
from tests.support import applications as samples
from tests.support.sessions import csrf_token

AFTER_SUBMISSION = [s.code for s in states.STATES if s.code != states.INITIAL]


@pytest.fixture
def submitted(member, draft, db, card_state):
    assert post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state)).status_code == 303
    return records.by_public_id(db, draft["public_id"])


def force_state(db, application, state):
    db.execute("UPDATE application SET state = ? WHERE id = ?", [state, application["id"]])
    return records.by_id(db, application["id"])


def mails(db, kind="status_change"):
    return db.execute("SELECT recipient, subject, text_body FROM outbox WHERE kind = ? ORDER BY id", [kind]).fetchall()


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("source, target", list(itertools.product(AFTER_SUBMISSION, AFTER_SUBMISSION)))
def test_every_transition_is_allowed_or_refused_by_the_state_machine(site, submitted, db, source, target):
    application = force_state(db, submitted, source)
    before_events = len(records.events(db, application["id"]))
    with site.app_context():
        if (source, target) in states.TRANSITION_BY_PAIR:
            # an officer's where officers make it; the applicant's withdrawal (取下げ) is the applicant's alone
            allowed = states.TRANSITION_BY_PAIR[(source, target)].actors
            actor = states.OFFICER if states.OFFICER in allowed else min(allowed)
            moved = lifecycle.change_state(db, application, target, actor, note="note")
            assert moved["state"] == target
            events = records.events(db, application["id"])
            assert (events[-1]["from_state"], events[-1]["to_state"], events[-1]["actor"]) == (source, target, actor)
            assert len(mails(db)) == 1  # queued with the transition
        else:
            with pytest.raises(states.InvalidTransition):
                lifecycle.change_state(db, application, target, states.OFFICER)
            assert records.by_id(db, application["id"])["state"] == source
            assert len(records.events(db, application["id"])) == before_events
            assert not mails(db)


def test_a_draft_never_moves_except_by_submission(site, draft, db):
    with site.app_context(), pytest.raises(states.InvalidTransition):
        lifecycle.change_state(db, draft, "under_review", states.OFFICER)


def test_an_applicant_cannot_make_officer_moves(site, submitted, db):
    with site.app_context(), pytest.raises(states.InvalidTransition):
        lifecycle.change_state(db, submitted, "under_review", states.APPLICANT)


def test_a_stale_transition_loses_to_the_one_made_first(site, submitted, db):
    with site.app_context():
        lifecycle.change_state(db, submitted, "under_review", states.OFFICER)
        with pytest.raises(lifecycle.StateConflict):
            lifecycle.change_state(db, submitted, "under_review", states.OFFICER)  # still thinks "received"
    assert len(mails(db)) == 1


def test_the_whole_life_emails_at_each_change_and_dates_each_step(site, member, submitted, db):
    path = ["under_review", "documents_requested", "under_review", "granted", "ready_at_counter"]
    with site.app_context():
        application = submitted
        for target in path:
            application = lifecycle.change_state(db, application, target, states.OFFICER,
                                                 note="Send your tax certificate." if target == "documents_requested" else None)
    sent = mails(db)
    assert len(sent) == len(path)
    assert all(to == "ichiro.shiken@example.jp" and submitted["receipt_number"] in subject for to, subject, _ in sent)
    assert "Send your tax certificate." in sent[1][2]
    page = member.get(f"/applications/{submitted['public_id']}/status").text
    for label in ("Received", "Under review", "Documents requested", "Granted", "Ready for collection at the counter"):
        assert label in page
    assert page.count("<time>") == 6


def test_requested_documents_are_uploaded_then_sent_back_to_review(site, member, submitted, db):
    public_id = submitted["public_id"]
    with site.app_context():
        application = lifecycle.change_state(db, submitted, "under_review", states.OFFICER)
        lifecycle.change_state(db, application, "documents_requested", states.OFFICER, note="Your employment contract.")
    page = member.get(f"/applications/{public_id}/status").text
    assert "Your employment contract." in page and 'type="file"' in page
    token = csrf_token(member)
    early = member.post(f"/applications/{public_id}/documents/done", data={"csrf_token": token})
    assert early.status_code == 400 and "Upload at least one document" in early.text
    refused = member.post(f"/applications/{public_id}/documents", data={
        "csrf_token": token, "file": (io.BytesIO(b"MZ not a document"), "contract.pdf")})
    assert refused.status_code == 400 and "not a PDF, JPEG or PNG" in refused.text
    uploaded = member.post(f"/applications/{public_id}/documents", data={
        "csrf_token": token, "file": (io.BytesIO(pdf_bytes()), "contract.pdf")})
    assert uploaded.status_code == 303
    kinds = [a["kind"] for a in records.list_attachments(db, submitted["id"])]
    assert kinds.count("requested") == 1
    assert member.post(f"/applications/{public_id}/documents/done", data={"csrf_token": token}).status_code == 303
    assert records.by_id(db, submitted["id"])["state"] == "under_review"
    assert records.events(db, submitted["id"])[-1]["actor"] == "applicant"
    assert len(mails(db)) == 3
    again = member.post(f"/applications/{public_id}/documents", data={
        "csrf_token": token, "file": (io.BytesIO(pdf_bytes()), "more.pdf")})
    assert again.status_code == 409  # nothing is being asked for any more


def test_documents_cannot_be_uploaded_without_csrf(member, submitted, db, site):
    with site.app_context():
        application = lifecycle.change_state(db, submitted, "under_review", states.OFFICER)
        lifecycle.change_state(db, application, "documents_requested", states.OFFICER)
    response = member.post(f"/applications/{submitted['public_id']}/documents",
                           data={"file": (io.BytesIO(pdf_bytes()), "a.pdf")})
    assert response.status_code == 400
    assert not [a for a in records.list_attachments(db, submitted["id"]) if a["kind"] == "requested"]


def test_the_card_by_post_checklist_for_a_granted_change_of_status(site, member, database, account, db, card_state):
    row = samples.create_draft(database, account["id"], (2,), samples.change_to_engineer())
    post_submit(member, row["public_id"], signed(member, row["public_id"], card_state))
    application = records.by_public_id(db, row["public_id"])
    with site.app_context():
        for target in ("under_review", "granted"):
            application = lifecycle.change_state(db, application, target, states.OFFICER)
    page = member.get(f"/applications/{row['public_id']}/status").text
    assert "Receiving your residence card by post" in page
    assert "Your present residence card." in page
    assert "5,500 yen" in page and "revenue stamps" in page
    assert "return envelope" in page
    assert "Do not send your passport" in page
    assert site.config["BUREAU_POSTAL_ADDRESSES"]["osaka"] in page
    assert "example address" in site.config["BUREAU_POSTAL_ADDRESSES"]["osaka"]


def test_the_status_page_of_a_draft_is_404(member, draft):
    assert member.get(f"/applications/{draft['public_id']}/status").status_code == 404


def test_operator_command_shows_and_moves_only_allowed_ways(site, submitted, db):
    runner = site.test_cli_runner()
    number = submitted["receipt_number"]
    shown = runner.invoke(args=["application", "show", number])
    assert shown.exit_code == 0 and "received" in shown.output and "may become:     under_review" in shown.output
    refused = runner.invoke(args=["application", "transition", number, "granted"])
    assert refused.exit_code != 0 and "not allowed" in refused.output and "under_review" in refused.output
    unknown = runner.invoke(args=["application", "transition", number, "teleported"])
    assert unknown.exit_code != 0
    moved = runner.invoke(args=["application", "transition", number.lower(), "under_review", "--note", "Started"])
    assert moved.exit_code == 0, moved.output
    assert "received → under_review" in moved.output and "email queued" in moved.output
    assert records.by_id(db, submitted["id"])["state"] == "under_review"
    assert len(mails(db)) == 1
    missing = runner.invoke(args=["application", "show", "TOK-1999-0000001"])
    assert missing.exit_code != 0 and "no submitted application" in missing.output


# The applicant's words for the state, not the demo mailbox's "received at" column (one English word, two meanings).
RECEIVED_STATE = {"ja": ("受付済み", "受信日時"), "zh": ("已受理", "接收时间")}


@pytest.mark.parametrize("lang", sorted(RECEIVED_STATE))
def test_a_received_application_reads_as_received_for_processing_not_as_a_time(member, submitted, lang):
    state, mailbox_column = RECEIVED_STATE[lang]
    member.set_cookie("lang", lang)
    for path in (f"/applications/{submitted['public_id']}/status", "/applications"):
        page = member.get(path).text
        assert state in page and mailbox_column not in page, path


def test_chinese_lists_of_procedures_use_no_japanese_middle_dot(member, draft):
    member.set_cookie("lang", "zh")
    for path in ("/applications", f"/applications/{draft['public_id']}"):
        page = member.get(path).text
        assert "在留期间更新许可申请和再入国许可申请" in page and "・" not in page, path


def test_back_to_a_form_or_attachments_page_after_submitting_shows_the_status_with_a_notice(member, submitted):
    member.set_cookie("lang", "en")
    base = f"/applications/{submitted['public_id']}"
    for path in ("/form/applicant", "/form/procedure", "/form/receipt", "/attachments"):
        response = member.get(base + path)
        assert response.status_code == 303 and response.location.endswith(base + "/status"), path
    status = member.get(response.location)
    assert status.status_code == 200 and status.text.count("This application has already been submitted. Its status is shown below.") == 1
    # a form page left open in another tab, saved after submitting: the status page too, nothing stored
    token = {"X-CSRFToken": csrf_token(member)}
    saved = member.post(base + "/form/applicant", data={"version": "1", "name": "CHANGED"}, headers=token)
    assert saved.status_code == 303 and saved.location.endswith(base + "/status")
    # a field checked by htmx on such a page: the whole page goes to the status page
    checked = member.post(base + "/check/name", data={"name": "X"}, headers={**token, "HX-Request": "true"})
    assert checked.status_code == 204 and checked.headers["HX-Redirect"] == base + "/status"
    assert "CHANGED" not in member.get(base + "/status").text


def test_f20_the_checklist_of_a_granted_certificate_of_authorized_employment_has_no_residence_card(
        site, member, database, account, db, card_state):
    data = samples.sample_answers((5,), "engineer_specialist", {
        "authorized_employment_page1": {"current_status": "engineer_specialist", "prefecture": "27"},
        "receipt": {"receipt_method": "post"}})
    row = samples.create_draft(database, account["id"], (5,), data, attachments=())
    assert post_submit(member, row["public_id"], signed(member, row["public_id"], card_state)).status_code == 303
    application = records.by_public_id(db, row["public_id"])
    with site.app_context():
        for target in ("under_review", "granted"):
            application = lifecycle.change_state(db, application, target, states.OFFICER)
    page = member.get(f"/applications/{row['public_id']}/status").text
    assert "Receiving your certificate by post" in page and "residence card by post" not in page
    assert "Your present residence card." not in page
    assert "1,600 yen" in page and "return envelope" in page


def test_f31_the_status_page_of_a_pending_extension_says_until_when_the_applicant_may_stay(
        site, member, database, account, db, card_state):
    """特例期間: while a change or an extension is pending the applicant may stay past the period's end until the
    decision, at the latest 2 months after it; the page says so while it is pending, and no longer once decided."""
    import datetime
    from rules.clock import today_in_japan
    from rules.periods import stay_while_pending
    data = {**samples.extension_with_reentry(), "current_period": "1y"}
    row = samples.create_draft(database, account["id"], (3, 6), data, status_code="engineer_specialist",
                               reentry_kind="single")
    assert post_submit(member, row["public_id"], signed(member, row["public_id"], card_state)).status_code == 303
    expiry = datetime.date.fromisoformat(data["expiry_date"])
    latest = stay_while_pending(expiry, "1y", today_in_japan())
    assert latest is not None and latest > expiry
    page = member.get(f"/applications/{row['public_id']}/status").text
    assert 'id="stay-while-pending"' in page and str(expiry) in page and str(latest) in page
    receipt = db.execute("SELECT text_body FROM outbox WHERE kind = 'receipt'").fetchone()[0]
    assert str(latest) in receipt and str(expiry) in receipt  # the receipt email says it too
    application = records.by_public_id(db, row["public_id"])
    with site.app_context():
        for target in ("under_review", "granted"):
            application = lifecycle.change_state(db, application, target, states.OFFICER)
    assert 'id="stay-while-pending"' not in member.get(f"/applications/{row['public_id']}/status").text
