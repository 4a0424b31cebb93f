"""Deeply nested JSON from outside is refused before parsing, never a RecursionError (issue 9, defect 3)."""
import pytest

from applications.lifecycle import parse_sign_result
from jpki import bounded_json
from tests.card.test_helper_api import API, client, post, state  # noqa: F401 - fixtures
from tests.conftest import chrome_client
from verification import TokenShapeError
from verification.checks import parse_token

NESTED = "[" * 5000 + "]" * 5000
NESTED_OBJECT = '{"a":' * 3000 + "1" + "}" * 3000


@pytest.mark.parametrize("text", [NESTED, NESTED_OBJECT, '{"certificate": ' + NESTED + "}"])
def test_token_and_sign_result(text):
    with pytest.raises(TokenShapeError):
        parse_token(text)
    with pytest.raises(TokenShapeError):
        parse_sign_result(text)


def test_depth_is_counted_outside_strings_only():
    assert bounded_json.loads('{"origin": "' + "[" * 50 + '"}', max_bytes=1000) == {"origin": "[" * 50}
    with pytest.raises(bounded_json.JsonRefused):
        bounded_json.loads('{"a": "\\"", "b": ' + "[" * 9 + "]" * 9 + "}", max_bytes=1000)


def test_card_helper_api(client):  # noqa: F811
    response = post(client, "/v1/operations", data=NESTED, headers={**API, "Content-Type": "application/json"})
    assert response.status_code == 400


def test_registration_card_step_refuses_and_is_rate_limited(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, CARD_LIMIT_PER_IP="3 per 15 minutes")
    browser = chrome_client(app)
    codes = [browser.post("/register/card/authentication", data={"card_token": NESTED}).status_code
             for _ in range(4)]
    assert codes == [400, 400, 400, 429]
    assert browser.post("/card/challenge/login").status_code == 429  # one budget for every card step
