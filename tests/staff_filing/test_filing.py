"""A staff member files an extension for one of the organisation's people: the draft starts from the person and
the organisation's profile, the shared form pages and review read it through the organisation, the passkey signs
the document's digest, the receipt follows, and the console's case page checks the signature again."""
import datetime
import json
import secrets

import pytest

import store
from applications import canonical, records
from applications.facts import facts_of
from organisations import records as organisation_records
from rules import filers
from rules.clock import today_in_japan
from store.blobs import blob_dir
from tests.console.conftest import Officer, options as page_options
from tests.staff_filing.conftest import SITE
from tests.staff_filing.test_home import person
from tests.support.applications import photo_jpeg, sample_answers
from tests.support.authenticator import SoftwareKey, unb64url

TODAY = today_in_japan()  # the site's day: Japan's, not this machine's


def start(member, person_id, **choice):
    data = {"main": "3", "status": "engineer_specialist", "current_period": "1y", **choice}
    return member.post(f"/organisations/people/{person_id}/applications", data, f"/organisations/people/{person_id}")


def started(member, expires_in=60):
    person_id = person(member, "WANG FANG", expires_in)
    response = start(member, person_id)
    assert response.status_code == 303, response.text
    public_id = response.headers["Location"].rsplit("/", 1)[1]
    return public_id


def complete(site, db, member, public_id):
    """The rest of the answers (as the form pages would save them) and the photo."""
    owner = records.organisation_owner(member.organisation["id"])
    row = records.get_owned(db, public_id, owner)
    answers = sample_answers((3,), "engineer_specialist", overrides={"extension_page1": {
        "name": "WANG FANG", "prefecture": "13", "municipality": "新宿区", "address_rest": "西新宿二丁目８番１号"},
        "receipt": {"receipt_method": "counter", "receiving_office": "tokyo"}})
    data = {**answers, **{k: v for k, v in row["data"].items() if v not in (None, "")}}
    with store.transaction(db):
        records.save_draft(db, public_id, owner, data, row["version"])
        sha = records.add_blob(db, blob_dir(site), photo_jpeg(), "image/jpeg")
        records.attach(db, row["id"], sha, "photo", "photo.jpg")
    return records.get_owned(db, public_id, owner)


def review_options(member, public_id):
    page = member.client.get(f"/applications/{public_id}/review")
    assert page.status_code == 200, page.text
    assert 'data-webauthn="get"' in page.text, page.text
    return page.text, page_options(page.text)


def sign_and_submit(member, public_id, key=None):
    page, options = review_options(member, public_id)
    submit_key = secrets.token_urlsafe(24)
    return member.client.post(f"/organisations/applications/{public_id}/submit", data={
        "csrf_token": member.csrf(), "submit_key": submit_key,
        "credential": (key or member.key).get(options)}), submit_key


def test_the_draft_starts_from_the_person_and_the_organisations_profile(member, db):
    public_id = started(member)
    row = records.get_owned(db, public_id, records.organisation_owner(member.organisation["id"]))
    assert row["account_id"] is None and row["filed_by_staff"] == member.staff["id"]
    data = row["data"]
    assert data["name"] == "WANG FANG" and data["residence_card_number"] == "AB12345678CD"
    assert data["organisation_name"] == member.organisation["name"]
    assert data["organisation_corporate_number"] == member.organisation["corporate_number"]
    assert data[filers.STAFF_KIND] == filers.ORGANISATION and "filed_by" not in data
    page = member.client.get(f"/applications/{public_id}/form/applicant")
    assert page.status_code == 200
    assert 'name="filed_by"' not in page.text  # the organisation's staff member files: no "who fills in"
    assert member.organisation["name"] in page.text  # the organisation's part, pre-filled and editable


def test_the_staff_member_edits_the_organisations_part_for_this_application(member, db):
    public_id = started(member)
    page = member.client.get(f"/applications/{public_id}/form/applicant").text
    version = int(page.split('id="draft-version" value="')[1].split('"')[0])
    response = member.client.post(f"/applications/{public_id}/save", data={
        "csrf_token": member.csrf(), "page": "applicant", "version": version, "organisation_branch": "大阪支店",
        "organisation_name": "株式会社テスト工業 大阪支店"})
    assert response.status_code == 200 and "Saved at" in response.text
    row = records.get_owned(db, public_id, records.organisation_owner(member.organisation["id"]))
    assert row["data"]["organisation_name"] == "株式会社テスト工業 大阪支店"


