"""Guidance and login pages are rendered once per language and path for visitors who are not logged in
(templating.visitor_page); each response still carries the visitor's own CSRF token, and whatever else
could change the page renders it afresh."""
import re

import pytest

from tests.conftest import chrome_client
from tests.support.logged_in import logged_in_client


def token(page):
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def payload(signed):
    return signed.split(".")[0]  # the session's raw token; the rest is a timestamp and a signature


@pytest.mark.parametrize("path", ["/", "/faq", "/login"])
def test_a_kept_page_carries_each_visitor_own_token(app, path):
    first, second = chrome_client(app), chrome_client(app)
    pages = [first.get(path).text, second.get(path).text, first.get(path).text]
    assert len(app.extensions["visitor_pages"]) >= 1  # kept after the first
    assert payload(token(pages[0])) == payload(token(pages[2])) != payload(token(pages[1]))
    # the token is a working one: the login form reaches its own refusal, not the CSRF check's
    refused = first.post("/login", data={"csrf_token": token(pages[2]), "user_id": "NOBODY", "password": "x"})
    assert 'id="login-error"' in refused.text
    forged = first.post("/login", data={"csrf_token": token(pages[1]), "user_id": "NOBODY", "password": "x"})
    assert 'id="login-error"' not in forged.text
    assert [re.sub(r'(csrf[-_]token" (?:content|value)=")[^"]+', r"\1", p) for p in pages].count(
        re.sub(r'(csrf[-_]token" (?:content|value)=")[^"]+', r"\1", pages[0])) == 3


def test_each_language_and_path_is_kept_apart(app):
    client = chrome_client(app)
    for language, title in (("ja", "トップ"), ("zh", "首页"), ("en", "Top"), ("ja", "トップ")):
        client.set_cookie("lang", language)
        assert f"<title>{title} |" in client.get("/").text
    assert "<title>よくある質問" in chrome_client(app).get("/faq").text


def test_a_logged_in_applicant_gets_the_page_of_their_own(app):
    chrome_client(app).get("/")
    member, _account = logged_in_client(app)
    page = member.get("/").text
    assert 'action="/logout"' in page and 'href="/my"' in page


def test_a_query_string_renders_afresh(app):
    client = chrome_client(app)
    client.get("/login")
    assert 'name="next" value="/my"' in client.get("/login?next=/my").text
    assert 'name="next" value=""' in client.get("/login").text
