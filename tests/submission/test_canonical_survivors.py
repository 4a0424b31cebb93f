"""Tests the mutation sample showed missing in applications/canonical.py and lifecycle.py (issue 9, point 11):
the photo's place in the signed content, partial dates, too many rows, attachment order, the canonical bytes
themselves (golden), the re-entry fee from the answer, the sign-result limit, a draft changed mid-submission."""
import hashlib
import json

import pytest

from applications import canonical, lifecycle, records
from rules.errors import RuleError
from tests.submission.conftest import post_submit, signed
from tests.submission.test_canonical import ATTACHMENTS, application, digest  # noqa: F401 - fixture
from verification import TokenShapeError


def test_swapping_the_photo_changes_the_digest(application):  # noqa: F811
    other_photo = [{**ATTACHMENTS[0], "sha256": hashlib.sha256(b"another photo").hexdigest()}, ATTACHMENTS[1]]
    assert digest(application) != digest(application, other_photo)
    kinds = [a["kind"] for a in canonical.document(application, ATTACHMENTS, "U", canonical.normalise(application))
             ["attachments"]]
    assert kinds == ["document", "photo"]


def test_attachments_are_ordered_by_kind_first(application):  # noqa: F811
    photo = {"sha256": "0" * 64, "kind": "photo", "size": 5}
    document = {"sha256": "f" * 64, "kind": "document", "size": 5}
    signed_ = canonical.document(application, [photo, document], "U", canonical.normalise(application))
    assert [a["kind"] for a in signed_["attachments"]] == ["document", "photo"]


@pytest.mark.parametrize("typed,signed_as", [("1990-04", "1990-04"), ("1990", "1990"), ("1990-04-01", "1990-04-01")])
def test_partial_dates_are_signed_as_iso_text(application, typed, signed_as):  # noqa: F811
    application["data"]["birth_date"] = typed
    content = canonical.document(application, ATTACHMENTS, "U", canonical.normalise(application))
    assert content["answers"]["extension_page1"]["birth_date"] == signed_as


def test_more_family_rows_than_allowed_is_one_error_for_the_section(application):  # noqa: F811
    row = {"relationship": "spouse", "name": "試験　花子", "birth_date": "1990-01-01", "nationality": "CN",
           "lives_together": "yes"}
    application["data"]["family_member"] = [dict(row) for _ in range(7)]
    application["data"]["has_family_in_japan"] = True  # a "no" leaves the family page out altogether
    normalised = canonical.normalise(application)
    [(section, index, field, error)] = [e for e in normalised.errors if e[0] == "family_member"]
    assert (section, index, field) == ("family_member", None, None) and isinstance(error, RuleError)
    assert not normalised.complete


def test_error_entries_name_section_row_and_field(application):  # noqa: F811
    application["data"]["name"] = ""
    errors = canonical.normalise(application).errors
    assert ("extension_page1", None, "name") in [e[:3] for e in errors]
    assert all(isinstance(e[3], RuleError) for e in errors)


def test_canonical_bytes_are_golden():
    content = {"b": "東京都新宿区", "a": [1, None, True], "c": {"z": "é", "y": "ｱ"}}
    expected = '{"a":[1,null,true],"b":"東京都新宿区","c":{"y":"ｱ","z":"é"}}'.encode("utf-8")
    assert canonical.serialise(content) == expected
    assert hashlib.sha256(canonical.serialise(content)).hexdigest() == hashlib.sha256(expected).hexdigest()


@pytest.mark.parametrize("version, golden", [
    (canonical.FORMAT, "96c6b53694ca83d05125ecbb60ffc3c92e6a600f86d521bd19646d29d629e808"),  # format 4
    (canonical.FORMAT_3, "66e6d8ed4c6a8589795c1713a7cd3e9182a777cb919555bd5d021c9f9d887c15"),
    (canonical.FORMAT_2, "b3f744f79e591a1e019e7947d015883d5bcf58f618594fe5dbff7db21cf93681"),
    # format 1 as last signed (issue 10: name_machine_readable; re-entry kind from the answers) ...
    (canonical.FORMAT_1, "c065c4dcd6d9e21b4bbea5f75becea390d3fd65f80f56c5be3d31907d5718f3f"),
    # ... and as first signed (the re-entry kind of the draft's column): both still rebuilt byte for byte
    (canonical.FORMAT_1_COLUMN, "94eb02710b1cb1236e653964d20414ba73d3bf1a24b09a41cc3bb9079706a714"),
])
def test_the_document_of_a_fixed_application_is_golden(version, golden):
    application = {"public_id": "pub-golden", "procedures": (6, 3), "reentry_kind": "single", "data": {}}
    normalised = canonical.Normalised(sections=(), errors=())
    content = canonical.serialise(canonical.document(application, [ATTACHMENTS[1], ATTACHMENTS[0]], "USER0001",
                                                     normalised, version))
    assert hashlib.sha256(content).hexdigest() == golden, content