def test_signed_with_the_passkey_it_is_received_with_its_signature(site, db, member):
    public_id = started(member)
    row = complete(site, db, member, public_id)
    _, options = review_options(member, public_id)
    digest = canonical.digest_of(facts_of(db, row))
    assert unb64url(json.loads(options)["challenge"]) == digest  # the passkey signs the document's digest
    response, _ = sign_and_submit(member, public_id)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/applications/{public_id}/received")
    received = member.client.get(f"/applications/{public_id}/received")
    assert received.status_code == 200
    row = records.by_public_id(db, public_id)
    assert row["state"] == "received" and row["receipt_number"].startswith("TOK-") and row["digest"] == digest.hex()
    signature = records.staff_signature(db, row["id"])
    assert signature["staff_id"] == member.staff["id"] and signature["digest"] == digest.hex()
    assert organisation_records.credentials(db, member.staff["id"])[0]["sign_count"] == 1
    mail = db.execute("SELECT recipient FROM outbox WHERE kind = 'receipt'").fetchall()
    assert mail == [(member.staff["email"],)]
    assert row["receipt_number"] in member.client.get("/organisations/people").text


def test_another_key_or_a_replayed_signature_submits_nothing(site, db, member, make_member):
    public_id = started(member)
    complete(site, db, member, public_id)
    colleague = make_member(member.organisation, name="総務 次郎")
    response, _ = sign_and_submit(member, public_id, key=colleague.key)  # registered, but to someone else
    assert response.status_code == 400 and "not registered to you" in response.text
    stranger = SoftwareKey(SITE)
    response, _ = sign_and_submit(member, public_id, key=stranger)
    assert response.status_code == 400
    unverified = member.key
    unverified.user_verified = False
    response, _ = sign_and_submit(member, public_id, key=unverified)
    assert response.status_code == 400 and "confirm it is you" in response.text
    assert records.by_public_id(db, public_id)["state"] == "draft"
    assert db.execute("SELECT COUNT(*) FROM staff_signature").fetchone()[0] == 0


def test_a_signature_over_another_applications_digest_is_refused(site, db, member):
    first, second = started(member), None
    complete(site, db, member, first)
    other = person(member, "LI NA", 50)
    response = start(member, other)
    second = response.headers["Location"].rsplit("/", 1)[1]
    complete(site, db, member, second)
    _, options = review_options(member, first)
    assertion = member.key.get(options)  # signs the first application's digest
    response = member.client.post(f"/organisations/applications/{second}/submit", data={
        "csrf_token": member.csrf(), "submit_key": secrets.token_urlsafe(24), "credential": assertion})
    assert response.status_code == 400 and "does not match the application" in response.text
    assert records.by_public_id(db, second)["state"] == "draft"


def test_the_who_may_file_table_asks_with_the_organisations_kind(make_organisation, make_member, db):
    """Supervised technical intern training is filed online only by the supervising organisation: a registered
    support organisation's staff are refused at the page, a receiving organisation's are not."""
    support = make_member(make_organisation(kind="support_organisation", name="登録支援機関テスト"))
    person_id = person(support, "TRAN THI MAI", 60)
    response = start(support, person_id, status="technical_intern_training")
    public_id = response.headers["Location"].rsplit("/", 1)[1]
    page = support.client.get(f"/applications/{public_id}/form/applicant").text
    version = int(page.split('id="draft-version" value="')[1].split('"')[0])
    saved = support.client.post(f"/applications/{public_id}/form/applicant", data={
        "csrf_token": support.csrf(), "version": version, "training_type": "supervised"})
    assert saved.status_code == 400 and "only by the supervising organisation" in saved.text
    assert filers.kind_of((3,), None, filers.SUPPORT_ORGANISATION) == filers.SUPPORT_ORGANISATION


def test_another_organisation_or_an_applicant_cannot_open_the_application(site, db, member, make_organisation,
                                                                        make_member):
    public_id = started(member)
    other = make_member(make_organisation(name="株式会社よその会社"))
    for path in (f"/applications/{public_id}", f"/applications/{public_id}/form/applicant",
                 f"/applications/{public_id}/review", f"/applications/{public_id}/attachments"):
        assert member.client.get(path).status_code == 200, path
        assert other.client.get(path).status_code == 404, path
    assert other.client.post(f"/organisations/applications/{public_id}/submit", data={
        "csrf_token": other.csrf(), "submit_key": secrets.token_urlsafe(24), "credential": "{}"}).status_code == 404
    saved = other.client.post(f"/applications/{public_id}/save", data={"csrf_token": other.csrf(), "page": "applicant",
                                                                       "version": 1, "name": "X"})
    assert saved.status_code == 404


