"""Registering a renewed card: authentication then signing certificate; the holder must be the account's."""
import html

import pytest

from accounts import records
from tests.conftest import chrome_client
from tests.profile.conftest import card_answer, certificates, csrf_of, log_in
from tests.support.accounts import create_account


def renew_authentication(member, state):
    answer = card_answer(member, "renew_authentication", state)
    return member.post("/profile/certificates/authentication",
                       data={"csrf_token": csrf_of(member.get("/profile/certificates")), "card_token": answer})


def renew_signing(member, state, key="signing"):
    answer = card_answer(member, "renew_signing", state, key=key)
    return member.post("/profile/certificates/signing",
                       data={"csrf_token": csrf_of(member.get("/")), "card_token": answer})


def stored_certificates(db, account):
    row = records.account_by_id(db, account["id"])
    return row["auth_certificate"], row["sign_certificate"]


def test_renewed_card_replaces_both_certificates(site, member, db, account, card_state, renewed_card):
    first = renew_authentication(member, renewed_card)
    assert first.status_code == 303 and first.headers["Location"].endswith("/profile/certificates/signing")
    assert stored_certificates(db, account) == certificates(card_state)  # nothing changes after one step
    second = renew_signing(member, renewed_card)
    assert second.status_code == 303
    assert stored_certificates(db, account) == certificates(renewed_card)
    row = records.account_by_id(db, account["id"])
    import hashlib
    assert row["auth_fingerprint"] == hashlib.sha256(certificates(renewed_card)[0]).hexdigest()
    assert row["sign_fingerprint"] == hashlib.sha256(certificates(renewed_card)[1]).hexdigest()
    assert "renewed card are registered" in member.get("/profile").text
    assert db.execute("SELECT COUNT(*) FROM card_proof").fetchone()[0] == 0
    # From now on the new card logs in.
    log_in(chrome_client(site), account, renewed_card)


def test_another_persons_card_is_refused_and_nothing_is_stored(member, db, account, card_state, other_card_state):
    assert renew_authentication(member, other_card_state).status_code == 303  # no name in this certificate
    refused = renew_signing(member, other_card_state)
    assert refused.status_code == 403
    assert "is not the one registered for your account" in html.unescape(refused.text)
    assert stored_certificates(db, account) == certificates(card_state)


def test_a_card_registered_to_another_account_is_refused(site, member, db, account, card_state, renewed_card,
                                                         twin_card):
    create_account(site.config["DATABASE"], certificates(twin_card), email="namesake@example.jp",
                   residence_card_number="ZZ11111111ZZ")
    refused = renew_authentication(member, twin_card)
    assert refused.status_code == 409 and "registered to another account" in refused.text
    # The same check holds for the signing certificate, inside the transaction that would store it.
    renew_authentication(member, renewed_card)
    refused = renew_signing(member, twin_card)
    assert refused.status_code == 409 and "registered to another account" in refused.text
    assert stored_certificates(db, account) == certificates(card_state)


def test_signing_step_needs_the_authentication_step_first(member, db, account, card_state, renewed_card):
    assert member.get("/profile/certificates/signing").headers["Location"].endswith("/profile/certificates")
    response = renew_signing(member, renewed_card)
    assert response.status_code == 303 and response.headers["Location"].endswith("/profile/certificates")
    assert "Read your user authentication certificate first" in member.get("/profile/certificates").text
    assert stored_certificates(db, account) == certificates(card_state)


def test_wrong_key_or_no_answer(member, db, account, card_state, renewed_card):
    renew_authentication(member, renewed_card)
    wrong_key = renew_signing(member, renewed_card, key="authentication")
    assert wrong_key.status_code == 400 and 'id="card-error"' in wrong_key.text
    empty = member.post("/profile/certificates/signing", data={"csrf_token": csrf_of(member.get("/"))})
    assert empty.status_code == 400 and "Read your My Number Card" in empty.text
    hostile = member.post("/profile/certificates/signing",
                          data={"csrf_token": csrf_of(member.get("/")), "card_token": "{" * 20000})
    assert hostile.status_code == 400
    assert stored_certificates(db, account) == certificates(card_state)


@pytest.mark.parametrize("path", ["/profile/certificates/authentication", "/profile/certificates/signing"])
def test_missing_csrf(member, db, account, card_state, renewed_card, path):
    answer = card_answer(member, "renew_authentication", renewed_card)
    assert member.post(path, data={"card_token": answer}).status_code == 400
    assert stored_certificates(db, account) == certificates(card_state)
    assert db.execute("SELECT COUNT(*) FROM card_proof").fetchone()[0] == 0


def test_pages_in_japanese_and_chinese(member):
    for lang, text in (("ja", "マイナンバーカード"), ("zh", "个人编号卡")):
        member.set_cookie("lang", lang)
        for path in ("/profile", "/profile/certificates", "/profile/email", "/profile/phone"):
            response = member.get(path)
            assert response.status_code == 200
        assert text in member.get("/profile/certificates").text


def test_my_page_links_to_the_profile(member):
    page = member.get("/my")
    assert page.status_code == 200 and 'href="/profile"' in page.text


def test_renewal_card_steps_draw_on_the_card_budget(site, member, db, account, card_state):
    """Each renewal step makes the server verify a card token: like every card step, it is rate-limited."""
    site.config["CARD_LIMIT_PER_IP"] = "4 per 15 minutes"  # a new limit: its own count, from zero
    codes = [member.post(path, data={"csrf_token": csrf_of(member.get("/")), "card_token": "{}"}).status_code
             for path in ("/profile/certificates/authentication", "/profile/certificates/signing") * 2]
    assert codes == [400, 303, 400, 303]  # signing without the first step goes back to it
    refused = member.post("/profile/certificates/authentication",
                          data={"csrf_token": csrf_of(member.get("/")), "card_token": "{}"})
    assert refused.status_code == 429 and "try again" in refused.text.lower()
    assert stored_certificates(db, account) == certificates(card_state)
