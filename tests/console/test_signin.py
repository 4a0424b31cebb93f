"""Officer enrolment and sign-in: password and security key (user verification required), lockout, audit rows,
the console's own cookie, network gate and idle limit."""
import re

from console import audit
from tests.console.conftest import OFFICER_PASSWORD, options, token
from tests.conftest import chrome_client
from tests.support.authenticator import SoftwareKey


def actions_of(db):
    return [r["action"] for r in audit.rows(db)]


def test_enrol_then_sign_in_with_password_and_key(make_officer, db):
    officer = make_officer("kensa@bureau.example.jp")
    queue = officer.page("/console/queue")
    assert queue.status_code == 200 and "Queue" in queue.text
    cookie = officer.client.get_cookie("oras_console", path="/console")
    assert cookie and cookie.path == "/console" and cookie.http_only
    assert actions_of(db) == ["officer_added", "officer_enrolment_code_issued", "officer_enrolled", "signin"]
    assert audit.verify(db)[1] is None


def test_the_enrolment_link_works_once(make_officer):
    officer = make_officer("once@bureau.example.jp")
    again = officer.client.get(f"/console/enrol/{officer.secret}")
    assert again.status_code == 404 and "Ask your bureau administrator for a new one" in again.text


def test_a_key_without_user_verification_is_refused(make_officer, db):
    officer = make_officer("uv@bureau.example.jp", sign_in=False)
    officer.key.user_verified = False
    response = officer.sign_in()
    assert response.status_code == 400 and "Your security key was not accepted" in response.text
    assert actions_of(db)[-1] == "signin_failed"


def test_another_key_or_origin_is_refused(make_officer, db):
    officer = make_officer("other@bureau.example.jp", sign_in=False)
    officer.key = SoftwareKey(officer.site.config["CONSOLE_ORIGIN"])  # a key never registered
    assert officer.sign_in().status_code == 400
    officer2 = make_officer("origin@bureau.example.jp", sign_in=False)
    page = officer2.client.get("/console/signin").text
    step = officer2.client.post("/console/signin", data={"csrf": token(page), "email": officer2.email,
                                                          "password": OFFICER_PASSWORD})
    wrong = officer2.client.post("/console/signin/key", data={
        "csrf": token(step.text), "credential": officer2.key.get(options(step.text), origin="http://evil.example")})
    assert wrong.status_code == 400


def test_lockout_after_repeated_failures_and_every_failure_audited(make_officer, db, site):
    officer = make_officer("lock@bureau.example.jp", sign_in=False)
    for _ in range(site.config["CONSOLE_MAX_FAILURES"]):
        assert officer.sign_in(password="wrong-password-here").status_code == 400
    locked = officer.sign_in()  # the right password and key, but locked
    assert locked.status_code == 429 and "locked until" in locked.text
    assert actions_of(db).count("signin_failed") == site.config["CONSOLE_MAX_FAILURES"] + 1


def test_an_applicant_cookie_on_the_console_gets_the_console_sign_in(member, submitted):
    response = member.get("/console/queue")
    assert response.status_code == 302 and response.headers["Location"].startswith("/console/signin")
    assert member.get(f"/console/cases/{submitted['public_id']}").status_code == 302


def test_an_officer_session_never_opens_an_applicants_page(make_officer, submitted):
    officer = make_officer("own@bureau.example.jp")
    response = officer.client.get(f"/applications/{submitted['public_id']}/status")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_outside_the_console_networks_everything_is_404(make_officer, site):
    officer = make_officer("net@bureau.example.jp")
    outside = chrome_client(site, remote_addr="203.0.113.9")
    for path in ("/console/", "/console/signin", "/console/queue", "/console/nothing-here"):
        assert outside.get(path).status_code == 404
    site.config["CONSOLE_NETWORKS"] = ()
    assert officer.page("/console/queue").status_code == 404  # production default: off until configured


def test_a_disabled_officers_live_session_ends(make_officer, site):
    officer = make_officer("gone@bureau.example.jp")
    assert officer.page("/console/queue").status_code == 200
    assert site.test_cli_runner().invoke(args=["officer", "disable", officer.email]).exit_code == 0
    assert officer.page("/console/queue").status_code == 302


def test_the_session_ends_after_the_idle_limit(make_officer, db):
    officer = make_officer("idle@bureau.example.jp")
    db.execute("UPDATE console_session SET last_seen = last_seen - 15 * 60 - 1")
    response = officer.page("/console/queue")
    assert response.status_code == 302 and "ended=1" in response.headers["Location"]


