"""A site in the test client that trusts the session's test CA, an account bound to the session card,
and a logged-in client: card tokens come from the in-process virtual card (no pcscd)."""
import json
import re

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from simulator import card_file
from tests.card.conftest import HOLDER, SITE_ORIGIN, card_state, other_card_state, test_ca  # noqa: F401
from tests.card.in_process import token
from tests.conftest import chrome_client
from tests.support.accounts import PASSWORD, create_account
from tests.support.sessions import app_trusting


def certificates(state):
    return tuple(card_file.certificate(state, p).public_bytes(Encoding.DER) for p in ("authentication", "signing"))


def csrf_of(response):
    return re.search(r'name="csrf-token" content="([^"]+)"', response.text).group(1)


def card_answer(client, purpose, state, key="authentication"):
    """What the page posts after the helper answered the challenge for `purpose` (JSON text)."""
    csrf = csrf_of(client.get("/"))
    challenge = client.post(f"/card/challenge/{purpose}", headers={"X-CSRFToken": csrf})
    assert challenge.status_code == 200, challenge.text
    return json.dumps(token(state, SITE_ORIGIN, challenge.json["nonce"], purpose=key))


def log_in(client, account, state):
    answer = card_answer(client, "login", state)
    response = client.post("/login", data={"csrf_token": csrf_of(client.get("/")), "user_id": account["user_id"],
                                           "password": PASSWORD, "card_token": answer})
    assert response.status_code == 303, response.text
    return client


@pytest.fixture
def site(make_app, test_ca):  # noqa: F811
    return app_trusting(make_app, test_ca, SITE_ORIGIN)


@pytest.fixture
def account(site, card_state):  # noqa: F811
    return create_account(site.config["DATABASE"], certificates(card_state), name=HOLDER.name,
                          birth_date=HOLDER.birth_date.isoformat(), email="hanako.test@example.jp")


@pytest.fixture
def member(site, account, card_state):  # noqa: F811
    """A client logged in as `account`, in English so assertions read the msgids."""
    client = chrome_client(site)
    client.set_cookie("lang", "en")
    return log_in(client, account, card_state)


@pytest.fixture
def db(site):
    import store
    database = store.connect(site.config["DATABASE"])
    yield database
    database.conn.close()


@pytest.fixture(scope="session")
def renewed_card(test_ca):  # noqa: F811
    """The same holder's card after renewal: new keys, new certificates."""
    return card_file.issue_card(test_ca, holder=HOLDER)


@pytest.fixture(scope="session")
def twin_card(test_ca):  # noqa: F811
    """Another card with the same name and birth date (a namesake), registered to another account in tests."""
    return card_file.issue_card(test_ca, holder=HOLDER)
