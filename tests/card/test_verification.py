"""Server-side verification: each named check has its own error, run in fixed order."""
import base64
import datetime
import hashlib
import json
import time

import pytest

import store
import verification as v
from simulator import card_file
from tests.card.conftest import HOLDER, SITE_ORIGIN, real_ca_dir
from tests.card.in_process import document_signature, token

SESSION = "session-1"


@pytest.fixture
def db(tmp_path):
    return store.migrate(store.connect(tmp_path / "site.db"))


@pytest.fixture
def nonce(db):
    return v.issue_nonce(db, SESSION, "login")


def verify(tok, db, trust, *, purpose="authentication", session=SESSION, origin=SITE_ORIGIN, now=None):
    return v.verify_authentication_token(
        tok, db=db, session_id=session, nonce_purpose="login", origin=origin, purpose=purpose,
        trust_anchors=trust[purpose], revocation=trust["revocation"], now=now)


def test_valid_login_token(card_state, db, nonce, trust):
    result = verify(token(card_state, SITE_ORIGIN, nonce), db, trust)
    assert result.purpose == "authentication" and len(result.fingerprint) == 64


def test_token_as_json_text_and_the_check_order():
    assert [name for name, _ in v.AUTHENTICATION_CHECKS] == [
        "token_shape", "nonce", "origin", "certificate_purpose", "trusted_chain", "validity", "revocation",
        "signature"]


@pytest.mark.parametrize("mangle", [
    lambda t: "not json",
    lambda t: {**t, "signature": "***"},
    lambda t: {**t, "signature": base64.b64encode(b"short").decode()},
    lambda t: {**t, "certificate": base64.b64encode(b"0" * 100).decode()},
    lambda t: {**t, "algorithm": "ES256"},
    lambda t: {k: x for k, x in t.items() if k != "nonce"},
    lambda t: {**t, "origin": "x" * 20000},
])
def test_token_shape(card_state, db, nonce, trust, mangle):
    bad = mangle(token(card_state, SITE_ORIGIN, nonce))
    with pytest.raises(v.TokenShapeError):
        verify(bad if isinstance(bad, str) else json.dumps(bad), db, trust)


def test_nonce_is_single_use(card_state, db, nonce, trust):
    tok = token(card_state, SITE_ORIGIN, nonce)
    verify(tok, db, trust)
    with pytest.raises(v.NonceUnknown):
        verify(tok, db, trust)


def test_nonce_never_issued(card_state, db, trust):
    with pytest.raises(v.NonceUnknown):
        verify(token(card_state, SITE_ORIGIN, base64.b64encode(b"n" * 32).decode()), db, trust)


def test_nonce_of_another_session(card_state, db, nonce, trust):
    with pytest.raises(v.NonceUnknown):
        verify(token(card_state, SITE_ORIGIN, nonce), db, trust, session="session-2")


def test_nonce_expires_after_five_minutes_and_is_deleted(card_state, db, trust):
    old = v.issue_nonce(db, SESSION, "login", now=time.time() - 301)
    with pytest.raises(v.NonceExpired):
        verify(token(card_state, SITE_ORIGIN, old), db, trust)
    assert db.execute("SELECT count(*) FROM nonce WHERE value = ?", [old]).fetchone()[0] == 0


def test_origin_bound(card_state, db, nonce, trust):
    with pytest.raises(v.OriginMismatch):
        verify(token(card_state, "https://evil.example", nonce), db, trust)


def test_signature_checked_against_our_origin(card_state, db, nonce, trust):
    tok = token(card_state, "https://evil.example", nonce)
    tok["origin"] = SITE_ORIGIN  # a page lying about the origin the helper saw
    with pytest.raises(v.SignatureInvalid):
        verify(tok, db, trust)


def test_signing_certificate_is_not_for_login(card_state, db, nonce, trust):
    tok = token(card_state, SITE_ORIGIN, nonce, purpose="signing")
    tok["key"] = "authentication"
    with pytest.raises(v.CertificatePurposeError):
        verify(tok, db, {**trust, "authentication": trust["signing"]})


