"""Tests the mutation sample showed missing (issue 9, point 11): each would fail if its check were removed
or loosened in verification/. Certificates come from a small CA made here (its own key, CRL and dates)."""
import base64
import datetime
import hashlib
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import NameOID

import verification as v
from jpki import profile
from simulator import card_file
from tests.card.in_process import document_signature
from verification import checks

NOW = datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)
DAY = datetime.timedelta(days=1)
DIGEST = hashlib.sha256(b"a made-up application").digest()
KEYS = {}


def rsa_key(bits=2048):
    if bits not in KEYS:
        KEYS[bits] = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return KEYS[bits]


class SmallCA:
    """A CA for the signing purpose with chosen dates; publishes a CRL valid around NOW."""

    def __init__(self, folder, not_before=NOW - 400 * DAY, not_after=NOW + 400 * DAY):
        self.key = rsa_key()
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Made-up test CA")])
        self.cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                     .public_key(self.key.public_key()).serial_number(1)
                     .not_valid_before(not_before).not_valid_after(not_after)
                     .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
                     .sign(self.key, hashes.SHA256()))
        (folder / "anchors").mkdir()
        (folder / "anchors" / "ca.pem").write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        (folder / "crl").mkdir()
        crl = (x509.CertificateRevocationListBuilder().issuer_name(name)
               .last_update(NOW - 1000 * DAY).next_update(NOW + 1000 * DAY).sign(self.key, hashes.SHA256()))
        (folder / "crl" / "ca.crl").write_bytes(crl.public_bytes(serialization.Encoding.DER))
        self.trust, self.revocation = v.TrustStore([folder / "anchors"]), v.CrlDirectory(folder / "crl")

    def issue(self, key, *, not_before=NOW - 30 * DAY, not_after=NOW + 30 * DAY, content_commitment=True,
              key_cert_sign=False, digital_signature=True, policies=True, usage_critical=True,
              policy=profile.PURPOSE_PROFILE["signing"]["policy"]):
        builder = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "MADEUP")]))
                .issuer_name(self.cert.subject).public_key(key.public_key()).serial_number(2)
                .not_valid_before(not_before).not_valid_after(not_after)
                .add_extension(x509.KeyUsage(digital_signature, content_commitment, False, False, False,
                                             key_cert_sign, False, False, False), critical=usage_critical)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                               critical=False))
        if policies:
            builder = builder.add_extension(x509.CertificatePolicies([x509.PolicyInformation(policy, None)]),
                                            critical=False)
        return builder.sign(self.key, hashes.SHA256())

    def verify(self, cert, key=None, now=NOW, signature=None):
        key = key or rsa_key()
        if signature is None:
            signature = key.sign(DIGEST, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
        return v.verify_document_signature(digest=DIGEST, signature=signature,
                                           certificate=cert.public_bytes(serialization.Encoding.DER),
                                           trust_anchors=self.trust, revocation=self.revocation, now=now)


@pytest.fixture
def ca(tmp_path):
    return SmallCA(tmp_path)


def test_a_good_signature_from_the_small_ca_verifies(ca):
    assert ca.verify(ca.issue(rsa_key())).purpose == "signing"


@pytest.mark.parametrize("when,error", [(NOW + 31 * DAY, v.CertificateExpired),
                                        (NOW - 31 * DAY, v.CertificateNotYetValid)])
def test_document_signature_checks_the_signing_certificates_validity(ca, when, error):
    with pytest.raises(error):
        ca.verify(ca.issue(rsa_key()), now=when)


def test_validity_boundaries_are_inclusive(ca):
    cert = ca.issue(rsa_key())
    assert ca.verify(cert, now=cert.not_valid_before_utc) and ca.verify(cert, now=cert.not_valid_after_utc)


@pytest.mark.parametrize("ca_dates,error", [
    ({"not_after": NOW - DAY}, v.CertificateExpired),
    ({"not_before": NOW + DAY}, v.CertificateNotYetValid),
])
def test_the_issuing_cas_validity_is_checked_too(tmp_path, ca_dates, error):
    ca = SmallCA(tmp_path, **{"not_before": NOW - 400 * DAY, "not_after": NOW + 400 * DAY, **ca_dates})
    with pytest.raises(error):
        ca.verify(ca.issue(rsa_key()))


def test_a_signing_certificate_without_non_repudiation_is_refused(ca):
    with pytest.raises(v.CertificatePurposeError):
        ca.verify(ca.issue(rsa_key(), content_commitment=False))


def test_a_certificate_without_its_policy_is_refused(ca):
    with pytest.raises(v.CertificatePurposeError, match="missing"):
        ca.verify(ca.issue(rsa_key(), policies=False))


def test_a_certificate_that_can_sign_certificates_is_refused(ca):
    with pytest.raises(v.CertificatePurposeError):
        ca.verify(ca.issue(rsa_key(), key_cert_sign=True))


@pytest.mark.parametrize("bits", [1024, 3072])
def test_only_rsa_2048_keys(ca, bits):
    cert = ca.issue(rsa_key(bits))
    with pytest.raises(v.TokenShapeError, match="RSA-2048"):
        ca.verify(cert, signature=b"\x01" * 256)


def test_a_non_rsa_key_is_refused(ca):
    cert = ca.issue(ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(v.TokenShapeError, match="RSA-2048"):
        ca.verify(cert, signature=b"\x01" * 256)


def test_a_document_signed_with_a_revoked_certificate_is_refused(test_ca, trust):
    card = card_file.issue_card(test_ca)
    signed = document_signature(card, DIGEST)
    test_ca.revoke("signing", card_file.certificate(card, "signing"))
    revocation = v.CrlDirectory(test_ca.path / "crl")  # a fresh reader of the new CRL
    with pytest.raises(v.CertificateRevoked):
        v.verify_document_signature(digest=DIGEST, signature=signed["signature"], certificate=signed["certificate"],
                                    trust_anchors=trust["signing"], revocation=revocation)


def test_standing_of_a_stored_certificate_sees_its_expiry(card_state, trust):
    der = card_file.certificate(card_state, "signing").public_bytes(serialization.Encoding.DER)
    later = card_file.certificate(card_state, "signing").not_valid_after_utc + DAY
    assert v.certificate_standing(der, purpose="signing", trust_anchors=trust["signing"],
                                  revocation=trust["revocation"]) is None
    assert isinstance(v.certificate_standing(der, purpose="signing", trust_anchors=trust["signing"],
                                             revocation=trust["revocation"], now=later), v.CertificateExpired)


# --- shapes -----------------------------------------------------------------------------------------

def good_token():
    return {"format": checks.TOKEN_FORMAT, "key": "authentication", "certificate": "AAAA", "signature": "AAAA",
            "algorithm": "RS256", "origin": "http://127.0.0.1:5000", "nonce": "n" * 44}


@pytest.mark.parametrize("bad", [
    "[]", "1", json.dumps({k: x for k, x in good_token().items() if k != "algorithm"}),
    json.dumps({**good_token(), "format": "jpki-auth-token/2"}),
    json.dumps({**good_token(), "key": "master"}),
])
def test_token_shape_refusals(bad):
    with pytest.raises(v.TokenShapeError):
        checks.parse_token(bad)


def test_token_size_limit_is_16_kib():
    filler = "x" * (checks.MAX_TOKEN_BYTES + 100 - len(json.dumps(good_token())))
    big = json.dumps({**good_token(), "origin": filler})
    assert checks.MAX_TOKEN_BYTES < len(big) < 17 * 1024
    with pytest.raises(v.TokenShapeError, match="too large"):
        checks.parse_token(big)


def test_base64_fields():
    limit = checks.MAX_CERTIFICATE_BYTES
    assert len(checks.decode_base64(base64.b64encode(b"c" * limit).decode(), "certificate", limit)) == limit
    for text in (base64.b64encode(b"c" * (limit + 1)).decode(), "", "QUFB!!!!QUFB"):
        with pytest.raises(v.TokenShapeError):
            checks.decode_base64(text, "certificate", limit)


@pytest.mark.parametrize("digest", [b"x" * 31, b"x" * 33, "x" * 32, None])
def test_the_digest_must_be_sha256_bytes(card_state, trust, digest):
    signed = document_signature(card_state, DIGEST)
    with pytest.raises(v.TokenShapeError, match="digest"):
        v.verify_document_signature(digest=digest, signature=signed["signature"], certificate=signed["certificate"],
                                    trust_anchors=trust["signing"], revocation=trust["revocation"])


def test_signature_and_certificate_as_raw_bytes(card_state, trust):
    signed = document_signature(card_state, DIGEST)
    signature, certificate = base64.b64decode(signed["signature"]), base64.b64decode(signed["certificate"])

    def verify(sig, cert):
        return v.verify_document_signature(digest=DIGEST, signature=sig, certificate=cert,
                                           trust_anchors=trust["signing"], revocation=trust["revocation"])

    assert verify(signature, certificate).certificate_der == certificate
    for sig in (b"", b"s" * 1025, 12345, None):
        with pytest.raises(v.TokenShapeError, match="wrong type or size"):
            verify(sig, certificate)
    with pytest.raises(v.TokenShapeError, match="not 256 bytes"):
        verify(b"s" * 1024, certificate)  # exactly the limit passes the size check, then fails the shape


def test_a_nonce_is_judged_at_the_time_given(tmp_path):
    import time

    import store
    db = store.migrate(store.connect(tmp_path / "n.db"))
    nonce = v.issue_nonce(db, "s", "login")
    with pytest.raises(v.NonceExpired):
        checks.nonces.consume_nonce(db, nonce, "s", "login", now=time.time() + 301)


def test_a_certificate_naming_the_ca_but_signed_by_another_key_is_untrusted(ca):
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    genuine = ca.issue(rsa_key())
    forged = (x509.CertificateBuilder().subject_name(genuine.subject).issuer_name(genuine.issuer)
              .public_key(rsa_key().public_key()).serial_number(3)
              .not_valid_before(genuine.not_valid_before_utc).not_valid_after(genuine.not_valid_after_utc))
    for extension in genuine.extensions:  # the CA's key identifier included: only the signature differs
        forged = forged.add_extension(extension.value, extension.critical)
    with pytest.raises(v.CertificateUntrusted):
        ca.verify(forged.sign(forger, hashes.SHA256()))


def test_an_anchor_can_be_a_single_pem_file(ca, tmp_path):
    store_ = v.TrustStore([tmp_path / "anchors" / "ca.pem"])
    assert [a.subject for a in store_.anchors()] == [ca.cert.subject]
    assert v.TrustStore([tmp_path / "no-such.pem"]).anchors() == []


def test_a_certificate_field_over_4096_bytes_is_refused_by_its_size():
    with pytest.raises(v.TokenShapeError, match="wrong size"):
        checks.decode_base64(base64.b64encode(b"c" * 4097).decode(), "certificate", checks.MAX_CERTIFICATE_BYTES)
    assert checks.decode_base64(base64.b64encode(b"c" * 4096).decode(), "certificate", checks.MAX_CERTIFICATE_BYTES)


def nonce_db(tmp_path):
    import store

    return store.migrate(store.connect(tmp_path / "n.db"))


def test_a_nonce_is_32_random_bytes(tmp_path):
    db = nonce_db(tmp_path)
    values = {v.issue_nonce(db, "s", "login") for _ in range(3)}
    assert len(values) == 3 and {len(base64.b64decode(value)) for value in values} == {32}  # JPKI.md


def test_a_nonce_issued_for_one_purpose_is_refused_for_another(tmp_path):
    db = nonce_db(tmp_path)
    nonce = v.issue_nonce(db, "s", "login")
    with pytest.raises(v.NonceUnknown):
        checks.nonces.consume_nonce(db, nonce, "s", "registration")


def test_a_nonce_is_good_for_exactly_five_minutes(tmp_path):
    db = nonce_db(tmp_path)
    checks.nonces.consume_nonce(db, v.issue_nonce(db, "s", "login", now=1000.0), "s", "login", now=1300.0)
    with pytest.raises(v.NonceExpired):
        checks.nonces.consume_nonce(db, v.issue_nonce(db, "s", "login", now=1000.0), "s", "login", now=1300.5)


class Clock:
    """A monotonic clock the test moves by hand, for the reload interval."""

    def __init__(self, now):
        self.now = now

    def monotonic(self):
        return self.now


def test_trust_anchors_on_disk_are_looked_at_again_after_one_second(ca, tmp_path, monkeypatch):
    from verification import trust
    clock = Clock(1000.0)
    monkeypatch.setattr(trust, "time", clock)
    anchors = v.TrustStore([tmp_path / "anchors"])
    assert len(anchors.anchors()) == 1
    (tmp_path / "anchors" / "next-generation.pem").write_bytes(ca.cert.public_bytes(serialization.Encoding.PEM))
    clock.now = 1000.999
    assert len(anchors.anchors()) == 1
    clock.now = 1001.0
    assert len(anchors.anchors()) == 2


def test_a_new_crl_on_disk_is_used_one_second_after_the_last_look(ca, tmp_path, monkeypatch):
    from verification import revocation
    clock = Clock(1000.0)
    monkeypatch.setattr(revocation, "time", clock)
    cert, crls = ca.issue(rsa_key()), v.CrlDirectory(tmp_path / "crl")
    crls.check(cert, ca.cert, NOW)
    newer = (x509.CertificateRevocationListBuilder().issuer_name(ca.cert.subject)
             .last_update(NOW - DAY).next_update(NOW + 10 * DAY)
             .add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(cert.serial_number)
                                      .revocation_date(NOW - DAY).build())
             .sign(ca.key, hashes.SHA256()))
    (tmp_path / "crl" / "newer.crl").write_bytes(newer.public_bytes(serialization.Encoding.DER))
    clock.now = 1000.999
    crls.check(cert, ca.cert, NOW)
    clock.now = 1001.0
    with pytest.raises(v.CertificateRevoked):
        crls.check(cert, ca.cert, NOW)


# --- revocation -------------------------------------------------------------------------------------

def crl(ca, *, signer=None, next_update=NOW + 10 * DAY, revoked=(), last_update=NOW - DAY):
    builder = (x509.CertificateRevocationListBuilder().issuer_name(ca.cert.subject)
               .last_update(last_update).next_update(next_update))
    for serial in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(last_update).build())
    return builder.sign(signer or ca.key, hashes.SHA256())


