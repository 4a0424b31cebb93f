"""The enrolment link's one-time code: the administrator is shown it once (adding the officer, a new link, a key
reset), the officer types it at enrolment; a wrong code is refused, counted and audited, and the link is spent
after a few; only a hash is stored."""
import re

import pytest

from console import audit, officers
from tests.console.conftest import OFFICER_PASSWORD, token
from tests.console.test_staff import change, enrolment_links, shown_code


@pytest.fixture
def admin(make_officer):
    return make_officer("code.admin@bureau.example.jp", role="admin", name="管理 三郎")


def add_on_page(admin, email, name="新人 四郎"):
    page = admin.page("/console/officers").text
    return admin.client.post("/console/officers", data={"csrf": token(page), "email": email, "name": name,
                                                        "office": "tokyo", "role": "examiner"})


def wrong_codes(right, n):
    """`n` well-formed codes (8 digits), none of them `right`."""
    return [f"{(int(right) + step) % 10 ** 8:08d}" for step in range(1, n + 1)]


def enrol_step(client, secret, code, password=OFFICER_PASSWORD):
    page = client.get(f"/console/enrol/{secret}").text
    return client.post(f"/console/enrol/{secret}", data={"csrf": token(page), "code": code, "password": password,
                                                         "password_again": password})


def test_the_administrator_sees_the_code_once_and_only_its_hash_is_stored(admin, db):
    added = add_on_page(admin, "shinjin@bureau.example.jp")
    assert added.status_code == 200 and added.headers["Cache-Control"] == "no-store"
    assert 'value="shinjin@bureau.example.jp"' not in added.text  # the add form is empty again
    code = shown_code(added.text)
    assert code not in admin.page("/console/officers").text  # not shown again
    (secret,) = enrolment_links(db, "shinjin@bureau.example.jp")
    mail = db.execute("SELECT text_body FROM outbox WHERE recipient = 'shinjin@bureau.example.jp'").fetchone()[0]
    assert code not in mail  # the code goes apart from the email
    stored = db.execute("SELECT * FROM officer_token WHERE used_at IS NULL AND officer_id = "
                        "(SELECT id FROM officer WHERE email = 'shinjin@bureau.example.jp')").fetchone()
    assert code not in repr(stored) and len(stored) and officers.code_matches(
        dict(zip([c[0] for c in db.execute("SELECT * FROM officer_token").description], stored)), secret, code)
    issued = [r for r in audit.rows(db) if r["action"] == "officer_enrolment_code_issued"][-1]
    assert issued["officer_id"] == admin.row["id"] and "shinjin@bureau.example.jp" in str(issued["detail"])
    assert code not in str(list(audit.rows(db)))


def test_a_wrong_code_is_refused_counted_audited_and_the_right_one_enrols(make_officer, db):
    newcomer = make_officer("typo@bureau.example.jp", enrol=False, sign_in=False)
    wrong = "00000000" if newcomer.code != "00000000" else "11111111"
    refused = enrol_step(newcomer.client, newcomer.secret, wrong)
    assert refused.status_code == 400 and "The enrolment code is not right" in refused.text
    assert "4 tries left" in refused.text and 'id="code-field"' in refused.text and "field--error" in refused.text
    failed = list(audit.rows(db))[-1]
    assert failed["action"] == "officer_enrolment_code_failed" and '"tries":1' in failed["detail"]
    assert db.execute("SELECT COUNT(*) FROM console_ceremony").fetchone()[0] == 0  # no key step begun
    missing = enrol_step(newcomer.client, newcomer.secret, "")
    assert missing.status_code == 400 and "3 tries left" in missing.text
    # typed with full-width digits and a hyphen, as a code read out on the telephone may be
    spaced = "".join(chr(ord(c) + 0xFEE0) for c in newcomer.code[:4]) + "-" + newcomer.code[4:]
    assert enrol_step(newcomer.client, newcomer.secret, spaced).status_code == 200
    newcomer.enrol()
    assert newcomer.sign_in().status_code == 303


def test_the_link_is_spent_after_the_last_wrong_code_and_a_new_one_works(admin, make_officer, db):
    newcomer = make_officer("guesser@bureau.example.jp", enrol=False, sign_in=False)
    wrong = wrong_codes(newcomer.code, officers.ENROLMENT_CODE_TRIES)
    for attempt, code in enumerate(wrong[:-1]):  # well-formed codes (8 digits), each wrong: refused as wrong
        refused = enrol_step(newcomer.client, newcomer.secret, code)
        assert refused.status_code == 400 and "The enrolment code is not right" in refused.text
        assert f'"tries":{attempt + 1}' in list(audit.rows(db))[-1]["detail"]
    spent = enrol_step(newcomer.client, newcomer.secret, wrong[-1])
    assert spent.status_code == 403 and "Ask your bureau administrator to send a new link and code" in spent.text
    assert '"link_spent":true' in list(audit.rows(db))[-1]["detail"]
    assert newcomer.client.get(f"/console/enrol/{newcomer.secret}").status_code == 404
    csrf = token(newcomer.client.get("/console/signin").text)
    assert newcomer.client.post(f"/console/enrol/{newcomer.secret}", data={  # even with the right code
        "csrf": csrf, "code": newcomer.code, "password": OFFICER_PASSWORD,
        "password_again": OFFICER_PASSWORD}).status_code == 404
    resent = change(admin, newcomer.row["id"], "resend")
    newcomer.secret, newcomer.code = enrolment_links(db, "guesser@bureau.example.jp")[-1], shown_code(resent.text)
    newcomer.enrol()
    assert newcomer.sign_in().status_code == 303


def test_a_code_of_another_link_does_not_open_this_one(make_officer, db):
    """Each code is bound to its own link: the other link's code is refused as wrong on each, and each link's own
    code then opens it (the refusal was the code's, not the form's)."""
    first = make_officer("first.code@bureau.example.jp", enrol=False, sign_in=False)
    second = make_officer("second.code@bureau.example.jp", enrol=False, sign_in=False)
    assert re.fullmatch(r"\d{8}", first.code) and re.fullmatch(r"\d{8}", second.code)
    assert first.code != second.code  # 8 random digits each (a clash is one in 10^8)
    for officer, other in ((first, second), (second, first)):
        refused = enrol_step(officer.client, officer.secret, other.code)
        assert refused.status_code == 400 and "The enrolment code is not right" in refused.text
        failed = list(audit.rows(db))[-1]
        assert failed["action"] == "officer_enrolment_code_failed" and failed["officer_email"] == officer.email
    for officer in (first, second):
        assert enrol_step(officer.client, officer.secret, officer.code).status_code == 200
        officer.enrol()
        assert officer.sign_in().status_code == 303


def test_the_operator_command_prints_the_code(site):
    result = site.test_cli_runner().invoke(args=["officer", "add", "cli.code@bureau.example.jp", "--name", "端末 五郎",
                                                 "--bureau", "tokyo", "--role", "examiner"])
    assert result.exit_code == 0, result.output
    assert re.search(r"one-time enrolment code .*: \d{8}$", result.output, re.M)