def test_the_reentry_kind_comes_from_the_answer_alone(application):  # noqa: F811
    # an old reentry_kind column never overrides the answer (issue 10: fee and signed document agree)
    normalised = canonical.normalise(application)
    assert lifecycle.reentry_kind({**application, "reentry_kind": None}, normalised) == "single"
    assert lifecycle.reentry_kind({**application, "reentry_kind": "multiple"}, normalised) == "single"


def test_a_sign_result_over_16_kib_is_refused():
    with pytest.raises(TokenShapeError):
        lifecycle.parse_sign_result('{"certificate": "' + "A" * lifecycle.MAX_RESULT + '", "signature": "A"}')


def test_a_draft_changed_between_the_signature_check_and_the_write_is_not_received(member, draft, db, card_state,
                                                                                    monkeypatch):
    public_id = draft["public_id"]
    signature = signed(member, public_id, card_state)
    real_verify = lifecycle.verify_signature

    def change_meanwhile(*args, **kwargs):
        verified = real_verify(*args, **kwargs)
        row = records.by_public_id(db, public_id)
        db.execute("UPDATE application SET data = ? WHERE id = ?",
                   [json.dumps({**row["data"], "occupation": "Changed meanwhile"}), row["id"]])
        return verified

    monkeypatch.setattr(lifecycle, "verify_signature", change_meanwhile)
    response = post_submit(member, public_id, signature)
    assert response.status_code == 409
    assert records.by_public_id(db, public_id)["state"] == "draft"


def test_an_error_in_a_family_row_names_its_row(application):  # noqa: F811
    row = {"relationship": "spouse", "name": "試験　花子", "birth_date": "2999-01-01", "nationality": "CN",
           "lives_together": "yes"}
    application["data"]["family_member"] = [dict(row), dict(row, birth_date="1990-01-01")]
    application["data"]["has_family_in_japan"] = True
    errors = [e[:3] for e in canonical.normalise(application).errors if e[0] == "family_member"]
    assert ("family_member", 0, "birth_date") in errors and ("family_member", 1, "birth_date") not in errors


# --- second mutation run ------------------------------------------------------------------------------

def test_an_application_without_answers_is_read_as_empty_answers(application):  # noqa: F811
    for data in (None, {}):
        application["data"] = data
        assert canonical.status_of(application) == canonical.status_of({**application, "data": {}})
        assert [e[:3] for e in canonical.normalise(application).errors] == \
            [e[:3] for e in canonical.normalise({**application, "data": {}}).errors]
    assert not canonical.normalise(application).complete


def test_dates_are_signed_as_iso_text_and_tuples_as_lists():
    import datetime
    assert canonical._plain(datetime.date(2026, 4, 1)) == "2026-04-01"
    assert canonical._plain(datetime.datetime(2026, 4, 1, 9, 30)) == "2026-04-01T09:30:00"
    assert canonical._plain(("e\u0301", datetime.date(2026, 4, 1))) == ["\u00e9", "2026-04-01"]


def test_an_error_in_a_family_row_carries_the_rule_error(application):  # noqa: F811
    row = {"relationship": "spouse", "name": "試験　花子", "birth_date": "2999-01-01", "nationality": "CN",
           "lives_together": "yes"}
    application["data"]["family_member"] = [row]
    application["data"]["has_family_in_japan"] = True
    [entry] = [e for e in canonical.normalise(application).errors if e[:3] == ("family_member", 0, "birth_date")]
    assert len(entry) == 4 and isinstance(entry[3], RuleError)


def test_attachments_of_one_kind_and_size_are_ordered_by_their_hash(application):  # noqa: F811
    first, second = ({"sha256": c * 64, "kind": "document", "size": 9} for c in "0f")
    normalised = canonical.normalise(application)
    for order in ([first, second], [second, first]):
        signed_ = canonical.document(application, order, "U", normalised)
        assert [a["sha256"] for a in signed_["attachments"]] == ["0" * 64, "f" * 64]


def test_the_machine_readable_name_comes_from_the_first_page_that_has_a_name(application):  # noqa: F811
    from types import SimpleNamespace

    from rules.names import machine_readable
    made = canonical.Normalised(sections=(
        (SimpleNamespace(name="family_member"), [{"name": "Zoë Family-Member"}]),  # rows: never the applicant
        (SimpleNamespace(name="contact"), {"phone": "0312345678"}),  # no name on this page
        (SimpleNamespace(name="identity"), {"name": "Chloé D'Arcy"}),
    ), errors=())
    signed_ = canonical.document(application, [], "U", made)
    assert signed_["name_machine_readable"] == machine_readable("Chloé D'Arcy")


def test_canonical_bytes_refuse_a_number_json_cannot_hold():
    with pytest.raises(ValueError):
        canonical.serialise({"amount": float("nan")})


def test_the_normalised_answers_cannot_be_changed_once_made(application):  # noqa: F811
    import dataclasses
    normalised = canonical.normalise(application)
    with pytest.raises(dataclasses.FrozenInstanceError):
        normalised.errors = ()
