"""The test J-LIS mirrors the real CA profile, and its command line issues, revokes and publishes CRLs."""
import subprocess
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from jpki import profile
from simulator import card_file
from tests.card.conftest import real_ca_dir
from tests.support.pcsc import REPO


@pytest.mark.parametrize("purpose, real", [("authentication", "jpki-auth-ca-2023.pem"),
                                           ("signing", "jpki-sign-ca-2023.pem")])
def test_ca_mirrors_the_real_profile(test_ca, purpose, real):
    real_cert = x509.load_pem_x509_certificate((real_ca_dir() / real).read_bytes())
    for gen in ("g1", "g2"):
        ours = test_ca.ca_certificate(purpose, gen)
        assert ours.subject == real_cert.subject == ours.issuer
        assert [(e.oid, e.critical) for e in ours.extensions] == [(e.oid, e.critical) for e in real_cert.extensions]
        assert ours.extensions.get_extension_for_class(x509.KeyUsage).value == \
            real_cert.extensions.get_extension_for_class(x509.KeyUsage).value
        assert ours.public_key().key_size == 2048 and isinstance(ours.signature_hash_algorithm, hashes.SHA256)


def test_generations_overlap(test_ca):
    older, newer = (test_ca.ca_certificate("signing", g) for g in ("g1", "g2"))
    assert older.not_valid_before_utc < newer.not_valid_before_utc < older.not_valid_after_utc


def test_end_entity_profiles(card_state):
    auth, sign = card_file.certificate(card_state, "authentication"), card_file.certificate(card_state, "signing")
    for cert, purpose in ((auth, "authentication"), (sign, "signing")):
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
        assert usage.critical and usage.value.content_commitment == (purpose == "signing")
        policies = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
        assert [p.policy_identifier for p in policies] == [profile.PURPOSE_PROFILE[purpose]["policy"]]
        assert cert.extensions.get_extension_for_class(x509.IssuerAlternativeName).value[0] == profile.service_name()
        assert cert.public_key().key_size == 2048
    with pytest.raises(x509.ExtensionNotFound):
        auth.extensions.get_extension_for_class(x509.SubjectAlternativeName)


def test_command_line_issue_revoke_crl(tmp_path):
    def sim(*args):
        return subprocess.run([sys.executable, "-m", "simulator", *args], cwd=REPO, check=True,
                              capture_output=True, text=True)

    card = tmp_path / "card.json"
    sim("issue", "--out", str(card), "--ca-dir", str(tmp_path / "ca"), "--name", "テスト\u3000一郎",
        "--birth", "1975-06-15", "--sex", "1", "--sign-pin", "abc123", "--not-after", "2020-01-31")
    state = card_file.load(card)
    assert state["signing"]["pin"] == "ABC123"
    assert card_file.certificate(state, "authentication").not_valid_after_utc.year == 2020
    sim("revoke", str(card), "--which", "sign")
    out = tmp_path / "crls"
    sim("crl", "--out", str(out), "--ca-dir", str(tmp_path / "ca"))
    serials = {r.serial_number for f in out.glob("signing-*.crl") for r in x509.load_der_x509_crl(f.read_bytes())}
    assert card_file.certificate(state, "signing").serial_number in serials


def test_command_line_issues_a_japanese_nationals_card(tmp_path):
    """The preset holder: a Japanese national's card carries the basic-4 information as any card does, and the
    signing certificate gives their name and birth date (the registration reads them there)."""
    from jpki.basic4 import read_basic_info
    card = tmp_path / "card-japanese_national.json"
    subprocess.run([sys.executable, "-m", "simulator", "issue", "--out", str(card), "--ca-dir", str(tmp_path / "ca"),
                    "--holder", "japanese_national"], cwd=REPO, check=True, capture_output=True, text=True)
    info = read_basic_info(card_file.certificate(card_file.load(card), "signing"))
    assert info == card_file.JAPANESE_NATIONAL
    assert card_file.HOLDERS["foreign_resident"] == card_file.DEFAULT_HOLDER  # the demo's first card is unchanged
