"""Staff enrol with a password and a passkey (the software authenticator), sign in with both, and the
organisation's administrator adds and removes them: a removed member's session ends at once."""
import re

from tests.organisations.conftest import STAFF_PASSWORD, Staff, db_of, mails
from tests.support.authenticator import SoftwareKey


def column(site, sql, *args):
    db = db_of(site)
    try:
        return db.execute(sql, args).fetchone()[0]
    finally:
        db.conn.close()


def test_enrolment_with_a_passkey_signs_in_and_starts_the_year(site, approved):
    hanako = Staff(site, "hanako@example.test")
    done = hanako.enrol()
    assert done.status_code == 303 and done.location.endswith("/organisations/home")
    home = hanako.get("/organisations/home")
    assert home.status_code == 200 and "架空商事株式会社" in home.text and "ichiro@example.test" in home.text
    assert column(site, "SELECT valid_until FROM organisation") is not None
    assert column(site, "SELECT COUNT(*) FROM staff_credential") == 1
    assert column(site, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == "staff_enrolled"


def test_the_link_works_once(site, approved):
    hanako = Staff(site, "hanako@example.test")
    hanako.enrol()
    again = Staff(site, "hanako@example.test")
    text = mails(site, "staff_enrolment")[0][2]
    path = re.search(r"(/organisations/enrol/[^\s]+)", text).group(1)
    assert again.get(path).status_code == 404


def test_sign_in_needs_the_password_and_the_registered_key(site, approved):
    hanako = Staff(site, "hanako@example.test")
    hanako.enrol()
    hanako.get("/organisations/home")
    assert hanako.post("/organisations/signout").status_code == 303
    assert hanako.get("/organisations/home").status_code == 302
    assert hanako.sign_in(password="not-the-password-2026").status_code == 400
    stranger = Staff(site, "hanako@example.test")
    stranger.key = SoftwareKey(site.config["SITE_ORIGIN"])  # a key never registered
    page = stranger.sign_in()
    assert page.status_code == 400
    assert hanako.sign_in().status_code == 303
    assert hanako.get("/organisations/home").status_code == 200


def test_a_key_answering_for_another_origin_is_refused(site, approved):
    hanako = Staff(site, "hanako@example.test")
    hanako.key = SoftwareKey("https://other.example.test")
    assert hanako.enrol().status_code == 400
    assert column(site, "SELECT COUNT(*) FROM staff_credential") == 0


def test_removal_ends_the_members_session_at_once(site, approved):
    hanako, ichiro = Staff(site, "hanako@example.test"), Staff(site, "ichiro@example.test")
    hanako.enrol()
    ichiro.enrol()
    assert ichiro.get("/organisations/home").status_code == 200
    assert "organisations/staff/" not in ichiro.get("/organisations/home").text  # not an administrator
    member = column(site, "SELECT id FROM organisation_staff WHERE email = 'ichiro@example.test'")
    hanako.get("/organisations/home")
    assert hanako.post(f"/organisations/staff/{member}/remove").status_code == 303
    ended = ichiro.get("/organisations/home")
    assert ended.status_code == 302 and "/organisations/signin" in ended.location
    assert ichiro.sign_in().status_code == 400
    assert column(site, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == "staff_removed"


def test_only_the_administrator_adds_and_removes(site, approved):
    hanako, ichiro = Staff(site, "hanako@example.test"), Staff(site, "ichiro@example.test")
    hanako.enrol()
    ichiro.enrol()
    admin = column(site, "SELECT id FROM organisation_staff WHERE email = 'hanako@example.test'")
    ichiro.get("/organisations/home")
    assert ichiro.post(f"/organisations/staff/{admin}/remove").status_code == 303
    assert column(site, "SELECT removed_at FROM organisation_staff WHERE id = ?", admin) is None
    assert ichiro.post("/organisations/staff", {"staff_name": "鈴木 三郎",
                                                 "staff_email": "saburo@example.test"}).status_code == 303
    assert column(site, "SELECT COUNT(*) FROM organisation_staff") == 2


def test_an_added_member_gets_an_enrolment_mail(site, approved):
    hanako = Staff(site, "hanako@example.test")
    hanako.enrol()
    hanako.get("/organisations/home")
    bad = hanako.post("/organisations/staff", {"staff_name": "鈴木 三郎", "staff_email": "saburo@"})
    assert bad.status_code == 400 and 'id="staff_email-error"' in bad.text
    assert hanako.post("/organisations/staff", {"staff_name": "鈴木 三郎",
                                                 "staff_email": "saburo@example.test"}).status_code == 303
    saburo = Staff(site, "saburo@example.test")
    assert saburo.enrol().status_code == 303


def test_another_organisations_member_cannot_be_removed(site, approved):
    hanako = Staff(site, "hanako@example.test")
    hanako.enrol()
    hanako.get("/organisations/home")
    assert hanako.post("/organisations/staff/999999/remove").status_code == 303
    assert column(site, "SELECT COUNT(*) FROM organisation_staff WHERE removed_at IS NOT NULL") == 0


def test_staff_password_rules_are_the_sites(site, approved):
    hanako = Staff(site, "hanako@example.test")
    text = mails(site, "staff_enrolment")[0][2]
    path = re.search(r"(/organisations/enrol/[^\s]+)", text).group(1)
    hanako.get(path)
    short = hanako.post(path, {"password": "short", "password_again": "short"})
    assert short.status_code == 400
    differ = hanako.post(path, {"password": STAFF_PASSWORD, "password_again": STAFF_PASSWORD + "x"})
    assert differ.status_code == 400


def test_a_member_of_an_organisation_not_approved_is_signed_out_not_sent_round(site, approved):
    hanako = Staff(site, "hanako@example.test")
    hanako.enrol()
    db = db_of(site)
    with db.conn:
        db.execute("UPDATE organisation SET state = 'applied'")
    db.conn.close()
    sent = hanako.get("/organisations/home")
    assert sent.status_code == 302 and sent.location.endswith("/organisations/signin")
    page = hanako.get("/organisations/signin")
    assert page.status_code == 200 and "承認されていません" in page.text
    assert column(site, "SELECT COUNT(*) FROM staff_session WHERE ended_at IS NULL") == 0


def test_a_signed_in_staff_member_sees_their_organisation_and_sign_out_in_the_header(site, approved):
    hanako = Staff(site, "hanako@example.test")
    hanako.enrol()
    for path in ("/organisations/home", "/organisations/people", "/"):  # theirs, and a visitor's page
        header = hanako.get(path).text.split("</header>")[0]
        assert 'action="/organisations/signout"' in header and 'href="/organisations/home"' in header, path
        assert 'href="/login' not in header, path  # it offered an applicant's log-in to someone signed in
    visitor = Staff(site, "nobody@example.test")
    header = visitor.get("/").text.split("</header>")[0]
    assert 'href="/login' in header and "/organisations/signout" not in header
