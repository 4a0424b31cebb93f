"""Trust from the site's configuration: JPKI_AUTH_TRUST_ANCHORS, JPKI_SIGN_TRUST_ANCHORS, JPKI_CRL_DIR."""
import dataclasses
import pathlib

from verification.revocation import CrlDirectory, RevocationChecker
from verification.trust import TrustStore

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Trust:
    authentication: TrustStore
    signing: TrustStore
    revocation: RevocationChecker

    def anchors_for(self, purpose):
        return self.authentication if purpose == "authentication" else self.signing


def trust_from_settings(settings, root=REPO_ROOT):
    """Relative paths are taken from the repository root; an empty list trusts nothing (fails closed)."""
    def paths(key):
        value = settings.get(key) or ()
        if isinstance(value, str):
            value = [value]
        return [pathlib.Path(root, p) for p in value]

    crl_dir = settings.get("JPKI_CRL_DIR")
    return Trust(authentication=TrustStore(paths("JPKI_AUTH_TRUST_ANCHORS")),
                 signing=TrustStore(paths("JPKI_SIGN_TRUST_ANCHORS")),
                 revocation=CrlDirectory(pathlib.Path(root, crl_dir) if crl_dir else None))
