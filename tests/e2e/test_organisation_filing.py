"""An organisation's staff member in the browser (Debian's Chromium, a virtual authenticator holding their passkey):
signs in with the password and the passkey, records one of the organisation's people, files an extension for them
in Japanese (the organisation's part of the form pre-filled), signs it with the passkey, gets the receipt; the Tokyo
examiner's case page shows the organisation's signature checked. axe-core on the staff's pages."""
import base64
import datetime
import os

import cbor2
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

import store
from accounts.passwords import hash_password
from app import create_app
from console.cli import add_officer
from organisations import records
from rules import filers
from rules.clock import today_in_japan
from tests.e2e.test_console_journey import clean, enrol_at, open_case, with_security_key
from tests.support import applications as samples
from tests.support.browser import axe_violations
from tests.support.site import LiveSite
from tests.support.submitting import fill_form, upload_photo, words

pytestmark = pytest.mark.e2e
STAFF_PASSWORD = "hr-office-2026-autumn"
TODAY = today_in_japan()  # the site's day: Japan's, not this machine's


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site at localhost: a passkey's relying party is a host name, never an IP address."""
    live = LiveSite(str(tmp_path_factory.mktemp("organisation")), host="localhost")
    yield live
    live.stop()


def seeded_staff(site):
    """An approved organisation and its staff member with a password and a passkey (as enrolment leaves them); the
    passkey's private key, for the browser's virtual authenticator."""
    key = ec.generate_private_key(ec.SECP256R1())
    numbers = key.public_key().public_numbers()
    cose = cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})
    credential_id = os.urandom(32)
    db = store.connect(site.database)
    try:
        with store.transaction(db):
            organisation = records.create_organisation(
                db, kind="receiving", receiving_kind="company", name="株式会社みらい工業",
                corporate_number=samples._corporate_number(), postal_code="1600023",
                address="東京都新宿区西新宿二丁目８番１号", bureau="tokyo", contact_email="jinji@example.jp",
                phone="0312345678")
            records.update_organisation(db, organisation["id"], state="approved", approved_at=0,
                                        valid_until=(TODAY + datetime.timedelta(days=300)).isoformat())
            staff = records.add_staff(db, organisation["id"], name="人事 花子", email="hanako.jinji@example.jp",
                                      is_admin=True)
            records.set_password(db, staff["id"], hash_password(STAFF_PASSWORD))
            records.add_credential(db, staff["id"], credential_id, cose, 0)
    finally:
        db.conn.close()
    private = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return staff, organisation, {"credentialId": base64.b64encode(credential_id).decode(), "isResidentCredential": False,
                                 "rpId": "localhost", "privateKey": base64.b64encode(private).decode(), "signCount": 0}


def with_passkey(new_page, credential):
    page = new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    cdp.send("WebAuthn.addCredential", {"authenticatorId": found["authenticatorId"], "credential": credential})
    return page


def checked(page):
    assert not (found := axe_violations(page)), found


def test_staff_file_an_extension_and_sign_it_with_their_passkey(site, new_page):
    staff, organisation, credential = seeded_staff(site)
    page = with_passkey(new_page, credential)
    page.goto(site.url + "/organisations/signin")
    page.locator("#email").fill(staff["email"])
    page.locator("#password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name=words("ja", "Next: passkey or security key")).click()
    page.get_by_role("button", name=words("ja", "Use the passkey or security key")).click()
    page.wait_for_url("**/organisations/home")

    page.goto(site.url + "/organisations/people")
    checked(page)
    page.get_by_role("link", name=words("ja", "Add a person living in Japan")).click()
    checked(page)
    expires = TODAY + datetime.timedelta(days=40)
    for name, value in (("name", "WANG FANG"), ("birth_date", "1995-04-01"), ("residence_card_number", "AB12345678CD"),
                        ("expiry_date", expires.isoformat())):
        page.locator(f"[name='{name}']").fill(value)
    page.locator("[name='nationality']").select_option("CN")
    page.get_by_role("button", name=words("ja", "Add the person")).click()
    page.wait_for_url("**/organisations/people/*")
    checked(page)

    page.locator("#main-3").check()
    page.locator("[name='status']").select_option("engineer_specialist")
    page.locator("[name='current_period']").select_option("1y")
    page.get_by_role("button", name=words("ja", "Start the application")).click()
    page.wait_for_url("**/applications/*")
    public_id = page.url.rstrip("/").rsplit("/", 1)[1]

    answers = samples.sample_answers((3,), "engineer_specialist", overrides={"extension_page1": {
        "current_status": "engineer_specialist", "prefecture": "13", "municipality": "新宿区", "address_rest": "西新宿二丁目８番１号",
        "occupation": "Software engineer", "home_town": "Shanghai", "reason": "To continue my work."},
        "receipt": {"receipt_method": "counter", "receiving_office": "tokyo"}})
    prefilled = {"name", "birth_date", "nationality", "residence_card_number", "has_residence_card", "expiry_date",
                 "current_period", "filed_by", "notification_email", "organisation_name",
                 "organisation_corporate_number", "organisation_address", "organisation_phone"}
    data = {k: v for k, v in answers.items() if k not in prefilled}
    data[filers.STAFF_KIND] = filers.ORGANISATION  # the form a staff member sees: no "who fills in"
    fill_form(page, (3,), data, "ja")
    upload_photo(page, "ja")
    page.goto(f"{site.url}/applications/{public_id}/review")
    checked(page)
    assert organisation["name"] in page.content()  # the organisation's part, as pre-filled
    page.get_by_role("button", name=words("ja", "Sign with my passkey and submit")).click()
    page.wait_for_url(f"**/applications/{public_id}/received")
    number = page.locator("[data-receipt-number]").inner_text()
    checked(page)
    page.goto(site.url + "/organisations/people")
    assert number in page.content()

    examiner = with_security_key(new_page)
    app = create_app({"MODE": "test", "DATABASE": site.database, "SECRET_KEY": site.env["ORAS_SECRET_KEY"],
                      "SITE_ORIGIN": site.url, "CONSOLE_ORIGIN": site.env["ORAS_CONSOLE_ORIGIN"]})
    with app.app_context():
        db = store.connect(site.database)
        try:
            _row, secret, code = add_officer(db, "shinsa@tokyo.example.jp", "審査 一郎", "tokyo", "examiner")
        finally:
            db.conn.close()
    enrol_at(examiner, (f"{site.console_url}/enrol/{secret}", code), "shinsa@tokyo.example.jp", "examiner")
    open_case(examiner, site, number)
    signed_by = examiner.locator("#signed-by").inner_text()
    assert organisation["name"] in signed_by and staff["name"] in signed_by
    assert examiner.locator("#signature .badge--good").count() == 1
