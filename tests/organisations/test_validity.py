"""The approval's year: lapsed staff read but do not file; the periodic report, reviewed with four eyes, renews it;
reminders 30 and 7 days before, once each."""
import datetime

import pytest
from flask import Blueprint

from organisations import steps
from organisations.session import may_file
from rules.clock import today_in_japan
from tests.organisations.conftest import Staff, console_post, db_of, mails


@pytest.fixture
def site(make_app):
    """The site with one route that files (the staff filing pages guard theirs with the same decorator)."""
    app = make_app()
    probe = Blueprint("filing_probe", __name__)

    @probe.post("/organisations/probe/file")
    @may_file
    def file():
        return "filed"
    app.register_blueprint(probe)
    return app


def set_valid_until(site, day):
    db = db_of(site)
    with db.conn:
        db.execute("UPDATE organisation SET valid_until = ?", [day.isoformat()])
    db.conn.close()


def organisation(site, *columns):
    db = db_of(site)
    try:
        return db.execute(f"SELECT {', '.join(columns)} FROM organisation").fetchone()
    finally:
        db.conn.close()


@pytest.fixture
def hanako(site, approved):
    member = Staff(site, "hanako@example.test")
    member.enrol()
    member.get("/organisations/home")
    return member


def test_valid_staff_file(site, hanako):
    assert hanako.post("/organisations/probe/file").text == "filed"


def test_lapsed_staff_read_but_do_not_file(site, hanako):
    set_valid_until(site, today_in_japan() - datetime.timedelta(days=1))
    home = hanako.get("/organisations/home")
    assert home.status_code == 200 and 'id="standing-refusal"' in home.text and "定期報告" in home.text
    refused = hanako.post("/organisations/probe/file")
    assert refused.status_code == 303 and refused.location.endswith("/organisations/home")
    assert "定期報告" in hanako.get("/organisations/home").text


def test_the_last_day_still_files(site, hanako):
    set_valid_until(site, today_in_japan())
    assert hanako.post("/organisations/probe/file").text == "filed"


def test_a_periodic_report_renews_for_a_year(site, hanako, officers):
    set_valid_until(site, today_in_japan() - datetime.timedelta(days=3))
    with site.app_context():
        assert steps.daily(db_of(site))[0] == 1
    assert organisation(site, "state")[0] == "lapsed"
    hanako.get("/organisations/report")
    assert hanako.post("/organisations/report", {"changes": ""}).status_code == 400  # no declaration
    assert hanako.post("/organisations/report", {"declaration": "1", "changes": "代表者が交代しました。"}).status_code == 303
    public_id = organisation(site, "public_id")[0]
    examiner = officers("kakari2@example.test")
    supervisor = officers("kessai2@example.test", role="supervisor", name="試験 決裁者")
    assert public_id in examiner.page("/console/organisations").text
    page = examiner.page(f"/console/organisations/{public_id}")
    assert "代表者が交代しました。" in page.text
    assert console_post(examiner, f"/console/organisations/{public_id}/propose", outcome="approve").status_code == 403
    assert console_post(examiner, f"/console/organisations/{public_id}/propose", outcome="renew").status_code == 303
    assert console_post(supervisor, f"/console/organisations/{public_id}/approve").status_code == 303
    state, valid_until = organisation(site, "state", "valid_until")
    today = today_in_japan()
    assert state == "approved"
    assert valid_until == (today.replace(year=today.year + 1) - datetime.timedelta(days=1)).isoformat()
    assert [to for to, _s, _t in mails(site, "organisation_report_decided")] == ["hanako@example.test"]
    assert hanako.post("/organisations/probe/file").text == "filed"


def test_reminders_30_and_7_days_before_once_each(site, hanako):
    today = today_in_japan()
    set_valid_until(site, today + datetime.timedelta(days=29))  # 30 days left, today counted
    db = db_of(site)
    with site.app_context():
        assert steps.daily(db) == (0, 1)
        assert steps.daily(db) == (0, 0)
        assert steps.daily(db, today + datetime.timedelta(days=23)) == (0, 1)  # 7 days left
        assert steps.daily(db, today + datetime.timedelta(days=24)) == (0, 0)
    db.conn.close()
    sent = mails(site, "organisation_validity")
    assert [to for to, _s, _t in sent] == ["hanako@example.test"] * 2
    assert "定期報告" in sent[0][2]


def test_the_daily_command_lapses_and_says_so(site, hanako):
    set_valid_until(site, today_in_japan() - datetime.timedelta(days=1))
    result = site.test_cli_runner().invoke(args=["organisation-reminders"])
    assert result.exit_code == 0 and "1 lapsed" in result.output
    assert organisation(site, "state")[0] == "lapsed"
