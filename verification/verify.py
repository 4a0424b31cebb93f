"""The two verifications the site calls: a login/possession token, and a document signature."""
import datetime
import types

from jpki import binding
from verification import checks, errors
from verification.checks import Subject
from verification.results import VerifiedCertificate

# Named checks in fixed order, as Web eID runs them: cheap and stateful first, the signature last.
AUTHENTICATION_CHECKS = (
    ("token_shape", checks.check_shape),
    ("nonce", checks.check_nonce),
    ("origin", checks.check_origin),
    ("certificate_purpose", checks.check_purpose),
    ("trusted_chain", checks.check_chain),
    ("validity", checks.check_validity),
    ("revocation", checks.check_revocation),
    ("signature", checks.check_signature),
)
# A login that may find the card's certificate expired (a status-only sign-in): the same checks, the validity one
# letting the card's own expiry through and saying so.
LAPSE_ALLOWED_CHECKS = tuple(("validity", checks.check_validity_lapse_allowed) if name == "validity" else (name, check)
                             for name, check in AUTHENTICATION_CHECKS)
DOCUMENT_CHECKS = (
    ("token_shape", checks.check_shape),
    ("certificate_purpose", checks.check_purpose),
    ("trusted_chain", checks.check_chain),
    ("validity", checks.check_validity),
    ("revocation", checks.check_revocation),
    ("signature", checks.check_signature),
    ("signer", checks.check_signer),
)


def _run(check_list, subject, env):
    for _name, check in check_list:
        check(subject, env)
    return VerifiedCertificate(subject.purpose, subject.certificate, subject.certificate_der, subject.issuer,
                               subject.signature, subject.lapsed)


def _now(now):
    return now or datetime.datetime.now(datetime.timezone.utc)


def verify_authentication_token(token, *, db, session_id, nonce_purpose, origin, purpose, trust_anchors,
                                revocation, now=None, allow_lapsed=False):
    """Check a token from the card helper (JSON text or dict); return VerifiedCertificate or raise.

    `purpose`: the key that must have signed ("authentication" for login, "signing" to prove the signing
    password at registration). `origin`: this site's own origin. The nonce is consumed whatever follows.
    `allow_lapsed`: an expired card certificate passes, marked `lapsed` (the login's status-only sign-in).
    """
    token = checks.parse_token(token)
    subject = Subject(
        purpose=purpose, now=_now(now), token=token,
        signature=checks.decode_base64(token["signature"], "signature", 1024),
        certificate_der=checks.decode_base64(token["certificate"], "certificate", checks.MAX_CERTIFICATE_BYTES),
    )
    env = types.SimpleNamespace(db=db, session_id=session_id, nonce_purpose=nonce_purpose, origin=origin,
                                trust_anchors=trust_anchors, revocation=revocation,
                                digest=binding.authentication_digest(origin, token["nonce"]))
    return _run(LAPSE_ALLOWED_CHECKS if allow_lapsed else AUTHENTICATION_CHECKS, subject, env)


def verify_document_signature(*, digest, signature, certificate, trust_anchors, revocation,
                              expected_certificate=None, now=None):
    """Check the card's signature over `digest` (SHA-256 of the canonical application; bytes).

    `signature` and `certificate`: base64 text (as the helper returns them) or bytes.
    `expected_certificate` (DER), when given, is the signing certificate the account registered with.
    """
    if not isinstance(digest, bytes) or len(digest) != 32:
        raise errors.TokenShapeError("the digest is not a SHA-256 digest")
    subject = Subject(purpose="signing", now=_now(now),
                      signature=_bytes(signature, "signature", 1024),
                      certificate_der=_bytes(certificate, "certificate", checks.MAX_CERTIFICATE_BYTES))
    env = types.SimpleNamespace(trust_anchors=trust_anchors, revocation=revocation, digest=digest,
                                expected_certificate=expected_certificate)
    return _run(DOCUMENT_CHECKS, subject, env)


def _bytes(value, what, limit):
    if isinstance(value, str):
        return checks.decode_base64(value, what, limit)
    if not isinstance(value, bytes) or not value or len(value) > limit:
        raise errors.TokenShapeError(f"{what} has the wrong type or size")
    return value


# What a stored certificate must still pass to count as in force (no signature, no nonce involved).
STANDING_CHECKS = (
    ("trusted_chain", checks.check_chain),
    ("validity", checks.check_validity),
    ("revocation", checks.check_revocation),
)


def certificate_standing(certificate_der, *, purpose, trust_anchors, revocation, now=None):
    """None while a stored certificate is still in force; otherwise the VerificationError that says why not."""
    subject = Subject(purpose=purpose, now=_now(now), signature=b"", certificate_der=certificate_der,
                      certificate=checks.load_certificate(certificate_der))
    env = types.SimpleNamespace(trust_anchors=trust_anchors, revocation=revocation)
    try:
        _run(STANDING_CHECKS, subject, env)
    except errors.VerificationError as error:
        return error
    return None
