"""Shared JPKI rules: era-aware birth dates, basic-4 information, DER lengths, the login binding."""
import datetime
import hashlib

import pytest

from jpki import basic4, binding, era
from jpki import protocol as p
from simulator import card_file


@pytest.mark.parametrize("day, text", [
    (datetime.date(1990, 4, 1), "419900401"),  # Heisei
    (datetime.date(1989, 1, 7), "319890107"),  # last day of Showa
    (datetime.date(1989, 1, 8), "419890108"),  # first day of Heisei
    (datetime.date(2019, 5, 1), "520190501"),  # Reiwa
    (datetime.date(1920, 2, 29), "219200229"),  # Taisho, leap day
])
def test_birth_date_encoding_round_trips(day, text):
    assert era.encode_birth_date(day) == text
    assert era.decode_birth_date(text) == day


@pytest.mark.parametrize("text", ["19900401", "919900401", "4199004XX", "419901301"])
def test_malformed_birth_dates_are_refused(text):
    with pytest.raises(ValueError):
        era.decode_birth_date(text)


def test_basic_info_round_trips_through_the_signing_certificate(card_state):
    info = basic4.read_basic_info(card_file.certificate(card_state, "signing"))
    assert info == basic4.BasicInfo("テスト\u3000花子", datetime.date(1990, 4, 1), "2",
                                    "東京都千代田区霞が関一丁目1番1号")


def test_authentication_certificate_carries_no_personal_data(card_state):
    with pytest.raises(ValueError):
        basic4.read_basic_info(card_file.certificate(card_state, "authentication"))


def test_der_length_from_header():
    assert p.der_length(bytes.fromhex("308204b0")) == 0x4B0 + 4
    assert p.der_length(bytes.fromhex("3081ff")) == 0xFF + 3
    with pytest.raises(ValueError):
        p.der_length(b"\x04\x02")


def test_authentication_digest_binds_origin_and_nonce():
    h = hashlib.sha256
    expected = h(h(b"https://a.example").digest() + h(b"nonce").digest()).digest()
    assert binding.authentication_digest("https://a.example", "nonce") == expected
    assert binding.authentication_digest("https://b.example", "nonce") != expected


def test_pin_rules():
    assert p.normalise_pin("signing", " abc123 ") == "ABC123"
    assert p.pin_well_formed("signing", "ABC123") and not p.pin_well_formed("signing", "ABC12")
    assert p.pin_well_formed("authentication", "1234") and not p.pin_well_formed("authentication", "12a4")
