"""The page frame's parts kept rendered (templating.FrameFragments, base.html) are kept apart per language,
login state and path, and still carry each session's own CSRF token."""
import re

from tests.conftest import chrome_client
from tests.support.logged_in import logged_in_client


def tokens(page):
    return set(re.findall(r'name="csrf[-_]token" (?:content|value)="([^"]+)"', page))


def payload(signed):
    return signed.split(".")[0]  # the session's raw token; the rest is a timestamp and a signature


def test_visitors_and_applicants_each_get_their_own_frame(app):
    visitor = chrome_client(app)
    member, _account = logged_in_client(app)
    for _ in range(2):
        before = visitor.get("/faq").text
        mine = member.get("/my").text
        after = visitor.get("/faq").text
        assert 'action="/logout"' in mine and "js/session.js" in mine and "data-session-dialog" in mine
        assert "data-session-idle=" in mine
        for page in (before, after):
            assert 'action="/logout"' not in page and "js/session.js" not in page
            assert "data-session-dialog" not in page and "data-session-idle=" not in page


def test_each_session_gets_its_own_token_in_the_kept_parts(app):
    first, _ = logged_in_client(app, 1)
    second, _ = logged_in_client(app, 2)
    pages = [first.get("/my").text, second.get("/my").text, first.get("/applications").text]
    assert all(len(tokens(p)) == 1 for p in pages)  # the head's and the logout form's are the same token
    own = [payload(next(iter(tokens(p)))) for p in pages]
    assert own[0] == own[2] != own[1]
    assert "csrf-token-of-this-request" not in "".join(pages)
    # the token works: logging out with it ends the session
    assert first.post("/logout", data={"csrf_token": next(iter(tokens(pages[2])))}).status_code in (302, 303)
    assert first.get("/my").status_code in (302, 303)


def test_the_language_switch_names_each_page_and_language(app):
    member, _ = logged_in_client(app)
    for language, current in (("ja", "日本語"), ("zh", "简体中文"), ("ja", "日本語")):
        member.set_cookie("lang", language)
        for path in ("/my", "/applications"):
            page = member.get(path).text
            assert f'aria-current="true" lang="{ {"ja": "ja", "zh": "zh-Hans"}[language] }">{current}</span>' in page
            switch = re.search(r'<nav class="language-switch".*?</nav>', page, re.S).group(0)
            assert switch.count(f"next={path}") == 2


def test_the_login_page_leaves_out_its_own_link(app):
    visitor = chrome_client(app)
    assert 'href="/login">' in visitor.get("/faq").text
    assert 'href="/login">' not in visitor.get("/login").text
    assert 'href="/login">' in visitor.get("/prepare").text


def test_the_kept_choosing_page_carries_each_token_and_a_refusal_shows_what_was_posted(app):
    first, _ = logged_in_client(app, 1)
    second, _ = logged_in_client(app, 2)
    pages = [first.get("/applications/new").text, second.get("/applications/new").text,
             first.get("/applications/new").text]
    own = [payload(next(iter(tokens(p)))) for p in pages]
    assert all(len(tokens(p)) == 1 for p in pages) and own[0] == own[2] != own[1]
    assert "csrf-token-of-this-request" not in "".join(pages)
    assert 'name="main" value="3" checked' not in pages[2]
    refused = first.post("/applications/new", data={"csrf_token": next(iter(tokens(pages[2]))), "main": "3",
                                                    "status": "engineer_specialist", "expiry_date": "not a date"})
    assert refused.status_code == 400
    assert 'name="main" value="3" checked' in refused.text and 'value="not a date"' in refused.text
    again = first.get("/applications/new").text
    assert 'name="main" value="3" checked' not in again and 'value="not a date"' not in again
    for language in ("zh", "ja"):
        first.set_cookie("lang", language)
        assert ("您要申请什么" if language == "zh" else "何を申請しますか") in first.get("/applications/new").text
