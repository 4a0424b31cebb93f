"""Format 3 signs free text as typed; documents signed in formats 1 and 2 (text half-width, an address's dashes all
"-") are rebuilt byte for byte from the same stored answers; the review page shows the stored form."""
import datetime
import json

import pytest

import store
from applications import canonical
from tests.submission.test_canonical import ATTACHMENTS

TYPED = {"occupation": "ＩＴ技術者（ソフトウェア）\u00a0 開発", "home_town": "上海  （浦東）",
         "employer_name": "株式会社　テスト（東京）", "employer_address": "東京都新宿区西新宿１－１－１‐２　ビル（３階）",
         "activity_detail": "ソフトウェア開発（ウェブ）　 \n２行目（Ｂ） "}
# Computed by the code before text was kept as typed (commit 5f0478d): what cards signed then.
SIGNED_BEFORE = {
    canonical.FORMAT_2: "99d05e2a85f4f7d4bcf506cacf55d3f63ad6dc4f0313e163cfbc805eda7c436e",
    canonical.FORMAT_1: "218b85331d742a193a6d7b9e1502d6360af1adce16bb78503bc48ab0e3aa1d4e",
    canonical.FORMAT_1_COLUMN: "5122e19522699c1caaaa78429b0e7d1d41403136e1dd347e1dbd00d05d9c974d",
}
DAY = datetime.date(2026, 12, 1)
ADDED_SINCE = {"pay_basis"}  # questions the form added after these answers were signed
# The sample extension's answers as they were then (the sample generator changes with the forms; these must not).
ANSWERS_THEN = {
    "activity_detail": "Sample",
    "address_rest": "西新宿二丁目８番１号",
    "birth_date": "1990-04-01",
    "contract_type": "employment",
    "criminal_record": "no",
    "current_period": "15d",
    "current_status": "engineer_specialist",
    "departure_date": "2027-01-09",
    "departure_port": "narita",
    "desired_period": "3m",
    "destinations": "China",
    "education_level": "doctorate",
    "education_place": "japan",
    "employees": "1",
    "employer_address": "Sample",
    "employer_name": "Sample",
    "employer_phone": "0312345678",
    "experience_months": "1",
    "expiry_date": "2026-12-17",
    "family_member": [],
    "filed_by": "applicant",
    "fixed_term": "no",
    "foreign_employees": "1",
    "graduation_date": "2015-04-04",
    "has_family_in_japan": "no",
    "has_it_qualification": "no",
    "has_passport": "yes",
    "has_residence_card": "yes",
    "home_town": "Shanghai",
    "industry": "Sample",
    "job_type": "Sample",
    "major": "Sample",
    "marital_status": "married",
    "monthly_pay": "1",
    "municipality": "新宿区",
    "n_other_employers": [],
    "n_work_history": [],
    "name": "SHIKEN ICHIRO",
    "nationality": "CN",
    "notification_email": "ichiro.shiken@example.jp",
    "occupation": "Software engineer",
    "organisation_address": "Sample",
    "organisation_name": "Sample",
    "organisation_phone": "0312345678",
    "passport_expiry": "2027-01-21",
    "passport_number": "TK1234567",
    "pending_trial": "no",
    "permit_collection": "counter",
    "permit_kind": "single",
    "permit_office": "tokyo",
    "position": "Sample",
    "postal_code": "1600023",
    "prefecture": "13",
    "reason": "To continue my work as a software engineer.",
    "receipt_method": "counter",
    "receiving_office": "tokyo",
    "residence_card_number": "AB12345678CD",
    "return_date": "2027-01-11",
    "return_port": "narita",
    "school_name": "Sample",
    "sex": "male",
    "start_date": "2027-01-08",
    "telephone": "0312345678",
    "travel_purpose": "tourism",
}


def typed_application():
    return {"public_id": "pub-golden-text", "procedures": (3, 6), "reentry_kind": "single",
            "data": {**ANSWERS_THEN, **TYPED}}


@pytest.mark.parametrize("version", list(SIGNED_BEFORE))
def test_documents_signed_before_are_rebuilt_byte_for_byte(version):
    value, normalised = canonical.digest(typed_application(), ATTACHMENTS, "ABCDEFGH23", today=DAY, version=version)
    # Complete then; since then the form asks whether the pay is monthly or yearly, which these answers lack.
    assert {name for _, _, name, _ in normalised.errors} <= ADDED_SINCE and value.hex() == SIGNED_BEFORE[version]
    assert canonical.signed_format(typed_application(), ATTACHMENTS, "ABCDEFGH23", value.hex(), today=DAY)[0] == version


def test_format_3_signs_the_text_as_typed():
    application = typed_application()
    normalised = canonical.normalise(application, DAY)
    answers = canonical.document(application, ATTACHMENTS, "ABCDEFGH23", normalised)["answers"]
    flat = {k: v for values in answers.values() if isinstance(values, dict) for k, v in values.items()}
    assert flat["employer_name"] == "株式会社　テスト（東京）"
    assert flat["employer_address"] == "東京都新宿区西新宿１－１－１－２　ビル（３階）"
    assert flat["activity_detail"] == "ソフトウェア開発（ウェブ）\n２行目（Ｂ）"
    value, _ = canonical.digest(application, ATTACHMENTS, "ABCDEFGH23", today=DAY)
    assert value.hex() not in SIGNED_BEFORE.values()


def test_the_review_page_shows_the_stored_form(member, draft, database):
    db = store.connect(database)
    with store.transaction(db):
        row = db.execute("SELECT id, data FROM application WHERE public_id = ?", [draft["public_id"]]).fetchone()
        db.execute("UPDATE application SET data = ? WHERE id = ?",
                   [json.dumps({**json.loads(row[1]), **TYPED}), row[0]])
    db.conn.close()
    page = member.get(f"/applications/{draft['public_id']}/review").get_data(as_text=True)
    assert "株式会社　テスト（東京）" in page and "東京都新宿区西新宿１－１－１－２　ビル（３階）" in page
    assert "上海 （浦東）" in page  # the run of spaces as one, the first kept
