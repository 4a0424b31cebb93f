"""An approved organisation with a signed-in staff member, and another organisation's (made-up names)."""
import datetime
import io

import pytest

from organisations import records
from organisations.session import STAFF_SID
from rules.clock import today_in_japan
from store.db import connect, migrate, transaction
from tests.conftest import chrome_client
from tests.support.applications import photo_jpeg


def staff_client(app, name, email, corporate_number="7010705000725"):
    """A client signed in as the staff member of a new approved organisation; (client, organisation row)."""
    db = migrate(connect(app.config["DATABASE"]))
    try:
        with transaction(db):
            organisation = records.create_organisation(
                db, kind="receiving", receiving_kind="company", name=name, corporate_number=corporate_number,
                postal_code="1000001", address="東京都千代田区千代田1-1", bureau="tokyo", contact_email=email)
            valid_until = (today_in_japan() + datetime.timedelta(days=200)).isoformat()
            records.update_organisation(db, organisation["id"], state="approved", valid_until=valid_until)
            member = records.add_staff(db, organisation["id"], name="山田 花子", email=email)
            secret = records.start_session(db, member["id"])
        organisation = records.organisation_by_id(db, organisation["id"])
    finally:
        db.conn.close()
    client = chrome_client(app)
    with client.session_transaction() as session:
        session[STAFF_SID] = secret
    return client, organisation


def add_photos(client, location, numbers):
    """Each numbered row of the batch at `location` given the person's photo, as the batch's page adds it."""
    for number in numbers:
        response = client.post(f"{location}/rows/{number}/attachments",
                               data={"kind": "photo", "file": (io.BytesIO(photo_jpeg()), "photo.jpg")},
                               content_type="multipart/form-data")
        assert response.status_code == 303, response.get_data(as_text=True)


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))


@pytest.fixture
def staff(app):
    return staff_client(app, "架空商事株式会社", "soumu@example.test")


@pytest.fixture
def other_staff(app):
    return staff_client(app, "架空学園", "jimu@example.test")
