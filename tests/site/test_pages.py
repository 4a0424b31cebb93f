"""Every guidance page in every language, the switch, the headers, and hostile input."""
import re

import pytest

from tests.support import agents

PAGES = ["/", "/procedures", "/prepare", "/flow", "/faq"]
LANG = {"ja": "ja", "zh": "zh-Hans", "en": "en"}
# A phrase each language must show on each page (from the flyer where it has one).
EXPECTED = {
    "/": {"ja": "窓口に出向く必要がなく", "zh": "不必前往受理窗口", "en": "No need to visit a counter"},
    "/procedures": {"ja": "在留資格認定証明書交付申請", "zh": "在留资格认定证明书交付申请",
                    "en": "Certificate of Eligibility"},
    "/prepare": {"ja": "カードヘルパー", "zh": "读卡助手", "en": "The card helper"},
    "/flow": {"ja": "承認メール", "zh": "认证信息", "en": "approval email"},
    "/faq": {"ja": "外国からオンラインで申請することはできますか", "zh": "可以在国外利用在线申请吗",
             "en": "Can I apply online from abroad?"},
}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["ja", "zh", "en"])
def test_page_in_each_language(client, path, lang):
    client.set_cookie("lang", lang)
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{LANG[lang]}">' in response.text
    assert EXPECTED[path][lang] in response.text
    assert 'href="#main"' in response.text and 'id="main"' in response.text


def test_japanese_is_the_default(client):
    assert '<html lang="ja">' in client.get("/").text


@pytest.mark.parametrize("header, lang", [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"), ("zh-TW", "zh-Hans"), ("en-US,en;q=0.9", "en"),
    ("fr-FR", "ja"), ("de;q=abc,,;;", "ja"), ("x" * 8000, "ja"), ("*", "ja"), ("ja;q=0, en", "en"),
])
def test_first_visit_follows_accept_language(client, header, lang):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text


def test_language_switch_is_a_plain_link_and_remembered(client):
    page = client.get("/faq")
    assert 'href="/lang/zh?next=/faq"' in page.text
    switched = client.get("/lang/zh?next=/faq")
    assert switched.status_code == 303 and switched.headers["Location"] == "/faq"
    cookie = switched.headers["Set-Cookie"]
    assert "lang=zh" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert '<html lang="zh-Hans">' in client.get("/faq").text
    assert '<html lang="zh-Hans">' in client.get("/", headers={"Accept-Language": "en"}).text


@pytest.mark.parametrize("cookie", ["xx", "", "ja\x7f", "<script>", "zh" * 2000])
def test_junk_language_cookie_is_ignored(client, cookie):
    client.set_cookie("lang", cookie)
    response = client.get("/")
    assert response.status_code == 200 and '<html lang="ja">' in response.text


def test_unknown_language_code_sets_nothing(client):
    response = client.get("/lang/fr?next=/")
    assert response.status_code == 303 and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil", "javascript:x"])
def test_language_switch_never_redirects_off_site(client, target):
    assert client.get("/lang/en", query_string={"next": target}).headers["Location"] == "/"


def test_security_headers_everywhere(client):
    for path in PAGES + ["/no-such-page", "/static/css/site.css"]:
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_no_inline_script_or_style_in_pages(client):
    for path in PAGES:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html


def test_session_cookie_flags(make_app):
    from tests.conftest import chrome_client
    production_like = make_app(SESSION_COOKIE_SECURE=True)
    client = chrome_client(production_like)
    page = client.get("/", headers={"User-Agent": agents.FIREFOX})
    cookie = page.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


@pytest.mark.parametrize("lang, text", [("ja", "ページが見つかりません"), ("zh", "找不到页面"),
                                        ("en", "Page not found")])
def test_translated_404(client, lang, text):
    client.set_cookie("lang", lang)
    response = client.get("/no/such/page")
    assert response.status_code == 404 and text in response.text


@pytest.mark.parametrize("lang, text", [("ja", "システムでエラーが発生しました"), ("zh", "系统发生错误"),
                                        ("en", "Something went wrong on our side")])
def test_translated_500(app, lang, text):
    from tests.conftest import chrome_client

    @app.get("/explode")
    def explode():
        raise RuntimeError("boom")

    client = chrome_client(app)
    client.set_cookie("lang", lang)
    response = client.get("/explode")
    assert response.status_code == 500 and text in response.text and "boom" not in response.text


def test_missing_csrf_is_a_translated_400(client):
    response = client.post("/browser/continue", data={"next": "/"})
    assert response.status_code == 400 and "フォームの有効期限が切れました" in response.text


@pytest.mark.parametrize("headers", [
    {"Cookie": "oras_session=garbage.garbage.garbage"},
    {"Cookie": "oras_session=" + "A" * 3000},
    {"User-Agent": "\u2603" * 300},
    {"Accept-Language": "\u2603;q=\u2603"},
    {"X-Forwarded-For": "\x01\x02"},
    {"Host": "127.0.0.1:5000"},
])
def test_hostile_headers_never_500(client, headers):
    response = client.get("/", headers=headers)
    assert response.status_code < 500


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_a_clear_405(client, method):
    response = client.open("/", method=method)
    assert response.status_code == 405 and "この操作はできません" in response.text


def test_procedures_page_states_the_rule_and_the_statuses(client):
    client.set_cookie("lang", "en")
    html = client.get("/procedures").text
    assert "Procedures 6 and 7 go only with 2, 3 or 4" in html
    for status in ("Diplomat", "Temporary Visitor", "Designated Activities (preparation for departure)"):
        row = html.split(f'<th scope="row">{status}</th>', 1)[1].split("</tr>", 1)[0]
        assert "Not available" in row
    for added in ("Spouse or Child of Japanese National", "Spouse or Child of Permanent Resident",
                  "Long-Term Resident"):
        row = html.split(f'<th scope="row">{added}</th>', 1)[1].split("</tr>", 1)[0]
        assert "Newly added" in row


def test_health(client):
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}


def test_production_with_the_console_on_refuses_to_start_without_the_audit_key(make_app, tmp_path):
    from tests.support.production import production_app
    with pytest.raises(RuntimeError, match="ORAS_AUDIT_SIGNING_KEY"):
        production_app(make_app, CONSOLE_NETWORKS=["10.1.0.0/16"])
    with pytest.raises(RuntimeError, match="ORAS_AUDIT_CHECKPOINT_DIR"):
        production_app(make_app, CONSOLE_NETWORKS=["10.1.0.0/16"], AUDIT_SIGNING_KEY=str(tmp_path / "key.pem"))
    assert production_app(make_app, CONSOLE_NETWORKS=["10.1.0.0/16"], AUDIT_SIGNING_KEY=str(tmp_path / "key.pem"),
                          AUDIT_CHECKPOINT_DIR=str(tmp_path / "checkpoints"))
    assert production_app(make_app)  # the console off: nothing to sign


def test_production_refuses_to_start_without_its_origin(make_app):
    with pytest.raises(RuntimeError, match="ORAS_SITE_ORIGIN"):
        make_app(MODE="production", SECRET_KEY="x" * 32)


@pytest.mark.parametrize("lang, text", [("ja", "2026年1月5日"), ("zh", "2026年1月5日"), ("en", "5 January 2026")])
def test_f30_the_smartphone_authentication_of_the_agencys_system_is_named_as_this_sites_limit(client, lang, text):
    """The agency's system accepts the My Number Card's smartphone function since 2026-01-05: the guidance says this
    site does not, instead of saying smartphones are not supported at all."""
    client.set_cookie("lang", lang)
    for path in ("/prepare", "/faq"):
        assert text in client.get(path).text, path
