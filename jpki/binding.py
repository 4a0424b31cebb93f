"""What the card signs: a SHA-256 DigestInfo, and for login a hash binding the site's origin to the nonce."""
import hashlib

SHA256_DIGEST_INFO_PREFIX = bytes.fromhex("3031300D060960864801650304020105000420")
SIGNATURE_ALGORITHM = "RS256"  # RSASSA-PKCS1-v1_5 with SHA-256, the only one the card does


def digest_info(sha256_digest):
    if len(sha256_digest) != 32:
        raise ValueError("a SHA-256 digest is 32 bytes")
    return SHA256_DIGEST_INFO_PREFIX + sha256_digest


def authentication_digest(origin, nonce):
    """SHA-256(SHA-256(origin) ‖ SHA-256(nonce)): Web eID's binding of a login signature to one site."""
    origin_hash = hashlib.sha256(origin.encode("utf-8")).digest()
    nonce_hash = hashlib.sha256(nonce.encode("ascii")).digest()
    return hashlib.sha256(origin_hash + nonce_hash).digest()


def short_digest(sha256_digest, groups=4):
    """The digest as a person compares it: its first `groups` groups of 4 hex digits, upper case, spaced
    ('3F2A 9C01 B7E4 5D66'). The site's review page and the card helper's window both show this form."""
    text = sha256_digest.hex().upper()[:4 * groups]
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))
