"""The console against an officer's odd or hostile input (issue 22): never a 500, a clear 4xx in the console's own
frame with a way back to the queue; the network gate by path before routing; the cookie's deletion."""
import re

import pytest

from tests.conftest import chrome_client
from tests.console.conftest import OFFICER_PASSWORD, options, token
from tests.console.test_cases import by_post, case_url, received  # noqa: F401


def post_form(by, application, action, **data):
    """An action's form posted with the case page's token and the given fields only."""
    page = by.page(case_url(application)).text
    return by.client.post(case_url(application, action), data={"csrf": token(page), **data})


@pytest.fixture
def supervisor(make_officer):
    return make_officer("hardening.supervisor@bureau.example.jp", role="supervisor", name="決裁 次郎")


@pytest.mark.parametrize("query", [
    "procedure=²", "procedure=" + "9" * 5000, "procedure=99999999999999999999999", "after=0:" + "9" * 25,
    "after=nan:1", "after=inf:1", "after=1e999:2", "after=0:²", "after=" + "9" * 5000 + ":1",
    "endpoint=x", "_method=POST", "endpoint=x&after=0:1", "state=received&_external=1&after=0:1",
])
def test_queue_filters_and_paging_never_fail(supervisor, query):
    response = supervisor.page("/console/queue?" + query)
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert "Back to the queue" in response.text and "Go to the top page" not in response.text


def copy_application(db, application, n):
    """Another received application like `application` (a second row for the queue's pages)."""
    changed = {"public_id": f"'{application['public_id']}-{n}'", "receipt_number": f"'TOK-2026-99{n:05d}'",
               "submitted_at": f"submitted_at + {n}", "submit_key": f"submit_key || '-{n}'"}
    columns = [r[1] for r in db.execute("PRAGMA table_info(application)") if r[1] != "id"]
    db.execute(f"INSERT INTO application ({', '.join(columns)}) SELECT {', '.join(changed.get(c, c) for c in columns)} "
               "FROM application WHERE id = ?", [application["id"]])


@pytest.mark.parametrize("hostile", ["endpoint=x", "_method=POST", "_anchor=x", "_scheme=javascript"])
def test_paging_links_carry_only_the_queues_filters(supervisor, received, db, monkeypatch, hostile):  # noqa: F811
    from console import desk
    copy_application(db, received, 1)
    monkeypatch.setattr(desk, "QUEUE_PAGE", 1)
    response = supervisor.page(f"/console/queue?state=received&procedure=3&{hostile}")
    assert response.status_code == 200
    (link,) = re.findall(r'href="([^"]+)" rel="next"', response.text)
    assert "state=received" in link and "procedure=3" in link and "after=" in link
    assert hostile.split("=")[0] not in link


@pytest.mark.parametrize("action", ["claim", "release", "reassign"])
def test_a_desk_version_of_forty_digits_is_a_conflict_not_a_500(supervisor, received, action):  # noqa: F811
    response = post_form(supervisor, received, action, desk_version="9" * 40, officer=str(supervisor.row["id"]))
    assert response.status_code in (400, 403, 409), response.status_code


@pytest.mark.parametrize("officer", ["9" * 40, "²", "-1", "9223372036854775808"])
def test_reassign_to_an_impossible_officer_is_a_field_refusal(supervisor, received, officer):  # noqa: F811
    response = post_form(supervisor, received, "reassign", officer=officer, desk_version="0")
    assert response.status_code == 400 and "Choose an officer of your bureau" in response.text


def test_a_nested_credential_is_refused_at_sign_in_and_enrolment(make_officer):
    officer = make_officer("nested@bureau.example.jp", sign_in=False)
    page = officer.client.get("/console/signin").text
    step = officer.client.post("/console/signin", data={"csrf": token(page), "email": officer.email,
                                                         "password": OFFICER_PASSWORD})
    refused = officer.client.post("/console/signin/key", data={"csrf": token(step.text), "credential": "[" * 16000})
    assert refused.status_code == 400 and "Your security key was not accepted" in refused.text
    newcomer = make_officer("nested.new@bureau.example.jp", enrol=False, sign_in=False)
    page = newcomer.client.get(f"/console/enrol/{newcomer.secret}").text
    page = newcomer.client.post(f"/console/enrol/{newcomer.secret}", data={
        "csrf": token(page), "code": newcomer.code, "password": OFFICER_PASSWORD, "password_again": OFFICER_PASSWORD}).text
    refused = newcomer.client.post(f"/console/enrol/{newcomer.secret}/key", data={"csrf": token(page),
                                                                                  "credential": "[" * 16000})
    assert refused.status_code == 400 and "Your security key was not accepted" in refused.text


@pytest.mark.parametrize("method, path", [
    ("GET", "/console"), ("GET", "/console/"), ("POST", "/console/queue"), ("GET", "/console/signout"),
    ("DELETE", "/console/signin"), ("GET", "/console/cases/x/claim"), ("GET", "/console/no-such-page"),
])
def test_outside_the_networks_the_console_is_a_404_by_path_before_routing(site, method, path):
    outside = chrome_client(site, remote_addr="203.0.113.9")
    response = outside.open(path, method=method)
    assert response.status_code == 404, (method, path, response.status_code)
    assert "Location" not in response.headers and 'class="console' not in response.get_data(as_text=True)


def test_inside_the_networks_routing_still_answers(site):
    inside = chrome_client(site)
    assert inside.get("/console").status_code == 308
    assert inside.get("/console/signout").status_code == 405


def test_signing_out_deletes_the_cookie_with_its_attributes(make_officer):
    officer = make_officer("signout.cookie@bureau.example.jp")
    page = officer.page("/console/queue").text
    response = officer.client.post("/console/signout", data={"csrf": token(page)})
    (deleted,) = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("oras_console=")]
    assert "Max-Age=0" in deleted or "expires=Thu, 01 Jan 1970" in deleted
    assert "HttpOnly" in deleted and "SameSite=Strict" in deleted and "Path=/console" in deleted


@pytest.mark.parametrize("path, code", [("/console/no-such-page", 404), ("/console/cases/NOPE-1", 404),
                                        ("/console/officers", 404)])
def test_errors_inside_the_console_keep_the_console_frame(supervisor, path, code):
    response = supervisor.client.get(path, headers={"Accept-Language": "ja"})
    supervisor.client.set_cookie("lang", "ja")
    response = supervisor.client.get(path)
    assert response.status_code == code
    page = response.text
    assert "審査コンソール" in page and "案件一覧に戻る" in page
    assert "トップページへ" not in page and "简体中文" not in page and "ログイン" not in page
    assert re.search(r'class="console-nav"', page)  # the signed-in officer keeps the console's navigation


def test_a_stale_form_is_a_400_in_the_console_frame(supervisor, received):  # noqa: F811
    supervisor.client.set_cookie("lang", "ja")
    response = supervisor.client.post(case_url(received, "claim"), data={"csrf": "stale", "desk_version": "0"})
    assert response.status_code == 400
    assert "審査コンソール" in response.text and "案件一覧に戻る" in response.text
    assert "トップページへ" not in response.text and "简体中文" not in response.text
