"""After submitting, the filing organisation's staff act on the status page as an applicant does: they upload the
documents the bureau's request asks for, say they are done, and withdraw; the mails go to the staff member's address
in their language and the log names who withdrew. A lapsed organisation reads only and is told why; another
organisation's staff and applicants' accounts find nothing (404)."""
import datetime
import io

import pytest

import store
from applications import lifecycle, records
from console import audit
from organisations import records as organisation_records
from rules import application_states as states
from tests.console.test_cases import act, jpeg, mails
from tests.staff_filing.test_filing import TODAY, complete, sign_and_submit, started, tokyo_examiner  # noqa: F401
from tests.support.accounts import create_account
from tests.support.sessions import csrf_token, log_in
from tests.conftest import chrome_client

ACTIONS = ("/documents", "/documents/done", "/withdraw")


def submitted(site, db, member):
    public_id = started(member)
    complete(site, db, member, public_id)
    assert sign_and_submit(member, public_id)[0].status_code == 303
    return records.by_public_id(db, public_id)


def requested(site, db, application):
    """The bureau asks for documents (the state and its mail, as the console's request makes them)."""
    with site.app_context():
        application = lifecycle.change_state(db, application, "under_review", states.OFFICER)
        return lifecycle.change_state(db, application, "documents_requested", states.OFFICER, note="雇用契約書の写し")


def upload(member, public_id, name="contract.jpg"):
    return member.post(f"/applications/{public_id}/documents", {"file": (io.BytesIO(jpeg()), name)},
                       f"/applications/{public_id}/status")


def test_another_staff_member_uploads_what_the_bureau_requests_and_says_it_is_done(site, db, member, make_member,
                                                                                  tokyo_examiner):
    application = submitted(site, db, member)
    colleague = make_member(member.organisation, name="総務 次郎", language="zh")  # not the one who filed
    assert act(tokyo_examiner, application, "claim").status_code == 303
    assert act(tokyo_examiner, application, "request", items=["employment_contract"],
               deadline="2099-01-31").status_code == 303
    recipient, _, body = mails(db)[-1]  # the filer's address, in the filer's language (en)
    assert recipient == member.staff["email"] and "Employment contract" in body and "2099-01-31" in body
    status = f"/applications/{application['public_id']}"
    page = colleague.client.get(f"{status}/status").text
    assert "雇佣合同" in page and 'type="file"' in page and "2099-01-31" in page
    early = colleague.post(f"{status}/documents/done", {}, f"{status}/status")
    assert early.status_code == 400 and "请至少上传一份材料" in early.text
    assert upload(colleague, application["public_id"]).status_code == 303
    assert [a["file_name"] for a in records.list_attachments(db, application["id"]) if a["kind"] == "requested"] \
        == ["contract.jpg"]
    assert "contract.jpg" in colleague.client.get(f"{status}/status").text
    done = colleague.post(f"{status}/documents/done", {}, f"{status}/status")
    assert done.status_code == 303 and done.headers["Location"].endswith(f"{status}/status")
    assert records.by_id(db, application["id"])["state"] == "under_review"
    assert records.events(db, application["id"])[-1]["actor"] == states.APPLICANT
    arrived = tokyo_examiner.page("/console/queue?arrived=1").text
    assert application["receipt_number"] in arrived and "badge--arrived" in arrived
    assert db.execute("SELECT COUNT(*) FROM document_request WHERE application_id = ? AND closed_at IS NULL",
                      [application["id"]]).fetchone()[0] == 0
    assert upload(colleague, application["public_id"], "more.jpg").status_code == 409  # nothing is asked any more


