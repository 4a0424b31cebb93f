"""The bureau administrator's page beyond add and disable: re-enable, change a role, a new enrolment link (the
old one dead), reset a security key (the officer enrols again); audited, within their own bureau, never on
their own account."""
import re

import pytest

from console import audit
from rules import console_policy as policy
from tests.console.conftest import OFFICER_PASSWORD, options, token
from tests.support.authenticator import SoftwareKey


@pytest.fixture
def admin(make_officer):
    return make_officer("admin.bureau@bureau.example.jp", role="admin", name="管理 一郎")


def change(admin, officer_id, slug, **data):
    page = admin.page("/console/officers").text
    return admin.client.post(f"/console/officers/{officer_id}/{slug}", data={"csrf": token(page), **data})


def last_actions(db, n=1):
    return [r["action"] for r in audit.rows(db)][-n:]


def enrolment_links(db, email):
    rows = db.execute("SELECT text_body FROM outbox WHERE kind = 'officer_enrolment' AND recipient = ? ORDER BY id",
                      [email]).fetchall()
    return [re.search(r"/console/enrol/([\w-]+)", row[0]).group(1) for row in rows]


def shown_code(page):
    return re.search(r'id="enrolment-code">(\d{8})<', page).group(1)


def test_disable_then_enable_again(admin, make_officer, db):
    examiner = make_officer("back@bureau.example.jp")
    assert change(admin, examiner.row["id"], "disable").status_code == 303
    assert examiner.page("/console/queue").status_code == 302  # the live session ended
    assert change(admin, examiner.row["id"], "disable").status_code == 409  # disabled already: says so
    assert change(admin, examiner.row["id"], "enable").status_code == 303
    assert last_actions(db) == ["officer_enabled"]
    assert examiner.sign_in().status_code == 303 and examiner.page("/console/queue").status_code == 200


def test_change_a_role(admin, make_officer, db):
    examiner = make_officer("promoted@bureau.example.jp")
    assert change(admin, examiner.row["id"], "role", role="supervisor").status_code == 303
    assert db.execute("SELECT role FROM officer WHERE id = ?", [examiner.row["id"]]).fetchone()[0] == "supervisor"
    row = list(audit.rows(db))[-1]
    assert row["action"] == "officer_role_changed"
    assert "examiner" in str(row["detail"]) and "supervisor" in str(row["detail"])
    bad = change(admin, examiner.row["id"], "role", role="chief")
    assert bad.status_code == 400 and "This role does not exist" in bad.text


def test_resend_the_enrolment_the_old_link_dies(admin, make_officer, db):
    newcomer = make_officer("newcomer@bureau.example.jp", enrol=False, sign_in=False)
    old = newcomer.secret
    resent = change(admin, newcomer.row["id"], "resend")
    assert resent.status_code == 200 and resent.headers["Cache-Control"] == "no-store"  # the new code, shown once
    assert last_actions(db, 2) == ["officer_enrolment_code_issued", "officer_enrolment_resent"]
    first, second = enrolment_links(db, "newcomer@bureau.example.jp")
    assert first == old and second != old
    assert newcomer.client.get(f"/console/enrol/{old}").status_code == 404
    newcomer.secret, newcomer.code = second, shown_code(resent.text)
    newcomer.enrol()
    assert newcomer.sign_in().status_code == 303
    assert change(admin, newcomer.row["id"], "resend").status_code == 409  # enrolled: reset the key instead


def test_reset_the_key_the_officer_enrols_again(admin, make_officer, db):
    examiner = make_officer("lostkey@bureau.example.jp")
    reset = change(admin, examiner.row["id"], "reset-key")
    assert reset.status_code == 200
    assert last_actions(db, 2) == ["officer_enrolment_code_issued", "officer_key_reset"]
    assert examiner.page("/console/queue").status_code == 302  # sessions ended
    refused = examiner.sign_in()  # neither the old password nor the old key opens the console now
    assert refused.status_code == 400
    (_, link) = enrolment_links(db, "lostkey@bureau.example.jp")
    examiner.secret, examiner.key = link, SoftwareKey(examiner.site.config["CONSOLE_ORIGIN"])
    examiner.code = shown_code(reset.text)
    examiner.enrol()
    assert examiner.sign_in().status_code == 303 and examiner.page("/console/queue").status_code == 200


