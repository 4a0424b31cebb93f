"""The virtual card answers JPKI.md's protocol exactly (in-process, no PC/SC)."""
import base64
import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

from jpki import binding
from jpki import protocol as p
from simulator import card_file
from simulator.card import VirtualCard, pkcs1_type1_sign, raw_pkcs1_type1_sign


@pytest.fixture
def card(fresh_card):
    return VirtualCard(fresh_card)


def sw(response):
    return int.from_bytes(response[-2:], "big")


def send(card, apdu):
    response = card.transmit(apdu)
    return response[:-2], sw(response)


def read_file(card, fid):
    assert send(card, p.select_ef(fid))[1] == p.SW_OK
    data, word = send(card, p.read_binary(0, 4))
    assert word == p.SW_OK
    length = p.der_length(data)
    while len(data) < length:
        chunk, word = send(card, p.read_binary(len(data), min(256, length - len(data))))
        assert word == p.SW_OK
        data += chunk
    return data


def test_unknown_aid_is_6a82_and_jpki_aid_selects(card):
    assert send(card, p.select_ap(bytes.fromhex("A000000003000000")))[1] == p.SW_FILE_NOT_FOUND
    assert send(card, p.select_ap())[1] == p.SW_OK


def test_no_file_before_the_application_is_selected(card):
    assert send(card, p.select_ef(p.EF_AUTH_CERT))[1] == p.SW_FILE_NOT_FOUND
    assert send(card, p.read_binary(0, 4))[1] == p.SW_NO_CURRENT_EF


def test_reads_certificates_in_chunks(card, fresh_card):
    send(card, p.select_ap())
    cert = read_file(card, p.EF_AUTH_CERT)
    assert cert == base64.b64decode(fresh_card["authentication"]["certificate"])
    x509.load_der_x509_certificate(cert)
    assert read_file(card, p.EF_SIGN_CA_CERT) == base64.b64decode(fresh_card["signing"]["ca_certificate"])


def test_read_binary_le_zero_means_256_and_past_end_is_6b00(card):
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_AUTH_CERT))
    data, word = send(card, p.read_binary(0, 0))
    assert (len(data), word) == (256, p.SW_OK)
    length = p.der_length(data)
    tail, word = send(card, p.read_binary(length - 10, 0))
    assert (len(tail), word) == (10, p.SW_OK)
    assert send(card, p.read_binary(length, 1))[1] == p.SW_OFFSET_PAST_END


def test_token_file(card):
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_TOKEN))
    assert send(card, p.read_binary(0, 32)) == (p.TOKEN, p.SW_OK)


def test_signing_certificate_only_after_signing_password(card, fresh_card):
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_SIGN_CERT))
    assert send(card, p.read_binary(0, 4))[1] == p.SW_SECURITY_NOT_SATISFIED
    send(card, p.select_ef(p.EF_SIGN_PIN))
    assert send(card, p.verify_pin(fresh_card["signing"]["pin"]))[1] == p.SW_OK
    assert read_file(card, p.EF_SIGN_CERT) == base64.b64decode(fresh_card["signing"]["certificate"])


def test_authentication_pin_counts_down_to_blocked(card, fresh_card):
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_AUTH_PIN))
    assert send(card, p.pin_status())[1] == 0x63C3
    assert [send(card, p.verify_pin("0000"))[1] for _ in range(3)] == [0x63C2, 0x63C1, 0x63C0]
    assert send(card, p.verify_pin(fresh_card["authentication"]["pin"]))[1] == p.SW_PIN_BLOCKED
    assert send(card, p.pin_status())[1] == 0x63C0


def test_signing_password_has_five_tries_and_a_right_one_resets(card, fresh_card):
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_SIGN_PIN))
    assert send(card, p.pin_status())[1] == 0x63C5
    assert send(card, p.verify_pin("WRONG1"))[1] == 0x63C4
    assert send(card, p.verify_pin(fresh_card["signing"]["pin"]))[1] == p.SW_OK
    assert send(card, p.pin_status())[1] == 0x63C5  # also when already verified


