"""Login attempts limited per account and per address, with the translated 429 page, across server processes."""
import sys

import pytest

from tests.ratelimit import login_site
from tests.support.processes import Child, wait_until

ROOT = __file__.rsplit("/tests/", 1)[0]


@pytest.fixture
def site(tmp_path):
    return login_site.build(str(tmp_path / "oras.db"))


def test_five_tries_per_account_then_a_translated_429(site):
    codes = []
    for n in range(7):
        web = login_site.client(site, ip=f"10.1.0.{n + 1}")  # a new address each time: only the account counts
        web.set_cookie("lang", "en")
        codes.append(web.post("/test-login", data={"user_id": "AB12CD34"}))
    assert [r.status_code for r in codes] == [200] * 5 + [429] * 2
    refused = codes[-1]
    assert "Too many attempts" in refused.text and "Wait a few minutes" in refused.text
    assert int(refused.headers["Retry-After"]) > 0
    assert '<html lang="en">' in refused.text


def test_the_account_is_named_however_it_is_typed(site):
    web = login_site.client(site)
    for spelling in ["ab12cd34", " AB12CD34 ", "Ab12Cd34", "AB12CD34", "ab12CD34"]:
        assert web.post("/test-login", data={"user_id": spelling}).status_code == 200
    assert web.post("/test-login", data={"user_id": "AB12CD34"}).status_code == 429
    assert web.post("/test-login", data={"user_id": "ZZ99YY88"}).status_code == 200


def test_twenty_tries_per_address_across_accounts(site):
    web = login_site.client(site, ip="10.2.0.1")
    codes = [web.post("/test-login", data={"user_id": f"user{n}"}).status_code for n in range(22)]
    assert codes == [200] * 20 + [429] * 2
    assert login_site.client(site, ip="10.2.0.2").post("/test-login", data={"user_id": "other"}).status_code == 200


def test_tries_without_an_account_count_against_the_address(site):
    web = login_site.client(site, ip="10.3.0.1")
    codes = [web.post("/test-login", data={}).status_code for _ in range(21)]
    assert codes[-1] == 429 and codes.count(200) == 20


def test_limits_come_from_configuration(tmp_path):
    site = login_site.build(str(tmp_path / "oras.db"), LOGIN_LIMIT_PER_ACCOUNT="2 per hour")
    web = login_site.client(site)
    assert [web.post("/test-login", data={"user_id": "x1"}).status_code for _ in range(3)] == [200, 200, 429]


def test_the_limits_are_kept_in_the_site_database(site):
    assert site.config["RATELIMIT_STORAGE_URI"] == "oras-sqlite://" + site.config["DATABASE"]
    login_site.client(site).post("/test-login", data={"user_id": "AB12CD34"})
    from store.db import connect
    db = connect(site.config["DATABASE"])
    assert db.execute("SELECT COUNT(*) FROM rate_limit_entry").fetchone()[0] == 2  # one per address, one per account


def test_other_pages_are_not_limited(site):
    web = login_site.client(site)
    assert all(web.get("/").status_code == 200 for _ in range(30))


@pytest.mark.parametrize("vary, limit", [("ip", 5), ("account", 20)])
def test_two_server_processes_share_the_limits(tmp_path, vary, limit):
    database = str(tmp_path / "oras.db")
    login_site.build(database)  # create and migrate once
    go = tmp_path / "go"
    children = []
    try:
        for n in range(2):
            out = tmp_path / f"codes-{n}"
            children.append((Child([sys.executable, "-m", "tests.ratelimit.login_site", database, "15", vary,
                                    str(go), str(out)], cwd=ROOT, log_path=str(tmp_path / f"child-{n}.log")), out))
        go.touch()
        for child, out in children:
            wait_until(lambda: out.exists() or not child.alive(), 60, what=f"process {child.pid}")
            assert out.exists(), child.log_tail()
        codes = [int(code) for _, out in children for code in out.read_text().split()]
    finally:
        for child, _ in children:
            child.stop()
    assert len(codes) == 30
    assert codes.count(200) == limit and codes.count(429) == 30 - limit