def test_posts_need_the_console_token(make_officer):
    officer = make_officer("csrf@bureau.example.jp")
    assert officer.client.post("/console/signout", data={"csrf": "forged"}).status_code == 400
    page = officer.page("/console/queue").text
    assert officer.client.post("/console/signout", data={"csrf": token(page)}).status_code == 303
    assert officer.page("/console/queue").status_code == 302


def test_an_administrator_manages_the_bureaus_officers(make_officer, db):
    admin = make_officer("admin.staff@bureau.example.jp", role="admin")
    page = admin.page("/console/officers")
    assert page.status_code == 200 and "admin.staff@bureau.example.jp" in page.text
    added = admin.client.post("/console/officers", data={"csrf": token(page.text), "email": "new@bureau.example.jp",
                                                         "name": "新人 職員", "office": "yokohama", "role": "examiner"})
    assert added.status_code == 200 and 'id="enrolment-code"' in added.text  # the one-time code, shown once
    osaka = admin.client.post("/console/officers", data={"csrf": token(page.text), "email": "x@bureau.example.jp",
                                                         "name": "x", "office": "osaka", "role": "examiner"})
    assert osaka.status_code == 400
    new = db.execute("SELECT id FROM officer WHERE email = 'new@bureau.example.jp'").fetchone()[0]
    assert admin.client.post(f"/console/officers/{new}/disable", data={"csrf": token(page.text)}).status_code == 303
    assert [r["action"] for r in audit.rows(db)][-3:] == ["officer_added", "officer_enrolment_code_issued",
                                                          "officer_disabled"]
    examiner = make_officer("not.admin@bureau.example.jp")
    assert examiner.page("/console/officers").status_code == 404


def _cookie_contents(client, site):
    from itsdangerous import URLSafeTimedSerializer
    raw = client.get_cookie("oras_console", path="/console").value
    return URLSafeTimedSerializer(site.config["SECRET_KEY"], salt="oras-console").loads(raw)


def test_a_saved_cookie_and_a_saved_assertion_never_sign_in_again(make_officer, site, db):
    """A passkey whose counter stays 0: the challenge is server-side and answers once, whatever the cookie says."""
    officer = make_officer("replay@bureau.example.jp", sign_in=False)
    page = officer.client.get("/console/signin").text
    step = officer.client.post("/console/signin", data={"csrf": token(page), "email": officer.email,
                                                         "password": OFFICER_PASSWORD})
    saved_cookie = officer.client.get_cookie("oras_console", path="/console").value
    officer.key.count = -1  # the key answers with counter 0, as many passkeys always do
    assertion = officer.key.get(options(step.text))
    first = officer.client.post("/console/signin/key", data={"csrf": token(step.text), "credential": assertion})
    assert first.status_code == 303
    thief = chrome_client(site)
    thief.set_cookie("lang", "en")
    thief.set_cookie("oras_console", saved_cookie, path="/console")
    replayed = thief.post("/console/signin/key", data={"csrf": token(step.text), "credential": assertion})
    assert replayed.status_code == 400 and "The sign-in took too long" in replayed.text
    assert thief.get("/console/queue").status_code == 302
    assert actions_of(db).count("signin") == 1


def test_a_ceremony_is_short_lived(make_officer, db):
    officer = make_officer("slow@bureau.example.jp", sign_in=False)
    page = officer.client.get("/console/signin").text
    step = officer.client.post("/console/signin", data={"csrf": token(page), "email": officer.email,
                                                         "password": OFFICER_PASSWORD})
    db.execute("UPDATE console_ceremony SET created_at = created_at - 5 * 60 - 1")
    late = officer.client.post("/console/signin/key", data={"csrf": token(step.text),
                                                            "credential": officer.key.get(options(step.text))})
    assert late.status_code == 400 and "The sign-in took too long" in late.text


def test_the_console_cookie_holds_no_challenge_and_no_password_hash(make_officer, site):
    newcomer = make_officer("cookie.enrol@bureau.example.jp", enrol=False, sign_in=False)
    page = newcomer.client.get(f"/console/enrol/{newcomer.secret}").text
    page = newcomer.client.post(f"/console/enrol/{newcomer.secret}", data={
        "csrf": token(page), "code": newcomer.code, "password": OFFICER_PASSWORD, "password_again": OFFICER_PASSWORD}).text
    contents = _cookie_contents(newcomer.client, site)
    assert set(contents) <= {"pre", "ceremony"}
    assert "argon2" not in repr(contents) and re.search(r'"challenge":\s*"([^"]+)"', options(page)).group(1) \
        not in repr(contents)
    done = newcomer.client.post(f"/console/enrol/{newcomer.secret}/key", data={
        "csrf": token(page), "credential": newcomer.key.create(options(page))})
    assert done.status_code == 200
    assert newcomer.sign_in().status_code == 303  # the password kept server-side is the one set
