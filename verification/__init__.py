"""Server-side verification of JPKI authentication tokens and document signatures (no Flask here).

Public API:
  issue_nonce(db, session_id, purpose) -> str
  verify_authentication_token(token, *, db, session_id, nonce_purpose, origin, purpose, trust_anchors,
                              revocation) -> VerifiedCertificate
  verify_document_signature(*, digest, signature, certificate, trust_anchors, revocation,
                            expected_certificate=None) -> VerifiedCertificate
  trust_from_settings(settings) -> Trust(authentication, signing, revocation)
  read_basic_info(certificate) -> BasicInfo(name, birth_date, sex, address)
  certificate_standing(certificate_der, *, purpose, trust_anchors, revocation) -> None | VerificationError
  verify_passkey_signature(*, digest, assertion, credentials, rp_id, origin, check_sign_count=True)
                            -> PasskeySignature (a staff member's WebAuthn assertion over the digest)
Every failure is a VerificationError subclass with a stable `code`.
"""
from jpki.basic4 import BasicInfo, read_basic_info  # noqa: F401
from verification.errors import *  # noqa: F401,F403
from verification.nonces import consume_nonce, issue_nonce  # noqa: F401
from verification.passkey_signature import (  # noqa: F401
    PASSKEY_CHECKS, PasskeySignature, assertion_options, verify_passkey_signature)
from verification.results import VerifiedCertificate  # noqa: F401
from verification.revocation import CrlDirectory, RevocationChecker  # noqa: F401
from verification.settings import Trust, trust_from_settings  # noqa: F401
from verification.trust import TrustStore  # noqa: F401
from verification.verify import (  # noqa: F401
    AUTHENTICATION_CHECKS, DOCUMENT_CHECKS, certificate_standing, verify_authentication_token,
    verify_document_signature,
)
