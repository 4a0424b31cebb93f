"""The signature of a received application checked again when an officer opens it, with its evidence:
the document hash recomputed from the stored answers, the card's signature over it, and the certificate's
subject, serial, issuer, validity and revocation status at signing and now. A mismatch is reported, never hidden."""
import datetime
import hmac

from cryptography import x509
from flask_babel import lazy_pgettext

from applications import canonical
from rules.clock import JAPAN
from verification import VerificationError, certificate_standing, read_basic_info, verify_document_signature


# The certificate's standing in words (the case page is read in Japanese), by the check that refused it.
STANDING = {
    "good": lazy_pgettext("certificate standing", "Valid (not revoked)"),
    "missing": lazy_pgettext("certificate standing", "No certificate stored"),
    "CertificateRevoked": lazy_pgettext("certificate standing", "Revoked"),
    "CertificateExpired": lazy_pgettext("certificate standing", "Expired"),
    "CertificateNotYetValid": lazy_pgettext("certificate standing", "Not yet valid"),
    "CertificateUntrusted": lazy_pgettext("certificate standing", "Not issued by a trusted authority"),
    "RevocationUnknown": lazy_pgettext("certificate standing", "Unknown (no current revocation list)"),
}


def standing_label(code):
    """The standing's words; a check without words of its own shows its name, never nothing."""
    return STANDING.get(code, code)


def check(facts, trust):
    """A dict of evidence of a received application (its facts, applications.facts); `ok` is True only if the
    recomputed hash matches and the signature verifies."""
    application = facts.application
    signed_at = datetime.datetime.fromtimestamp(application["submitted_at"], JAPAN)
    stored = application["digest"] or ""
    # Recomputed in the format it was signed in (an older application keeps its format's rules), from the answers
    # as validated on the day of acceptance (the facts' validation day).
    version, recomputed = canonical.signed_format(application, facts.signed_attachments, facts.account["user_id"],
                                                  stored, normalised=facts.normalised)
    certificate_der = bytes(application["signer_certificate"] or b"")
    evidence = {"stored_hash": stored, "recomputed_hash": recomputed.hex(), "format": version,
                "hash_matches": version is not None and hmac.compare_digest(stored, recomputed.hex()),
                "signature_error": None}
    try:
        certificate = x509.load_der_x509_certificate(certificate_der)
        evidence.update(subject=certificate.subject.rfc4514_string(), issuer=certificate.issuer.rfc4514_string(),
                        serial=format(certificate.serial_number, "X"),
                        not_before=certificate.not_valid_before_utc.astimezone(JAPAN).strftime("%Y-%m-%d %H:%M"),
                        not_after=certificate.not_valid_after_utc.astimezone(JAPAN).strftime("%Y-%m-%d %H:%M"))
        evidence.update(_signer(certificate, facts.filer))
    except ValueError:
        evidence.update(subject=None, issuer=None, serial=None, not_before=None, not_after=None)
        evidence.update(_signer(None, facts.filer))
    try:
        verify_document_signature(digest=bytes.fromhex(stored) if len(stored) == 64 else b"", signature=bytes(
            application["signature"] or b"") or b"-", certificate=certificate_der or b"-",
            trust_anchors=trust.anchors_for("signing"), revocation=trust.revocation, now=signed_at)
    except VerificationError as error:
        evidence["signature_error"] = f"{type(error).__name__}: {error}"
    standing_then = certificate_standing(certificate_der, purpose="signing", trust_anchors=trust.anchors_for("signing"),
                                         revocation=trust.revocation, now=signed_at) if certificate_der else "missing"
    standing_now = certificate_standing(certificate_der, purpose="signing", trust_anchors=trust.anchors_for("signing"),
                                        revocation=trust.revocation) if certificate_der else "missing"
    evidence["status_at_signing_code"] = _standing_code(standing_then)
    evidence["status_now_code"] = _standing_code(standing_now)
    evidence["status_at_signing"] = standing_label(evidence["status_at_signing_code"])
    evidence["status_now"] = standing_label(evidence["status_now_code"])
    evidence["ok"] = evidence["hash_matches"] and evidence["signature_error"] is None
    return evidence


def _signer(certificate, filer):
    """Who signed, by the certificate's name and date of birth, against the filer (applications.facts.Person: the
    account that files, whoever the application is about): `signer_matches_filer` False is a mismatch, None a
    certificate without them."""
    try:
        info = read_basic_info(certificate) if certificate is not None else None
    except ValueError:
        info = None
    if info is None:
        return {"signer_name": None, "signer_birth_date": None, "signer_matches_filer": None}
    return {"signer_name": info.name, "signer_birth_date": info.birth_date.isoformat(),
            "signer_matches_filer": info.name == filer.name and info.birth_date.isoformat() == filer.birth_date}


def _standing_code(standing):
    if standing is None:
        return "good"
    return standing if isinstance(standing, str) else type(standing).__name__