@pytest.mark.parametrize("language, subject_says", [("en", "Withdrawn"), ("zh", "已撤回")])
def test_a_staff_member_withdraws_and_the_mail_reaches_the_filer_in_their_language(site, db, make_member,
                                                                                   organisation, language,
                                                                                   subject_says):
    member = make_member(organisation, language=language)
    application = requested(site, db, submitted(site, db, member))
    status = f"/applications/{application['public_id']}"
    assert f'href="{status}/withdraw"' in member.client.get(f"{status}/status").text
    confirm = member.client.get(f"{status}/withdraw")
    assert confirm.status_code == 200 and application["receipt_number"] in confirm.text
    response = member.post(f"{status}/withdraw", {}, f"{status}/withdraw")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{status}/status")
    assert records.by_id(db, application["id"])["state"] == states.WITHDRAWN
    recipient, subject, _ = mails(db)[-1]
    assert recipient == member.staff["email"] and subject_says in subject
    [row] = [r for r in audit.rows(db, application_id=application["id"]) if r["action"] == "withdrawn_by_applicant"]
    assert row["office"] == application["bureau"] and row["officer_id"] is None
    assert '"staff_id":%d' % member.staff["id"] in row["detail"]
    assert db.execute("SELECT COUNT(*) FROM document_request WHERE application_id = ? AND closed_at IS NULL",
                      [application["id"]]).fetchone()[0] == 0
    again = member.post(f"{status}/withdraw", {}, f"{status}/status")
    assert again.status_code == 409 and f'href="{status}/withdraw"' not in again.text


def test_a_lapsed_organisation_reads_but_neither_uploads_nor_withdraws(site, db, member):
    application = requested(site, db, submitted(site, db, member))
    with store.transaction(db):
        organisation_records.update_organisation(db, member.organisation["id"],
                                                 valid_until=(TODAY - datetime.timedelta(days=1)).isoformat())
    status = f"/applications/{application['public_id']}"
    page = member.client.get(f"{status}/status")
    assert page.status_code == 200 and "雇用契約書の写し" in page.text
    told = page.text.split('id="read-only">')[1].split("</p>")[0]
    assert "approval to use the system has lapsed" in told and "periodic report" in told
    assert 'type="file"' not in page.text and f'href="{status}/withdraw"' not in page.text
    confirm = member.client.get(f"{status}/withdraw")
    assert confirm.status_code == 403 and "has lapsed" in confirm.text
    token = member.csrf("/organisations/home")
    for action, data in (("/documents", {"file": (io.BytesIO(jpeg()), "contract.jpg")}), ("/documents/done", {}),
                         ("/withdraw", {})):
        refused = member.client.post(f"{status}{action}", data={"csrf_token": token, **data})
        assert refused.status_code == 303 and refused.headers["Location"].endswith("/organisations/home"), action
        assert "has lapsed" in member.client.get("/organisations/home").text, action
    assert records.by_id(db, application["id"])["state"] == "documents_requested"
    assert not [a for a in records.list_attachments(db, application["id"]) if a["kind"] == "requested"]
    assert not [r for r in audit.rows(db, application_id=application["id"]) if r["action"] == "withdrawn_by_applicant"]


def test_another_organisations_staff_or_an_applicant_find_nothing(site, db, member, make_member, make_organisation):
    application = requested(site, db, submitted(site, db, member))
    status = f"/applications/{application['public_id']}"
    other = make_member(make_organisation(name="株式会社よその会社"))
    account = create_account(site.config["DATABASE"], (b"auth-certificate", b"sign-certificate"), password=None)
    applicant = log_in(chrome_client(site), site.config["DATABASE"], account)
    applicant_token = csrf_token(applicant, "/applications")
    for client, token in ((other.client, other.csrf()), (applicant, applicant_token)):
        assert client.get(f"{status}/status").status_code == 404
        assert client.get(f"{status}/withdraw").status_code == 404
        for action in ACTIONS:
            data = {"csrf_token": token, "file": (io.BytesIO(jpeg()), "contract.jpg")}
            assert client.post(f"{status}{action}", data=data).status_code == 404, action
    assert records.by_id(db, application["id"])["state"] == "documents_requested"
    assert not [a for a in records.list_attachments(db, application["id"]) if a["kind"] == "requested"]