def test_a_crl_is_good_until_its_next_update_included(ca, tmp_path):
    cert = ca.issue(rsa_key())
    (tmp_path / "crl" / "ca.crl").write_bytes(crl(ca).public_bytes(serialization.Encoding.DER))
    crls = v.CrlDirectory(tmp_path / "crl")
    crls.check(cert, ca.cert, NOW + 10 * DAY)
    with pytest.raises(v.RevocationUnknown, match="out of date"):
        crls.check(cert, ca.cert, NOW + 10 * DAY + datetime.timedelta(seconds=1))


def test_a_crl_in_pem_is_read_too(ca, tmp_path):
    cert = ca.issue(rsa_key())
    (tmp_path / "crl" / "ca.crl").write_bytes(crl(ca, revoked=[cert.serial_number]).public_bytes(
        serialization.Encoding.PEM))
    with pytest.raises(v.CertificateRevoked):
        v.CrlDirectory(tmp_path / "crl").check(cert, ca.cert, NOW)


def test_a_crl_with_the_cas_name_but_another_key_is_ignored(ca, tmp_path):
    cert = ca.issue(rsa_key())
    forged = crl(ca, signer=rsa_key(3072), last_update=NOW, revoked=[cert.serial_number])
    (tmp_path / "crl" / "forged.crl").write_bytes(forged.public_bytes(serialization.Encoding.DER))
    v.CrlDirectory(tmp_path / "crl").check(cert, ca.cert, NOW)  # the CA's own CRL, not the forgery, is used
    (tmp_path / "crl" / "ca.crl").unlink()
    with pytest.raises(v.RevocationUnknown, match="no CRL"):
        v.CrlDirectory(tmp_path / "crl").check(cert, ca.cert, NOW)


