"""Format 3 signs free text as typed; documents signed in formats 1 and 2 (text half-width, an address's dashes all
"-") are rebuilt byte for byte from the same stored answers; the review page shows the stored form."""
import datetime
import json

import pytest

import store
from applications import canonical
from tests.submission.test_canonical import ATTACHMENTS
from tests.support import applications as samples

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


def typed_application():
    return {"public_id": "pub-golden-text", "procedures": (3, 6), "reentry_kind": "single",
            "data": {**samples.extension_with_reentry(), **TYPED}}


@pytest.mark.parametrize("version", list(SIGNED_BEFORE))
def test_documents_signed_before_are_rebuilt_byte_for_byte(version):
    value, normalised = canonical.digest(typed_application(), ATTACHMENTS, "ABCDEFGH23", today=DAY, version=version)
    assert normalised.complete and value.hex() == SIGNED_BEFORE[version]
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
