"""A bulk row names a person the organisation already has (rules.people.same_record): their record is reused and
brought up to date, not made again; a different residence card number is a different person."""
import datetime
import io
import json

import pytest

import store
from applications import bulk_files, parties
from rules.clock import today_in_japan
from rules.people import same_record
from rules import bulk
from tests.bulk import signing
from tests.bulk.conftest import add_photos
from tests.bulk.rows import answers, cells
from tests.staff_filing.conftest import SITE
from tests.support.accounts import create_account

N_EXTENSION = signing.N_EXTENSION


@pytest.fixture
def site(make_app, tmp_path):
    return make_app(SITE_ORIGIN=SITE, WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))


def prepared(client, people):
    """A batch of these rows' people uploaded and prepared (their drafts made)."""
    content = bulk_files.write_csv(N_EXTENSION, N_EXTENSION.keys, [cells(N_EXTENSION, row) for row in people])
    location = client.post("/organisations/bulk/", data={"file": (io.BytesIO(content), "people.csv")},
                           content_type="multipart/form-data").headers["Location"]
    add_photos(client, location, range(bulk.FIRST_DATA_ROW, bulk.FIRST_DATA_ROW + len(people)))
    assert client.post(location + "/prepare").status_code == 303, client.get(location).get_data(as_text=True)[:2000]
    return location


def people_and_drafts(site):
    db = store.connect(site.config["DATABASE"])
    try:
        people = db.execute("SELECT id, name, residence_card_number, stay_expires FROM organisation_person "
                            "ORDER BY id").fetchall()
        drafts = db.execute("SELECT person_id FROM application ORDER BY id").fetchall()
        return people, [person_id for (person_id,) in drafts]
    finally:
        db.conn.close()


def test_a_second_batch_files_for_the_people_the_first_recorded(site):
    client, _, _ = signing.signer(site)
    prepared(client, [answers(0), answers(1)])
    first, _ = people_and_drafts(site)
    expiry = (today_in_japan() + datetime.timedelta(days=51)).isoformat()
    later = answers(0, expiry_date=expiry)  # the same person, their period of stay as the newer row gives it
    renewed_card = answers(1, residence_card_number="ZZ99999999YY")  # two numbers: two people (the one rule)
    prepared(client, [later, renewed_card])
    people, drafts = people_and_drafts(site)
    assert len(first) == 2 and len(people) == 3
    assert drafts == [first[0][0], first[1][0], first[0][0], people[2][0]]
    assert first[0][3] != expiry and people[0][3] == expiry and people[0][:3] == first[0][:3]
    assert people[2][2] == "ZZ99999999YY"


def test_the_same_person_is_the_same_card_or_the_same_name_birth_and_nationality_where_one_has_no_card():
    person = {"name": "SHIKEN AAAAA", "birth_date": "1990-01-01", "nationality": "CN",
              "residence_card_number": "AB00000000CD"}
    assert same_record(person, dict(person, name="Someone Else"))  # the card decides
    assert same_record(person, dict(person, residence_card_number=None))  # abroad then: name, birth, nationality
    assert same_record(dict(person, name="shiken  aaaaa"), dict(person, residence_card_number=""))
    assert not same_record(person, dict(person, residence_card_number="ZZ99999999YY"))
    assert not same_record(person, dict(person, residence_card_number=None, nationality="VN"))
    assert not same_record(person, dict(person, residence_card_number=None, birth_date="1990-01-02"))


def test_a_person_who_came_in_on_a_certificate_is_then_in_japan_with_their_card(site):
    from organisations import people
    client, organisation, _ = signing.signer(site)
    db = store.connect(site.config["DATABASE"])
    try:
        with store.transaction(db):
            staff_id = db.execute("SELECT id FROM organisation_staff").fetchone()[0]
            abroad = people.add_person(db, organisation["id"], staff_id, abroad=True, name="SHIKEN AAAAA",
                                       birth_date="1990-01-01", nationality="CN", passport_number="TK0000000")
            arrived = {"name": "SHIKEN AAAAA", "birth_date": "1990-01-01", "nationality": "CN",
                       "residence_card_number": "AB00000000CD", "stay_expires": "2027-03-31"}
            found = people.matching_person(db, organisation["id"], arrived)
            assert found["id"] == abroad["id"]
            now = people.refresh_person(db, found, arrived)
        assert (now["abroad"], now["residence_card_number"], now["stay_expires"], now["passport_number"]) == (
            0, "AB00000000CD", "2027-03-31", "TK0000000")
    finally:
        db.conn.close()


def test_a_batchs_drafts_know_their_applicant_as_the_form_pages_would_record_them(site):
    """Each draft a batch makes carries the applicant's columns (applications.parties): the name and date of birth
    that find the same person's other applications whoever filed them, and the person's own account if they have
    one. Made without them, a batch's drafts were found by no other filer's check."""
    first = answers(0)
    own = create_account(site.config["DATABASE"], (b"bulk-own-auth", b"bulk-own-sign"), email="own.account@example.jp",
                         name=first["name"], birth_date=first["birth_date"],
                         residence_card_number=first["residence_card_number"])
    client, _, _ = signing.signer(site)
    prepared(client, [first, answers(1)])
    db = store.connect(site.config["DATABASE"])
    try:
        rows = db.execute("SELECT procedures, data, applicant_key, applicant_account_id FROM application "
                          "ORDER BY id").fetchall()
    finally:
        db.conn.close()
    keys = [parties.applicant_key(json.loads(data)) for _, data, _, _ in rows]
    assert all(keys) and [key for _, _, key, _ in rows] == keys
    assert [account for *_, account in rows] == [own["id"], None]