def test_a_lapsed_organisation_reads_its_drafts_but_changes_nothing(site, db, member):
    public_id = started(member)
    with store.transaction(db):
        organisation_records.update_organisation(db, member.organisation["id"],
                                                 valid_until=(TODAY - datetime.timedelta(days=1)).isoformat())
    assert member.client.get(f"/applications/{public_id}/form/applicant").status_code == 200
    saved = member.client.post(f"/applications/{public_id}/form/applicant", data={
        "csrf_token": member.csrf("/organisations/home"), "version": 1, "occupation": "Engineer"})
    assert saved.status_code == 303 and saved.headers["Location"].endswith("/organisations/home")
    autosaved = member.client.post(f"/applications/{public_id}/save", data={
        "csrf_token": member.csrf("/organisations/home"), "page": "applicant", "version": 1, "occupation": "X"})
    assert autosaved.status_code == 403
    row = records.get_owned(db, public_id, records.organisation_owner(member.organisation["id"]))
    assert row["version"] == 1


@pytest.fixture
def tokyo_examiner(site):
    officer = Officer(site, "examiner@tokyo.example.jp", "tokyo", "examiner", "審査 一郎")
    officer.enrol()
    assert officer.sign_in().status_code == 303
    officer.client.set_cookie("lang", "ja")  # the console is read in Japanese
    return officer


def test_the_case_page_checks_the_organisations_signature_again(site, db, member, tokyo_examiner):
    public_id = started(member)
    complete(site, db, member, public_id)
    assert sign_and_submit(member, public_id)[0].status_code == 303
    page = tokyo_examiner.page(f"/console/cases/{public_id}")
    assert page.status_code == 200, page.text
    signed_by = page.text.split('id="signed-by">')[1].split("</p>")[0]
    assert member.organisation["name"] in signed_by and member.staff["name"] in signed_by
    assert "セキュリティキー" in signed_by
    assert 'badge--good' in page.text.split('id="signature"')[1].split("</h2>")[0]
    # A stored signature changed afterwards: shown as failed, never hidden.
    row = records.by_public_id(db, public_id)
    stored = json.loads(records.staff_signature(db, row["id"])["assertion"])
    stored["response"]["signature"] = stored["response"]["signature"][:-4] + "AAAA"
    with store.transaction(db):
        db.execute("UPDATE staff_signature SET assertion = ? WHERE application_id = ?", [json.dumps(stored), row["id"]])
    page = tokyo_examiner.page(f"/console/cases/{public_id}").text
    assert 'badge--bad' in page.split('id="signature"')[1].split("</h2>")[0]
    assert "PasskeySignatureInvalid" in page
    queue = tokyo_examiner.page("/console/queue").text
    assert row["receipt_number"] in queue and "WANG FANG" in queue


def test_a_certificate_of_eligibility_for_a_person_abroad(member, db):
    person_id = person(member, "SMITH JOHN", abroad=True)
    page = member.client.get(f"/organisations/people/{person_id}").text
    assert 'id="main-1"' in page and 'id="main-3"' not in page and 'name="addons"' not in page
    response = start(member, person_id, main="1", current_period="")
    assert response.status_code == 303, response.text
    row = records.get_owned(db, response.headers["Location"].rsplit("/", 1)[1],
                            records.organisation_owner(member.organisation["id"]))
    assert row["procedures"] == (1,)
    assert row["data"]["passport_number"] == "E12345678" and row["data"]["has_passport"] == "yes"
    assert "residence_card_number" not in row["data"]


@pytest.mark.parametrize("abroad, main, message", [
    (False, "1", "A Certificate of Eligibility is filed for a person abroad"),
    (True, "3", "A change of status or an extension is filed for a person living in Japan"),
])
def test_a_procedure_for_the_other_kind_of_person_is_refused(member, db, abroad, main, message):
    person_id = person(member, "WANG FANG", 60, abroad=abroad)
    response = start(member, person_id, main=main)
    assert response.status_code == 400 and message in response.text
    assert db.execute("SELECT COUNT(*) FROM application").fetchone()[0] == 0


def test_an_extension_with_a_reentry_permit_and_extra_activity(member, db):
    person_id = person(member, "WANG FANG", 60)
    response = member.client.post(f"/organisations/people/{person_id}/applications", data={
        "csrf_token": member.csrf(), "main": "3", "addons": ["6", "7"], "reentry_kind": "multiple",
        "status": "engineer_specialist", "current_period": "1y"})
    assert response.status_code == 303, response.text
    row = records.get_owned(db, response.headers["Location"].rsplit("/", 1)[1],
                            records.organisation_owner(member.organisation["id"]))
    assert row["procedures"] == (3, 6, 7) and row["data"]["permit_kind"] == "multiple"


def test_a_second_extension_for_the_same_person_waits_for_the_first(site, db, member):
    public_id = started(member)
    complete(site, db, member, public_id)
    assert sign_and_submit(member, public_id)[0].status_code == 303
    person_id = records.by_public_id(db, public_id)["person_id"]
    public_person = db.execute("SELECT public_id FROM organisation_person WHERE id = ?", [person_id]).fetchone()[0]
    response = start(member, public_person)
    assert response.status_code == 400 and "under examination" in response.text
    assert db.execute("SELECT COUNT(*) FROM application").fetchone()[0] == 1


