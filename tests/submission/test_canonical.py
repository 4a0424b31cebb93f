"""The canonical form and its digest: what the applicant signs changes with any answer or file, and only then."""
import copy
import hashlib
import json
import unicodedata

import pytest

from applications import canonical
from tests.support import applications as samples

ATTACHMENTS = [{"sha256": hashlib.sha256(b"photo").hexdigest(), "kind": "photo", "size": 5},
               {"sha256": hashlib.sha256(b"%PDF-1.7 contract").hexdigest(), "kind": "document", "size": 17}]


@pytest.fixture
def application():
    return {"public_id": "pub-123", "procedures": (3, 6), "reentry_kind": "single",
            "status_code": "engineer_specialist", "data": samples.extension_with_reentry()}


def digest(application, attachments=ATTACHMENTS, user_id="ABCDEFGH23"):
    value, normalised = canonical.digest(application, attachments, user_id)
    assert normalised.complete, normalised.errors
    return value


def test_digest_is_sha256_of_the_canonical_bytes(application):
    normalised = canonical.normalise(application)
    content = canonical.serialise(canonical.document(application, ATTACHMENTS, "ABCDEFGH23", normalised))
    assert digest(application) == hashlib.sha256(content).digest()
    parsed = json.loads(content)
    assert parsed["application"] == "pub-123" and parsed["user_id"] == "ABCDEFGH23"
    assert parsed["procedures"] == [3, 6] and parsed["reentry_kind"] == "single"
    assert parsed["status"] == "engineer_specialist"
    assert parsed["attachments"][0]["kind"] == "document"  # sorted, whatever order they were listed in
    assert b" " not in content.split(b'"answers"')[0]  # no insignificant whitespace
    assert list(parsed) == sorted(parsed)


def test_key_order_of_answers_and_attachments_does_not_matter(application):
    reordered = copy.deepcopy(application)
    reordered["data"] = dict(reversed(list(application["data"].items())))
    assert digest(reordered, list(reversed(ATTACHMENTS))) == digest(application)


def test_values_normalised_by_the_field_rules_sign_the_same(application):
    variant = copy.deepcopy(application)
    data = variant["data"]
    data["telephone"] = "０３-1234-5678"  # full-width digits and hyphens
    data["postal_code"] = "160-0023"
    data["name"] = "  shiken   ichiro "  # case and spaces
    data["occupation"] = unicodedata.normalize("NFD", "Software engineer")
    assert digest(variant) == digest(application)


def test_unicode_is_signed_in_nfc(application):
    composed, decomposed = copy.deepcopy(application), copy.deepcopy(application)
    composed["data"]["occupation"] = "Caf\u00e9 owner"
    decomposed["data"]["occupation"] = "Cafe\u0301 owner"
    assert digest(composed) == digest(decomposed)


@pytest.mark.parametrize("field, value", [
    ("name", "SHIKEN JIRO"), ("reason", "Another reason."), ("telephone", "0312345679"),
    ("prefecture", "14"), ("criminal_record", "yes"),
])
def test_any_answer_changes_the_digest(application, field, value):
    changed = copy.deepcopy(application)
    changed["data"][field] = value
    if field == "criminal_record":
        changed["data"]["criminal_record_detail"] = "Speeding, 2019"
    assert canonical.digest(changed, ATTACHMENTS, "ABCDEFGH23")[0] != digest(application)


def test_a_family_row_changes_the_digest(application):
    changed = copy.deepcopy(application)
    changed["data"]["has_family_in_japan"] = "yes"
    changed["data"]["family_member"] = [{"relationship": "wife", "name": "試験　花子", "birth_date": "1991-02-03",
                                        "nationality": "CN", "living_together": "yes"}]
    assert digest(changed) != digest(application)


def test_one_byte_of_an_attachment_changes_the_digest(application):
    other = [dict(ATTACHMENTS[0]), dict(ATTACHMENTS[1], sha256=hashlib.sha256(b"%PDF-1.7 contracT").hexdigest())]
    assert digest(application, other) != digest(application)
    assert digest(application, [ATTACHMENTS[0], dict(ATTACHMENTS[1], size=18)]) != digest(application)
    assert digest(application, [ATTACHMENTS[0], dict(ATTACHMENTS[1], kind="photo")]) != digest(application)
    assert digest(application, ATTACHMENTS[:1]) != digest(application)


