"""Revocation behind one interface: `check(certificate, issuer, now)`; CRL files now, OCSP could follow."""
import pathlib
import threading
import time

from cryptography import x509

from verification.errors import CertificateRevoked, RevocationUnknown

RELOAD_CHECK_SECONDS = 1.0


class RevocationChecker:
    """The interface: raise CertificateRevoked or RevocationUnknown, or return when the certificate is good."""

    def check(self, certificate, issuer, now):
        raise NotImplementedError


class CrlDirectory(RevocationChecker):
    """CRL files (DER or PEM, *.crl) in one directory; each is used only if its issuer's anchor signed it."""

    def __init__(self, path):
        self.path = pathlib.Path(path) if path else None
        self._lock = threading.Lock()
        self._stamp = None
        self._checked = float("-inf")  # never looked: the first look loads, whatever the clock reads
        self._crls = []  # parsed CRLs; matched to issuers lazily and the match cached
        self._by_issuer = {}  # id(issuer) → (issuer, (next_update, revoked serial numbers))

    def _current(self):
        if time.monotonic() - self._checked >= RELOAD_CHECK_SECONDS:
            with self._lock:
                # As TrustStore.anchors: checked again under the lock, marked checked only once loaded.
                if time.monotonic() - self._checked >= RELOAD_CHECK_SECONDS:
                    files = sorted(self.path.glob("*.crl")) if self.path and self.path.is_dir() else []
                    stamp = tuple((str(f), f.stat().st_mtime_ns) for f in files)
                    if stamp != self._stamp:
                        crls = [_load_crl(f.read_bytes()) for f in files]
                        self._by_issuer = {}
                        self._crls, self._stamp = crls, stamp
                    self._checked = time.monotonic()
        return self._crls

    def _for_issuer(self, issuer):
        key = id(issuer)  # anchors are long-lived objects held by their TrustStore; the entry keeps it alive too
        entry = self._by_issuer.get(key)
        found = entry[1] if entry is not None and entry[0] is issuer else None
        if found is None:
            best = None
            for crl in self._current():
                if crl.issuer == issuer.subject and crl.is_signature_valid(issuer.public_key()):
                    if best is None or crl.last_update_utc > best.last_update_utc:
                        best = crl
            if best is not None:
                found = (best.next_update_utc, frozenset(r.serial_number for r in best))
                self._by_issuer[key] = (issuer, found)
        return found

    def check(self, certificate, issuer, now):
        self._current()
        found = self._for_issuer(issuer)
        if found is None:
            raise RevocationUnknown("no CRL from this certificate's CA")
        next_update, revoked = found
        if next_update is None or next_update < now:
            raise RevocationUnknown("the CA's CRL is out of date")
        if certificate.serial_number in revoked:
            raise CertificateRevoked(f"serial {certificate.serial_number} is on the CA's CRL")


def _load_crl(data):
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)