def test_signing_key_proves_the_signing_password(card_state, db, nonce, trust):
    result = verify(token(card_state, SITE_ORIGIN, nonce, purpose="signing"), db, trust, purpose="signing")
    assert result.basic_info == HOLDER


def test_unknown_ca(foreign_ca, db, nonce, trust):
    stranger = card_file.issue_card(foreign_ca)
    with pytest.raises(v.CertificateUntrusted):
        verify(token(stranger, SITE_ORIGIN, nonce), db, trust)


def test_expired_certificate(test_ca, db, nonce, trust):
    expired = card_file.issue_card(test_ca, not_after=datetime.datetime(2024, 3, 31, 14, 59, 59,
                                                                        tzinfo=datetime.timezone.utc))
    with pytest.raises(v.CertificateExpired):
        verify(token(expired, SITE_ORIGIN, nonce), db, trust)


def test_f05_an_expired_card_passes_only_where_the_caller_allows_it_and_is_marked_lapsed(test_ca, card_state, db,
                                                                                          trust):
    """The login's status-only sign-in: an expired card certificate passes, marked lapsed; one still valid is not
    marked; and a card not yet valid is refused all the same."""
    expired = card_file.issue_card(test_ca, not_after=datetime.datetime(2024, 3, 31, 14, 59, 59,
                                                                        tzinfo=datetime.timezone.utc))
    allowed = lambda state, now=None: v.verify_authentication_token(
        token(state, SITE_ORIGIN, v.issue_nonce(db, SESSION, "login")), db=db, session_id=SESSION,
        nonce_purpose="login", origin=SITE_ORIGIN, purpose="authentication", trust_anchors=trust["authentication"],
        revocation=trust["revocation"], now=now, allow_lapsed=True)
    assert allowed(expired).lapsed is True
    assert allowed(card_state).lapsed is False
    with pytest.raises(v.CertificateNotYetValid):
        allowed(card_state, now=datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=2))
    from types import SimpleNamespace
    from verification import checks
    card = card_file.certificate(expired, "authentication")
    now = datetime.datetime.now(datetime.timezone.utc)
    ca = lambda until: SimpleNamespace(not_valid_before_utc=now - datetime.timedelta(days=3650),
                                       not_valid_after_utc=until)
    lapsed = checks.Subject("authentication", b"", b"", certificate=card, issuer=ca(now + datetime.timedelta(days=1)),
                            now=now)
    checks.check_validity_lapse_allowed(lapsed, None)
    assert lapsed.lapsed
    with pytest.raises(v.CertificateExpired):  # the CA expired too: nothing vouches for the card any more
        checks.check_validity_lapse_allowed(checks.Subject("authentication", b"", b"", certificate=card,
                                                           issuer=ca(now - datetime.timedelta(days=1)), now=now), None)
    not_yet = SimpleNamespace(not_valid_before_utc=now + datetime.timedelta(days=1),
                              not_valid_after_utc=now + datetime.timedelta(days=3650))
    with pytest.raises(v.CertificateNotYetValid):  # a CA not in force yet vouches for nothing, lapsed card or not
        checks.check_validity_lapse_allowed(checks.Subject("authentication", b"", b"", certificate=card,
                                                           issuer=not_yet, now=now), None)


def test_not_yet_valid(card_state, db, nonce, trust):
    past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=2)
    with pytest.raises(v.CertificateNotYetValid):
        verify(token(card_state, SITE_ORIGIN, nonce), db, trust, now=past)


def test_older_ca_generation_is_trusted_too(test_ca, db, nonce, trust):
    older = card_file.issue_card(test_ca, generation="g1")
    assert verify(token(older, SITE_ORIGIN, nonce), db, trust).issuer == test_ca.ca_certificate(
        "authentication", "g1")


def test_revoked(test_ca, db, trust):
    card = card_file.issue_card(test_ca)
    test_ca.revoke("authentication", card_file.certificate(card, "authentication"))
    trust["revocation"]._checked = 0  # as if the reload interval had passed
    with pytest.raises(v.CertificateRevoked):
        verify(token(card, SITE_ORIGIN, v.issue_nonce(db, SESSION, "login")), db, trust)


