"""A staff member's passkey signature over an application's digest: each named check refuses with its own error,
with a software authenticator answering as a browser would (the server's checks run for real)."""
import hashlib
import json

import pytest
from webauthn import generate_registration_options, options_to_json, verify_registration_response
from webauthn.helpers.structs import AuthenticatorSelectionCriteria, UserVerificationRequirement

import verification as v
from tests.support.authenticator import SoftwareKey, b64url, unb64url

ORIGIN = "http://localhost:5000"
RP_ID = "localhost"
DIGEST = hashlib.sha256(b'{"application":"A-TEST","format":"oras-application/3"}').digest()


def enrol(key):
    """The credential row the server keeps after a real registration ceremony."""
    options = generate_registration_options(
        rp_id=RP_ID, rp_name="test", user_id=b"staff-1", user_name="staff@example.jp",
        authenticator_selection=AuthenticatorSelectionCriteria(user_verification=UserVerificationRequirement.REQUIRED))
    verified = verify_registration_response(
        credential=key.create(options_to_json(options)), expected_challenge=options.challenge, expected_rp_id=RP_ID,
        expected_origin=ORIGIN, require_user_verification=True)
    return {"credential_id": verified.credential_id, "public_key": verified.credential_public_key,
            "sign_count": verified.sign_count}


@pytest.fixture
def key():
    return SoftwareKey(ORIGIN)


@pytest.fixture
def credential(key):
    return enrol(key)


def sign(key, digest=DIGEST, credentials=(), **options_changes):
    options = json.loads(v.assertion_options(RP_ID, digest, credentials))
    options.update(options_changes)
    return key.get(json.dumps(options))


def verify(assertion, credentials, digest=DIGEST, **kwargs):
    kwargs = {"rp_id": RP_ID, "origin": ORIGIN, **kwargs}
    return v.verify_passkey_signature(digest=digest, assertion=assertion, credentials=credentials, **kwargs)


def test_the_challenge_is_the_digest_and_a_good_signature_verifies(key, credential):
    options = json.loads(v.assertion_options(RP_ID, DIGEST, [credential]))
    assert unb64url(options["challenge"]) == DIGEST
    assert options["userVerification"] == "required"
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(credential["credential_id"])]
    signed = verify(sign(key, credentials=[credential]), [credential])
    assert signed.credential_id == credential["credential_id"] and signed.digest == DIGEST
    assert signed.sign_count == 1 and signed.user_verified


def test_the_checks_run_in_a_fixed_order():
    assert [name for name, _ in v.PASSKEY_CHECKS] == [
        "shape", "registered_credential", "challenge", "origin", "rp_id", "user_verification", "sign_count",
        "signature"]


def test_another_documents_digest_is_refused(key, credential):
    other = hashlib.sha256(b"another application").digest()
    with pytest.raises(v.PasskeyChallengeMismatch):
        verify(sign(key, digest=other), [credential])


def test_a_key_not_registered_to_the_staff_member_is_refused(key, credential):
    stranger = SoftwareKey(ORIGIN)
    enrol(stranger)  # registered, but to someone else: not in this member's credentials
    with pytest.raises(v.PasskeyNotRegistered):
        verify(sign(stranger), [credential])


def test_a_key_with_the_same_id_but_another_private_key_is_refused(key, credential):
    impostor = SoftwareKey(ORIGIN)
    impostor.credential_id, impostor.count = key.credential_id, 10
    with pytest.raises(v.PasskeySignatureInvalid):
        verify(sign(impostor), [credential])


def test_another_origin_is_refused(key, credential):
    with pytest.raises(v.PasskeyOriginMismatch):
        verify(key.get(v.assertion_options(RP_ID, DIGEST, [credential]), origin="https://evil.example"), [credential])


def test_another_relying_party_is_refused(key, credential):
    with pytest.raises(v.PasskeyRelyingPartyMismatch):
        verify(sign(key, rpId="evil.example"), [credential])


def test_without_user_verification_it_is_refused(credential, key):
    key.user_verified = False
    with pytest.raises(v.PasskeyUserNotVerified):
        verify(sign(key), [credential])


def test_a_replayed_assertion_is_refused_at_signing_but_rechecks_later(key, credential):
    assertion = sign(key)
    signed = verify(assertion, [credential])
    after = {**credential, "sign_count": signed.sign_count}
    with pytest.raises(v.PasskeySignCountError):
        verify(assertion, [after])
    # The console checks the stored assertion again after the counter has moved on.
    assert verify(assertion, [after], check_sign_count=False).digest == DIGEST


def test_a_key_without_a_counter_is_accepted(key, credential):
    key.count = -1  # the next assertion reports 0, as keys without a counter do
    assert verify(sign(key), [credential]).sign_count == 0


def test_a_registration_answer_is_not_an_assertion(key, credential):
    options = json.loads(v.assertion_options(RP_ID, DIGEST, [credential]))
    created = json.loads(key.create(json.dumps({"rp": {"id": RP_ID}, "challenge": options["challenge"]})))
    created["response"]["authenticatorData"] = json.loads(sign(key))["response"]["authenticatorData"]
    created["response"]["signature"] = json.loads(sign(key))["response"]["signature"]
    with pytest.raises(v.PasskeyChallengeMismatch):
        verify(json.dumps(created), [credential])


def test_a_changed_signature_is_refused(key, credential):
    assertion = json.loads(sign(key))
    signature = bytearray(unb64url(assertion["response"]["signature"]))
    signature[-1] ^= 1
    assertion["response"]["signature"] = b64url(bytes(signature))
    with pytest.raises(v.PasskeySignatureInvalid):
        verify(json.dumps(assertion), [credential])


@pytest.mark.parametrize("assertion", [
    "", "not json", "[]", "{}", '{"id": "x"}', "[" * 5000 + "]" * 5000, json.dumps({"pad": "x" * 20000}),
    json.dumps({"id": "AA", "rawId": "AA", "type": "public-key",
                "response": {"clientDataJSON": "AA", "authenticatorData": "AA", "signature": "AA"}}),
])
def test_malformed_assertions_are_shape_errors(assertion, credential):
    with pytest.raises(v.PasskeyShapeError):
        verify(assertion, [credential])


@pytest.mark.parametrize("digest", [b"", b"x" * 31, "a" * 64, None])
def test_the_digest_must_be_a_sha256(digest, key, credential):
    with pytest.raises(v.PasskeyShapeError):
        verify(sign(key), [credential], digest=digest)
    with pytest.raises(v.PasskeyShapeError):
        v.assertion_options(RP_ID, digest, [credential])