def test_requested_documents_after_submission_are_not_part_of_what_was_signed(application):
    later = ATTACHMENTS + [{"sha256": "ab" * 32, "kind": "requested", "size": 10}]
    assert digest(application, later) == digest(application)


def test_identity_procedures_and_reentry_kind_are_signed(application):
    base = digest(application)
    assert digest(application, user_id="ZZZZZZZZ22") != base
    assert digest(dict(application, public_id="pub-456")) != base
    multiple = dict(application, data={**application["data"], "permit_kind": "multiple"})
    assert digest(multiple) != base
    assert canonical.document(multiple, [], "U", canonical.normalise(multiple))["reentry_kind"] == "multiple"
    # the column set when the draft was started no longer overrides the answer
    assert digest(dict(application, reentry_kind="multiple")) == base


def test_an_incomplete_application_says_what_is_missing(application):
    incomplete = copy.deepcopy(application)
    del incomplete["data"]["passport_number"]
    incomplete["data"]["postal_code"] = "12"
    normalised = canonical.normalise(incomplete)
    assert not normalised.complete
    assert {(e[2], e[3].code) for e in normalised.errors} == {("passport_number", "required"),
                                                              ("postal_code", "postal_code")}


def test_the_re_entry_permit_collection_is_signed(application):
    content = canonical.document(application, [], "U", canonical.normalise(application))
    assert content["format"] == "oras-application/4"
    assert content["reentry_collection"] == {"method": "counter", "office": "tokyo"}
    by_post = dict(application, data={**application["data"], "permit_collection": "post"})
    assert canonical.document(by_post, [], "U", canonical.normalise(by_post))["reentry_collection"] == {
        "method": "post", "office": None}
    assert digest(by_post) != digest(application)


def test_format_2_signs_the_answers_given_and_format_1_every_field_it_had(application):
    normalised = canonical.normalise(application)
    v2 = canonical.document(application, [], "U", normalised)
    v1 = canonical.document(application, [], "U", normalised, canonical.FORMAT_1)
    assert all(value is not None for values in v2["answers"].values() if isinstance(values, dict)
               for value in values.values())
    assert "travel_purpose_other" in v1["answers"]["reentry_permit"]  # unanswered, signed as null in format 1
    assert "permit_collection" not in v1["answers"]["reentry_permit"] and "reentry_collection" not in v1
    assert v1["format"] == "oras-application/1"


def test_the_stored_digest_tells_the_format(application):
    for version in canonical.FORMATS:
        stored, _ = canonical.digest(application, ATTACHMENTS, "U", version=version)
        assert canonical.signed_format(application, ATTACHMENTS, "U", stored.hex())[0] == version
    changed = dict(application, data={**application["data"], "occupation": "Another job"})
    stored, _ = canonical.digest(application, ATTACHMENTS, "U", version=canonical.FORMAT_1)
    assert canonical.signed_format(changed, ATTACHMENTS, "U", stored.hex())[0] is None


def test_the_document_names_the_filer_and_the_applicant_apart(application):
    """Format 4: the filer (user ID, kind of filer) and the person the application is about (from the answers)."""
    content = canonical.document(application, [], "U", canonical.normalise(application))
    answers = canonical.normalise(application)
    first = lambda name: canonical._first(answers, name)  # noqa: E731
    assert content["filer"] == {"user_id": "U", "kind": "self"}
    assert content["applicant"]["name"] == first("name") and content["applicant"]["birth_date"] == \
        first("birth_date").isoformat() and content["applicant"]["nationality"] == first("nationality")
    by_relative = dict(application, data={**application["data"], "filed_by": "relative", "relative_relationship": "wife",
                                          "cannot_file_reason": "illness"})
    filed = canonical.document(by_relative, [], "U", canonical.normalise(by_relative))
    assert filed["filer"] == {"user_id": "U", "kind": "relative"} and filed["applicant"] == content["applicant"]
    assert digest(by_relative) != digest(application)