def test_without_a_crl_directory_revocation_is_unknown(ca):
    with pytest.raises(v.RevocationUnknown, match="no CRL"):
        v.CrlDirectory(None).check(ca.issue(rsa_key()), ca.cert, NOW)


def test_a_certificate_without_an_authority_key_identifier_is_matched_by_its_signature(ca):
    genuine = ca.issue(rsa_key())
    builder = (x509.CertificateBuilder().subject_name(genuine.subject).issuer_name(genuine.issuer)
               .public_key(rsa_key().public_key()).serial_number(4)
               .not_valid_before(genuine.not_valid_before_utc).not_valid_after(genuine.not_valid_after_utc))
    for extension in genuine.extensions:
        if not isinstance(extension.value, x509.AuthorityKeyIdentifier):
            builder = builder.add_extension(extension.value, extension.critical)
    assert ca.verify(builder.sign(ca.key, hashes.SHA256())).issuer == ca.cert


# --- second mutation run: checks, revocation and trust ----------------------------------------------

def test_a_certificate_whose_key_usage_is_not_critical_is_refused(ca):
    with pytest.raises(v.CertificatePurposeError, match="keyUsage"):
        ca.verify(ca.issue(rsa_key(), usage_critical=False))


def test_a_signing_certificate_without_digital_signature_is_refused(ca):
    with pytest.raises(v.CertificatePurposeError, match="keyUsage"):
        ca.verify(ca.issue(rsa_key(), digital_signature=False))


