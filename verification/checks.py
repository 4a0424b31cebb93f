"""The named checks, each small and with its own error; `authentication` and `document` run them in order."""
import base64
import binascii
import dataclasses
import functools
import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

from jpki import binding, bounded_json, profile
from jpki.protocol import PURPOSES
from verification import errors, nonces

TOKEN_FORMAT = "jpki-auth-token/1"
MAX_TOKEN_BYTES = 16 * 1024
MAX_CERTIFICATE_BYTES = 4096
SIGNATURE_BYTES = 256  # RSA-2048
TOKEN_FIELDS = {"format": str, "key": str, "certificate": str, "signature": str, "algorithm": str,
                "origin": str, "nonce": str}


@dataclasses.dataclass
class Subject:
    """What the checks share: the claim being checked and what they learn on the way."""
    purpose: str
    signature: bytes
    certificate_der: bytes
    certificate: x509.Certificate = None
    now: datetime.datetime = None
    token: dict = None
    issuer: x509.Certificate = None
    lapsed: bool = False  # the card's own certificate has expired (check_validity_lapse_allowed let it through)


@functools.lru_cache(maxsize=4096)
def load_certificate(der):
    """Parsed certificates are immutable: reuse them, and with them cryptography's parsed extensions."""
    return x509.load_der_x509_certificate(der)


# --- shape ---------------------------------------------------------------------------------------

def parse_token(token):
    """The token as a dict of the expected fields and types, or TokenShapeError."""
    if isinstance(token, (str, bytes)):
        try:
            token = bounded_json.loads(token, max_bytes=MAX_TOKEN_BYTES)
        except bounded_json.JsonRefused:
            raise errors.TokenShapeError("token too large or nested too deeply") from None
        except ValueError:
            raise errors.TokenShapeError("token is not JSON") from None
    if not isinstance(token, dict):
        raise errors.TokenShapeError("token is not an object")
    for field, kind in TOKEN_FIELDS.items():
        if not isinstance(token.get(field), kind):
            raise errors.TokenShapeError(f"token field {field!r} missing or not a {kind.__name__}")
    if sum(len(v) for v in token.values() if isinstance(v, str)) > MAX_TOKEN_BYTES:
        raise errors.TokenShapeError("token too large")
    if token["format"] != TOKEN_FORMAT or token["algorithm"] != binding.SIGNATURE_ALGORITHM:
        raise errors.TokenShapeError("unknown token format or algorithm")
    if token["key"] not in PURPOSES:
        raise errors.TokenShapeError("unknown key")
    return token


def decode_base64(text, what, limit):
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise errors.TokenShapeError(f"{what} is not base64") from None
    if not data or len(data) > limit:
        raise errors.TokenShapeError(f"{what} has the wrong size")
    return data


def check_shape(subject, env):
    """Certificate parses, RSA-2048 key, signature 256 bytes."""
    if len(subject.signature) != SIGNATURE_BYTES:
        raise errors.TokenShapeError("the signature is not 256 bytes")
    if subject.certificate is None:
        try:
            subject.certificate = load_certificate(subject.certificate_der)
        except ValueError:
            raise errors.TokenShapeError("the certificate is not DER X.509") from None
    key = subject.certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size != 2048:
        raise errors.TokenShapeError("the certificate's key is not RSA-2048")


# --- authentication-only checks --------------------------------------------------------------------

def check_nonce(subject, env):
    nonces.consume_nonce(env.db, subject.token["nonce"], env.session_id, env.nonce_purpose,
                         subject.now.timestamp())


def check_origin(subject, env):
    if subject.token["origin"] != env.origin:
        raise errors.OriginMismatch(f"signed for {subject.token['origin']!r}, expected {env.origin!r}")


# --- certificate checks ----------------------------------------------------------------------------

def check_purpose(subject, env):
    """The token names the expected key; keyUsage exactly as the profile says (critical); the policy present."""
    if subject.token is not None and subject.token["key"] != subject.purpose:
        raise errors.CertificatePurposeError(f"signed with the {subject.token['key']} key, not {subject.purpose}")
    cert, wanted = subject.certificate, profile.PURPOSE_PROFILE[subject.purpose]
    try:
        usage_ext = cert.extensions.get_extension_for_class(x509.KeyUsage)
        policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        raise errors.CertificatePurposeError("keyUsage or certificatePolicies missing") from None
    usage = usage_ext.value
    if (not usage_ext.critical or usage.digital_signature != wanted["digital_signature"]
            or usage.content_commitment != wanted["content_commitment"] or usage.key_cert_sign):
        raise errors.CertificatePurposeError(f"keyUsage is not that of a {subject.purpose} certificate")
    if wanted["policy"] not in {p.policy_identifier for p in policies}:
        raise errors.CertificatePurposeError(f"policy of a {subject.purpose} certificate missing")


def check_chain(subject, env):
    subject.issuer = env.trust_anchors.issuer_of(subject.certificate, subject.certificate_der)
    if subject.issuer is None:
        raise errors.CertificateUntrusted("not issued by a configured JPKI CA")


def _in_force(cert, now):
    if now < cert.not_valid_before_utc:
        raise errors.CertificateNotYetValid(f"valid from {cert.not_valid_before_utc:%Y-%m-%d}")
    if now > cert.not_valid_after_utc:
        raise errors.CertificateExpired(f"expired on {cert.not_valid_after_utc:%Y-%m-%d}")


def check_validity(subject, env):
    """The certificate and its CA, both at the current time."""
    for cert in (subject.certificate, subject.issuer):
        _in_force(cert, subject.now)


def check_validity_lapse_allowed(subject, env):
    """As check_validity, except that the card's own certificate may have expired while its CA is in force: the key
    still proves the card the account last registered (a status-only sign-in); the result says it lapsed."""
    _in_force(subject.issuer, subject.now)  # the CA whole, first: only the card's own expiry is let through
    try:
        _in_force(subject.certificate, subject.now)
    except errors.CertificateExpired:
        subject.lapsed = True


def check_revocation(subject, env):
    env.revocation.check(subject.certificate, subject.issuer, subject.now)


def check_signature(subject, env):
    """PKCS#1 v1.5 over the SHA-256 `digest` (the card signs a DigestInfo)."""
    try:
        subject.certificate.public_key().verify(subject.signature, env.digest, padding.PKCS1v15(),
                                                utils.Prehashed(hashes.SHA256()))
    except InvalidSignature:
        raise errors.SignatureInvalid("the signature does not verify with the certificate's key") from None


def check_signer(subject, env):
    """For documents: the certificate is the one the account registered with, when the site says which."""
    if env.expected_certificate is not None and env.expected_certificate != subject.certificate_der:
        raise errors.SignerMismatch("signed with a certificate other than the account's")
