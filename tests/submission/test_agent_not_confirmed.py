"""A filing agent prepares drafts at once but signs and submits only once the bureau of their office confirmed
them; the refusal says who confirms and what happens next. Other kinds sign as before."""
import pytest

from applications import records
from tests.card.conftest import HOLDER
from tests.submission.conftest import certificates, logged_in, post_submit, signed
from tests.support import applications as samples
from tests.support.accounts import create_account
from tests.support.sessions import csrf_token

FAKE_SIGNATURE = '{"certificate": "AAAA", "signature": "AAAA"}'


@pytest.fixture
def agent(database, card_state):
    return create_account(database, certificates(card_state), name=HOLDER.name,
                          birth_date=HOLDER.birth_date.isoformat(), email="agent.test@example.jp",
                          residence_card_number=None, nationality="JP", kind="agent", language="en", password=None,
                          agent={"bureau": "yokohama"})


@pytest.fixture
def agents_draft(database, agent):
    return samples.create_draft(database, agent["id"], (3, 6), samples.extension_with_reentry(),
                                status_code="engineer_specialist", reentry_kind="single")


def set_state(db, account_id, state):
    db.execute("UPDATE agent_registration SET state = ? WHERE account_id = ?", [state, account_id])


def test_an_agent_awaiting_confirmation_cannot_sign_and_is_told_what_happens_next(site, agent, agents_draft, db):
    client = logged_in(site, agent)
    public_id = agents_draft["public_id"]
    review = client.get(f"/applications/{public_id}/review")
    assert review.status_code == 200
    said = ("Your registration as a filing agent is being confirmed by Yokohama District Office. You can keep "
            "preparing drafts and submit once it is confirmed; we will email you.")
    assert said in review.text and 'id="signing-blocked"' in review.text
    request = client.post(f"/applications/{public_id}/sign-request",
                          headers={"X-CSRFToken": csrf_token(client), "Accept": "application/json"})
    assert request.status_code == 409 and request.json["error"]["code"] == "agent_not_confirmed"
    assert request.json["error"]["message"] == said
    response = post_submit(client, public_id, FAKE_SIGNATURE)
    assert response.status_code == 400 and said in response.text
    row = records.by_public_id(db, public_id)
    assert row["state"] == "draft" and row["receipt_number"] is None and row["signature"] is None
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'receipt'").fetchone()[0] == 0
    # the draft itself can still be changed
    assert client.get(f"/applications/{public_id}/form/applicant").status_code == 200


def test_a_refused_agent_is_told_to_read_the_reason(site, agent, agents_draft, db):
    set_state(db, agent["id"], "refused")
    client = logged_in(site, agent)
    request = client.post(f"/applications/{agents_draft['public_id']}/sign-request",
                          headers={"X-CSRFToken": csrf_token(client), "Accept": "application/json"})
    assert request.status_code == 409
    assert request.json["error"]["message"].startswith("Yokohama District Office refused your registration")


def test_a_confirmed_agent_signs_and_submits(site, agent, agents_draft, db, card_state):
    set_state(db, agent["id"], "confirmed")
    client = logged_in(site, agent)
    public_id = agents_draft["public_id"]
    response = post_submit(client, public_id, signed(client, public_id, card_state))
    assert response.status_code == 303, response.text
    assert records.by_public_id(db, public_id)["state"] == "received"


def test_my_page_shows_the_agents_confirmation(site, agent, db):
    client = logged_in(site, agent)
    page = client.get("/my").text
    assert "Awaiting confirmation by the bureau · Yokohama District Office" in page
    assert "Residence card number" not in page.split("<main", 1)[1].split("Change your email", 1)[0]
    set_state(db, agent["id"], "confirmed")
    page = client.get("/my").text
    assert "Confirmed by the bureau · Yokohama District Office" in page and "is being confirmed" not in page
    client.set_cookie("lang", "ja")
    assert "地方局の確認済み" in client.get("/my").text


def test_a_japanese_national_signs_without_confirmation(site, database, card_state):
    national = create_account(database, certificates(card_state), name=HOLDER.name,
                              birth_date=HOLDER.birth_date.isoformat(), email="national.test@example.jp",
                              residence_card_number=None, nationality="JP", kind="japanese_national",
                              language="en", password=None)
    draft = samples.create_draft(database, national["id"], (3, 6), samples.extension_with_reentry(),
                                 status_code="engineer_specialist", reentry_kind="single")
    client = logged_in(site, national)
    response = post_submit(client, draft["public_id"], signed(client, draft["public_id"], card_state))
    assert response.status_code == 303, response.text
