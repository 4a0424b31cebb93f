"""The signature of a received application checked again when an officer opens it, with its evidence:
the document hash recomputed from the stored answers, the card's signature over it, and the certificate's
subject, serial, issuer, validity and revocation status at signing and now. A mismatch is reported, never hidden."""
import datetime
import hmac

from cryptography import x509
from flask_babel import lazy_pgettext

from applications import canonical
from rules.clock import JAPAN
from verification import (PasskeyChallengeMismatch, VerificationError, certificate_standing, read_basic_info,
                          verify_document_signature, verify_passkey_signature)


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


def check(facts, trust, staff_signature=None, staff_relying_party=None):
    """A dict of evidence of a received application (its facts, applications.facts); `ok` is True only if the
    recomputed hash matches and the signature verifies. An application an organisation's staff member filed is signed
    with their passkey: `staff_signature` (applications.records.staff_signature) and the (RP ID, origin) of the
    staff's passkeys."""
    if facts.application.get("filed_by_staff") is not None:
        return passkey_check(facts, staff_signature, staff_relying_party)
    application = facts.application
    signed_at = datetime.datetime.fromtimestamp(application["submitted_at"], JAPAN)
    # Recomputed in the format it was signed in (an older application keeps its format's rules), from the answers
    # as validated on the day of acceptance (the facts' validation day).
    evidence = {"method": "card", **_hashes(facts), "signature_error": None}
    stored = evidence["stored_hash"]
    certificate_der = bytes(application["signer_certificate"] or b"")
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


def _hashes(facts):
    """The stored digest, and the format and digest recomputed from the stored answers (as the card's check does)."""
    stored = facts.application["digest"] or ""
    version, recomputed = canonical.signed_format(facts.application, facts.signed_attachments,
                                                  facts.account["user_id"], stored, normalised=facts.normalised)
    return {"stored_hash": stored, "recomputed_hash": recomputed.hex(), "format": version,
            "hash_matches": version is not None and hmac.compare_digest(stored, recomputed.hex()),
            }


def passkey_check(facts, staff_signature, relying_party):
    """The staff member's passkey assertion verified again, as strictly as at signing (the credential registered to
    that member, user verification, the origin, the RP ID, the signature over exactly the stored digest), and the
    digest recomputed from the stored answers; the counter is not compared (it has moved on since)."""
    evidence = {"method": "passkey", **_hashes(facts), "signature_error": None,
                "staff": facts.account["staff_name"], "organisation": facts.account["organisation_name"],
                "credential": None}
    stored = evidence["stored_hash"]
    if staff_signature is None:
        evidence["signature_error"] = "no passkey signature stored"
    else:
        evidence["credential"] = bytes(staff_signature["credential_id"]).hex()[:16]
        try:
            if not hmac.compare_digest(staff_signature["digest"].encode(), stored.encode()):
                raise PasskeyChallengeMismatch("the signature covers another digest than the application's")
            rp_id, origin = relying_party
            batch = staff_signature.get("batch_document")
            try:  # the application's digest, or the batch's signed list naming it with that digest
                challenge = canonical.signed_challenge(facts.application["public_id"], stored,
                                                       batch.encode("ascii") if batch else None)
            except ValueError:
                raise PasskeyChallengeMismatch("the signed challenge is neither the digest nor a batch list naming it") \
                    from None
            evidence["batch"] = batch is not None
            verify_passkey_signature(digest=challenge,
                                     assertion=staff_signature["assertion"],
                                     credentials=staff_signature["credentials"], rp_id=rp_id, origin=origin,
                                     check_sign_count=False)
        except VerificationError as error:
            evidence["signature_error"] = f"{type(error).__name__}: {error}"
    evidence["ok"] = evidence["hash_matches"] and evidence["signature_error"] is None
    return evidence
