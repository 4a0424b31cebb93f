"""Trust anchors from configured paths (PEM files or directories of them), several CA generations at once."""
import collections
import pathlib
import threading
import time

from cryptography import x509
from cryptography.exceptions import InvalidSignature

RELOAD_CHECK_SECONDS = 1.0  # anchors can be rotated on disk without a restart
ISSUER_CACHE_SIZE = 10_000


class TrustStore:
    def __init__(self, paths):
        self.paths = [pathlib.Path(p) for p in paths]
        self._lock = threading.Lock()
        self._stamp = None
        self._checked = float("-inf")  # never looked: the first look loads, whatever the clock reads
        self._anchors = []
        self._issuers = collections.OrderedDict()  # certificate DER → anchor that signed it

    def anchors(self):
        if time.monotonic() - self._checked >= RELOAD_CHECK_SECONDS:
            with self._lock:
                # Checked again under the lock, and marked checked only once loaded: a concurrent first
                # request waits for the anchors instead of seeing none.
                if time.monotonic() - self._checked >= RELOAD_CHECK_SECONDS:
                    stamp = _stamp(self.paths)
                    if stamp != self._stamp:
                        anchors = _load(self.paths)
                        self._issuers.clear()
                        self._anchors, self._stamp = anchors, stamp
                    self._checked = time.monotonic()
        return self._anchors

    def issuer_of(self, certificate, der):
        """The anchor whose key signed `certificate`, or None. Caches the (deterministic) signature check."""
        anchors = self.anchors()
        cached = self._issuers.get(der)
        if cached is not None:
            return cached
        aki = _aki(certificate)
        for anchor in anchors:
            if aki is not None and aki != _ski(anchor):
                continue
            try:
                certificate.verify_directly_issued_by(anchor)
            except (ValueError, TypeError, InvalidSignature):
                continue
            with self._lock:
                self._issuers[der] = anchor
                if len(self._issuers) > ISSUER_CACHE_SIZE:
                    self._issuers.popitem(last=False)
            return anchor
        return None


def _stamp(paths):
    files = []
    for path in paths:
        for file in _pem_files(path):
            try:
                files.append((str(file), file.stat().st_mtime_ns))
            except OSError:
                pass
    return tuple(files)


def _pem_files(path):
    if path.is_dir():
        return sorted(path.glob("*.pem"))
    return [path] if path.exists() else []


def _load(paths):
    anchors = []
    for path in paths:
        for file in _pem_files(path):
            anchors.extend(x509.load_pem_x509_certificates(file.read_bytes()))
    return anchors


def _aki(certificate):
    try:
        return certificate.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
    except x509.ExtensionNotFound:
        return None


def _ski(certificate):
    try:
        return certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return None
