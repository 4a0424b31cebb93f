"""Registration through the Flask test client, with card answers made in-process from test cards (no pcscd)."""
import datetime
import json
import re

import pytest

from jpki.basic4 import BasicInfo
from simulator import card_file
from simulator.ca import TestJLIS
from tests.card.in_process import token
from tests.conftest import chrome_client
from tests.support.sessions import app_trusting

SITE_ORIGIN = "http://127.0.0.1:5000"
SABURO = BasicInfo(name="試験\u3000三郎", birth_date=datetime.date(1992, 2, 29), sex="1",
                   address="大阪府大阪市中央区大手前一丁目1番1号")
MEIMEI = BasicInfo(name="测试\u3000美美", birth_date=datetime.date(1995, 10, 1), sex="2",
                   address="東京都港区港南五丁目5番30号")
DETAILS = {"email": "saburo.shiken@example.jp", "email_confirm": "saburo.shiken@example.jp",
           "residence_card_number": "AB12345678CD", "nationality": "CN", "phone": "090-1234-5678", "consent": "1"}


@pytest.fixture(scope="session")
def ca(tmp_path_factory):
    jlis = TestJLIS.open(tmp_path_factory.mktemp("registration-ca"))
    jlis.publish_crls()
    return jlis


@pytest.fixture(scope="session")
def saburo_card(ca):
    return card_file.issue_card(ca, holder=SABURO)


@pytest.fixture(scope="session")
def meimei_card(ca):
    return card_file.issue_card(ca, holder=MEIMEI)


@pytest.fixture
def reg_app(make_app, ca):
    from blueprints.card import _trust
    _trust.cache_clear()  # each test sees the CRLs as they are now
    return app_trusting(make_app, ca, SITE_ORIGIN)


class Applicant:
    """One browser: reads its card through the site's own challenge endpoint, then fills the form."""

    def __init__(self, app, lang="ja"):
        self.app = app
        self.client = chrome_client(app)
        self.client.set_cookie("lang", lang)
        self.csrf = None

    def get(self, path, **kwargs):
        response = self.client.get(path, **kwargs)
        found = re.search(r'<meta name="csrf-token" content="([^"]+)"', response.text)
        if found:
            self.csrf = found.group(1)
        return response

    def post(self, path, data=None, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf)
        return self.client.post(path, data=data, **kwargs)

    def answer(self, state, which):
        """What the helper would hand the page for this card and step."""
        if self.csrf is None:
            self.get("/register")
        challenge = self.client.post(f"/card/challenge/register_{which}", headers={"X-CSRFToken": self.csrf})
        assert challenge.status_code == 200, challenge.text
        return json.dumps(token(state, SITE_ORIGIN, challenge.json["nonce"], purpose=which))

    def read_card(self, state, which):
        self.get(f"/register/card/{which}")
        return self.post(f"/register/card/{which}", {"card_token": self.answer(state, which)})

    def read_both(self, state):
        first = self.read_card(state, "authentication")
        assert first.status_code == 303, first.text
        second = self.read_card(state, "signing")
        assert second.status_code == 303, second.text
        assert second.headers["Location"].endswith("/register/details")
        self.get("/register/details")

    def submit(self, **changes):
        return self.post("/register/details", {**DETAILS, **changes})


@pytest.fixture
def applicant(reg_app):
    return Applicant(reg_app)


def count(app, table):
    from store import connect
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        db.conn.close()


TARO = card_file.JAPANESE_NATIONAL  # the simulator's Japanese national's card (`issue --holder japanese_national`)
YUKO = BasicInfo(name="代理\u3000優子", birth_date=datetime.date(1975, 3, 3), sex="2",
                 address="東京都新宿区西新宿二丁目8番1号")
JAPANESE_DETAILS = {"email": "taro.nihon@example.jp", "email_confirm": "taro.nihon@example.jp",
                    "phone": "03-1234-5678", "consent": "1"}
AGENT_DETAILS = {"email": "yuko.dairi@example.jp", "email_confirm": "yuko.dairi@example.jp", "phone": "0312345678",
                 "nationality": "JP", "profession": "gyoseishoshi", "registration_number": "12345678",
                 "association": "東京都行政書士会", "agent_number": "東京（行）第12-345号",
                 "office_postal_code": "160-0023", "office_prefecture": "", "office_municipality": "",
                 "office_address_rest": "西新宿一丁目１－１", "consent": "1"}


@pytest.fixture(scope="session")
def taro_card(ca):
    return card_file.issue_card(ca, holder=TARO)


@pytest.fixture(scope="session")
def yuko_card(ca):
    return card_file.issue_card(ca, holder=YUKO)
