"""One exception class per check, each with a stable code the site maps to its own translated message."""


class VerificationError(Exception):
    code = "verification_failed"

    def __init__(self, detail=""):
        super().__init__(detail or self.code)
        self.detail = detail


class TokenShapeError(VerificationError):
    code = "token_shape"


class NonceUnknown(VerificationError):
    """Never issued by this server, already used, or issued to another session or purpose."""
    code = "nonce_unknown"


class NonceExpired(VerificationError):
    code = "nonce_expired"


class OriginMismatch(VerificationError):
    code = "origin_mismatch"


class CertificatePurposeError(VerificationError):
    code = "certificate_purpose"


class CertificateUntrusted(VerificationError):
    code = "certificate_untrusted"


class CertificateExpired(VerificationError):
    code = "certificate_expired"


class CertificateNotYetValid(VerificationError):
    code = "certificate_not_yet_valid"


class CertificateRevoked(VerificationError):
    code = "certificate_revoked"


class RevocationUnknown(VerificationError):
    """No current, authentic CRL covers the issuer: fail closed."""
    code = "revocation_unknown"


class SignatureInvalid(VerificationError):
    code = "signature_invalid"


class SignerMismatch(VerificationError):
    code = "signer_mismatch"


# --- a staff member's passkey signature over an application (verification.passkey_signature) ---

class PasskeyShapeError(VerificationError):
    """The assertion is not a WebAuthn assertion this server can read."""
    code = "passkey_shape"


class PasskeyNotRegistered(VerificationError):
    """Signed with a credential that is not registered to this staff member."""
    code = "passkey_not_registered"


class PasskeyChallengeMismatch(VerificationError):
    """The assertion's challenge is not the digest of this application's document."""
    code = "passkey_challenge"


class PasskeyOriginMismatch(VerificationError):
    code = "passkey_origin"


class PasskeyRelyingPartyMismatch(VerificationError):
    code = "passkey_rp_id"


class PasskeyUserNotVerified(VerificationError):
    """The authenticator did not verify the user (PIN or biometrics)."""
    code = "passkey_user_not_verified"


class PasskeySignCountError(VerificationError):
    """The counter did not go up: a replayed assertion or a cloned authenticator."""
    code = "passkey_sign_count"


class PasskeySignatureInvalid(VerificationError):
    code = "passkey_signature"
