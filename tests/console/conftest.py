"""Console fixtures: the submission tests' site, applicant and signed extension; officers created by the
operator's command path, enrolled and signed in through the real pages with a software WebAuthn key."""
import html
import re

import pytest

from applications import records
from console.cli import add_officer
from store.db import connect
from tests.conftest import chrome_client
from tests.submission.conftest import (account, database, db, draft, member, post_submit, signed, site,  # noqa: F401
                                       certificates)
from tests.card.conftest import card_state, other_card_state, test_ca  # noqa: F401
from tests.support.authenticator import SoftwareKey

OFFICER_PASSWORD = "desk-work-2026-spring"


def token(page_html):
    return re.search(r'name="csrf" value="([^"]+)"', page_html).group(1)


def options(page_html):
    return html.unescape(re.search(r'data-options="([^"]+)"', page_html).group(1))


class Officer:
    def __init__(self, site, email, office, role, name):
        with site.app_context():
            db = connect(site.config["DATABASE"])
            self.row, self.secret, self.code = add_officer(db, email, name, office, role)
            db.conn.close()
        self.site, self.email = site, email
        self.key = SoftwareKey(site.config["CONSOLE_ORIGIN"])
        self.client = chrome_client(site)
        self.client.set_cookie("lang", "en")

    def enrol(self):
        page = self.client.get(f"/console/enrol/{self.secret}").text
        page = self.client.post(f"/console/enrol/{self.secret}", data={
            "csrf": token(page), "code": self.code, "password": OFFICER_PASSWORD,
            "password_again": OFFICER_PASSWORD}).text
        done = self.client.post(f"/console/enrol/{self.secret}/key", data={
            "csrf": token(page), "credential": self.key.create(options(page))})
        assert done.status_code == 200 and "Your officer account is ready" in done.text, done.text
        return self

    def sign_in(self, password=OFFICER_PASSWORD, client=None):
        client = client or self.client
        page = client.get("/console/signin").text
        step = client.post("/console/signin", data={"csrf": token(page), "email": self.email, "password": password})
        if step.status_code != 200:
            return step
        return client.post("/console/signin/key", data={"csrf": token(step.text), "credential": self.key.get(options(step.text))})

    def page(self, path):
        return self.client.get(path)

    def post(self, path, **data):
        page = self.client.get(path.rsplit("/", 1)[0] if "/cases/" in path else "/console/queue").text
        return self.client.post(path, data={"csrf": token(page), **data})


@pytest.fixture
def make_officer(site):
    def build(email, office="tokyo", role="examiner", name="試験 審査官", enrol=True, sign_in=True):
        officer = Officer(site, email, office, role, name)
        if enrol:
            officer.enrol()
        if sign_in:
            response = officer.sign_in()
            assert response.status_code == 303, response.text
        return officer
    return build


@pytest.fixture
def submitted(member, draft, db, card_state):  # noqa: F811
    assert post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state)).status_code == 303
    return records.by_public_id(db, draft["public_id"])
