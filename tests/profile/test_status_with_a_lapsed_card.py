"""F05: a foreign resident's My Number Card lapses with the period of stay unless the municipality extends it; during
the 特例期間 of a pending change or extension the applicant still signs in with the password and the card last
registered, to read the status only (the agency's system since 2026-01: login and status inquiry, no uploads)."""
import datetime

import pytest

from simulator import card_file
from tests.card.conftest import HOLDER, OTHER_HOLDER
from tests.conftest import chrome_client
from tests.profile.conftest import card_answer, certificates, csrf_of
from tests.support import applications as samples
from tests.support.accounts import PASSWORD, create_account


@pytest.fixture
def lapsed_card(test_ca):
    yesterday = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    return card_file.issue_card(test_ca, holder=HOLDER, not_after=yesterday)


@pytest.fixture
def holder_account(site, lapsed_card):
    return create_account(site.config["DATABASE"], certificates(lapsed_card), name=HOLDER.name,
                          birth_date=HOLDER.birth_date.isoformat(), email="lapsed@example.jp",
                          residence_card_number="LP12345678SE")


def pending(site, db, account, procedures=(3,), state="documents_requested"):
    data = {**samples.extension_with_reentry(), "current_period": "1y"} if 3 in procedures else \
        samples.sample_answers(procedures, "engineer_specialist")
    row = samples.create_draft(site.config["DATABASE"], account["id"], procedures, data,
                               status_code="engineer_specialist")
    db.execute("UPDATE application SET state = ?, submitted_at = ?, receipt_number = ? WHERE id = ?",
               [state, datetime.datetime.now().timestamp(), f"TEST{row['id']:08d}", row["id"]])
    return row


def attempt(client, account, state, password=PASSWORD):
    client.set_cookie("lang", "en")
    return client.post("/login", data={"csrf_token": csrf_of(client.get("/")), "user_id": account["user_id"],
                                       "password": password, "card_token": card_answer(client, "login", state)})


def test_f05_a_lapsed_card_reads_the_status_of_a_pending_extension_and_uploads_nothing(
        site, db, holder_account, lapsed_card):
    row = pending(site, db, holder_account, (3, 6))
    client = chrome_client(site)
    signed_in = attempt(client, holder_account, lapsed_card)
    status = f"/applications/{row['public_id']}/status"
    assert signed_in.status_code == 303 and signed_in.headers["Location"].endswith(status)
    page = client.get(status)
    assert page.status_code == 200 and "you can still read its status" in page.text
    assert 'id="card-lapsed"' in page.text and "municipality office" in page.text
    assert 'action="/applications/%s/documents"' % row["public_id"] not in page.text
    for path in ("/my", "/applications", "/profile"):
        moved = client.get(path)
        assert moved.status_code == 303 and moved.headers["Location"].endswith(status), path
    refused = client.post(f"{status[:-len('/status')]}/documents", data={"csrf_token": csrf_of(page)})
    assert refused.status_code == 403 and "municipality office" in refused.text
    assert db.execute("SELECT COUNT(*) FROM application_attachment WHERE kind = 'requested'").fetchone()[0] == 0


def test_f05_a_status_only_session_cannot_withdraw_either(site, db, holder_account, lapsed_card):
    """Every change is refused to a status-only session, not only the uploads: withdrawing once went through."""
    row = pending(site, db, holder_account, (3, 6), state="under_review")
    client = chrome_client(site)
    attempt(client, holder_account, lapsed_card)
    base = f"/applications/{row['public_id']}"
    page = client.get(base + "/status")
    refused = client.post(base + "/withdraw", data={"csrf_token": csrf_of(page)})
    assert refused.status_code == 403 and "only read the status" in refused.text
    assert db.execute("SELECT state FROM application WHERE id = ?", [row["id"]]).fetchone()[0] == "under_review"
    assert not db.execute("SELECT 1 FROM audit_log WHERE action = 'withdrawn_by_applicant'").fetchone()


@pytest.mark.parametrize("case", ["no_pending_application", "certificate_of_authorized_employment",
                                  "wrong_password", "someone_elses_lapsed_card"])
def test_f05_a_lapsed_card_signs_in_only_with_the_password_the_registered_card_and_a_pending_change_or_extension(
        site, db, test_ca, holder_account, lapsed_card, case):
    card, password = lapsed_card, PASSWORD
    if case != "no_pending_application":
        pending(site, db, holder_account, (5,) if case == "certificate_of_authorized_employment" else (3,), "received")
    if case == "wrong_password":
        password = "not the password 99"
    if case == "someone_elses_lapsed_card":
        card = card_file.issue_card(test_ca, holder=OTHER_HOLDER, not_after=datetime.datetime.now(
            datetime.timezone.utc) - datetime.timedelta(days=1))
    client = chrome_client(site)
    refused = attempt(client, holder_account, card, password)
    assert refused.status_code == 400 and "expired" in refused.text
    assert client.get("/my").status_code == 302  # not signed in


def test_f05_an_expired_password_is_renewed_first_with_a_lapsed_card_too(site, db, lapsed_card):
    stale = create_account(site.config["DATABASE"], certificates(lapsed_card), name=HOLDER.name,
                           birth_date=HOLDER.birth_date.isoformat(), email="stale@example.jp",
                           residence_card_number="ST12345678AL", password_set_at=datetime.date(2020, 1, 1))
    pending(site, db, stale, (3,), "received")
    client = chrome_client(site)
    moved = attempt(client, stale, lapsed_card)
    assert moved.status_code in (302, 303) and "/password/forgot" in moved.headers["Location"]
    assert client.get("/my").status_code == 302  # not signed in