def test_a_certificate_with_another_purposes_policy_is_refused(ca):
    with pytest.raises(v.CertificatePurposeError, match="policy of a signing certificate missing"):
        ca.verify(ca.issue(rsa_key(), policy=profile.PURPOSE_PROFILE["authentication"]["policy"]))


def test_a_dsa_key_of_2048_bits_is_refused_as_not_rsa(ca):
    from cryptography.hazmat.primitives.asymmetric import dsa

    with pytest.raises(v.TokenShapeError, match="RSA-2048"):
        ca.verify(ca.issue(dsa.generate_private_key(2048)), signature=b"\x01" * 256)


def test_a_token_names_the_key_that_signed_it(card_state, trust, tmp_path):
    from tests.card.in_process import token
    db = nonce_db(tmp_path)
    signed = token(card_state, "http://127.0.0.1:5000", v.issue_nonce(db, "s", "login"), purpose="signing")
    with pytest.raises(v.CertificatePurposeError, match="signed with the signing key, not authentication"):
        v.verify_authentication_token(signed, db=db, session_id="s", nonce_purpose="login",
                                      origin="http://127.0.0.1:5000", purpose="authentication",
                                      trust_anchors=trust["authentication"], revocation=trust["revocation"])


def test_a_token_as_utf8_bytes_is_parsed_as_text_is():
    assert checks.parse_token(json.dumps(good_token()).encode()) == good_token()


