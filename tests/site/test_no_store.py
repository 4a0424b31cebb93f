"""No page is kept in a browser's or a proxy's cache; static files are (issue 9, defect 9)."""
import pytest

from tests.applications.conftest import start
from tests.support.logged_in import logged_in_client


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))


def test_every_page_with_personal_data_is_no_store(app):
    client, _ = logged_in_client(app, 1)
    draft = start(client).location.rsplit("/", 1)[-1]
    for path in ("/my", "/profile", "/applications", f"/applications/{draft}",
                 f"/applications/{draft}/form/applicant", f"/applications/{draft}/attachments",
                 f"/applications/{draft}/review", "/nope"):
        response = client.get(path)
        assert response.status_code < 500 and response.headers.get("Cache-Control") == "no-store", path
    assert "no-store" not in client.get("/static/css/site.css").headers.get("Cache-Control", "")
