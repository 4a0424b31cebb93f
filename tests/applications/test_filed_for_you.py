"""An applicant with an account of their own for whom someone else (here a relative) filed: they find the application
from My page and their list of applications, read-only and "filed by" the filer, its status page and printable copy
are open to them, and only the filer acts on it (no withdrawal, no upload, the form's pages a 404). A draft the filer
has not submitted yet is not theirs to see; another person's application stays a 404."""
import html
import time

import pytest

import store
from accounts import records as account_records
from applications import records
from tests.support import applications as samples
from tests.support.logged_in import logged_in_client

FILER_NAME = "試験\u3000美玲"
APPLICANT_BIRTH_DATE = "1984-05-06"


@pytest.fixture
def people(app):
    """(filer, applicant, stranger): each a (logged-in client, account); the applicant holds the residence card
    AB00000002CD."""
    filer = logged_in_client(app, 1, name=FILER_NAME)
    applicant = logged_in_client(app, 2, name="SHIKEN HAORAN", birth_date=APPLICANT_BIRTH_DATE)
    stranger = logged_in_client(app, 3)
    return filer, applicant, stranger


def filed_for(app, filer_account, applicant_account, state="received"):
    """The filer's relative's extension for the applicant (in hospital), in `state` (a draft unless submitted)."""
    data = {k: v for k, v in samples.extension_with_reentry().items()
            if k in samples.sample_answers((3,), "engineer_specialist")}
    data.update(receipt_method="post", filed_by="relative", relative_relationship="wife", cannot_file_reason="illness",
                name="SHIKEN HAORAN", birth_date=applicant_account["birth_date"], has_residence_card="yes",
                residence_card_number=applicant_account["residence_card_number"],
                notification_email=filer_account["email"])
    data.pop("receiving_office", None)
    database = app.config["DATABASE"]
    draft = samples.create_draft(database, filer_account["id"], (3,), data, status_code="engineer_specialist",
                                 blob_dir=app.config["ATTACHMENT_DIR"])
    db = store.connect(database)
    try:
        if state != records.DRAFT:
            with store.transaction(db):
                assert records.transition(db, draft["id"], records.DRAFT, state, "applicant",
                                          receipt_number=f"TKY-2026-{draft['id']:06d}", submitted_at=time.time(),
                                          bureau="tokyo")
        return records.by_public_id(db, draft["public_id"])
    finally:
        db.conn.close()


def text(response):
    return html.unescape(response.get_data(as_text=True))


def test_the_applicant_finds_it_from_my_page_and_the_list_filed_by_the_filer(app, people):
    (filer, filer_account), (applicant, applicant_account), _ = people
    application = filed_for(app, filer_account, applicant_account)
    assert application["applicant_account_id"] == applicant_account["id"]
    applicant.set_cookie("lang", "ja")
    my_page = text(applicant.get("/my"))
    assert 'id="filed-for-you"' in my_page and "申請一覧から申請状況をご覧いただけます" in my_page
    listing = text(applicant.get("/applications"))
    row = listing.split(f'/applications/{application["public_id"]}/status"')[1].split("</tr>")[0]
    assert FILER_NAME in row and 'class="filed-by"' in row and application["receipt_number"] in row
    assert "申請を行った方" in listing and 'id="filed-for-you"' in listing
    assert 'id="clients-link"' not in listing  # the applicant files for nobody: no clients of theirs
    # The filer's own list names the applicant and no filer: the filer filed it.
    mine = text(filer.get("/applications"))
    assert 'class="filed-by"' not in mine and 'id="filed-for-you"' not in mine and "SHIKEN HAORAN" in mine
    assert 'id="filed-for-you"' not in text(filer.get("/my"))