def test_an_administrator_cannot_change_their_own_account(admin, db):
    before = len(list(audit.rows(db)))
    for slug, data in (("role", {"role": "examiner"}), ("disable", {}), ("reset-key", {})):
        refused = change(admin, admin.row["id"], slug, **data)
        assert refused.status_code == 403 and "another administrator of your bureau" in refused.text
    assert db.execute("SELECT role, disabled_at FROM officer WHERE id = ?", [admin.row["id"]]).fetchone() == ("admin", None)
    assert len(list(audit.rows(db))) == before
    assert admin.page("/console/queue").status_code == 404 and admin.page("/console/officers").status_code == 200


def test_another_bureaus_officer_is_404_for_every_change(admin, make_officer, db):
    osaka = make_officer("osaka.staff@bureau.example.jp", office="osaka")
    for slug in ("role", "enable", "disable", "resend", "reset-key"):
        assert change(admin, osaka.row["id"], slug, role="supervisor").status_code == 404
    assert db.execute("SELECT role, disabled_at FROM officer WHERE id = ?", [osaka.row["id"]]).fetchone() == (
        "examiner", None)
    assert change(admin, osaka.row["id"], "no-such-action").status_code == 404


def test_only_an_administrator_changes_officers(make_officer):
    supervisor = make_officer("sv.staff@bureau.example.jp", role="supervisor")
    examiner = make_officer("ex.staff@bureau.example.jp")
    forged = supervisor.client.post(f"/console/officers/{examiner.row['id']}/disable",
                                    data={"csrf": token(supervisor.page("/console/queue").text)})
    assert forged.status_code == 404


def test_the_staff_actions_rule():
    me = {"id": 1, "disabled_at": None, "password_hash": "h"}
    assert policy.staff_actions(1, me) == []
    enrolled = {"id": 2, "disabled_at": None, "password_hash": "h"}
    assert policy.staff_actions(1, enrolled) == ["change_role", "reset_key", "disable"]
    waiting = {"id": 3, "disabled_at": None, "password_hash": None}
    assert policy.staff_actions(1, waiting) == ["change_role", "resend_enrolment", "disable"]
    assert policy.staff_actions(1, {"id": 4, "disabled_at": 5.0, "password_hash": "h"}) == ["enable"]
    with pytest.raises(policy.Refused) as refused:
        policy.check_staff_action(1, me, "disable")
    assert refused.value.code == "yourself"


def test_two_administrators_removing_each_other_at_once_leave_one(admin, make_officer, db, site):
    """Each passed the page's checks before the other's change committed (their rows as read then): the second
    change, checked inside its own transaction, is refused and the bureau keeps an enabled administrator."""
    from console.cli import change_officer
    other = make_officer("admin.second@bureau.example.jp", role="admin", name="管理 二郎")
    first_row, second_row = dict(admin.row), dict(other.row)
    with site.app_context():
        change_officer(db, second_row, "disable", by=first_row)
        with pytest.raises(policy.Refused) as refused:
            change_officer(db, first_row, "disable", by=second_row)
    assert refused.value.code == "last_admin"
    assert db.execute("SELECT COUNT(*) FROM officer WHERE role = 'admin' AND disabled_at IS NULL").fetchone()[0] == 1


@pytest.mark.parametrize("first, second", [("role", "role"), ("role", "disable"), ("disable", "role")])
def test_demoting_or_disabling_the_last_administrator_is_refused(admin, make_officer, db, site, first, second):
    from console.cli import change_officer
    other = make_officer("admin.third@bureau.example.jp", role="admin", name="管理 三郎", office="yokohama")
    slugs = {"role": "change_role", "disable": "disable"}
    with site.app_context():
        change_officer(db, dict(other.row), slugs[first], by=dict(admin.row), role="examiner")
        with pytest.raises(policy.Refused, match="without an enabled administrator"):
            change_officer(db, dict(admin.row), slugs[second], by=dict(other.row), role="examiner")
    assert db.execute("SELECT COUNT(*) FROM officer WHERE role = 'admin' AND disabled_at IS NULL").fetchone()[0] == 1


def test_the_operator_cannot_disable_the_last_administrator(admin, site):
    result = site.test_cli_runner().invoke(args=["officer", "disable", admin.email])
    assert result.exit_code != 0 and "without an enabled administrator" in result.output
