"""What the helper does with an open card: read certificates, authenticate, sign; one function each."""
import base64

from jpki import binding
from jpki import protocol as p
from card_helper.errors import HelperError

TOKEN_FORMAT = "jpki-auth-token/1"


def _b64(data):
    return base64.b64encode(data).decode("ascii")


def read_certificates(card):
    """The certificates readable without a PIN: authentication and both CA certificates."""
    return {
        "authentication_certificate": _b64(card.read_file(p.EF_AUTH_CERT)),
        "authentication_ca_certificate": _b64(card.read_file(p.EF_AUTH_CA_CERT)),
        "signing_ca_certificate": _b64(card.read_file(p.EF_SIGN_CA_CERT)),
    }


def authenticate(card, *, purpose, pin, origin, nonce):
    """Sign SHA-256(SHA-256(origin) ‖ SHA-256(nonce)) with the key of `purpose`; the origin is the one the helper saw."""
    card.verify(purpose, pin)  # first: the signing certificate is readable only after its password
    certificate = card.read_file(p.KEYS[purpose]["cert"])
    signature = card.sign(purpose, binding.digest_info(binding.authentication_digest(origin, nonce)))
    return {"format": TOKEN_FORMAT, "key": purpose, "certificate": _b64(certificate),
            "signature": _b64(signature), "algorithm": binding.SIGNATURE_ALGORITHM,
            "origin": origin, "nonce": nonce}


def sign_digest(card, *, pin, digest, expected_certificate):
    """Sign a document's SHA-256 digest with the signing key, refusing if the card holds another certificate."""
    card.verify("signing", pin)
    certificate = card.read_file(p.EF_SIGN_CERT)
    if certificate != expected_certificate:
        raise HelperError("certificate_mismatch", "the card in the reader holds another signing certificate")
    signature = card.sign("signing", binding.digest_info(digest))
    return {"certificate": _b64(certificate), "signature": _b64(signature),
            "algorithm": binding.SIGNATURE_ALGORITHM}
