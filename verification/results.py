"""What a successful verification hands back to the site."""
import dataclasses
import hashlib

from cryptography import x509
from cryptography.x509.oid import NameOID

from jpki import basic4


@dataclasses.dataclass(frozen=True)
class VerifiedCertificate:
    purpose: str  # "authentication" or "signing"
    certificate: x509.Certificate
    certificate_der: bytes
    issuer: x509.Certificate
    signature: bytes
    lapsed: bool = False  # verified with its certificate expired (only where the caller allowed it)

    @property
    def fingerprint(self):
        """SHA-256 of the certificate, hex: a stable key for "the same card certificate"."""
        return hashlib.sha256(self.certificate_der).hexdigest()

    @property
    def serial_number(self):
        return self.certificate.serial_number

    @property
    def issuance_id(self):
        return self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value

    @property
    def basic_info(self):
        """Name, birth date, sex and address (signing certificates only)."""
        if self.purpose != "signing":
            raise ValueError("only the signing certificate carries the basic-4 information")
        return basic4.read_basic_info(self.certificate)