def test_no_crl_means_revocation_unknown(card_state, db, nonce, trust, tmp_path):
    with pytest.raises(v.RevocationUnknown):
        verify(token(card_state, SITE_ORIGIN, nonce), db, {**trust, "revocation": v.CrlDirectory(tmp_path)})


def test_crl_from_another_ca_is_ignored(card_state, foreign_ca, db, nonce, trust):
    # A CRL with the right name but the wrong key must not count as the CA's word.
    with pytest.raises(v.RevocationUnknown):
        verify(token(card_state, SITE_ORIGIN, nonce), db,
               {**trust, "revocation": v.CrlDirectory(foreign_ca.path / "crl")})


def test_stale_crl(card_state, db, trust):
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    nonce = v.issue_nonce(db, SESSION, "login", now=later.timestamp())
    with pytest.raises(v.RevocationUnknown):
        verify(token(card_state, SITE_ORIGIN, nonce), db, trust, now=later)


def test_tampered_signature(card_state, db, nonce, trust):
    tok = token(card_state, SITE_ORIGIN, nonce)
    sig = bytearray(base64.b64decode(tok["signature"]))
    sig[100] ^= 1
    tok["signature"] = base64.b64encode(bytes(sig)).decode()
    with pytest.raises(v.SignatureInvalid):
        verify(tok, db, trust)


def test_signature_by_another_card(card_state, other_card_state, db, nonce, trust):
    tok = token(card_state, SITE_ORIGIN, nonce)
    tok["signature"] = token(other_card_state, SITE_ORIGIN, nonce)["signature"]
    with pytest.raises(v.SignatureInvalid):
        verify(tok, db, trust)


def doc(digest, signed, trust, **kw):
    return v.verify_document_signature(digest=digest, signature=signed["signature"],
                                       certificate=signed["certificate"], trust_anchors=trust["signing"],
                                       revocation=trust["revocation"], **kw)


def test_document_signature_and_signer(card_state, other_card_state, trust):
    digest = hashlib.sha256(b"canonical application").digest()
    signed = document_signature(card_state, digest)
    result = doc(digest, signed, trust, expected_certificate=base64.b64decode(signed["certificate"]))
    assert result.basic_info.name == HOLDER.name
    with pytest.raises(v.SignatureInvalid):
        doc(hashlib.sha256(b"another application").digest(), signed, trust)
    other = document_signature(other_card_state, digest)
    with pytest.raises(v.SignerMismatch):
        doc(digest, other, trust, expected_certificate=base64.b64decode(signed["certificate"]))


def test_authentication_certificate_cannot_sign_documents(card_state, trust):
    digest = hashlib.sha256(b"x").digest()
    signed = document_signature(card_state, digest)
    signed["certificate"] = card_state["authentication"]["certificate"]
    with pytest.raises(v.CertificatePurposeError):
        doc(digest, signed, {**trust, "signing": trust["authentication"]})


def test_real_jlis_ca_certificates_load_as_anchors():
    store_ = v.TrustStore([real_ca_dir()])
    anchors = store_.anchors()
    assert len(anchors) == 4
    units = {a.subject.rfc4514_string() for a in anchors}
    assert len(units) == 2 and all("Japan Agency for Local Authority Information Systems" in u for u in units)


def test_settings_resolve_relative_paths(tmp_path, test_ca):
    trust = v.trust_from_settings({"JPKI_AUTH_TRUST_ANCHORS": [str(test_ca.anchor_dir("authentication"))],
                                   "JPKI_SIGN_TRUST_ANCHORS": (), "JPKI_CRL_DIR": None}, root=tmp_path)
    assert len(trust.authentication.anchors()) == 2 and trust.signing.anchors() == []


def test_production_config_trusts_no_test_ca():
    import config

    prod = config.load({"MODE": "production"})
    assert prod["JPKI_AUTH_TRUST_ANCHORS"] == () and prod["JPKI_SIGN_TRUST_ANCHORS"] == ()
    assert "demo-card" in config.load({"MODE": "test"})["JPKI_AUTH_TRUST_ANCHORS"][0]
