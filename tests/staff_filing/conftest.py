"""Staff-filing fixtures: an approved organisation (made through organisations.records, as the bureau's approval
leaves it), staff members with a passkey registered by a real WebAuthn ceremony of a software authenticator, and
test clients holding their staff sessions."""
import datetime
import re

import pytest
from webauthn import generate_registration_options, options_to_json, verify_registration_response
from webauthn.helpers.structs import AuthenticatorSelectionCriteria, UserVerificationRequirement

import store
from rules.clock import today_in_japan
from organisations import records
from organisations.session import STAFF_SID
from tests.conftest import chrome_client
from tests.support.applications import _corporate_number
from tests.support.authenticator import SoftwareKey

SITE = "http://localhost:5000"
RP_ID = "localhost"


@pytest.fixture
def site(make_app):
    return make_app(SITE_ORIGIN=SITE)


@pytest.fixture
def db(site):
    connection = store.connect(site.config["DATABASE"])
    yield connection
    connection.conn.close()


def register(db, staff, key):
    """A passkey registered to `staff` as enrolment leaves it (the ceremony's own checks run)."""
    options = generate_registration_options(
        rp_id=RP_ID, rp_name="test", user_id=f"staff-{staff['id']}".encode(), user_name=staff["email"],
        authenticator_selection=AuthenticatorSelectionCriteria(user_verification=UserVerificationRequirement.REQUIRED))
    verified = verify_registration_response(
        credential=key.create(options_to_json(options)), expected_challenge=options.challenge, expected_rp_id=RP_ID,
        expected_origin=SITE, require_user_verification=True)
    with store.transaction(db):
        records.add_credential(db, staff["id"], verified.credential_id, verified.credential_public_key,
                               verified.sign_count)


class Member:
    """A staff member of an organisation, signed in, with a software passkey."""

    def __init__(self, site, db, organisation, staff, language="en"):
        self.site, self.db, self.organisation, self.staff = site, db, organisation, staff
        self.key = SoftwareKey(SITE)
        register(db, staff, self.key)
        self.client = chrome_client(site)
        self.client.set_cookie("lang", language)
        with store.transaction(db):
            secret = records.start_session(db, staff["id"])
        with self.client.session_transaction() as session:
            session[STAFF_SID] = secret

    def csrf(self, path="/organisations/people"):
        return re.search(r'name="csrf-token" content="([^"]+)"', self.client.get(path).text).group(1)

    def post(self, path, data, csrf_from="/organisations/people"):
        return self.client.post(path, data={"csrf_token": self.csrf(csrf_from), **data})


@pytest.fixture
def make_organisation(site, db):
    def build(name="株式会社テスト工業", kind="receiving", receiving_kind="company", state="approved",
              valid_days=200, bureau="tokyo"):
        today = today_in_japan()
        with store.transaction(db):
            organisation = records.create_organisation(
                db, kind=kind, receiving_kind=receiving_kind if kind == "receiving" else None, name=name,
                corporate_number=_corporate_number(), postal_code="1600023", address="東京都新宿区西新宿二丁目８番１号",
                bureau=bureau, contact_email="soumu@example.jp", phone="0312345678")
            records.update_organisation(db, organisation["id"], state=state, approved_at=0,
                                        valid_until=(today + datetime.timedelta(days=valid_days)).isoformat())
        return records.organisation_by_id(db, organisation["id"])
    return build


@pytest.fixture
def make_member(site, db):
    counter = iter(range(1, 100))

    def build(organisation, name="人事 花子", language="en"):
        with store.transaction(db):
            staff = records.add_staff(db, organisation["id"], name=name, email=f"staff{next(counter)}@example.jp",
                                      language=language)
        return Member(site, db, organisation, staff, language)
    return build


@pytest.fixture
def organisation(make_organisation):
    return make_organisation()


@pytest.fixture
def member(make_member, organisation):
    return make_member(organisation)