def test_blocked_pin_stays_blocked_after_restart(tmp_path, fresh_card):
    path = tmp_path / "card.json"
    card_file.save(path, fresh_card)
    card = VirtualCard.from_file(path)
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_AUTH_PIN))
    for _ in range(3):
        send(card, p.verify_pin("9999"))
    restarted = VirtualCard.from_file(path)
    send(restarted, p.select_ap())
    send(restarted, p.select_ef(p.EF_AUTH_PIN))
    assert send(restarted, p.verify_pin(fresh_card["authentication"]["pin"]))[1] == p.SW_PIN_BLOCKED


def test_sign_needs_verify_and_reselecting_the_application_clears_it(card, fresh_card):
    info = binding.digest_info(hashlib.sha256(b"x").digest())
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_AUTH_KEY))
    assert send(card, p.compute_signature(info))[1] == p.SW_SECURITY_NOT_SATISFIED
    send(card, p.select_ef(p.EF_AUTH_PIN))
    send(card, p.verify_pin(fresh_card["authentication"]["pin"]))
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_AUTH_KEY))
    assert send(card, p.compute_signature(info))[1] == p.SW_SECURITY_NOT_SATISFIED


def test_sign_is_pkcs1_v15_over_the_digest_info(card, fresh_card):
    digest = hashlib.sha256(b"application").digest()
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_AUTH_PIN))
    send(card, p.verify_pin(fresh_card["authentication"]["pin"]))
    send(card, p.select_ef(p.EF_AUTH_KEY))
    signature, word = send(card, p.compute_signature(binding.digest_info(digest)))
    assert word == p.SW_OK and len(signature) == 256
    cert = card_file.certificate(fresh_card, "authentication")
    cert.public_key().verify(signature, digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))


def test_power_off_clears_verified_pins(card, fresh_card):
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_SIGN_PIN))
    send(card, p.verify_pin(fresh_card["signing"]["pin"]))
    card.power_off()
    send(card, p.select_ap())
    send(card, p.select_ef(p.EF_SIGN_CERT))
    assert send(card, p.read_binary(0, 4))[1] == p.SW_SECURITY_NOT_SATISFIED


def test_raw_padding_path_matches_openssl_and_pads_any_input(card):
    key = card._private_key("signing")
    info = binding.digest_info(hashlib.sha256(b"same").digest())
    expected = key.sign(info[19:], padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
    assert raw_pkcs1_type1_sign(key, info) == expected
    other = b"not a DigestInfo"
    assert key.public_key().recover_data_from_signature(pkcs1_type1_sign(key, other), padding.PKCS1v15(),
                                                        None) == other


@pytest.mark.parametrize("apdu, word", [
    (bytes([0x00, 0xCA, 0x00, 0x00, 0x00]), p.SW_INS_NOT_SUPPORTED),  # unknown INS
    (bytes([0xA0, 0xA4, 0x04, 0x0C, 0x01, 0x00]), p.SW_CLA_NOT_SUPPORTED),
    (bytes([0x80, 0xA4, 0x04, 0x0C, 0x01, 0x00]), p.SW_CLA_NOT_SUPPORTED),  # right INS, wrong class
    (bytes([0x00, 0xA4, 0x01, 0x0C, 0x02, 0x00, 0x0A]), p.SW_WRONG_P1P2),
    (bytes([0x00, 0xA4, 0x04, 0x0C, 0x05, 0x00]), p.SW_WRONG_LENGTH),  # Lc says more than sent
    (bytes([0x00, 0xB0]), p.SW_WRONG_LENGTH),
])
def test_malformed_commands_get_their_status_word(card, apdu, word):
    assert send(card, apdu)[1] == word


def test_verify_without_pin_file_and_sign_without_key_file(card):
    send(card, p.select_ap())
    assert send(card, p.pin_status())[1] == p.SW_NO_CURRENT_EF
    send(card, p.select_ef(p.EF_AUTH_CERT))
    assert send(card, p.pin_status())[1] == p.SW_FILE_INCOMPATIBLE
    assert send(card, p.compute_signature(b"\x01" * 51))[1] == p.SW_FILE_INCOMPATIBLE


def test_the_digest_people_compare_is_its_first_four_groups_of_four_hex_digits():
    digest = bytes.fromhex("3f2a9c01b7e45d66" + "00" * 24)
    assert binding.short_digest(digest) == "3F2A 9C01 B7E4 5D66"
    assert binding.short_digest(digest, groups=2) == "3F2A 9C01"
