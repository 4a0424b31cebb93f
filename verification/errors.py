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