@pytest.mark.parametrize("form", [
    {"submit_key": "short", "credential": "{}"},
    {"submit_key": secrets.token_urlsafe(24)},
    {"submit_key": secrets.token_urlsafe(24), "credential": "not json"},
    {"submit_key": secrets.token_urlsafe(24), "credential": "[" * 3000 + "]" * 3000},
    {"submit_key": secrets.token_urlsafe(24), "credential": json.dumps({"id": "AA", "rawId": "AA", "type": "public-key",
                                                                        "response": {}})},
])
def test_malformed_answers_of_the_key_are_a_clear_refusal(site, db, member, form):
    public_id = started(member)
    complete(site, db, member, public_id)
    response = member.client.post(f"/organisations/applications/{public_id}/submit",
                                  data={"csrf_token": member.csrf(), **form})
    assert response.status_code == 400
    assert records.by_public_id(db, public_id)["state"] == "draft"


def test_a_double_click_makes_one_application(site, db, member):
    public_id = started(member)
    complete(site, db, member, public_id)
    _, options = review_options(member, public_id)
    form = {"csrf_token": member.csrf(), "submit_key": secrets.token_urlsafe(24), "credential": member.key.get(options)}
    first = member.client.post(f"/organisations/applications/{public_id}/submit", data=form)
    again = member.client.post(f"/organisations/applications/{public_id}/submit", data=form)
    assert first.status_code == again.status_code == 303
    assert again.headers["Location"] == first.headers["Location"]
    assert db.execute("SELECT COUNT(*) FROM staff_signature").fetchone()[0] == 1


def test_applicants_and_staff_see_only_their_own(site, db, member):
    """An applicant's session never opens an organisation's draft, and a staff session never an applicant's."""
    from tests.support.accounts import create_account
    from tests.support.sessions import log_in
    from tests.conftest import chrome_client
    staff_draft = started(member)
    account = create_account(site.config["DATABASE"], (b"auth-certificate", b"sign-certificate"), password=None)
    applicant = log_in(chrome_client(site), site.config["DATABASE"], account)
    with store.transaction(db):
        own = records.create_draft(db, account["id"], (3,), status_code="engineer_specialist", data={})
    assert applicant.get(f"/applications/{own['public_id']}").status_code == 200
    for path in ("", "/form/applicant", "/review", "/attachments"):
        assert applicant.get(f"/applications/{staff_draft}{path}").status_code == 404, path
        assert member.client.get(f"/applications/{own['public_id']}{path}").status_code == 404, path
    assert staff_draft not in applicant.get("/applications").text


def test_the_status_page_after_submitting_offers_the_filers_steps(site, db, member):
    """The organisation files: its staff withdraw as an applicant would (test_status_actions), and are not told that
    someone else filed for them."""
    public_id = started(member)
    complete(site, db, member, public_id)
    assert sign_and_submit(member, public_id)[0].status_code == 303
    page = member.client.get(f"/applications/{public_id}/status")
    assert page.status_code == 200 and f'href="/applications/{public_id}/withdraw"' in page.text
    assert 'id="filed-for-you"' not in page.text


def test_a_lapsed_organisation_cannot_submit(site, db, member):
    public_id = started(member)
    complete(site, db, member, public_id)
    _, options = review_options(member, public_id)
    with store.transaction(db):
        organisation_records.update_organisation(db, member.organisation["id"],
                                                 valid_until=(TODAY - datetime.timedelta(days=1)).isoformat())
    response = member.client.post(f"/organisations/applications/{public_id}/submit", data={
        "csrf_token": member.csrf("/organisations/home"), "submit_key": secrets.token_urlsafe(24),
        "credential": member.key.get(options)})
    assert response.status_code == 303 and response.headers["Location"].endswith("/organisations/home")
    assert records.by_public_id(db, public_id)["state"] == "draft"


def test_a_removed_staff_members_signature_still_verifies_and_names_them(site, db, member, tokyo_examiner):
    public_id = started(member)
    complete(site, db, member, public_id)
    assert sign_and_submit(member, public_id)[0].status_code == 303
    with store.transaction(db):
        organisation_records.remove_staff(db, member.staff["id"])
    page = tokyo_examiner.page(f"/console/cases/{public_id}").text
    assert 'badge--good' in page.split('id="signature"')[1].split("</h2>")[0]
    assert member.staff["name"] in page.split('id="signed-by">')[1].split("</p>")[0]
    filed_by = next(part.split("</dd>")[0] for part in page.split("<dt>申請者の区分</dt><dd>")[1:] if "(" in part.split("</dd>")[0])
    assert member.staff["name"] in filed_by and member.organisation["name"] in filed_by
    assert member.staff["email"] in filed_by
