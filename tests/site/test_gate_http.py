"""The gate in front of real requests: refusals, the warning, proxies, and what the log keeps."""
import logging

import pytest

from tests.conftest import chrome_client
from tests.support import agents

JAPANESE_IP = "133.1.1.77"
FOREIGN_IP = "8.8.8.8"


@pytest.fixture
def strict_app(make_app):
    return make_app(GATE_ALLOW_PRIVATE_NETWORKS=False)


def get(client, path="/", ua=agents.CHROME_WINDOWS, **kwargs):
    return client.get(path, headers={"User-Agent": ua, **kwargs.pop("headers", {})}, **kwargs)


def test_japanese_chrome_passes(strict_app):
    response = get(chrome_client(strict_app, JAPANESE_IP))
    assert response.status_code == 200
    assert "在留申請オンラインシステム" in response.text


def test_foreign_address_is_refused_with_what_to_do(strict_app, caplog):
    caplog.set_level(logging.INFO, logger="oras.gate")
    response = get(chrome_client(strict_app, FOREIGN_IP))
    assert response.status_code == 403
    assert "外国からはシステムにアクセスできません" in response.text or "外国からアクセスできません" in response.text
    assert "対処方法" in response.text
    assert "8.8.8.0/24" in caplog.text and "8.8.8.8" not in caplog.text


def test_foreign_refusal_in_chinese(strict_app):
    client = chrome_client(strict_app, FOREIGN_IP)
    response = get(client, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert response.status_code == 403
    assert '<html lang="zh-Hans">' in response.text
    assert "无法从国外访问" in response.text


def test_loopback_refused_unless_configured(strict_app, app):
    assert get(chrome_client(strict_app, "127.0.0.1")).status_code == 403
    assert get(chrome_client(app, "127.0.0.1")).status_code == 200


def test_forged_forwarded_for_without_trusted_proxy_changes_nothing(strict_app):
    client = chrome_client(strict_app, FOREIGN_IP)
    response = get(client, headers={"X-Forwarded-For": JAPANESE_IP})
    assert response.status_code == 403


def test_forwarded_for_through_one_trusted_proxy(make_app):
    app = make_app(GATE_ALLOW_PRIVATE_NETWORKS=False, TRUSTED_PROXIES=1)
    proxy = chrome_client(app, "10.0.0.2")
    assert get(proxy, headers={"X-Forwarded-For": JAPANESE_IP}).status_code == 200
    assert get(proxy, headers={"X-Forwarded-For": FOREIGN_IP}).status_code == 403
    # The client may prepend anything; only the entry the trusted proxy added counts.
    assert get(proxy, headers={"X-Forwarded-For": f"{JAPANESE_IP}, {FOREIGN_IP}"}).status_code == 403
    assert get(proxy, headers={"X-Forwarded-For": f"{FOREIGN_IP}, {JAPANESE_IP}"}).status_code == 200


@pytest.mark.parametrize("header", ["junk", "", "999.999.1.1", ", , ,", "1.2.3.4" * 500, "\x00"])
def test_malformed_forwarded_for_is_a_clear_403_not_500(make_app, header):
    app = make_app(GATE_ALLOW_PRIVATE_NETWORKS=False, TRUSTED_PROXIES=1)
    response = get(chrome_client(app, "10.0.0.2"), headers={"X-Forwarded-For": header})
    assert response.status_code == 403


@pytest.mark.parametrize("ua", [agents.ANDROID_CHROME, agents.IPHONE_CRIOS, agents.IPAD_CRIOS,
                                agents.ANDROID_TABLET])
def test_phones_and_tablets_are_told_to_use_a_pc(client, ua):
    response = get(client, ua=ua)
    assert response.status_code == 403
    assert "パソコンをご利用ください" in response.text


def test_old_chrome_is_told_to_update(client):
    response = get(client, ua=agents.CHROME_71, headers={"Accept-Language": "en"})
    assert response.status_code == 403
    assert "Please update Google Chrome" in response.text


def test_other_desktop_browser_is_warned_and_may_continue(client):
    response = get(client, "/faq", ua=agents.FIREFOX)
    assert response.status_code == 200
    assert "Google Chrome を推奨しています" in response.text
    assert "よくある質問" not in response.text.split("<main", 1)[1]
    token = response.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    accepted = client.post("/browser/continue", data={"csrf_token": token, "next": "/faq"},
                           headers={"User-Agent": agents.FIREFOX})
    assert accepted.status_code == 303 and accepted.headers["Location"] == "/faq"
    again = get(client, "/faq", ua=agents.FIREFOX)
    assert "Q1" in again.text and "Google Chrome を推奨しています" not in again.text


def test_continue_never_redirects_off_site(client):
    page = get(client, ua=agents.FIREFOX)
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/browser/continue", data={"csrf_token": token, "next": target},
                               headers={"User-Agent": agents.FIREFOX})
        assert response.headers["Location"] == "/"


def test_static_files_and_health_are_not_gated(strict_app):
    client = chrome_client(strict_app, FOREIGN_IP)
    assert get(client, "/static/css/site.css", ua=agents.IPHONE_SAFARI).status_code == 200
    assert get(client, "/healthz", ua="").status_code == 200


def test_language_switch_works_on_a_refusal(strict_app):
    client = chrome_client(strict_app, FOREIGN_IP)
    switched = get(client, "/lang/zh?next=/faq")
    assert switched.status_code == 303
    response = get(client, "/faq")
    assert response.status_code == 403 and "无法从国外访问" in response.text


def _accept(client, ua, target="/faq"):
    page = get(client, target, ua=ua)
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    return client.post("/browser/continue", data={"csrf_token": token, "next": target}, headers={"User-Agent": ua})


@pytest.mark.parametrize("ua", [agents.FIREFOX, agents.EDGE])
def test_continuing_in_another_browser_is_remembered_by_that_browser_across_logout(client, ua):
    accepted = _accept(client, ua)
    cookie = accepted.headers["Set-Cookie"]
    assert "Max-Age=31536000" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    logged_out = client.post("/logout", data={"csrf_token": get(client, "/faq", ua=ua).text.split(
        'name="csrf-token" content="', 1)[1].split('"', 1)[0]}, headers={"User-Agent": ua})
    assert logged_out.status_code == 303  # the session is cleared, as at every login and logout
    again = get(client, "/faq", ua=ua)
    assert "Google Chrome を推奨しています" not in again.text and "Q1" in again.text
    other_browser = chrome_client(client.application)
    assert "Google Chrome を推奨しています" in get(other_browser, "/faq", ua=ua).text


def test_edge_is_told_it_shares_chromes_engine_and_firefox_that_it_is_unsupported(client):
    edge, firefox = get(client, "/", ua=agents.EDGE).text, get(client, "/", ua=agents.FIREFOX).text
    assert "Google Chrome と同じエンジン" in edge and "notice--info" in edge and "推奨環境ではありません" not in edge
    assert "Google Chrome と同じエンジン" not in firefox and "notice--warning" in firefox