def test_a_token_that_is_not_json_says_so():
    with pytest.raises(v.TokenShapeError, match="not JSON"):
        checks.parse_token("{format: 1")


def test_a_token_of_exactly_16_kib_is_read_and_one_byte_more_is_not():
    text = json.dumps({**good_token(), "origin": ""})
    exact = json.dumps({**good_token(), "origin": "x" * (16 * 1024 - len(text))})
    assert len(exact) == 16 * 1024 and checks.parse_token(exact)["origin"].startswith("x")
    with pytest.raises(v.TokenShapeError, match="too large"):
        checks.parse_token(exact.replace('"origin": "', '"origin": "x'))


def test_a_token_given_as_a_dict_is_held_to_16_kib_of_text():
    used = sum(len(x) for x in good_token().values()) - len(good_token()["origin"])
    exact = {**good_token(), "origin": "x" * (16 * 1024 - used)}
    assert checks.parse_token(exact) is exact
    with pytest.raises(v.TokenShapeError, match="too large"):
        checks.parse_token({**exact, "origin": exact["origin"] + "x"})


def test_base64_text_with_non_ascii_characters_is_refused():
    with pytest.raises(v.TokenShapeError, match="not base64"):
        checks.decode_base64("QUFB\u00e9QUFB", "certificate", 4096)


def test_a_revocation_checker_must_implement_check():
    with pytest.raises(NotImplementedError):
        v.revocation.RevocationChecker().check(None, None, NOW)


