"""My page for every kind of account, including one that has no password yet (a NULL password_set_at)."""
from tests.support.logged_in import logged_in_client


def test_my_page_without_a_password_says_so_instead_of_failing(make_app):
    member, _account = logged_in_client(make_app(), password=None)
    for lang, text in (("en", "No password set yet"), ("ja", "パスワード未設定"), ("zh", "尚未设置密码")):
        member.set_cookie("lang", lang)
        page = member.get("/my")
        assert page.status_code == 200, page.text[:200]
        assert text in page.text


def test_my_page_shows_when_a_password_expires(make_app):
    import datetime
    member, _account = logged_in_client(make_app(), password_set_at=datetime.date(2026, 3, 1))
    member.set_cookie("lang", "en")
    page = member.get("/my")
    assert page.status_code == 200 and "2027" in page.text
