"""A staff member's passkey signature over an application (pure: no Flask, no SQL).

Organisation staff have no JPKI card: they sign with their passkey or security key. The signature is a WebAuthn
assertion whose challenge is the SHA-256 of the canonical application document (applications.canonical), so the
authenticator's signature covers exactly that digest. It is checked as strictly as a card signature, by named checks
in a fixed order, each with its own error (verification.errors): the shape, the credential registered to that staff
member, the ceremony and the challenge (the digest), the origin, the RP ID, user presence and verification, the
sign count, and the signature itself (the `webauthn` package's verifier runs every check again as the last one).

Public API:
  assertion_options(rp_id, digest, credentials) -> options JSON for navigator.credentials.get
  verify_passkey_signature(*, digest, assertion, credentials, rp_id, origin, check_sign_count=True)
      -> PasskeySignature
`credentials`: the staff member's registered credentials, mappings with credential_id (bytes), public_key (COSE
bytes) and sign_count (int). At signing the sign count must go up; the console's later check of a stored assertion
passes check_sign_count=False (the counter has moved on since).
"""
import dataclasses
import hashlib
import hmac
import types

from webauthn import generate_authentication_options, options_to_json, verify_authentication_response
from webauthn.helpers import parse_authentication_credential_json, parse_authenticator_data, parse_client_data_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import ClientDataType, PublicKeyCredentialDescriptor, UserVerificationRequirement

from jpki import bounded_json
from verification import errors

DIGEST_BYTES = 32  # SHA-256
MAX_ASSERTION_BYTES = 16 * 1024
SIGNATURE_FORMAT = "oras-passkey-signature/1"


@dataclasses.dataclass(frozen=True)
class PasskeySignature:
    """A verified signature: which credential signed, the counter it reported, and the digest it covers."""
    credential_id: bytes
    sign_count: int
    digest: bytes
    user_verified: bool


@dataclasses.dataclass
class _Subject:
    digest: bytes
    text: str
    credential: object = None  # webauthn's AuthenticationCredential
    client_data: object = None
    authenticator_data: object = None
    stored: object = None  # the registered credential that matches


def assertion_options(rp_id, digest, credentials):
    """The options for navigator.credentials.get: the challenge is the document's digest, user verification
    required, only this staff member's credentials allowed."""
    _check_digest(digest)
    options = generate_authentication_options(
        rp_id=rp_id, challenge=digest, user_verification=UserVerificationRequirement.REQUIRED,
        allow_credentials=[PublicKeyCredentialDescriptor(id=bytes(c["credential_id"])) for c in credentials])
    return options_to_json(options)


# --- the named checks ------------------------------------------------------------------------------

def check_shape(subject, env):
    """Bounded JSON, a public-key assertion whose parts parse."""
    try:
        value = bounded_json.loads(subject.text, max_bytes=MAX_ASSERTION_BYTES)
    except ValueError:
        raise errors.PasskeyShapeError("the assertion is not JSON, or too large") from None
    if not isinstance(value, dict):
        raise errors.PasskeyShapeError("the assertion is not an object")
    try:
        subject.credential = parse_authentication_credential_json(value)
        subject.client_data = parse_client_data_json(bytes(subject.credential.response.client_data_json))
        subject.authenticator_data = parse_authenticator_data(bytes(subject.credential.response.authenticator_data))
    except (WebAuthnException, ValueError, KeyError, TypeError, IndexError):
        raise errors.PasskeyShapeError("the assertion's parts do not parse") from None


def check_registered(subject, env):
    """The credential is one registered to this staff member."""
    raw_id = bytes(subject.credential.raw_id)
    subject.stored = next((c for c in env.credentials if bytes(c["credential_id"]) == raw_id), None)
    if subject.stored is None:
        raise errors.PasskeyNotRegistered("this key is not registered to the staff member")


def check_challenge(subject, env):
    """An assertion ceremony (not a registration) whose challenge is exactly the document's digest."""
    if subject.client_data.type != ClientDataType.WEBAUTHN_GET:
        raise errors.PasskeyChallengeMismatch("not an assertion")
    if not hmac.compare_digest(bytes(subject.client_data.challenge), subject.digest):
        raise errors.PasskeyChallengeMismatch("signed a document other than this application")


def check_origin(subject, env):
    if subject.client_data.origin != env.origin:
        raise errors.PasskeyOriginMismatch(f"signed on {subject.client_data.origin!r}, expected {env.origin!r}")


def check_rp_id(subject, env):
    if not hmac.compare_digest(subject.authenticator_data.rp_id_hash, hashlib.sha256(env.rp_id.encode()).digest()):
        raise errors.PasskeyRelyingPartyMismatch("the key signed for another relying party")


def check_user_verified(subject, env):
    flags = subject.authenticator_data.flags
    if not (flags.up and flags.uv):
        raise errors.PasskeyUserNotVerified("the key did not verify the user")


def check_sign_count(subject, env):
    """A counter that does not go up means a replay or a cloned key (both zero: a key without a counter)."""
    new, stored = subject.authenticator_data.sign_count, int(subject.stored["sign_count"] or 0)
    if env.check_sign_count and (new or stored) and new <= stored:
        raise errors.PasskeySignCountError(f"the key's counter {new} is not above {stored}")


def check_signature(subject, env):
    """The signature over the authenticator data and the client data (which carries the digest), with the
    credential's registered public key; the `webauthn` package checks every rule above once more."""
    try:
        verify_authentication_response(
            credential=subject.credential, expected_challenge=subject.digest, expected_rp_id=env.rp_id,
            expected_origin=env.origin, credential_public_key=bytes(subject.stored["public_key"]),
            credential_current_sign_count=int(subject.stored["sign_count"] or 0) if env.check_sign_count else 0,
            require_user_verification=True)
    except (WebAuthnException, ValueError, TypeError) as error:
        raise errors.PasskeySignatureInvalid(str(error)) from None


PASSKEY_CHECKS = (
    ("shape", check_shape),
    ("registered_credential", check_registered),
    ("challenge", check_challenge),
    ("origin", check_origin),
    ("rp_id", check_rp_id),
    ("user_verification", check_user_verified),
    ("sign_count", check_sign_count),
    ("signature", check_signature),
)


def verify_passkey_signature(*, digest, assertion, credentials, rp_id, origin, check_sign_count=True):
    """Check a staff member's assertion (JSON text) over `digest` (SHA-256 bytes of the canonical application);
    return PasskeySignature or raise the VerificationError of the first check that fails."""
    _check_digest(digest)
    if not isinstance(assertion, str) or not assertion:
        raise errors.PasskeyShapeError("no assertion")
    subject = _Subject(digest=digest, text=assertion)
    env = types.SimpleNamespace(credentials=tuple(credentials), rp_id=rp_id, origin=origin.rstrip("/"),
                                check_sign_count=check_sign_count)
    for _name, check in PASSKEY_CHECKS:
        check(subject, env)
    return PasskeySignature(bytes(subject.credential.raw_id), subject.authenticator_data.sign_count, digest,
                            bool(subject.authenticator_data.flags.uv))


def _check_digest(digest):
    if not isinstance(digest, bytes) or len(digest) != DIGEST_BYTES:
        raise errors.PasskeyShapeError("the digest is not a SHA-256 digest")
