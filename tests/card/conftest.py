"""Session-wide test PKI and cards: RSA keys are generated once per session (key generation is slow)."""
import datetime
import pathlib

import pytest

from jpki.basic4 import BasicInfo
from simulator import card_file
from simulator.ca import TestJLIS
from verification import CrlDirectory, TrustStore

HOLDER = BasicInfo(name="テスト\u3000花子", birth_date=datetime.date(1990, 4, 1), sex="2",
                   address="東京都千代田区霞が関一丁目1番1号")
OTHER_HOLDER = BasicInfo(name="試験\u3000太郎", birth_date=datetime.date(1985, 12, 24), sex="1",
                         address="東京都千代田区永田町二丁目3番4号")
SITE_ORIGIN = "http://127.0.0.1:5000"
REAL_CA_DIR = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "jpki-ca"


def real_ca_dir():
    """The real J-LIS CA certificates, in ../shared/jpki-ca beside the checkout (never copied into it)."""
    if not REAL_CA_DIR.is_dir():
        from tests.support.real_parts import missing
        missing(f"the real J-LIS CA certificates in {REAL_CA_DIR}")
    return REAL_CA_DIR


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory):
    return TestJLIS.open(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="session")
def foreign_ca(tmp_path_factory):
    """Same names as the test J-LIS, different keys: an unknown CA."""
    return TestJLIS.open(tmp_path_factory.mktemp("foreign-ca"))


@pytest.fixture(scope="session")
def card_state(test_ca):
    return card_file.issue_card(test_ca, holder=HOLDER)


@pytest.fixture(scope="session")
def other_card_state(test_ca):
    return card_file.issue_card(test_ca, holder=OTHER_HOLDER, auth_pin="5678", sign_pin="OTHERPASS2")


@pytest.fixture(scope="session")
def trust(test_ca):
    return {"authentication": TrustStore([test_ca.anchor_dir("authentication")]),
            "signing": TrustStore([test_ca.anchor_dir("signing")]),
            "revocation": CrlDirectory(test_ca.path / "crl")}


@pytest.fixture
def fresh_card(card_state):
    """A copy of the session card with full PIN counters, for tests that spend tries."""
    import copy

    return copy.deepcopy(card_state)
