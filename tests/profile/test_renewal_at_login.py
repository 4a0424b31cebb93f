"""A renewed card at the login page: the old certificate is revoked, so the password and the new card's
signature certificate (same name and birth date) register the new card and log the applicant in."""
import pytest

from blueprints.card import _trust
from simulator import card_file
from tests.card.conftest import HOLDER, OTHER_HOLDER
from tests.conftest import chrome_client
from tests.profile.conftest import card_answer, certificates, csrf_of
from tests.profile.test_certificates import renew_signing, stored_certificates
from tests.support.accounts import PASSWORD, create_account


@pytest.fixture
def old_card(test_ca):
    return card_file.issue_card(test_ca, holder=HOLDER)


@pytest.fixture
def holder_account(site, old_card):
    return create_account(site.config["DATABASE"], certificates(old_card), name=HOLDER.name,
                          birth_date=HOLDER.birth_date.isoformat(), email="renewal@example.jp",
                          residence_card_number="RN12345678EW")


def revoke_authentication(test_ca, state):
    test_ca.revoke("authentication", card_file.certificate(state, "authentication"))
    _trust.cache_clear()  # the site reads the new CRL now rather than at its next reload


def attempt(client, account, state, password=PASSWORD):
    client.set_cookie("lang", "en")
    answer = card_answer(client, "login", state)
    return client.post("/login", data={"csrf_token": csrf_of(client.get("/")), "user_id": account["user_id"],
                                       "password": password, "card_token": answer})


def test_renewed_card_registers_and_logs_in(site, db, test_ca, old_card, holder_account, renewed_card):
    revoke_authentication(test_ca, old_card)
    client = chrome_client(site)
    started = attempt(client, holder_account, renewed_card)
    assert started.status_code == 303 and started.headers["Location"].endswith("/profile/certificates/signing")
    assert client.get("/my").status_code == 302  # not logged in before the signing certificate matched
    assert "register its certificates" in client.get("/profile/certificates/signing").text
    finished = renew_signing(client, renewed_card)
    assert finished.status_code == 303
    assert stored_certificates(db, holder_account) == certificates(renewed_card)
    assert client.get("/my").status_code == 200


def test_another_persons_new_card_is_refused_at_the_signing_step(site, db, test_ca, old_card, holder_account):
    stranger = card_file.issue_card(test_ca, holder=OTHER_HOLDER)
    revoke_authentication(test_ca, old_card)
    client = chrome_client(site)
    assert attempt(client, holder_account, stranger).status_code == 303
    refused = renew_signing(client, stranger)
    assert refused.status_code == 403
    assert stored_certificates(db, holder_account) == certificates(old_card)
    assert client.get("/my").status_code == 302


def test_a_new_card_while_the_old_one_is_in_force_is_just_a_wrong_card(site, holder_account, renewed_card):
    response = attempt(chrome_client(site), holder_account, renewed_card)
    assert response.status_code == 401 and "does not match a registered account" in response.text


def test_wrong_password_with_a_renewed_card_says_nothing_more(site, db, test_ca, old_card, holder_account,
                                                              renewed_card):
    revoke_authentication(test_ca, old_card)
    response = attempt(chrome_client(site), holder_account, renewed_card, password="not the password 99")
    assert response.status_code == 401 and "does not match a registered account" in response.text
    assert db.execute("SELECT COUNT(*) FROM card_proof").fetchone()[0] == 0
