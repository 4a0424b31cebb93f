"""A pcscd without any reader: the helper says so with its own code and message."""
import pytest
import requests

from tests.card.conftest import SITE_ORIGIN
from tests.support.pcsc import started_stack
from tests.support.processes import free_port

pytestmark = pytest.mark.pcsc


@pytest.fixture(scope="module")
def readerless(tmp_path_factory):
    yield from started_stack(tmp_path_factory, with_reader=False)


def test_no_reader(readerless):
    port = free_port()
    readerless.helper([SITE_ORIGIN], port)
    helper = f"http://127.0.0.1:{port}"
    status = requests.get(f"{helper}/v1/status", headers={"Origin": SITE_ORIGIN}, timeout=10).json()
    assert status["error"]["code"] == "no_reader" and status["reader"] is None
    op = requests.post(f"{helper}/v1/operations", json={"kind": "authenticate", "nonce": "n" * 44, "lang": "ja"},
                       headers={"Origin": SITE_ORIGIN}, timeout=10).json()
    page = requests.get(op["prompt_url"], timeout=10)
    assert page.status_code == 503 and "ICカードリーダライタが見つかりません" in page.text