def test_a_crl_naming_another_ca_is_not_used_even_under_the_same_key(ca, tmp_path):
    cert = ca.issue(rsa_key())
    other = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Another made-up CA")])
    foreign = (x509.CertificateRevocationListBuilder().issuer_name(other).last_update(NOW - DAY)
               .next_update(NOW + DAY).sign(ca.key, hashes.SHA256()))
    (tmp_path / "crl" / "ca.crl").write_bytes(foreign.public_bytes(serialization.Encoding.DER))
    with pytest.raises(v.RevocationUnknown, match="no CRL"):
        v.CrlDirectory(tmp_path / "crl").check(cert, ca.cert, NOW)


def test_a_crl_without_next_update_counts_as_out_of_date(ca, tmp_path):
    from pyasn1.codec.der import decoder, encoder
    from pyasn1_modules import rfc5280

    made = crl(ca)
    parsed, _ = decoder.decode(made.public_bytes(serialization.Encoding.DER), asn1Spec=rfc5280.CertificateList())
    tbs = parsed["tbsCertList"]
    tbs["nextUpdate"] = rfc5280.Time()  # absent: nextUpdate is OPTIONAL in RFC 5280
    tbs_der = encoder.encode(tbs)
    parsed["signature"] = rfc5280.univ.BitString.fromOctetString(
        ca.key.sign(tbs_der, padding.PKCS1v15(), hashes.SHA256()))
    (tmp_path / "crl" / "ca.crl").write_bytes(encoder.encode(parsed))
    crls = v.CrlDirectory(tmp_path / "crl")
    assert x509.load_der_x509_crl((tmp_path / "crl" / "ca.crl").read_bytes()).next_update_utc is None
    with pytest.raises(v.RevocationUnknown, match="out of date"):
        crls.check(ca.issue(rsa_key()), ca.cert, NOW)


def test_a_crl_rewritten_in_place_or_renamed_is_read_again(ca, tmp_path, monkeypatch):
    import os

    from verification import revocation
    clock = Clock(1000.0)
    monkeypatch.setattr(revocation, "time", clock)
    cert, crls, path = ca.issue(rsa_key()), v.CrlDirectory(tmp_path / "crl"), tmp_path / "crl" / "ca.crl"
    crls.check(cert, ca.cert, NOW)
    first = path.stat()
    path.write_bytes(crl(ca, revoked=[cert.serial_number]).public_bytes(serialization.Encoding.DER))
    os.utime(path, ns=(first.st_atime_ns, first.st_mtime_ns + 10**9))  # in place: same name, a later time
    clock.now += 1
    with pytest.raises(v.CertificateRevoked):
        crls.check(cert, ca.cert, NOW)
    stamp = path.stat().st_mtime_ns
    path.write_bytes(crl(ca).public_bytes(serialization.Encoding.DER))
    path.rename(tmp_path / "crl" / "renamed.crl")
    os.utime(tmp_path / "crl" / "renamed.crl", ns=(stamp, stamp))  # another name, the same time (as rsync -t)
    clock.now += 1
    crls.check(cert, ca.cert, NOW)


@pytest.mark.parametrize("module,make", [("trust", lambda folder: v.TrustStore([folder / "anchors"])),
                                         ("revocation", lambda folder: v.CrlDirectory(folder / "crl"))])
def test_the_first_look_loads_whatever_the_clock_reads(ca, tmp_path, monkeypatch, module, make):
    import importlib

    monkeypatch.setattr(importlib.import_module(f"verification.{module}"), "time", Clock(0.5))  # just booted
    cert = ca.issue(rsa_key())
    loaded = make(tmp_path)
    if module == "trust":
        assert loaded.issuer_of(cert, b"der") == ca.cert
    else:
        loaded.check(cert, ca.cert, NOW)


def anchor_without_ski(folder):
    """The small CA's own key and name in an anchor without a subject key identifier."""
    ca = SmallCA.__new__(SmallCA)
    ca.key = rsa_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Made-up test CA")])
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(ca.key.public_key())
            .serial_number(9).not_valid_before(NOW - 400 * DAY).not_valid_after(NOW + 400 * DAY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(ca.key, hashes.SHA256()))


