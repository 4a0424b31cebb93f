"""An organisation's journey at HTTP level: the use application posted as a browser would, officers of the console
(tests/console's Officer, enrolled with the software authenticator) and staff enrolling with their own software
key against the site's origin."""
import re

import pytest

from store.db import connect
from tests.applications.conftest import pdf
from tests.console.conftest import Officer, options
from tests.registration.conftest import Applicant
from tests.support.authenticator import SoftwareKey

STAFF_PASSWORD = "our-people-file-2026"
NUMBER = "7010705000725"


class Browser(Applicant):
    """A visitor's or staff member's browser: the registration tests' client, its CSRF token read from any page."""

    def post(self, path, data=None, **kwargs):
        if self.csrf is None:
            self.get("/organisations/")
        return super().post(path, data, **kwargs)


def application(**overrides):
    """A complete use application of a Tokyo company with two staff members and its two documents."""
    form = {"kind": "receiving", "receiving_kind": "company", "name": "架空商事株式会社", "corporate_number": NUMBER,
            "postal_code": "1000001", "prefecture": "13", "municipality": "千代田区", "address_rest": "千代田１－１",
            "phone": "0312345678", "contact_email": "soumu@example.test",
            "staff-0-staff_name": "山田 花子", "staff-0-staff_email": "hanako@example.test",
            "staff-1-staff_name": "佐藤 一郎", "staff-1-staff_email": "ichiro@example.test"}
    form.update(overrides)
    return form


def files(**overrides):
    import io
    chosen = {"document-registry_certificate": pdf(), "document-pledge": pdf(), **overrides}
    return {key: (io.BytesIO(content), f"{key}.pdf") for key, content in chosen.items() if content is not None}


def db_of(app):
    return connect(app.config["DATABASE"])


def count(app, table):
    db = db_of(app)
    try:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        db.conn.close()


def mails(app, kind):
    db = db_of(app)
    try:
        return db.execute("SELECT recipient, subject, text_body FROM outbox WHERE kind = ? ORDER BY id", [kind]).fetchall()
    finally:
        db.conn.close()


def link_in(text, path):
    return re.search(rf"https?://[^\s]+({re.escape(path)}[^\s]+)", text).group(1)


def apply(browser, form=None, documents=None):
    browser.get("/organisations/apply")
    return browser.post("/organisations/apply", data={**(form or application()), **(documents or files())},
                        content_type="multipart/form-data")


@pytest.fixture
def site(make_app):
    return make_app()


@pytest.fixture
def applied(site):
    response = apply(Browser(site))
    assert response.status_code == 303, response.text
    db = db_of(site)
    try:
        return db.execute("SELECT public_id FROM organisation").fetchone()[0]
    finally:
        db.conn.close()


@pytest.fixture
def officers(site):
    def build(email, office="tokyo", role="examiner", name="試験 審査官"):
        officer = Officer(site, email, office, role, name).enrol()
        assert officer.sign_in().status_code == 303
        return officer
    return build


def console_post(officer, path, **data):
    page = officer.client.get(path.rsplit("/", 1)[0]).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return officer.client.post(path, data={"csrf": csrf, **data})


@pytest.fixture
def approved(site, applied, officers):
    examiner = officers("kakari@example.test")
    supervisor = officers("kessai@example.test", role="supervisor", name="試験 決裁者")
    assert console_post(examiner, f"/console/organisations/{applied}/propose", outcome="approve").status_code == 303
    assert console_post(supervisor, f"/console/organisations/{applied}/approve").status_code == 303
    return applied


class Staff(Browser):
    def __init__(self, app, email):
        super().__init__(app)
        self.email = email
        self.key = SoftwareKey(app.config["SITE_ORIGIN"])

    def enrol(self, password=STAFF_PASSWORD):
        text = next(t for to, _s, t in mails(self.app, "staff_enrolment") if to == self.email)
        path = link_in(text, "/organisations/enrol/")
        self.get(path)
        page = self.post(path, {"password": password, "password_again": password})
        assert page.status_code == 200, page.text
        return self.post(f"{path}/key", {"credential": self.key.create(options(page.text))})

    def sign_in(self, password=STAFF_PASSWORD):
        self.get("/organisations/signin")
        page = self.post("/organisations/signin", {"email": self.email, "password": password})
        if page.status_code != 200:
            return page
        return self.post("/organisations/signin/key", {"credential": self.key.get(options(page.text))})