def test_the_status_page_and_the_copy_are_open_to_the_applicant_and_only_the_filer_acts(app, people):
    (filer, filer_account), (applicant, applicant_account), _ = people
    application = filed_for(app, filer_account, applicant_account, state="documents_requested")
    public_id = application["public_id"]
    applicant.set_cookie("lang", "zh")
    status = text(applicant.get(f"/applications/{public_id}/status"))
    assert 'id="filed-for-you"' in status
    assert f'本申请由<span translate="no">{FILER_NAME}</span>代您提交' in status
    assert "/withdraw" not in status and f"/applications/{public_id}/documents" not in status
    assert applicant.get(f"/applications/{public_id}/copy").status_code == 200
    # The filer acts: the applicant's withdrawal, upload and "done" are refused as not theirs, the form's pages 404.
    for path in ("withdraw", "documents", "documents/done"):
        assert applicant.post(f"/applications/{public_id}/{path}").status_code == 404, path
    for path in ("withdraw", "", "review", "attachments"):
        assert applicant.get(f"/applications/{public_id}/{path}".rstrip("/")).status_code == 404, path
    assert records.by_public_id(store.connect(app.config["DATABASE"]), public_id)["state"] == "documents_requested"
    filer_status = text(filer.get(f"/applications/{public_id}/status"))
    assert 'id="filed-for-you"' not in filer_status and f"/applications/{public_id}/documents" in filer_status


def test_a_draft_filed_for_them_is_the_filers_alone(app, people):
    (_, filer_account), (applicant, applicant_account), _ = people
    draft = filed_for(app, filer_account, applicant_account, state=records.DRAFT)
    assert draft["applicant_account_id"] == applicant_account["id"]
    assert draft["public_id"] not in text(applicant.get("/applications"))
    assert 'id="filed-for-you"' not in text(applicant.get("/my"))
    for path in ("status", "copy", ""):
        assert applicant.get(f"/applications/{draft['public_id']}/{path}".rstrip("/")).status_code == 404, path


def test_another_persons_application_stays_a_404(app, people):
    (_, filer_account), (_, applicant_account), (stranger, _) = people
    application = filed_for(app, filer_account, applicant_account)
    for path in ("status", "copy", "withdraw"):
        assert stranger.get(f"/applications/{application['public_id']}/{path}").status_code == 404, path
    assert application["public_id"] not in text(stranger.get("/applications"))
    assert 'id="filed-for-you"' not in text(stranger.get("/my"))


def test_the_list_pages_through_own_and_filed_for_applications_newest_first(app, people):
    """Keyset pages over both kinds: each row once, in the order of their last change."""
    (_, filer_account), (_, applicant_account), _ = people
    database = app.config["DATABASE"]
    made = [filed_for(app, filer_account, applicant_account)["public_id"]]
    own = samples.create_draft(database, applicant_account["id"], (3,), {}, status_code="engineer_specialist",
                               blob_dir=app.config["ATTACHMENT_DIR"])
    made.append(own["public_id"])
    made.append(filed_for(app, filer_account, applicant_account, state="under_review")["public_id"])
    db = store.connect(database)
    try:
        seen, after = [], None
        while True:
            page = records.list_for_account(db, applicant_account["id"], limit=1, after=after)
            if not page:
                break
            seen += [(row["public_id"], row["filed_for_you"]) for row in page]
            after = records.page_cursor(page[-1])
    finally:
        db.conn.close()
    assert sorted(seen) == sorted([(made[0], 1), (made[1], 0), (made[2], 1)])
    assert [public_id for public_id, _ in seen] == made[::-1]  # the latest change first


def test_the_filers_new_name_shows_on_the_applicants_kept_pages(app, people):
    """A filer renamed (a new card with a married name) is shown so on the applicant's list and status page at once,
    not as the page kept rendered before it (page_cache; the guard would raise StalePage on a stale one)."""
    (_, filer_account), (applicant, applicant_account), _ = people
    application = filed_for(app, filer_account, applicant_account)
    applicant.set_cookie("lang", "ja")
    pages = ("/applications", f"/applications/{application['public_id']}/status")
    for path in pages:  # kept, then served from the store
        assert FILER_NAME in text(applicant.get(path)) and FILER_NAME in text(applicant.get(path))
    db = store.connect(app.config["DATABASE"])
    try:
        with store.transaction(db):
            account_records.update_account(db, filer_account["id"], name="試験\u3000美玲子")
    finally:
        db.conn.close()
    for path in pages:
        assert "試験\u3000美玲子" in text(applicant.get(path)), path
