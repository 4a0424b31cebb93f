"""A person an organisation files for who has an account of their own reads the application on their own pages, "filed
by" the staff member of the organisation: when the organisation or its staff member is renamed, the pages kept
rendered for the person's account (page_cache) show the new name at once, never the old one."""
import html

import pytest

import store
from applications import records
from tests.conftest import chrome_client
from tests.staff_filing.test_filing import complete, sign_and_submit, started
from tests.support.accounts import create_account
from tests.support.sessions import log_in


@pytest.fixture
def filed_for_account(site, db, member):
    """(the person's logged-in client, the application its organisation submitted for them): the receipt is
    mailed to the staff member and to the person, each in their language."""
    account = create_account(site.config["DATABASE"], (b"wang-fang-auth", b"wang-fang-sign"), name="WANG FANG",
                             birth_date="1995-04-01", email="wang.fang@example.jp",
                             residence_card_number="AB12345678CD", language="ja")
    public_id = started(member)
    complete(site, db, member, public_id)
    assert sign_and_submit(member, public_id)[0].status_code == 303
    application = records.by_public_id(db, public_id)
    assert application["applicant_account_id"] == account["id"]
    receipts = db.execute("SELECT recipient, language FROM outbox WHERE kind = 'receipt' ORDER BY id").fetchall()
    assert [tuple(r) for r in receipts] == [(member.staff["email"], "en"), ("wang.fang@example.jp", "ja")]
    return log_in(chrome_client(site), site.config["DATABASE"], account), application


@pytest.mark.parametrize("table, column, value", [
    ("organisation", "organisation_id", "株式会社改称工業"),
    ("organisation_staff", "filed_by_staff", "人事 春子"),
])
def test_a_new_name_of_the_filer_shows_on_the_persons_kept_pages(db, filed_for_account, table, column, value):
    client, application = filed_for_account
    client.set_cookie("lang", "ja")
    pages = ("/applications", f"/applications/{application['public_id']}/status")
    for path in pages:  # kept; the second view is served from the store (and checked against a fresh render)
        assert client.get(path).status_code == 200 and client.get(path).status_code == 200
    with store.transaction(db):
        db.execute(f"UPDATE {table} SET name = ? WHERE id = ?", [value, application[column]])
    for path in pages:
        assert value in html.unescape(client.get(path).get_data(as_text=True)), path



def test_applications_filed_before_their_applicant_was_recorded_get_it_by_command(site, db, filed_for_account):
    """Made before migration 23, an organisation's application had no applicant's columns: the person never found
    it. `flask application staff-applicants` writes them from the answers, once."""
    client, application = filed_for_account
    with store.transaction(db):
        db.execute("UPDATE application SET applicant_key = '', applicant_name = '', applicant_birth_date = '', "
                   "applicant_account_id = NULL WHERE id = ?", [application["id"]])
    status = f"/applications/{application['public_id']}/status"
    assert client.get(status).status_code == 404
    result = site.test_cli_runner().invoke(args=["application", "staff-applicants"])
    assert result.exit_code == 0 and "written for 1 application(s)" in result.output, result.output
    restored = records.by_id(db, application["id"])
    assert restored["applicant_account_id"] == application["applicant_account_id"]
    assert restored["applicant_key"] == application["applicant_key"] != ""
    assert client.get(status).status_code == 200
    again = site.test_cli_runner().invoke(args=["application", "staff-applicants"])
    assert "written for 0 application(s)" in again.output
