"""A site trusting the session's test CA, an applicant bound to the session card, a logged-in client, and
complete drafts made through applications.records; signatures come from the in-process virtual card."""
import base64
import json
import secrets

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

import store
from simulator import card_file
from tests.card.conftest import HOLDER, OTHER_HOLDER, SITE_ORIGIN, card_state, other_card_state, test_ca  # noqa: F401
from tests.card.in_process import document_signature
from tests.conftest import chrome_client
from tests.support import applications as samples
from tests.support.accounts import create_account
from tests.support.sessions import csrf_token, log_in
from tests.support.sessions import app_trusting


def certificates(state):
    return tuple(card_file.certificate(state, p).public_bytes(Encoding.DER) for p in ("authentication", "signing"))


@pytest.fixture
def site(make_app, test_ca):  # noqa: F811
    return app_trusting(make_app, test_ca, SITE_ORIGIN)


@pytest.fixture
def database(site):
    return site.config["DATABASE"]


@pytest.fixture
def db(database):
    connection = store.connect(database)
    yield connection
    connection.conn.close()


@pytest.fixture
def account(database, card_state):  # noqa: F811
    return create_account(database, certificates(card_state), name=HOLDER.name,
                          birth_date=HOLDER.birth_date.isoformat(), email="hanako.test@example.jp",
                          residence_card_number="AB12345678CD", language="en",
                          password=None)  # logged in by a session row: no slow password hash


@pytest.fixture
def other_account(database, other_card_state):  # noqa: F811
    return create_account(database, certificates(other_card_state), name=OTHER_HOLDER.name,
                          birth_date=OTHER_HOLDER.birth_date.isoformat(), email="taro.test@example.jp",
                          residence_card_number="CD98765432EF", language="ja",
                          password=None)


def logged_in(site, account):
    client = chrome_client(site)
    client.set_cookie("lang", "en")  # assertions read the English msgids
    return log_in(client, site.config["DATABASE"], account)


@pytest.fixture
def member(site, account):
    return logged_in(site, account)


@pytest.fixture
def draft(database, account):
    """A complete extension with a single re-entry permit (collected at the counter, Tokyo)."""
    return samples.create_draft(database, account["id"], (3, 6), samples.extension_with_reentry(),
                                status_code="engineer_specialist", reentry_kind="single")


def sign_request(client, public_id):
    response = client.post(f"/applications/{public_id}/sign-request",
                           headers={"X-CSRFToken": csrf_token(client), "Accept": "application/json"})
    assert response.status_code == 200, response.text
    return response.json


def signed(client, public_id, state):
    """The helper's sign result for what the server asks to sign (JSON text, as the page posts it)."""
    request = sign_request(client, public_id)
    return json.dumps(document_signature(state, base64.b64decode(request["digest"])))


def post_submit(client, public_id, signature, submit_key=None, csrf=True):
    submit_key = submit_key or secrets.token_urlsafe(24)
    data = {"signature": signature, "submit_key": submit_key}
    if csrf:
        data["csrf_token"] = csrf_token(client)
    return client.post(f"/applications/{public_id}/submit", data=data)