def test_a_certificate_naming_a_key_identifier_needs_the_anchor_that_has_it(ca, tmp_path):
    folder = tmp_path / "no-ski"
    folder.mkdir()
    (folder / "ca.pem").write_bytes(anchor_without_ski(folder).public_bytes(serialization.Encoding.PEM))
    cert = ca.issue(rsa_key())  # names the small CA's key identifier, which this anchor does not carry
    assert v.TrustStore([folder]).issuer_of(cert, b"der") is None
    assert v.TrustStore([tmp_path / "anchors"]).issuer_of(cert, b"der") == ca.cert


def test_anchors_of_other_names_or_unusable_keys_are_passed_over(ca, tmp_path):
    from cryptography.hazmat.primitives.asymmetric import x25519

    folder = tmp_path / "several"
    folder.mkdir()
    other = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Another made-up CA")])
    for file, name, key in [("1-other-name.pem", other, rsa_key().public_key()),
                            ("2-x25519.pem", ca.cert.subject, x25519.X25519PrivateKey.generate().public_key())]:
        anchor = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key).serial_number(5)
                  .not_valid_before(NOW - DAY).not_valid_after(NOW + DAY).sign(rsa_key(), hashes.SHA256()))
        (folder / file).write_bytes(anchor.public_bytes(serialization.Encoding.PEM))
    (folder / "3-genuine.pem").write_bytes(ca.cert.public_bytes(serialization.Encoding.PEM))
    genuine = ca.issue(rsa_key())
    builder = (x509.CertificateBuilder().subject_name(genuine.subject).issuer_name(genuine.issuer)
               .public_key(rsa_key().public_key()).serial_number(6)
               .not_valid_before(genuine.not_valid_before_utc).not_valid_after(genuine.not_valid_after_utc))
    without_aki = builder.sign(ca.key, hashes.SHA256())  # every anchor is tried by its signature
    assert v.TrustStore([folder]).issuer_of(without_aki, b"der") == ca.cert


def test_an_anchor_rewritten_in_place_or_renamed_is_read_again(ca, tmp_path, monkeypatch):
    import os

    from verification import trust
    clock = Clock(1000.0)
    monkeypatch.setattr(trust, "time", clock)
    path = tmp_path / "anchors" / "ca.pem"
    anchors = v.TrustStore([tmp_path / "anchors"])
    assert anchors.anchors() == [ca.cert]
    first = path.stat()
    replacement = anchor_without_ski(tmp_path)
    path.write_bytes(replacement.public_bytes(serialization.Encoding.PEM))
    os.utime(path, ns=(first.st_atime_ns, first.st_mtime_ns + 10**9))  # in place: same name, a later time
    clock.now += 1
    assert anchors.anchors() == [replacement]
    stamp = path.stat().st_mtime_ns
    path.write_bytes(ca.cert.public_bytes(serialization.Encoding.PEM))
    path.rename(tmp_path / "anchors" / "renamed.pem")
    os.utime(tmp_path / "anchors" / "renamed.pem", ns=(stamp, stamp))  # another name, the same time
    clock.now += 1
    assert anchors.anchors() == [ca.cert]


def test_standing_of_a_revoked_certificate_says_revoked(test_ca, trust):
    card = card_file.issue_card(test_ca)
    der = card_file.certificate(card, "signing").public_bytes(serialization.Encoding.DER)
    test_ca.revoke("signing", card_file.certificate(card, "signing"))
    standing = v.certificate_standing(der, purpose="signing", trust_anchors=trust["signing"],
                                      revocation=v.CrlDirectory(test_ca.path / "crl"))
    assert isinstance(standing, v.CertificateRevoked)


def test_a_login_tokens_signature_over_1024_bytes_is_refused_by_its_size():
    def verify(size):
        signature = base64.b64encode(b"s" * size).decode()
        v.verify_authentication_token({**good_token(), "signature": signature}, db=None, session_id="s",
                                      nonce_purpose="login", origin="x", purpose="authentication",
                                      trust_anchors=None, revocation=None)
    with pytest.raises(v.TokenShapeError, match="signature has the wrong size"):
        verify(1025)
    with pytest.raises(v.TokenShapeError, match="not 256 bytes"):
        verify(1024)  # exactly the limit passes the size check, then fails the shape
