"""Flask-Limiter's before-request check runs only while an application-wide or default limit exists
(ratelimit._check_before_request_only_when_needed): one set by configuration still counts every page; its
after-request headers only where limits were looked at (ratelimit._close_only_what_was_opened)."""
import pytest

from ratelimit import limiter
from tests.ratelimit import login_site


@pytest.mark.parametrize("setting", ["RATELIMIT_APPLICATION", "RATELIMIT_DEFAULT"])
def test_a_configured_wide_limit_counts_every_page(tmp_path, setting):
    manager = limiter.limit_manager
    try:
        site = login_site.build(str(tmp_path / "oras.db"), **{setting: "3 per minute"})
        web = login_site.client(site)
        assert [web.get("/faq").status_code for _ in range(4)] == [200, 200, 200, 429]
    finally:  # the limiter is one per process: the next app must not inherit the limit
        manager.set_application_limits([])
        manager.set_default_limits([])


def test_without_one_pages_are_not_limited(tmp_path):
    web = login_site.client(login_site.build(str(tmp_path / "oras.db")))
    assert all(web.get("/faq").status_code == 200 for _ in range(40))


def test_a_limited_view_still_says_what_is_left(tmp_path):
    web = login_site.client(login_site.build(str(tmp_path / "oras.db")))
    answers = [web.post("/test-login", data={"user_id": "AB12CD34"}) for _ in range(2)]
    assert [a.headers.get("X-RateLimit-Remaining") for a in answers] == ["4", "3"]
    assert "X-RateLimit-Remaining" not in web.get("/faq").headers
